/*
 * case_list.c — query, sorting and drawing of the case lists (case_list.h).
 */
#include "web/case_list.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/html.h"
#include "web/case_view.h"
#include "web/listui.h"
#include "web/url.h"

static long number_param(const struct form *f, const char *name, long dflt, long max)
{
	const char *s = form_get(f, name);
	char *end;
	if (!s || !*s)
		return dflt;
	long v = strtol(s, &end, 10);
	if (*end || v < 0)
		return dflt;
	return max && v > max ? max : v;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

void case_query_from_form(const struct form *f, const char *const *sort_names, int nsort,
			  struct case_query *q)
{
	const char *sort = form_get(f, "sort"), *dir = form_get(f, "dir"), *emergency = form_get(f, "emergency");
	memset(q, 0, sizeof *q);
	q->state = nonempty(form_get(f, "state"));
	q->unit = nonempty(form_get(f, "unit"));
	q->emergency = emergency && strcmp(emergency, "1") == 0;
	q->desc = 1; /* newest first unless asked otherwise */
	for (int i = 0; sort && i < nsort; i++)
		if (strcmp(sort, sort_names[i]) == 0) {
			q->sort = i;
			q->desc = 0;
		}
	if (dir)
		q->desc = strcmp(dir, "desc") == 0;
	q->limit = number_param(f, "limit", CASE_PAGE_DEFAULT, CASE_PAGE_MAX);
	if (q->limit == 0)
		q->limit = CASE_PAGE_DEFAULT;
	q->offset = number_param(f, "offset", 0, 0);
}

void case_rows_add(struct case_rows *l, const void *rec, const char *no, const char *key)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = (struct case_row){rec, no, xstrdup(key ? key : "")};
}

static int by_key(const void *a, const void *b)
{
	const struct case_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->no, y->no);
}

static int by_key_desc(const void *a, const void *b)
{
	return by_key(b, a);
}

void case_rows_sort(struct case_rows *l, int desc)
{
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, desc ? by_key_desc : by_key);
}

void case_rows_free(struct case_rows *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].key);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void case_rows_page(const struct case_rows *l, const struct case_query *q, size_t *from, size_t *shown)
{
	*from = (size_t)q->offset < l->n ? (size_t)q->offset : l->n;
	*shown = l->n - *from < (size_t)q->limit ? l->n - *from : (size_t)q->limit;
}

void case_list_url(struct buf *b, const struct case_list_page *p, const struct case_query *q, int sort, int desc,
		   long offset, int csv)
{
	char num[24];
	buf_puts(b, p->path);
	url_param(b, "state", q->state);
	url_param(b, "unit", q->unit);
	if (p->emergency_filter && q->emergency)
		url_param(b, "emergency", "1");
	url_param(b, "sort", p->sort_names[sort]);
	url_param(b, "dir", desc ? "desc" : "asc");
	if (q->limit != CASE_PAGE_DEFAULT) {
		fmt_int(q->limit, num);
		url_param(b, "limit", num);
	}
	if (offset) {
		fmt_int(offset, num);
		url_param(b, "offset", num);
	}
	if (csv)
		url_param(b, "format", "csv");
}

void case_list_filters(struct buf *b, const struct case_list_page *p, const struct case_query *q,
		       const struct case_choice *states, size_t nstates, const struct org_units *units,
		       const long long *unit_ids, size_t nunits)
{
	html_printf(b, "<form method=\"get\" action=\"%s\" class=\"filters\" role=\"search\">"
		       "<label for=\"f-state\">状態</label><select id=\"f-state\" name=\"state\">"
		       "<option value=\"\">すべて</option>",
		    p->path);
	for (size_t i = 0; i < nstates; i++)
		html_printf(b, q->state && strcmp(q->state, states[i].id) == 0 ? "<option value=\"%s\" selected>%s</option>"
									   : "<option value=\"%s\">%s</option>",
			    states[i].id, states[i].label);
	buf_puts(b, "</select><label for=\"f-unit\">課</label><select id=\"f-unit\" name=\"unit\">"
		    "<option value=\"\">すべて</option>");
	case_view_unit_options(b, units, unit_ids, nunits, q->unit);
	buf_puts(b, "</select>");
	if (p->emergency_filter)
		html_printf(b, "<label><input type=\"checkbox\" name=\"emergency\" value=\"1\"%s> 緊急のみ</label>",
			    q->emergency ? " checked" : "");
	buf_puts(b, "<button type=\"submit\">絞り込む</button></form>\n");
}

/* What listui's links need: the page and its query. */
struct sort_ctx {
	const struct case_list_page *page;
	const struct case_query *q;
};

static void sort_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	const struct sort_ctx *c = ctx;
	const struct case_column *cols = c->page->columns;
	case_list_url(u, c->page, c->q, col >= 0 && cols[col].sort >= 0 ? cols[col].sort : c->q->sort, desc, offset,
		      0);
}

void case_list_table(struct buf *b, const struct case_list_page *p, const struct case_query *q,
		     const struct case_rows *rows, const char *caption, const char *empty, case_row_fn row,
		     const struct web_user *u, const void *view)
{
	struct sort_ctx sc = {p, q};
	struct listui_sort s = {sort_url, &sc, -1, q->desc};
	struct buf csv = BUF_INIT;
	size_t from, shown;
	for (size_t i = 0; i < p->ncolumns; i++)
		if (p->columns[i].sort == q->sort)
			s.current = (int)i;
	case_rows_page(rows, q, &from, &shown);
	if (!rows->n) {
		html_printf(b, "<p>%s</p>\n", empty);
	} else {
		const char **labels = xmalloc(p->ncolumns * sizeof *labels);
		int *sortable = xmalloc(p->ncolumns * sizeof *sortable);
		for (size_t i = 0; i < p->ncolumns; i++) {
			labels[i] = p->columns[i].label;
			sortable[i] = p->columns[i].sort >= 0;
		}
		html_printf(b, "<table class=\"list\">\n<caption>%s</caption>\n", caption);
		listui_header(b, &s, labels, sortable, p->ncolumns);
		buf_puts(b, "<tbody>\n");
		for (size_t i = from; i < from + shown; i++)
			row(b, u, view, rows->v[i].rec);
		buf_puts(b, "</tbody></table>\n");
		free(labels);
		free(sortable);
	}
	listui_pager(b, &s, rows->n, shown, q->offset, q->limit);
	case_list_url(&csv, p, q, q->sort, q->desc, 0, 1);
	html_printf(b, "<p class=\"export\"><a href=\"%s\">CSV で書き出す</a></p>\n", buf_str(&csv));
	buf_free(&csv);
}

void case_list_csv_begin(struct web_resp *rs, const char *filename, const char *header)
{
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	rs->disposition = xasprintf("attachment; filename=\"%s\"", filename);
	/* the BOM tells Excel the bytes are UTF-8; buf_csv_field guards formulas */
	buf_puts(&rs->body, "\xEF\xBB\xBF");
	buf_puts(&rs->body, header);
	buf_puts(&rs->body, "\r\n");
}

void case_list_csv_row(struct buf *b, const char *const *cells, size_t n)
{
	for (size_t k = 0; k < n; k++)
		buf_csv_field(b, cells[k] ? cells[k] : "", k + 1 == n);
}
