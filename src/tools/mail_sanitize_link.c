/*
 * mail_sanitize_link.c — URLs written so that no mail client turns them back
 * into links, and the host a link text claims to lead to.
 *
 * "https://www.example.jp/a" becomes "hxxps://www[.]example[.]jp/a": the
 * scheme is not one any client recognises and the host no longer looks like
 * a domain, yet a person can still read (and, if sure, retype) it.  Bare
 * "www." names are defanged too, because Outlook and Thunderbird link them.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "tools/mail_sanitize_internal.h"

struct scheme {
	const char *from, *to;
};
static const struct scheme schemes[] = {
	{"https://", "hxxps://"}, {"http://", "hxxp://"}, {"ftps://", "fxps://"},
	{"ftp://", "fxp://"},     {"file://", "fxle://"}, {NULL, NULL}};

static int word_start(const char *s, size_t i)
{
	return i == 0 || !isalnum((unsigned char)s[i - 1]);
}

/* Where a URL starts at s[i]: the scheme's replacement (or "" for a bare
   "www.") and its length in s; NULL when none starts there. */
static const char *url_at(const char *s, size_t len, size_t i, size_t *skip)
{
	char c = (char)(s[i] | 0x20); /* every scheme starts with h, f or w */
	if ((c != 'h' && c != 'f' && c != 'w') || !word_start(s, i))
		return NULL;
	for (const struct scheme *k = schemes; k->from; k++) {
		size_t n = strlen(k->from);
		if (len - i >= n && strncasecmp(s + i, k->from, n) == 0) {
			*skip = n;
			return k->to;
		}
	}
	if (len - i > 4 && strncasecmp(s + i, "www.", 4) == 0) {
		*skip = 0;
		return "";
	}
	return NULL;
}

static int ends_host(unsigned char c)
{
	return c <= ' ' || c >= 0x80 || strchr("/?#<>\"'()[]{}|\\^`", c);
}

size_t mail_defang(const char *s, size_t len, struct buf *out)
{
	size_t changed = 0, run = 0;
	buf_reserve(out, len);
	for (size_t i = 0; i < len;) {
		size_t skip;
		const char *to = url_at(s, len, i, &skip);
		if (!to) {
			i++;
			continue;
		}
		buf_append(out, s + run, i - run);
		buf_puts(out, to);
		i += skip;
		for (; i < len && !ends_host((unsigned char)s[i]); i++) {
			if (s[i] == '.')
				buf_puts(out, "[.]");
			else
				buf_putc(out, s[i]);
		}
		run = i;
		changed++;
	}
	buf_append(out, s + run, len - run);
	return changed;
}

static int host_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c >= 0x80;
}

int mail_url_host(const char *s, char *host, size_t n)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '<')
		s++;
	const char *p = strstr(s, "://");
	if (p && p - s <= 10) {
		for (const char *q = s; q < p; q++)
			if (!isalpha((unsigned char)*q))
				return 0;
		s = p + 3;
		/* user info ("https://city.example.lg.jp@evil.example/") is not the host */
		const char *end = s + strcspn(s, "/?#");
		const char *at = memrchr(s, '@', (size_t)(end - s));
		if (at)
			s = at + 1;
	} else if (strncasecmp(s, "www.", 4) != 0) {
		/* a bare domain: letters, digits, dots, ending in an alphabetic label */
		size_t k = 0;
		while (host_char((unsigned char)s[k]))
			k++;
		const char *dot = memrchr(s, '.', k);
		if (!dot || dot == s || k - (size_t)(dot - s) < 3 || (s[k] && s[k] != '/' && s[k] != ' '))
			return 0;
		for (const char *q = dot + 1; q < s + k; q++)
			if (!isalpha((unsigned char)*q))
				return 0;
	}
	size_t k = 0;
	while (host_char((unsigned char)s[k]) && k + 1 < n) {
		host[k] = (char)tolower((unsigned char)s[k]);
		k++;
	}
	host[k] = '\0';
	while (k > 0 && host[k - 1] == '.')
		host[--k] = '\0';
	if (strncmp(host, "www.", 4) == 0)
		memmove(host, host + 4, k - 3);
	return host[0] != '\0' && strchr(host, '.') != NULL;
}
