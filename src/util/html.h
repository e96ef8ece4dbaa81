/*
 * html.h — the one way text reaches HTML: every character that could end a
 * text node or an attribute value is escaped (& < > " ').  Pages, documents
 * and the web UI all write through it (DESIGN.md "Web").
 */
#ifndef MAMORI_HTML_H
#define MAMORI_HTML_H

#include "util/buf.h"

/* Appends s (NULL = nothing) escaped for a text node or a quoted attribute. */
void html_escape(struct buf *b, const char *s);
/* printf whose %s arguments are escaped: the format itself is trusted markup. */
void html_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
