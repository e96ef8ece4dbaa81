/*
 * multipart.h — a multipart/form-data body (RFC 7578) split into its text
 * fields and its files: how the browser sends the upload forms.
 *
 * A pure function over bytes, like form.h, so that it can be fuzzed
 * (tests/fuzz/fuzz_multipart.c).  It refuses what a browser would not send
 * (no closing delimiter, a part without a name, text fields that are not
 * UTF-8, more than FORM_MAX_FIELDS parts) rather than guessing: an upload
 * that arrived cut short must never be taken for a smaller file.
 */
#ifndef MAMORI_WEB_MULTIPART_H
#define MAMORI_WEB_MULTIPART_H

#include <stddef.h>

#include "web/form.h"

struct web_upload {
	char *field;        /* the form field's name */
	char *filename;     /* the browser's file name, base name only, UTF-8; may be "" */
	char *content_type; /* as declared by the browser; may be "": never trust it */
	unsigned char *data;
	size_t len;
};

struct web_uploads {
	size_t n;
	struct web_upload *v;
};

/* The boundary parameter of a multipart/form-data Content-Type, copied into
 * out (at most 70 characters, RFC 2046); -1 when there is none or it is bad. */
int multipart_boundary(const char *content_type, char *out, size_t n);

/*
 * Splits body by boundary: text parts go to fields, parts with a filename
 * to files.  Returns 0, or -1 when the body is malformed (both outputs are
 * then empty).
 */
int multipart_parse(const char *boundary, const unsigned char *body, size_t len,
		     struct form *fields, struct web_uploads *files);
void web_uploads_free(struct web_uploads *u);

#endif
