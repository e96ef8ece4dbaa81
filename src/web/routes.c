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
	{"GET", "/static/app.js", static_app_js, ACCESS_PUBLIC, NULL, 0},
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
	{"GET", "/assets/new", page_asset_new_get, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/assets/import", page_asset_import_get, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/assets/import", page_asset_import_post, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/assets/new", page_asset_new_post, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/assets/{id}/edit", page_asset_edit_get, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/assets/{id}/edit", page_asset_edit_post, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/assets/{id}", page_assets_show, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/org", page_org, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/org/contacts", page_org_contacts, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/staff", page_staff_list, ACCESS_ROLES, web_roles_staff, 0},
	{"GET", "/staff/{id}", page_staff_show, ACCESS_ROLES, web_roles_staff, 0},
	{"GET", "/journal", page_journal, ACCESS_ROLES, web_roles_journal, 0},
	{"POST", "/journal/verify", page_journal_verify, ACCESS_ROLES, web_roles_journal, 0},
	{"GET", "/policy", page_policy_list, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/policy/render", page_policy_render, ACCESS_ROLES, web_roles_policy_render, 0},
	{"GET", "/policy/diff", page_policy_diff, ACCESS_ROLES, web_roles_policy_manage, 0},
	{"GET", "/policy/gap", page_policy_gap_get, ACCESS_ROLES, web_roles_policy_manage, 0},
	{"POST", "/policy/gap", page_policy_gap_post, ACCESS_ROLES, web_roles_policy_manage, 0},
	{"GET", "/policy/{id}", page_policy_show, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/policy/{id}/download", page_policy_download, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/policy/{id}/approve", page_policy_approve, ACCESS_ROLES, web_roles_policy_approve, 0},
	{"GET", "/api/v1/policy/versions", api_policy_versions, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/policy/versions/{id}", api_policy_version, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/api/v1/policy/versions/{id}/approve", api_policy_approve, ACCESS_ROLES,
	 web_roles_policy_approve, 0},
	{"POST", "/api/v1/policy/gap", api_policy_gap, ACCESS_ROLES, web_roles_policy_manage, 0},
	{"GET", "/requests", page_requests_list, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/requests/new", page_request_types, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/requests/new/{id}", page_request_form, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/requests/new/{id}", page_request_file, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/requests/{id}", page_request_show, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/requests/{id}/decide", page_request_decide, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/requests/{id}/done", page_request_done, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/requests/{id}/return", page_request_return, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/requests", api_requests_list, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/api/v1/requests", api_request_file, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/request-types", api_request_types, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/requests/{id}", api_request_show, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/api/v1/requests/{id}/decide", api_request_decide, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/assets", api_assets, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/api/v1/assets", api_asset_create, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/assets/{id}", api_asset_get, ACCESS_SIGNED_IN, NULL, 0},
	{"POST", "/api/v1/assets/{id}", api_asset_update, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/findings", api_findings, ACCESS_ROLES, web_roles_findings, 0},
	{"GET", "/api/v1/me", api_me, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/profile", api_profile, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/catalog", page_catalog_list, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/catalog/{id}", page_catalog_show, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/org", page_org, ACCESS_SIGNED_IN, NULL, 0},
	{"GET", "/api/v1/staff", page_staff_list, ACCESS_ROLES, web_roles_staff, 0},
	{"GET", "/api/v1/staff/{id}", page_staff_show, ACCESS_ROLES, web_roles_staff, 0},
	{"GET", "/api/v1/journal", page_journal, ACCESS_ROLES, web_roles_journal, 0},
	{"POST", "/api/v1/journal/verify", page_journal_verify, ACCESS_ROLES, web_roles_journal, 0},
};

const size_t web_nroutes = sizeof web_routes / sizeof web_routes[0];
