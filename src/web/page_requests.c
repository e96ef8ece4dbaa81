/*
 * page_requests.c — 申請・承認: the lists 「自分の申請」, 「承認待ち」 and
 * 「すべて」 (everything within the person's scope; the whole municipality
 * for the organisation-wide roles), with filters, sortable columns, paging
 * and a CSV export of the whole filtered list.
 */
#include <stdlib.h>
#include <string.h>

#include "web/layout.h"
#include "web/listui.h"
#include "web/pages.h"
#include "web/request_view.h"
#include "web/url.h"

static const char *const tab_names[] = {[TAB_MINE] = "mine", [TAB_WAITING] = "waiting",
					[TAB_ALL] = "all"};

static const struct {
	enum request_sort sort;
	const char *label;
} columns[] = {
	{RSORT_NO, "申請番号"},     {RSORT_TYPE, "種類"},   {RSORT_REQUESTER, "申請者"},
	{RSORT_UNIT, "課"},         {RSORT_TARGET, "対象"}, {RSORT_STATE, "状態"},
	{RSORT_FILED, "申請日"},    {RSORT_DUE, "期限"},
};

static const struct {
	const char *id, *label;
} states[] = {
	{"filed", "申請中"}, {"approved", "許可"},    {"rejected", "却下"},
	{"done", "実施済"},  {"returned", "返却済"},  {"expired", "期限切れ"},
	{"overdue", "返却期限超過"},
};

/* The list URL with the current filters and the given tab, sort and offset. */
static void list_url(struct buf *b, const struct request_query *q, enum request_tab tab,
		     enum request_sort sort, int desc, long offset, int csv)
{
	char num[24];
	buf_puts(b, "/requests");
	url_param(b, "tab", tab_names[tab]);
	url_param(b, "type", q->type);
	url_param(b, "state", q->state);
	url_param(b, "q", q->q);
	url_param(b, "sort", request_sort_names[sort]);
	url_param(b, "dir", desc ? "desc" : "asc");
	if (q->limit && q->limit != REQUEST_PAGE_DEFAULT) {
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

static size_t count_tab(const struct web_user *u, const struct request_view *v,
			enum request_tab tab)
{
	struct request_query q;
	size_t n;
	memset(&q, 0, sizeof q);
	q.tab = tab;
	free(request_select(u, v, &q, &n));
	return n;
}

static void tabs(struct buf *b, const struct web_user *u, const struct request_view *v,
		 const struct request_query *q)
{
	static const char *const labels[] = {[TAB_MINE] = "自分の申請", [TAB_WAITING] = "承認待ち",
					     [TAB_ALL] = "すべて"};
	struct buf href = BUF_INIT;
	buf_puts(b, "<nav class=\"tabs\" aria-label=\"申請の一覧\"><ul>\n");
	for (int t = TAB_MINE; t <= TAB_ALL; t++) {
		const char *label = labels[t];
		if (t == TAB_ALL && !request_sees_all(u))
			label = "担当する申請";
		buf_reset(&href);
		list_url(&href, &(struct request_query){.tab = (enum request_tab)t, .desc = 1},
			 (enum request_tab)t, RSORT_NO, 1, 0, 0);
		html_printf(b, t == (int)q->tab ? "<li><a href=\"%s\" aria-current=\"page\">%s（%zu）</a></li>\n"
						: "<li><a href=\"%s\">%s（%zu）</a></li>\n",
			    buf_str(&href), label, count_tab(u, v, (enum request_tab)t));
	}
	buf_puts(b, "</ul></nav>\n");
	buf_free(&href);
}

static void filter_form(struct buf *b, const struct request_query *q)
{
	size_t ntypes;
	const struct request_type *types = request_types_all(&ntypes);
	html_printf(b, "<form method=\"get\" action=\"/requests\" class=\"filters\" role=\"search\">"
		       "<input type=\"hidden\" name=\"tab\" value=\"%s\">"
		       "<label for=\"f-type\">種類</label><select id=\"f-type\" name=\"type\">"
		       "<option value=\"\">すべて</option>",
		    tab_names[q->tab]);
	for (size_t i = 0; i < ntypes; i++)
		html_printf(b, q->type && strcmp(q->type, types[i].id) == 0
				       ? "<option value=\"%s\" selected>%s</option>"
				       : "<option value=\"%s\">%s</option>",
			    types[i].id, types[i].label);
	buf_puts(b, "</select><label for=\"f-state\">状態</label><select id=\"f-state\" name=\"state\">"
		    "<option value=\"\">すべて</option>");
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		html_printf(b, q->state && strcmp(q->state, states[i].id) == 0
				       ? "<option value=\"%s\" selected>%s</option>"
				       : "<option value=\"%s\">%s</option>",
			    states[i].id, states[i].label);
	html_printf(b, "</select><label for=\"f-q\">検索</label>"
		       "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\""
		       " placeholder=\"申請番号・申請者・対象・内容\">"
		       "<button type=\"submit\">絞り込む</button></form>\n",
		    q->q ? q->q : "");
}

#define NCOLUMNS (sizeof columns / sizeof columns[0])

static void sort_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	const struct request_query *q = ctx;
	list_url(u, q, q->tab, columns[col].sort, desc, offset, 0);
}

static struct listui_sort sorting(const struct request_query *q)
{
	struct listui_sort s = {sort_url, q, -1, q->desc};
	for (size_t i = 0; i < NCOLUMNS; i++)
		if (columns[i].sort == q->sort)
			s.current = (int)i;
	return s;
}

static void header_row(struct buf *b, const struct request_query *q)
{
	const char *labels[NCOLUMNS];
	struct listui_sort s = sorting(q);
	for (size_t i = 0; i < NCOLUMNS; i++)
		labels[i] = columns[i].label;
	listui_header(b, &s, labels, NULL, NCOLUMNS);
}

static void request_row(struct buf *b, const struct web_user *u, const struct request_view *v,
			const struct request *r)
{
	struct buf href = BUF_INIT, target = BUF_INIT;
	const struct staff *who = request_view_staff(v, r->requester_id);
	const struct org_unit *unit = org_unit_by_id(&u->units, r->unit_id);
	buf_puts(&href, "/requests/");
	url_encode(&href, r->request_no);
	request_view_target(&target, v, r);
	html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
		       "<td>%s</td><td>%s</td><td>",
		    buf_str(&href), r->request_no, request_view_type_label(r), who ? who->name : "",
		    unit ? unit->name : "", buf_str(&target), request_view_state(v, r));
	layout_date(b, r->filed_at ? r->filed_at : "");
	buf_puts(b, "</td><td>");
	layout_date(b, request_view_deadline(r));
	buf_puts(b, "</td></tr>\n");
	buf_free(&href);
	buf_free(&target);
}

static void pager(struct buf *b, const struct request_query *q, size_t total, size_t shown)
{
	struct buf u = BUF_INIT;
	struct listui_sort s = sorting(q);
	listui_pager(b, &s, total, shown, q->offset, q->limit);
	list_url(&u, q, q->tab, q->sort, q->desc, 0, 1);
	html_printf(b, "<p class=\"export\"><a href=\"%s\">CSV で書き出す</a></p>\n", buf_str(&u));
	buf_free(&u);
}

/* "品目: ノートPC / 数量: 1 …" in the type's field order. */
static void fields_text(struct buf *b, const struct request *r)
{
	const struct request_type *t = request_type_find(r->type);
	cJSON *obj = cJSON_Parse(r->fields ? r->fields : "{}");
	const cJSON *it;
	cJSON_ArrayForEach(it, obj)
	{
		if (!cJSON_IsString(it))
			continue;
		buf_printf(b, "%s%s: %s", b->len ? " / " : "", request_view_field_label(t, it->string),
			   it->valuestring);
	}
	cJSON_Delete(obj);
}

/* With one type chosen, its fields become columns, so the export reads
 * like the paper record the policy asks for (持ち出し記録: 品目, 数量 …). */
static void csv_header(struct buf *b, const struct request_type *only)
{
	buf_puts(b, "\xEF\xBB\xBF申請番号,種類,申請者の職員番号,申請者,課,対象,状態,申請日時,"
		    "許可期限,返却予定日,返却日");
	for (int i = 0; only && i < REQUEST_MAX_FIELDS && only->fields[i].key; i++)
		buf_printf(b, ",%s", only->fields[i].label);
	buf_puts(b, only ? "\r\n" : ",内容\r\n");
}

static void csv_fields(struct buf *b, const struct request *r, const struct request_type *only)
{
	struct buf text = BUF_INIT;
	if (!only) {
		fields_text(&text, r);
		buf_csv_field(b, buf_str(&text), 1);
		buf_free(&text);
		return;
	}
	cJSON *obj = cJSON_Parse(r->fields ? r->fields : "{}");
	int n = 0;
	while (n < REQUEST_MAX_FIELDS && only->fields[n].key)
		n++;
	for (int i = 0; i < n; i++) {
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, only->fields[i].key);
		buf_csv_field(b, cJSON_IsString(x) ? x->valuestring : "", i == n - 1);
	}
	cJSON_Delete(obj);
}

static void requests_csv(struct web_resp *rs, const struct web_user *u,
			 const struct request_view *v, const struct request_query *q,
			 const struct request **rows, size_t n)
{
	struct buf target = BUF_INIT;
	const struct request_type *only = q->type ? request_type_find(q->type) : NULL;
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	struct buf *b = &rs->body;
	/* the BOM tells Excel the bytes are UTF-8; buf_csv_field guards formulas */
	csv_header(b, only);
	for (size_t i = 0; i < n; i++) {
		const struct request *r = rows[i];
		const struct staff *who = request_view_staff(v, r->requester_id);
		const struct org_unit *unit = org_unit_by_id(&u->units, r->unit_id);
		buf_reset(&target);
		request_view_target(&target, v, r);
		buf_csv_field(b, r->request_no, 0);
		buf_csv_field(b, request_view_type_label(r), 0);
		buf_csv_field(b, who ? who->staff_no : "", 0);
		buf_csv_field(b, who ? who->name : "", 0);
		buf_csv_field(b, unit ? unit->name : "", 0);
		buf_csv_field(b, buf_str(&target), 0);
		buf_csv_field(b, request_view_state(v, r), 0);
		buf_csv_field(b, r->filed_at, 0);
		buf_csv_field(b, r->valid_until, 0);
		buf_csv_field(b, r->due_on, 0);
		buf_csv_field(b, r->returned_at, 0);
		csv_fields(b, r, only);
	}
	buf_free(&target);
}

static void requests_page(struct web_req *rq, struct web_resp *rs, const struct request_view *v,
			  const struct request_query *q, const struct request **rows, size_t n)
{
	page_begin(rq, rs, "申請・承認");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>申請・承認</h1>\n<p><a class=\"button\" href=\"/requests/new\">新しく申請する</a></p>\n");
	tabs(b, rq->user, v, q);
	if (q->tab == TAB_ALL && !request_sees_all(rq->user))
		buf_puts(b, "<p class=\"note\">あなたが申請したもの、決裁する役割を持つもの、返却を確認するものを表示しています。</p>\n");
	filter_form(b, q);
	size_t from = (size_t)q->offset < n ? (size_t)q->offset : n;
	size_t shown = n - from < (size_t)q->limit ? n - from : (size_t)q->limit;
	if (n == 0) {
		buf_puts(b, "<p>該当する申請はありません。</p>\n");
	} else {
		buf_puts(b, "<table class=\"list\">\n<caption>申請の一覧</caption>\n");
		header_row(b, q);
		buf_puts(b, "<tbody>\n");
		for (size_t i = from; i < from + shown; i++)
			request_row(b, rq->user, v, rows[i]);
		buf_puts(b, "</tbody></table>\n");
	}
	pager(b, q, n, shown);
	layout_end(b);
}

void page_requests_list(struct web_req *rq, struct web_resp *rs)
{
	struct request_view v;
	struct request_query q;
	struct err e = {0};
	size_t n;
	if (request_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	request_query_from_form(&rq->query, TAB_MINE, &q);
	const struct request **rows = request_select(rq->user, &v, &q, &n);
	const char *format = form_get(&rq->query, "format");
	if (format && strcmp(format, "csv") == 0)
		requests_csv(rs, rq->user, &v, &q, rows, n);
	else
		requests_page(rq, rs, &v, &q, rows, n);
	free(rows);
	request_view_free(&v);
}
