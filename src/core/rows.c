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
