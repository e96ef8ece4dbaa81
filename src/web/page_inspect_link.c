/*
 * page_inspect_link.c — /inspect/link/{token}: a respondent answers their
 * checklist with the one-time link they were handed or mailed
 * (`inspect links`), without signing in.  GET shows the same checklist as
 * the signed-in page; POST saves (303 back) or submits (the thanks page at
 * once: the link is used up and cannot be opened again).
 *
 * Protection without a session:
 * - the router checks a pre-login CSRF token against a cookie scoped to
 *   this page's own path (web_prelogin_token, as /report does);
 * - refused tokens (unknown, used, expired, closed campaign) answer 404 and
 *   are counted per address (rate_limit.h, a table of its own); an address
 *   that used its share is answered 429 BEFORE any token is looked up, so
 *   nobody can try tokens quickly.  Working links are not counted: a
 *   respondent saves as often as they like, and a flood of bad guesses
 *   from elsewhere cannot lock them out;
 * - the token is never written to a log, an error message or the journal
 *   (the journal's actor is "public:inspect-link"); core stores only its
 *   SHA-256 and compares it in constant time.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store/tx.h"
#include "util/timeutil.h"
#include "web/inspect_web.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"

#define LINK_ACTOR "public:inspect-link"

static void bare_page(struct web_req *rq, struct web_resp *rs, int status, const char *title, const char *msg)
{
	struct web_req anon = *rq;
	anon.user = NULL;
	rs->status = status;
	rs->content_type = NULL;
	rs->no_store = 1;
	buf_reset(&rs->body);
	layout_begin(&rs->body, &anon, title);
	html_printf(&rs->body, "<h1>%s</h1>\n<p class=\"error\" role=\"alert\">%s</p>\n", title, msg);
	layout_end(&rs->body);
}

/*
 * The checklist of the token in rq->id, or -1 with rs holding the answer:
 * 429 for an address that used its share, 404 (counted) for a refused
 * token, 500 when the database fails.
 */
static int link_checklist(struct web_req *rq, struct web_resp *rs, struct inspect_checklist *cl)
{
	struct err e = {0};
	time_t now = time_now_epoch();
	if (rate_limit_addr_full(&rq->shared->inspect_links, rq->addr, now)) {
		bare_page(rq, rs, 429, "しばらくしてからお試しください",
			  "無効なリンクが短時間に何度も開かれました。しばらくしてから、届いたリンクを開き直してください。");
		return -1;
	}
	int rc = inspect_token_shaped(rq->id) ? inspect_token_checklist(rq->db, rq->id, cl, &e)
					       : err_set(&e, ERR_INPUT, "このリンクは無効です");
	if (rc == ERR_INPUT) {
		rate_limit_take(&rq->shared->inspect_links, rq->addr, now);
		bare_page(rq, rs, 404, "このリンクでは回答できません", e.msg);
		return -1;
	}
	if (rc) {
		web_internal_error(rq, rs, &e);
		return -1;
	}
	return 0;
}

static void show(struct web_req *rq, struct web_resp *rs, const struct inspect_checklist *cl, int status,
		 const struct form *shown, const char *error)
{
	char csrf[65];
	web_prelogin_token(rq, rs, rq->path, csrf);
	struct inspect_web_view v = {cl, rq->path, csrf, shown, error, status, 1};
	inspect_web_answer_page(rq, rs, &v);
}

void page_inspect_link_get(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_checklist cl;
	if (link_checklist(rq, rs, &cl))
		return;
	show(rq, rs, &cl, 200, NULL, NULL);
	inspect_checklist_free(&cl);
}

static int save_as_link(struct web_req *rq, struct inspect_answering *a, struct err *e)
{
	struct tx tx;
	int rc = tx_begin(&tx, rq->db, LINK_ACTOR, e);
	if (!rc && (rc = inspect_answer_write(&tx, a, e)) != 0)
		tx_rollback(&tx);
	else if (!rc)
		rc = tx_commit(&tx, e);
	return rc;
}

static void thanks(struct web_req *rq, struct web_resp *rs, const struct inspect_checklist *cl)
{
	struct web_req anon = *rq;
	anon.user = NULL;
	rs->status = 200;
	rs->content_type = NULL;
	rs->no_store = 1;
	layout_begin(&rs->body, &anon, "回答を提出しました");
	html_printf(&rs->body, "<h1>回答を提出しました</h1>\n<p class=\"ins-notice\" role=\"status\">自己点検「%s」（%s）の回答を"
			       "受け付けました。ご協力ありがとうございました。</p>\n<p>このリンクは使用済みになりました。"
			       "回答を直す必要があるときは、自己点検の担当に連絡してください。</p>\n",
		    cl->campaign.title, cl->campaign.campaign_no);
	layout_end(&rs->body);
}

void page_inspect_link_post(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_checklist cl;
	struct err e = {0};
	if (link_checklist(rq, rs, &cl))
		return;
	struct inspect_answering a = {0, rq->id, NULL, 0, inspect_web_wants_submit(&rq->body)};
	struct inspect_answer_in *v = NULL;
	int rc = inspect_web_answers_read(&rq->body, &cl, &v, &a.n, &e);
	a.v = v;
	if (!rc)
		rc = save_as_link(rq, &a, &e);
	if (rc == ERR_INPUT) {
		show(rq, rs, &cl, 422, &rq->body, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else if (a.submit) {
		thanks(rq, rs, &cl);
	} else {
		struct buf to = BUF_INIT;
		char part[24];
		snprintf(part, sizeof part, "%zu", inspect_web_part(rq, &cl));
		buf_puts(&to, rq->path);
		url_param(&to, "part", part);
		url_param(&to, "done", "saved");
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	free(v);
	inspect_checklist_free(&cl);
}
