/*
 * smtp.h — sending plain mail through the municipality's SMTP relay
 * (RFC 5321), for one-time links, reminders and notices.
 *
 * A closed network's relay usually takes mail from inside hosts without
 * authentication on port 25; mamori speaks just that: EHLO (HELO as a
 * fallback), then MAIL FROM / RCPT TO / DATA per message over a single
 * connection, pipelined (RFC 2920) when the relay offers PIPELINING, so
 * tens of thousands of messages go out in seconds.  Messages are UTF-8:
 * the subject is an RFC 2047 encoded-word, the body base64 with
 * Content-Type text/plain; charset=UTF-8.
 */
#ifndef MAMORI_SMTP_H
#define MAMORI_SMTP_H

#include <stddef.h>

#include "util/err.h"

struct smtp_relay {
	char *host; /* name or address */
	int port;   /* 25 unless given */
};

/* Parses "host", "host:port" or "[v6addr]:port"; refused text is ERR_INPUT.
 * smtp_relay_free releases host. */
int smtp_relay_parse(const char *text, struct smtp_relay *out, struct err *e);
void smtp_relay_free(struct smtp_relay *r);

struct smtp_message {
	const char *to;      /* one address */
	const char *subject; /* UTF-8, one line */
	const char *body;    /* UTF-8, lines separated by \n */
};

typedef void (*smtp_progress_fn)(size_t done, size_t total, void *arg);

/*
 * Sends the n messages from `from` over one connection.  sent[i] is set to
 * 1 when the relay accepted message i, 0 when it refused the recipient or
 * the message (the others still go).  Returns 0 when the session ran to the
 * end; ERR_IO (with the relay's reply or the socket error, in Japanese)
 * when the relay could not be reached or broke the session, in which case
 * sent[] tells which went.  progress, when not NULL, is called as messages
 * are accepted.
 */
int smtp_send(const struct smtp_relay *relay, const char *from, const struct smtp_message *v,
	      size_t n, unsigned char *sent, smtp_progress_fn progress, void *arg, struct err *e);

/*
 * Additions to the contract above.
 *
 * smtp_send_ex is smtp_send with a second callback: refused(i, why, arg) is
 * called for each message the relay refused, why being a Japanese sentence
 * with the recipient and the relay's reply ("宛先 … を受け付けませんでした
 * （RCPT TO への応答: 550 …）").  Both smtp_send and smtp_send_ex, when they
 * return 0 with refusals, leave the first refusal in e->msg (e->code stays 0).
 * progress(done, total) is called once per message as it is decided, accepted
 * or refused.  With CHUNKING offered as well as PIPELINING the messages go as
 * BDAT chunks, a hundred to a write (docs/mail.md).
 */
typedef void (*smtp_refused_fn)(size_t i, const char *why, void *arg);
int smtp_send_ex(const struct smtp_relay *relay, const char *from, const struct smtp_message *v,
		 size_t n, unsigned char *sent, smtp_progress_fn progress, smtp_refused_fn refused,
		 void *arg, struct err *e);

/* One address as mamori sends to it: "local@domain", ASCII without spaces,
 * CR/LF or header punctuation.  ERR_INPUT naming `what` ("宛先", "差出人"). */
int smtp_address_check(const char *addr, const char *what, struct err *e);

#endif
