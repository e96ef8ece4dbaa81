/*
 * api_audit.c — 監査 and 改善措置 in the JSON API (docs/api.md): the same
 * scope (audit_web.h), the same core calls and refusals as the pages; a
 * refusal of input is 400 `validation`.  The audit object has the keys of
 * `mamori audit show --format json` plus the spreads and actions; an action
 * those of `mamori action show --format json` plus its timeline.
 */
#include <stdlib.h>
#include <string.h>

#include "core/audit_json.h"
#include "core/audit_report.h"
#include "core/case_util.h"
#include "util/timeutil.h"
#include "web/api_json.h"
#include "web/audit_web.h"
#include "web/audit_web_act.h"
#include "web/fiscal_param.h"
#include "web/pages.h"
#include "web/response.h"

static void refused(struct web_req *rq, struct web_resp *rs, const struct case_outcome *o)
{
	web_error(rq, rs, o->status == 422 ? 400 : o->status, o->code, o->msg);
}

static const char *staff_no_of(const struct staff_list *l, long long id)
{
	const struct staff *s = id ? staff_by_id(l, id) : NULL;
	return s ? s->staff_no : NULL;
}

static const char *unit_code_of(const struct org_units *u, long long id)
{
	const struct org_unit *x = id ? org_unit_by_id(u, id) : NULL;
	return x ? x->code : NULL;
}

static void audit_summary(struct json_writer *w, const struct audit *a, const struct org_units *units)
{
	char *name, *subs;
	audit_contractor_parts(a, &name, &subs);
	jw_kv_string(w, "audit_no", a->audit_no);
	jw_kv_string(w, "contractor", name);
	jw_kv_string(w, "ends_on", a->ends_on);
	jw_kv_int(w, "fiscal_year", a->fiscal_year);
	jw_kv_string(w, "starts_on", a->starts_on);
	jw_kv_string(w, "state", a->state);
	jw_kv_string(w, "target_kind", a->target_kind);
	jw_kv_string(w, "title", a->title);
	jw_kv_string(w, "unit", unit_code_of(units, a->unit_id));
	free(name);
	free(subs);
}

void api_audits_list(struct web_req *rq, struct web_resp *rs)
{
	struct audit_list l;
	struct json_writer w;
	struct err e = {0};
	int fy = 0;
	const char *state = form_get(&rq->query, "state");
	if (fiscal_param_or(rq, rs, 0, &fy))
		return;
	if (state && *state && strcmp(state, "open") && strcmp(state, "closed")) {
		web_error(rq, rs, 400, "bad_parameter", "state は open か closed です");
		return;
	}
	struct audit_filter f = {fy, state && *state ? state : NULL, 0};
	if (audit_list_load(rq->db, &f, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, 200, &w);
	jw_key(&w, "audits");
	jw_array_begin(&w);
	long long n = 0;
	for (size_t i = 0; i < l.n; i++) {
		int visible = 0;
		if (audit_web_visible(rq, &l.v[i], &visible, &e) || !visible)
			continue;
		jw_object_begin(&w);
		audit_summary(&w, &l.v[i], &rq->user->units);
		jw_object_end(&w);
		n++;
	}
	jw_array_end(&w);
	jw_kv_int(&w, "total", n);
	api_json_end(rs, &w);
	audit_list_free(&l);
}

static void detail_findings(struct json_writer *w, const struct audit_report *r)
{
	jw_key(w, "findings");
	jw_array_begin(w);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct audit_finding *f = &r->findings.v[i];
		jw_object_begin(w);
		jw_kv_string(w, "clause", f->clause);
		jw_kv_string(w, "description", f->description);
		jw_kv_string(w, "directive", f->directive);
		jw_kv_string(w, "finding_no", f->finding_no);
		jw_kv_string(w, "severity", f->severity);
		jw_key(w, "spreads");
		jw_array_begin(w);
		for (size_t k = 0; k < r->spreads.n; k++) {
			const struct audit_spread *s = &r->spreads.v[k];
			if (s->finding_id != f->id)
				continue;
			jw_object_begin(w);
			jw_kv_string(w, "answer", s->answer);
			jw_kv_string(w, "manager", staff_no_of(&r->staff, s->manager_id));
			jw_kv_string(w, "state", s->state);
			jw_kv_string(w, "unit", unit_code_of(&r->units, s->unit_id));
			jw_object_end(w);
		}
		jw_array_end(w);
		jw_kv_string(w, "state", f->state);
		jw_kv_string(w, "unit", unit_code_of(&r->units, f->unit_id));
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void detail(struct json_writer *w, const struct audit_report *r)
{
	jw_object_begin(w);
	audit_summary(w, &r->a, &r->units);
	jw_key(w, "actions");
	jw_array_begin(w);
	for (size_t i = 0; i < r->actions.n; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "action_no", r->actions.v[i].action_no);
		jw_kv_string(w, "due_on", r->actions.v[i].due_on);
		jw_kv_string(w, "state", r->actions.v[i].state);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_kv_string(w, "conclusion", r->a.conclusion);
	jw_key(w, "evidence");
	audit_evidence_json(w, &r->evidence);
	detail_findings(w, r);
	jw_key(w, "items");
	audit_items_json(w, &r->items);
	jw_kv_string(w, "lead", staff_no_of(&r->staff, r->a.lead_id));
	jw_key(w, "members");
	audit_members_json(w, &r->members, &r->staff);
	jw_object_end(w);
}

static void one_audit(struct web_req *rq, struct web_resp *rs, int status, const char *no)
{
	struct audit_report r;
	struct json_writer w;
	struct err e = {0};
	if (audit_report_gather(rq->db, no, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, status, &w);
	jw_key(&w, "audit");
	detail(&w, &r);
	api_json_end(rs, &w);
	audit_report_free(&r);
}

void api_audit_show(struct web_req *rq, struct web_resp *rs)
{
	struct audit a;
	if (audit_web_find(rq, rs, rq->id, &a))
		return;
	one_audit(rq, rs, 200, a.audit_no);
	audit_free(&a);
}

void api_audit_finding_add(struct web_req *rq, struct web_resp *rs)
{
	struct audit a;
	struct case_outcome o = {0};
	struct err e = {0};
	char *no = NULL;
	if (audit_web_find(rq, rs, rq->id, &a))
		return;
	int rc = audit_web_finding_add(rq, &a, &o, &e, &no);
	if (rc)
		web_internal_error(rq, rs, &e);
	else if (o.status)
		refused(rq, rs, &o);
	else
		one_audit(rq, rs, 201, a.audit_no);
	free(no);
	case_outcome_free(&o);
	audit_free(&a);
}

/* ---- corrective actions ---- */

static void action_json(struct json_writer *w, const struct corrective_action *a, const struct staff_list *staff,
			const struct org_units *units, const char *today)
{
	jw_object_begin(w);
	jw_kv_string(w, "action_no", a->action_no);
	jw_kv_string(w, "clause", a->clause);
	jw_kv_string(w, "created_at", a->created_at);
	jw_kv_string(w, "created_by", staff_no_of(staff, a->created_by));
	jw_kv_string(w, "done_at", a->done_at);
	jw_kv_string(w, "done_note", a->done_note);
	jw_kv_string(w, "due_on", a->due_on);
	jw_kv_string(w, "measure", a->measure);
	jw_key(w, "overdue");
	jw_raw(w, corrective_is_overdue(a, today) ? "true" : "false");
	jw_kv_string(w, "owner", staff_no_of(staff, a->owner_id));
	jw_kv_string(w, "problem", a->problem);
	jw_kv_string(w, "source", a->source);
	jw_kv_string(w, "state", a->state);
	jw_kv_string(w, "state_label", corrective_state_label(a->state));
	jw_kv_string(w, "unit", unit_code_of(units, a->unit_id));
	jw_kv_string(w, "verified_at", a->verified_at);
	jw_kv_string(w, "verified_by", staff_no_of(staff, a->verified_by));
}

void api_actions_list(struct web_req *rq, struct web_resp *rs)
{
	struct corrective_list l;
	struct staff_list staff;
	struct json_writer w;
	struct err e = {0};
	char today[11];
	long limit, offset;
	if (api_paging(rq, rs, 100, 1000, &limit, &offset) || action_web_query(rq, rs, &l, today))
		return;
	if (staff_load(rq->db, "", &staff, &e)) {
		corrective_list_free(&l);
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, 200, &w);
	jw_key(&w, "actions");
	jw_array_begin(&w);
	for (size_t i = (size_t)offset; i < l.n && i < (size_t)(offset + limit); i++) {
		action_json(&w, &l.v[i], &staff, &rq->user->units, today);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_kv_int(&w, "limit", limit);
	jw_kv_int(&w, "offset", offset);
	jw_kv_int(&w, "total", (long long)l.n);
	api_json_end(rs, &w);
	staff_list_free(&staff);
	corrective_list_free(&l);
}

static void one_action(struct web_req *rq, struct web_resp *rs, const char *no)
{
	struct corrective_action a;
	struct staff_list staff;
	struct case_events ev;
	struct json_writer w;
	struct err e = {0};
	char today[11];
	if (action_web_find(rq, rs, no, &a))
		return;
	if (staff_load(rq->db, "", &staff, &e)) {
		corrective_action_free(&a);
		web_internal_error(rq, rs, &e);
		return;
	}
	if (case_events_load(rq->db, CASE_CORRECTIVE, a.id, &ev, &e)) {
		staff_list_free(&staff);
		corrective_action_free(&a);
		web_internal_error(rq, rs, &e);
		return;
	}
	time_today(today);
	api_json_begin(rs, 200, &w);
	jw_key(&w, "action");
	action_json(&w, &a, &staff, &rq->user->units, today);
	case_events_json(&w, &ev, &staff);
	jw_object_end(&w);
	api_json_end(rs, &w);
	case_events_free(&ev);
	staff_list_free(&staff);
	corrective_action_free(&a);
}

void api_action_show(struct web_req *rq, struct web_resp *rs)
{
	one_action(rq, rs, rq->id);
}

static void api_step(struct web_req *rq, struct web_resp *rs, int verify)
{
	struct corrective_action a;
	struct case_outcome o = {0};
	struct err e = {0};
	if (action_web_find(rq, rs, rq->id, &a))
		return;
	int rc = action_web_step(rq, &a, verify, &o, &e);
	if (rc)
		web_internal_error(rq, rs, &e);
	else if (o.status)
		refused(rq, rs, &o);
	else
		one_action(rq, rs, a.action_no);
	case_outcome_free(&o);
	corrective_action_free(&a);
}

void api_action_done(struct web_req *rq, struct web_resp *rs)
{
	api_step(rq, rs, 0);
}

void api_action_verify(struct web_req *rq, struct web_resp *rs)
{
	api_step(rq, rs, 1);
}
