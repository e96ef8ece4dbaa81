/*
 * policy_html.c — a policy document as one self-contained HTML page: no
 * external assets, print styles for A4, every text through html_escape.
 */
#include "core/policy_write.h"

#include "util/html.h"

static const char style[] =
	"body{font-family:'IPAexMincho','Noto Serif CJK JP',serif;max-width:46em;margin:2em auto;"
	"padding:0 1em;line-height:1.8;color:#111}"
	"h1{text-align:center;font-size:1.6em}.subtitle{text-align:center}"
	".secret{color:#b00;font-weight:bold;text-align:right}"
	"h2,h3,h4{font-family:'IPAexGothic','Noto Sans CJK JP',sans-serif}"
	"h4{font-size:1em;margin:1.2em 0 .2em}"
	"p.item{margin:.1em 0;padding-left:2.5em;text-indent:-2.5em}"
	"p.d2{margin-left:1.5em}p.d3{margin-left:3em}"
	"p.note{font-size:.9em;border-left:3px solid #999;padding-left:.8em}"
	"@page{size:A4;margin:25mm}";

static void block(struct buf *b, const struct pdoc_block *x)
{
	const char *label = x->label ? x->label : "";
	const char *gap = x->label ? "　" : "";
	switch (x->kind) {
	case PD_CHAPTER: html_printf(b, "<h2>%s%s%s</h2>\n", label, gap, x->text); break;
	case PD_SECTION: html_printf(b, "<h3>%s%s%s</h3>\n", label, gap, x->text); break;
	case PD_ARTICLE: html_printf(b, "<h4>%s（%s）</h4>\n", label, x->text); break;
	case PD_PARA: html_printf(b, "<p>%s</p>\n", x->text); break;
	case PD_ITEM: html_printf(b, "<p class=\"item d%d\">%s%s%s</p>\n", x->depth, label, gap, x->text); break;
	case PD_NOTE: html_printf(b, "<p class=\"note\">%s</p>\n", x->text); break;
	}
}

void policy_write_html_blocks(const struct pdoc *d, struct buf *out)
{
	for (size_t i = 0; i < d->n; i++)
		block(out, &d->v[i]);
}

void policy_write_html(const struct pdoc *d, struct buf *out)
{
	html_printf(out,
		    "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<title>%s</title>\n<style>",
		    d->title);
	buf_puts(out, style);
	buf_puts(out, "</style>\n</head>\n<body>\n");
	if (d->confidential)
		buf_puts(out, "<p class=\"secret\">非公開（庁内限り）</p>\n");
	html_printf(out, "<h1>%s</h1>\n", d->title);
	if (d->subtitle)
		html_printf(out, "<p class=\"subtitle\">%s</p>\n", d->subtitle);
	policy_write_html_blocks(d, out);
	buf_puts(out, "</body>\n</html>\n");
}
