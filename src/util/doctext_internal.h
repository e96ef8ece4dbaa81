/*
 * doctext_internal.h — private to the document readers (doctext*.c).
 */
#ifndef MAMORI_DOCTEXT_INTERNAL_H
#define MAMORI_DOCTEXT_INTERNAL_H

#include <stddef.h>

#include "util/doctext.h"

/* Largest document accepted, and largest part expanded out of a .docx: a
 * policy of a thousand pages is a few megabytes. */
#define DOCTEXT_MAX_BYTES ((size_t)64 << 20)

/*
 * Text bytes as UTF-8: a UTF-8 BOM is dropped; valid UTF-8 is taken as it is;
 * otherwise CP932 is tried.  *out is malloc'd (NUL-terminated), *cp932 says
 * which it was.  Refuses UTF-16, NUL bytes and bytes neither encoding
 * accepts, naming the line.
 */
int doctext_decode(const char *name, const char *data, size_t len, char **out, size_t *outlen,
		   int *cp932, struct err *e);

int doctext_parse_text(const char *name, const char *data, size_t len, struct doctext *d,
		       struct err *e);
int doctext_parse_html(const char *name, const char *data, size_t len, struct doctext *d,
		       struct err *e);
int doctext_parse_docx(const char *name, const char *data, size_t len, struct doctext *d,
		       struct err *e);

#endif
