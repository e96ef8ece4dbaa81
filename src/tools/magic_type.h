/*
 * magic_type.h — the real type of some bytes, by libmagic, whatever name or
 * Content-Type they came with.
 */
#ifndef MAMORI_MAGIC_TYPE_H
#define MAMORI_MAGIC_TYPE_H

#include <stddef.h>

/* The MIME type ("application/pdf", "text/plain"…), newly allocated; never
   NULL ("application/octet-stream" when libmagic cannot tell). */
char *magic_mime_type(const void *data, size_t len);

#endif
