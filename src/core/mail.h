/*
 * mail.h — whether and how mamori sends mail, from the profile's
 * smtp_relay and mail_from (docs/mail.md).  Callers that send (one-time
 * links, reminders, notices) ask mail_config first and hand the relay to
 * smtp_send (util/smtp.h).
 */
#ifndef MAMORI_MAIL_H
#define MAMORI_MAIL_H

#include "core/profile.h"
#include "util/err.h"
#include "util/smtp.h"

/* 1 when the profile names both a relay and a sender address. */
int mail_enabled(const struct profile *p);
/* Parses the profile's relay into *relay (free with smtp_relay_free);
 * ERR_INPUT naming the setting to make when mail is not set up. */
int mail_config(const struct profile *p, struct smtp_relay *relay, struct err *e);
/* Sends v[0..n) through the profile's relay in one session (smtp_send_ex:
 * sent[i] says which went; progress and refused may be NULL). */
int mail_send_all(struct db *db, const struct smtp_message *v, size_t n, unsigned char *sent,
		  smtp_progress_fn progress, smtp_refused_fn refused, void *arg, struct err *e);

#endif
