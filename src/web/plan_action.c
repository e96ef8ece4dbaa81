/*
 * plan_action.c — changing the 緊急時対応計画 from the web: create it from
 * the template, replace one part, add or remove an outside contact, record
 * a review, and the CISO's 決裁.  Each change is the core call the CLI makes
 * (response_plan.h), run through web_write as the signed-in person, then
 * 303 back to /plan.  Refused input re-shows the page with 422 and the
 * typed values; a change the plan's state forbids (no plan yet, a plan
 * already there, an approval of an old or approved version) answers 409.
 * Nothing is written in either case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/response_plan.h"
#include "core/response_plan_edit.h"
#include "web/pages.h"
#include "web/plan_view.h"
#include "web/response.h"
#include "web/write.h"

/* Re-shows the latest plan with error and status (the posted values kept). */
static void refuse(struct web_req *rq, struct web_resp *rs, int status, const char *error)
{
	struct plan_view v;
	if (plan_view_load(rq, rs, 0, &v))
		return;
	plan_page(rq, rs, &v, status, error);
	plan_view_free(&v);
}

/* Whether a plan exists; answers 500 itself on a read error (-1). */
static int plan_exists(struct web_req *rq, struct web_resp *rs)
{
	struct plan_versions l;
	struct err e = {0};
	if (plan_versions_load(rq->db, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return -1;
	}
	int n = l.n > 0;
	plan_versions_free(&l);
	return n;
}

/* Runs fn as the signed-in person; 303 to /plan?r=done or the refusal. */
static void run(struct web_req *rq, struct web_resp *rs, web_write_fn fn, void *arg, const char *done)
{
	struct err e = {0};
	int rc = web_write(rq, fn, arg, &e);
	if (rc == ERR_INPUT) {
		refuse(rq, rs, 422, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		char loc[64];
		snprintf(loc, sizeof loc, "/plan?r=%s", done);
		web_redirect(rs, loc);
	}
}

/* The edits after the first need a plan; answers 409 (or 500) when none. */
static int need_plan(struct web_req *rq, struct web_resp *rs)
{
	int have = plan_exists(rq, rs);
	if (have == 0)
		refuse(rq, rs, 409, "緊急時対応計画がまだありません。先にひな形から作成してください。");
	return have == 1;
}

void page_plan_init(struct web_req *rq, struct web_resp *rs)
{
	long long version = 0;
	int have = plan_exists(rq, rs);
	if (have < 0)
		return;
	if (have) {
		refuse(rq, rs, 409, "緊急時対応計画は既にあります。各項目を変更してください。");
		return;
	}
	run(rq, rs, plan_edit_init, &version, "init");
}

void page_plan_field(struct web_req *rq, struct web_resp *rs)
{
	struct plan_field_edit a = {form_get(&rq->body, "field"), form_get(&rq->body, "text"), 0};
	if (!need_plan(rq, rs))
		return;
	if (!a.field || !a.text) {
		refuse(rq, rs, 422, "変更する項目と本文を送信してください。");
		return;
	}
	run(rq, rs, plan_edit_field, &a, "field");
}

static char *posted(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return (char *)(v ? v : "");
}

void page_plan_contacts(struct web_req *rq, struct web_resp *rs)
{
	const char *action = posted(rq, "action");
	struct plan_contact_edit a = {{posted(rq, "party"), posted(rq, "person"), posted(rq, "phone"),
				  posted(rq, "email"), posted(rq, "note"), posted(rq, "staff_no")},
				 0, 0};
	if (!need_plan(rq, rs))
		return;
	if (strcmp(action, "remove") == 0) {
		char *end;
		const char *index = posted(rq, "index");
		a.remove = strtoll(index, &end, 10);
		if (!*index || *end || a.remove <= 0) {
			refuse(rq, rs, 422, "削除する連絡先の番号は 1 以上の数字です。");
			return;
		}
	} else if (strcmp(action, "add") != 0) {
		refuse(rq, rs, 422, "連絡先の操作は追加（add）か削除（remove）です。");
		return;
	}
	run(rq, rs, plan_edit_contact, &a, a.remove ? "contact_remove" : "contact_add");
}

void page_plan_review(struct web_req *rq, struct web_resp *rs)
{
	struct plan_review_edit a = {posted(rq, "date"), 0};
	if (!need_plan(rq, rs))
		return;
	if (!*a.date) {
		refuse(rq, rs, 422, "見直した日を入力してください。");
		return;
	}
	run(rq, rs, plan_edit_review, &a, "review");
}

void page_plan_approve(struct web_req *rq, struct web_resp *rs)
{
	char *end;
	struct plan_approval a = {strtoll(rq->id, &end, 10), rq->user->staff.staff_no};
	struct plan_versions l;
	struct err e = {0};
	if (*end || a.version <= 0) {
		web_error(rq, rs, 404, "not_found", "緊急時対応計画のその版はありません");
		return;
	}
	if (plan_versions_load(rq->db, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const struct plan_version *v = plan_by_version(&l, a.version);
	int known = v != NULL, settled = v && (v != plan_latest(&l) || v->approved_by);
	plan_versions_free(&l);
	if (!known) {
		web_error(rq, rs, 404, "not_found", "緊急時対応計画のその版はありません");
		return;
	}
	int rc = settled ? ERR_INPUT : web_write(rq, plan_edit_approve, &a, &e);
	if (rc == ERR_INPUT) {
		/* an older version, or one approved already (core's message when it
		 * refused; the state is the reason either way) */
		refuse(rq, rs, 409, settled ? "決裁できるのは、まだ決裁されていない最新の版だけです。" : e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		web_redirect(rs, "/plan?r=approved");
	}
}
