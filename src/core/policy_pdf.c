/*
 * policy_pdf.c — lays a policy document out on A4 pages with pango and
 * writes it through cairo's PDF surface.
 *
 * Every block is set in one PangoLayout (the same object, refilled) and its
 * lines are then placed one at a time on a fixed line pitch.  Placing lines
 * singly is what lets a paragraph break across pages between any two lines,
 * and the fixed pitch keeps the text on the line grid Japanese typesetting
 * expects.  Headings look ahead and move to the next page together with the
 * start of the article they introduce.
 */
#include "core/policy_pdf.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

/* A4 portrait in PDF points (1/72 in); margins of 25 mm. */
#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN (25.0 * 72.0 / 25.4)

/* The body's em.  Indents are whole ems and the text width is a whole
 * number of ems, so full-width characters line up in columns as in 例規. */
#define EM 10.5
#define BODY_PITCH 18.0 /* baseline to baseline, about 1.7 em */
#define NOTE_PITCH 14.5

/* CJK fonts draw ideographs in an em box whose top is 0.88 em above the
 * baseline; centring that box in the pitch places a line whatever ascent
 * the font declares (Noto's is far larger than IPAex's). */
#define EMBOX_ASCENT 0.88

/* Font families, best first: fontconfig takes the first installed one and
 * falls back per character, so another CJK font serves if IPAex is absent. */
#define MINCHO "IPAexMincho,IPAex明朝,Noto Serif CJK JP,Source Han Serif JP,serif"
#define GOTHIC "IPAexGothic,IPAexゴシック,Noto Sans CJK JP,Source Han Sans JP,sans-serif"

/* A character every policy document uses: a face without it would print
 * the whole text as empty boxes. */
#define PROBE_CHAR 0x60C5 /* 情 */

/* cairo 1.16 writes the clock's time as /CreationDate unless told a date;
 * a fixed one makes the same document give the same bytes. */
#define FIXED_DATE "2000-01-01T00:00:00Z"

#define CONFIDENTIAL_MARK "非公開　庁内限り"
#define IDEOGRAPHIC_SPACE "　"
#define EN_SPACE "\xe2\x80\x82" /* U+2002 */

/* Item depths beyond this are set at this depth. */
#define MAX_DEPTH 4

enum face { F_TITLE, F_CHAPTER, F_SECTION, F_BODY, F_BODY_G, F_SMALL, F_SMALL_G, F_COUNT };

static const struct {
	const char *family;
	double size; /* points */
} face_spec[F_COUNT] = {
	[F_TITLE] = {GOTHIC, 18.0},  [F_CHAPTER] = {GOTHIC, 13.0}, [F_SECTION] = {GOTHIC, 11.5},
	[F_BODY] = {MINCHO, EM},     [F_BODY_G] = {GOTHIC, EM},    [F_SMALL] = {MINCHO, 9.0},
	[F_SMALL_G] = {GOTHIC, 9.0},
};

/* How one block is set: where its lines go and what is drawn beside them. */
struct look {
	enum face face;
	double x;      /* text left, from the body's left edge */
	double width;  /* text width */
	double indent; /* > 0 first-line indent, < 0 hanging indent (pango's sense) */
	PangoAlignment align;
	double pitch;
	double before, after; /* vertical space, dropped at the top of a page */
	const char *label;    /* drawn beside the first line (items), or NULL */
	double label_x;
	int bar; /* a thin rule left of every line (notes) */
};

struct pdf {
	const struct pdoc *d;
	struct buf bytes; /* the PDF; handed to the caller only on success */
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts;
	PangoContext *pango;
	PangoLayout *text; /* the block being set */
	PangoLayout *aux;  /* labels and page furniture, one line each */
	PangoFontDescription *face[F_COUNT];
	struct buf scratch; /* a block's text with its label in front */
	double left, width; /* the text block, page coordinates */
	double top, bottom;
	double y; /* top of the next line */
	int page;
	int in_article; /* a PD_PARA without label continues an article */
	/* per item depth: the current list's label box, and the block index
	 * where that list ends (item_box) */
	double box[MAX_DEPTH + 1];
	size_t box_until[MAX_DEPTH + 1];
};

static int pu(double pt)
{
	return (int)lround(pt * PANGO_SCALE);
}

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static int cairo_failed(struct err *e, cairo_status_t st)
{
	return err_set(e, ERR_IO, "PDF を作成できませんでした（cairo: %s）", cairo_status_to_string(st));
}

/* ---- setup and teardown ---- */

static int open_surface(struct pdf *p, struct err *e)
{
	p->surface = cairo_pdf_surface_create_for_stream(write_bytes, &p->bytes, PAGE_W, PAGE_H);
	cairo_status_t st = cairo_surface_status(p->surface);
	if (st != CAIRO_STATUS_SUCCESS)
		return cairo_failed(e, st);
	if (p->d->title)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, p->d->title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "mamori");
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
	p->cr = cairo_create(p->surface);
	st = cairo_status(p->cr);
	return st == CAIRO_STATUS_SUCCESS ? 0 : cairo_failed(e, st);
}

/* True when the fonts the description resolves to (fallback included) have
 * a glyph for ch. */
static int face_covers(PangoContext *ctx, const PangoFontDescription *fd, gunichar ch)
{
	PangoFontset *set = pango_context_load_fontset(ctx, fd, pango_context_get_language(ctx));
	if (!set)
		return 0;
	PangoFont *font = pango_fontset_get_font(set, ch);
	int ok = font && pango_font_has_char(font, ch);
	if (font)
		g_object_unref(font);
	g_object_unref(set);
	return ok;
}

int pdf_require_japanese_font(PangoContext *ctx, const PangoFontDescription *fd, struct err *e)
{
	if (face_covers(ctx, fd, PROBE_CHAR))
		return 0;
	return err_set(e, ERR_IO,
		       "PDF に使える日本語フォントが見つかりません（IPAex明朝・IPAexゴシック、"
		       "Noto CJK JP、源ノ明朝・源ノ角ゴシックを探しました）。"
		       "fonts-ipaexfont-mincho と fonts-ipaexfont-gothic をインストールしてください"
		       "（scripts/setup.sh）");
}

static void set_print_options(PangoContext *ctx)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	/* Hinting snaps outlines and advances to a screen's pixel grid, which
	 * on paper only makes spacing uneven. */
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	/* Sizes in points are then user units, the PDF's own unit. */
	pango_cairo_context_set_resolution(ctx, 72.0);
	/* Japanese glyph forms, Japanese fallback fonts and line breaking. */
	pango_context_set_language(ctx, pango_language_from_string("ja-jp"));
}

static int open_pango(struct pdf *p, struct err *e)
{
	/* An own font map rather than the process-wide default: nothing of a
	 * render outlives it, and concurrent renders share no caches. */
	p->fonts = pango_cairo_font_map_new();
	p->pango = pango_font_map_create_context(p->fonts);
	set_print_options(p->pango);
	pango_cairo_update_context(p->cr, p->pango);
	for (int i = 0; i < F_COUNT; i++) {
		p->face[i] = pango_font_description_new();
		pango_font_description_set_family(p->face[i], face_spec[i].family);
		pango_font_description_set_size(p->face[i], pu(face_spec[i].size));
	}
	if (pdf_require_japanese_font(p->pango, p->face[F_BODY], e) ||
	    pdf_require_japanese_font(p->pango, p->face[F_BODY_G], e))
		return e->code;
	p->text = pango_layout_new(p->pango);
	pango_layout_set_wrap(p->text, PANGO_WRAP_WORD_CHAR);
	p->aux = pango_layout_new(p->pango);
	return 0;
}

static void close_all(struct pdf *p)
{
	if (p->text)
		g_object_unref(p->text);
	if (p->aux)
		g_object_unref(p->aux);
	for (int i = 0; i < F_COUNT; i++)
		if (p->face[i])
			pango_font_description_free(p->face[i]);
	if (p->pango)
		g_object_unref(p->pango);
	if (p->fonts)
		g_object_unref(p->fonts);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
	buf_free(&p->scratch);
	buf_free(&p->bytes);
}

/* ---- page furniture ---- */

/* Sets a one-line text in the aux layout; returns its width in points. */
static double aux_set(struct pdf *p, enum face f, const char *s)
{
	PangoRectangle log;
	pango_layout_set_font_description(p->aux, p->face[f]);
	pango_layout_set_text(p->aux, s, -1);
	pango_layout_get_extents(p->aux, NULL, &log);
	return (double)log.width / PANGO_SCALE;
}

static void aux_draw(struct pdf *p, double x, double baseline)
{
	cairo_move_to(p->cr, x, baseline);
	pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(p->aux, 0));
}

static void draw_confidential(struct pdf *p)
{
	double size = face_spec[F_SMALL_G].size, pad = 3.0;
	double w = aux_set(p, F_SMALL_G, CONFIDENTIAL_MARK);
	double x = PAGE_W - MARGIN - w - pad, base = MARGIN * 0.55;
	aux_draw(p, x, base);
	cairo_set_line_width(p->cr, 0.6);
	cairo_rectangle(p->cr, x - pad, base - EMBOX_ASCENT * size - pad, w + 2 * pad,
			size + 2 * pad);
	cairo_stroke(p->cr);
}

static void page_begin(struct pdf *p)
{
	char num[32];
	p->page++;
	p->y = p->top;
	/* En spaces: a Latin space is so thin at this size that text
	 * extraction (pdftotext -layout) reads "-3-". */
	snprintf(num, sizeof num, "-" EN_SPACE "%d" EN_SPACE "-", p->page);
	double w = aux_set(p, F_SMALL, num);
	aux_draw(p, (PAGE_W - w) / 2, PAGE_H - MARGIN * 0.55);
	if (p->d->confidential)
		draw_confidential(p);
}

static void page_break(struct pdf *p)
{
	cairo_show_page(p->cr);
	page_begin(p);
}

static int at_top(const struct pdf *p)
{
	return p->y <= p->top + 1e-6;
}

static void space(struct pdf *p, double pt)
{
	if (!at_top(p))
		p->y += pt;
}

/* Starts a new page unless h points still fit on this one. */
static void keep(struct pdf *p, double h)
{
	if (!at_top(p) && p->y + h > p->bottom + 1e-6)
		page_break(p);
}

/* ---- setting and placing a block ---- */

/* Fills the text layout; the first label_len bytes (a 第N条 or 附則 label)
 * are set in label_face.  Returns the number of lines. */
static int set_block(struct pdf *p, const struct look *lk, const char *s, size_t label_len,
		     enum face label_face)
{
	PangoLayout *l = p->text;
	pango_layout_set_font_description(l, p->face[lk->face]);
	pango_layout_set_width(l, pu(lk->width));
	pango_layout_set_indent(l, pu(lk->indent));
	pango_layout_set_alignment(l, lk->align);
	if (label_len) {
		PangoAttrList *attrs = pango_attr_list_new();
		PangoAttribute *a = pango_attr_font_desc_new(p->face[label_face]);
		a->start_index = 0;
		a->end_index = (guint)label_len;
		pango_attr_list_insert(attrs, a);
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	} else {
		pango_layout_set_attributes(l, NULL);
	}
	pango_layout_set_text(l, s, -1);
	return pango_layout_get_line_count(l);
}

/* How many of lines k..n-1 go on this page: all that fit, but never the
 * last line alone at the head of a page (widow) nor the first line alone at
 * the foot of one (orphan). */
static int lines_here(const struct pdf *p, double pitch, int k, int n)
{
	int fit = (int)floor((p->bottom - p->y) / pitch + 1e-6);
	int rest = n - k;
	if (rest <= fit)
		return rest;
	if (fit <= 0)
		return at_top(p) ? 1 : 0; /* a pitch taller than a page: place anyway */
	int take = fit;
	if (rest - take == 1 && take >= 2)
		take--;
	if (k == 0 && take == 1 && !at_top(p))
		take = 0;
	return take;
}

static void draw_line(struct pdf *p, const struct look *lk, PangoLayoutIter *it, int first)
{
	PangoRectangle log;
	double size = face_spec[lk->face].size;
	double base = p->y + (lk->pitch - size) / 2 + EMBOX_ASCENT * size;
	pango_layout_iter_get_line_extents(it, NULL, &log);
	if (lk->bar) {
		cairo_set_source_rgb(p->cr, 0.55, 0.55, 0.55);
		cairo_rectangle(p->cr, p->left + lk->x - 0.8 * EM, p->y, 1.2, lk->pitch);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	if (first && lk->label) {
		aux_set(p, lk->face, lk->label);
		aux_draw(p, p->left + lk->label_x, base);
	}
	cairo_move_to(p->cr, p->left + lk->x + (double)log.x / PANGO_SCALE, base);
	pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
	p->y += lk->pitch;
}

/* Places the lines of the text layout, breaking pages between lines. */
static void place(struct pdf *p, const struct look *lk)
{
	int n = pango_layout_get_line_count(p->text);
	space(p, lk->before);
	PangoLayoutIter *it = pango_layout_get_iter(p->text);
	int k = 0;
	while (k < n) {
		int take = lines_here(p, lk->pitch, k, n);
		for (int i = 0; i < take; i++, k++) {
			draw_line(p, lk, it, k == 0);
			pango_layout_iter_next_line(it);
		}
		if (k < n)
			page_break(p);
	}
	pango_layout_iter_free(it);
	space(p, lk->after);
}

static struct look look_new(const struct pdf *p, enum face f, double pitch)
{
	struct look lk = {0};
	lk.face = f;
	lk.width = p->width;
	lk.align = PANGO_ALIGN_LEFT;
	lk.pitch = pitch;
	return lk;
}

/* "label　text", or whichever of the two is there; returns the label's
 * length in bytes (0 without one). */
static size_t join_label(struct pdf *p, const char *label, const char *text)
{
	buf_reset(&p->scratch);
	size_t n = 0;
	if (label && *label) {
		buf_puts(&p->scratch, label);
		n = strlen(label);
		if (text && *text)
			buf_puts(&p->scratch, IDEOGRAPHIC_SPACE);
	}
	if (text)
		buf_puts(&p->scratch, text);
	return n;
}

/* ---- the blocks ---- */

/* Sets a heading block (chapter, section, article caption) and returns its
 * line count; the look is filled for place(). */
static int set_heading(struct pdf *p, const struct pdoc_block *b, struct look *lk)
{
	switch (b->kind) {
	case PD_CHAPTER:
		/* 例規 indent a chapter three characters and a section four. */
		*lk = look_new(p, F_CHAPTER, 1.5 * BODY_PITCH);
		lk->x = 3 * EM;
		lk->before = BODY_PITCH;
		lk->after = 0.25 * BODY_PITCH;
		break;
	case PD_SECTION:
		*lk = look_new(p, F_SECTION, 1.25 * BODY_PITCH);
		lk->x = 4 * EM;
		lk->before = 0.5 * BODY_PITCH;
		break;
	default: /* PD_ARTICLE: its caption, one character in, in parentheses */
		*lk = look_new(p, F_BODY, BODY_PITCH);
		lk->x = EM;
		lk->before = 0.5 * BODY_PITCH;
		lk->width = p->width - EM;
		buf_reset(&p->scratch);
		if (!*b->text)
			return 0;
		if (strncmp(b->text, "（", strlen("（")) == 0 || b->text[0] == '(')
			buf_puts(&p->scratch, b->text);
		else
			buf_printf(&p->scratch, "（%s）", b->text);
		return set_block(p, lk, buf_str(&p->scratch), 0, F_BODY);
	}
	lk->width -= lk->x;
	join_label(p, b->label, b->text);
	return set_block(p, lk, buf_str(&p->scratch), 0, F_BODY);
}

static int is_heading(enum pdoc_kind k)
{
	return k == PD_CHAPTER || k == PD_SECTION || k == PD_ARTICLE;
}

/* Height of the run of headings from block i on, plus two body lines of
 * what they introduce: that much must fit, or the run starts a new page. */
static double keep_height(struct pdf *p, size_t i)
{
	double h = 2 * BODY_PITCH;
	for (; i < p->d->n && is_heading(p->d->v[i].kind); i++) {
		struct look lk;
		int lines = set_heading(p, &p->d->v[i], &lk);
		if (lines)
			h += lk.before + lines * lk.pitch + lk.after;
	}
	return h;
}

static void heading(struct pdf *p, size_t i)
{
	struct look lk;
	keep(p, keep_height(p, i));
	if (set_heading(p, &p->d->v[i], &lk))
		place(p, &lk);
}

/* "第3条　本文…": the label in Gothic, the article's first paragraph
 * (para, may be NULL) after an ideographic space, wrapped lines one
 * character in. */
static void article_body(struct pdf *p, const struct pdoc_block *art, const struct pdoc_block *para)
{
	struct look lk = look_new(p, F_BODY, BODY_PITCH);
	lk.indent = -EM;
	size_t n = join_label(p, art->label, para ? para->text : NULL);
	if (!p->scratch.len)
		return;
	set_block(p, &lk, buf_str(&p->scratch), n, F_BODY_G);
	place(p, &lk);
}

static void para(struct pdf *p, const struct pdoc_block *b)
{
	struct look lk = look_new(p, F_BODY, BODY_PITCH);
	if (b->label && *b->label) {
		lk.indent = -EM; /* "２　…" as a numbered 項 */
	} else if (p->in_article) {
		/* A further paragraph of an article: inside the article's one-em
		 * hanging margin, its first line one more em in. */
		lk.x = EM;
		lk.width -= EM;
		lk.indent = EM;
	} else {
		lk.indent = EM; /* prose: the first line one character in */
	}
	join_label(p, b->label, b->text);
	set_block(p, &lk, buf_str(&p->scratch), 0, F_BODY);
	place(p, &lk);
}

static int item_depth(const struct pdoc_block *b)
{
	return b->depth < 1 ? 1 : b->depth > MAX_DEPTH ? MAX_DEPTH : b->depth;
}

/* The label box of the item list at this depth that block i belongs to:
 * from the next whole em at least half an em after its widest label, so
 * that "(10)" does not push its text past that of "(9)".  Measured once per
 * list, at its first item (a list runs until a shallower item or a
 * non-item), and kept in p->box until the list ends. */
static double item_box(struct pdf *p, size_t i)
{
	const struct pdoc *d = p->d;
	int depth = item_depth(&d->v[i]);
	if (i < p->box_until[depth])
		return p->box[depth];
	double widest = -1;
	size_t j = i;
	for (; j < d->n && d->v[j].kind == PD_ITEM && item_depth(&d->v[j]) >= depth; j++) {
		const struct pdoc_block *b = &d->v[j];
		if (item_depth(b) == depth && b->label && *b->label) {
			double w = aux_set(p, F_BODY, b->label);
			if (w > widest)
				widest = w;
		}
	}
	p->box_until[depth] = j;
	p->box[depth] = widest < 0 ? 0 : ceil((widest + 0.5 * EM) / EM - 1e-6) * EM;
	return p->box[depth];
}

/* An item: its label at depth ems, its text after the list's label box, so
 * that wrapped lines align after the label and the text stays on the
 * character grid. */
static void item(struct pdf *p, size_t i)
{
	const struct pdoc_block *b = &p->d->v[i];
	struct look lk = look_new(p, F_BODY, BODY_PITCH);
	if (b->label && *b->label)
		lk.label = b->label;
	lk.label_x = item_depth(b) * EM;
	lk.x = lk.label_x + item_box(p, i);
	lk.width = p->width - lk.x;
	set_block(p, &lk, b->text, 0, F_BODY);
	place(p, &lk);
}

static void note(struct pdf *p, const struct pdoc_block *b)
{
	struct look lk = look_new(p, F_SMALL, NOTE_PITCH);
	lk.x = 2 * EM;
	lk.width = p->width - 3 * EM;
	lk.before = lk.after = 0.5 * BODY_PITCH;
	lk.bar = 1;
	size_t n = join_label(p, b->label, b->text);
	if (set_block(p, &lk, buf_str(&p->scratch), n, F_SMALL_G))
		place(p, &lk);
}

static void title(struct pdf *p)
{
	const struct pdoc *d = p->d;
	if (!d->title || !*d->title)
		return;
	struct look lk = look_new(p, F_TITLE, 1.75 * BODY_PITCH);
	lk.align = PANGO_ALIGN_CENTER;
	p->y += BODY_PITCH;
	set_block(p, &lk, d->title, 0, F_BODY);
	place(p, &lk);
	if (d->subtitle && *d->subtitle) {
		lk = look_new(p, F_BODY, BODY_PITCH);
		lk.align = PANGO_ALIGN_CENTER;
		lk.before = 0.25 * BODY_PITCH;
		set_block(p, &lk, d->subtitle, 0, F_BODY);
		place(p, &lk);
	}
	p->y += 1.5 * BODY_PITCH;
}

static void render_blocks(struct pdf *p)
{
	const struct pdoc *d = p->d;
	for (size_t i = 0; i < d->n; i++) {
		const struct pdoc_block *b = &d->v[i];
		switch (b->kind) {
		case PD_CHAPTER:
		case PD_SECTION:
			p->in_article = 0;
			heading(p, i);
			break;
		case PD_ARTICLE: {
			const struct pdoc_block *first = NULL;
			heading(p, i);
			if (i + 1 < d->n && d->v[i + 1].kind == PD_PARA && !d->v[i + 1].label)
				first = &d->v[++i];
			article_body(p, b, first);
			p->in_article = 1;
			break;
		}
		case PD_ITEM:
			item(p, i);
			break;
		case PD_NOTE:
			note(p, b);
			break;
		default:
			para(p, b);
			break;
		}
	}
}

/* pango replaces bad UTF-8 with a warning on stderr; refuse it instead. */
static int check_utf8(const struct pdoc *d, struct err *e)
{
	if ((d->title && !g_utf8_validate(d->title, -1, NULL)) ||
	    (d->subtitle && !g_utf8_validate(d->subtitle, -1, NULL)))
		return err_set(e, ERR_INPUT, "方針文書の表題が UTF-8 の文字列ではありません");
	for (size_t i = 0; i < d->n; i++) {
		const struct pdoc_block *b = &d->v[i];
		if (!b->text || !g_utf8_validate(b->text, -1, NULL) ||
		    (b->label && !g_utf8_validate(b->label, -1, NULL)))
			return err_set(e, ERR_INPUT,
				       "方針文書の %zu 番目の要素が UTF-8 の文字列ではありません", i + 1);
	}
	return 0;
}

int policy_pdf_write(const struct pdoc *d, struct buf *out, struct err *e)
{
	struct pdf p = {0};
	int rc = check_utf8(d, e);
	if (rc)
		return rc;
	p.d = d;
	p.width = floor((PAGE_W - 2 * MARGIN) / EM) * EM;
	p.left = (PAGE_W - p.width) / 2;
	p.top = MARGIN;
	p.bottom = PAGE_H - MARGIN;
	rc = open_surface(&p, e);
	if (!rc)
		rc = open_pango(&p, e);
	if (!rc) {
		page_begin(&p);
		title(&p);
		render_blocks(&p);
		cairo_show_page(p.cr);
		cairo_status_t st = cairo_status(p.cr);
		cairo_destroy(p.cr);
		p.cr = NULL;
		/* Fonts are subset and embedded here, so errors show up here. */
		cairo_surface_finish(p.surface);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_status(p.surface);
		if (st != CAIRO_STATUS_SUCCESS)
			rc = cairo_failed(e, st);
	}
	if (!rc)
		buf_append(out, p.bytes.data, p.bytes.len);
	close_all(&p);
	return rc;
}
