/*
 * annual_web_proposal.c — filing and deciding proposals for the page and
 * the API (annual_web_proposal.h).  The rules stay in the core: these
 * functions only read the form, ask proposal_may so that a person without
 * the role gets 403 rather than a form error, and pass the rest on.
 */
#include "web/annual_web_proposal.h"

#include <stdlib.h>
#include <string.h>

#include "core/proposal_write.h"
#include "util/timeutil.h"
#include "web/pages.h"
#include "web/response.h"

const struct proposal *annual_web_proposal_find(struct web_req *rq, struct web_resp *rs, struct proposal_list *l)
{
	struct err e = {0};
	if (proposal_list_load(rq->db, 0, l, &e)) {
		web_internal_error(rq, rs, &e);
		return NULL;
	}
	const struct proposal *p = rq->id ? proposal_by_no(l, rq->id) : NULL;
	if (!p) {
		proposal_list_free(l);
		web_error(rq, rs, 404, "not_found", "その番号の改定提案はありません");
	}
	return p;
}

static const char *field(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);
	return v && *v ? v : NULL;
}

int annual_web_proposal_add(struct web_req *rq, const struct form *f, char **no, struct case_outcome *o,
			    struct err *e)
{
	*no = NULL;
	if (!proposal_may(&rq->user->roles, rq->user->staff.id, PROPOSAL_ADD)) {
		case_outcome_set(o, 403, "forbidden",
				 "改定の提案は統括情報セキュリティ責任者、CISO、副CISO、監査統括責任者、委員会の委員が行います");
		return 0;
	}
	int fy = 0;
	const char *fy_text = field(f, "fy");
	if (fy_text && fiscal_year_parse(fy_text, &fy)) {
		case_outcome_set(o, 422, "validation", "年度を読めません（2026、令和8年度 など）");
		return 0;
	}
	struct proposal_adding a = {{rq->user->staff.staff_no, fy, field(f, "clause"), field(f, "proposal"),
			      field(f, "reason"), field(f, "source"), field(f, "ref")},
			     NULL};
	int rc = case_view_write(rq, proposal_add_write, &a, 422, o, e);
	if (!rc && !o->status)
		*no = a.no;
	else
		free(a.no);
	return rc;
}

/* "3" → 3; anything else (empty, signs, letters, too long) → 0. */
static long long version_of(const char *s)
{
	long long v = 0;
	if (!s || strlen(s) > 15)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

int annual_web_proposal_decide(struct web_req *rq, const struct proposal *p, int adopt, const struct form *f,
			       struct case_outcome *o, struct err *e)
{
	if (!proposal_may(&rq->user->roles, rq->user->staff.id, PROPOSAL_DECIDE)) {
		case_outcome_set(o, 403, "forbidden", "提案の採否は CISO、副CISO、委員会の委員が決めます");
		return 0;
	}
	if (strcmp(p->state, "proposed") != 0) {
		case_outcome_set(o, 409, "conflict", "この提案の採否はすでに決まっています");
		return 0;
	}
	struct proposal_deciding a = {p->proposal_no, rq->user->staff.staff_no, field(f, "note"), 0, adopt};
	if (adopt && (a.version = version_of(field(f, "version"))) <= 0) {
		case_outcome_set(o, 422, "validation", "提案を取り入れたポリシーの版を選んでください");
		return 0;
	}
	return case_view_write(rq, proposal_decide_write, &a, 422, o, e);
}
