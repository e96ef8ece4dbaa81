/*
 * facts.c — the terms of a fact list (facts.h).
 */
#include "web/facts.h"

#include "util/html.h"
#include "web/layout.h"

void facts_text(struct buf *b, const char *term, const char *value)
{
	html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", term, value && *value ? value : "—");
}

void facts_date(struct buf *b, const char *term, const char *when)
{
	html_printf(b, "<dt>%s</dt><dd>", term);
	if (when && *when)
		layout_date(b, when);
	else
		buf_puts(b, "—");
	buf_puts(b, "</dd>\n");
}
