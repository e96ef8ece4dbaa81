/*
 * page_incidents.c — インシデント: the list of incidents within the signed-in
 * person's scope (incident_scope.h), newest first, 50 to a page, with the
 * filters 状態, 区分 and 期限超過のみ, the total, and a CSV export of every
 * matching incident.  The page and the count are one SQL page and one COUNT
 * each (incident_query, incident_count), so the list stays fast however
 * many incidents the municipality has recorded.
 */
#include <stdlib.h>
#include <string.h>

#include "web/incident_list.h"
#include "web/layout.h"
#include "web/listui.h"
#include "web/pages.h"
#include "web/url.h"

static const char *const states[] = {"received",   "responding", "investigating",
				     "prevention", "closed",     "not_incident"};

static void option(struct buf *b, const char *id, const char *label, const char *current)
{
	html_printf(b, current && strcmp(current, id) == 0 ? "<option value=\"%s\" selected>%s</option>"
							    : "<option value=\"%s\">%s</option>",
		    id, label);
}

static void filter_form(struct buf *b, const struct incident_listq *q)
{
	size_t ncat;
	const struct incident_category *cats = incident_categories(&ncat);
	buf_puts(b, "<form method=\"get\" action=\"/incidents\" class=\"filters\" role=\"search\">"
		    "<label for=\"f-state\">状態</label><select id=\"f-state\" name=\"state\">"
		    "<option value=\"\">すべて</option>");
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		option(b, states[i], incident_state_label(states[i]), q->state);
	buf_puts(b, "</select><label for=\"f-category\">区分</label>"
		    "<select id=\"f-category\" name=\"category\"><option value=\"\">すべて</option>");
	for (size_t i = 0; i < ncat; i++)
		option(b, cats[i].id, cats[i].label, q->category);
	html_printf(b, "</select><label><input type=\"checkbox\" name=\"overdue\" value=\"1\"%s>"
		       " 期限超過のみ</label><button type=\"submit\">絞り込む</button></form>\n",
		    q->overdue ? " checked" : "");
}

/* listui calls back for the pager's links; the list has one fixed order. */
static void page_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	(void)col;
	(void)desc;
	incident_listq_url(u, ctx, offset, 0);
}

static void notices_cell(struct buf *b, const struct incident_row *r)
{
	if (r->overdue_notices)
		html_printf(b, "<td class=\"num inc-late\">%lld / <strong>%lld 件超過</strong></td>",
			    r->open_notices, r->overdue_notices);
	else
		html_printf(b, "<td class=\"num\">%lld / 0</td>", r->open_notices);
}

static void incident_row(struct buf *b, const struct incident_row *r)
{
	const struct incident_category *c = incident_category_find(r->category);
	struct buf href = BUF_INIT;
	char det[17];
	buf_puts(&href, "/incidents/");
	url_encode(&href, r->incident_no);
	incident_jst(r->detected_at, det);
	buf_puts(b, r->overdue_notices ? "<tr class=\"inc-overdue\">" : "<tr>");
	html_printf(b, "<td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
		       "<td>%s</td><td>%s</td>",
		    buf_str(&href), r->incident_no,
		    r->title, c ? c->label : r->category, incident_severity_label(r->severity),
		    incident_state_label(r->state), det);
	notices_cell(b, r);
	buf_puts(b, "</tr>\n");
	buf_free(&href);
}

static void table(struct buf *b, const struct incident_rows *rows)
{
	static const char *const labels[] = {"番号", "件名", "区分", "重大度", "状態", "検知日時",
					     "未了の連絡 / 期限超過"};
	static const int sortable[7] = {0};
	buf_puts(b, "<table class=\"list\">\n<caption>インシデントの一覧（新しい順）</caption>\n");
	listui_header(b, &(struct listui_sort){page_url, NULL, -1, 0}, labels, sortable, 7);
	buf_puts(b, "<tbody>\n");
	for (size_t i = 0; i < rows->n; i++)
		incident_row(b, &rows->v[i]);
	buf_puts(b, "</tbody></table>\n");
}

static void list_page(struct web_req *rq, struct web_resp *rs, const struct incident_listq *q,
		      const struct incident_rows *rows, long long total)
{
	struct buf csv = BUF_INIT;
	page_begin(rq, rs, "インシデント");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>インシデント</h1>\n<p><a class=\"button\" href=\"/incidents/new\">インシデントを報告</a>"
		    " <a href=\"/incidents/tasks\">自分の対応</a></p>\n");
	if (!q->f.scope)
		buf_puts(b, "<p class=\"note\">すべてのインシデントを表示しています。</p>\n");
	else
		buf_puts(b, "<p class=\"note\">あなたが報告したもの、あなたへの連絡があるもの、担当する課や情報システムのものを表示しています。</p>\n");
	filter_form(b, q);
	html_printf(b, "<p class=\"meta\">該当 %lld 件</p>\n", total);
	if (rows->n == 0)
		buf_puts(b, "<p>該当するインシデントはありません。</p>\n");
	else
		table(b, rows);
	listui_pager(b, &(struct listui_sort){page_url, q, -1, 0}, (size_t)total, rows->n, q->offset,
		     q->limit);
	incident_listq_url(&csv, q, 0, 1);
	html_printf(b, "<p class=\"export\"><a href=\"%s\">CSV で書き出す</a></p>\n", buf_str(&csv));
	layout_end(b);
	buf_free(&csv);
}

static void list_csv(struct web_resp *rs, const struct incident_rows *rows)
{
	char det[17], num[24];
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	rs->disposition = xstrdup("attachment; filename=\"incidents.csv\"");
	struct buf *b = &rs->body;
	/* the BOM tells Excel the bytes are UTF-8; buf_csv_field guards formulas */
	buf_puts(b, "\xEF\xBB\xBF番号,件名,区分,重大度,状態,検知日時（日本時間）,検知日時（UTC）,"
		    "未了の連絡,期限超過の連絡\r\n");
	for (size_t i = 0; i < rows->n; i++) {
		const struct incident_row *r = &rows->v[i];
		const struct incident_category *c = incident_category_find(r->category);
		incident_jst(r->detected_at, det);
		buf_csv_field(b, r->incident_no, 0);
		buf_csv_field(b, r->title, 0);
		buf_csv_field(b, c ? c->label : r->category, 0);
		buf_csv_field(b, incident_severity_label(r->severity), 0);
		buf_csv_field(b, incident_state_label(r->state), 0);
		buf_csv_field(b, det, 0);
		buf_csv_field(b, r->detected_at, 0);
		fmt_int(r->open_notices, num);
		buf_csv_field(b, num, 0);
		fmt_int(r->overdue_notices, num);
		buf_csv_field(b, num, 1);
	}
}

/* ?offset= of the page (a multiple of the page size is not required). */
static long offset_of(const struct web_req *rq)
{
	const char *v = form_get(&rq->query, "offset");
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	return v && *end == '\0' && n > 0 ? n : 0;
}

void page_incidents_list(struct web_req *rq, struct web_resp *rs)
{
	struct incident_listq q;
	struct incident_rows rows = {0};
	struct err e = {0};
	long long total = 0;
	const char *format = form_get(&rq->query, "format");
	int csv = format && strcmp(format, "csv") == 0;
	if (incident_listq_read(rq, rs, &q))
		return;
	if (!csv) {
		q.limit = INCIDENT_PAGE;
		q.offset = offset_of(rq);
		q.f.limit = q.limit;
		q.f.offset = q.offset;
	}
	int rc = incident_query(rq->db, &q.f, &rows, &e);
	if (!rc && !csv)
		rc = incident_count(rq->db, &q.f, &total, &e);
	if (rc)
		web_internal_error(rq, rs, &e);
	else if (csv)
		list_csv(rs, &rows);
	else
		list_page(rq, rs, &q, &rows, total);
	incident_rows_free(&rows);
	incident_listq_free(&q);
}
