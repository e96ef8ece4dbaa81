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
/* page_asset_edit.c: registering and editing one asset (asset_write.h) */
void page_asset_new_get(struct web_req *rq, struct web_resp *rs);
void page_asset_new_post(struct web_req *rq, struct web_resp *rs);
void page_asset_edit_get(struct web_req *rq, struct web_resp *rs);
void page_asset_edit_post(struct web_req *rq, struct web_resp *rs);
/* page_asset_import.c: uploading a register, preview, then commit */
void page_asset_import_get(struct web_req *rq, struct web_resp *rs);
void page_asset_import_post(struct web_req *rq, struct web_resp *rs);
/* api_assets_write.c: one asset in the JSON API */
void api_asset_get(struct web_req *rq, struct web_resp *rs);
void api_asset_create(struct web_req *rq, struct web_resp *rs);
void api_asset_update(struct web_req *rq, struct web_resp *rs);
/* page_org.c: 組織図 and 緊急連絡網 */
void page_org(struct web_req *rq, struct web_resp *rs);
void page_org_contacts(struct web_req *rq, struct web_resp *rs);
/* page_staff.c: staff search and one person */
void page_staff_list(struct web_req *rq, struct web_resp *rs);
void page_staff_show(struct web_req *rq, struct web_resp *rs);
/* page_journal.c: the journal browser and verify */
void page_journal(struct web_req *rq, struct web_resp *rs);
void page_journal_verify(struct web_req *rq, struct web_resp *rs);
/* page_policy*.c, api_policy.c: ポリシー (access: policy_page.h) */
void page_policy_list(struct web_req *rq, struct web_resp *rs);
void page_policy_render(struct web_req *rq, struct web_resp *rs);
void page_policy_show(struct web_req *rq, struct web_resp *rs);
void page_policy_download(struct web_req *rq, struct web_resp *rs);
void page_policy_approve(struct web_req *rq, struct web_resp *rs);
void page_policy_diff(struct web_req *rq, struct web_resp *rs);
void page_policy_gap_get(struct web_req *rq, struct web_resp *rs);
void page_policy_gap_post(struct web_req *rq, struct web_resp *rs);
void api_policy_versions(struct web_req *rq, struct web_resp *rs);
void api_policy_version(struct web_req *rq, struct web_resp *rs);
void api_policy_approve(struct web_req *rq, struct web_resp *rs);
void api_policy_gap(struct web_req *rq, struct web_resp *rs);
/* Roles that see unapproved versions and use diff and gap; that render; that approve. */
extern const char *const web_roles_policy_manage[];
extern const char *const web_roles_policy_render[];
extern const char *const web_roles_policy_approve[];
/* page_requests.c, page_request_new.c, page_request_show.c: 申請・承認 */
void page_requests_list(struct web_req *rq, struct web_resp *rs);
void page_request_types(struct web_req *rq, struct web_resp *rs);
void page_request_form(struct web_req *rq, struct web_resp *rs);
void page_request_file(struct web_req *rq, struct web_resp *rs);
void page_request_show(struct web_req *rq, struct web_resp *rs);
void page_request_decide(struct web_req *rq, struct web_resp *rs);
void page_request_done(struct web_req *rq, struct web_resp *rs);
void page_request_return(struct web_req *rq, struct web_resp *rs);
/* api_requests.c */
void api_requests_list(struct web_req *rq, struct web_resp *rs);
void api_request_show(struct web_req *rq, struct web_resp *rs);
void api_request_types(struct web_req *rq, struct web_resp *rs);
void api_request_file(struct web_req *rq, struct web_resp *rs);
void api_request_decide(struct web_req *rq, struct web_resp *rs);
/* api.c */
void api_assets(struct web_req *rq, struct web_resp *rs);
void api_findings(struct web_req *rq, struct web_resp *rs);
void api_profile(struct web_req *rq, struct web_resp *rs);
void api_me(struct web_req *rq, struct web_resp *rs);
/* The pages that also answer their /api/v1/ route in JSON (rq->is_api):
 * page_catalog_*, page_org, page_staff_*, page_journal, page_journal_verify. */
/* static.c: the embedded stylesheet */
void static_app_css(struct web_req *rq, struct web_resp *rs);
void static_app_js(struct web_req *rq, struct web_resp *rs);

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

/* page_incidents.c, page_incident_new.c, page_incident_tasks.c, api_incidents.c */
void page_incidents_list(struct web_req *rq, struct web_resp *rs);
void page_incident_new_get(struct web_req *rq, struct web_resp *rs);
void page_incident_new_post(struct web_req *rq, struct web_resp *rs);
void page_incident_tasks(struct web_req *rq, struct web_resp *rs);
void api_incidents_list(struct web_req *rq, struct web_resp *rs);
void api_incident_file(struct web_req *rq, struct web_resp *rs);
void api_incident_categories(struct web_req *rq, struct web_resp *rs);

/* page_incident_show.c, incident_report_web.c, api_incident_show.c: one incident
 * (its detail, steps, notices, targets and reports; scope: incident_scope.h) */
void page_incident_show(struct web_req *rq, struct web_resp *rs);
void page_incident_step(struct web_req *rq, struct web_resp *rs);
void page_incident_notify(struct web_req *rq, struct web_resp *rs);
void page_incident_targets(struct web_req *rq, struct web_resp *rs);
void page_incident_report(struct web_req *rq, struct web_resp *rs);
void api_incident_show(struct web_req *rq, struct web_resp *rs);
void api_incident_step(struct web_req *rq, struct web_resp *rs);
void api_incident_notify(struct web_req *rq, struct web_resp *rs);
void api_incident_targets(struct web_req *rq, struct web_resp *rs);

/* page_plan.c, plan_action.c, plan_view.c: 緊急時対応計画 */
void page_plan(struct web_req *rq, struct web_resp *rs);
void page_plan_download(struct web_req *rq, struct web_resp *rs);
void page_plan_init(struct web_req *rq, struct web_resp *rs);
void page_plan_field(struct web_req *rq, struct web_resp *rs);
void page_plan_contacts(struct web_req *rq, struct web_resp *rs);
void page_plan_review(struct web_req *rq, struct web_resp *rs);
void page_plan_approve(struct web_req *rq, struct web_resp *rs);
void api_plan(struct web_req *rq, struct web_resp *rs);
/* Roles that edit the plan; that approve it (core: the CISO only). */
extern const char *const web_roles_plan_edit[];
extern const char *const web_roles_plan_approve[];
/* page_report.c: the public reporting page (profile public_incident_report) */
void page_report_get(struct web_req *rq, struct web_resp *rs);
void page_report_post(struct web_req *rq, struct web_resp *rs);
/*
 * page_login.c: the pre-login CSRF token of the public form at `path`
 * (/login, /report), kept in a cookie for that path only (router.c checks it).
 */
void web_prelogin_token(struct web_req *rq, struct web_resp *rs, const char *path, char out[65]);

/* 例外措置 and 違反: page_exceptions.c, page_exception_show.c, page_exception_new.c,
 * page_violations.c, page_violation_show.c, page_violation_new.c, api_cases.c */
void page_exceptions_list(struct web_req *rq, struct web_resp *rs);
void page_exception_new_get(struct web_req *rq, struct web_resp *rs);
void page_exception_new_post(struct web_req *rq, struct web_resp *rs);
void page_exception_show(struct web_req *rq, struct web_resp *rs);
void page_exception_decide(struct web_req *rq, struct web_resp *rs);
void page_exception_report(struct web_req *rq, struct web_resp *rs);
void page_exception_review(struct web_req *rq, struct web_resp *rs);
void page_exception_end(struct web_req *rq, struct web_resp *rs);
void page_violations_list(struct web_req *rq, struct web_resp *rs);
void page_violation_new_get(struct web_req *rq, struct web_resp *rs);
void page_violation_new_post(struct web_req *rq, struct web_resp *rs);
void page_violation_show(struct web_req *rq, struct web_resp *rs);
void page_violation_step(struct web_req *rq, struct web_resp *rs);
void page_violation_restrict(struct web_req *rq, struct web_resp *rs);
void page_violation_lift(struct web_req *rq, struct web_resp *rs);
void api_exceptions_list(struct web_req *rq, struct web_resp *rs);
void api_exception_file(struct web_req *rq, struct web_resp *rs);
void api_exception_show(struct web_req *rq, struct web_resp *rs);
void api_exception_decide(struct web_req *rq, struct web_resp *rs);
void api_violations_list(struct web_req *rq, struct web_resp *rs);
void api_violation_record(struct web_req *rq, struct web_resp *rs);
void api_violation_show(struct web_req *rq, struct web_resp *rs);
/* Roles of the violation routes and of the exception filing form (case_scope.c). */
extern const char *const case_roles_violations[];
extern const char *const case_roles_exception_file[];

/* 研修・訓練 (5.2) */
void page_training(struct web_req *rq, struct web_resp *rs);
void page_training_plan(struct web_req *rq, struct web_resp *rs);
void page_training_plan_draft(struct web_req *rq, struct web_resp *rs);
void page_training_plan_approve(struct web_req *rq, struct web_resp *rs);
void page_training_course_new_get(struct web_req *rq, struct web_resp *rs);
void page_training_course_new_post(struct web_req *rq, struct web_resp *rs);
void page_training_course_edit_get(struct web_req *rq, struct web_resp *rs);
void page_training_course_edit_post(struct web_req *rq, struct web_resp *rs);
void page_training_course_retire(struct web_req *rq, struct web_resp *rs);
void page_training_session_new_get(struct web_req *rq, struct web_resp *rs);
void page_training_session_new_post(struct web_req *rq, struct web_resp *rs);
void page_training_session_show(struct web_req *rq, struct web_resp *rs);
void page_training_session_attend(struct web_req *rq, struct web_resp *rs);
void page_training_session_import(struct web_req *rq, struct web_resp *rs);
void page_training_report(struct web_req *rq, struct web_resp *rs);
void page_training_report_record(struct web_req *rq, struct web_resp *rs);
void api_training_courses(struct web_req *rq, struct web_resp *rs);
void api_training_sessions(struct web_req *rq, struct web_resp *rs);
void api_training_summary(struct web_req *rq, struct web_resp *rs);
void api_training_attendance(struct web_req *rq, struct web_resp *rs);
/* 自己点検 (9.2) */
void page_inspect_list(struct web_req *rq, struct web_resp *rs);
void page_inspect_new_get(struct web_req *rq, struct web_resp *rs);
void page_inspect_new_post(struct web_req *rq, struct web_resp *rs);
void page_inspect_link_get(struct web_req *rq, struct web_resp *rs);
void page_inspect_link_post(struct web_req *rq, struct web_resp *rs);
void page_inspect_show(struct web_req *rq, struct web_resp *rs);
void page_inspect_results(struct web_req *rq, struct web_resp *rs);
void page_inspect_download(struct web_req *rq, struct web_resp *rs);
void page_inspect_answer_get(struct web_req *rq, struct web_resp *rs);
void page_inspect_answer_post(struct web_req *rq, struct web_resp *rs);
void page_inspect_open(struct web_req *rq, struct web_resp *rs);
void page_inspect_close(struct web_req *rq, struct web_resp *rs);
void page_inspect_remind(struct web_req *rq, struct web_resp *rs);
void page_inspect_links(struct web_req *rq, struct web_resp *rs);
void page_inspect_measure(struct web_req *rq, struct web_resp *rs);
void api_inspect_campaigns(struct web_req *rq, struct web_resp *rs);
void api_inspect_campaign(struct web_req *rq, struct web_resp *rs);
void api_inspect_answers(struct web_req *rq, struct web_resp *rs);
extern const char *const inspect_web_manage_roles[];
/* 監査 (9.1) and 是正措置 */
/* page_audits.c, page_audit_show.c, audit_web_act.c, page_audit_files.c,
 * page_actions.c, page_action_show.c, api_audit.c (scope: audit_web.h) */
void page_audits_list(struct web_req *rq, struct web_resp *rs);
void page_audit_plan_draft(struct web_req *rq, struct web_resp *rs);
void page_audit_plan_approve(struct web_req *rq, struct web_resp *rs);
void page_audit_new_post(struct web_req *rq, struct web_resp *rs);
void page_audit_show(struct web_req *rq, struct web_resp *rs);
void page_audit_member(struct web_req *rq, struct web_resp *rs);
void page_audit_items(struct web_req *rq, struct web_resp *rs);
void page_audit_result(struct web_req *rq, struct web_resp *rs);
void page_audit_evidence_add(struct web_req *rq, struct web_resp *rs);
void page_audit_evidence_get(struct web_req *rq, struct web_resp *rs);
void page_audit_finding(struct web_req *rq, struct web_resp *rs);
void page_audit_directive(struct web_req *rq, struct web_resp *rs);
void page_audit_spread(struct web_req *rq, struct web_resp *rs);
void page_audit_answer(struct web_req *rq, struct web_resp *rs);
void page_audit_action(struct web_req *rq, struct web_resp *rs);
void page_audit_close(struct web_req *rq, struct web_resp *rs);
void page_audit_report(struct web_req *rq, struct web_resp *rs);
void page_actions_list(struct web_req *rq, struct web_resp *rs);
void page_action_show(struct web_req *rq, struct web_resp *rs);
void page_action_done(struct web_req *rq, struct web_resp *rs);
void page_action_verify(struct web_req *rq, struct web_resp *rs);
void api_audits_list(struct web_req *rq, struct web_resp *rs);
void api_audit_show(struct web_req *rq, struct web_resp *rs);
void api_audit_finding_add(struct web_req *rq, struct web_resp *rs);
void api_actions_list(struct web_req *rq, struct web_resp *rs);
void api_action_show(struct web_req *rq, struct web_resp *rs);
void api_action_done(struct web_req *rq, struct web_resp *rs);
void api_action_verify(struct web_req *rq, struct web_resp *rs);
/* The audit lead or CISO (plan drafts, new audits); the CISO or the committee (approval). */
extern const char *const audit_web_roles_lead[];
extern const char *const audit_web_roles_approve[];
/* page_audit_lead.c: the CISO appoints the audit lead (9.1.1) */
void page_audit_lead(struct web_req *rq, struct web_resp *rs);
extern const char *const audit_web_roles_appoint[];
/* 年次報告 (9.3) and ポリシー見直しの提案 */
/* page_annual*.c: the annual report, its downloads, OSCAL results, the record of reporting */
void page_annual_report(struct web_req *rq, struct web_resp *rs);
void page_annual_download(struct web_req *rq, struct web_resp *rs);
void page_annual_oscal(struct web_req *rq, struct web_resp *rs);
void page_annual_record(struct web_req *rq, struct web_resp *rs);
/* page_proposal*.c: ポリシー改定の提案 */
void page_proposals_list(struct web_req *rq, struct web_resp *rs);
void page_proposal_new_get(struct web_req *rq, struct web_resp *rs);
void page_proposal_new_post(struct web_req *rq, struct web_resp *rs);
void page_proposal_show(struct web_req *rq, struct web_resp *rs);
void page_proposal_adopt(struct web_req *rq, struct web_resp *rs);
void page_proposal_reject(struct web_req *rq, struct web_resp *rs);
/* api_annual.c */
void api_annual_report(struct web_req *rq, struct web_resp *rs);
void api_proposals_list(struct web_req *rq, struct web_resp *rs);
void api_proposal_add(struct web_req *rq, struct web_resp *rs);
void api_proposal_show(struct web_req *rq, struct web_resp *rs);
void api_proposal_adopt(struct web_req *rq, struct web_resp *rs);
void api_proposal_reject(struct web_req *rq, struct web_resp *rs);
/* ネットワーク構成 (三層の対策, chapter 3) */
void page_network(struct web_req *rq, struct web_resp *rs);
void page_network_svg(struct web_req *rq, struct web_resp *rs);
void page_network_register(struct web_req *rq, struct web_resp *rs);
void api_network(struct web_req *rq, struct web_resp *rs);

#endif
