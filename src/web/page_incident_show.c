/*
 * page_incident_show.c — one incident (docs/web.md 「インシデント（詳細・
 * 対応・報告書）」): the 第一報, targets, notices and timeline, the forms of
 * the steps the person may take, and the posts behind them.  An incident
 * outside the person's scope answers 404 (incident_find), exactly like one
 * that does not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/incident_action.h"
#include "web/incident_scope.h"
#include "web/incident_view.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"

static void flash(struct buf *b, const struct web_req *rq, const struct web_refusal *why)
{
	const char *r = form_get(&rq->query, "r");
	if (why && why->status)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", why->msg);
	else if (r && strcmp(r, "done") == 0)
		buf_puts(b, "<p class=\"ok\" role=\"status\">記録しました。</p>\n");
}

/* The whole page; after a refusal, why's message above it and the posted
 * form (kept_form) filled in again. */
static void show(struct web_req *rq, struct web_resp *rs, const struct web_refusal *why,
		 const char *kept_form)
{
	struct incident_report r;
	struct err e = {0};
	if (incident_report_gather(rq->db, rq->id, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	int may_notify = 0;
	if (incident_notify_may(rq->db, rq->user->staff.id, &may_notify, &e)) {
		incident_report_free(&r);
		web_internal_error(rq, rs, &e);
		return;
	}
	struct buf title = BUF_INIT;
	buf_printf(&title, "インシデント %s", r.inc.incident_no);
	page_begin(rq, rs, buf_str(&title));
	if (why && why->status)
		rs->status = why->status;
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/incidents\">インシデント</a></p>\n"
		       "<h1>%s <small>%s</small></h1>\n",
		    buf_str(&title), r.inc.title ? r.inc.title : "");
	flash(b, rq, why);
	incident_view_facts(b, rq, &r);
	incident_view_notices(b, rq, &r, may_notify && strcmp(r.inc.state, "not_incident") != 0);
	incident_view_timeline(b, rq->db, &r);
	incident_forms(b, rq, &r, why && why->status ? &rq->body : NULL, kept_form);
	layout_end(b);
	buf_free(&title);
	incident_report_free(&r);
}

void page_incident_show(struct web_req *rq, struct web_resp *rs)
{
	struct incident inc;
	if (incident_find(rq, rs, rq->id, &inc))
		return;
	incident_free(&inc);
	show(rq, rs, NULL, NULL);
}

/* The page again, the refusal above it and the posted form filled in. */
static void refused(struct web_req *rq, struct web_resp *rs, enum incident_action a,
		    const struct web_refusal *why)
{
	char kept[48];
	const char *kind = form_get(&rq->body, "kind");
	snprintf(kept, sizeof kept, "%s%s", a == INC_ACT_TARGETS ? "targets" : a == INC_ACT_STEP ? "step:" : "notify",
		 a == INC_ACT_STEP && kind && strlen(kind) < 24 ? kind : "");
	show(rq, rs, why, kept);
}

static void done(struct web_req *rq, struct web_resp *rs, const struct incident *inc)
{
	struct buf to = BUF_INIT;
	(void)rq;
	incident_href(&to, inc->incident_no, "");
	buf_puts(&to, "?r=done");
	web_redirect(rs, buf_str(&to));
	buf_free(&to);
}

void page_incident_step(struct web_req *rq, struct web_resp *rs)
{
	incident_act_answer(rq, rs, INC_ACT_STEP, refused, done);
}

void page_incident_notify(struct web_req *rq, struct web_resp *rs)
{
	incident_act_answer(rq, rs, INC_ACT_NOTIFY, refused, done);
}

void page_incident_targets(struct web_req *rq, struct web_resp *rs)
{
	incident_act_answer(rq, rs, INC_ACT_TARGETS, refused, done);
}

/* Shared with the report download (incident_report_web.c): the page again
 * with a refusal above it. */
void incident_page_refused(struct web_req *rq, struct web_resp *rs, int status, const char *code,
			   const char *msg)
{
	struct web_refusal why = {status, code, xstrdup(msg)};
	show(rq, rs, &why, NULL);
	web_refusal_free(&why);
}
