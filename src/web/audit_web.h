/*
 * audit_web.h — what the 監査 (9.1) and 改善措置 pages and API share: who
 * sees which audit and which corrective action, the lookup that answers 404
 * for one outside the person's scope exactly as for an unknown number, the
 * labels of the timeline steps, and the roles of the routes.
 *
 * Scope (docs/web.md 「監査・改善措置」): the CISO, 副CISO, 統括, the audit
 * lead and the committee see every audit and action.  Anyone else sees the
 * audits they audit, the audits of a 課 their 情報セキュリティ責任者/管理者
 * role covers, and the audits whose findings belong to, or were asked of,
 * such a 課; and the actions they own or whose 課 their role covers.
 * What a person may DO is core's decision (audit_may, corrective_may).
 */
#ifndef MAMORI_WEB_AUDIT_WEB_H
#define MAMORI_WEB_AUDIT_WEB_H

#include "core/audit.h"
#include "core/case_event.h"
#include "core/corrective.h"
#include "web/case_view.h"
#include "web/web.h"

/* Roles that see every audit and every corrective action. */
extern const char *const audit_web_roles_all[];

int audit_web_sees_all(const struct web_user *u);
/* Whether the signed-in person may see audit a (*visible). */
int audit_web_visible(struct web_req *rq, const struct audit *a, int *visible, struct err *e);
/* Loads audit `no` when the person may see it: 0.  Otherwise answers 404
 * (or 500) itself and returns -1. */
int audit_web_find(struct web_req *rq, struct web_resp *rs, const char *no, struct audit *out);

int action_web_visible(const struct web_user *u, const struct corrective_action *a);
/* Loads action `no` when the person may see it: 0; else answers 404 and -1. */
int action_web_find(struct web_req *rq, struct web_resp *rs, const char *no, struct corrective_action *out);

/* The actions the query's filters (state, source, unit, fy) choose in the
 * person's scope (page_actions.c); -1 after answering 400/500.  today gets
 * the JST date the 期限超過 test used. */
int action_web_query(struct web_req *rq, struct web_resp *rs, struct corrective_list *out, char today[11]);

/* Takes the step of action a the request asks for (verify 0: 完了報告 with
 * field note; 1: 確認, field ok yes|no and note) as the signed-in person
 * (page_action_show.c); refusal in o, nonzero only for a failure. */
int action_web_step(struct web_req *rq, const struct corrective_action *a, int verify, struct case_outcome *o,
		    struct err *e);

/* "/audits/A2026-000001" (+ suffix) into b. */
void audit_web_href(struct buf *b, const char *no, const char *suffix);
void action_web_href(struct buf *b, const char *no, const char *suffix);

/* The timeline of an audit (case_kind audit) or an action (corrective). */
void audit_web_timeline(struct buf *b, const struct case_view_refs *r, const struct case_events *ev, int corrective);

/* Who holds 監査統括責任者 now and, for the CISO, the appointment form
 * (page_audit_lead.c); kept_staff refills it after a refusal. */
void audit_web_lead_section(struct buf *b, struct web_req *rq, const struct case_view_refs *refs,
			    const char *kept_staff);
/* The audits page of the posted 年度 again with the refusal o above it
 * and the form kept_form filled in (page_audits.c). */
void audits_page_refused(struct web_req *rq, struct web_resp *rs, const struct case_outcome *o,
			 const char *kept_form);

/* An empty form field is an absent one. */
const char *audit_web_field(const struct web_req *rq, const char *name);

#endif
