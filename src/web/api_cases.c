/*
 * api_cases.c — 例外措置 and violations in the JSON API (docs/api.md): the
 * same scope, the same core calls and the same refusals as the pages
 * (exc_view.h, vio_view.h), with stable error codes.  A refusal of input
 * is 400 `validation`, as elsewhere in the API.
 */
#include <stdlib.h>
#include <string.h>

#include "core/infosys.h"
#include "web/api_json.h"
#include "web/case_scope.h"
#include "web/exc_view.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/vio_view.h"

static void refused(struct web_req *rq, struct web_resp *rs, const struct case_outcome *o)
{
	web_error(rq, rs, o->status == 422 ? 400 : o->status, o->code, o->msg);
}

/* The query of a list; answers 400 bad_parameter for bad paging or state. */
static int list_query(struct web_req *rq, struct web_resp *rs, const char *const *sorts, int nsort,
		      int (*state_known)(const char *), struct case_query *q)
{
	long limit, offset;
	if (api_paging(rq, rs, CASE_PAGE_DEFAULT, CASE_PAGE_MAX, &limit, &offset))
		return -1;
	case_query_from_form(&rq->query, sorts, nsort, q);
	q->limit = limit;
	q->offset = offset;
	if (q->state && !state_known(q->state)) {
		web_error(rq, rs, 400, "bad_parameter", "state の値が正しくありません");
		return -1;
	}
	return 0;
}

void api_exceptions_list(struct web_req *rq, struct web_resp *rs)
{
	struct exc_view v;
	struct case_query q;
	struct case_rows rows;
	struct json_writer w;
	struct err e = {0};
	size_t from, shown;
	if (list_query(rq, rs, exc_sort_names, EXC_NSORT, exc_state_known, &q))
		return;
	if (exc_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		exc_view_free(&v);
		return;
	}
	exc_select(rq->user, &v, &q, &rows);
	case_rows_page(&rows, &q, &from, &shown);
	api_json_begin(rs, 200, &w);
	jw_key(&w, "exceptions");
	jw_array_begin(&w);
	for (size_t i = from; i < from + shown; i++)
		exc_json(&w, rq->user, &v, rows.v[i].rec, NULL);
	jw_array_end(&w);
	jw_kv_int(&w, "limit", q.limit);
	jw_kv_int(&w, "offset", q.offset);
	jw_kv_int(&w, "total", (long long)rows.n);
	api_json_end(rs, &w);
	case_rows_free(&rows);
	exc_view_free(&v);
}

static void one_exception(struct web_req *rq, struct web_resp *rs, int status, const char *no)
{
	struct exc_view v;
	struct case_events ev = {0};
	struct json_writer w;
	struct err e = {0};
	if (exc_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		exc_view_free(&v);
		return;
	}
	const struct exception_req *x = exception_by_no(&v.list, no);
	if (!x || !case_exception_visible(rq->user, x)) {
		web_error(rq, rs, 404, "not_found", "例外措置が見つかりません");
	} else if (case_events_load(rq->db, CASE_EXCEPTION, x->id, &ev, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		api_json_begin(rs, status, &w);
		jw_key(&w, "exception");
		exc_json(&w, rq->user, &v, x, &ev);
		api_json_end(rs, &w);
	}
	case_events_free(&ev);
	exc_view_free(&v);
}

void api_exception_show(struct web_req *rq, struct web_resp *rs)
{
	one_exception(rq, rs, 200, rq->id ? rq->id : "");
}

void api_exception_file(struct web_req *rq, struct web_resp *rs)
{
	struct info_systems systems = {0};
	struct case_outcome o = {0};
	struct err e = {0};
	char *no = NULL;
	const char *unit = form_get(&rq->body, "unit"), *system = form_get(&rq->body, "system");
	if (infosys_load(rq->db, &systems, &e) ||
	    exc_file(rq, &systems, unit && *unit ? unit : NULL, system && *system ? system : NULL, &no, &o, &e))
		web_internal_error(rq, rs, &e);
	else if (o.status)
		refused(rq, rs, &o);
	else
		one_exception(rq, rs, 201, no);
	free(no);
	case_outcome_free(&o);
	infosys_free(&systems);
}

void api_exception_decide(struct web_req *rq, struct web_resp *rs)
{
	struct exc_view v;
	struct case_outcome o = {0};
	struct err e = {0};
	char *no = NULL;
	if (exc_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		exc_view_free(&v);
		return;
	}
	const struct exception_req *x = exc_find_visible(rq, rs, &v);
	if (x) {
		no = xstrdup(x->exception_no);
		if (exc_act(rq, x, EXCEPTION_DECIDE, &o, &e))
			web_internal_error(rq, rs, &e);
		else if (o.status)
			refused(rq, rs, &o);
	}
	exc_view_free(&v);
	if (no && !e.code && !o.status)
		one_exception(rq, rs, 200, no);
	free(no);
	case_outcome_free(&o);
}

void api_violations_list(struct web_req *rq, struct web_resp *rs)
{
	struct vio_view v;
	struct case_query q;
	struct case_rows rows;
	struct json_writer w;
	struct err e = {0};
	size_t from, shown;
	if (list_query(rq, rs, vio_sort_names, VIO_NSORT, vio_state_known, &q))
		return;
	if (vio_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		vio_view_free(&v);
		return;
	}
	vio_select(rq->user, &v, &q, &rows);
	case_rows_page(&rows, &q, &from, &shown);
	api_json_begin(rs, 200, &w);
	jw_kv_int(&w, "limit", q.limit);
	jw_kv_int(&w, "offset", q.offset);
	jw_kv_int(&w, "total", (long long)rows.n);
	jw_key(&w, "violations");
	jw_array_begin(&w);
	for (size_t i = from; i < from + shown; i++)
		vio_json(&w, rq->user, &v, rows.v[i].rec, NULL, NULL);
	jw_array_end(&w);
	api_json_end(rs, &w);
	case_rows_free(&rows);
	vio_view_free(&v);
}

static void one_violation(struct web_req *rq, struct web_resp *rs, int status, const char *no)
{
	struct vio_view v;
	struct case_events ev = {0};
	struct rights_actions ra = {0};
	struct json_writer w;
	struct err e = {0};
	if (vio_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		vio_view_free(&v);
		return;
	}
	const struct violation *x = violation_by_no(&v.list, no);
	if (!x || !case_violation_visible(rq->user, x)) {
		web_error(rq, rs, 404, "not_found", "違反の記録が見つかりません");
	} else if (case_events_load(rq->db, CASE_VIOLATION, x->id, &ev, &e) || rights_actions_load(rq->db, &ra, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		api_json_begin(rs, status, &w);
		jw_key(&w, "violation");
		vio_json(&w, rq->user, &v, x, &ev, &ra);
		api_json_end(rs, &w);
	}
	case_events_free(&ev);
	rights_actions_free(&ra);
	vio_view_free(&v);
}

void api_violation_show(struct web_req *rq, struct web_resp *rs)
{
	one_violation(rq, rs, 200, rq->id ? rq->id : "");
}

void api_violation_record(struct web_req *rq, struct web_resp *rs)
{
	struct case_outcome o = {0};
	struct err e = {0};
	char *no = NULL;
	if (vio_record(rq, form_get(&rq->body, "staff"), form_get(&rq->body, "clause"),
		       form_get(&rq->body, "description"), &no, &o, &e))
		web_internal_error(rq, rs, &e);
	else if (o.status)
		refused(rq, rs, &o);
	else
		one_violation(rq, rs, 201, no);
	free(no);
	case_outcome_free(&o);
}
