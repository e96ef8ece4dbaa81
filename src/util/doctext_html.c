/*
 * doctext_html.c — an HTML page (a 例規 system's export, a page saved from a
 * browser) as paragraphs: the text of each block element on its own, script
 * and style skipped.  libxml2's HTML parser recovers from the markup errors
 * real pages have, so only undecodable bytes are refused.  The walker is
 * shared with the mail sanitiser through html_paras.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "util/buf.h"
#include "util/doctext_internal.h"
#include "util/html_paras.h"

#define HTML_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
		   HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED)

struct walk {
	const struct html_hooks *h;
	struct buf cur;  /* text of the block being read */
	long where;      /* its first line */
	int list_depth;  /* <ol>/<ul> nesting */
	int li_pending;  /* a <li> whose first paragraph has not been emitted yet */
	int depth;       /* recursion guard against pathological nesting */
};

static int name_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp((const char *)n->name, *names) == 0)
			return 1;
	return 0;
}

static const char *const skipped[] = {"script", "style", "head", "noscript", "template",
				      "svg", "math", "object", "iframe", NULL};
/* Elements whose content is a paragraph of its own. */
static const char *const blocks[] = {
	"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "pre",
	"blockquote", "tr", "caption", "section", "article", "header", "footer", "table",
	"ul", "ol", "dl", "address", "figcaption", "main", "nav", "aside", "body", "form",
	"fieldset", "legend", "center", NULL};

static void flush(struct walk *w)
{
	int level = -1;
	if (w->li_pending && w->cur.len > 0) {
		level = w->list_depth - 1;
		w->li_pending = 0;
	}
	w->h->para(w->h->arg, buf_str(&w->cur), w->cur.len, w->where, level);
	buf_reset(&w->cur);
}

static void walk(struct walk *w, xmlNode *n)
{
	if (++w->depth > 256) { /* beyond any real page: read the text flat */
		w->depth--;
		return;
	}
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (w->cur.len == 0)
				w->where = n->line;
			const char *t = (const char *)n->content;
			/* HTML collapses line breaks in source text into spaces. */
			for (; t && *t; t++)
				buf_putc(&w->cur, *t == '\n' || *t == '\r' ? ' ' : *t);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || name_in(n, skipped))
			continue;
		if (strcasecmp((const char *)n->name, "br") == 0) {
			buf_putc(&w->cur, '\n');
			continue;
		}
		if (w->h->image && strcasecmp((const char *)n->name, "img") == 0) {
			xmlChar *src = xmlGetProp(n, (const xmlChar *)"src");
			xmlChar *alt = xmlGetProp(n, (const xmlChar *)"alt");
			w->h->image(w->h->arg, &w->cur, src ? (const char *)src : "",
				    alt ? (const char *)alt : "");
			xmlFree(src);
			xmlFree(alt);
			continue;
		}
		xmlChar *href = w->h->link && strcasecmp((const char *)n->name, "a") == 0
					? xmlGetProp(n, (const xmlChar *)"href")
					: NULL;
		if (href) {
			size_t start = w->cur.len;
			walk(w, n->children);
			w->h->link(w->h->arg, &w->cur, start, (const char *)href);
			xmlFree(href);
			continue;
		}
		int block = name_in(n, blocks);
		int list = strcasecmp((const char *)n->name, "ol") == 0 ||
			   strcasecmp((const char *)n->name, "ul") == 0;
		int li = strcasecmp((const char *)n->name, "li") == 0;
		if (block)
			flush(w);
		w->list_depth += list;
		if (li)
			w->li_pending = 1;
		walk(w, n->children);
		if (block)
			flush(w);
		if (li)
			w->li_pending = 0;
		w->list_depth -= list;
	}
	w->depth--;
}

/* The page's own charset declaration, if it has one, is for libxml2 to
 * honour; without one the bytes decide (UTF-8, else CP932). */
static int declares_charset(const char *data, size_t len)
{
	size_t n = len < 2048 ? len : 2048;
	char head[2049];
	memcpy(head, data, n);
	head[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (head[i] == '\0')
			head[i] = ' ';
	return strcasestr(head, "charset") != NULL;
}

int html_paragraphs(const char *data, size_t len, const char *name, const char *enc,
		    const struct html_hooks *h)
{
	if (len > INT32_MAX)
		return -1;
	htmlDocPtr doc = htmlReadMemory(data, (int)len, name, enc,
					HTML_OPTS | (h->ignore_meta ? HTML_PARSE_IGNORE_ENC : 0));
	if (!doc)
		return -1;
	struct walk w = {h, BUF_INIT, 1, 0, 0, 0};
	walk(&w, xmlDocGetRootElement(doc) ? doc->children : NULL);
	flush(&w);
	buf_free(&w.cur);
	xmlFreeDoc(doc);
	return 0;
}

static void to_doctext(void *arg, const char *s, size_t len, long where, int level)
{
	doctext_add(arg, s, len, where, level);
}

int doctext_parse_html(const char *name, const char *data, size_t len, struct doctext *d,
		       struct err *e)
{
	char *conv = NULL;
	size_t convlen = 0;
	const char *enc = NULL;
	if (len > INT32_MAX)
		return err_set(e, ERR_INPUT, "%s: ファイルが大きすぎます", name);
	if (!declares_charset(data, len)) {
		int rc = doctext_decode(name, data, len, &conv, &convlen, &d->cp932, e);
		if (rc)
			return rc;
		data = conv;
		len = convlen;
		enc = "UTF-8";
	}
	struct html_hooks h = {to_doctext, NULL, NULL, d, 0};
	int rc = html_paragraphs(data, len, name, enc, &h);
	free(conv);
	if (rc)
		return err_set(e, ERR_INPUT, "%s: HTML として読めません", name);
	return 0;
}
