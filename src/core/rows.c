#include "core/rows.h"

#include <string.h>

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

int rows_collect(struct db_stmt *st, size_t size, void (*read)(struct db_stmt *st, void *elem),
		 void **v, size_t *n, struct err *e)
{
	size_t cap = 0;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*v = xrealloc(*v, cap * size);
		}
		void *elem = (char *)*v + *n * size;
		memset(elem, 0, size);
		read(st, elem);
		(*n)++;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

int rows_load(struct db *db, const char *sql, size_t size, void (*read)(struct db_stmt *st, void *elem),
	      void **v, size_t *n, struct err *e)
{
	struct db_stmt *st;
	*v = NULL;
	*n = 0;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	return rows_collect(st, size, read, v, n, e);
}

int rows_load_for(struct db *db, const char *sql, long long param, size_t size,
		  void (*read)(struct db_stmt *st, void *elem), void **v, size_t *n, struct err *e)
{
	struct db_stmt *st;
	*v = NULL;
	*n = 0;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	db_bind_int(st, 1, param);
	return rows_collect(st, size, read, v, n, e);
}

const void *rows_by_id(const void *v, size_t n, size_t size, size_t id_offset, long long id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *el = (const char *)v + mid * size;
		long long at;
		memcpy(&at, el + id_offset, sizeof at);
		if (at == id)
			return el;
		if (at < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
