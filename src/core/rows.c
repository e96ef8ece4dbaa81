#include "core/rows.h"

#include "util/buf.h"

char *col_dup(struct db_stmt *st, int idx)
{
	const char *s = db_column_text(st, idx);
	return s ? xstrdup(s) : NULL;
}

long long col_id(struct db_stmt *st, int idx)
{
	return db_column_is_null(st, idx) ? 0 : db_column_int(st, idx);
}

void bind_opt_text(struct db_stmt *st, int idx, const char *s)
{
	db_bind_text(st, idx, s && *s ? s : NULL);
}

void bind_opt_id(struct db_stmt *st, int idx, long long id)
{
	if (id > 0)
		db_bind_int(st, idx, id);
	else
		db_bind_null(st, idx);
}

int step_done(struct db_stmt *st, struct err *e)
{
	enum db_step_result r = db_step(st, e);
	return r == DB_ERROR ? e->code : 0;
}

int step_returning_id(struct db_stmt *st, long long *id, struct err *e)
{
	enum db_step_result r = db_step(st, e);
	if (r == DB_ERROR)
		return e->code;
	if (r != DB_ROW)
		return err_set(e, ERR_INTERNAL, "追加した行の番号を取得できません");
	*id = db_column_int(st, 0);
	/* drain, so the statement is complete on every backend */
	while ((r = db_step(st, e)) == DB_ROW)
		;
	return r == DB_ERROR ? e->code : 0;
}
