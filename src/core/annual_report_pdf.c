/*
 * annual_report_pdf.c — the annual report as an A4 PDF (cairo + pango).
 *
 * The report is tables and charts, not 例規 text, so it does not go through
 * the policy writer: headings, sentences and tables are set with pango, one
 * row at a time so a table breaks between rows (its header repeated), and
 * the charts are painted from the same layout as their SVG (svg_chart.h),
 * scaled to the text width.  The creation date is fixed, so the same data
 * gives the same bytes.
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/annual_report.h"
#include "core/policy_pdf.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN (20.0 * 72.0 / 25.4)
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (PAGE_H - MARGIN)
#define CELL_PAD 2.5
#define FIXED_DATE "2000-01-01T00:00:00Z"
#define GOTHIC "IPAexGothic,IPAexゴシック,Noto Sans CJK JP,Source Han Sans JP,sans-serif"

struct pdf {
	struct buf bytes;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	double y;
	int page;
};

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void set_font(struct pdf *p, double size, int bold)
{
	PangoFontDescription *fd = pango_font_description_from_string(GOTHIC);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(p->layout, fd);
	pango_font_description_free(fd);
}

/* Sets text in the layout, wrapped to width (0: one line); returns its height. */
static double set_text(struct pdf *p, const char *text, double size, int bold, double width)
{
	set_font(p, size, bold);
	pango_layout_set_width(p->layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(p->layout, text, -1);
	int w, h;
	pango_layout_get_size(p->layout, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void draw_text_at(struct pdf *p, double x, double y)
{
	cairo_set_source_rgb(p->cr, 0.13, 0.13, 0.13);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
}

static void folio(struct pdf *p)
{
	char n[32];
	snprintf(n, sizeof n, "- %d -", p->page);
	set_text(p, n, 8, 0, 0);
	int w, h;
	pango_layout_get_size(p->layout, &w, &h);
	draw_text_at(p, (PAGE_W - (double)w / PANGO_SCALE) / 2, PAGE_H - MARGIN / 2);
}

static void new_page(struct pdf *p)
{
	folio(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* Room for h more points on this page, or a new page. */
static void need(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && p->y > MARGIN)
		new_page(p);
}

static void paragraph(struct pdf *p, const char *text, double size, int bold, double before, double after)
{
	double h = set_text(p, text, size, bold, TEXT_W);
	need(p, before + h);
	p->y += before;
	draw_text_at(p, MARGIN, p->y);
	p->y += h + after;
}

/* ---- charts ---- */

static void chart_text(struct pdf *p, const struct chart_shape *s, double x0, double y0, double k)
{
	set_text(p, s->text, s->size * k, s->bold, 0);
	int w, h;
	pango_layout_get_size(p->layout, &w, &h);
	double width = (double)w / PANGO_SCALE, base = (double)pango_layout_get_baseline(p->layout) / PANGO_SCALE;
	double x = x0 + s->x * k;
	if (s->anchor == ANCHOR_END)
		x -= width;
	else if (s->anchor == ANCHOR_MIDDLE)
		x -= width / 2;
	draw_text_at(p, x, y0 + s->y * k - base);
}

static void chart_piece(struct pdf *p, const struct chart *c)
{
	struct chart_layout l;
	chart_layout(c, &l);
	double k = TEXT_W / l.width;
	need(p, l.height * k);
	for (size_t i = 0; i < l.n; i++) {
		const struct chart_shape *s = &l.v[i];
		if (s->kind == SHAPE_TEXT) {
			chart_text(p, s, MARGIN, p->y, k);
			continue;
		}
		double rgb[3];
		chart_rgb(s->color, rgb);
		cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
		cairo_rectangle(p->cr, MARGIN + s->x * k, p->y + s->y * k, s->w * k, s->h * k);
		cairo_fill(p->cr);
	}
	p->y += l.height * k + 4;
	chart_layout_free(&l);
}

/* The height of c's title and legend, and of each bar, in points. */
static void bar_geometry(const struct chart *c, double *head, double *bar)
{
	struct chart one, two;
	struct chart_layout l1, l2;
	chart_slice(c, 0, 1, &one);
	chart_slice(c, 0, 2, &two);
	chart_layout(&one, &l1);
	chart_layout(&two, &l2);
	double k = TEXT_W / l1.width;
	*bar = (l2.height - l1.height) * k;
	*head = l1.height * k - *bar;
	chart_layout_free(&l1);
	chart_layout_free(&l2);
	chart_free(&one);
	chart_free(&two);
}

/* A chart longer than the room left goes on in pieces, each on the whole
 * chart's scale, starting on this page when a few bars still fit. */
static void chart(struct pdf *p, const struct chart *c)
{
	double head, bar;
	if (c->ncat < 2) {
		chart_piece(p, c);
		return;
	}
	bar_geometry(c, &head, &bar);
	for (size_t from = 0; from < c->ncat;) {
		double room = (BOTTOM - p->y - head - 4) / bar;
		size_t fit = room > 0 ? (size_t)room : 0;
		if (fit < 3 && fit < c->ncat - from && p->y > MARGIN) {
			new_page(p);
			continue;
		}
		if (fit < 1)
			fit = 1;
		struct chart piece;
		chart_slice(c, from, from + fit, &piece);
		chart_piece(p, &piece);
		chart_free(&piece);
		from += fit;
	}
}

/* ---- tables ---- */

/* Width of s in ems as set: ASCII about half, anything else one. */
static double text_ems(const char *s)
{
	double w = 0;
	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		if (*q < 0x80)
			w += 0.55;
		else if ((*q & 0xc0) != 0x80)
			w += 1.0;
	}
	return w;
}

/* Column widths in proportion to their longest text (header words at
 * least two ems, long prose capped so it wraps), to the text width. */
static void column_widths(const struct ar_table *t, double *w)
{
	double total = 0;
	for (int c = 0; c < t->ncols; c++) {
		double n = text_ems(t->cols[c]) / 2;
		for (size_t r = 0; r < t->nrows; r++) {
			double len = text_ems(t->cells[r * (size_t)t->ncols + (size_t)c]);
			n = len > n ? len : n;
		}
		w[c] = n < 2.5 ? 2.5 : n > 24 ? 24 : n;
		total += w[c];
	}
	for (int c = 0; c < t->ncols; c++)
		w[c] = w[c] / total * TEXT_W;
}

static double row_height(struct pdf *p, const char *const *cells, int ncols, const double *w, int header)
{
	double h = 0;
	for (int c = 0; c < ncols; c++) {
		double ch = set_text(p, cells[c], 7.5, header, w[c] - 2 * CELL_PAD);
		h = ch > h ? ch : h;
	}
	return h + 2 * CELL_PAD;
}

static void row(struct pdf *p, const char *const *cells, int ncols, const double *w, int header, double h)
{
	double x = MARGIN;
	for (int c = 0; c < ncols; c++) {
		if (header) {
			cairo_set_source_rgb(p->cr, 0.93, 0.95, 0.97);
			cairo_rectangle(p->cr, x, p->y, w[c], h);
			cairo_fill(p->cr);
		}
		cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, x, p->y, w[c], h);
		cairo_stroke(p->cr);
		set_text(p, cells[c], 7.5, header, w[c] - 2 * CELL_PAD);
		draw_text_at(p, x + CELL_PAD, p->y + CELL_PAD);
		x += w[c];
	}
	p->y += h;
}

/* A table breaks between rows; the header row is repeated on each page. */
static void table(struct pdf *p, const struct ar_table *t)
{
	double *w = xcalloc((size_t)t->ncols, sizeof *w);
	column_widths(t, w);
	const char *const *head = (const char *const *)t->cols;
	double hh = row_height(p, head, t->ncols, w, 1);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *const *cells = (const char *const *)&t->cells[r * (size_t)t->ncols];
		double h = row_height(p, cells, t->ncols, w, 0);
		if (r == 0 || p->y + h > BOTTOM) {
			need(p, hh + h);
			row(p, head, t->ncols, w, 1, hh);
		}
		row(p, cells, t->ncols, w, 0, h);
	}
	p->y += 6;
	free(w);
}

/* The height of a section's heading and lead with its first chart, or a
 * few table rows: what must fit below a heading (capped at a page). */
static double first_block(const struct ar_table *t)
{
	double h = 90;
	if (t->nrows && t->ncharts && t->charts[0].ncat >= 2) {
		double head, bar;
		bar_geometry(&t->charts[0], &head, &bar);
		size_t bars = t->charts[0].ncat < 3 ? t->charts[0].ncat : 3;
		h = 50 + head + bar * (double)bars;
	}
	return h < BOTTOM - MARGIN ? h : BOTTOM - MARGIN;
}

static void section(struct pdf *p, const struct ar_table *t)
{
	need(p, first_block(t)); /* a heading goes on the page of what it heads */
	paragraph(p, t->title, 12, 1, 10, 4);
	if (t->lead)
		paragraph(p, t->lead, 9, 0, 0, 4);
	if (!t->nrows) {
		paragraph(p, t->empty, 9, 0, 0, 4);
		return;
	}
	for (size_t i = 0; i < t->ncharts; i++)
		chart(p, &t->charts[i]);
	table(p, t);
}

int annual_report_pdf(const struct annual_report *r, struct buf *out, struct err *e)
{
	struct pdf p;
	memset(&p, 0, sizeof p);
	p.surface = cairo_pdf_surface_create_for_stream(write_bytes, &p.bytes, PAGE_W, PAGE_H);
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(p.surface);
		return err_set(e, ERR_IO, "PDF を作れません（cairo）");
	}
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, r->title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "mamori");
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE, FIXED_DATE);
	p.cr = cairo_create(p.surface);
	p.layout = pango_cairo_create_layout(p.cr);
	p.page = 1;
	p.y = MARGIN;
	PangoFontDescription *face = pango_font_description_from_string(GOTHIC);
	int no_font = pdf_require_japanese_font(pango_layout_get_context(p.layout), face, e);
	pango_font_description_free(face);
	if (no_font) {
		g_object_unref(p.layout);
		cairo_destroy(p.cr);
		cairo_surface_destroy(p.surface);
		buf_free(&p.bytes);
		return e->code;
	}
	/* allocated, not cut to a fixed buffer: a long name cut mid-character
	 * would hand pango invalid UTF-8 */
	char *title = xasprintf("%s %s", r->municipality, r->title);
	char *sub = xasprintf("情報セキュリティ委員会 報告資料　作成日 %s", r->today);
	paragraph(&p, title, 16, 1, 0, 4);
	paragraph(&p, sub, 9, 0, 0, 8);
	free(title);
	free(sub);
	for (size_t i = 0; i < r->n; i++)
		section(&p, r->v[i]);
	folio(&p);
	g_object_unref(p.layout);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	cairo_status_t st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_free(&p.bytes);
		return err_set(e, ERR_IO, "PDF を書けません（cairo: %s）", cairo_status_to_string(st));
	}
	buf_append(out, p.bytes.data, p.bytes.len);
	buf_free(&p.bytes);
	return 0;
}
