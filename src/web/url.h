/*
 * url.h — building links: percent-encoding for paths and query strings.
 * The result is then written into HTML with html_escape like any text.
 */
#ifndef MAMORI_WEB_URL_H
#define MAMORI_WEB_URL_H

#include "util/buf.h"

/* Appends s percent-encoded (everything but unreserved characters). */
void url_encode(struct buf *b, const char *s);
/* Appends "&name=value" (or "?name=value" for the first), skipping NULL/"". */
void url_param(struct buf *b, const char *name, const char *value);

#endif
