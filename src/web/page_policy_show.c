/*
 * page_policy_show.c — one kept version of the policy: its facts, the
 * document itself inside the page, downloads in four formats and the 決裁
 * button (CISO and 副CISO, once).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy_version.h"
#include "core/policy_write.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/policy_page.h"
#include "web/response.h"
#include "web/url.h"

static void fact(struct buf *b, const char *term, const char *value)
{
	html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", term, value && *value ? value : "—");
}

static void version_facts(struct buf *b, struct db *db, const struct policy_version *v)
{
	char when[20], prof[24];
	policy_time_text(v->rendered_at, when);
	fmt_int(v->profile_version, prof);
	buf_puts(b, "<dl class=\"facts\">\n");
	fact(b, "版", policy_edition_label(v->edition));
	fact(b, "作成日時", when);
	fact(b, "作成者", v->rendered_by);
	fact(b, "プロファイル版", prof);
	buf_puts(b, "<dt>決裁</dt><dd>");
	policy_approval_html(b, db, v);
	buf_puts(b, "</dd>\n");
	html_printf(b, "<dt>SHA-256</dt><dd><code>%s</code></dd>\n</dl>\n", v->content_hash);
}

static void downloads(struct buf *b, const struct policy_version *v)
{
	static const char *const fmts[] = {"pdf", "html", "md", "json"};
	static const char *const labels[] = {"PDF", "HTML", "Markdown", "JSON"};
	buf_puts(b, "<p class=\"export\">ダウンロード:");
	for (size_t i = 0; i < 4; i++)
		html_printf(b, " <a href=\"/policy/%lld/download?format=%s\" download>%s</a>", v->id,
			    fmts[i], labels[i]);
	buf_puts(b, "</p>\n");
}

/* The 決裁 button, for the CISO and 副CISO while the version waits for it. */
static void approve_form(struct buf *b, const struct web_req *rq, const struct policy_version *v)
{
	if (v->approved_by || !web_user_has_any(rq->user, web_roles_policy_approve))
		return;
	html_printf(b, "<form method=\"post\" action=\"/policy/%lld/approve\">", v->id);
	layout_csrf_field(b, rq);
	html_printf(b, "<button type=\"submit\">第%lld版を決裁する</button></form>\n", v->id);
}

/* A link to the changes since the previous version of the same edition. */
static void diff_link(struct buf *b, const struct web_user *u, const struct policy_versions *l,
		      const struct policy_version *v)
{
	if (!policy_sees_drafts(u))
		return;
	for (size_t i = l->n; i-- > 0;) {
		const struct policy_version *p = &l->v[i];
		if (p->id < v->id && strcmp(p->edition, v->edition) == 0) {
			html_printf(b, "<p><a href=\"/policy/diff?a=%lld&amp;b=%lld\">第%lld版からの変更を見る</a></p>\n",
				    p->id, v->id, p->id);
			return;
		}
	}
}

static void flash(struct buf *b, const struct web_req *rq, const char *error)
{
	const char *r = form_get(&rq->query, "r");
	if (error)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
	else if (r && strcmp(r, "new") == 0)
		buf_puts(b, "<p class=\"ok\" role=\"status\">新しい版として記録しました（未決裁）。</p>\n");
	else if (r && strcmp(r, "same") == 0)
		buf_puts(b, "<p class=\"ok\" role=\"status\">内容は最新の版と同じため、新しい版は作らずこの版を表示しています。</p>\n");
	else if (r && strcmp(r, "approved") == 0)
		buf_puts(b, "<p class=\"ok\" role=\"status\">決裁しました。</p>\n");
}

/* The whole page for version v; error (or NULL) is shown above it. */
static void show_page(struct web_req *rq, struct web_resp *rs, const struct policy_versions *l,
		      const struct policy_version *v, int status, const char *error)
{
	struct pdoc d;
	struct err e = {0};
	if (pdoc_from_version(v, &d, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	char title[64];
	snprintf(title, sizeof title, "ポリシー 第%lld版", v->id);
	page_begin(rq, rs, title);
	rs->status = status;
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/policy\">ポリシー</a></p>\n"
		       "<h1>%s <small>第%lld版</small></h1>\n",
		    v->title, v->id);
	flash(b, rq, error);
	version_facts(b, rq->db, v);
	approve_form(b, rq, v);
	downloads(b, v);
	diff_link(b, rq->user, l, v);
	buf_puts(b, "<article class=\"policy-doc\">\n");
	if (d.confidential)
		buf_puts(b, "<p class=\"secret\">非公開（庁内限り）</p>\n");
	html_printf(b, "<h2 class=\"doc-title\">%s</h2>\n", v->title);
	policy_write_html_blocks(&d, b);
	buf_puts(b, "</article>\n");
	layout_end(b);
	pdoc_free(&d);
}

void page_policy_show(struct web_req *rq, struct web_resp *rs)
{
	struct policy_versions l;
	const struct policy_version *v = policy_find(rq, rs, &l);
	if (!v)
		return;
	show_page(rq, rs, &l, v, 200, NULL);
	policy_versions_free(&l);
}

struct download_format {
	const char *id, *ext, *content_type;
	enum policy_format fmt;
};

static const struct download_format download_formats[] = {
	{"html", "html", "text/html; charset=utf-8", POLICY_HTML},
	{"md", "md", "text/markdown; charset=utf-8", POLICY_MD},
	{"pdf", "pdf", "application/pdf", POLICY_PDF},
	{"json", "json", "application/json; charset=utf-8", POLICY_JSON},
};

/*
 * attachment; filename="mamori-policy-3-internal.pdf";
 * filename*=UTF-8''<title>_第3版.pdf — the ASCII name for old clients, the
 * document's own title for the rest (RFC 6266).
 */
static char *disposition(const struct policy_version *v, const char *ext)
{
	struct buf b = BUF_INIT, name = BUF_INIT;
	buf_printf(&b, "attachment; filename=\"mamori-policy-%lld-%s.%s\"; filename*=UTF-8''", v->id,
		   strcmp(v->edition, "public") == 0 ? "public" : "internal", ext);
	buf_printf(&name, "%s_第%lld版.%s", v->title, v->id, ext);
	url_encode(&b, buf_str(&name));
	buf_free(&name);
	return buf_take(&b);
}

void page_policy_download(struct web_req *rq, struct web_resp *rs)
{
	const char *f = form_get(&rq->query, "format");
	const struct download_format *df = NULL;
	for (size_t i = 0; f && i < sizeof download_formats / sizeof download_formats[0]; i++)
		if (strcmp(f, download_formats[i].id) == 0)
			df = &download_formats[i];
	struct policy_versions l;
	struct err e = {0};
	const struct policy_version *v = policy_find(rq, rs, &l);
	if (!v)
		return;
	if (!df) {
		web_error(rq, rs, 400, "bad_format", "形式は html、md、pdf、json のいずれかを指定してください");
	} else if (policy_version_write(rq->db, v, df->fmt, &rs->body, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		rs->status = 200;
		rs->content_type = df->content_type;
		rs->no_store = 1;
		rs->disposition = disposition(v, df->ext);
	}
	policy_versions_free(&l);
}

void page_policy_approve(struct web_req *rq, struct web_resp *rs)
{
	struct policy_versions l;
	struct err e = {0};
	const struct policy_version *v = policy_find(rq, rs, &l);
	if (!v)
		return;
	struct policy_approve_args a = {v->id, rq->user->staff.id, rq->user->staff.staff_no};
	long long id = v->id;
	int rc = web_write(rq, policy_do_approve, &a, &e);
	if (rc == ERR_INPUT) {
		/* already approved (or the role just ended): say so on the version's page */
		show_page(rq, rs, &l, v, 409, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		char loc[64];
		snprintf(loc, sizeof loc, "/policy/%lld?r=approved", id);
		web_redirect(rs, loc);
	}
	policy_versions_free(&l);
}
