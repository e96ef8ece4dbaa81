/*
 * annual_web.c — the roles and the proposal address shared
 * by the 年次報告 pages, the proposal pages and their API (annual_web.h).
 */
#include "web/annual_web.h"

#include "web/url.h"

const char *const annual_web_roles_report[] = {"ciso", "deputy_ciso", "chief_officer", "committee", NULL};
const char *const annual_web_roles_oscal[] = {"ciso", "deputy_ciso", "chief_officer", "committee",
					      "audit_lead", NULL};
const char *const annual_web_roles_record[] = {"ciso", "deputy_ciso", "chief_officer", NULL};
const char *const annual_web_roles_proposal[] = {"chief_officer", "ciso", "deputy_ciso", "audit_lead",
						 "committee", NULL};

void annual_web_proposal_href(struct buf *b, const char *no)
{
	buf_puts(b, "/proposals/");
	url_encode(b, no);
}
