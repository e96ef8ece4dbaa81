/*
 * db_internal.h — the function table each backend fills.  Only db.c,
 * sqlite.c and pg.c include this.
 */
#ifndef MAMORI_DB_INTERNAL_H
#define MAMORI_DB_INTERNAL_H

#include "store/db.h"

struct db_ops {
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, struct err *e);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
	int (*bind_int)(struct db_stmt *st, int idx, long long v);
	int (*bind_text)(struct db_stmt *st, int idx, const char *s);
	int (*bind_text_ref)(struct db_stmt *st, int idx, const char *s); /* may be bind_text */
	int (*bind_null)(struct db_stmt *st, int idx);
	enum db_step_result (*step)(struct db_stmt *st, struct err *e);
	int (*column_count)(struct db_stmt *st);
	const char *(*column_name)(struct db_stmt *st, int idx);
	int (*column_is_null)(struct db_stmt *st, int idx);
	const char *(*column_text)(struct db_stmt *st, int idx);
	long long (*column_int)(struct db_stmt *st, int idx);
	void (*reset)(struct db_stmt *st);
	void (*finalize)(struct db_stmt *st);
	int (*begin)(struct db *db, struct err *e);
	int (*commit)(struct db *db, struct err *e);
	void (*rollback)(struct db *db);
	int (*table_exists)(struct db *db, const char *table, int *exists, struct err *e);
	const char *id_type;    /* replacement for {{ID}} */
	const char *int64_type; /* replacement for {{INT64}} */
};

/* Common header of every backend's connection; backends embed it first. */
struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	char *target;    /* for messages, password masked */
	char *file_path; /* SQLite only */
	int in_tx;
	int open_stmts; /* prepared and not yet finalized (db_idle) */
	int keep_stmts; /* db_keep_statements */
};

/* Common header of every backend's statement. */
struct db_stmt {
	struct db *db;
};

int db_sqlite_open(const char *path, struct db **out, struct err *e);
int db_pg_open(const char *url, struct db **out, struct err *e);

#endif
