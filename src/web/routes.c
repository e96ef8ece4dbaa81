/*
 * routes.c — every URL mamori answers, with who may open it (router.h).
 * A route is listed here only when it works completely.
 */
#include "web/pages.h"
#include "web/router.h"

/*
 * Findings concern the whole municipality and name units and people; until
 * findings carry the unit they are about, only organisation-wide roles see
 * them (docs/web.md).
 */
const char *const web_roles_findings[] = {"ciso", "deputy_ciso", "chief_officer", "audit_lead",
					  NULL};

const struct route web_routes[] = {
	{"GET", "/static/app.css", static_app_css, ACCESS_PUBLIC, NULL, 0},
	{"GET", "/login", page_login_get, ACCESS_PUBLIC, NULL, 0},
	{"POST", "/login", page_login_post, ACCESS_PUBLIC, NULL, 0},
	{"GET", "/login/totp", page_login_totp_get, ACCESS_STAGE, NULL, SESSION_NEED_TOTP},
	{"POST", "/login/totp", page_login_totp_post, ACCESS_STAGE, NULL, SESSION_NEED_TOTP},
	{"GET", "/password", page_password_get, ACCESS_STAGE, NULL, SESSION_MUST_CHANGE},
	{"POST", "/password", page_password_post, ACCESS_STAGE, NULL, SESSION_MUST_CHANGE},
	{"GET", "/totp/setup", page_totp_setup_get, ACCESS_STAGE, NULL, SESSION_ENROL_TOTP},
	{"POST", "/totp/setup", page_totp_setup_post, ACCESS_STAGE, NULL, SESSION_ENROL_TOTP},
	{"POST", "/logout", page_logout_post, ACCESS_ANY_SESSION, NULL, 0},
	{"GET", "/", page_dashboard, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/findings", page_findings, ACCESS_ROLES, web_roles_findings, 0},
	{"GET", "/catalog", page_catalog_list, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/catalog/{id}", page_catalog_show, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/assets", page_assets_list, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/assets/{id}", page_assets_show, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/org", page_org, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/org/contacts", page_org_contacts, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/staff", page_staff_list, ACCESS_ROLES, web_roles_staff, 0},
	{"GET", "/staff/{id}", page_staff_show, ACCESS_ROLES, web_roles_staff, 0},
	{"GET", "/journal", page_journal, ACCESS_ROLES, web_roles_journal, 0},
	{"POST", "/journal/verify", page_journal_verify, ACCESS_ROLES, web_roles_journal, 0},
	{"GET", "/api/v1/assets", api_assets, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/findings", api_findings, ACCESS_ROLES, web_roles_findings, 0},
};

const size_t web_nroutes = sizeof web_routes / sizeof web_routes[0];
