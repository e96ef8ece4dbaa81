/*
 * journal.h — the tamper-evident journal (DESIGN.md, contract).
 *
 * journal(seq, at, actor, kind, subject, body, prev, hash): body is the
 * canonical JSON of the full new state of what changed ("null" when a row is
 * removed); hash is the lowercase hex SHA-256 of prev, seq, at, actor, kind,
 * subject and body joined with "\n"; the first entry's prev is 64 zeros.
 *
 * Writes go through struct tx (tx.h), which appends entries inside the same
 * database transaction as the change they record.
 */
#ifndef MAMORI_JOURNAL_H
#define MAMORI_JOURNAL_H

#include "store/db.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/sha256.h"

#define JOURNAL_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

struct journal_head {
	long long seq; /* 0 when the journal is empty */
	char hash[65];
};

int journal_head(struct db *db, struct journal_head *head, struct err *e);

/* Computes an entry's hash per the contract into out[65]. */
void journal_entry_hash(struct sha256 *h, const char *prev, long long seq, const char *at,
			const char *actor, const char *kind, const char *subject, const char *body,
			char out[65]);

/*
 * Where a row's values come from when rendering it: a result row (verify) or
 * the values about to be written (tx_put_row).  Both must render the same
 * bytes for the same state, so there is one renderer.
 */
struct row_source {
	const void *ctx;
	int (*is_null)(const void *ctx, int col);
	long long (*num)(const void *ctx, int col);
	const char *(*str)(const void *ctx, int col);
};

/* Canonical JSON of one row: keys in registry (byte) order. */
void journal_render(const struct table_def *t, const struct row_source *src, struct buf *body);

/*
 * Batch entries (tx_bulk_begin): subject is a bare table name and the body
 * carries many rows of that table, column names once:
 *   {"columns":["asset_no",…,"zone"],"rows":[["A-1",…,"lgwan"],…]}
 * (canonical JSON; columns in registry order, each row's values rendered
 * exactly as in a single-row body).  Zipping the names with one row's values
 * gives that row's single-row body byte for byte, which is what verify
 * compares and what the history of one record shows.
 */
void journal_render_values(const struct table_def *t, const struct row_source *src,
			   struct buf *body);
/* `{"columns":[…],"rows":[` — the caller appends rows and closes with `]}`. */
void journal_render_batch_head(const struct table_def *t, struct buf *body);
int journal_is_batch_subject(const char *subject);

#define JOURNAL_BATCH_MAX_COLUMNS 64
struct journal_batch {
	const char *col[JOURNAL_BATCH_MAX_COLUMNS]; /* each a JSON string in the body */
	size_t col_len[JOURNAL_BATCH_MAX_COLUMNS];
	int ncols, id_col;
	const char *cursor;
	int started; /* a row was read */
};
/* 0, or -1 when body is not a batch body (a tampered or foreign entry). */
int journal_batch_open(struct journal_batch *b, const char *body);
/* 1: the next row's single-row body replaces `row`, its id in *id; 0: no
 * more rows; -1: the body is malformed from here on. */
int journal_batch_next(struct journal_batch *b, struct buf *row, long long *id);

/* "SELECT <columns> FROM <table>" plus `tail`, for walking whole tables (verify). */
char *journal_select_sql(const struct table_def *t, const char *tail);
/* Renders (appends) the current row of a statement made from journal_select_sql. */
void journal_render_current(struct db_stmt *st, const struct table_def *t, struct buf *body);

#endif
