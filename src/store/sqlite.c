/*
 * sqlite.c — the SQLite backend of db.h: one file, WAL mode, foreign keys on.
 */
#include "store/db_internal.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/*
 * Statements kept for reuse (db_keep_statements): parsing and planning a
 * statement costs more than running the small queries of a web request.
 * Idle entries are reset with their bindings cleared, so they hold no
 * snapshot and no pointer into the caller's memory.
 */
#define STMT_CACHE_MAX 48

struct sqlite_db {
	struct db base;
	sqlite3 *conn;
	sqlite3_stmt *idle[STMT_CACHE_MAX]; /* oldest first */
	int nidle;
};

struct sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
};

static sqlite3 *conn_of(struct db *db) { return ((struct sqlite_db *)db)->conn; }
static sqlite3_stmt *stmt_of(struct db_stmt *st) { return ((struct sqlite_stmt *)st)->st; }

/* Constraint violations come from what the user gave us; the rest is I/O. */
static int sqlite_fail(struct db *db, int rc, struct err *e, const char *what)
{
	int code = (rc & 0xff) == SQLITE_CONSTRAINT ? ERR_INPUT : ERR_IO;
	return err_set(e, code, "データベースエラー（%s）: %s", what, sqlite3_errmsg(conn_of(db)));
}

static void sqlite_close(struct db *db)
{
	struct sqlite_db *s = (struct sqlite_db *)db;
	for (int i = 0; i < s->nidle; i++)
		sqlite3_finalize(s->idle[i]);
	sqlite3_close_v2(s->conn);
	free(db->target);
	free(db->file_path);
	free(s);
}

static int sqlite_exec(struct db *db, const char *sql, struct err *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(conn_of(db), sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		err_set(e, (rc & 0xff) == SQLITE_CONSTRAINT ? ERR_INPUT : ERR_IO,
			"データベースエラー: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return e->code;
	}
	return 0;
}

/* An idle cached statement of exactly this text, taken out of the cache. */
static sqlite3_stmt *cache_take(struct sqlite_db *s, const char *sql)
{
	for (int i = s->nidle - 1; i >= 0; i--) {
		if (strcmp(sqlite3_sql(s->idle[i]), sql) != 0)
			continue;
		sqlite3_stmt *st = s->idle[i];
		memmove(&s->idle[i], &s->idle[i + 1], (size_t)(s->nidle - i - 1) * sizeof s->idle[0]);
		s->nidle--;
		return st;
	}
	return NULL;
}

/* Keeps a finished statement for reuse, evicting the oldest when full. */
static void cache_put(struct sqlite_db *s, sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (s->nidle == STMT_CACHE_MAX) {
		sqlite3_finalize(s->idle[0]);
		memmove(&s->idle[0], &s->idle[1], (STMT_CACHE_MAX - 1) * sizeof s->idle[0]);
		s->nidle--;
	}
	s->idle[s->nidle++] = st;
}

static int sqlite_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	sqlite3_stmt *st = db->keep_stmts ? cache_take((struct sqlite_db *)db, sql) : NULL;
	int rc = st ? SQLITE_OK : sqlite3_prepare_v2(conn_of(db), sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sqlite_fail(db, rc, e, "SQL の準備");
	struct sqlite_stmt *s = xcalloc(1, sizeof *s);
	s->base.db = db;
	s->st = st;
	*out = &s->base;
	return 0;
}

static int sqlite_bind_int(struct db_stmt *st, int idx, long long v)
{
	return sqlite3_bind_int64(stmt_of(st), idx, v);
}

static int sqlite_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(stmt_of(st), idx);
	return sqlite3_bind_text(stmt_of(st), idx, s, -1, SQLITE_TRANSIENT);
}

static int sqlite_bind_text_ref(struct db_stmt *st, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(stmt_of(st), idx);
	return sqlite3_bind_text(stmt_of(st), idx, s, -1, SQLITE_STATIC);
}

static int sqlite_bind_null(struct db_stmt *st, int idx)
{
	return sqlite3_bind_null(stmt_of(st), idx);
}

static enum db_step_result sqlite_step(struct db_stmt *st, struct err *e)
{
	int rc = sqlite3_step(stmt_of(st));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	sqlite_fail(st->db, rc, e, "実行");
	return DB_ERROR;
}

static int sqlite_column_count(struct db_stmt *st) { return sqlite3_column_count(stmt_of(st)); }

static const char *sqlite_column_name(struct db_stmt *st, int idx)
{
	return sqlite3_column_name(stmt_of(st), idx);
}

static int sqlite_column_is_null(struct db_stmt *st, int idx)
{
	return sqlite3_column_type(stmt_of(st), idx) == SQLITE_NULL;
}

static const char *sqlite_column_text(struct db_stmt *st, int idx)
{
	return (const char *)sqlite3_column_text(stmt_of(st), idx);
}

static long long sqlite_column_int(struct db_stmt *st, int idx)
{
	return sqlite3_column_int64(stmt_of(st), idx);
}

/* Bindings are kept (callers rebind everything); clearing them costs a
 * noticeable share of a bulk import. */
static void sqlite_reset(struct db_stmt *st)
{
	sqlite3_reset(stmt_of(st));
}

static void sqlite_finalize(struct db_stmt *st)
{
	struct sqlite_db *s = (struct sqlite_db *)st->db;
	/* an empty statement (comment-only SQL) has no handle to keep */
	if (st->db->keep_stmts && stmt_of(st))
		cache_put(s, stmt_of(st));
	else
		sqlite3_finalize(stmt_of(st));
	free(st);
}

static int sqlite_begin(struct db *db, struct err *e)
{
	/* IMMEDIATE takes the write lock now, so two writers never both read the
	 * same journal head and race on the next sequence number. */
	return sqlite_exec(db, "BEGIN IMMEDIATE", e);
}

static int sqlite_commit(struct db *db, struct err *e)
{
	int rc = sqlite_exec(db, "COMMIT", e);
	if (rc)
		sqlite3_exec(conn_of(db), "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static void sqlite_rollback(struct db *db)
{
	sqlite3_exec(conn_of(db), "ROLLBACK", NULL, NULL, NULL);
}

static int sqlite_table_exists(struct db *db, const char *table, int *exists, struct err *e)
{
	long long n;
	if (db_query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
			 table, &n, e))
		return e->code;
	*exists = n > 0;
	return 0;
}

static const struct db_ops sqlite_ops = {
	.close = sqlite_close,
	.exec = sqlite_exec,
	.prepare = sqlite_prepare,
	.bind_int = sqlite_bind_int,
	.bind_text = sqlite_bind_text,
	.bind_text_ref = sqlite_bind_text_ref,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.column_count = sqlite_column_count,
	.column_name = sqlite_column_name,
	.column_is_null = sqlite_column_is_null,
	.column_text = sqlite_column_text,
	.column_int = sqlite_column_int,
	.reset = sqlite_reset,
	.finalize = sqlite_finalize,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.table_exists = sqlite_table_exists,
	.id_type = "INTEGER PRIMARY KEY",
	.int64_type = "INTEGER",
};

int db_sqlite_open(const char *path, struct db **out, struct err *e)
{
	sqlite3 *conn = NULL;
	/* Memory statistics take a global mutex on every allocation and mamori
	 * never reads them.  This only takes effect before SQLite initialises,
	 * i.e. for the first connection; later calls are harmless no-ops. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	int rc = sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_IO, "データベース %s を開けません: %s", path,
			conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
		sqlite3_close_v2(conn);
		return e->code;
	}
	struct sqlite_db *s = xcalloc(1, sizeof *s);
	s->base.ops = &sqlite_ops;
	s->base.kind = DB_SQLITE;
	s->base.target = xstrdup(path);
	s->base.file_path = xstrdup(path);
	s->conn = conn;
	sqlite3_busy_timeout(conn, 10000);
	/* WAL keeps readers (verify, the web UI) off the writer's back;
	 * synchronous=NORMAL is durable across application crashes in WAL mode
	 * and only risks the last transactions on power loss. */
	const char *setup = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
			    "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;"
			    "PRAGMA temp_store = MEMORY;";
	if (sqlite_exec(&s->base, setup, e)) {
		err_prefix(e, "データベース %s", path);
		sqlite_close(&s->base);
		return e->code;
	}
	*out = &s->base;
	return 0;
}
