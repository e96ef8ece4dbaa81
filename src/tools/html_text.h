/*
 * html_text.h — an HTML mail body as readable plain text (メールテキスト化):
 * blocks on their own lines, list items marked, links shown as their text
 * followed by their target, images by their alternative text.
 */
#ifndef MAMORI_HTML_TEXT_H
#define MAMORI_HTML_TEXT_H

#include <stddef.h>

#include "tools/sanitize.h"
#include "util/buf.h"

struct html_text_stats {
	size_t links;          /* <a href> seen */
	size_t script_links;   /* javascript:, vbscript:, data: links dropped */
	size_t images;         /* <img> */
	size_t remote_images;  /* of which loaded from the network (web beacons) */
	size_t mismatches;     /* links whose text names another host */
};

/*
 * Appends the text of utf8 (len bytes, already UTF-8) to out.  Links whose
 * visible text names a host other than their target are added to
 * rep->warnings.  URLs are left as written: the caller defangs the whole body.
 * Returns 0, or -1 when the markup cannot be read at all.
 */
int html_to_text(const char *utf8, size_t len, struct buf *out, struct san_report *rep,
		 struct html_text_stats *st);

#endif
