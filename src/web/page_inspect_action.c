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

#include "core/mail.h"
#include "core/profile.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/smtp.h"
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

/* The campaign of rq->id for a manager (404 when unknown). */
static int campaign_of(struct web_req *rq, struct web_resp *rs, struct inspect_campaign *c)
{
	struct err e = {0};
	if (!inspect_campaign_find(rq->db, rq->id, c, &e))
		return 0;
	if (e.code == ERR_INPUT)
		web_error(rq, rs, 404, "not_found", "自己点検が見つかりません");
	else
		web_internal_error(rq, rs, &e);
	return -1;
}

/* ---- open / close ---- */

struct step_args {
	const char *no, *actor;
	int close;
};

static int do_step(struct tx *tx, void *arg, struct err *e)
{
	struct step_args *a = arg;
	return a->close ? inspect_close(tx, a->no, a->actor, e) : inspect_open(tx, a->no, a->actor, e);
}

static void step(struct web_req *rq, struct web_resp *rs, int close)
{
	struct inspect_campaign c;
	struct err e = {0};
	if (campaign_of(rq, rs, &c))
		return;
	struct step_args a = {c.campaign_no, rq->user->staff.staff_no, close};
	int rc = web_write(rq, do_step, &a, &e);
	if (rc == ERR_INPUT)
		refused(rq, rs, 409, e.msg);
	else if (rc)
		web_internal_error(rq, rs, &e);
	else
		back_to(rs, c.campaign_no, close ? "?done=closed" : "?done=opened");
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

/* Sends v[0..n) through the profile's relay; sent[i] says which went. */
static int send_all(struct db *db, const struct smtp_message *v, size_t n, unsigned char *sent, struct err *e)
{
	struct profile prof;
	struct smtp_relay relay;
	if (profile_load(db, &prof, e))
		return e->code;
	int rc = mail_config(&prof, &relay, e);
	if (!rc) {
		rc = smtp_send_ex(&relay, prof.mail_from, v, n, sent, NULL, NULL, NULL, e);
		smtp_relay_free(&relay);
	}
	profile_free(&prof);
	return rc;
}

static int wants_mail(const struct web_req *rq)
{
	const char *m = form_get(&rq->body, "mail");
	return m && strcmp(m, "1") == 0;
}

/* ---- reminders ---- */

struct remind_args {
	const char *no, *actor;
	long long *ids;
	size_t n;
};

static int do_remind(struct tx *tx, void *arg, struct err *e)
{
	struct remind_args *a = arg;
	return inspect_remind_record(tx, a->no, a->actor, a->ids, a->n, e);
}

/* Mails every pending respondent with an address; a->ids gets those the
 * relay accepted. */
static int remind_by_mail(struct web_req *rq, const struct inspect_campaign *c, struct remind_args *a,
			  struct err *e)
{
	struct inspect_resp_filter f = {.pending = 1};
	struct inspect_respondents rs;
	struct staff_list staff;
	if (inspect_respondents_load(rq->db, c->id, &f, &rs, e))
		return e->code;
	if (staff_load(rq->db, "", &staff, e)) {
		inspect_respondents_free(&rs);
		return e->code;
	}
	char *base = profile_base_url(rq->db);
	struct smtp_message *v = xcalloc(rs.n + 1, sizeof *v);
	char **bodies = xcalloc(rs.n + 1, sizeof *bodies);
	long long *who = xcalloc(rs.n + 1, sizeof *who);
	char *subject = xasprintf("【自己点検の督促】%s %s（回答期限 %s）", c->campaign_no, c->title, c->due_on);
	size_t n = 0;
	for (size_t i = 0; i < rs.n; i++) {
		const struct staff *s = staff_by_id(&staff, rs.v[i].staff_id);
		if (!s || !s->email || !*s->email)
			continue;
		bodies[n] = xasprintf("%s 様\n\n自己点検「%s」（%s）の回答がまだ提出されていません（%d / %d 問回答済み）。\n"
				      "回答期限は %s です。mamori にサインインして回答してください。\n%s%s\n",
				      s->name, c->title, vocab_label(&vocab_role, rs.v[i].role), rs.v[i].answered,
				      rs.v[i].questions, c->due_on, base ? base : "", base ? "/inspect" : "");
		v[n] = (struct smtp_message){s->email, subject, bodies[n]};
		who[n++] = rs.v[i].id;
	}
	unsigned char *sent = xcalloc(n + 1, 1);
	int rc = n ? send_all(rq->db, v, n, sent, e) : 0;
	a->ids = xcalloc(n + 1, sizeof *a->ids);
	for (size_t i = 0; i < n; i++)
		if (sent[i])
			a->ids[a->n++] = who[i];
	for (size_t i = 0; i < n; i++)
		free(bodies[i]);
	free(bodies);
	free(v);
	free(who);
	free(sent);
	free(subject);
	free(base);
	staff_list_free(&staff);
	inspect_respondents_free(&rs);
	return rc;
}

void page_inspect_remind(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_campaign c;
	struct err e = {0};
	if (campaign_of(rq, rs, &c))
		return;
	struct remind_args a = {c.campaign_no, rq->user->staff.staff_no, NULL, 0};
	struct inspect_scope all = {.all = 1};
	int rc = 0;
	if (strcmp(c.state, "open") != 0)
		rc = err_set(&e, ERR_INPUT, "自己点検 %s は%sのため督促できません", c.campaign_no, inspect_state_label(c.state));
	else if (wants_mail(rq))
		rc = remind_by_mail(rq, &c, &a, &e);
	else
		rc = inspect_web_pending_ids(rq->db, c.id, &all, &a.ids, &a.n, &e);
	if (!rc && a.n)
		rc = web_write(rq, do_remind, &a, &e);
	if (rc == ERR_INPUT)
		refused(rq, rs, 409, e.msg);
	else if (rc)
		web_internal_error(rq, rs, &e);
	else
		back_to(rs, c.campaign_no, "?pending=1&done=reminded#respondents");
	free(a.ids);
	inspect_campaign_free(&c);
}

/* ---- one-time links ---- */

struct issue_args {
	const char *no, *actor, *expires;
	struct inspect_links links;
};

static int do_issue(struct tx *tx, void *arg, struct err *e)
{
	struct issue_args *a = arg;
	return inspect_links_issue(tx, a->no, a->actor, a->expires, &a->links, e);
}

struct mailed_args {
	long long *ids;
	size_t n;
};

static int do_mailed(struct tx *tx, void *arg, struct err *e)
{
	struct mailed_args *a = arg;
	return inspect_links_mailed(tx, a->ids, a->n, e);
}

static const char *unit_name(const struct web_req *rq, long long id)
{
	const struct org_unit *u = org_unit_by_id(&rq->user->units, id);
	return u ? u->name : "";
}

/* The list to distribute, as `inspect links` writes it to stdout. */
static void links_csv(struct web_req *rq, const struct issue_args *a, const struct staff_list *staff,
		      const char *base, struct buf *b)
{
	char url[640];
	buf_puts(b, "\xEF\xBB\xBF");
	buf_puts(b, "職員番号,氏名,課,役割,URL,有効期限\r\n");
	for (size_t i = 0; i < a->links.n; i++) {
		const struct inspect_link *l = &a->links.v[i];
		const struct staff *s = staff_by_id(staff, l->staff_id);
		snprintf(url, sizeof url, "%s/inspect/link/%s", base, l->token);
		const char *cells[] = {s ? s->staff_no : "", s ? s->name : "", unit_name(rq, l->unit_id),
				       vocab_label(&vocab_role, l->role), url, a->links.expires_at};
		for (size_t k = 0; k < 6; k++)
			buf_csv_field(b, cells[k], k == 5);
	}
}

static void mail_links(struct web_req *rq, const struct inspect_campaign *c, const struct issue_args *a,
		       const struct staff_list *staff, const char *base)
{
	struct smtp_message *v = xcalloc(a->links.n + 1, sizeof *v);
	char **bodies = xcalloc(a->links.n + 1, sizeof *bodies);
	long long *who = xcalloc(a->links.n + 1, sizeof *who);
	char *subject = xasprintf("【自己点検のお願い】%s %s", c->campaign_no, c->title);
	struct err e = {0};
	size_t n = 0;
	for (size_t i = 0; i < a->links.n; i++) {
		const struct inspect_link *l = &a->links.v[i];
		const struct staff *s = staff_by_id(staff, l->staff_id);
		if (!s || !s->email || !*s->email)
			continue;
		bodies[n] = xasprintf("%s 様\n\n自己点検「%s」（%s）への回答をお願いします。\n回答期限: %s\n\n"
				      "次のリンクから回答できます（あなた専用、一度だけ提出できます）。\n%s/inspect/link/%s\n\n"
				      "このリンクの有効期限: %s\nリンクは他の人に渡さないでください。\n",
				      s->name, c->title, vocab_label(&vocab_role, l->role), c->due_on, base, l->token,
				      a->links.expires_at);
		v[n] = (struct smtp_message){s->email, subject, bodies[n]};
		who[n++] = l->respondent_id;
	}
	unsigned char *sent = xcalloc(n + 1, 1);
	struct mailed_args m = {xcalloc(n + 1, sizeof *m.ids), 0};
	/* a relay that fails leaves the CSV as the way to hand the links out */
	if (n && send_all(rq->db, v, n, sent, &e) == 0)
		for (size_t i = 0; i < n; i++)
			if (sent[i])
				m.ids[m.n++] = who[i];
	if (m.n && web_write(rq, do_mailed, &m, &e))
		fprintf(stderr, "mamori serve: %s\n", e.msg);
	for (size_t i = 0; i < n; i++)
		free(bodies[i]);
	free(bodies);
	free(v);
	free(who);
	free(sent);
	free(m.ids);
	free(subject);
}

void page_inspect_links(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_campaign c;
	struct err e = {0};
	struct staff_list staff;
	if (campaign_of(rq, rs, &c))
		return;
	const char *expires = form_get(&rq->body, "expires");
	char *base = profile_base_url(rq->db);
	struct issue_args a = {c.campaign_no, rq->user->staff.staff_no, expires && *expires ? expires : NULL, {0}};
	int rc = 0;
	if (!base)
		rc = err_set(&e, ERR_INPUT, "リンクの起点となる URL が設定されていません。mamori profile set base_url "
					   "https://… で設定してください");
	if (!rc)
		rc = web_write(rq, do_issue, &a, &e);
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
		links_csv(rq, &a, &staff, base, &rs->body);
		staff_list_free(&staff);
	}
	inspect_links_free(&a.links);
	free(base);
	inspect_campaign_free(&c);
}

/* ---- improvement measures (9.2.3) ---- */

struct measure_args {
	const char *no;
	struct inspect_measure_new in;
	char *action_no;
};

static int do_measure(struct tx *tx, void *arg, struct err *e)
{
	struct measure_args *a = arg;
	return inspect_measure_add(tx, a->no, &a->in, &a->action_no, e);
}

static const char *opt(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v && *v ? v : NULL;
}

void page_inspect_measure(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_campaign c;
	struct err e = {0};
	if (campaign_of(rq, rs, &c))
		return;
	const char *problem = form_get(&rq->body, "problem"), *measure = form_get(&rq->body, "measure");
	struct measure_args a = {c.campaign_no, {rq->user->staff.staff_no, opt(rq, "unit"), opt(rq, "clause"),
						 problem ? problem : "", measure ? measure : "", opt(rq, "owner"),
						 opt(rq, "due")},
				 NULL};
	int rc = web_write(rq, do_measure, &a, &e);
	if (rc == ERR_INPUT)
		refused(rq, rs, 422, e.msg);
	else if (rc)
		web_internal_error(rq, rs, &e);
	else
		back_to(rs, c.campaign_no, "?done=measure");
	free(a.action_no);
	inspect_campaign_free(&c);
}
