/*
 * api_requests.c — the permission requests in the JSON API (docs/api.md):
 * the same scope and the same refusals as the pages (request_view.h,
 * request_action.h), with stable error codes.
 */
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "web/api_json.h"
#include "web/pages.h"
#include "web/request_action.h"
#include "web/request_form.h"
#include "web/response.h"

static const char *target_kind(const struct request_type *t)
{
	if (!t)
		return "none";
	return t->target == TARGET_ASSET ? "asset" : t->target == TARGET_SYSTEM ? "system" : "none";
}

/* One request; keys sorted, as in all of mamori's JSON. */
static void request_json(struct json_writer *w, const struct web_user *u,
			 const struct request_view *v, const struct request *r, int with_decisions)
{
	const struct staff *who = request_view_staff(v, r->requester_id);
	const struct org_unit *unit = org_unit_by_id(&u->units, r->unit_id);
	const struct request_type *t = request_type_find(r->type);
	jw_object_begin(w);
	if (with_decisions) {
		jw_key(w, "decisions");
		jw_array_begin(w);
		for (size_t i = 0; i < v->decisions.n; i++) {
			const struct request_decision *d = &v->decisions.v[i];
			const struct staff *by = request_view_staff(v, d->decided_by);
			const struct staff *behalf = request_view_staff(v, d->on_behalf_of);
			if (d->request_id != r->id)
				continue;
			jw_object_begin(w);
			jw_kv_string(w, "at", d->at);
			jw_kv_string(w, "decided_by", by ? by->staff_no : NULL);
			jw_kv_string(w, "decision", d->decision);
			jw_kv_string(w, "note", d->note);
			jw_kv_string(w, "on_behalf_of", behalf ? behalf->staff_no : NULL);
			jw_kv_string(w, "override_reason", d->override_reason);
			jw_kv_string(w, "role", d->role);
			jw_object_end(w);
		}
		jw_array_end(w);
	}
	jw_kv_string(w, "done_at", r->done_at);
	jw_kv_string(w, "due_on", r->due_on);
	jw_key(w, "fields");
	jw_raw(w, r->fields && *r->fields ? r->fields : "{}");
	jw_kv_string(w, "filed_at", r->filed_at);
	if (with_decisions)
		jw_kv_string(w, "next_role", request_next_role(r, &v->decisions));
	jw_kv_string(w, "request_no", r->request_no);
	jw_kv_string(w, "requester", who ? who->staff_no : NULL);
	jw_kv_string(w, "requester_name", who ? who->name : NULL);
	jw_kv_string(w, "returned_at", r->returned_at);
	jw_kv_string(w, "state", r->state);
	jw_kv_string(w, "state_label", request_view_state(v, r));
	jw_kv_string(w, "target", request_view_target_code(v, r));
	jw_kv_string(w, "target_kind", target_kind(t));
	jw_kv_string(w, "type", r->type);
	jw_kv_string(w, "type_label", t ? t->label : r->type);
	jw_kv_string(w, "unit", unit ? unit->code : NULL);
	jw_kv_string(w, "valid_until", r->valid_until);
	jw_object_end(w);
}

void api_requests_list(struct web_req *rq, struct web_resp *rs)
{
	struct request_view v;
	struct request_query q;
	struct json_writer w;
	struct err e = {0};
	size_t n;
	if (request_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	request_query_from_form(&rq->query, TAB_ALL, &q);
	if (q.type && !request_type_find(q.type)) {
		web_error(rq, rs, 400, "validation", "申請の種類が正しくありません（GET /api/v1/request-types で一覧）");
		request_view_free(&v);
		return;
	}
	const struct request **rows = request_select(rq->user, &v, &q, &n);
	size_t from = (size_t)q.offset < n ? (size_t)q.offset : n;
	size_t shown = n - from < (size_t)q.limit ? n - from : (size_t)q.limit;
	api_json_begin(rs, 200, &w);
	jw_kv_int(&w, "limit", q.limit);
	jw_kv_int(&w, "offset", q.offset);
	jw_key(&w, "requests");
	jw_array_begin(&w);
	for (size_t i = from; i < from + shown; i++)
		request_json(&w, rq->user, &v, rows[i], 0);
	jw_array_end(&w);
	jw_kv_int(&w, "total", (long long)n);
	api_json_end(rs, &w);
	free(rows);
	request_view_free(&v);
}

/* The request of the URL within the caller's scope, or a 404 answered. */
static const struct request *visible_or_404(struct web_req *rq, struct web_resp *rs,
					    const struct request_view *v)
{
	const struct request *r = rq->id ? request_by_no(&v->requests, rq->id) : NULL;
	if (r && request_visible(rq->user, r))
		return r;
	web_error(rq, rs, 404, "not_found", "申請が見つかりません");
	return NULL;
}

static void one_request(struct web_req *rq, struct web_resp *rs, int status, const char *no)
{
	struct request_view v;
	struct json_writer w;
	struct err e = {0};
	if (request_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const struct request *r = request_by_no(&v.requests, no);
	if (!r || !request_visible(rq->user, r)) {
		web_error(rq, rs, 404, "not_found", "申請が見つかりません");
	} else {
		api_json_begin(rs, status, &w);
		jw_key(&w, "request");
		request_json(&w, rq->user, &v, r, 1);
		api_json_end(rs, &w);
	}
	request_view_free(&v);
}

void api_request_show(struct web_req *rq, struct web_resp *rs)
{
	one_request(rq, rs, 200, rq->id ? rq->id : "");
}

void api_request_types(struct web_req *rq, struct web_resp *rs)
{
	size_t n;
	const struct request_type *types = request_types_all(&n);
	struct json_writer w;
	(void)rq;
	api_json_begin(rs, 200, &w);
	jw_key(&w, "types");
	jw_array_begin(&w);
	for (size_t i = 0; i < n; i++) {
		const struct request_type *t = &types[i];
		jw_object_begin(&w);
		jw_key(&w, "approvers");
		jw_array_begin(&w);
		for (int k = 0; k < REQUEST_MAX_APPROVERS && t->approvers[k]; k++)
			jw_string(&w, t->approvers[k]);
		jw_array_end(&w);
		jw_kv_string(&w, "clause", t->clause);
		jw_key(&w, "fields");
		jw_array_begin(&w);
		for (int k = 0; k < REQUEST_MAX_FIELDS && t->fields[k].key; k++) {
			jw_object_begin(&w);
			jw_kv_string(&w, "input", t->fields[k].is_date ? "date" : "text");
			jw_kv_string(&w, "key", t->fields[k].key);
			jw_kv_string(&w, "label", t->fields[k].label);
			jw_kv_int(&w, "required", 1);
			jw_object_end(&w);
		}
		jw_array_end(&w);
		jw_kv_string(&w, "id", t->id);
		jw_kv_string(&w, "label", t->label);
		jw_kv_int(&w, "min_confidentiality", t->min_confidentiality);
		jw_kv_string(&w, "target", target_kind(t));
		jw_kv_int(&w, "validity_days", t->validity_days);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	api_json_end(rs, &w);
}

/* Every problem of the form in one message, "; "-separated. */
static void form_problems(struct web_req *rq, struct web_resp *rs, const struct request_form *f)
{
	struct buf msg = BUF_INIT;
	for (size_t i = 0; i < f->nproblems; i++)
		buf_printf(&msg, "%s%s", i ? "; " : "", f->problems[i].msg);
	web_error(rq, rs, 400, "validation", buf_str(&msg));
	buf_free(&msg);
}

void api_request_file(struct web_req *rq, struct web_resp *rs)
{
	const char *type = form_get(&rq->body, "type");
	const struct request_type *t = type ? request_type_find(type) : NULL;
	struct request_form f;
	struct err e = {0};
	if (!t) {
		web_error(rq, rs, 400, "validation", "申請の種類（type）が正しくありません（GET /api/v1/request-types で一覧）");
		return;
	}
	request_form_init(&f, t, &rq->body);
	if (request_form_check(rq, &f, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (f.nproblems) {
		form_problems(rq, rs, &f);
	} else {
		char *no = NULL;
		int not_required = 0;
		if (request_act_file(rq, &f, &no, &not_required, &e) == 0)
			one_request(rq, rs, 201, no);
		else if (e.code == ERR_INPUT)
			web_error(rq, rs, 400, "validation", e.msg);
		else
			web_internal_error(rq, rs, &e);
		free(no);
	}
	request_form_free(&f);
}

void api_request_decide(struct web_req *rq, struct web_resp *rs)
{
	struct request_view v;
	struct web_refusal why = {0};
	struct err e = {0};
	if (request_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const struct request *r = visible_or_404(rq, rs, &v);
	char *no = r ? xstrdup(r->request_no) : NULL;
	int rc = r ? request_act_decide(rq, &v, r, form_get(&rq->body, "decision"),
					form_get(&rq->body, "note"), &why, &e)
		   : 0;
	request_view_free(&v);
	if (rc)
		web_internal_error(rq, rs, &e);
	else if (no && why.status)
		web_error(rq, rs, why.status, why.code, why.msg);
	else if (no)
		one_request(rq, rs, 200, no);
	free(no);
	web_refusal_free(&why);
}
