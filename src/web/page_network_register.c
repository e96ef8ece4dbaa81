/*
 * page_network_register.c — POST /network/register: a network model JSON
 * uploaded by the CISO or the 統括 becomes the next registered version,
 * journaled as `mamori --as 職員番号 netcheck register` would.
 *
 * A model over the web has no directory its "import" file names could be
 * read from, so it is parsed with no base directory: the parser refuses
 * such a model, naming the entry and what to do instead.  A model that does not parse answers 422
 * with the JSON path of the problem; nothing is written then.
 */
#include <stdio.h>

#include "web/layout.h"
#include "web/network_web.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/write.h"

/* Far above a model of 10,000 hosts and 50,000 rules. */
#define MODEL_UPLOAD_MAX (32u * 1024 * 1024)

struct register_args {
	const char *json;
	size_t len;
	const char *note;
	struct net_model_registered done;
};

static int do_register(struct tx *tx, void *arg, struct err *e)
{
	struct register_args *a = arg;
	return netmodel_register(tx, a->json, a->len, NULL, a->note, &a->done, e);
}

static void refused(struct web_req *rq, struct web_resp *rs, int status, const char *name, const char *why)
{
	page_begin(rq, rs, "ネットワーク構成の登録");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/network\">ネットワーク構成</a></p>\n"
		    "<h1>ネットワーク構成の登録</h1>\n<div class=\"error\" role=\"alert\">\n");
	html_printf(b, "<p>「%s」は登録できません。何も書き込んでいません。</p>\n<p>%s</p>\n", name, why);
	buf_puts(b, "</div>\n<p><a href=\"/network#register\">ネットワーク構成の画面に戻る</a></p>\n");
	layout_end(b);
}

void page_network_register(struct web_req *rq, struct web_resp *rs)
{
	if (!web_user_has_any(rq->user, network_web_roles_register)) {
		web_error(rq, rs, 403, "forbidden", "ネットワーク構成を登録できるのは CISO と統括情報セキュリティ責任者だけです");
		return;
	}
	const struct web_upload *up = web_upload_get(rq, "file");
	const char *name = up && up->filename && *up->filename ? up->filename : "アップロードされたファイル";
	if (!up || up->len == 0) {
		refused(rq, rs, 400, name, "ファイルが選ばれていないか、空のファイルです。");
		return;
	}
	if (up->len > MODEL_UPLOAD_MAX) {
		refused(rq, rs, 413, name, "ファイルが大きすぎます（32 MiB まで）。");
		return;
	}
	const char *note = form_get(&rq->body, "note");
	struct register_args a = {(const char *)up->data, up->len, note && *note ? note : NULL, {0}};
	struct err e = {0};
	int rc = web_write(rq, do_register, &a, &e);
	if (rc == ERR_INPUT) {
		refused(rq, rs, 422, name, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		char to[64];
		snprintf(to, sizeof to, "/network?registered=%d", a.done.version);
		web_redirect(rs, to);
	}
}
