/*
 * smtp_internal.h — the pieces smtp_send is built from, shared by the
 * smtp_*.c files and exposed to the unit tests and the fuzz target:
 * the strict reply parser, the message writer (RFC 2047 subject, base64
 * body, dot-stuffing) and the buffered connection with timeouts.
 */
#ifndef MAMORI_SMTP_INTERNAL_H
#define MAMORI_SMTP_INTERNAL_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/smtp.h"

/* RFC 5321 4.5.3.1.5 allows 512 octets per reply line; a little slack for
 * relays that write long texts, but a bound all the same. */
#define SMTP_REPLY_LINE_MAX 1000
/* More continuation lines than this is a broken or hostile relay. */
#define SMTP_REPLY_LINES_MAX 100

/* One reply, possibly multi-line ("250-…" lines, then "250 …"). */
struct smtp_reply {
	int code;        /* 0 until the first line is read */
	int done;        /* the last line has been read */
	size_t nlines;
	int pipelining;  /* a line after the first names PIPELINING (EHLO) */
	int chunking;    /* … names CHUNKING (RFC 3030 BDAT) */
	char text[600];  /* the lines' texts joined by " / ", cut to fit */
	size_t text_len;
};

void smtp_reply_init(struct smtp_reply *r);
/*
 * Parses the complete lines at the start of data (each ending in CRLF) into
 * r until the reply is done or no complete line is left; *used tells how
 * many bytes were consumed.  A malformed line (bad code, a code that
 * changes between lines, a control character, a bare LF, a line that is too
 * long) is ERR_IO with a Japanese message.  Resumable: call again with more
 * data and the same r until r->done.
 */
int smtp_reply_parse(struct smtp_reply *r, const char *data, size_t n, size_t *used, struct err *e);
/* "550 5.1.1 user unknown" for messages. */
const char *smtp_reply_text(const struct smtp_reply *r);

/* Base64 of src, lines of 76 characters each ending in CRLF (RFC 2045). */
void smtp_base64_lines(struct buf *out, const unsigned char *src, size_t n);
/* "Subject: =?UTF-8?B?…?=" folded into lines of at most 78 characters, each
 * word holding whole UTF-8 characters (RFC 2047 5); ends in CRLF. */
void smtp_subject_header(struct buf *out, const char *subject);
/* text (lines separated by \n or CRLF) as SMTP DATA lines: CRLF line ends
 * and a '.' doubled at the start of a line (RFC 5321 4.5.2). */
void smtp_dot_stuff(struct buf *out, const char *text, size_t len);
/* Whether s is valid UTF-8 (no overlongs, no surrogates). */
int smtp_utf8_valid(const char *s);

/* What every message of one session shares. */
struct smtp_envelope {
	const char *from;
	char date[40];   /* RFC 5322 date, +0900 */
	char id_left[64]; /* left part of Message-ID, unique per session */
	const char *id_domain;
	unsigned long serial;
};
void smtp_envelope_init(struct smtp_envelope *env, const char *from);
/* Appends message m as DATA content, ending with the lone "." line. */
void smtp_message_data(struct buf *out, struct smtp_envelope *env, const struct smtp_message *m);
/* The same without the final dot: the octets a BDAT chunk carries. */
void smtp_message_content(struct buf *out, struct smtp_envelope *env, const struct smtp_message *m);

/* A connection to the relay: buffered writes, reads with a timeout. */
struct smtp_conn {
	int fd;
	int connect_ms, io_ms;
	char peer[300];     /* "host:port" for messages */
	char helo_name[300];
	char in[4096];
	size_t in_start, in_len;
	struct buf out;
};

int smtp_conn_open(struct smtp_conn *c, const struct smtp_relay *relay, struct err *e);
/* Writes what is buffered in c->out. */
int smtp_conn_flush(struct smtp_conn *c, struct err *e);
/* Flushes, then reads one whole reply. */
int smtp_conn_reply(struct smtp_conn *c, struct smtp_reply *r, struct err *e);
void smtp_conn_close(struct smtp_conn *c);

#endif
