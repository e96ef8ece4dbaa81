/*
 * page_exception_show.c — one 例外措置: what departs from which clause, for
 * what and until when, its compensating measures, decision and timeline,
 * with the forms the viewer may use (許可・却下, 報告, 定期確認, 終了), and
 * the posts behind them.  The forms offered come from exception_may; the
 * core still decides each post and says why it refuses.  A record outside
 * the viewer's scope answers 404, like one that does not exist.
 */
#include <stdlib.h>
#include <string.h>

#include "core/case_util.h"
#include "web/case_scope.h"
#include "web/exc_view.h"
#include "web/facts.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"

static void facts(struct buf *b, const struct web_user *u, const struct exc_view *v,
		  const struct exception_req *x)
{
	struct buf tmp = BUF_INIT, href = BUF_INIT;
	char *unit = org_unit_path(&u->units, x->unit_id);
	const struct info_system *s = x->system_id ? infosys_by_id(&v->refs.systems, x->system_id) : NULL;
	buf_puts(b, "<dl class=\"facts\">\n");
	facts_text(b, "番号", x->exception_no);
	facts_text(b, "区分", x->emergency ? "緊急（先に実施し、事後に報告）" : "通常（事前に許可を得る）");
	buf_puts(&href, "/catalog/");
	url_encode(&href, x->clause);
	html_printf(b, "<dt>条項</dt><dd><a href=\"%s\">%s</a></dd>\n", buf_str(&href), x->clause);
	facts_text(b, "課", unit);
	if (s) {
		buf_printf(&tmp, "%s（%s）", s->name, s->code);
		facts_text(b, "システム", buf_str(&tmp));
	}
	facts_text(b, "申請者", case_view_person(&v->refs, x->requester_id, &tmp));
	facts_text(b, "理由", x->reason);
	facts_text(b, "範囲", x->scope);
	facts_text(b, "代替措置", x->measures);
	buf_reset(&tmp);
	buf_printf(&tmp, "%s〜%s", x->starts_on ? x->starts_on : "", x->ends_on ? x->ends_on : "");
	facts_text(b, "期間", buf_str(&tmp));
	facts_text(b, "状態", exception_state_label(x, v->refs.today));
	facts_date(b, "申請日時", x->filed_at);
	if (x->emergency) {
		facts_date(b, "緊急実施", x->applied_at);
		facts_date(b, "CISO への報告", x->reported_at);
	}
	facts_text(b, "決定者", case_view_person(&v->refs, x->decided_by, &tmp));
	facts_date(b, "決定日時", x->decided_at);
	facts_text(b, "決定の備考", x->decision_note);
	facts_date(b, "最終確認", x->reviewed_at);
	buf_puts(b, "</dl>\n");
	free(unit);
	buf_free(&tmp);
	buf_free(&href);
}

static int may(const struct web_user *u, const struct exception_req *x, enum exception_act act)
{
	return exception_may(&u->roles, u->staff.id, x, act);
}

static void note_field(struct buf *b, const char *id, const char *label)
{
	html_printf(b, "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"note\" rows=\"2\"></textarea>", id,
		    label, id);
}

/* A form of one action on record no: its heading, the note and the button. */
static void note_form(struct buf *b, const struct web_req *rq, const char *no, const char *heading,
		      const char *action, const char *note_id, const char *note_label, const char *button)
{
	html_printf(b, "<h2>%s</h2>\n", heading);
	case_view_form_open(b, rq, "/exceptions/", no, action);
	note_field(b, note_id, note_label);
	buf_puts(b, button);
	buf_puts(b, "</form>\n");
}

static void action_forms(struct buf *b, const struct web_req *rq, const struct exception_req *x)
{
	const struct web_user *u = rq->user;
	const char *no = x->exception_no;
	if (may(u, x, EXCEPTION_DECIDE)) {
		buf_puts(b, "<h2>決定</h2>\n");
		case_view_form_open(b, rq, "/exceptions/", no, "decide");
		note_field(b, "x-dnote", "備考（条件、却下の理由など）");
		buf_puts(b, "<div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"permit\">許可</button>"
			    "<button type=\"submit\" name=\"decision\" value=\"reject\" class=\"secondary\">却下</button>"
			    "</div></form>\n");
	} else if (exception_state_allows(x, EXCEPTION_DECIDE) && x->requester_id == u->staff.id &&
		   case_role_held(&u->roles, u->staff.id, "ciso", 0, 0)) {
		buf_puts(b, "<p class=\"note\">自分が申請した例外措置は決裁できません（兼務の禁止 1.8.1）。</p>\n");
	}
	if (may(u, x, EXCEPTION_REPORT))
		note_form(b, rq, no, "CISO への報告", "report", "x-rnote", "報告の方法・内容",
			  "<button type=\"submit\">報告を記録する</button>");
	if (may(u, x, EXCEPTION_REVIEW))
		note_form(b, rq, no, "定期確認", "review", "x-vnote", "確認の結果",
			  "<button type=\"submit\">確認を記録する</button>");
	if (may(u, x, EXCEPTION_END))
		note_form(b, rq, no, "終了", "end", "x-enote", "終了の理由",
			  "<button type=\"submit\" class=\"secondary\">例外措置を終了する</button>");
}

static void show(struct web_req *rq, struct web_resp *rs, const struct exc_view *v,
		 const struct exception_req *x, const struct case_outcome *o)
{
	struct case_events ev = {0};
	struct err e = {0};
	struct buf title = BUF_INIT;
	if (case_events_load(rq->db, CASE_EXCEPTION, x->id, &ev, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	buf_printf(&title, "例外措置 %s", x->exception_no);
	page_begin(rq, rs, buf_str(&title));
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/exceptions\">例外措置</a></p>\n<h1>%s <small>%s</small></h1>\n",
		    buf_str(&title), exception_state_label(x, v->refs.today));
	if (o && o->status) {
		rs->status = o->status;
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", o->msg);
	}
	facts(b, rq->user, v, x);
	case_view_timeline(b, &v->refs, &ev);
	action_forms(b, rq, x);
	layout_end(b);
	buf_free(&title);
	case_events_free(&ev);
}

void page_exception_show(struct web_req *rq, struct web_resp *rs)
{
	struct exc_view v;
	struct err e = {0};
	if (exc_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		const struct exception_req *x = exc_find_visible(rq, rs, &v);
		if (x)
			show(rq, rs, &v, x, NULL);
	}
	exc_view_free(&v);
}

struct act_args {
	enum exception_act act;
	const char *no, *actor, *note;
	int permit;
};

static int do_act(struct tx *tx, void *arg, struct err *e)
{
	struct act_args *a = arg;
	switch (a->act) {
	case EXCEPTION_DECIDE:
		return exception_decide(tx, a->no, a->actor, a->permit, a->note, e);
	case EXCEPTION_REPORT:
		return exception_report(tx, a->no, a->actor, a->note, e);
	case EXCEPTION_REVIEW:
		return exception_review(tx, a->no, a->actor, a->note, e);
	case EXCEPTION_END:
		return exception_end(tx, a->no, a->actor, a->note, e);
	}
	return 0;
}

int exc_act(struct web_req *rq, const struct exception_req *x, enum exception_act act,
	    struct case_outcome *o, struct err *e)
{
	const char *decision = form_get(&rq->body, "decision"), *note = form_get(&rq->body, "note");
	struct act_args a = {act, x->exception_no, rq->user->staff.staff_no, note && *note ? note : NULL, 0};
	/* the core decides; the status says whether the person or the state was the reason */
	int status = !exception_role_allows(&rq->user->roles, rq->user->staff.id, x, act) ? 403
		     : !exception_state_allows(x, act)                                     ? 409
											   : 422;
	if (act == EXCEPTION_DECIDE) {
		a.permit = decision && strcmp(decision, "permit") == 0;
		if (!a.permit && !(decision && strcmp(decision, "reject") == 0)) {
			/* without a decision the core cannot be asked: say who may decide first */
			case_outcome_set(o, status, status == 422 ? "validation" : status == 403 ? "forbidden" : "conflict",
					 status == 422   ? "決定（permit: 許可 / reject: 却下）を指定してください"
					 : status == 403 ? "例外措置を決定できるのは CISO です（自分の申請は決定できません）"
							 : "この例外措置は、いまは決定できる状態ではありません");
			return 0;
		}
	}
	return case_view_write(rq, do_act, &a, status, o, e);
}

static void act_page(struct web_req *rq, struct web_resp *rs, enum exception_act act)
{
	struct exc_view v;
	struct case_outcome o = {0};
	struct err e = {0};
	if (exc_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		exc_view_free(&v);
		return;
	}
	const struct exception_req *x = exc_find_visible(rq, rs, &v);
	if (x && exc_act(rq, x, act, &o, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (x && o.status) {
		show(rq, rs, &v, x, &o);
	} else if (x) {
		struct buf to = BUF_INIT;
		buf_puts(&to, "/exceptions/");
		url_encode(&to, x->exception_no);
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	case_outcome_free(&o);
	exc_view_free(&v);
}

void page_exception_decide(struct web_req *rq, struct web_resp *rs) { act_page(rq, rs, EXCEPTION_DECIDE); }
void page_exception_report(struct web_req *rq, struct web_resp *rs) { act_page(rq, rs, EXCEPTION_REPORT); }
void page_exception_review(struct web_req *rq, struct web_resp *rs) { act_page(rq, rs, EXCEPTION_REVIEW); }
void page_exception_end(struct web_req *rq, struct web_resp *rs) { act_page(rq, rs, EXCEPTION_END); }
