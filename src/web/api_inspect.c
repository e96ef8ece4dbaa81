/*
 * api_inspect.c — the JSON API of 自己点検 (docs/api.md 「自己点検」):
 *
 *   GET  /api/v1/inspect/campaigns[?fy=2026]        campaigns with progress in scope,
 *                                                   and the caller's pending checklists
 *   GET  /api/v1/inspect/campaigns/{no}             one campaign: progress by 課, a page
 *                                                   of respondents, the results in scope
 *   POST /api/v1/inspect/campaigns/{no}/answers     the caller's answers (a<seq>=done…,
 *                                                   c<seq>=comment, role=, action=submit)
 *
 * Same scope and the same core calls as the pages (inspect_web.h): a
 * campaign the caller may not see is 404, a refused answer 400
 * `validation` with nothing written, a campaign that takes no answers 409.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"
#include "web/api_json.h"
#include "web/fiscal_param.h"
#include "web/inspect_web.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/write.h"

static void campaign_json(struct json_writer *w, const struct inspect_campaign *c)
{
	jw_kv_string(w, "campaign_no", c->campaign_no);
	jw_kv_string(w, "closed_at", c->closed_at);
	jw_kv_string(w, "due_on", c->due_on);
	jw_kv_int(w, "fiscal_year", c->fiscal_year);
	jw_kv_string(w, "opened_at", c->opened_at);
	jw_kv_string(w, "opens_on", c->opens_on);
	jw_kv_string(w, "state", c->state);
	jw_kv_string(w, "state_label", inspect_state_label(c->state));
	jw_kv_string(w, "title", c->title);
}

/* Whose respondents the caller sees: all, some 課 or only their own. */
static const char *scope_name(const struct inspect_scope *s)
{
	return s->all ? "all" : s->nunits ? "units" : "own";
}

static void mine_json(struct json_writer *w, const struct inspect_web_mines *m)
{
	jw_key(w, "mine");
	jw_array_begin(w);
	for (size_t i = 0; i < m->n; i++) {
		jw_object_begin(w);
		jw_kv_int(w, "answered", m->v[i].answered);
		jw_kv_string(w, "campaign_no", m->v[i].campaign_no);
		jw_kv_string(w, "due_on", m->v[i].due_on);
		jw_kv_int(w, "questions", m->v[i].questions);
		jw_kv_string(w, "role", m->v[i].role);
		jw_kv_string(w, "title", m->v[i].title);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void api_inspect_campaigns(struct web_req *rq, struct web_resp *rs)
{
	struct err e = {0};
	int fy = 0;
	if (fiscal_param_or(rq, rs, 0, &fy))
		return;
	struct inspect_campaigns l;
	struct inspect_web_mines mine;
	struct inspect_scope s;
	if (inspect_campaigns_load(rq->db, fy, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (inspect_web_mine_load(rq->db, rq->user->staff.id, &mine, &e)) {
		inspect_campaigns_free(&l);
		web_internal_error(rq, rs, &e);
		return;
	}
	inspect_web_scope(rq, &s);
	int manager = inspect_may_manage(&rq->user->roles, rq->user->staff.id), rc = 0;
	struct json_writer w;
	api_json_begin(rs, 200, &w);
	jw_key(&w, "campaigns");
	jw_array_begin(&w);
	for (size_t i = 0; i < l.n && !rc; i++) {
		struct inspect_web_progress p;
		int listed = inspect_web_listed(rq->db, &l.v[i], &s, manager, &p, &e);
		rc = listed < 0;
		if (listed <= 0)
			continue;
		jw_object_begin(&w);
		campaign_json(&w, &l.v[i]);
		jw_kv_int(&w, "respondents", p.respondents);
		jw_kv_int(&w, "submitted", p.submitted);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	mine_json(&w, &mine);
	jw_kv_string(&w, "scope", scope_name(&s));
	api_json_end(rs, &w);
	if (rc)
		web_internal_error(rq, rs, &e);
	inspect_scope_free(&s);
	inspect_web_mines_free(&mine);
	inspect_campaigns_free(&l);
}

static void units_json(struct json_writer *w, const struct inspect_web_units *u)
{
	jw_key(w, "progress_by_unit");
	jw_array_begin(w);
	for (size_t i = 0; i < u->n; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "name", u->v[i].name);
		jw_kv_int(w, "respondents", u->v[i].p.respondents);
		jw_kv_int(w, "submitted", u->v[i].p.submitted);
		jw_kv_string(w, "unit", u->v[i].code);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void resps_json(struct json_writer *w, const struct inspect_web_resps *l, long limit, long offset)
{
	jw_key(w, "respondents");
	jw_array_begin(w);
	for (size_t i = 0; i < l->n; i++) {
		const struct inspect_web_resp *r = &l->v[i];
		jw_object_begin(w);
		jw_kv_int(w, "answered", r->answered);
		jw_kv_string(w, "name", r->name);
		jw_kv_int(w, "questions", r->questions);
		jw_kv_string(w, "reminded_at", r->reminded_at);
		jw_kv_int(w, "reminders", r->reminders);
		jw_kv_string(w, "role", r->role);
		jw_kv_string(w, "staff_no", r->staff_no);
		jw_kv_string(w, "submitted_at", r->submitted_at);
		jw_kv_string(w, "unit", r->unit);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_kv_int(w, "limit", limit);
	jw_kv_int(w, "offset", offset);
	jw_kv_int(w, "total", l->total);
}

void api_inspect_campaign(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_campaign c;
	struct inspect_scope s;
	struct err e = {0};
	long limit, offset;
	if (api_paging(rq, rs, INSPECT_WEB_PAGE, 500, &limit, &offset))
		return;
	if (inspect_web_campaign(rq, rs, &c, &s))
		return;
	struct inspect_web_overview o;
	struct inspect_results r;
	int have_results = 0;
	int rc = inspect_web_overview_load(rq->db, c.id, &s, inspect_web_pending_asked(rq), limit, offset, &o, &e);
	if (!rc && !(rc = inspect_results_load(rq->db, c.campaign_no, &s, &r, &e)))
		have_results = 1;
	if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		struct json_writer w;
		struct buf results = BUF_INIT;
		inspect_results_json(&r, &results);
		api_json_begin(rs, 200, &w);
		jw_key(&w, "campaign");
		jw_object_begin(&w);
		campaign_json(&w, &c);
		jw_object_end(&w);
		jw_key(&w, "progress");
		jw_object_begin(&w);
		jw_kv_int(&w, "respondents", o.progress.respondents);
		jw_kv_int(&w, "submitted", o.progress.submitted);
		jw_object_end(&w);
		units_json(&w, &o.units);
		resps_json(&w, &o.resps, limit, offset);
		jw_key(&w, "results");
		jw_raw(&w, buf_str(&results));
		jw_kv_string(&w, "scope", scope_name(&s));
		api_json_end(rs, &w);
		buf_free(&results);
	}
	if (have_results)
		inspect_results_free(&r);
	inspect_web_overview_free(&o);
	inspect_scope_free(&s);
	inspect_campaign_free(&c);
}

void api_inspect_answers(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_checklist cl;
	struct err e = {0};
	/* role= is required only of a person asked in several roles */
	if (inspect_web_my_checklist(rq, rs, form_get(&rq->body, "role"), 1, &cl))
		return;
	if (inspect_may_answer(&cl.campaign, &cl.resp, &e)) {
		web_error(rq, rs, 409, "conflict", e.msg);
		inspect_checklist_free(&cl);
		return;
	}
	struct inspect_answering a = {cl.resp.id, NULL, NULL, 0, inspect_web_wants_submit(&rq->body)};
	struct inspect_answer_in *v = NULL;
	int rc = inspect_web_answers_read(&rq->body, &cl, &v, &a.n, &e);
	a.v = v;
	if (!rc && a.n == 0 && !a.submit)
		rc = err_set(&e, ERR_INPUT, "回答がありません（a番号=done|partial|not_done|na の形で送ってください）");
	if (!rc)
		rc = web_write(rq, inspect_answer_write, &a, &e);
	if (rc == ERR_INPUT) {
		web_error(rq, rs, 400, "validation", e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		struct inspect_checklist now;
		if (inspect_checklist_load(rq->db, cl.resp.id, &now, &e)) {
			web_internal_error(rq, rs, &e);
		} else {
			struct json_writer w;
			long answered = 0;
			for (size_t i = 0; i < now.n; i++)
				answered += now.v[i].answer != NULL;
			api_json_begin(rs, 200, &w);
			jw_kv_int(&w, "answered", answered);
			jw_kv_string(&w, "campaign_no", now.campaign.campaign_no);
			jw_kv_int(&w, "questions", (long long)now.n);
			jw_kv_string(&w, "role", now.resp.role);
			jw_kv_int(&w, "saved", (long long)a.n);
			jw_kv_string(&w, "submitted_at", now.resp.submitted_at);
			api_json_end(rs, &w);
			inspect_checklist_free(&now);
		}
	}
	free(v);
	inspect_checklist_free(&cl);
}
