/*
 * page_catalog.c — カタログ: every clause of the 基本方針 and 対策基準 as
 * mamori holds it, searchable (NFKC-folded, so 全角/半角 and かな/カナ
 * match), and one clause with its roles, records and questions; the same
 * handlers answer /api/v1/catalog in JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/vocab.h"
#include "util/fold.h"
#include "web/api_json.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"

static int entry_matches(const struct catalog_entry *en, const char *needle)
{
	const char *fields[] = {en->id, en->ref, en->title, en->statement, en->chapter,
				en->section, en->group};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (!fields[i])
			continue;
		char *k = fold_key(fields[i]);
		int hit = strstr(k, needle) != NULL;
		free(k);
		if (hit)
			return 1;
	}
	return 0;
}

static void clause_link(struct buf *b, const char *id)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/catalog/");
	url_encode(&href, id);
	html_printf(b, "<a href=\"%s\">%s</a>", buf_str(&href), id);
	buf_free(&href);
}

/* The folded ?q=, or NULL when there is nothing to search for. */
static char *search_needle(const struct web_req *rq)
{
	const char *q = form_get(&rq->query, "q");
	char *needle = q && *q ? fold_key(q) : NULL;
	if (needle && !*needle) {
		free(needle);
		needle = NULL;
	}
	return needle;
}

/* ?q= (folded) and ?strength= (must, recommended, desirable). */
struct catalog_filter {
	char *needle;
	const char *strength;
};

static int filter_passes(const struct catalog_filter *f, const struct catalog_entry *en)
{
	if (f->strength && strcmp(en->strength, f->strength) != 0)
		return 0;
	return !f->needle || entry_matches(en, f->needle);
}

/* /api/v1/catalog: the keys of `mamori catalog list --format json`. */
static void catalog_list_json(struct web_req *rq, struct web_resp *rs,
			      const struct catalog_filter *f)
{
	const struct catalog *c = &rq->shared->catalog;
	struct json_writer w;
	api_json_begin(rs, 200, &w);
	jw_key(&w, "clauses");
	jw_array_begin(&w);
	for (size_t i = 0; i < c->n; i++) {
		const struct catalog_entry *en = &c->v[i];
		if (!filter_passes(f, en))
			continue;
		jw_object_begin(&w);
		jw_kv_string(&w, "chapter", en->chapter);
		jw_kv_string(&w, "id", en->id);
		jw_kv_string(&w, "strength", en->strength);
		jw_kv_string(&w, "title", en->title);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	api_json_end(rs, &w);
}

/* The filtered clauses as CSV (the columns of `catalog list --format csv`,
 * with Japanese headers and the strength as people read it). */
static void catalog_list_csv(struct web_req *rq, struct web_resp *rs,
			     const struct catalog_filter *f)
{
	const struct catalog *c = &rq->shared->catalog;
	struct buf *b = &rs->body;
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->disposition = xstrdup("attachment; filename=\"catalog.csv\"");
	/* the BOM tells Excel the bytes are UTF-8; buf_csv_field guards formulas */
	buf_puts(b, "\xEF\xBB\xBF条項,ガイドライン上の番号,区分,章,表題\r\n");
	for (size_t i = 0; i < c->n; i++) {
		const struct catalog_entry *en = &c->v[i];
		if (!filter_passes(f, en))
			continue;
		buf_csv_field(b, en->id, 0);
		buf_csv_field(b, en->ref, 0);
		buf_csv_field(b, catalog_strength_label(en->strength), 0);
		buf_csv_field(b, en->chapter, 0);
		buf_csv_field(b, en->title, 1);
	}
}

static void filter_form(struct buf *b, const char *q, const char *strength)
{
	static const char *const ids[] = {"must", "recommended", "desirable"};
	buf_puts(b, "<form method=\"get\" action=\"/catalog\" class=\"filters\" role=\"search\">");
	html_printf(b, "<label for=\"f-q\">検索</label><input id=\"f-q\" name=\"q\" value=\"%s\" "
		       "placeholder=\"条項番号・語句\">"
		       "<label for=\"f-s\">区分</label><select id=\"f-s\" name=\"strength\">"
		       "<option value=\"\">すべて</option>",
		    q ? q : "");
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", ids[i],
			    strength && strcmp(strength, ids[i]) == 0 ? " selected" : "",
			    catalog_strength_label(ids[i]));
	buf_puts(b, "</select><button type=\"submit\">検索</button></form>\n");
}

static void csv_link(struct buf *b, const char *q, const char *strength)
{
	struct buf u = BUF_INIT;
	buf_puts(&u, "/catalog");
	url_param(&u, "q", q);
	url_param(&u, "strength", strength);
	url_param(&u, "format", "csv");
	html_printf(b, "<ul class=\"actions\"><li><a href=\"%s\" download>CSV でダウンロード</a></li></ul>\n",
		    buf_str(&u));
	buf_free(&u);
}

/*
 * The catalog is parsed once when the server starts (web/shared.h).  The
 * list keeps the guideline's own order, grouped by chapter: that order is
 * how the clauses are cited, so it is the only sort offered.
 */
void page_catalog_list(struct web_req *rq, struct web_resp *rs)
{
	const struct catalog *c = &rq->shared->catalog;
	const char *q = form_get(&rq->query, "q");
	const char *strength = form_get(&rq->query, "strength");
	const char *format = form_get(&rq->query, "format");
	struct catalog_filter f = {search_needle(rq), strength && *strength ? strength : NULL};
	if (rq->is_api || (format && strcmp(format, "csv") == 0)) {
		if (rq->is_api)
			catalog_list_json(rq, rs, &f);
		else
			catalog_list_csv(rq, rs, &f);
		free(f.needle);
		return;
	}
	page_begin(rq, rs, "カタログ");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>カタログ（ガイドラインの条項）</h1>\n");
	filter_form(b, q, f.strength);
	csv_link(b, q, f.strength);
	const char *chapter = NULL;
	size_t shown = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct catalog_entry *en = &c->v[i];
		if (!filter_passes(&f, en))
			continue;
		if (!chapter || strcmp(chapter, en->chapter ? en->chapter : "") != 0) {
			if (chapter)
				buf_puts(b, "</tbody></table>\n");
			chapter = en->chapter ? en->chapter : "";
			html_printf(b, "<h2>%s%s</h2>\n<table class=\"list\"><thead><tr>"
				       "<th scope=\"col\">条項</th><th scope=\"col\">表題</th>"
				       "<th scope=\"col\">区分</th></tr></thead><tbody>\n",
				    strcmp(en->part, "basic") == 0 ? "基本方針：" : "", chapter);
		}
		buf_puts(b, "<tr><td>");
		clause_link(b, en->id);
		html_printf(b, "</td><td>%s</td><td>%s</td></tr>\n", en->title,
			    catalog_strength_label(en->strength));
		shown++;
	}
	if (chapter)
		buf_puts(b, "</tbody></table>\n");
	if (!shown)
		buf_puts(b, "<p>該当する条項はありません。</p>\n");
	layout_end(b);
	free(f.needle);
}

/* A list of the entry's strings (records, conditions, terms) under a heading. */
static void string_list(struct buf *b, const struct catalog_entry *en, const char *key,
			const char *heading)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(en->json, key);
	const cJSON *it;
	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
		return;
	html_printf(b, "<h2>%s</h2>\n<ul>\n", heading);
	cJSON_ArrayForEach(it, arr)
		if (cJSON_IsString(it))
			html_printf(b, "<li>%s</li>\n", it->valuestring);
	buf_puts(b, "</ul>\n");
}

/* What each column of the 権限・責任等一覧表 means, beside its mark. */
static const char *const mark_meaning[NMARKS] = {"担う", "報告を受ける", "許可する", "承認する"};

static void roles_table(struct buf *b, const struct catalog_entry *en)
{
	const cJSON *roles = cJSON_GetObjectItemCaseSensitive(en->json, "roles");
	buf_puts(b, "<h2>役割</h2>\n<dl class=\"facts\">\n");
	for (int m = 0; m < NMARKS; m++) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(roles, catalog_mark_key[m]);
		const cJSON *it;
		int n = 0;
		html_printf(b, "<dt>%s（%s）</dt><dd>", catalog_mark_label[m], mark_meaning[m]);
		cJSON_ArrayForEach(it, arr)
			if (cJSON_IsString(it))
				html_printf(b, "%s%s", n++ ? "、" : "",
					    vocab_label(&vocab_role, it->valuestring));
		buf_puts(b, n ? "</dd>\n" : "—</dd>\n");
	}
	buf_puts(b, "</dl>\n");
}

static void questions(struct buf *b, const struct catalog_entry *en)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(en->json, "questions");
	const cJSON *it;
	if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0)
		return;
	buf_puts(b, "<h2>点検項目</h2>\n<ul>\n");
	cJSON_ArrayForEach(it, arr) {
		const cJSON *role = cJSON_GetObjectItemCaseSensitive(it, "role");
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(it, "text");
		if (!cJSON_IsString(text))
			continue;
		html_printf(b, "<li><span class=\"role\">%s</span> %s</li>\n",
			    cJSON_IsString(role) ? vocab_label(&vocab_role, role->valuestring) : "",
			    text->valuestring);
	}
	buf_puts(b, "</ul>\n");
}

void page_catalog_show(struct web_req *rq, struct web_resp *rs)
{
	const struct catalog_entry *en = catalog_find(&rq->shared->catalog, rq->id);
	if (!en) {
		web_error(rq, rs, 404, "not_found", "ページが見つかりません");
		return;
	}
	if (rq->is_api) { /* the entry as `mamori catalog show --format json` prints it */
		char *json = cJSON_PrintUnformatted(en->json);
		struct json_writer w;
		api_json_begin(rs, 200, &w);
		jw_key(&w, "clause");
		jw_raw(&w, json);
		api_json_end(rs, &w);
		free(json);
		return;
	}
	struct buf title = BUF_INIT;
	buf_printf(&title, "%s %s", en->id, en->title);
	page_begin(rq, rs, buf_str(&title));
	buf_free(&title);
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/catalog\">カタログ</a> › %s%s%s</p>\n",
		    en->chapter ? en->chapter : "", en->section ? " › " : "",
		    en->section ? en->section : "");
	html_printf(b, "<h1><span class=\"clause\">%s</span> %s</h1>\n", en->id, en->title);
	html_printf(b, "<p class=\"meta\">ガイドライン上の番号 %s ・ %s</p>\n", en->ref,
		    catalog_strength_label(en->strength));
	html_printf(b, "<p class=\"statement\">%s</p>\n", en->statement);
	roles_table(b, en);
	string_list(b, en, "conditions", "条件");
	string_list(b, en, "records", "必要な記録");
	questions(b, en);
	layout_end(b);
}
