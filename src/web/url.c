/*
 * url.c — percent-encoding (url.h).
 */
#include "web/url.h"

#include <string.h>

static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

void url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (unreserved(*p)) {
			buf_putc(b, (char)*p);
			continue;
		}
		char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
		buf_append(b, esc, 3);
	}
}

void url_param(struct buf *b, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	buf_putc(b, strchr(buf_str(b), '?') ? '&' : '?');
	url_encode(b, name);
	buf_putc(b, '=');
	url_encode(b, value);
}
