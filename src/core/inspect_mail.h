/*
 * inspect_mail.h — the mails of a 自己点検: a one-time link to each person
 * asked, or a reminder to each who has not submitted.  The CLI and the web
 * send the same words; people without a mail address are skipped and
 * counted, and only the messages the relay accepted are reported back, so
 * that only those are recorded (inspect_links_mailed, inspect_remind_record).
 */
#ifndef MAMORI_INSPECT_MAIL_H
#define MAMORI_INSPECT_MAIL_H

#include "core/inspect.h"
#include "core/staff.h"
#include "util/smtp.h"

struct inspect_mails {
	size_t n;
	struct smtp_message *v;
	long long *respondent_ids; /* v[i] goes to the respondent respondent_ids[i] */
	size_t no_address;         /* people skipped for want of a mail address */
	char *subject;
	char **bodies;
};

/* One mail per link, carrying base + "/inspect/link/" + its token. */
void inspect_link_mails(const struct inspect_campaign *c, const struct inspect_links *links,
			const struct staff_list *staff, const char *base, struct inspect_mails *out);
/* One reminder per respondent of rs; base (may be NULL) points to the
 * sign-in. */
void inspect_reminder_mails(const struct inspect_campaign *c, const struct inspect_respondents *rs,
			    const struct staff_list *staff, const char *base, struct inspect_mails *out);
void inspect_mails_free(struct inspect_mails *m);

/* Sends m through the profile's relay (mail_send_all); *accepted (freed by
 * the caller, never NULL) gets the respondents whose mail the relay took,
 * even when the session broke on the way (the return is then its error). */
int inspect_mails_send(struct db *db, const struct inspect_mails *m, smtp_progress_fn progress,
		       smtp_refused_fn refused, void *arg, long long **accepted, size_t *naccepted,
		       struct err *e);

#endif
