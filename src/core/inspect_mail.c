/*
 * inspect_mail.c — the link and reminder mails of a 自己点検
 * (inspect_mail.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/inspect_mail.h"
#include "util/buf.h"
#include "core/mail.h"
#include "core/vocab.h"

static void mails_begin(struct inspect_mails *out, size_t cap, char *subject)
{
	memset(out, 0, sizeof *out);
	out->v = xcalloc(cap + 1, sizeof *out->v);
	out->respondent_ids = xcalloc(cap + 1, sizeof *out->respondent_ids);
	out->bodies = xcalloc(cap + 1, sizeof *out->bodies);
	out->subject = subject;
}

/* The person's address, or NULL (counted) when there is none. */
static const struct staff *addressee(struct inspect_mails *out, const struct staff_list *staff, long long staff_id)
{
	const struct staff *s = staff_by_id(staff, staff_id);
	if (s && s->email && *s->email)
		return s;
	out->no_address++;
	return NULL;
}

static void mails_add(struct inspect_mails *out, const struct staff *s, long long respondent_id, char *body)
{
	out->bodies[out->n] = body;
	out->v[out->n] = (struct smtp_message){s->email, out->subject, body};
	out->respondent_ids[out->n++] = respondent_id;
}

void inspect_link_mails(const struct inspect_campaign *c, const struct inspect_links *links,
			const struct staff_list *staff, const char *base, struct inspect_mails *out)
{
	mails_begin(out, links->n, xasprintf("【自己点検のお願い】%s %s", c->campaign_no, c->title));
	for (size_t i = 0; i < links->n; i++) {
		const struct inspect_link *l = &links->v[i];
		const struct staff *s = addressee(out, staff, l->staff_id);
		if (!s)
			continue;
		mails_add(out, s, l->respondent_id,
			  xasprintf("%s 様\n\n自己点検「%s」（%s）への回答をお願いします。\n回答期限: %s\n\n"
				    "次のリンクから回答できます（あなた専用、一度だけ提出できます）。\n%s/inspect/link/%s\n\n"
				    "このリンクの有効期限: %s\nリンクは他の人に渡さないでください。\n",
				    s->name, c->title, vocab_label(&vocab_role, l->role), c->due_on, base, l->token,
				    links->expires_at));
	}
}

void inspect_reminder_mails(const struct inspect_campaign *c, const struct inspect_respondents *rs,
			    const struct staff_list *staff, const char *base, struct inspect_mails *out)
{
	mails_begin(out, rs->n, xasprintf("【自己点検の督促】%s %s（回答期限 %s）", c->campaign_no, c->title, c->due_on));
	for (size_t i = 0; i < rs->n; i++) {
		const struct inspect_respondent *r = &rs->v[i];
		const struct staff *s = addressee(out, staff, r->staff_id);
		if (!s)
			continue;
		mails_add(out, s, r->id,
			  xasprintf("%s 様\n\n自己点検「%s」（%s）の回答がまだ提出されていません（%d / %d 問回答済み）。\n"
				    "回答期限は %s です。mamori にサインインして回答してください。\n%s%s\n",
				    s->name, c->title, vocab_label(&vocab_role, r->role), r->answered, r->questions,
				    c->due_on, base ? base : "", base ? "/inspect" : ""));
	}
}

void inspect_mails_free(struct inspect_mails *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->bodies[i]);
	free(m->bodies);
	free(m->v);
	free(m->respondent_ids);
	free(m->subject);
	memset(m, 0, sizeof *m);
}

int inspect_mails_send(struct db *db, const struct inspect_mails *m, smtp_progress_fn progress,
		       smtp_refused_fn refused, void *arg, long long **accepted, size_t *naccepted,
		       struct err *e)
{
	unsigned char *sent = xcalloc(m->n + 1, 1);
	int rc = m->n ? mail_send_all(db, m->v, m->n, sent, progress, refused, arg, e) : 0;
	*accepted = xcalloc(m->n + 1, sizeof **accepted);
	*naccepted = 0;
	for (size_t i = 0; i < m->n; i++)
		if (sent[i])
			(*accepted)[(*naccepted)++] = m->respondent_ids[i];
	free(sent);
	return rc;
}
