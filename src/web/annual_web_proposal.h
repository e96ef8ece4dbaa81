/*
 * annual_web_proposal.h — filing and deciding a ポリシー改定の提案 from the
 * web: the page and the API call the same functions, which call the core
 * (proposal.h) in one journaled transaction as the signed-in person and
 * turn a refusal into a status, a stable code and a Japanese message.
 */
#ifndef MAMORI_WEB_ANNUAL_WEB_PROPOSAL_H
#define MAMORI_WEB_ANNUAL_WEB_PROPOSAL_H

#include "core/proposal.h"
#include "web/case_view.h"
#include "web/web.h"

/*
 * Loads every proposal into l and finds ?id; answers 404 (or 500) and
 * returns NULL when there is none.  Free l when non-NULL was returned.
 */
const struct proposal *annual_web_proposal_find(struct web_req *rq, struct web_resp *rs, struct proposal_list *l);

/*
 * Files the proposal the form f describes (fy, clause, proposal, reason,
 * source, ref); *no gets its number.  A refusal is in o (403 without the
 * role, 422 for the input); returns nonzero only for an internal failure.
 */
int annual_web_proposal_add(struct web_req *rq, const struct form *f, char **no, struct case_outcome *o,
			    struct err *e);

/* 採用 (adopt = 1, field "version") or 不採用 (field "note" required) of p. */
int annual_web_proposal_decide(struct web_req *rq, const struct proposal *p, int adopt, const struct form *f,
			       struct case_outcome *o, struct err *e);

#endif
