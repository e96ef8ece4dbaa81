/*
 * page_inspect_action.c — what those who manage campaigns do on
 * /inspect/{id}: open, close, remind, issue one-time links and file an
 * improvement measure (9.2.3).  Each is one core call in a journaled
 * transaction as the signed-in person (web_write); core decides who may
 * (inspect_may_manage) and refuses with a Japanese message, shown with 409
 * (the campaign's state forbids it) or 422 (the form's input), nothing
 * written.  Success is 303 back to the campaign, except issuing links,
 * which answers the list to distribute (CSV with BOM) at once: the tokens
 * exist only in this response (core stores their hashes).
 *
 * Mail (reminders, links) goes out through the profile's relay when one is
 * set up (core/mail.h) and only when asked; links are committed before the
 * first message, and only the messages the relay accepted are recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/inspect_links_out.h"
#include "core/inspect_mail.h"
#include "core/inspect_write.h"
#include "core/profile.h"
#include "core/staff.h"
#include "web/inspect_web.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"
#include "web/write.h"

static void back_to(struct web_resp *rs, const char *no, const char *query)
{
	struct buf to = BUF_INIT;
	buf_puts(&to, "/inspect/");
	url_encode(&to, no);
	buf_puts(&to, query);
	web_redirect(rs, buf_str(&to));
	buf_free(&to);
}

/* A refusal: the campaign page again with the message and the values
 * posted (or the API's error object). */
static void refused(struct web_req *rq, struct web_resp *rs, int status, const char *msg)
{
	if (rq->is_api) {
		web_error(rq, rs, status, status == 409 ? "conflict" : "validation", msg);
		return;
	}
	inspect_web_show(rq, rs, status, msg);
}

/* How a managing action ends: refused (ERR_INPUT) with status, failed,
 * or 303 back to campaign no with query. */
static void finish(struct web_req *rq, struct web_resp *rs, int rc, const struct err *e, int status, const char *no,
		   const char *query)
{
	if (rc == ERR_INPUT)
		refused(rq, rs, status, e->msg);
	else if (rc)
		web_internal_error(rq, rs, e);
	else
		back_to(rs, no, query);
}

/* ---- open / close ---- */

static void step(struct web_req *rq, struct web_resp *rs, int close)
{
	struct inspect_campaign c;
	struct err e = {0};
	if (inspect_web_campaign_find(rq, rs, &c))
		return;
	struct inspect_stepping a = {c.campaign_no, rq->user->staff.staff_no, close};
	int rc = web_write(rq, inspect_step_write, &a, &e);
	finish(rq, rs, rc, &e, 409, c.campaign_no, close ? "?done=closed" : "?done=opened");
	inspect_campaign_free(&c);
}

void page_inspect_open(struct web_req *rq, struct web_resp *rs)
{
	step(rq, rs, 0);
}

void page_inspect_close(struct web_req *rq, struct web_resp *rs)
{
	step(rq, rs, 1);
}

/* ---- mail ---- */

static int wants_mail(const struct web_req *rq)
{
	const char *m = form_get(&rq->body, "mail");
	return m && strcmp(m, "1") == 0;
}

/* ---- reminders ---- */

/* Mails every pending respondent with an address; a->ids gets those the
 * relay accepted. */
static int remind_by_mail(struct web_req *rq, const struct inspect_campaign *c, struct inspect_reminding *a,
			  struct err *e)
{
	struct inspect_resp_filter f = {.pending = 1};
	struct inspect_respondents rs;
	struct staff_list staff;
	struct inspect_mails m;
	if (inspect_respondents_load(rq->db, c->id, &f, &rs, e))
		return e->code;
	if (staff_load(rq->db, "", &staff, e)) {
		inspect_respondents_free(&rs);
		return e->code;
	}
	char *base = profile_base_url(rq->db);
	inspect_reminder_mails(c, &rs, &staff, base, &m);
	int rc = inspect_mails_send(rq->db, &m, NULL, NULL, NULL, &a->ids, &a->n, e);
	inspect_mails_free(&m);
	free(base);
	staff_list_free(&staff);
	inspect_respondents_free(&rs);
	return rc;
}

void page_inspect_remind(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_campaign c;
	struct err e = {0};
	if (inspect_web_campaign_find(rq, rs, &c))
		return;
	struct inspect_reminding a = {c.campaign_no, rq->user->staff.staff_no, NULL, 0};
	struct inspect_scope all = {.all = 1};
	int rc = 0;
	if (strcmp(c.state, "open") != 0)
		rc = err_set(&e, ERR_INPUT, "自己点検 %s は%sのため督促できません", c.campaign_no, inspect_state_label(c.state));
	else if (wants_mail(rq))
		rc = remind_by_mail(rq, &c, &a, &e);
	else
		rc = inspect_web_pending_ids(rq->db, c.id, &all, &a.ids, &a.n, &e);
	if (!rc && a.n)
		rc = web_write(rq, inspect_remind_write, &a, &e);
	finish(rq, rs, rc, &e, 409, c.campaign_no, "?pending=1&done=reminded#respondents");
	free(a.ids);
	inspect_campaign_free(&c);
}

/* ---- one-time links ---- */

static void mail_links(struct web_req *rq, const struct inspect_campaign *c, const struct inspect_link_issuing *a,
		       const struct staff_list *staff, const char *base)
{
	struct inspect_mails mails;
	struct inspect_mailing m;
	struct err e = {0};
	inspect_link_mails(c, &a->links, staff, base, &mails);
	/* a relay that fails leaves the CSV as the way to hand the links out */
	if (inspect_mails_send(rq->db, &mails, NULL, NULL, NULL, &m.ids, &m.n, &e))
		m.n = 0;
	if (m.n && web_write(rq, inspect_links_mailed_write, &m, &e))
		fprintf(stderr, "mamori serve: %s\n", e.msg);
	free(m.ids);
	inspect_mails_free(&mails);
}

void page_inspect_links(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_campaign c;
	struct err e = {0};
	struct staff_list staff;
	if (inspect_web_campaign_find(rq, rs, &c))
		return;
	const char *expires = form_get(&rq->body, "expires");
	char *base = profile_base_url(rq->db);
	struct inspect_link_issuing a = {c.campaign_no, rq->user->staff.staff_no, expires && *expires ? expires : NULL, {0}};
	int rc = 0;
	if (!base)
		rc = err_set(&e, ERR_INPUT, "リンクの起点となる URL が設定されていません。mamori profile set base_url "
					   "https://… で設定してください");
	if (!rc)
		rc = web_write(rq, inspect_links_issue_write, &a, &e);
	if (!rc)
		rc = staff_load(rq->db, "", &staff, &e);
	if (rc == ERR_INPUT) {
		refused(rq, rs, strcmp(c.state, "open") == 0 && base ? 422 : 409, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		if (wants_mail(rq))
			mail_links(rq, &c, &a, &staff, base);
		rs->status = 200;
		rs->content_type = "text/csv; charset=utf-8";
		rs->no_store = 1;
		rs->disposition = xasprintf("attachment; filename=\"inspect-%s-links.csv\"", c.campaign_no);
		/* the list to distribute, as `inspect links` writes it to stdout */
		inspect_links_csv(&a.links, &staff, &rq->user->units, base, &rs->body);
		staff_list_free(&staff);
	}
	inspect_links_free(&a.links);
	free(base);
	inspect_campaign_free(&c);
}

/* ---- improvement measures (9.2.3) ---- */

static const char *opt(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v && *v ? v : NULL;
}

void page_inspect_measure(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_campaign c;
	struct err e = {0};
	if (inspect_web_campaign_find(rq, rs, &c))
		return;
	const char *problem = form_get(&rq->body, "problem"), *measure = form_get(&rq->body, "measure");
	struct inspect_measure_adding a = {c.campaign_no, {rq->user->staff.staff_no, opt(rq, "unit"), opt(rq, "clause"),
						 problem ? problem : "", measure ? measure : "", opt(rq, "owner"),
						 opt(rq, "due")},
				 NULL};
	int rc = web_write(rq, inspect_measure_write, &a, &e);
	finish(rq, rs, rc, &e, 422, c.campaign_no, "?done=measure");
	free(a.action_no);
	inspect_campaign_free(&c);
}
