/*
 * mail_sanitize.h — メールテキスト化方式 (guideline 3.2.1, 6.4): one RFC 5322
 * message in, a new text/plain message out.
 *
 * The output is built from scratch, never copied from the input's structure:
 * sender, recipients, date, subject and the thread headers, then a UTF-8
 * text body made of the readable text of the input (HTML turned into text,
 * every link defanged), a notice of what looked misleading, and a list of the
 * attachments that were removed.  Anything the parser cannot be sure of is
 * refused (ERR_INPUT, Japanese reason): a part could hide behind it.
 * docs/sanitize.md describes the decisions and the limits.
 */
#ifndef MAMORI_MAIL_SANITIZE_H
#define MAMORI_MAIL_SANITIZE_H

#include <stddef.h>

#include "tools/sanitize.h"
#include "util/buf.h"
#include "util/err.h"

struct mail_limits {
	size_t max_bytes; /* the whole message */
	int max_depth;    /* multipart and message/rfc822 nesting */
	int max_parts;    /* MIME parts in all */
};

/* 64 MiB, depth 16, 500 parts (docs/sanitize.md). */
#define MAIL_LIMITS_DEFAULT {(size_t)64 << 20, 16, 500}

/*
 * Sanitises len bytes of one message into out (appended).  rep receives the
 * removed attachments, removed items and warnings (the caller frees it with
 * san_report_free, on failure too).  Returns 0, or ERR_INPUT with the reason
 * in e and nothing appended to out.
 */
int mail_sanitize(const char *data, size_t len, const struct mail_limits *lim, struct buf *out,
		  struct san_report *rep, struct err *e);

#endif
