/*
 * doctext_text.c — plain text and Markdown: one paragraph per line.
 *
 * Markdown needs nothing more here: headings (#), list markers and emphasis
 * stay in the text for the splitter, which reads them as numbering.  Lines of
 * a hard-wrapped file are joined by the splitter, which knows where a
 * sentence ends.
 */
#include <stdlib.h>
#include <string.h>

#include "util/doctext_internal.h"

int doctext_parse_text(const char *name, const char *data, size_t len, struct doctext *d,
		       struct err *e)
{
	char *s;
	size_t n;
	int rc = doctext_decode(name, data, len, &s, &n, &d->cp932, e);
	if (rc)
		return rc;
	long line = 1;
	const char *p = s, *end = s + n;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		size_t l = (size_t)(stop - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		doctext_add(d, p, l, line, -1);
		line++;
		p = nl ? nl + 1 : end;
	}
	free(s);
	return 0;
}
