/*
 * plan_view.h — the 緊急時対応計画 as the web shows it (page_plan.c) and the
 * edits that re-show it with an error (plan_action.c).
 *
 * Everyone signed in reads the plan: in an incident people must know whom
 * to call.  Telephone numbers and mail addresses follow the rule of the
 * 緊急連絡網 (scope.h): the incident roles see them all, a 情報セキュリティ
 * 責任者/管理者 those of the people in their units, nobody else any.  An
 * outside contact that is not a member of staff counts as an incident
 * contact: only the incident roles see its number, since calling the police
 * or the 委託事業者 goes through CSIRT, the 統一的な窓口.  Hidden values
 * read 「（非表示）」 in the page, the JSON and the downloaded documents alike:
 * they are masked in the loaded data before anything is written.
 */
#ifndef MAMORI_WEB_PLAN_VIEW_H
#define MAMORI_WEB_PLAN_VIEW_H

#include "core/response_plan.h"
#include "web/pages.h"
#include "web/web.h"

#define PLAN_HIDDEN "（非表示）"

/* Everything the page needs, loaded once and masked for the reader. */
struct plan_view {
	struct plan_versions versions;
	const struct plan_version *shown; /* NULL when there is no plan yet */
	struct check_ctx ctx;             /* contact details masked */
	struct findings findings;         /* the plan rules (check_rules_plan) */
	int ctx_loaded;
};

/*
 * Loads the versions, the check context and the plan's findings, and masks
 * what rq->user may not see.  version 0 = the latest.  Returns 0, or answers
 * 404/500 itself and returns -1.
 */
int plan_view_load(struct web_req *rq, struct web_resp *rs, long long version, struct plan_view *v);
void plan_view_free(struct plan_view *v);

/* The plan page for v with status; error (or NULL) is shown at the top.
 * Forms are filled from rq->body when it holds their fields (a refused edit). */
void plan_page(struct web_req *rq, struct web_resp *rs, const struct plan_view *v, int status,
	       const char *error);

#endif
