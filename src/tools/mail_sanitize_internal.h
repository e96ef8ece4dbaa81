/*
 * mail_sanitize_internal.h — private to mail_sanitize*.c and html_text.c.
 */
#ifndef MAMORI_MAIL_SANITIZE_INTERNAL_H
#define MAMORI_MAIL_SANITIZE_INTERNAL_H

#include <stddef.h>

#include "tools/sanitize.h"
#include "util/buf.h"

/* How a text part's bytes became UTF-8. */
struct text_decoding {
	const char *used;  /* the charset actually applied ("CP932", "UTF-8"…) */
	int mislabelled;   /* the bytes contradicted the declared charset */
	int unknown;       /* the declared charset is not one iconv knows */
	size_t replaced;   /* bytes that decoded to nothing and became U+FFFD */
};

/*
 * Appends the UTF-8 text of len bytes declared as `charset` (NULL or "" when
 * the part declares none) to out.  Never fails: what cannot be decoded is
 * replaced by U+FFFD and counted in d->replaced.  Control characters other
 * than tab and line breaks are replaced too; CRLF becomes LF.
 */
void mail_text_to_utf8(const char *charset, const char *s, size_t len, struct buf *out,
		       struct text_decoding *d);

/* Appends text with every URL defanged: "https://www.example.jp/a" becomes
   "hxxps://www[.]example[.]jp/a"; returns how many were changed. */
size_t mail_defang(const char *s, size_t len, struct buf *out);
/* The host of a URL or of a bare "www." name in s, lowercased, into host
   (size n); 0 when s does not look like one. */
int mail_url_host(const char *s, char *host, size_t n);

/* The org-level part of a domain ("example.lg.jp" of "city.example.lg.jp",
   "example.com" of "mail.example.com"), lowercased, into out (size n). */
void mail_org_domain(const char *domain, char *out, size_t n);

/* Header checks (mail_sanitize_headers.c): warnings into rep; *keep_reply_to
   is cleared when Reply-To leads to another organisation. */
struct _GMimeMessage;
void mail_check_headers(struct _GMimeMessage *msg, struct san_report *rep, int *keep_reply_to);

/* Everything the output message is made of (mail_sanitize_out.c). */
struct mail_out {
	struct buf body;     /* the readable text, UTF-8, not yet defanged */
	int html_converted;  /* the text came from HTML */
	size_t links;        /* links found in HTML */
	int keep_reply_to;
	char fallback_id[80]; /* Message-ID when the input has none */
};
void mail_write(struct _GMimeMessage *src, struct mail_out *mo, const struct san_report *rep,
		struct buf *out);

#endif
