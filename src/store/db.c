/*
 * db.c — backend dispatch and the helpers shared by both backends.
 */
#include "store/db_internal.h"

#include <string.h>

#include "util/buf.h"

static int is_pg_url(const char *target)
{
	return strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0;
}

int db_open(const char *target, struct db **out, struct err *e)
{
	*out = NULL;
	if (!target || !*target)
		return err_set(e, ERR_INPUT, "データベースの指定が空です");
	if (is_pg_url(target))
		return db_pg_open(target, out, e);
	return db_sqlite_open(target, out, e);
}

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

enum db_kind db_kind(const struct db *db) { return db->kind; }
const char *db_target(const struct db *db) { return db->target; }
const char *db_file_path(const struct db *db) { return db->file_path; }

int db_exec(struct db *db, const char *sql, struct err *e)
{
	return db->ops->exec(db, sql, e);
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	int rc = db->ops->prepare(db, sql, out, e);
	if (rc == 0)
		db->open_stmts++;
	return rc;
}

int db_bind_int(struct db_stmt *st, int idx, long long v) { return st->db->ops->bind_int(st, idx, v); }
int db_bind_text(struct db_stmt *st, int idx, const char *s) { return st->db->ops->bind_text(st, idx, s); }
int db_bind_text_ref(struct db_stmt *st, int idx, const char *s) { return st->db->ops->bind_text_ref(st, idx, s); }
int db_bind_null(struct db_stmt *st, int idx) { return st->db->ops->bind_null(st, idx); }
enum db_step_result db_step(struct db_stmt *st, struct err *e) { return st->db->ops->step(st, e); }
int db_column_count(struct db_stmt *st) { return st->db->ops->column_count(st); }
const char *db_column_name(struct db_stmt *st, int idx) { return st->db->ops->column_name(st, idx); }
int db_column_is_null(struct db_stmt *st, int idx) { return st->db->ops->column_is_null(st, idx); }
const char *db_column_text(struct db_stmt *st, int idx) { return st->db->ops->column_text(st, idx); }
long long db_column_int(struct db_stmt *st, int idx) { return st->db->ops->column_int(st, idx); }
void db_reset(struct db_stmt *st) { st->db->ops->reset(st); }

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	st->db->open_stmts--;
	st->db->ops->finalize(st);
}

int db_begin(struct db *db, struct err *e)
{
	if (db->in_tx)
		return err_set(e, ERR_INTERNAL, "トランザクションが二重に開始されました");
	int rc = db->ops->begin(db, e);
	if (rc == 0)
		db->in_tx = 1;
	return rc;
}

int db_commit(struct db *db, struct err *e)
{
	int rc = db->ops->commit(db, e);
	db->in_tx = 0;
	return rc;
}

void db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	db->ops->rollback(db);
	db->in_tx = 0;
}

int db_in_transaction(const struct db *db) { return db->in_tx; }

void db_keep_statements(struct db *db) { db->keep_stmts = 1; }

int db_idle(const struct db *db) { return !db->in_tx && db->open_stmts == 0; }

int db_table_exists(struct db *db, const char *table, int *exists, struct err *e)
{
	return db->ops->table_exists(db, table, exists, e);
}

char *db_template_sql(const struct db *db, const char *sql)
{
	static const struct {
		const char *token;
		size_t len;
	} tokens[] = {{"{{ID}}", 6}, {"{{INT64}}", 9}};
	struct buf b = BUF_INIT;
	const char *p = sql;
	while (*p) {
		int matched = 0;
		for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
			if (strncmp(p, tokens[i].token, tokens[i].len) == 0) {
				buf_puts(&b, i == 0 ? db->ops->id_type : db->ops->int64_type);
				p += tokens[i].len;
				matched = 1;
				break;
			}
		}
		if (!matched)
			buf_putc(&b, *p++);
	}
	return buf_take(&b);
}

int db_query_int(struct db *db, const char *sql, const char *param, long long *out, struct err *e)
{
	struct db_stmt *st;
	*out = 0;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	if (param)
		db_bind_text(st, 1, param);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*out = db_column_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}
