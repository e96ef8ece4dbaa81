/*
 * cp932.h — Shift_JIS (Windows code page 932) to UTF-8, for the files
 * municipalities save from Excel and Word (registers, HR lists, policies).
 */
#ifndef MAMORI_CP932_H
#define MAMORI_CP932_H

#include <stddef.h>

/*
 * Converts CP932 to UTF-8.  On success returns 0 and a malloc'd, NUL-
 * terminated *out of *outlen bytes; on a byte sequence CP932 does not
 * define (or a lead byte cut off at the end) returns -1 with *bad_at its
 * offset.
 */
int cp932_to_utf8(const char *in, size_t len, char **out, size_t *outlen, size_t *bad_at);

#endif
