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

/* "SELECT <columns> FROM <table>" plus `tail`, for walking whole tables (verify). */
char *journal_select_sql(const struct table_def *t, const char *tail);
/* Renders (appends) the current row of a statement made from journal_select_sql. */
void journal_render_current(struct db_stmt *st, const struct table_def *t, struct buf *body);

#endif
