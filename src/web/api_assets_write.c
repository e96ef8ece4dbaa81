/*
 * api_assets_write.c — one asset in the JSON API (docs/api.md):
 * GET /api/v1/assets/{no}, POST /api/v1/assets (add) and
 * POST /api/v1/assets/{no} (change), with urlencoded fields named as in
 * asset_input.h.  The same rules as the edit pages (asset_write.h): reading
 * follows the list's scope, writing needs the 課's manager.
 *
 * A refused write answers 400 with code "validation" and one entry per bad
 * field, so a script can point at exactly what to fix.
 */
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "web/asset_write.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/scope.h"

static void json_begin(struct web_resp *rs, int status, struct json_writer *w)
{
	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
	rs->no_store = 1;
	jw_init(w, &rs->body);
	jw_object_begin(w);
}

static int by_key(const void *x, const void *y)
{
	const int *a = x, *b = y;
	return strcmp(asset_input_names[*a], asset_input_names[*b]);
}

/* {"asset":{…}}: every field as typed (codes, labels), plus 表示. */
static int asset_answer(struct web_req *rq, struct web_resp *rs, int status, const char *asset_no,
			struct err *e)
{
	struct asset a;
	struct class_scheme s = {0};
	struct json_writer w;
	char *texts[NASSET_INPUT] = {0};
	int found = 0, order[NASSET_INPUT];
	if (asset_find(rq->db, asset_no, 0, &a, &found, e) || (found && class_scheme_load(rq->db, &s, e)))
		goto fail;
	if (!found || !scope_asset_visible(rq->user, &a)) {
		web_error(rq, rs, 404, "not_found", "資産が見つかりません");
		goto done;
	}
	if (asset_input_texts(rq->db, &s, &a, texts, e))
		goto fail;
	for (int i = 0; i < NASSET_INPUT; i++)
		order[i] = i;
	qsort(order, NASSET_INPUT, sizeof order[0], by_key);
	char *label = asset_label(&s, &a);
	json_begin(rs, status, &w);
	jw_key(&w, "asset");
	jw_object_begin(&w);
	for (int k = 0; k < NASSET_INPUT; k++) {
		const char *v = texts[order[k]];
		if (label && strcmp(asset_input_names[order[k]], "label") > 0) {
			jw_kv_string(&w, "label", label); /* "label" sorts between "i" and "location" */
			free(label);
			label = NULL;
		}
		jw_kv_string(&w, asset_input_names[order[k]], *v ? v : NULL);
	}
	free(label);
	jw_object_end(&w);
	jw_object_end(&w);
	buf_putc(&rs->body, '\n');
	goto done;
fail:
	web_internal_error(rq, rs, e);
done:
	asset_input_texts_free(texts);
	class_scheme_free(&s);
	if (found)
		asset_free(&a);
	return 0;
}

void api_asset_get(struct web_req *rq, struct web_resp *rs)
{
	struct err e = {0};
	asset_answer(rq, rs, 200, rq->id, &e);
}

static void validation_error(struct web_resp *rs, const struct asset_input_errors *errs)
{
	struct json_writer w;
	json_begin(rs, 400, &w); /* 400 like every validation error of the API */
	jw_key(&w, "error");
	jw_object_begin(&w);
	jw_kv_string(&w, "code", "validation");
	jw_key(&w, "fields");
	jw_array_begin(&w);
	for (int i = 0; i < NASSET_INPUT; i++) {
		const char *problem = asset_input_error_of(errs, (enum asset_input_field)i);
		if (!problem)
			continue;
		jw_object_begin(&w);
		jw_kv_string(&w, "field", asset_input_names[i]);
		jw_kv_string(&w, "label", asset_input_labels[i]);
		jw_kv_string(&w, "message", problem);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_kv_string(&w, "message", "入力に誤りがあります（fields を参照してください）");
	jw_object_end(&w);
	jw_object_end(&w);
	buf_putc(&rs->body, '\n');
}

static void save(struct web_req *rq, struct web_resp *rs, const char *asset_no)
{
	struct asset_input in;
	struct asset_input_errors errs;
	struct err e = {0};
	char *saved_no = NULL;
	asset_write_input_of(&rq->body, &in);
	if (asset_no)
		in.v[AI_NO] = NULL;
	switch (asset_write_save(rq, asset_no, &in, &errs, &saved_no, &e)) {
	case AW_OK:
		asset_answer(rq, rs, asset_no ? 200 : 201, saved_no, &e);
		break;
	case AW_INVALID:
		validation_error(rs, &errs);
		break;
	case AW_NOT_FOUND:
		web_error(rq, rs, 404, "not_found", "資産が見つかりません");
		break;
	case AW_FORBIDDEN:
		web_error(rq, rs, 403, "forbidden",
			  "この資産を変更できるのは、所管課の情報セキュリティ管理者だけです");
		break;
	case AW_ERROR:
		web_internal_error(rq, rs, &e);
		break;
	}
	asset_input_errors_free(&errs);
	free(saved_no);
}

void api_asset_create(struct web_req *rq, struct web_resp *rs)
{
	if (!asset_write_may_create(rq->user)) {
		web_error(rq, rs, 403, "forbidden",
			  "情報資産を登録できるのは、その課の情報セキュリティ管理者だけです");
		return;
	}
	save(rq, rs, NULL);
}

void api_asset_update(struct web_req *rq, struct web_resp *rs)
{
	save(rq, rs, rq->id);
}
