/*
 * svg_chart.h — the charts of mamori's reports, drawn by mamori itself.
 *
 * A chart is data (categories, series, values); chart_layout turns it into
 * a list of rectangles and texts at fixed coordinates, and the writers only
 * paint that list: svg_chart_write as SVG for HTML documents, and the PDF
 * writers with cairo (core/annual_report_pdf.c).  One layout, so the HTML
 * and the PDF show the same picture.
 *
 * Two kinds: a horizontal bar chart (one series) and a horizontal stacked
 * bar chart (several series, with a legend).  Labels may be any UTF-8 text
 * (Japanese); every text is escaped in the SVG.  The output is a pure
 * function of the chart: no clock, no randomness, numbers printed with a
 * fixed format, so the same data gives the same bytes.
 */
#ifndef MAMORI_SVG_CHART_H
#define MAMORI_SVG_CHART_H

#include <stddef.h>

#include "util/buf.h"

enum chart_kind { CHART_HBAR, CHART_STACKED };

struct chart {
	enum chart_kind kind;
	char *title;
	char *unit;       /* "%" (scale fixed at 100) or a counter such as "件" */
	size_t ncat;      /* categories: one bar each, top to bottom */
	char **cats;
	size_t nser;      /* series: 1 for CHART_HBAR */
	char **series;
	double *values;   /* ncat * nser, by category then series; negative = 0 */
	double max;       /* the scale's end; 0 = 100 for "%", else the largest bar */
};

/* Starts an empty chart (copies the strings); add categories with chart_add. */
void chart_init(struct chart *c, enum chart_kind kind, const char *title, const char *unit,
		const char *const *series, size_t nser);
/* Adds a category with nser values. */
void chart_add(struct chart *c, const char *label, const double *values);
void chart_free(struct chart *c);
/* The scale's end as the layout uses it. */
double chart_max(const struct chart *c);
/* A chart of categories [from, to) of c on c's scale (for a chart too
 * long for one page); free with chart_free. */
void chart_slice(const struct chart *c, size_t from, size_t to, struct chart *out);

enum chart_shape_kind { SHAPE_RECT, SHAPE_TEXT };
enum chart_anchor { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END };

/* Colours: a series index (0…) or one of these. */
#define CHART_INK (-1)  /* text */
#define CHART_RULE (-2) /* axis and frame */

struct chart_shape {
	enum chart_shape_kind kind;
	double x, y, w, h;      /* rect: top-left and size; text: anchor point on the baseline */
	int color;
	char *text;             /* SHAPE_TEXT */
	double size;            /* font size in px (= pt in the PDF) */
	enum chart_anchor anchor;
	int bold;
};

struct chart_layout {
	double width, height;
	size_t n;
	struct chart_shape *v;
};

void chart_layout(const struct chart *c, struct chart_layout *out);
void chart_layout_free(struct chart_layout *l);
/* "#RRGGBB" of a colour index. */
const char *chart_color(int color);
/* The red, green and blue of a colour, 0…1 (for cairo). */
void chart_rgb(int color, double rgb[3]);

/* Appends the chart as one <svg> element (no XML declaration), with a
 * <title> for screen readers. */
void svg_chart_write(const struct chart *c, struct buf *out);

#endif
