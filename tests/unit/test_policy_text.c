/*
 * test_policy_text.c — the small text rules behind the policy documents:
 * HTML escaping, the municipality named in clause texts (but not other
 * 団体), and clause-by-clause comparison that ignores renumbering.
 */
#include <stdlib.h>
#include <string.h>

#include "core/policy_build.h"
#include "core/policy_diff.h"
#include "util/html.h"

#include "check.h"

static void test_html_escape(void)
{
	struct buf b = BUF_INIT;
	html_escape(&b, "<a href=\"x\">'&'</a>𠮷");
	CHECK(strcmp(buf_str(&b), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;𠮷") == 0);
	buf_reset(&b);
	html_printf(&b, "<p class=\"d%d\">%s</p>%lld%%", 2, "<script>", 10LL);
	CHECK(strcmp(buf_str(&b), "<p class=\"d2\">&lt;script&gt;</p>10%") == 0);
	buf_free(&b);
}

static void test_clause_text(void)
{
	struct profile p = {0};
	char *posts[] = {"", "", "", "副村長", "", "", "", "", "", ""};
	long long params[16] = {0};
	p.self = "本村";
	p.posts = posts;
	p.params = params;
	/* password_min_length, wherever it falls in the key order */
	for (size_t i = 0; i < profile_nparams; i++)
		if (strcmp(profile_params[i].key, "password_min_length") == 0)
			params[i] = 10;
	struct catalog_entry en = {0};
	en.statement = "団体は、他の団体や地方公共団体と協力し、ガイドラインに従う（推奨）。";
	struct buf b = BUF_INIT;
	policy_clause_text(&en, &p, "この対策基準", &b);
	CHECK(strcmp(buf_str(&b), "本村は、他の団体や地方公共団体と協力し、この対策基準に従う。") == 0);
	buf_reset(&b);
	en.policy = "{post:ciso}をCISOとし、{param:password_min_length}文字以上とする。{self}";
	policy_clause_text(&en, &p, "この対策基準", &b);
	CHECK(strcmp(buf_str(&b), "副村長をCISOとし、10文字以上とする。本村") == 0);
	buf_free(&b);
}

static void doc(struct pdoc *d, int renumber)
{
	memset(d, 0, sizeof *d);
	d->title = strdup("t");
	pdoc_add(d, PD_ARTICLE, 0, renumber ? "第2条" : "第1条", "目的", NULL);
	pdoc_add(d, PD_ITEM, 1, "(1)", "同じ", "1.2");
	pdoc_add(d, PD_ITEM, 1, "(2)", renumber ? "新しい" : "古い", "1.10");
	if (!renumber)
		pdoc_add(d, PD_ITEM, 1, "(3)", "消える", "P3");
}

static void test_diff(void)
{
	struct pdoc a, b;
	struct policy_diff d;
	doc(&a, 0);
	doc(&b, 1);
	policy_diff(&a, &b, &d);
	CHECK(d.n == 2);
	if (d.n == 2) {
		/* P clauses first, then 1.2 before 1.10; the renumbered 1.2 is unchanged */
		CHECK(d.v[0].change == CHANGE_REMOVED && strcmp(d.v[0].clause, "P3") == 0);
		CHECK(d.v[1].change == CHANGE_CHANGED && strcmp(d.v[1].clause, "1.10") == 0);
		CHECK(strcmp(d.v[1].where_to, "第2条 (2)") == 0 && strcmp(d.v[1].where_from, "第1条 (2)") == 0);
	}
	policy_diff_free(&d);
	pdoc_free(&a);
	pdoc_free(&b);
}

int main(void)
{
	test_html_escape();
	test_clause_text();
	test_diff();
	return check_report();
}
