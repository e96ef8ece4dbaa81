/*
 * page_exceptions.c — 例外措置の台帳 (7.4.3): the applications and decisions
 * within the viewer's scope (case_scope.h), with filters (状態 including
 * 期限切れ, 緊急, 課), sortable columns, paging and the CSV of the whole
 * filtered register.
 */
#include <stdlib.h>
#include <string.h>

#include "web/case_scope.h"
#include "web/exc_view.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/url.h"

/* The columns; sort is an index into exc_sort_names, or -1 (not sortable). */
static const struct case_column columns[] = {
	{"番号", EXC_SORT_NO},       {"条項", EXC_SORT_CLAUSE}, {"課/システム", EXC_SORT_TARGET},
	{"理由", -1},                {"期間", EXC_SORT_PERIOD}, {"状態", EXC_SORT_STATE},
	{"申請者", EXC_SORT_REQUESTER}, {"決定者/日", EXC_SORT_DECIDED},
};

static const struct case_list_page list_page = {"/exceptions", exc_sort_names, columns,
						 sizeof columns / sizeof columns[0], 1};

/* The filters, offering the 課 of the records the viewer sees. */
static void filter_form(struct buf *b, const struct web_user *u, const struct exc_view *v,
			const struct case_query *q)
{
	long long *ids = xmalloc((v->list.n + 1) * sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < v->list.n; i++)
		if (case_exception_visible(u, &v->list.v[i]))
			ids[n++] = v->list.v[i].unit_id;
	case_list_filters(b, &list_page, q, exc_states, exc_nstates, &u->units, ids, n);
	free(ids);
}

static void row(struct buf *b, const struct web_user *u, const void *view, const void *rec)
{
	const struct exc_view *v = view;
	const struct exception_req *x = rec;
	struct buf href = BUF_INIT, target = BUF_INIT, reason = BUF_INIT;
	char decided[11];
	buf_puts(&href, "/exceptions/");
	url_encode(&href, x->exception_no);
	exc_target(&target, u, v, x);
	case_view_short(&reason, x->reason, 30);
	case_view_day(x->decided_at, decided);
	const struct staff *req = case_view_staff(&v->refs, x->requester_id);
	const struct staff *dec = case_view_staff(&v->refs, x->decided_by);
	html_printf(b, "<tr><td><a href=\"%s\">%s</a>", buf_str(&href), x->exception_no);
	if (x->emergency)
		buf_puts(b, " <span class=\"exc-urgent\">緊急</span>");
	html_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s〜%s</td><td>%s</td><td>%s</td><td>%s %s</td></tr>\n",
		    x->clause, buf_str(&target), buf_str(&reason), x->starts_on ? x->starts_on : "",
		    x->ends_on ? x->ends_on : "", exception_state_label(x, v->refs.today), req ? req->name : "",
		    dec ? dec->name : "", decided);
	buf_free(&href);
	buf_free(&target);
	buf_free(&reason);
}

static void csv(struct web_resp *rs, const struct web_user *u, const struct exc_view *v,
		const struct case_rows *rows)
{
	case_list_csv_begin(rs, "exceptions.csv",
			    "番号,区分,条項,課,システム,申請者の職員番号,申請者,理由,範囲,代替措置,開始日,終了日,"
			    "申請日時,緊急実施日時,報告日時,状態,決定者,決定日時,決定の備考,最終確認日時");
	for (size_t i = 0; i < rows->n; i++) {
		const struct exception_req *x = rows->v[i].rec;
		const struct org_unit *unit = org_unit_by_id(&u->units, x->unit_id);
		const struct info_system *sys = x->system_id ? infosys_by_id(&v->refs.systems, x->system_id) : NULL;
		const struct staff *req = case_view_staff(&v->refs, x->requester_id);
		const struct staff *dec = case_view_staff(&v->refs, x->decided_by);
		const char *cells[] = {x->exception_no, x->emergency ? "緊急" : "通常", x->clause,
				       unit ? unit->name : "", sys ? sys->name : "", req ? req->staff_no : "",
				       req ? req->name : "", x->reason, x->scope, x->measures, x->starts_on,
				       x->ends_on, x->filed_at, x->applied_at, x->reported_at,
				       exception_state_label(x, v->refs.today), dec ? dec->name : "", x->decided_at,
				       x->decision_note, x->reviewed_at};
		case_list_csv_row(&rs->body, cells, sizeof cells / sizeof cells[0]);
	}
}

void page_exceptions_list(struct web_req *rq, struct web_resp *rs)
{
	struct exc_view v;
	struct case_query q;
	struct case_rows rows;
	struct err e = {0};
	if (exc_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		exc_view_free(&v);
		return;
	}
	case_query_from_form(&rq->query, exc_sort_names, EXC_NSORT, &q);
	exc_select(rq->user, &v, &q, &rows);
	const char *format = form_get(&rq->query, "format");
	if (format && strcmp(format, "csv") == 0) {
		csv(rs, rq->user, &v, &rows);
	} else {
		page_begin(rq, rs, "例外措置");
		struct buf *b = &rs->body;
		buf_puts(b, "<h1>例外措置</h1>\n");
		if (case_exception_may_file(rq->user))
			buf_puts(b, "<p><a class=\"button\" href=\"/exceptions/new\">例外措置を申請する</a></p>\n");
		if (!case_scope_sees_all(rq->user))
			buf_puts(b, "<p class=\"note\">あなたが申請したもの、担当する課・システムのものを表示しています。</p>\n");
		filter_form(b, rq->user, &v, &q);
		case_list_table(b, &list_page, &q, &rows, "例外措置の申請と決定", "該当する例外措置はありません。", row,
				rq->user, &v);
		layout_end(b);
	}
	case_rows_free(&rows);
	exc_view_free(&v);
}
