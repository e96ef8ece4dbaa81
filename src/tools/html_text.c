/*
 * html_text.c — HTML mail to text through the shared walker (html_paras.h).
 *
 * A link is written as its text followed by "［リンク先: target］" when the
 * two differ, so the reader sees where it really leads; a link whose text
 * itself looks like an address of another host is the classic phishing
 * trick and is also reported.  Script links are dropped.  The caller defangs
 * every URL of the body afterwards, so nothing here is clickable.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tools/html_text.h"
#include "tools/mail_sanitize_internal.h"
#include "util/html_paras.h"

struct ctx {
	struct buf *out;
	struct san_report *rep;
	struct html_text_stats *st;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* HTML collapses runs of white space; lines (from <br>) are trimmed. */
static void para(void *arg, const char *s, size_t len, long where, int level)
{
	struct ctx *c = arg;
	(void)where;
	struct buf line = BUF_INIT;
	int any = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '\n') {
			while (line.len && line.data[line.len - 1] == ' ')
				line.len--;
			if (line.len || any) {
				if (!any && level >= 0) {
					for (int k = 0; k < level; k++)
						buf_puts(c->out, "  ");
					buf_puts(c->out, "・");
				}
				buf_append(c->out, buf_str(&line), line.len);
				buf_putc(c->out, '\n');
				any = 1;
			}
			buf_reset(&line);
			continue;
		}
		/* U+00A0 (&nbsp;) counts as a space too */
		int nbsp = (unsigned char)s[i] == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0;
		if (is_space(s[i]) || nbsp) {
			i += nbsp;
			if (line.len && line.data[line.len - 1] != ' ')
				buf_putc(&line, ' ');
			continue;
		}
		buf_putc(&line, s[i]);
	}
	buf_free(&line);
}

static char *trimmed(const char *s, size_t len)
{
	while (len && is_space(*s))
		s++, len--;
	while (len && is_space(s[len - 1]))
		len--;
	return xstrndup(s, len);
}

static int scheme_is(const char *href, const char *scheme)
{
	return strncasecmp(href, scheme, strlen(scheme)) == 0;
}

/* The same link, written out: "https://x.jp/" and "x.jp" say the same. */
static int same_target(const char *text, const char *href)
{
	size_t t = strlen(text), h = strlen(href);
	if (t && text[t - 1] == '/')
		t--;
	if (h && href[h - 1] == '/')
		h--;
	const char *hs = strstr(href, "://");
	if (t == h && strncasecmp(text, href, t) == 0)
		return 1;
	return hs && strlen(hs + 3) >= t && (size_t)(href + h - (hs + 3)) == t &&
	       strncasecmp(text, hs + 3, t) == 0;
}

static void link(void *arg, struct buf *cur, size_t start, const char *href_raw)
{
	struct ctx *c = arg;
	char *text = trimmed(cur->data ? cur->data + start : "", cur->len - start);
	char *href = trimmed(href_raw, strlen(href_raw));
	c->st->links++;
	cur->len = start;
	if (cur->data)
		cur->data[start] = '\0';
	buf_puts(cur, text);
	if (scheme_is(href, "javascript:") || scheme_is(href, "vbscript:") ||
	    scheme_is(href, "data:")) {
		c->st->script_links++;
		buf_puts(cur, "［スクリプトのリンクを削除］");
	} else if (href[0] == '#' || scheme_is(href, "cid:") || href[0] == '\0') {
		/* a place in the same mail: nothing to show */
	} else if (scheme_is(href, "mailto:")) {
		if (strcasecmp(text, href + 7) != 0)
			buf_printf(cur, "［メール: %s］", href + 7);
	} else if (!text[0]) {
		buf_puts(cur, href);
	} else if (!same_target(text, href)) {
		buf_printf(cur, "［リンク先: %s］", href);
	}
	char th[256], hh[256];
	if (mail_url_host(text, th, sizeof th) &&
	    (!mail_url_host(href, hh, sizeof hh) || strcmp(th, hh) != 0)) {
		c->st->mismatches++;
		buf_puts(cur, "※表示とリンク先が異なります");
		struct buf t = BUF_INIT, h = BUF_INIT;
		mail_defang(text, strlen(text), &t);
		mail_defang(href, strlen(href), &h);
		san_report_add(&c->rep->warnings, &c->rep->nwarnings, "link_mismatch", buf_str(&h),
			       "リンクの表示「%s」と実際のリンク先が異なります（フィッシングの疑い）",
			       buf_str(&t));
		buf_free(&t);
		buf_free(&h);
	}
	free(text);
	free(href);
}

static void image(void *arg, struct buf *cur, const char *src, const char *alt)
{
	struct ctx *c = arg;
	c->st->images++;
	if (scheme_is(src, "http:") || scheme_is(src, "https:") || scheme_is(src, "//"))
		c->st->remote_images++;
	char *a = trimmed(alt, strlen(alt));
	if (a[0])
		buf_printf(cur, "［画像: %s］", a);
	free(a);
}

int html_to_text(const char *utf8, size_t len, struct buf *out, struct san_report *rep,
		 struct html_text_stats *st)
{
	struct ctx c = {out, rep, st};
	struct html_hooks h = {para, link, image, &c, 1};
	return html_paragraphs(utf8, len, "mail", "UTF-8", &h);
}
