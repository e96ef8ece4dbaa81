/*
 * audit_web_view.h — the page of one audit (page_audit_show.c), shared with
 * the posts behind its forms (audit_web_act.c), which show it again with a
 * refusal above it and the posted form filled in.
 */
#ifndef MAMORI_WEB_AUDIT_WEB_VIEW_H
#define MAMORI_WEB_AUDIT_WEB_VIEW_H

#include "web/audit_web.h"

/*
 * The page of audit a (already found in scope).  why (may be NULL) is a
 * refusal shown above everything with its status; kept_form names the form
 * whose posted values are filled in again ("member", "items", "result",
 * "evidence", "finding", "direct:NO", "spread:NO", "answer:NO", "action:NO",
 * "close").
 */
void audit_page(struct web_req *rq, struct web_resp *rs, const struct audit *a, const struct case_outcome *why,
		const char *kept_form);

#endif
