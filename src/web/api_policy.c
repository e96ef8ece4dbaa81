/*
 * api_policy.c — the policy versions and the gap analysis in the JSON API
 * (docs/api.md), with the access of the ポリシー pages (policy_page.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/gap_out.h"
#include "web/api_json.h"
#include "web/pages.h"
#include "web/policy_page.h"
#include "web/response.h"

/*
 * One version's keys (sorted, as all of mamori's JSON): those of `mamori
 * policy list --format json` plus the approver's name and the profile
 * version, and with blocks=1 the document's blocks as `policy show --format
 * json` gives them.
 */
static void version_keys(struct json_writer *w, struct db *db, const struct policy_version *v,
			 int blocks)
{
	struct err e = {0};
	char *name = v->approved_by ? staff_name_of(db, v->approved_by, &e) : NULL;
	jw_kv_string(w, "approved_at", v->approved_at);
	jw_kv_int(w, "approved_by", v->approved_by);
	jw_kv_string(w, "approver", name);
	if (blocks) {
		jw_key(w, "blocks");
		jw_raw(w, v->blocks);
	}
	jw_kv_string(w, "content_hash", v->content_hash);
	jw_kv_string(w, "edition", v->edition);
	jw_kv_int(w, "profile_version", v->profile_version);
	jw_kv_string(w, "rendered_at", v->rendered_at);
	jw_kv_string(w, "rendered_by", v->rendered_by);
	jw_kv_string(w, "title", v->title);
	jw_kv_int(w, "version", v->id);
	free(name);
}

void api_policy_versions(struct web_req *rq, struct web_resp *rs)
{
	struct policy_versions l;
	struct json_writer w;
	struct err e = {0};
	if (policy_versions_load(rq->db, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, 200, &w);
	jw_key(&w, "versions");
	jw_array_begin(&w);
	for (size_t i = 0; i < l.n; i++) {
		if (!policy_version_visible(rq->user, &l.v[i]))
			continue;
		jw_object_begin(&w);
		version_keys(&w, rq->db, &l.v[i], 0);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	api_json_end(rs, &w);
	policy_versions_free(&l);
}

/* The version rq->id names, as the API answers it. */
static void answer_version(struct web_req *rq, struct web_resp *rs)
{
	struct policy_versions l;
	struct json_writer w;
	const struct policy_version *v = policy_find(rq, rs, &l);
	if (!v)
		return;
	api_json_begin(rs, 200, &w);
	version_keys(&w, rq->db, v, 1);
	api_json_end(rs, &w);
	policy_versions_free(&l);
}

void api_policy_version(struct web_req *rq, struct web_resp *rs)
{
	answer_version(rq, rs);
}

void api_policy_approve(struct web_req *rq, struct web_resp *rs)
{
	struct policy_versions l;
	struct err e = {0};
	const struct policy_version *v = policy_find(rq, rs, &l);
	if (!v)
		return;
	struct policy_approve_args a = {v->id, rq->user->staff.id, rq->user->staff.staff_no};
	int was_approved = v->approved_by != 0;
	policy_versions_free(&l);
	/* core refuses a second 決裁 and an approver who no longer holds the role */
	int rc = web_write(rq, policy_do_approve, &a, &e);
	if (rc == ERR_INPUT)
		web_error(rq, rs, 409, was_approved ? "already_approved" : "approval_refused", e.msg);
	else if (rc)
		web_internal_error(rq, rs, &e);
	else
		answer_version(rq, rs);
}

/* The gap JSON of `mamori policy gap --format json` (DESIGN.md contract). */
void api_policy_gap(struct web_req *rq, struct web_resp *rs)
{
	struct policy_gap_run g;
	struct err e = {0};
	if (policy_gap_analyse(rq, &g, &e)) {
		if (g.status)
			web_error(rq, rs, g.status, g.code, e.msg);
		else
			web_internal_error(rq, rs, &e);
		return;
	}
	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	rs->no_store = 1;
	gap_write_json(&g.doc, &g.rep, &rs->body);
	policy_gap_run_free(&g);
}
