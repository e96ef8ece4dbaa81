/*
 * tx.h — a write transaction that journals every change it makes.
 *
 * Every write in mamori goes: tx_begin → change rows → tx_record (one journal
 * entry per changed row, with the row's full new state) → tx_commit, which
 * also signs a checkpoint of the new journal head.  On any error the caller
 * calls tx_rollback and nothing is written.
 */
#ifndef MAMORI_TX_H
#define MAMORI_TX_H

#include "store/journal.h"

struct tx {
	struct db *db;
	char *actor;
	char at[32]; /* one instant for the whole transaction */
	struct journal_head head;
	long long first_seq; /* head.seq at begin */
	struct sha256 *sha;
	struct db_stmt *insert;
	struct db_stmt **row_select; /* per schema table, prepared lazily */
	struct buf body;
	struct buf subject;
	/* statements prepared through tx_prepare, reused for the whole transaction */
	struct {
		const char *sql;
		struct db_stmt *st;
	} cache[32];
	int ncache;
};

/* Opens a write transaction for `actor` (e.g. "staff:10234", "cli:root"). */
int tx_begin(struct tx *tx, struct db *db, const char *actor, struct err *e);
/* Journals the current state of table row `id` under `kind` (e.g. "staff.add"). */
int tx_record(struct tx *tx, const char *kind, const char *table, long long id, struct err *e);
/* Appends an entry with an explicit subject and body (canonical JSON). */
int tx_append(struct tx *tx, const char *kind, const char *subject, const char *body,
	      struct err *e);
/*
 * A prepared statement for sql, cached for the life of the transaction and
 * reset for reuse (bulk imports run the same few statements 100,000 times).
 * sql must be a string that outlives the transaction (a literal).
 */
int tx_prepare(struct tx *tx, const char *sql, struct db_stmt **out, struct err *e);
/* Number of entries appended so far. */
long long tx_entries(const struct tx *tx);
/* Signs a checkpoint (when anything was appended), commits, and frees. */
int tx_commit(struct tx *tx, struct err *e);
/* Rolls back and frees; safe after a failed tx_commit. */
void tx_rollback(struct tx *tx);

#endif
