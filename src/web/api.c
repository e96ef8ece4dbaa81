/*
 * api.c — the JSON API (docs/api.md): the same data and the same scope
 * rules as the pages, for scripts holding an API token and for the browser's
 * own session.
 */
#include <stdlib.h>

#include "core/check.h"
#include "core/profile.h"
#include "util/json.h"
#include "web/api_json.h"
#include "web/asset_query.h"
#include "web/pages.h"
#include "web/response.h"

static void asset_json(struct json_writer *w, const struct web_user *u, const struct asset *a)
{
	const struct org_unit *unit = org_unit_by_id(&u->units, a->unit_id);
	jw_object_begin(w);
	jw_kv_string(w, "asset_no", a->asset_no);
	jw_kv_int(w, "availability", a->level[DIM_A]);
	jw_kv_int(w, "confidentiality", a->level[DIM_C]);
	jw_kv_int(w, "integrity", a->level[DIM_I]);
	jw_kv_string(w, "name", a->name);
	jw_kv_string(w, "personal", a->personal);
	jw_kv_string(w, "state", a->state);
	jw_kv_string(w, "type", a->type);
	jw_kv_string(w, "unit", unit ? unit->code : NULL);
	jw_kv_string(w, "zone", a->zone);
	jw_object_end(w);
}

void api_assets(struct web_req *rq, struct web_resp *rs)
{
	struct asset_query q;
	struct asset_page p;
	struct json_writer w;
	struct err e = {0};
	asset_query_from_form(&rq->query, &q);
	if (asset_query_run(rq, &q, &p, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, 200, &w);
	jw_key(&w, "assets");
	jw_array_begin(&w);
	for (size_t i = 0; i < p.n; i++)
		asset_json(&w, rq->user, p.rows[i]);
	jw_array_end(&w);
	jw_kv_int(&w, "limit", q.limit);
	jw_kv_int(&w, "offset", q.offset);
	jw_kv_int(&w, "total", (long long)p.total);
	api_json_end(rs, &w);
	asset_page_free(&p);
}

/* The same shape as `mamori check --format json` (DESIGN.md contract). */
void api_findings(struct web_req *rq, struct web_resp *rs)
{
	struct findings f = {0};
	struct json_writer w;
	struct err e = {0};
	if (check_run(rq->db, &f, &e)) {
		findings_free(&f);
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, 200, &w);
	jw_key(&w, "findings");
	jw_array_begin(&w);
	for (size_t i = 0; i < f.n; i++) {
		jw_object_begin(&w);
		jw_kv_string(&w, "control", f.v[i].control);
		jw_kv_string(&w, "message", f.v[i].message);
		jw_kv_string(&w, "rule", f.v[i].rule);
		jw_kv_string(&w, "severity", f.v[i].severity == SEV_ERROR ? "error" : "warning");
		jw_kv_string(&w, "subject", f.v[i].subject);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	api_json_end(rs, &w);
	findings_free(&f);
}

/* The municipality's profile, as `mamori profile show --format json`. */
void api_profile(struct web_req *rq, struct web_resp *rs)
{
	struct profile p;
	struct json_writer w;
	struct buf json = BUF_INIT;
	struct err e = {0};
	if (profile_load(rq->db, &p, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	profile_json(&p, &json);
	api_json_begin(rs, 200, &w);
	jw_key(&w, "profile");
	jw_raw_n(&w, json.data, json.len);
	api_json_end(rs, &w);
	buf_free(&json);
	profile_free(&p);
}

/* Who the token or session belongs to, with the roles that decide scope. */
void api_me(struct web_req *rq, struct web_resp *rs)
{
	const struct web_user *u = rq->user;
	const struct org_unit *unit = org_unit_by_id(&u->units, u->staff.unit_id);
	struct json_writer w;
	api_json_begin(rs, 200, &w);
	jw_kv_string(&w, "login", u->account.login);
	jw_kv_string(&w, "name", u->staff.name);
	jw_key(&w, "roles");
	jw_array_begin(&w);
	for (size_t i = 0; i < u->roles.n; i++) {
		const struct role_assignment *r = &u->roles.v[i];
		const struct org_unit *ru = r->unit_id ? org_unit_by_id(&u->units, r->unit_id) : NULL;
		jw_object_begin(&w);
		jw_kv_string(&w, "role", r->role);
		if (r->system_id)
			jw_kv_int(&w, "system_id", r->system_id);
		jw_kv_string(&w, "unit", ru ? ru->code : NULL);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_kv_string(&w, "staff_no", u->staff.staff_no);
	jw_kv_string(&w, "unit", unit ? unit->code : NULL);
	api_json_end(rs, &w);
}
