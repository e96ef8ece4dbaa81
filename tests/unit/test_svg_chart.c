/*
 * test_svg_chart.c — the report charts (util/svg_chart.h): the layout's
 * bars are in proportion on one scale, labels and titles are escaped, the
 * output is the same bytes every time, and a slice keeps the whole chart's
 * scale.
 */
#include <string.h>

#include "util/buf.h"
#include "util/svg_chart.h"

#include "check.h"

/* The width of the n-th rectangle of the series colour `color`. */
static double bar_width(const struct chart_layout *l, int color, int n)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == SHAPE_RECT && l->v[i].color == color && l->v[i].h > 10 && n-- == 0)
			return l->v[i].w;
	return -1;
}

static void test_hbar(void)
{
	static const char *const one[] = {"受講率"};
	struct chart c;
	chart_init(&c, CHART_HBAR, "課別の<受講率>", "%", one, 1);
	double v[] = {100, 50, 0};
	chart_add(&c, "総務課", &v[0]);
	chart_add(&c, "<i>監査課</i> & 係", &v[1]);
	chart_add(&c, "税務課", &v[2]);
	struct chart_layout l;
	chart_layout(&c, &l);
	double full = bar_width(&l, 0, 0), half = bar_width(&l, 0, 1);
	CHECK(full > 0 && half > 0);
	CHECK(half * 2 > full - 0.01 && half * 2 < full + 0.01);
	CHECK(bar_width(&l, 0, 2) < 0); /* a zero bar draws nothing */
	chart_layout_free(&l);

	struct buf a = BUF_INIT, b = BUF_INIT;
	svg_chart_write(&c, &a);
	svg_chart_write(&c, &b);
	CHECK(strcmp(buf_str(&a), buf_str(&b)) == 0);
	CHECK(strncmp(buf_str(&a), "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	CHECK(strstr(buf_str(&a), "<title>課別の&lt;受講率&gt;</title>") != NULL);
	CHECK(strstr(buf_str(&a), "&lt;i&gt;監査課&lt;/i&gt; &amp; 係</text>") != NULL);
	CHECK(strstr(buf_str(&a), "<i>") == NULL);
	CHECK(strstr(buf_str(&a), ">100.0%</text>") != NULL);
	CHECK(strstr(buf_str(&a), ">50.0%</text>") != NULL);
	buf_free(&a);
	buf_free(&b);
	chart_free(&c);
}

static void test_stacked_and_slice(void)
{
	static const char *const sev[] = {"高", "中", "低"};
	struct chart c, s;
	chart_init(&c, CHART_STACKED, "区分・重大度別", "件", sev, 3);
	double a[] = {2, 1, 1}, b[] = {0, 0, 1}, n[] = {-5, 0, 0};
	chart_add(&c, "紛失・盗難", a);
	chart_add(&c, "誤送信", b);
	chart_add(&c, "不正アクセス", n); /* negative counts as 0 */
	CHECK(chart_max(&c) == 4);
	struct buf out = BUF_INIT;
	svg_chart_write(&c, &out);
	CHECK(strstr(buf_str(&out), ">4件</text>") != NULL);
	CHECK(strstr(buf_str(&out), ">0件</text>") != NULL);
	CHECK(strstr(buf_str(&out), ">中</text>") != NULL); /* the legend */
	buf_free(&out);

	struct chart_layout whole, part;
	chart_layout(&c, &whole);
	chart_slice(&c, 1, 3, &s);
	CHECK(s.ncat == 2 && strcmp(s.cats[0], "誤送信") == 0);
	CHECK(chart_max(&s) == 4); /* the whole chart's scale, not the slice's */
	chart_layout(&s, &part);
	/* 誤送信's 低 bar is as long in the slice as in the whole chart */
	CHECK(bar_width(&whole, 2, 1) > 0 && bar_width(&whole, 2, 1) == bar_width(&part, 2, 0));
	chart_layout_free(&whole);
	chart_layout_free(&part);
	chart_free(&s);
	chart_free(&c);
}

int main(void)
{
	test_hbar();
	test_stacked_and_slice();
	return check_report();
}
