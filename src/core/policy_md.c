/*
 * policy_md.c — a policy document as Markdown: chapters, sections and
 * articles as headings, items as nested lists, notes as quotes.
 */
#include "core/policy_write.h"

#include <string.h>

/* Backslash before every character Markdown could take as markup. */
static void md_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>#|~", *s))
			buf_putc(b, '\\');
		buf_putc(b, *s == '\n' ? ' ' : *s);
	}
}

static void heading(struct buf *b, const char *marks, const struct pdoc_block *x, int caption)
{
	buf_printf(b, "%s ", marks);
	if (x->label) {
		md_text(b, x->label);
		buf_puts(b, caption ? "" : " ");
	}
	if (caption)
		buf_puts(b, "（");
	md_text(b, x->text);
	buf_puts(b, caption ? "）\n\n" : "\n\n");
}

void policy_write_md(const struct pdoc *d, struct buf *out)
{
	buf_puts(out, "# ");
	md_text(out, d->title);
	buf_puts(out, "\n\n");
	if (d->subtitle) {
		md_text(out, d->subtitle);
		buf_puts(out, "\n\n");
	}
	if (d->confidential)
		buf_puts(out, "**非公開（庁内限り）**\n\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct pdoc_block *x = &d->v[i];
		switch (x->kind) {
		case PD_CHAPTER: heading(out, "##", x, 0); break;
		case PD_SECTION: heading(out, "###", x, 0); break;
		case PD_ARTICLE: heading(out, "####", x, 1); break;
		case PD_PARA:
			md_text(out, x->text);
			buf_puts(out, "\n\n");
			break;
		case PD_ITEM:
			for (int k = 1; k < x->depth; k++)
				buf_puts(out, "  ");
			buf_puts(out, "- ");
			if (x->label) {
				md_text(out, x->label);
				buf_puts(out, "　");
			}
			md_text(out, x->text);
			buf_puts(out, "\n");
			if (i + 1 == d->n || d->v[i + 1].kind != PD_ITEM)
				buf_puts(out, "\n");
			break;
		case PD_NOTE:
			buf_puts(out, "> ");
			md_text(out, x->text);
			buf_puts(out, "\n\n");
			break;
		}
	}
}
