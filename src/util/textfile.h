/*
 * textfile.h — what the readers of text files municipalities save from
 * Excel and Word (registers, HR lists, policies) share: Shift_JIS (Windows
 * code page 932) to UTF-8, refusing what is not text, and line numbers for
 * error messages.
 */
#ifndef MAMORI_TEXTFILE_H
#define MAMORI_TEXTFILE_H

#include <stddef.h>

#include "util/err.h"

/*
 * Converts CP932 to UTF-8.  On success returns 0 and a malloc'd, NUL-
 * terminated *out of *outlen bytes; on a byte sequence CP932 does not
 * define (or a lead byte cut off at the end) returns -1 with *bad_at its
 * offset.
 */
int cp932_to_utf8(const char *in, size_t len, char **out, size_t *outlen, size_t *bad_at);

/* The 1-based line of byte offset off (LF, CRLF and lone CR end a line). */
long text_line_at(const char *s, size_t off);
/*
 * Refuses UTF-16 and anything with a NUL byte, naming the file, the line
 * and what it should have been (`what`: "CSV", "文書").
 */
int text_refuse_binary(const char *name, const char *data, size_t len, const char *what,
		       struct err *e);

#endif
