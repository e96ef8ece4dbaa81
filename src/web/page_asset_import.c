/*
 * page_asset_import.c — 情報資産台帳の取り込み: a .csv or .xlsx register
 * uploaded, checked and shown before anything is written, then written when
 * the person confirms.
 *
 *   1. POST with the file: it is kept (upload_store.h) and imported as a dry
 *      run by the core importer, which reads every row, reports every bad
 *      row and reference with its row and column, and rolls back.  The page
 *      shows what would be added and changed, or the errors (422).
 *   2. POST with the token of step 1 (「取り込む」): the same file imported
 *      for real, in one transaction, journaled like `mamori asset import`.
 *
 * Only rows of the units the person manages may be imported (asset_write.h):
 * a row of another 課 is an error of that row, and then nothing is written.
 */
#include <stdlib.h>
#include <string.h>

#include "core/asset_io.h"
#include "web/asset_write.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/upload_store.h"
#include "web/url.h"
#include "web/write.h"

/* Larger than any municipal register (100,000 rows of .xlsx is ~10 MiB). */
#define IMPORT_UPLOAD_MAX (32u * 1024 * 1024)
/* The preview lists this many changes; the counts cover all of them. */
#define PREVIEW_LINES 500

static int refuse(struct web_req *rq, struct web_resp *rs)
{
	if (asset_write_may_create(rq->user))
		return 0;
	web_error(rq, rs, 403, "forbidden",
		  "情報資産を取り込めるのは、その課の情報セキュリティ管理者だけです");
	return 1;
}

static void upload_form(struct buf *b, const struct web_req *rq)
{
	buf_puts(b, "<form method=\"post\" action=\"/assets/import\" enctype=\"multipart/form-data\""
		    " class=\"stack\" data-upload>\n");
	layout_csrf_field(b, rq);
	buf_puts(b, "<label for=\"f-file\">台帳ファイル（.xlsx または .csv）</label>"
		    "<input id=\"f-file\" type=\"file\" name=\"file\" required"
		    " accept=\".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv\">\n"
		    "<button type=\"submit\">確認する</button></form>\n"
		    "<p class=\"note\">まだ何も書き込みません。次の画面で追加・変更される資産と誤りを確認してから取り込みます。"
		    "列の見出しは <a href=\"/assets?format=xlsx\">台帳のダウンロード</a> と同じです（CP932 の CSV も読めます）。</p>\n");
}

static void lines_list(struct buf *b, const char *cls, const char *text, size_t max)
{
	size_t shown = 0, total = 0;
	html_printf(b, "<ul class=\"%s\">\n", cls);
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n && shown < max) {
			char *line = xstrndup(p, n);
			html_printf(b, "<li>%s</li>\n", line);
			free(line);
			shown++;
		}
		total += n > 0;
		p += n + (nl ? 1 : 0);
	}
	buf_puts(b, "</ul>\n");
	if (total > shown)
		html_printf(b, "<p class=\"note\">ほか %zu 行は省略しました。</p>\n", total - shown);
}

void page_asset_import_get(struct web_req *rq, struct web_resp *rs)
{
	if (refuse(rq, rs))
		return;
	page_begin(rq, rs, "情報資産台帳の取り込み");
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/assets\">情報資産台帳</a></p>\n"
		    "<h1>情報資産台帳の取り込み</h1>\n");
	const char *added = form_get(&rq->query, "added");
	if (added)
		html_printf(b, "<p class=\"banner\" role=\"status\">取り込みました: 追加 %s 件、変更 %s 件、変更なし %s 件</p>\n",
			    added, form_get(&rq->query, "changed") ? form_get(&rq->query, "changed") : "0",
			    form_get(&rq->query, "unchanged") ? form_get(&rq->query, "unchanged") : "0");
	upload_form(b, rq);
	layout_end(b);
}

static int unit_ok(long long unit_id, void *user)
{
	return asset_write_unit_allowed(user, unit_id);
}

static int run_import(struct web_req *rq, const char *path, const char *name, int dry_run,
		      struct asset_import_result *res, struct err *e)
{
	struct asset_import_opts o = {.dry_run = dry_run, .name = name, .unit_allowed = unit_ok,
				      .arg = rq->user, .collect_errors = 1};
	char actor[96];
	web_actor(rq, actor, sizeof actor);
	return asset_import(rq->db, actor, path, &o, res, e);
}

/* The file could not be taken: every problem, and the form to try again. */
static void refused_page(struct web_req *rq, struct web_resp *rs, int status, const char *name,
			 const struct asset_import_result *res, const struct err *e)
{
	page_begin(rq, rs, "情報資産台帳の取り込み");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/assets\">情報資産台帳</a></p>\n"
		    "<h1>情報資産台帳の取り込み</h1>\n<div class=\"error\" role=\"alert\">\n");
	html_printf(b, "<p>「%s」は取り込めません。次の誤りを直してから、もう一度選んでください。何も書き込んでいません。</p>\n",
		    name);
	lines_list(b, "errors", res && res->nerrors ? buf_str(&res->errors) : e->msg, 1000);
	if (res && res->nerrors > 1000)
		html_printf(b, "<p>誤りは全部で %lld 件です。</p>\n", res->nerrors);
	buf_puts(b, "</div>\n");
	upload_form(b, rq);
	layout_end(b);
}

static void preview_page(struct web_req *rq, struct web_resp *rs, const char *name,
			 const char *token, const struct asset_import_result *res)
{
	page_begin(rq, rs, "取り込みの確認");
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/assets\">情報資産台帳</a> › "
		    "<a href=\"/assets/import\">取り込み</a></p>\n<h1>取り込みの確認</h1>\n");
	html_printf(b, "<p>「%s」: %lld 行 — <strong>追加 %lld 件</strong>、<strong>変更 %lld 件</strong>、"
		       "変更なし %lld 件。まだ何も書き込んでいません。</p>\n",
		    name, res->rows, res->added, res->changed, res->unchanged);
	if (res->diff.len) {
		buf_puts(b, "<h2>追加・変更される資産</h2>\n");
		lines_list(b, "changes", buf_str(&res->diff), PREVIEW_LINES);
	}
	if (res->warnings.len) {
		buf_puts(b, "<h2>注意</h2>\n");
		lines_list(b, "warnings", buf_str(&res->warnings), PREVIEW_LINES);
	}
	if (res->added + res->changed == 0) {
		buf_puts(b, "<p>台帳と同じ内容です。取り込むものはありません。</p>\n");
	} else {
		buf_puts(b, "<form method=\"post\" action=\"/assets/import\">\n");
		layout_csrf_field(b, rq);
		html_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\">"
			       "<input type=\"hidden\" name=\"name\" value=\"%s\">"
			       "<button type=\"submit\">取り込む</button></form>\n",
			    token, name);
	}
	buf_puts(b, "<p><a href=\"/assets/import\">やめて別のファイルを選ぶ</a></p>\n");
	layout_end(b);
}

/* Step 1: keep the file and show what importing it would do. */
static void preview(struct web_req *rq, struct web_resp *rs)
{
	const struct web_upload *up = web_upload_get(rq, "file");
	struct asset_import_result res;
	struct err e = {0};
	char token[UPLOAD_TOKEN_HEX + 1], *path = NULL;
	const char *name = up && up->filename && *up->filename ? up->filename : "アップロードされたファイル";
	if (!up || up->len == 0) {
		err_set(&e, ERR_INPUT, "ファイルが選ばれていないか、空のファイルです");
		refused_page(rq, rs, 400, name, NULL, &e);
		return;
	}
	if (up->len > IMPORT_UPLOAD_MAX) {
		err_set(&e, ERR_INPUT, "ファイルが大きすぎます（%u MiB まで）", IMPORT_UPLOAD_MAX >> 20);
		refused_page(rq, rs, 413, name, NULL, &e);
		return;
	}
	if (upload_store_put(rq, up->data, up->len, token, &path, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	int rc = run_import(rq, path, name, 1, &res, &e);
	if (rc == ERR_INPUT)
		refused_page(rq, rs, 422, name, &res, &e);
	else if (rc)
		web_internal_error(rq, rs, &e);
	else
		preview_page(rq, rs, name, token, &res);
	if (rc)
		upload_store_remove(path);
	asset_import_result_free(&res);
	free(path);
}

/* Step 2: the kept file, written for real. */
static void commit(struct web_req *rq, struct web_resp *rs, const char *token)
{
	struct asset_import_result res;
	struct err e = {0};
	const char *name = form_get(&rq->body, "name");
	name = name && *name ? name : "アップロードされたファイル";
	char *path = upload_store_path(rq, token);
	if (!path) {
		err_set(&e, ERR_INPUT, "確認したファイルが見つかりません（%d 分を過ぎたか、取り込み済みです）。もう一度選んでください",
			UPLOAD_KEEP_SECONDS / 60);
		refused_page(rq, rs, 400, name, NULL, &e);
		return;
	}
	int rc = run_import(rq, path, name, 0, &res, &e);
	upload_store_remove(path);
	if (rc == ERR_INPUT) {
		refused_page(rq, rs, 422, name, &res, &e);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		char *to = xasprintf("/assets/import?added=%lld&changed=%lld&unchanged=%lld", res.added,
				     res.changed, res.unchanged);
		web_redirect(rs, to);
		free(to);
	}
	asset_import_result_free(&res);
	free(path);
}

void page_asset_import_post(struct web_req *rq, struct web_resp *rs)
{
	if (refuse(rq, rs))
		return;
	const char *token = form_get(&rq->body, "token");
	if (token)
		commit(rq, rs, token);
	else
		preview(rq, rs);
}
