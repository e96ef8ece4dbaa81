/*
 * page_policy_diff.c — what changed between two versions, clause by clause
 * (core/policy_diff.h), as a table.  Each row says its kind in words and a
 * sign (＋ 追加, － 削除, ＊ 変更) as well as by colour, so the table reads
 * the same in print and to a screen reader.
 */
#include <string.h>

#include "core/policy_diff.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/policy_page.h"
#include "web/response.h"

static const char *const change_marks[] = {"＋ 追加", "－ 削除", "＊ 変更"};

/* The version a query parameter names, when it exists and u may see it. */
static const struct policy_version *param_version(const struct web_req *rq,
						  const struct policy_versions *l, const char *name)
{
	long long id = policy_version_number(form_get(&rq->query, name));
	const struct policy_version *v = id ? policy_version_by_id(l, id) : NULL;
	return v && policy_version_visible(rq->user, v) ? v : NULL;
}

static void version_select(struct buf *b, const struct policy_versions *l, const char *name,
			   const char *label, const struct policy_version *sel)
{
	html_printf(b, "<label for=\"d-%s\">%s</label><select id=\"d-%s\" name=\"%s\">", name, label,
		    name, name);
	for (size_t i = l->n; i-- > 0;) {
		const struct policy_version *v = &l->v[i];
		html_printf(b, v == sel ? "<option value=\"%lld\" selected>第%lld版（%s）</option>"
					: "<option value=\"%lld\">第%lld版（%s）</option>",
			    v->id, v->id, policy_edition_label(v->edition));
	}
	buf_puts(b, "</select>");
}

static void diff_form(struct buf *b, const struct policy_versions *l, const struct policy_version *a,
		      const struct policy_version *z)
{
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/policy/diff\">");
	version_select(b, l, "a", "旧", a);
	version_select(b, l, "b", "新", z);
	buf_puts(b, "<button type=\"submit\">比較</button></form>\n");
}

static void diff_row(struct buf *b, const struct policy_diff_item *x)
{
	html_printf(b, "<tr class=\"%s\"><td><span class=\"mark\">%s</span></td>"
		       "<td><a href=\"/catalog/%s\">%s</a></td><td>%s</td><td>%s</td>"
		       "<td>%s</td><td>%s</td></tr>\n",
		    policy_change_ids[x->change], change_marks[x->change], x->clause, x->clause,
		    x->where_from ? x->where_from : "—", x->where_to ? x->where_to : "—",
		    x->from ? x->from->text : "", x->to ? x->to->text : "");
}

static void diff_table(struct buf *b, const struct policy_version *a, const struct policy_version *z,
		       const struct policy_diff *d)
{
	size_t count[3] = {0};
	for (size_t i = 0; i < d->n; i++)
		count[d->v[i].change]++;
	html_printf(b, "<p>第%lld版 → 第%lld版: 追加 %zu、削除 %zu、変更 %zu</p>\n", a->id, z->id,
		    count[CHANGE_ADDED], count[CHANGE_REMOVED], count[CHANGE_CHANGED]);
	if (d->n == 0) {
		buf_puts(b, "<p>条項の内容に違いはありません。</p>\n");
		return;
	}
	buf_puts(b, "<table class=\"list diff\">\n<caption>条項ごとの変更</caption>\n<thead><tr>"
		    "<th scope=\"col\">区分</th><th scope=\"col\">条項</th><th scope=\"col\">旧の位置</th>"
		    "<th scope=\"col\">新の位置</th><th scope=\"col\">旧</th><th scope=\"col\">新</th>"
		    "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < d->n; i++)
		diff_row(b, &d->v[i]);
	buf_puts(b, "</tbody></table>\n");
}

/* Compares a with z and writes the result (or an internal error). */
static int compare(struct buf *b, const struct policy_version *a, const struct policy_version *z,
		   struct err *e)
{
	struct pdoc da, dz;
	if (pdoc_from_version(a, &da, e))
		return e->code;
	if (pdoc_from_version(z, &dz, e)) {
		pdoc_free(&da);
		return e->code;
	}
	struct policy_diff d;
	policy_diff(&da, &dz, &d);
	diff_table(b, a, z, &d);
	policy_diff_free(&d);
	pdoc_free(&dz);
	pdoc_free(&da);
	return 0;
}

void page_policy_diff(struct web_req *rq, struct web_resp *rs)
{
	struct policy_versions l;
	struct err e = {0};
	if (policy_versions_load(rq->db, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const struct policy_version *a = param_version(rq, &l, "a"), *z = param_version(rq, &l, "b");
	int asked = form_get(&rq->query, "a") || form_get(&rq->query, "b");
	if (asked && (!a || !z)) {
		web_error(rq, rs, 404, "not_found", "指定された版はありません");
		policy_versions_free(&l);
		return;
	}
	struct buf body = BUF_INIT;
	int rc = a && z ? compare(&body, a, z, &e) : 0;
	if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		page_begin(rq, rs, "ポリシーの比較");
		struct buf *b = &rs->body;
		buf_puts(b, "<p class=\"crumbs\"><a href=\"/policy\">ポリシー</a></p>\n"
			    "<h1>ポリシーの比較</h1>\n");
		if (l.n == 0)
			buf_puts(b, "<p>比較できる版はまだありません。</p>\n");
		else
			diff_form(b, &l, a, z);
		if (body.len)
			buf_append(b, body.data, body.len);
		layout_end(b);
	}
	buf_free(&body);
	policy_versions_free(&l);
}
