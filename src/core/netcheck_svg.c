/*
 * netcheck_svg.c — the zones of a network model and what reaches what, as
 * one SVG picture (netcheck_svg in netcheck.h).
 *
 * Layout: one column per 領域 (マイナンバー利用事務系, LGWAN接続系,
 * インターネット接続系, DMZ, その他; the last two only when the model has such
 * zones) and a last column of external peers;
 * each zone or peer is a labelled box in its column.  Arrows show zone-to-
 * zone reachability (solid: direct; dashed: only through a 無害化装置 or
 * 画面転送装置) and the peers each zone reaches; violations are red arrows
 * and red numbered marks whose numbers are the violation's position in the
 * result (1-based), as in the violations table of the web page.
 *
 * The web's CSP forbids style attributes, so appearance is given by class
 * names (the web stylesheet) with SVG presentation attributes as defaults,
 * so that a downloaded picture also looks right on its own.  Text is
 * escaped by html_escape, which is valid for XML too.  Output depends on the
 * model and result only: the same input gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/netcheck.h"
#include "util/html.h"

#define NCOLS 6          /* five 領域 and the external peers */
#define COL_W 200
#define COL_GAP 60
#define BOX_W 170
#define BOX_H 46
#define BOX_GAP 24
#define HEAD_H 40
#define MARGIN 20
#define LEGEND_H 60
#define LANE_GAP 5       /* between arrows that share the channel */
#define LANES 12         /* channel lanes before they are reused */

static const char *const column_titles[NCOLS] = {
	"マイナンバー利用事務系", "LGWAN接続系", "インターネット接続系", "DMZ", "その他", "外部",
};
static const char *const column_classes[NCOLS] = {
	"net-area-mynumber", "net-area-lgwan", "net-area-internet", "net-area-dmz", "net-area-other",
	"net-area-external",
};
static const char *const column_fills[NCOLS] = {
	"#fde8e8", "#e8f0fd", "#fdf5e0", "#eef7ea", "#f0f0f0", "#f5f0fa",
};

/* Where a box is: column and row within it. */
struct slot {
	int col, row;
};

struct layout {
	size_t nzones, npeers;
	struct slot *zone, *peer;
	int rows[NCOLS];
	int shown[NCOLS]; /* a column's position left to right, or -1 when hidden */
	int ncols;        /* columns shown */
	int width;
	int channel_y; /* below every box: long arrows run here */
	int next_lane;
	int height;
};

static int area_column(enum net_area a)
{
	switch (a) {
	case AREA_MYNUMBER: return 0;
	case AREA_LGWAN: return 1;
	case AREA_INTERNET: return 2;
	case AREA_DMZ: return 3;
	default: return 4;
	}
}

static void layout_make(const struct netmodel *m, struct layout *l)
{
	memset(l, 0, sizeof *l);
	l->nzones = m->nzones;
	l->npeers = m->npeers;
	l->zone = xcalloc(m->nzones ? m->nzones : 1, sizeof *l->zone);
	l->peer = xcalloc(m->npeers ? m->npeers : 1, sizeof *l->peer);
	for (size_t i = 0; i < m->nzones; i++) {
		int c = area_column(m->zones[i].area);
		l->zone[i] = (struct slot){c, l->rows[c]++};
	}
	for (size_t i = 0; i < m->npeers; i++)
		l->peer[i] = (struct slot){NCOLS - 1, l->rows[NCOLS - 1]++};
	/* the three zones of the model and the outside are always drawn; DMZ and
	   その他 only when the model has such zones */
	for (int c = 0; c < NCOLS; c++)
		l->shown[c] = c <= 2 || c == NCOLS - 1 || l->rows[c] ? l->ncols++ : -1;
	for (size_t i = 0; i < m->nzones; i++)
		l->zone[i].col = l->shown[l->zone[i].col];
	for (size_t i = 0; i < m->npeers; i++)
		l->peer[i].col = l->shown[l->peer[i].col];
	l->width = 2 * MARGIN + l->ncols * COL_W + (l->ncols - 1) * COL_GAP;
	int most = 1;
	for (int c = 0; c < NCOLS; c++)
		if (l->rows[c] > most)
			most = l->rows[c];
	l->channel_y = MARGIN + HEAD_H + most * (BOX_H + BOX_GAP);
	l->height = l->channel_y + LANES * LANE_GAP + 2 * MARGIN + LEGEND_H;
}

static void layout_free(struct layout *l)
{
	free(l->zone);
	free(l->peer);
}

static int col_x(int col) { return MARGIN + col * (COL_W + COL_GAP); }
static int box_x(struct slot s) { return col_x(s.col) + (COL_W - BOX_W) / 2; }
static int box_y(struct slot s) { return MARGIN + HEAD_H + s.row * (BOX_H + BOX_GAP); }


static void defs(struct buf *b)
{
	buf_puts(b, "<defs>"
		    "<marker id=\"net-arrow\" class=\"net-arrowhead\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
		    " markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto\">"
		    "<path d=\"M0,0L10,5L0,10z\" fill=\"#555\"/></marker>"
		    "<marker id=\"net-arrow-bad\" class=\"net-arrowhead-bad\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
		    " markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto\">"
		    "<path d=\"M0,0L10,5L0,10z\" fill=\"#c62828\"/></marker>"
		    "</defs>\n");
}

static void columns(struct buf *b, const struct layout *l)
{
	int h = l->height - 2 * MARGIN - LEGEND_H;
	for (int c = 0; c < NCOLS; c++) {
		if (l->shown[c] < 0)
			continue;
		buf_printf(b, "<g class=\"net-area %s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\""
			      " fill=\"%s\" stroke=\"#bbb\"/>",
			   column_classes[c], col_x(l->shown[c]), MARGIN, COL_W, h, column_fills[c]);
		html_printf(b, "<text class=\"net-area-title\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\""
			       " font-weight=\"bold\">%s</text></g>\n",
			    col_x(l->shown[c]) + COL_W / 2, MARGIN + 24, column_titles[c]);
	}
}

/* Whether a name of a violation's end is this zone (or a place inside it). */
static int names_zone(const struct netmodel *m, const char *name, size_t z)
{
	if (!name || !*name)
		return 0;
	if (strcmp(m->zones[z].id, name) == 0 || (m->zones[z].name && strcmp(m->zones[z].name, name) == 0))
		return 1;
	for (size_t s = 0; s < m->nsegments; s++)
		if (m->segments[s].zone == z && strcmp(m->segments[s].id, name) == 0)
			return 1;
	for (size_t h = 0; h < m->nhosts; h++)
		if (m->hosts[h].segment < m->nsegments && m->segments[m->hosts[h].segment].zone == z &&
		    strcmp(m->hosts[h].name, name) == 0)
			return 1;
	return 0;
}

static int names_peer(const struct netmodel *m, const char *name, size_t p)
{
	return name && *name &&
	       (strcmp(m->peers[p].id, name) == 0 || (m->peers[p].name && strcmp(m->peers[p].name, name) == 0));
}

/* The box a violation end names: zone index, or nzones + peer index, or -1. */
static long place_box(const struct netmodel *m, const char *name)
{
	for (size_t z = 0; z < m->nzones; z++)
		if (names_zone(m, name, z))
			return (long)z;
	for (size_t p = 0; p < m->npeers; p++)
		if (names_peer(m, name, p))
			return (long)(m->nzones + p);
	return -1;
}

static struct slot box_slot(const struct layout *l, long box)
{
	return (size_t)box < l->nzones ? l->zone[box] : l->peer[(size_t)box - l->nzones];
}

/* The violation numbers (1-based) touching a box, as "1,3". */
static void marks_of(const struct netmodel *m, const struct netcheck_result *r, long box, struct buf *out)
{
	for (size_t i = 0; i < r->nviolations; i++)
		if (place_box(m, r->violations[i].from) == box || place_box(m, r->violations[i].to) == box)
			buf_printf(out, "%s%zu", out->len ? "," : "", i + 1);
}

static void box(struct buf *b, const struct netmodel *m, const struct netcheck_result *r,
		const struct layout *l, long index, const char *cls, const char *name, const char *sub)
{
	struct slot s = box_slot(l, index);
	struct buf marks = BUF_INIT;
	marks_of(m, r, index, &marks);
	int x = box_x(s), y = box_y(s);
	buf_printf(b, "<g class=\"net-box %s%s\"><rect class=\"net-box-frame\" x=\"%d\" y=\"%d\" width=\"%d\""
		      " height=\"%d\" rx=\"4\""
		      " fill=\"#fff\" stroke=\"%s\" stroke-width=\"%s\"/>",
		   cls, marks.len ? " net-bad" : "", x, y, BOX_W, BOX_H, marks.len ? "#c62828" : "#666",
		   marks.len ? "2.5" : "1");
	html_printf(b, "<text class=\"net-box-name\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%s</text>",
		    x + BOX_W / 2, y + 19, name);
	html_printf(b, "<text class=\"net-box-id\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\""
		       " fill=\"#666\">%s</text>",
		    x + BOX_W / 2, y + 36, sub);
	if (marks.len) {
		int w = 10 + 6 * (int)(marks.len < 40 ? marks.len : 40);
		buf_printf(b, "<rect class=\"net-mark\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" rx=\"8\" fill=\"#c62828\"/>",
			   x + BOX_W - w + 6, y - 8, w);
		html_printf(b, "<text class=\"net-mark-text\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\""
			       " fill=\"#fff\" font-weight=\"bold\">%s</text>",
			    x + BOX_W - w / 2 + 6, y + 4, buf_str(&marks));
	}
	buf_puts(b, "</g>\n");
	buf_free(&marks);
}

/*
 * An arrow from box a to box b, shifted by lane pixels so that a→b and b→a
 * do not overlap.  Within one column it bends round the right edges; to
 * the next column it is a straight line between the facing edges; further
 * it dips into the channel below every box, so that it crosses no box of
 * the columns between.
 */
static void arrow(struct buf *b, struct layout *l, struct slot a, struct slot to, int lane,
		  const char *cls, const char *extra, const char *title)
{
	int ay = box_y(a) + BOX_H / 2 + lane, by = box_y(to) + BOX_H / 2 + lane;
	int right = a.col <= to.col;
	int ax = right ? box_x(a) + BOX_W : box_x(a);
	int bx = right ? box_x(to) : box_x(to) + BOX_W;
	int span = a.col > to.col ? a.col - to.col : to.col - a.col;
	if (span == 0) {
		bx = box_x(to) + BOX_W;
		int bend = ax + 22 + (lane > 0 ? lane : -lane);
		buf_printf(b, "<path class=\"%s\" d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\"%s>", cls, ax, ay,
			   bend, ay, bend, by, bx, by, extra);
	} else if (span == 1) {
		buf_printf(b, "<path class=\"%s\" d=\"M%d,%d L%d,%d\" fill=\"none\"%s>", cls, ax, ay, bx, by, extra);
	} else {
		int y = l->channel_y + MARGIN / 2 + (l->next_lane++ % LANES) * LANE_GAP;
		int gap = right ? COL_GAP / 2 : -COL_GAP / 2;
		buf_printf(b, "<path class=\"%s\" d=\"M%d,%d L%d,%d L%d,%d L%d,%d L%d,%d L%d,%d\" fill=\"none\"%s>",
			   cls, ax, ay, ax + gap, ay, ax + gap, y, bx - gap, y, bx - gap, by, bx, by, extra);
	}
	html_printf(b, "<title>%s</title></path>\n", title);
}

static const char *zone_name(const struct netmodel *m, size_t z)
{
	return m->zones[z].name ? m->zones[z].name : m->zones[z].id;
}

static const char *peer_name(const struct netmodel *m, size_t p)
{
	return m->peers[p].name ? m->peers[p].name : m->peers[p].id;
}

static void reach_arrows(struct buf *b, const struct netmodel *m, const struct netcheck_result *r,
			 struct layout *l)
{
	for (size_t i = 0; i < r->nreach; i++) {
		const struct net_reach *x = &r->reach[i];
		if (x->from_zone >= m->nzones || x->to_zone >= m->nzones || x->from_zone == x->to_zone)
			continue;
		int via = !x->direct && x->via_sanitizer;
		struct buf t = BUF_INIT;
		buf_printf(&t, "%s → %s（%s）%s%s", zone_name(m, x->from_zone), zone_name(m, x->to_zone),
			   via ? "無害化・画面転送経由" : "直接", x->example ? ": " : "", x->example ? x->example : "");
		arrow(b, l, l->zone[x->from_zone], l->zone[x->to_zone], x->from_zone < x->to_zone ? -5 : 5,
		      via ? "net-reach net-via" : "net-reach net-direct",
		      via ? " stroke=\"#2e7d32\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" marker-end=\"url(#net-arrow)\""
			  : " stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#net-arrow)\"",
		      buf_str(&t));
		buf_free(&t);
	}
	for (size_t z = 0; r->reach_peer && z < m->nzones; z++)
		for (size_t p = 0; p < m->npeers; p++)
			if (r->reach_peer[z * m->npeers + p]) {
				struct buf t = BUF_INIT;
				buf_printf(&t, "%s → %s", zone_name(m, z), peer_name(m, p));
				arrow(b, l, l->zone[z], l->peer[p], 0, "net-reach net-peer",
				      " stroke=\"#8a8a8a\" stroke-width=\"1\" marker-end=\"url(#net-arrow)\"", buf_str(&t));
				buf_free(&t);
			}
}

static void violation_arrows(struct buf *b, const struct netmodel *m, const struct netcheck_result *r,
			     struct layout *l)
{
	for (size_t i = 0; i < r->nviolations; i++) {
		const struct net_violation *v = &r->violations[i];
		long from = place_box(m, v->from), to = place_box(m, v->to);
		if (from < 0 || to < 0 || from == to)
			continue;
		struct buf t = BUF_INIT;
		buf_printf(&t, "違反 %zu（%s）: %s", i + 1, v->control, v->message);
		arrow(b, l, box_slot(l, from), box_slot(l, to), 9, "net-violation",
		      " stroke=\"#c62828\" stroke-width=\"2.5\" marker-end=\"url(#net-arrow-bad)\"", buf_str(&t));
		buf_free(&t);
	}
}

static void legend(struct buf *b, const struct layout *l)
{
	int y = l->height - LEGEND_H + 20;
	int x = MARGIN;
	buf_printf(b, "<g class=\"net-legend\" font-size=\"11\">"
		      "<line class=\"net-reach net-direct\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\""
		      " stroke-width=\"1.5\" marker-end=\"url(#net-arrow)\"/><text x=\"%d\" y=\"%d\">直接到達できる</text>",
		   x, y, x + 40, y, x + 48, y + 4);
	x += 180;
	buf_printf(b, "<line class=\"net-reach net-via\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#2e7d32\""
		      " stroke-width=\"1.5\" stroke-dasharray=\"6 4\" marker-end=\"url(#net-arrow)\"/>"
		      "<text x=\"%d\" y=\"%d\">無害化・画面転送を経由して到達</text>",
		   x, y, x + 40, y, x + 48, y + 4);
	x += 260;
	buf_printf(b, "<line class=\"net-violation\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c62828\""
		      " stroke-width=\"2.5\" marker-end=\"url(#net-arrow-bad)\"/>"
		      "<text x=\"%d\" y=\"%d\">違反（番号は違反一覧の番号）</text></g>\n",
		   x, y, x + 40, y, x + 48, y + 4);
}

/* Violations that name no zone or peer (the model as a whole, a β external
   check): listed under the legend so that every number is somewhere. */
static void unplaced(struct buf *b, const struct netmodel *m, const struct netcheck_result *r,
		     const struct layout *l)
{
	struct buf nums = BUF_INIT;
	for (size_t i = 0; i < r->nviolations; i++)
		if (place_box(m, r->violations[i].from) < 0 && place_box(m, r->violations[i].to) < 0)
			buf_printf(&nums, "%s%zu", nums.len ? "、" : "", i + 1);
	if (nums.len)
		html_printf(b, "<text class=\"net-unplaced\" x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#c62828\">"
			       "構成全体についての違反: %s</text>\n",
			    MARGIN, l->height - LEGEND_H + 46, buf_str(&nums));
	buf_free(&nums);
}

void netcheck_svg(const struct netmodel *m, const struct netcheck_result *r, struct buf *out)
{
	struct layout l;
	layout_make(m, &l);
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"netmap\" viewBox=\"0 0 %d %d\" width=\"%d\""
			" height=\"%d\" role=\"img\" font-family=\"sans-serif\">",
		   l.width, l.height, l.width, l.height);
	html_printf(out, "<title>ネットワーク構成図（%s）</title>\n", m->municipality ? m->municipality : "");
	defs(out);
	columns(out, &l);
	reach_arrows(out, m, r, &l);
	for (size_t z = 0; z < m->nzones; z++)
		box(out, m, r, &l, (long)z, "net-zone", zone_name(m, z), m->zones[z].id);
	for (size_t p = 0; p < m->npeers; p++)
		box(out, m, r, &l, (long)(m->nzones + p), "net-peer-box", peer_name(m, p),
		    net_peer_label(m->peers[p].kind));
	violation_arrows(out, m, r, &l);
	legend(out, &l);
	unplaced(out, m, r, &l);
	buf_puts(out, "</svg>\n");
	layout_free(&l);
}
