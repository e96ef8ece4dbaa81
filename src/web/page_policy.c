/*
 * page_policy.c — ポリシー: the list of kept versions of the policy
 * documents (sortable, CSV export) and rendering a new version from the
 * current profile.
 *
 * Who sees what is decided in policy_page.h: everyone signed in sees the
 * approved versions; the organisation-wide roles and the audit lead also
 * the ones waiting for 決裁.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/layout.h"
#include "web/listui.h"
#include "web/pages.h"
#include "web/policy_page.h"
#include "web/response.h"
#include "web/url.h"

struct list_query {
	const char *sort; /* no, edition, rendered, by, profile, approved */
	int desc;
};

static const char *const sort_ids[] = {"no", "edition", "rendered", "by", "profile", "approved"};
static const char *const sort_labels[] = {"番号", "版", "作成日時", "作成者", "プロファイル版",
					  "決裁"};
#define NSORTS (sizeof sort_ids / sizeof sort_ids[0])

static void list_query_from(const struct web_req *rq, struct list_query *q)
{
	const char *s = form_get(&rq->query, "sort");
	const char *d = form_get(&rq->query, "dir");
	q->sort = "no";
	for (size_t i = 0; s && i < NSORTS; i++)
		if (strcmp(s, sort_ids[i]) == 0)
			q->sort = sort_ids[i];
	/* newest first unless asked otherwise: the latest version is the one wanted */
	q->desc = !(d && strcmp(d, "asc") == 0);
}

static int text_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int num_cmp(long long a, long long b)
{
	return (a > b) - (a < b);
}

static int version_cmp(const char *sort, const struct policy_version *a,
		       const struct policy_version *b)
{
	int r = 0;
	if (strcmp(sort, "edition") == 0)
		r = text_cmp(a->edition, b->edition);
	else if (strcmp(sort, "rendered") == 0)
		r = text_cmp(a->rendered_at, b->rendered_at);
	else if (strcmp(sort, "by") == 0)
		r = text_cmp(a->rendered_by, b->rendered_by);
	else if (strcmp(sort, "profile") == 0)
		r = num_cmp(a->profile_version, b->profile_version);
	else if (strcmp(sort, "approved") == 0)
		r = text_cmp(a->approved_at, b->approved_at);
	return r ? r : num_cmp(a->id, b->id);
}

/* The versions u may see, in the query's order (caller frees the array). */
static const struct policy_version **select_versions(const struct web_user *u,
						     const struct policy_versions *l,
						     const struct list_query *q, size_t *n)
{
	const struct policy_version **out = xmalloc((l->n + 1) * sizeof *out);
	*n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct policy_version *v = &l->v[i];
		if (!policy_version_visible(u, v))
			continue;
		size_t j = (*n)++;
		/* insertion sort: a municipality keeps tens of versions, not thousands */
		while (j > 0) {
			int c = version_cmp(q->sort, v, out[j - 1]);
			if (q->desc ? c <= 0 : c >= 0)
				break;
			out[j] = out[j - 1];
			j--;
		}
		out[j] = v;
	}
	return out;
}

static void list_csv(struct web_req *rq, struct web_resp *rs, const struct policy_version **v,
		     size_t n)
{
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	rs->disposition = xstrdup("attachment; filename=\"policy-versions.csv\"");
	struct buf *b = &rs->body;
	/* the BOM tells Excel the bytes are UTF-8; buf_csv_field guards formulas */
	buf_puts(b, "\xEF\xBB\xBF番号,版,題名,作成日時,作成者,プロファイル版,決裁者,決裁日時,SHA-256\r\n");
	for (size_t i = 0; i < n; i++) {
		char id[24], prof[24];
		struct err e = {0};
		char *approver = v[i]->approved_by ? staff_name_of(rq->db, v[i]->approved_by, &e) : NULL;
		fmt_int(v[i]->id, id);
		fmt_int(v[i]->profile_version, prof);
		buf_csv_field(b, id, 0);
		buf_csv_field(b, policy_edition_label(v[i]->edition), 0);
		buf_csv_field(b, v[i]->title, 0);
		buf_csv_field(b, v[i]->rendered_at, 0);
		buf_csv_field(b, v[i]->rendered_by, 0);
		buf_csv_field(b, prof, 0);
		buf_csv_field(b, approver ? approver : "", 0);
		buf_csv_field(b, v[i]->approved_at ? v[i]->approved_at : "", 0);
		buf_csv_field(b, v[i]->content_hash, 1);
		free(approver);
	}
}

static void sort_url(struct buf *b, const char *sort, int desc, int csv)
{
	buf_puts(b, "/policy");
	url_param(b, "sort", sort);
	url_param(b, "dir", desc ? "desc" : "asc");
	if (csv)
		url_param(b, "format", "csv");
}

static void header_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	(void)ctx, (void)offset; /* every version on one page */
	sort_url(u, sort_ids[col], desc, 0);
}

/* Sortable headers, and the hash, which is not a sort key. */
static void list_header(struct buf *b, const struct list_query *q)
{
	const char *labels[NSORTS + 1];
	int sortable[NSORTS + 1];
	struct listui_sort s = {header_url, q, -1, q->desc};
	for (size_t i = 0; i < NSORTS; i++) {
		labels[i] = sort_labels[i];
		sortable[i] = 1;
		if (strcmp(q->sort, sort_ids[i]) == 0)
			s.current = (int)i;
	}
	labels[NSORTS] = "SHA-256";
	sortable[NSORTS] = 0;
	listui_header(b, &s, labels, sortable, NSORTS + 1);
}

static void list_row(struct buf *b, struct db *db, const struct policy_version *v)
{
	char when[20];
	policy_time_text(v->rendered_at, when);
	html_printf(b, "<tr><td class=\"num\"><a href=\"/policy/%lld\">第%lld版</a></td>"
		       "<td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%lld</td><td>",
		    v->id, v->id, policy_edition_label(v->edition), when, v->rendered_by,
		    v->profile_version);
	policy_approval_html(b, db, v);
	/* 12 hex digits tell versions apart; the full hash is on the version's page */
	char hash[13];
	snprintf(hash, sizeof hash, "%s", v->content_hash ? v->content_hash : "");
	html_printf(b, "</td><td><code title=\"%s\">%s</code></td></tr>\n", v->content_hash, hash);
}

static void render_form(struct buf *b, const struct web_req *rq)
{
	buf_puts(b, "<h2>新しい版の作成</h2>\n<form class=\"filters\" method=\"post\""
		    " action=\"/policy/render\">");
	layout_csrf_field(b, rq);
	buf_puts(b, "<label for=\"r-edition\">版</label><select id=\"r-edition\" name=\"edition\">"
		    "<option value=\"internal\">内部版（非公開）: 基本方針・対策基準</option>"
		    "<option value=\"public\">公開版: 基本方針</option></select>"
		    "<button type=\"submit\">現在のプロファイルで作成</button></form>\n"
		    "<p class=\"note\">内容が最新の版と同じときは新しい版を作らず、その版を表示します。</p>\n");
}

void page_policy_list(struct web_req *rq, struct web_resp *rs)
{
	struct policy_versions l;
	struct list_query q;
	struct err e = {0};
	if (policy_versions_load(rq->db, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	list_query_from(rq, &q);
	size_t n;
	const struct policy_version **v = select_versions(rq->user, &l, &q, &n);
	const char *format = form_get(&rq->query, "format");
	if (format && strcmp(format, "csv") == 0) {
		list_csv(rq, rs, v, n);
		goto done;
	}
	page_begin(rq, rs, "ポリシー");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>ポリシー</h1>\n");
	if (!policy_sees_drafts(rq->user))
		buf_puts(b, "<p class=\"note\">決裁済みの版だけを表示しています。</p>\n");
	if (policy_sees_drafts(rq->user))
		buf_puts(b, "<p><a href=\"/policy/diff\">版を比較する</a>　"
			    "<a href=\"/policy/gap\">既存の例規と照合する</a></p>\n");
	buf_puts(b, "<table class=\"list\">\n<caption>情報セキュリティポリシーの版</caption>\n");
	list_header(b, &q);
	buf_puts(b, "<tbody>\n");
	for (size_t i = 0; i < n; i++)
		list_row(b, rq->db, v[i]);
	if (n == 0)
		buf_puts(b, "<tr><td colspan=\"7\">表示できる版はまだありません。</td></tr>\n");
	buf_puts(b, "</tbody></table>\n");
	struct buf u = BUF_INIT;
	sort_url(&u, q.sort, q.desc, 1);
	html_printf(b, "<p class=\"export\"><a href=\"%s\">CSV で書き出す</a></p>\n", buf_str(&u));
	buf_free(&u);
	if (web_user_has_any(rq->user, web_roles_policy_render))
		render_form(b, rq);
	layout_end(b);
done:
	free(v);
	policy_versions_free(&l);
}

void page_policy_render(struct web_req *rq, struct web_resp *rs)
{
	const char *ed = form_get(&rq->body, "edition");
	int edition = ed ? policy_edition_parse(ed) : EDITION_INTERNAL;
	if (edition < 0) {
		web_error(rq, rs, 400, "bad_edition", "版は公開版（public）か内部版（internal）を選んでください");
		return;
	}
	struct policy_render_args a = {&rq->shared->catalog, (enum policy_edition)edition, 0, 0};
	struct err e = {0};
	if (web_write(rq, policy_do_render, &a, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	char loc[64];
	snprintf(loc, sizeof loc, "/policy/%lld?r=%s", a.id, a.created ? "new" : "same");
	web_redirect(rs, loc);
}
