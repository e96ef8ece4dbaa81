/*
 * api_incident_show.c — one incident in the JSON API (docs/api.md): the
 * object `mamori incident show --format json` prints (incident_json.h),
 * and the same actions as the page (incident_action.h) with the same
 * refusals and stable codes.  Out of scope answers 404 like an unknown
 * number.
 */
#include <string.h>

#include "core/incident_json.h"
#include "web/api_json.h"
#include "web/incident_action.h"
#include "web/incident_scope.h"
#include "web/pages.h"
#include "web/response.h"

/* {"incident":{…}} with status. */
static void one_incident(struct web_req *rq, struct web_resp *rs, int status, const char *no)
{
	struct incident_report r;
	struct json_writer w;
	struct err e = {0};
	if (incident_report_gather(rq->db, no, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, status, &w);
	jw_key(&w, "incident");
	incident_report_json(&w, &r);
	api_json_end(rs, &w);
	incident_report_free(&r);
}

void api_incident_show(struct web_req *rq, struct web_resp *rs)
{
	struct incident inc;
	if (incident_find(rq, rs, rq->id, &inc))
		return;
	one_incident(rq, rs, 200, inc.incident_no);
	incident_free(&inc);
}

/* The API answers refused input 400, like its other endpoints. */
static void refused(struct web_req *rq, struct web_resp *rs, enum incident_action a,
		    const struct web_refusal *why)
{
	(void)a;
	web_error(rq, rs, why->status == 422 ? 400 : why->status, why->code, why->msg);
}

static void done(struct web_req *rq, struct web_resp *rs, const struct incident *inc)
{
	one_incident(rq, rs, 200, inc->incident_no);
}

void api_incident_step(struct web_req *rq, struct web_resp *rs)
{
	incident_act_answer(rq, rs, INC_ACT_STEP, refused, done);
}

void api_incident_notify(struct web_req *rq, struct web_resp *rs)
{
	incident_act_answer(rq, rs, INC_ACT_NOTIFY, refused, done);
}

void api_incident_targets(struct web_req *rq, struct web_resp *rs)
{
	incident_act_answer(rq, rs, INC_ACT_TARGETS, refused, done);
}
