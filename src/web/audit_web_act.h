/*
 * audit_web_act.h — what the page posts (audit_web_act.c) share with the
 * JSON API (api_audit.c).
 */
#ifndef MAMORI_WEB_AUDIT_WEB_ACT_H
#define MAMORI_WEB_AUDIT_WEB_ACT_H

#include "web/audit_web.h"

/*
 * Files a finding on audit a from the request's fields clause, severity,
 * description and unit, as the signed-in person: *finding_no (caller frees)
 * on success; a refusal in o (403 role, 409 closed, 422 input) with nothing
 * written; nonzero only for an internal failure.
 */
int audit_web_finding_add(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
			  char **finding_no);

#endif
