/*
 * page_findings.c — 点検結果: what `mamori check` finds, as a table that can
 * be filtered (章, 重要度), sorted by any column (?sort=&dir=) and
 * downloaded as CSV (?format=csv, the whole filtered list in that order).
 * Each finding links to the catalog page of the clause it enforces.
 * Computed afresh on every request (nothing is cached across requests yet).
 */
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "web/layout.h"
#include "web/listui.h"
#include "web/network_web.h"
#include "web/pages.h"
#include "web/url.h"

enum fsort { FS_CONTROL, FS_SEVERITY, FS_MESSAGE, FS_SUBJECT, FS_RULE, NFSORT };

static const struct {
	const char *key, *label;
} columns[NFSORT] = {
	{"control", "条項"}, {"severity", "重要度"}, {"message", "内容"},
	{"subject", "対象"}, {"rule", "ルール"},
};

/* What the URL asks for; chapter and severity NULL when not filtered. */
struct fquery {
	const char *chapter;  /* the clause id's first level: "2", "P6" */
	const char *severity; /* "error" or "warning" */
	enum fsort sort;
	int desc;
};

static const char *severity_id(enum severity s)
{
	return s == SEV_ERROR ? "error" : "warning";
}

static const char *severity_label(enum severity s)
{
	return s == SEV_ERROR ? "要対応" : "注意";
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static void fquery_read(const struct form *f, struct fquery *q)
{
	memset(q, 0, sizeof *q);
	q->chapter = nonempty(form_get(f, "chapter"));
	q->severity = nonempty(form_get(f, "severity"));
	const char *sort = form_get(f, "sort");
	for (int i = 0; sort && i < NFSORT; i++)
		if (strcmp(sort, columns[i].key) == 0)
			q->sort = (enum fsort)i;
	const char *dir = form_get(f, "dir");
	q->desc = dir && strcmp(dir, "desc") == 0;
}

/* The first level of a clause id, in buf. */
static const char *chapter_key(const char *control, char buf[16])
{
	size_t n = strcspn(control, ".");
	if (n >= 16)
		n = 15;
	memcpy(buf, control, n);
	buf[n] = '\0';
	return buf;
}

/* Clause ids in document order: level by level, numbers as numbers. */
static int cmp_control(const char *a, const char *b)
{
	while (*a && *b) {
		size_t na = strcspn(a, "."), nb = strcspn(b, ".");
		char *ea, *eb;
		long va = strtol(a, &ea, 10), vb = strtol(b, &eb, 10);
		int numeric = ea == a + na && eb == b + nb && na && nb;
		int c = numeric ? (va > vb) - (va < vb) : strncmp(a, b, na < nb ? na : nb);
		if (!c && !numeric)
			c = (na > nb) - (na < nb);
		if (c)
			return c;
		a += na + (a[na] == '.');
		b += nb + (b[nb] == '.');
	}
	return (*a != 0) - (*b != 0);
}

static int cmp_finding(const struct finding *x, const struct finding *y, enum fsort sort)
{
	int c = 0;
	switch (sort) {
	case FS_CONTROL: c = cmp_control(x->control, y->control); break;
	case FS_SEVERITY: c = (int)x->severity - (int)y->severity; break; /* 要対応 first */
	case FS_MESSAGE: c = strcmp(x->message, y->message); break;
	case FS_SUBJECT: c = strcmp(x->subject, y->subject); break;
	case FS_RULE: c = strcmp(x->rule, y->rule); break;
	case NFSORT: break;
	}
	return c;
}

/* Sorted stably (ties keep check's order), by insertion: findings are few. */
static const struct finding **select_sorted(const struct findings *f, const struct fquery *q,
					    size_t *n)
{
	const struct finding **v = xcalloc(f->n + 1, sizeof *v);
	char key[16];
	*n = 0;
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		if ((q->chapter && strcmp(chapter_key(x->control, key), q->chapter) != 0) ||
		    (q->severity && strcmp(severity_id(x->severity), q->severity) != 0))
			continue;
		size_t at = *n;
		while (at > 0) {
			int c = cmp_finding(v[at - 1], x, q->sort);
			if ((q->desc ? -c : c) <= 0)
				break;
			v[at] = v[at - 1];
			at--;
		}
		v[at] = x;
		(*n)++;
	}
	return v;
}

static void list_url(struct buf *b, const struct fquery *q, enum fsort sort, int desc, int csv)
{
	buf_puts(b, "/findings");
	url_param(b, "chapter", q->chapter);
	url_param(b, "severity", q->severity);
	url_param(b, "sort", columns[sort].key);
	if (desc)
		url_param(b, "dir", "desc");
	if (csv)
		url_param(b, "format", "csv");
}

static void findings_csv(struct web_resp *rs, const struct finding **v, size_t n)
{
	struct buf *b = &rs->body;
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	rs->disposition = xstrdup("attachment; filename=\"findings.csv\"");
	/* the BOM tells Excel the bytes are UTF-8; buf_csv_field guards formulas */
	buf_puts(b, "\xEF\xBB\xBF条項,重要度,内容,対象,ルール\r\n");
	for (size_t i = 0; i < n; i++) {
		buf_csv_field(b, v[i]->control, 0);
		buf_csv_field(b, severity_label(v[i]->severity), 0);
		buf_csv_field(b, v[i]->message, 0);
		buf_csv_field(b, v[i]->subject, 0);
		buf_csv_field(b, v[i]->rule, 1);
	}
}

static void option(struct buf *b, const char *value, const char *label, const char *current)
{
	int sel = current && strcmp(current, value) == 0;
	html_printf(b, sel ? "<option value=\"%s\" selected>%s</option>"
			   : "<option value=\"%s\">%s</option>",
		    value, label);
}

/* The chapters that have findings, in document order, named by the catalog. */
static void chapter_select(struct buf *b, const struct catalog *c, const struct findings *f,
			   const char *current)
{
	const char **keys = xcalloc(f->n + 1, sizeof *keys);
	char (*bufs)[16] = xcalloc(f->n + 1, sizeof *bufs);
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++) {
		const char *k = chapter_key(f->v[i].control, bufs[n]);
		size_t at = n;
		int seen = 0;
		for (size_t j = 0; j < n && !seen; j++)
			seen = strcmp(keys[j], k) == 0;
		if (seen)
			continue;
		while (at > 0 && cmp_control(keys[at - 1], k) > 0) {
			keys[at] = keys[at - 1];
			at--;
		}
		keys[at] = bufs[n];
		n++;
	}
	buf_puts(b, "<label for=\"f-chapter\">章</label><select id=\"f-chapter\" name=\"chapter\">"
		    "<option value=\"\">すべて</option>");
	for (size_t i = 0; i < n; i++) {
		const struct catalog_entry *en = NULL;
		for (size_t j = 0; j < f->n && !en; j++) {
			char k[16];
			if (strcmp(chapter_key(f->v[j].control, k), keys[i]) == 0)
				en = catalog_find(c, f->v[j].control);
		}
		char *label = xasprintf("%s %s", keys[i], en && en->chapter ? en->chapter : "");
		option(b, keys[i], label, current);
		free(label);
	}
	buf_puts(b, "</select>");
	free(keys);
	free(bufs);
}

static void filter_form(struct buf *b, const struct catalog *c, const struct findings *f,
			const struct fquery *q)
{
	buf_puts(b, "<form method=\"get\" action=\"/findings\" class=\"filters\" role=\"search\">");
	chapter_select(b, c, f, q->chapter);
	buf_puts(b, "<label for=\"f-severity\">重要度</label><select id=\"f-severity\" name=\"severity\">"
		    "<option value=\"\">すべて</option>");
	option(b, "error", "要対応", q->severity);
	option(b, "warning", "注意", q->severity);
	buf_puts(b, "</select>");
	html_printf(b, "<input type=\"hidden\" name=\"sort\" value=\"%s\">", columns[q->sort].key);
	if (q->desc)
		buf_puts(b, "<input type=\"hidden\" name=\"dir\" value=\"desc\">");
	buf_puts(b, "<button type=\"submit\">絞り込む</button></form>\n");
}

static void sort_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	(void)offset; /* one page: the findings of a municipality are few */
	list_url(u, ctx, (enum fsort)col, desc, 0);
}

static void header_row(struct buf *b, const struct fquery *q)
{
	const char *labels[NFSORT];
	struct listui_sort s = {sort_url, q, (int)q->sort, q->desc};
	for (int i = 0; i < NFSORT; i++)
		labels[i] = columns[i].label;
	listui_header(b, &s, labels, NULL, NFSORT);
}

static void finding_row(struct buf *b, const struct catalog *c, const struct finding *x)
{
	const struct catalog_entry *en = catalog_find(c, x->control);
	struct buf href = BUF_INIT;
	buf_puts(&href, "/catalog/");
	url_encode(&href, x->control);
	html_printf(b, "<tr class=\"%s\"><td><a href=\"%s\">%s</a> %s</td><td class=\"sev\">%s</td>"
		       "<td>%s</td><td class=\"subject\">%s</td><td><code>%s</code></td></tr>\n",
		    severity_id(x->severity), buf_str(&href), x->control, en ? en->title : "",
		    severity_label(x->severity), x->message, x->subject, x->rule);
	buf_free(&href);
}

static void findings_page(struct web_req *rq, struct web_resp *rs, const struct catalog *c,
			  const struct findings *f, const struct fquery *q,
			  const struct finding **v, size_t n)
{
	struct buf u = BUF_INIT;
	page_begin(rq, rs, "点検結果");
	struct buf *b = &rs->body;
	html_printf(b, "<h1>点検結果</h1>\n<p>ガイドラインに照らした点検で %zu 件の指摘があります。</p>\n",
		    f->n);
	network_web_unchecked_note(rq->db, b);
	filter_form(b, c, f, q);
	list_url(&u, q, q->sort, q->desc, 1);
	html_printf(b, "<ul class=\"actions\"><li><a href=\"%s\" download>CSV でダウンロード</a></li></ul>\n",
		    buf_str(&u));
	if (n == 0) {
		buf_puts(b, "<p>該当する指摘はありません。</p>\n");
	} else {
		html_printf(b, "<table class=\"list\">\n<caption>指摘 %zu 件</caption>\n", n);
		header_row(b, q);
		buf_puts(b, "<tbody>\n");
		for (size_t i = 0; i < n; i++)
			finding_row(b, c, v[i]);
		buf_puts(b, "</tbody></table>\n");
	}
	layout_end(b);
	buf_free(&u);
}

void page_findings(struct web_req *rq, struct web_resp *rs)
{
	struct findings f = {0};
	struct fquery q;
	struct err e = {0};
	size_t n;
	if (check_run(rq->db, &f, &e)) {
		findings_free(&f);
		web_internal_error(rq, rs, &e);
		return;
	}
	fquery_read(&rq->query, &q);
	const struct finding **v = select_sorted(&f, &q, &n);
	const char *format = form_get(&rq->query, "format");
	if (format && strcmp(format, "csv") == 0)
		findings_csv(rs, v, n);
	else
		findings_page(rq, rs, &rq->shared->catalog, &f, &q, v, n);
	free(v);
	findings_free(&f);
}
