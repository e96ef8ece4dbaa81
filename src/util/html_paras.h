/*
 * html_paras.h — an HTML page as a sequence of paragraphs (doctext_html.c):
 * the one HTML walker, shared by the document reader (doctext) and the mail
 * sanitiser's HTML-to-text (tools/html_text.c).  libxml2's HTML parser
 * recovers from the markup errors real pages and mails have.
 */
#ifndef MAMORI_HTML_PARAS_H
#define MAMORI_HTML_PARAS_H

#include <stddef.h>

#include "util/buf.h"

struct html_hooks {
	/* Each block's text (line breaks from <br> kept as '\n'); level is the
	   0-based depth in an <ol>/<ul> for a list item's first block, else -1. */
	void (*para)(void *arg, const char *s, size_t len, long where, int level);
	/* Optional.  Called after the content of an <a href> was appended to cur
	   from offset start on; may rewrite cur from start.  Without it a link is
	   read as its text. */
	void (*link)(void *arg, struct buf *cur, size_t start, const char *href);
	/* Optional: an <img>; may append to cur. */
	void (*image)(void *arg, struct buf *cur, const char *src, const char *alt);
	void *arg;
	int ignore_meta; /* the bytes are already in enc: ignore <meta charset> */
};

/* Parses len bytes (in enc, or as the page declares when enc is NULL) and
   calls the hooks.  Returns 0, or -1 when libxml2 cannot read it at all. */
int html_paragraphs(const char *data, size_t len, const char *name, const char *enc,
		    const struct html_hooks *h);

#endif
