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
 * Renders the current row `id` of `table` as canonical JSON into body
 * ("null" when there is no such row).  `select_stmt` caches the prepared
 * SELECT for that table; pass a pointer to a NULL statement the first time.
 */
int journal_render_row(struct db *db, const struct table_def *t, long long id,
		       struct db_stmt **select_stmt, struct buf *body, struct err *e);
/* The SELECT that journal_render_row uses, for callers that walk whole tables
 * (verify): "SELECT <columns> FROM <table>" plus `tail`. */
char *journal_select_sql(const struct table_def *t, const char *tail);
/* Renders the current row of a statement made from journal_select_sql. */
void journal_render_current(struct db_stmt *st, const struct table_def *t, struct buf *body);

#endif
