/*
 * api_annual.c — the annual report and the ポリシー改定の提案 in the JSON
 * API (docs/api.md): GET /api/v1/annual-report?fy= is the JSON of
 * `mamori report annual --format json`; the proposals are listed, shown,
 * filed and decided with the same core calls and refusals as the pages
 * (refused input answers 400 `validation`, like the other endpoints).
 */
#include <stdlib.h>
#include <string.h>

#include "core/annual_report.h"
#include "core/proposal_json.h"
#include "web/annual_web.h"
#include "web/annual_web_proposal.h"
#include "web/api_json.h"
#include "web/fiscal_param.h"
#include "web/pages.h"
#include "web/response.h"

void api_annual_report(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	struct annual_report r;
	struct err e = {0};
	if (fiscal_param(rq, rs, &fy))
		return;
	if (annual_report_gather(rq->db, fy, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	rs->no_store = 1;
	annual_report_json(&r, &rs->body);
	annual_report_free(&r);
}

void api_proposals_list(struct web_req *rq, struct web_resp *rs)
{
	int fy = 0;
	const char *state = form_get(&rq->query, "state");
	/* without fy the API lists every 年度 (scripts sync everything) */
	if (fiscal_param_or(rq, rs, 0, &fy))
		return;
	if (state && *state && strcmp(state, "proposed") != 0 && strcmp(state, "adopted") != 0 &&
	    strcmp(state, "rejected") != 0) {
		web_error(rq, rs, 400, "bad_parameter", "状態（state）は proposed、adopted、rejected のいずれかです");
		return;
	}
	struct proposal_list l;
	struct json_writer w;
	struct err e = {0};
	if (proposal_list_load(rq->db, fy, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, 200, &w);
	jw_key(&w, "proposals");
	jw_array_begin(&w);
	for (size_t i = 0; i < l.n; i++)
		if (!state || !*state || strcmp(state, l.v[i].state) == 0)
			proposal_json(&w, &l.v[i]);
	jw_array_end(&w);
	api_json_end(rs, &w);
	proposal_list_free(&l);
}

/* {"proposal":{…}} of number no, freshly read, with status. */
static void one(struct web_req *rq, struct web_resp *rs, int status, const char *no)
{
	struct proposal_list l;
	struct json_writer w;
	struct err e = {0};
	if (proposal_list_load(rq->db, 0, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const struct proposal *p = proposal_by_no(&l, no);
	if (!p) {
		web_error(rq, rs, 404, "not_found", "その番号の改定提案はありません");
	} else {
		api_json_begin(rs, status, &w);
		jw_key(&w, "proposal");
		proposal_json(&w, p);
		api_json_end(rs, &w);
	}
	proposal_list_free(&l);
}

void api_proposal_show(struct web_req *rq, struct web_resp *rs)
{
	struct proposal_list l;
	const struct proposal *p = annual_web_proposal_find(rq, rs, &l);
	if (!p)
		return;
	struct json_writer w;
	api_json_begin(rs, 200, &w);
	jw_key(&w, "proposal");
	proposal_json(&w, p);
	api_json_end(rs, &w);
	proposal_list_free(&l);
}

static void refused(struct web_req *rq, struct web_resp *rs, const struct case_outcome *o)
{
	web_error(rq, rs, o->status == 422 ? 400 : o->status, o->code, o->msg);
}

void api_proposal_add(struct web_req *rq, struct web_resp *rs)
{
	struct case_outcome o = {0};
	struct err e = {0};
	char *no = NULL;
	if (annual_web_proposal_add(rq, &rq->body, &no, &o, &e))
		web_internal_error(rq, rs, &e);
	else if (o.status)
		refused(rq, rs, &o);
	else
		one(rq, rs, 201, no);
	free(no);
	case_outcome_free(&o);
}

static void decide(struct web_req *rq, struct web_resp *rs, int adopt)
{
	struct proposal_list l;
	struct case_outcome o = {0};
	struct err e = {0};
	const struct proposal *p = annual_web_proposal_find(rq, rs, &l);
	if (!p)
		return;
	char *no = xstrdup(p->proposal_no);
	int rc = annual_web_proposal_decide(rq, p, adopt, &rq->body, &o, &e);
	proposal_list_free(&l);
	if (rc)
		web_internal_error(rq, rs, &e);
	else if (o.status)
		refused(rq, rs, &o);
	else
		one(rq, rs, 200, no);
	free(no);
	case_outcome_free(&o);
}

void api_proposal_adopt(struct web_req *rq, struct web_resp *rs)
{
	decide(rq, rs, 1);
}

void api_proposal_reject(struct web_req *rq, struct web_resp *rs)
{
	decide(rq, rs, 0);
}
