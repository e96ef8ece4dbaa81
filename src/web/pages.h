/*
 * pages.h — the handlers the route table (routes.c) names.  Each page file
 * holds one area of the UI; each handler checks organisational scope itself.
 */
#ifndef MAMORI_WEB_PAGES_H
#define MAMORI_WEB_PAGES_H

#include "web/web.h"

/* page_login.c: sign-in, second factor, sign-out */
void page_login_get(struct web_req *rq, struct web_resp *rs);
void page_login_post(struct web_req *rq, struct web_resp *rs);
void page_login_totp_get(struct web_req *rq, struct web_resp *rs);
void page_login_totp_post(struct web_req *rq, struct web_resp *rs);
void page_logout_post(struct web_req *rq, struct web_resp *rs);
/* page_password.c: changing the temporary password */
void page_password_get(struct web_req *rq, struct web_resp *rs);
void page_password_post(struct web_req *rq, struct web_resp *rs);
/* page_totp_setup.c: enrolling a TOTP key */
void page_totp_setup_get(struct web_req *rq, struct web_resp *rs);
void page_totp_setup_post(struct web_req *rq, struct web_resp *rs);
/* page_dashboard.c */
void page_dashboard(struct web_req *rq, struct web_resp *rs);
/* page_findings.c */
void page_findings(struct web_req *rq, struct web_resp *rs);
/* page_catalog.c */
void page_catalog_list(struct web_req *rq, struct web_resp *rs);
void page_catalog_show(struct web_req *rq, struct web_resp *rs);
/* page_assets.c */
void page_assets_list(struct web_req *rq, struct web_resp *rs);
void page_assets_show(struct web_req *rq, struct web_resp *rs);
/* page_org.c: 組織図 and 緊急連絡網 */
void page_org(struct web_req *rq, struct web_resp *rs);
void page_org_contacts(struct web_req *rq, struct web_resp *rs);
/* page_staff.c: staff search and one person */
void page_staff_list(struct web_req *rq, struct web_resp *rs);
void page_staff_show(struct web_req *rq, struct web_resp *rs);
/* page_journal.c: the journal browser and verify */
void page_journal(struct web_req *rq, struct web_resp *rs);
void page_journal_verify(struct web_req *rq, struct web_resp *rs);
/* api.c */
void api_assets(struct web_req *rq, struct web_resp *rs);
void api_findings(struct web_req *rq, struct web_resp *rs);
/* static.c: the embedded stylesheet */
void static_app_css(struct web_req *rq, struct web_resp *rs);

/* Roles that see every finding (the findings page and API). */
extern const char *const web_roles_findings[];
/* Roles that open the journal (記録) and run verify. */
extern const char *const web_roles_journal[];
/* Roles that open the staff pages (each then sees its own scope). */
extern const char *const web_roles_staff[];

/*
 * Shared by the sign-in pages: moves the session to `stage` with a new
 * token (or starts one), sets the cookie and redirects to that stage's page.
 */
void login_enter_stage(struct web_req *rq, struct web_resp *rs, long long account_id,
		       int stage);
/* The stage a signed-in account goes to next: ENROL_TOTP or FULL. */
int login_next_stage(struct web_req *rq, long long account_id, struct err *e);
/* Reports an internal error as a 500 page (logged on stderr). */
void web_internal_error(struct web_req *rq, struct web_resp *rs, const struct err *e);

#endif
