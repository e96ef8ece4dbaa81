#include "store/journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

int journal_head(struct db *db, struct journal_head *head, struct err *e)
{
	struct db_stmt *st;
	head->seq = 0;
	strcpy(head->hash, JOURNAL_GENESIS);
	if (db_prepare(db, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", &st, e))
		return e->code;
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW) {
		head->seq = db_column_int(st, 0);
		const char *h = db_column_text(st, 1);
		snprintf(head->hash, sizeof head->hash, "%s", h ? h : "");
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

void journal_entry_hash(struct sha256 *h, const char *prev, long long seq, const char *at,
			const char *actor, const char *kind, const char *subject, const char *body,
			char out[65])
{
	char seqbuf[24];
	int n = fmt_int(seq, seqbuf);
	const char *parts[] = {at, actor, kind, subject, body};
	sha256_begin(h);
	sha256_update(h, prev, strlen(prev));
	sha256_update(h, "\n", 1);
	sha256_update(h, seqbuf, (size_t)n);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		sha256_update(h, "\n", 1);
		sha256_update(h, parts[i], strlen(parts[i]));
	}
	sha256_end_hex(h, out);
}

char *journal_select_sql(const struct table_def *t, const char *tail)
{
	struct buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT ");
	for (int i = 0; i < t->ncolumns; i++)
		buf_printf(&sql, "%s%s", i ? ", " : "", t->columns[i].name);
	buf_printf(&sql, " FROM %s %s", t->name, tail);
	return buf_take(&sql);
}

static void render_value(const struct table_def *t, const struct row_source *src, int i,
			 struct buf *body)
{
	if (src->is_null(src->ctx, i))
		buf_puts(body, "null");
	else if (t->columns[i].type == COL_INT)
		json_int(body, src->num(src->ctx, i));
	else
		json_string(body, src->str(src->ctx, i));
}

void journal_render(const struct table_def *t, const struct row_source *src, struct buf *body)
{
	buf_putc(body, '{');
	for (int i = 0; i < t->ncolumns; i++) {
		if (i)
			buf_putc(body, ',');
		buf_puts(body, t->columns[i].json_key);
		render_value(t, src, i, body);
	}
	buf_putc(body, '}');
}

void journal_render_values(const struct table_def *t, const struct row_source *src,
			   struct buf *body)
{
	buf_putc(body, '[');
	for (int i = 0; i < t->ncolumns; i++) {
		if (i)
			buf_putc(body, ',');
		render_value(t, src, i, body);
	}
	buf_putc(body, ']');
}

void journal_render_batch_head(const struct table_def *t, struct buf *body)
{
	buf_puts(body, "{\"columns\":[");
	for (int i = 0; i < t->ncolumns; i++) {
		if (i)
			buf_putc(body, ',');
		json_string(body, t->columns[i].name);
	}
	buf_puts(body, "],\"rows\":[");
}

static int stmt_is_null(const void *ctx, int col) { return db_column_is_null((struct db_stmt *)ctx, col); }
static long long stmt_num(const void *ctx, int col) { return db_column_int((struct db_stmt *)ctx, col); }
static const char *stmt_str(const void *ctx, int col) { return db_column_text((struct db_stmt *)ctx, col); }

void journal_render_current(struct db_stmt *st, const struct table_def *t, struct buf *body)
{
	struct row_source src = {st, stmt_is_null, stmt_num, stmt_str};
	journal_render(t, &src, body);
}
