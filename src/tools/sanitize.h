/*
 * sanitize.h — 無害化 (guideline 3.2.1, 6.4.1): what crosses from the
 * インターネット接続系 into the LGWAN接続系 is reduced to what cannot act.
 *
 * Mail (メールテキスト化方式) becomes a text/plain message; files keep their
 * format with the active parts removed.  Both fail closed: anything that
 * cannot be understood is refused, never passed on.  Every removal is
 * listed in a report printed as Japanese text or, with --format json, as
 * {"kind":"mail|file","input":…,"output":…,"removed":[…],"warnings":[…],…}.
 */
#ifndef MAMORI_SANITIZE_H
#define MAMORI_SANITIZE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* One thing taken out or noticed. */
struct san_item {
	char *what;   /* stable id: "attachment", "macro", "activex", "ole", "external_link",
			 "dde", "javascript", "open_action", "additional_action", "launch",
			 "embedded_file", "xfa", "html_link", … */
	char *where;  /* part name, zip entry, PDF object, header… */
	char *detail; /* Japanese, for people */
};

/* A removed mail attachment (6.4.1: listed so the recipient can ask for it). */
struct san_attachment {
	char *name;          /* decoded file name, UTF-8, "" when none */
	size_t size;         /* decoded bytes */
	char *declared_type; /* Content-Type as sent */
	char *detected_type; /* libmagic MIME type of the bytes */
	char sha256[65];
};

struct san_report {
	size_t nremoved;
	struct san_item *removed;
	size_t nwarnings;
	struct san_item *warnings;   /* misleading headers, type mismatches… */
	size_t nattachments;
	struct san_attachment *attachments;
	char *detected_type;         /* files: the libmagic type of the input */
	int scanned;                 /* libclamav ran (before and after) */
	char *virus;                 /* the signature name when found, else NULL */
};

void san_report_add(struct san_item **v, size_t *n, const char *what, const char *where,
		    const char *detail_fmt, ...) __attribute__((format(printf, 5, 6)));
void san_report_free(struct san_report *r);
/* kind is "mail" or "file"; input/output are the file names shown. */
void san_report_json(const struct san_report *r, const char *kind, const char *input,
		     const char *output, struct buf *out);
void san_report_text(const struct san_report *r, const char *kind, const char *input,
		     const char *output, struct buf *out);

#endif
