/*
 * svg_chart.c — chart data, its layout, and the layout as SVG (svg_chart.h).
 *
 * The layout measures text by counting characters (a full-width character
 * is one em, an ASCII one about 0.6 em): the SVG is drawn by a browser we do
 * not control, so an estimate that errs on the wide side is all one can do,
 * and it keeps the output independent of installed fonts.
 */
#include "util/svg_chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/html.h"

#define WIDTH 640.0
#define FONT 12.0
#define TITLE_FONT 14.0
#define BAR_H 16.0
#define BAR_GAP 8.0
#define PAD 8.0
#define VALUE_W 64.0 /* room right of the longest bar for its figure */

static const char *const palette[] = {"#2f6fb0", "#f0a030", "#c84040", "#8a8a8a", "#4a9a5a", "#8050a0"};
#define NPALETTE (sizeof palette / sizeof palette[0])

void chart_init(struct chart *c, enum chart_kind kind, const char *title, const char *unit,
		const char *const *series, size_t nser)
{
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->title = xstrdup(title ? title : "");
	c->unit = xstrdup(unit ? unit : "");
	c->nser = nser ? nser : 1;
	c->series = xcalloc(c->nser, sizeof *c->series);
	for (size_t i = 0; i < c->nser; i++)
		c->series[i] = xstrdup(series && i < nser && series[i] ? series[i] : "");
}

void chart_add(struct chart *c, const char *label, const double *values)
{
	c->cats = xrealloc(c->cats, (c->ncat + 1) * sizeof *c->cats);
	c->values = xrealloc(c->values, (c->ncat + 1) * c->nser * sizeof *c->values);
	c->cats[c->ncat] = xstrdup(label ? label : "");
	for (size_t s = 0; s < c->nser; s++)
		c->values[c->ncat * c->nser + s] = values[s] > 0 ? values[s] : 0;
	c->ncat++;
}

void chart_slice(const struct chart *c, size_t from, size_t to, struct chart *out)
{
	chart_init(out, c->kind, c->title, c->unit, (const char *const *)c->series, c->nser);
	out->max = chart_max(c);
	for (size_t i = from; i < to && i < c->ncat; i++)
		chart_add(out, c->cats[i], &c->values[i * c->nser]);
}

void chart_free(struct chart *c)
{
	for (size_t i = 0; i < c->ncat; i++)
		free(c->cats[i]);
	for (size_t i = 0; i < c->nser; i++)
		free(c->series[i]);
	free(c->cats);
	free(c->series);
	free(c->values);
	free(c->title);
	free(c->unit);
	memset(c, 0, sizeof *c);
}

const char *chart_color(int color)
{
	if (color == CHART_INK)
		return "#222222";
	if (color == CHART_RULE)
		return "#999999";
	return palette[(size_t)(color < 0 ? 0 : color) % NPALETTE];
}

void chart_rgb(int color, double rgb[3])
{
	const char *hex = chart_color(color) + 1;
	for (int i = 0; i < 3; i++) {
		char two[3] = {hex[2 * i], hex[2 * i + 1], 0};
		rgb[i] = (double)strtol(two, NULL, 16) / 255.0;
	}
}

/* Width of s in ems: ASCII 0.6, anything else (kana, kanji, full-width) 1. */
static double text_ems(const char *s)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			w += 0.6;
		else if ((*p & 0xc0) != 0x80)
			w += 1.0;
	}
	return w;
}

static struct chart_shape *shape(struct chart_layout *l, enum chart_shape_kind kind, double x, double y,
				 int color)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	struct chart_shape *s = &l->v[l->n++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->x = x;
	s->y = y;
	s->color = color;
	s->size = FONT;
	return s;
}

static void rect(struct chart_layout *l, double x, double y, double w, double h, int color)
{
	struct chart_shape *s = shape(l, SHAPE_RECT, x, y, color);
	s->w = w;
	s->h = h;
}

static void text(struct chart_layout *l, double x, double y, const char *t, enum chart_anchor a, double size,
		 int bold)
{
	struct chart_shape *s = shape(l, SHAPE_TEXT, x, y, CHART_INK);
	s->text = xstrdup(t);
	s->anchor = a;
	s->size = size;
	s->bold = bold;
}

static double total_of(const struct chart *c, size_t cat)
{
	double t = 0;
	for (size_t s = 0; s < c->nser; s++)
		t += c->values[cat * c->nser + s];
	return t;
}

/* A figure as the chart prints it: "85.0%" or "12件". */
static void figure(const struct chart *c, double v, char out[48])
{
	if (strcmp(c->unit, "%") == 0)
		snprintf(out, 48, "%.1f%%", v);
	else
		snprintf(out, 48, "%.0f%s", v, c->unit);
}

double chart_max(const struct chart *c)
{
	if (c->max > 0)
		return c->max;
	if (strcmp(c->unit, "%") == 0)
		return 100.0;
	double max = 0;
	for (size_t i = 0; i < c->ncat; i++)
		if (total_of(c, i) > max)
			max = total_of(c, i);
	return max > 0 ? max : 1.0;
}

/* The legend of a stacked chart: a swatch and the series name, in a row. */
static double legend(const struct chart *c, struct chart_layout *l, double y)
{
	double x = PAD;
	for (size_t s = 0; s < c->nser; s++) {
		rect(l, x, y - FONT + 2, FONT - 2, FONT - 2, (int)s);
		text(l, x + FONT + 2, y, c->series[s], ANCHOR_START, FONT, 0);
		x += FONT + 2 + text_ems(c->series[s]) * FONT + 2 * PAD;
	}
	return y + BAR_GAP + 4;
}

void chart_layout(const struct chart *c, struct chart_layout *l)
{
	memset(l, 0, sizeof *l);
	double label_w = 0;
	for (size_t i = 0; i < c->ncat; i++)
		if (text_ems(c->cats[i]) * FONT > label_w)
			label_w = text_ems(c->cats[i]) * FONT;
	label_w = label_w < 48 ? 48 : label_w > 220 ? 220 : label_w;
	double y = PAD + TITLE_FONT;
	text(l, PAD, y, c->title, ANCHOR_START, TITLE_FONT, 1);
	y += BAR_GAP + FONT;
	if (c->kind == CHART_STACKED)
		y = legend(c, l, y);
	double x0 = PAD + label_w + PAD, bar_w = WIDTH - x0 - VALUE_W - PAD, max = chart_max(c);
	double top = y;
	for (size_t i = 0; i < c->ncat; i++) {
		double x = x0;
		text(l, x0 - PAD / 2, y + BAR_H - 4, c->cats[i], ANCHOR_END, FONT, 0);
		for (size_t s = 0; s < c->nser; s++) {
			double w = c->values[i * c->nser + s] / max * bar_w;
			if (w > 0)
				rect(l, x, y, w, BAR_H, c->kind == CHART_HBAR ? 0 : (int)s);
			x += w;
		}
		char fig[48];
		figure(c, total_of(c, i), fig);
		text(l, x + 4, y + BAR_H - 4, fig, ANCHOR_START, FONT, 0);
		y += BAR_H + BAR_GAP;
	}
	rect(l, x0, top - BAR_GAP / 2, 1, (y - top), CHART_RULE); /* the axis */
	l->width = WIDTH;
	l->height = y + PAD;
}

void chart_layout_free(struct chart_layout *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void svg_chart_write(const struct chart *c, struct buf *out)
{
	static const char *const anchors[] = {"start", "middle", "end"};
	struct chart_layout l;
	chart_layout(c, &l);
	buf_printf(out,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%.0f\" height=\"%.0f\""
		   " viewBox=\"0 0 %.0f %.0f\" role=\"img\" font-family=\"sans-serif\">",
		   l.width, l.height, l.width, l.height);
	html_printf(out, "<title>%s</title>", c->title);
	for (size_t i = 0; i < l.n; i++) {
		const struct chart_shape *s = &l.v[i];
		if (s->kind == SHAPE_RECT) {
			buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
				   s->x, s->y, s->w, s->h, chart_color(s->color));
			continue;
		}
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\" fill=\"%s\"%s>", s->x,
			   s->y, s->size, anchors[s->anchor], chart_color(s->color),
			   s->bold ? " font-weight=\"bold\"" : "");
		html_escape(out, s->text);
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</svg>");
	chart_layout_free(&l);
}
