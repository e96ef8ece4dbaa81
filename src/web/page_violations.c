/*
 * page_violations.c — 違反への対応: the violations within the viewer's
 * scope (case_scope.h: personnel matters, seen only by the
 * organisation-wide roles and the 情報セキュリティ責任者/管理者 of the
 * person's unit), with filters (状態, 課), sortable columns, paging and a
 * CSV of the whole filtered list.
 */
#include <stdlib.h>
#include <string.h>

#include "web/case_scope.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/url.h"
#include "web/vio_view.h"

static const struct case_column columns[] = {
	{"番号", VIO_SORT_NO},       {"職員", VIO_SORT_PERSON}, {"課", VIO_SORT_UNIT},
	{"条項", VIO_SORT_CLAUSE},   {"内容", -1},              {"記録日", VIO_SORT_FOUND},
	{"状態", VIO_SORT_STATE},
};

static const struct case_list_page list_page = {"/violations", vio_sort_names, columns,
						 sizeof columns / sizeof columns[0], 0};

/* The filters, offering the 課 of the records the viewer sees. */
static void filter_form(struct buf *b, const struct web_user *u, const struct vio_view *v,
			const struct case_query *q)
{
	struct case_choice states[VIO_NSTATES];
	long long *ids = xmalloc((v->list.n + 1) * sizeof *ids);
	size_t n = 0;
	for (size_t i = 0; i < VIO_NSTATES; i++)
		states[i] = (struct case_choice){vio_states[i], violation_state_label(vio_states[i])};
	for (size_t i = 0; i < v->list.n; i++)
		if (case_violation_visible(u, &v->list.v[i]))
			ids[n++] = v->list.v[i].unit_id;
	case_list_filters(b, &list_page, q, states, VIO_NSTATES, &u->units, ids, n);
	free(ids);
}

static void row(struct buf *b, const struct web_user *u, const void *view, const void *rec)
{
	const struct vio_view *v = view;
	const struct violation *x = rec;
	struct buf href = BUF_INIT, text = BUF_INIT;
	char found[11];
	const struct staff *person = case_view_staff(&v->refs, x->staff_id);
	const struct org_unit *unit = org_unit_by_id(&u->units, x->unit_id);
	buf_puts(&href, "/violations/");
	url_encode(&href, x->violation_no);
	case_view_short(&text, x->description, 30);
	case_view_day(x->found_at, found);
	html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
		       "<td>%s</td></tr>\n",
		    buf_str(&href), x->violation_no, person ? person->name : "", unit ? unit->name : "",
		    x->clause ? x->clause : "", buf_str(&text), found, violation_state_label(x->state));
	buf_free(&href);
	buf_free(&text);
}

static void csv(struct web_resp *rs, const struct web_user *u, const struct vio_view *v,
		const struct case_rows *rows)
{
	case_list_csv_begin(rs, "violations.csv", "番号,職員番号,職員,課,条項,内容,確認者,記録日時,状態,終結日時");
	for (size_t i = 0; i < rows->n; i++) {
		const struct violation *x = rows->v[i].rec;
		const struct staff *person = case_view_staff(&v->refs, x->staff_id);
		const struct staff *finder = case_view_staff(&v->refs, x->found_by);
		const struct org_unit *unit = org_unit_by_id(&u->units, x->unit_id);
		const char *cells[] = {x->violation_no, person ? person->staff_no : "", person ? person->name : "",
				       unit ? unit->name : "", x->clause, x->description, finder ? finder->name : "",
				       x->found_at, violation_state_label(x->state), x->closed_at};
		case_list_csv_row(&rs->body, cells, sizeof cells / sizeof cells[0]);
	}
}

void page_violations_list(struct web_req *rq, struct web_resp *rs)
{
	struct vio_view v;
	struct case_query q;
	struct case_rows rows;
	struct err e = {0};
	if (vio_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		vio_view_free(&v);
		return;
	}
	case_query_from_form(&rq->query, vio_sort_names, VIO_NSORT, &q);
	vio_select(rq->user, &v, &q, &rows);
	const char *format = form_get(&rq->query, "format");
	if (format && strcmp(format, "csv") == 0) {
		csv(rs, rq->user, &v, &rows);
	} else {
		page_begin(rq, rs, "違反への対応");
		struct buf *b = &rs->body;
		buf_puts(b, "<h1>違反への対応</h1>\n<p><a class=\"button\" href=\"/violations/new\">違反を記録する</a></p>\n");
		if (!case_scope_sees_all(rq->user))
			buf_puts(b, "<p class=\"note\">あなたが担当する部局・課の職員の記録を表示しています。</p>\n");
		filter_form(b, rq->user, &v, &q);
		case_list_table(b, &list_page, &q, &rows, "違反の記録", "該当する違反の記録はありません。", row, rq->user, &v);
		layout_end(b);
	}
	case_rows_free(&rows);
	vio_view_free(&v);
}
