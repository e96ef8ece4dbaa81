/*
 * page_assets.c — 情報資産台帳: the register list (search, filters, sortable
 * columns, paging) and one asset's page, both within the person's scope.
 *
 * An asset outside the scope answers 404 exactly like an asset that does
 * not exist, so trying numbers in the URL tells nobody which exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "web/asset_query.h"
#include "web/asset_write.h"
#include "web/page_assets_export.h"
#include "web/layout.h"
#include "web/listui.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/scope.h"
#include "web/url.h"

static const struct {
	enum asset_sort sort;
	const char *label;
} columns[] = {
	{SORT_NO, "資産番号"}, {SORT_NAME, "名称"}, {SORT_TYPE, "種類"},
	{SORT_UNIT, "所管課"}, {SORT_CONF, "分類"},
};

/* The list URL with the current filters and the given sort/offset. */
static void list_url(struct buf *b, const struct asset_query *q, enum asset_sort sort, int desc,
		     long offset)
{
	char num[24];
	buf_puts(b, "/assets");
	url_param(b, "q", q->q);
	url_param(b, "type", q->type);
	url_param(b, "zone", q->zone);
	if (q->min_conf) {
		fmt_int(q->min_conf, num);
		url_param(b, "c", num);
	}
	url_param(b, "sort", asset_sort_names[sort]);
	if (desc)
		url_param(b, "dir", "desc");
	if (q->limit != ASSET_PAGE_DEFAULT) {
		fmt_int(q->limit, num);
		url_param(b, "limit", num);
	}
	if (offset) {
		fmt_int(offset, num);
		url_param(b, "offset", num);
	}
}

static void vocab_select(struct buf *b, const char *name, const char *label,
			 const struct vocab *v, const char *current)
{
	html_printf(b, "<label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">"
		       "<option value=\"\">すべて</option>",
		    name, label, name, name);
	for (int i = 0; i < v->n; i++) {
		const struct vocab_entry *en = &v->entries[i];
		int sel = current && strcmp(current, en->id) == 0;
		html_printf(b, sel ? "<option value=\"%s\" selected>%s</option>"
				   : "<option value=\"%s\">%s</option>",
			    en->id, en->label);
	}
	buf_puts(b, "</select>");
}

static void conf_select(struct buf *b, const struct class_scheme *s, int current)
{
	buf_puts(b, "<label for=\"f-c\">機密性</label><select id=\"f-c\" name=\"c\">"
		    "<option value=\"\">すべて</option>");
	for (size_t i = 0; i < s->n[DIM_C]; i++) {
		const struct class_level *l = &s->levels[DIM_C][i];
		html_printf(b, l->rank == current ? "<option value=\"%d\" selected>%s以上</option>"
						  : "<option value=\"%d\">%s以上</option>",
			    l->rank, l->label);
	}
	buf_puts(b, "</select>");
}

static void filter_form(struct buf *b, const struct asset_query *q, const struct class_scheme *s)
{
	buf_puts(b, "<form method=\"get\" action=\"/assets\" class=\"filters\" role=\"search\">");
	html_printf(b, "<label for=\"f-q\">検索</label>"
		       "<input id=\"f-q\" name=\"q\" value=\"%s\" placeholder=\"資産番号・名称\">",
		    q->q ? q->q : "");
	vocab_select(b, "type", "種類", &vocab_asset_type, q->type);
	vocab_select(b, "zone", "領域", &vocab_zone, q->zone);
	conf_select(b, s, q->min_conf);
	buf_puts(b, "<button type=\"submit\">絞り込む</button></form>\n");
}

#define NCOLUMNS (sizeof columns / sizeof columns[0])

static void sort_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	list_url(u, ctx, columns[col].sort, desc, offset);
}

static struct listui_sort sorting(const struct asset_query *q)
{
	struct listui_sort s = {sort_url, q, -1, q->desc};
	for (size_t i = 0; i < NCOLUMNS; i++)
		if (columns[i].sort == q->sort)
			s.current = (int)i;
	return s;
}

static void header_row(struct buf *b, const struct asset_query *q)
{
	const char *labels[NCOLUMNS];
	struct listui_sort s = sorting(q);
	for (size_t i = 0; i < NCOLUMNS; i++)
		labels[i] = columns[i].label;
	listui_header(b, &s, labels, NULL, NCOLUMNS);
}

static void asset_row(struct buf *b, const struct web_user *u, const struct class_scheme *s,
		      const struct asset *a)
{
	struct buf href = BUF_INIT;
	const struct org_unit *unit = org_unit_by_id(&u->units, a->unit_id);
	char *label = asset_label(s, a);
	buf_puts(&href, "/assets/");
	url_encode(&href, a->asset_no);
	html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
		       "<td>%s</td></tr>\n",
		    buf_str(&href), a->asset_no, a->name, vocab_label(&vocab_asset_type, a->type),
		    unit ? unit->name : "", label);
	free(label);
	buf_free(&href);
}

static void pager(struct buf *b, const struct asset_query *q, const struct asset_page *p)
{
	struct listui_sort s = sorting(q);
	listui_pager(b, &s, p->total, p->n, q->offset, q->limit);
}

/* Download what the list shows; register and upload for the 課's manager. */
static void list_actions(struct buf *b, const struct web_req *rq, const struct asset_query *q)
{
	struct buf u = BUF_INIT;
	buf_puts(b, "<ul class=\"actions\">");
	if (asset_write_may_create(rq->user))
		buf_puts(b, "<li><a href=\"/assets/new\">新規登録</a></li>"
			    "<li><a href=\"/assets/import\">ファイルから取り込む</a></li>");
	for (int k = 0; k < 2; k++) {
		buf_reset(&u);
		list_url(&u, q, q->sort, q->desc, 0);
		buf_puts(&u, strchr(buf_str(&u), '?') ? "&" : "?");
		buf_puts(&u, k ? "format=xlsx" : "format=csv");
		html_printf(b, "<li><a href=\"%s\" download>%s</a></li>", buf_str(&u),
			    k ? "Excel（.xlsx）でダウンロード" : "CSV でダウンロード");
	}
	buf_puts(b, "</ul>\n");
	buf_free(&u);
}

void page_assets_list(struct web_req *rq, struct web_resp *rs)
{
	struct asset_query q;
	struct asset_page p;
	struct class_scheme s = {0};
	struct err e = {0};
	asset_query_from_form(&rq->query, &q);
	if (page_assets_download(rq, rs, &q))
		return;
	if (class_scheme_load(rq->db, &s, &e) || asset_query_run(rq, &q, &p, &e)) {
		class_scheme_free(&s);
		web_internal_error(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, "情報資産台帳");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>情報資産台帳</h1>\n");
	if (!scope_sees_all_assets(rq->user))
		buf_puts(b, "<p class=\"note\">あなたの役割で見られる範囲の資産だけを表示しています。</p>\n");
	filter_form(b, &q, &s);
	list_actions(b, rq, &q);
	if (p.total == 0) {
		buf_puts(b, "<p>該当する情報資産はありません。</p>\n");
	} else {
		buf_puts(b, "<table class=\"list\">\n<caption>情報資産の一覧</caption>\n");
		header_row(b, &q);
		buf_puts(b, "<tbody>\n");
		for (size_t i = 0; i < p.n; i++)
			asset_row(b, rq->user, &s, p.rows[i]);
		buf_puts(b, "</tbody></table>\n");
		pager(b, &q, &p);
	}
	layout_end(b);
	asset_page_free(&p);
	class_scheme_free(&s);
}

static void fact(struct buf *b, const char *term, const char *value)
{
	html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", term, value && *value ? value : "—");
}

static void asset_facts(struct web_req *rq, struct buf *b, const struct class_scheme *s,
			const struct asset *a)
{
	struct err e = {0};
	char *unit = org_unit_path(&rq->user->units, a->unit_id);
	char *manager = a->manager_id ? staff_name_of(rq->db, a->manager_id, &e) : NULL;
	char *label = asset_label(s, a);
	char *handling = asset_handling(s, a);
	buf_puts(b, "<dl class=\"facts\">\n");
	fact(b, "資産番号", a->asset_no);
	fact(b, "名称", a->name);
	fact(b, "種類", vocab_label(&vocab_asset_type, a->type));
	fact(b, "所管課", unit);
	fact(b, "情報セキュリティ管理者", manager);
	fact(b, "表示（分類）", label);
	fact(b, "利用範囲", a->scope);
	fact(b, "保管・設置場所", a->location);
	fact(b, "媒体", vocab_label(&vocab_medium, a->medium));
	fact(b, "領域", a->zone ? vocab_label(&vocab_zone, a->zone) : NULL);
	fact(b, "個人情報", vocab_label(&vocab_personal, a->personal));
	fact(b, "保存期間", a->retention);
	fact(b, "状態", vocab_label(&vocab_asset_state, a->state));
	fact(b, "備考", a->note);
	buf_puts(b, "</dl>\n");
	if (handling && *handling) {
		buf_puts(b, "<h2>取扱制限</h2>\n<ul>\n");
		for (char *line = handling, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			if (*line)
				html_printf(b, "<li>%s</li>\n", line);
		}
		buf_puts(b, "</ul>\n");
	}
	free(unit);
	free(manager);
	free(label);
	free(handling);
}

void page_assets_show(struct web_req *rq, struct web_resp *rs)
{
	struct asset a = {0};
	struct class_scheme s = {0};
	struct err e = {0};
	int found = 0;
	if (asset_find(rq->db, rq->id, 0, &a, &found, &e) || class_scheme_load(rq->db, &s, &e)) {
		web_internal_error(rq, rs, &e);
		goto done;
	}
	if (!found || !scope_asset_visible(rq->user, &a)) {
		web_error(rq, rs, 404, "not_found", "ページが見つかりません");
		goto done;
	}
	struct buf title = BUF_INIT;
	buf_printf(&title, "%s %s", a.asset_no, a.name);
	page_begin(rq, rs, buf_str(&title));
	buf_free(&title);
	html_printf(&rs->body, "<p class=\"crumbs\"><a href=\"/assets\">情報資産台帳</a></p>\n"
			       "<h1>%s <small>%s</small></h1>\n",
		    a.name, a.asset_no);
	asset_facts(rq, &rs->body, &s, &a);
	if (asset_write_may_edit(rq->user, &a)) {
		struct buf href = BUF_INIT;
		buf_puts(&href, "/assets/");
		url_encode(&href, a.asset_no);
		buf_puts(&href, "/edit");
		html_printf(&rs->body, "<p><a href=\"%s\">編集</a></p>\n", buf_str(&href));
		buf_free(&href);
	}
	layout_end(&rs->body);
done:
	if (found)
		asset_free(&a);
	class_scheme_free(&s);
}
