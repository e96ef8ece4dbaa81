/*
 * html.c — escaping text for HTML (html.h).
 */
#include "util/html.h"

#include <stdarg.h>
#include <string.h>

void html_escape(struct buf *b, const char *s)
{
	if (!s)
		return;
	for (const char *run = s;; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': break;
		default: continue;
		}
		buf_append(b, run, (size_t)(s - run));
		if (!*s)
			return;
		buf_puts(b, rep);
		run = s + 1;
	}
}

/*
 * Only %s, %d, %lld, %zu and %% are understood: enough for markup templates,
 * and a format outside that set is a programming error caught by tests.
 */
void html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			buf_putc(b, *p);
			continue;
		}
		p++;
		if (*p == 's')
			html_escape(b, va_arg(ap, const char *));
		else if (*p == 'd')
			buf_put_int(b, va_arg(ap, int));
		else if (strncmp(p, "lld", 3) == 0)
			buf_put_int(b, va_arg(ap, long long)), p += 2;
		else if (strncmp(p, "zu", 2) == 0)
			buf_put_int(b, (long long)va_arg(ap, size_t)), p += 1;
		else if (*p == '%')
			buf_putc(b, '%');
		else
			break;
	}
	va_end(ap);
}
