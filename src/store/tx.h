/*
 * tx.h — a write transaction that journals every change it makes.
 *
 * Every write in mamori goes: tx_begin → tx_put_row for each changed row
 * (which writes the row and appends one journal entry with its full new
 * state, or adds it to a batch entry when bulk writing) → tx_commit, which
 * also signs a checkpoint of the new journal head.
 * On any error the caller calls tx_rollback and nothing is written.
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
	struct db_stmt **row_insert; /* per schema table, prepared lazily */
	struct db_stmt **row_update;
	long long *next_id;          /* per schema table, 0 until first read */
	struct buf body;
	struct buf subject;
	struct tx_batch *batch;      /* per schema table, between tx_bulk_begin and _end */
};

/*
 * A row to write: one value per registry column (schema.h), addressed by
 * column name.  Strings are borrowed: they must live until tx_put_row returns.
 */
#define ROW_MAX_COLUMNS 32

struct row_value {
	int is_null;
	long long num;   /* COL_INT */
	const char *str; /* COL_TEXT */
};

struct row {
	const struct table_def *t;
	struct row_value v[ROW_MAX_COLUMNS];
};

/* Starts a row of `table` with every column NULL. */
void row_init(struct row *r, const char *table);
/* Sets a column; NULL or "" text and 0 ids for *_id columns are stored as NULL. */
void row_text(struct row *r, const char *column, const char *value);
void row_int(struct row *r, const char *column, long long value);
void row_id_ref(struct row *r, const char *column, long long id);

/* Opens a write transaction for `actor` (e.g. "staff:10234", "cli:root"). */
int tx_begin(struct tx *tx, struct db *db, const char *actor, struct err *e);
/*
 * The next free id of a table.  Ids are assigned here rather than by the
 * database so both backends behave alike; it is safe because every writer
 * holds the journal lock (db_begin) for its whole transaction.
 */
int tx_next_id(struct tx *tx, const char *table, long long *id, struct err *e);
/*
 * Inserts (insert=1) or overwrites (insert=0, by the row's id) a whole row and
 * journals exactly those values under `kind` (e.g. "staff.add").  The body is
 * rendered from the same values that are bound, so no read-back is needed.
 */
int tx_put_row(struct tx *tx, const char *kind, const struct row *r, int insert, struct err *e);
/*
 * Bulk writing, for imports of whole registers.  Between tx_bulk_begin and
 * tx_bulk_end (or tx_commit), the rows put are journaled in batches of up to
 * TX_BATCH_ROWS consecutive rows of one table and one kind per entry:
 * subject = the table's name, body = the rows' new states (journal.h, batch
 * entries).  Storing a register of 100,000 assets then writes 100 entries
 * instead of 100,000 and 40% of the bytes (docs/journal.md).  The `kind`
 * given to tx_put_row is kept until its batch is written: pass a literal.
 */
#define TX_BATCH_ROWS 1000
void tx_bulk_begin(struct tx *tx);
int tx_bulk_end(struct tx *tx, struct err *e);
/* Number of entries appended so far. */
long long tx_entries(const struct tx *tx);
/* Signs a checkpoint (when anything was appended), commits, and frees. */
int tx_commit(struct tx *tx, struct err *e);
/* Rolls back and frees; safe after a failed tx_commit. */
void tx_rollback(struct tx *tx);

#endif
