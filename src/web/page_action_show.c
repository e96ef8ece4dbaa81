/*
 * page_action_show.c — one corrective action: what was found and what the
 * 課 will do, its owner, due date and state, the timeline, and the steps
 * corrective_may offers this person (完了報告; 確認 or 差し戻し).  The posts
 * call corrective_done / corrective_verify inside web_write: a refusal shows
 * the page again with the message (403 role, 409 state, 422 input).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "web/audit_web.h"
#include "web/facts.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"

static void source_fact(struct buf *b, struct web_req *rq, const struct corrective_action *a)
{
	struct audit_finding_filter ff = {0, 0, NULL, 0};
	struct audit_findings fl;
	struct err e = {0};
	if (strcmp(a->source, "audit") != 0 || !a->finding_id || audit_findings_load(rq->db, &ff, &fl, &e)) {
		facts_text(b, "発端", strcmp(a->source, "audit") == 0 ? "監査" : "自己点検");
		return;
	}
	for (size_t i = 0; i < fl.n; i++) {
		if (fl.v[i].id != a->finding_id)
			continue;
		/* "A2026-000001-F01" → the audit's page, at the finding */
		char audit_no[32];
		snprintf(audit_no, sizeof audit_no, "%.*s", (int)(strlen(fl.v[i].finding_no) > 4 ? strlen(fl.v[i].finding_no) - 4 : 0),
			 fl.v[i].finding_no);
		html_printf(b, "<dt>発端</dt><dd>監査の指摘事項 <a href=\"/audits/%s#%s\">%s</a></dd>\n", audit_no,
			    fl.v[i].finding_no, fl.v[i].finding_no);
	}
	audit_findings_free(&fl);
}

static void action_forms(struct buf *b, struct web_req *rq, const struct corrective_action *a, const char *kept_form)
{
	const struct role_assignments *roles = &rq->user->roles;
	long long me = rq->user->staff.id;
	int done = corrective_may(roles, me, a, CORRECTIVE_DONE), verify = corrective_may(roles, me, a, CORRECTIVE_VERIFY);
	const char *note = kept_form ? form_get(&rq->body, "note") : NULL;
	struct buf base = BUF_INIT;
	action_web_href(&base, a->action_no, "");
	if (!done && !verify) {
		buf_puts(b, "<p class=\"note\">あなたがこの改善措置で行える手続きは今はありません。</p>\n");
		buf_free(&base);
		return;
	}
	buf_puts(b, "<h2 id=\"steps\">手続き</h2>\n<div class=\"inc-actions\">\n");
	if (done) {
		html_printf(b, "<form class=\"stack\" method=\"post\" action=\"%s/done\">", buf_str(&base));
		layout_csrf_field(b, rq);
		html_printf(b, "<label for=\"ac-done\">実施した内容（完了報告）</label>"
			       "<textarea id=\"ac-done\" name=\"note\" required>%s</textarea><button>完了を報告する</button></form>\n",
			    kept_form && strcmp(kept_form, "done") == 0 && note ? note : "");
	}
	if (verify) {
		html_printf(b, "<form class=\"stack\" method=\"post\" action=\"%s/verify\">", buf_str(&base));
		layout_csrf_field(b, rq);
		html_printf(b, "<label for=\"ac-verify\">確認の所見（差し戻しの場合は理由）</label>"
			       "<textarea id=\"ac-verify\" name=\"note\">%s</textarea>"
			       "<div class=\"actions\"><button name=\"ok\" value=\"yes\">有効性を確認した</button>"
			       "<button class=\"secondary\" name=\"ok\" value=\"no\">差し戻す</button></div></form>\n",
			    kept_form && strcmp(kept_form, "verify") == 0 && note ? note : "");
	}
	buf_puts(b, "</div>\n");
	buf_free(&base);
}

void action_page(struct web_req *rq, struct web_resp *rs, const struct corrective_action *a,
		 const struct case_outcome *why, const char *kept_form)
{
	struct case_events ev;
	struct case_view_refs refs;
	struct err e = {0};
	if (case_view_refs_load(rq->db, &refs, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (case_events_load(rq->db, CASE_CORRECTIVE, a->id, &ev, &e)) {
		case_view_refs_free(&refs);
		web_internal_error(rq, rs, &e);
		return;
	}
	char title[96];
	snprintf(title, sizeof title, "改善措置 %s", a->action_no);
	page_begin(rq, rs, title);
	struct buf *b = &rs->body, who = BUF_INIT;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/actions\">改善措置</a></p>\n<h1>%s</h1>\n", title);
	if (why && why->status) {
		rs->status = why->status;
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", why->msg);
	} else if (form_get(&rq->query, "r")) {
		buf_puts(b, "<p class=\"ok\" role=\"status\">記録しました。</p>\n");
	}
	const struct org_unit *u = a->unit_id ? org_unit_by_id(&rq->user->units, a->unit_id) : NULL;
	int late = corrective_is_overdue(a, refs.today);
	buf_puts(b, "<dl class=\"facts\">\n");
	source_fact(b, rq, a);
	facts_text(b, "課", u ? u->name : NULL);
	facts_text(b, "条項", a->clause);
	facts_text(b, "問題点", a->problem);
	facts_text(b, "措置の内容", a->measure);
	facts_text(b, "担当者", case_view_person(&refs, a->owner_id, &who));
	facts_text(b, "期限", a->due_on);
	html_printf(b, "<dt>状態</dt><dd%s>%s%s</dd>\n", late ? " class=\"au-overdue\"" : "", corrective_state_label(a->state),
		    late ? "（期限超過）" : "");
	facts_text(b, "完了報告", a->done_note);
	facts_date(b, "完了報告日時", a->done_at);
	facts_text(b, "確認者", a->verified_by ? case_view_person(&refs, a->verified_by, &who) : NULL);
	facts_date(b, "確認日時", a->verified_at);
	buf_puts(b, "</dl>\n");
	action_forms(b, rq, a, why && why->status ? kept_form : NULL);
	audit_web_timeline(b, &refs, &ev, 1);
	layout_end(b);
	buf_free(&who);
	case_events_free(&ev);
	case_view_refs_free(&refs);
}

void page_action_show(struct web_req *rq, struct web_resp *rs)
{
	struct corrective_action a;
	if (action_web_find(rq, rs, rq->id, &a))
		return;
	action_page(rq, rs, &a, NULL, NULL);
	corrective_action_free(&a);
}

/* ---- the steps ---- */

struct step_args {
	const char *no, *actor, *note;
	int verify, ok;
};

static int do_step(struct tx *tx, void *arg, struct err *e)
{
	struct step_args *x = arg;
	return x->verify ? corrective_verify(tx, x->no, x->actor, x->ok, x->note, e)
			 : corrective_done(tx, x->no, x->actor, x->note, e);
}

int action_web_step(struct web_req *rq, const struct corrective_action *a, int verify, struct case_outcome *o,
		    struct err *e)
{
	const char *ok = audit_web_field(rq, "ok");
	struct step_args x = {a->action_no, rq->user->staff.staff_no, audit_web_field(rq, "note"), verify,
			      !ok || strcmp(ok, "no") != 0};
	enum corrective_act act = verify ? CORRECTIVE_VERIFY : CORRECTIVE_DONE;
	if (verify && ok && strcmp(ok, "yes") != 0 && strcmp(ok, "no") != 0) {
		case_outcome_set(o, 422, "validation", "確認の結果（ok）は yes か no です");
		return 0;
	}
	if (!corrective_may(&rq->user->roles, rq->user->staff.id, a, act)) {
		/* the same person with another state would be a conflict, not a role */
		struct corrective_action other = *a;
		other.state = verify ? "done" : "open";
		if (corrective_may(&rq->user->roles, rq->user->staff.id, &other, act))
			case_outcome_set(o, 409, "conflict", verify ? "完了報告済みの改善措置だけを確認できます"
								    : "この改善措置は完了報告済みか確認済みです");
		else
			case_outcome_set(o, 403, "forbidden",
					 verify ? "確認は担当者以外の確認者（監査は監査統括責任者・CISO、自己点検は統括・CISO）が行います"
						: "完了報告は担当者かその課の情報セキュリティ管理者が行います");
		return 0;
	}
	return case_view_write(rq, do_step, &x, 422, o, e);
}

static void step(struct web_req *rq, struct web_resp *rs, int verify)
{
	struct corrective_action a;
	struct case_outcome o = {0};
	struct err e = {0};
	if (action_web_find(rq, rs, rq->id, &a))
		return;
	int rc = action_web_step(rq, &a, verify, &o, &e);
	if (rc) {
		web_internal_error(rq, rs, &e);
	} else if (o.status) {
		action_page(rq, rs, &a, &o, verify ? "verify" : "done");
	} else {
		struct buf to = BUF_INIT;
		action_web_href(&to, a.action_no, "?r=done");
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	case_outcome_free(&o);
	corrective_action_free(&a);
}

void page_action_done(struct web_req *rq, struct web_resp *rs)
{
	step(rq, rs, 0);
}

void page_action_verify(struct web_req *rq, struct web_resp *rs)
{
	step(rq, rs, 1);
}
