/*
 * db.h — the thin database interface mamori's core is written against.
 *
 * Two implementations: sqlite.c (one file, the default) and pg.c (libpq, for
 * deployments that outgrow one file).  SQL stays in the portable subset both
 * understand.  Placeholders are written `?`; the PostgreSQL backend rewrites
 * them to `$1, $2, …` (outside string literals).  Migrations may use the
 * tokens of db_template_sql() for the few types that differ.
 *
 * Result values are read as text or integers.  PostgreSQL returns every value
 * as text and db_column_int parses it, so callers never depend on a backend's
 * type affinity.
 */
#ifndef MAMORI_DB_H
#define MAMORI_DB_H

#include "util/err.h"

struct db;
struct db_stmt;

enum db_kind { DB_SQLITE, DB_PG };

enum db_step_result {
	DB_ROW = 1,   /* a row is available through db_column_* */
	DB_DONE = 0,  /* statement finished */
	DB_ERROR = -1 /* see the struct err */
};

/* target: a file path (SQLite) or a postgres:// / postgresql:// URL. */
int db_open(const char *target, struct db **out, struct err *e);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* The target as given to db_open, for messages (a URL's password is masked). */
const char *db_target(const struct db *db);
/* A SQLite file path, or NULL for PostgreSQL. */
const char *db_file_path(const struct db *db);

/* Runs one or more ;-separated statements without parameters. */
int db_exec(struct db *db, const char *sql, struct err *e);

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
/*
 * Bind indices are 1-based; NULL text binds SQL NULL.  db_bind_text copies
 * the text; db_bind_text_ref does not, so the text must stay unchanged until
 * the statement is stepped or reset (bulk writes bind strings they own).
 */
int db_bind_int(struct db_stmt *st, int idx, long long v);
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_text_ref(struct db_stmt *st, int idx, const char *s);
int db_bind_null(struct db_stmt *st, int idx);
enum db_step_result db_step(struct db_stmt *st, struct err *e);
/* Column indices are 0-based.  Text stays valid until the next step/reset. */
int db_column_count(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int idx);
int db_column_is_null(struct db_stmt *st, int idx);
const char *db_column_text(struct db_stmt *st, int idx); /* NULL for SQL NULL */
long long db_column_int(struct db_stmt *st, int idx);    /* 0 for SQL NULL */
/* Makes the statement ready to run again.  Bind every parameter again
 * before the next step: whether old bindings survive depends on the backend. */
void db_reset(struct db_stmt *st);
void db_finalize(struct db_stmt *st);

/*
 * Transactions.  db_begin starts a write transaction that serialises against
 * other writers (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN plus a lock on
 * the journal), so journal sequence numbers never race.
 */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);
int db_in_transaction(const struct db *db);
/*
 * No transaction and no statement left unfinalized: the connection holds no
 * snapshot, so its next statement sees everything committed until then.
 * The web server checks this before keeping a connection for its next
 * request.
 */
int db_idle(const struct db *db);
/*
 * Keeps finalized statements for reuse by a later db_prepare of the same
 * SQL text (SQLite; PostgreSQL ignores it).  For a long-lived connection that
 * runs the same few queries again and again: the web server's.
 */
void db_keep_statements(struct db *db);

/* Whether a table exists (used by migrations and verify). */
int db_table_exists(struct db *db, const char *table, int *exists, struct err *e);

/*
 * Replaces backend-specific tokens in schema SQL:
 *   {{ID}}      an auto-assigned integer primary key
 *   {{INT64}}   a 64-bit integer column type
 * Returns a newly allocated string.
 */
char *db_template_sql(const struct db *db, const char *sql);

/* Convenience: runs sql with one optional text parameter and returns the first
 * column of the first row as an integer in *out (0 when no row). */
int db_query_int(struct db *db, const char *sql, const char *param, long long *out, struct err *e);

#endif
