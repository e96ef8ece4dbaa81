/*
 * page_asset_edit.c — 情報資産の登録と編集: the forms behind
 * /assets/new and /assets/{no}/edit (who may: asset_write.h).
 *
 * The form posts the field ids of asset_input.h; the core turns them into
 * an asset and validates it, and a refused form comes back with every value
 * as typed and each problem beside its field.  A saved form redirects (303)
 * to the asset's page.
 */
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "web/asset_write.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/scope.h"
#include "web/url.h"

/* What one form draws: the values as typed and the problems found. */
struct asset_form {
	const char *values[NASSET_INPUT];
	const struct asset_input_errors *errs;
	const char *asset_no; /* NULL: a new asset */
	const struct class_scheme *scheme;
	long long unit_id;    /* the stored 所管課 (kept in the list even when closed) */
};

static const char *value_of(const struct asset_form *f, enum asset_input_field i)
{
	return f->values[i] ? f->values[i] : "";
}

/* The label, then the field's problem (if any) tied to it for screen readers. */
static void field_label(struct buf *b, const struct asset_form *f, enum asset_input_field i,
			int required)
{
	const char *name = asset_input_names[i];
	html_printf(b, "<label for=\"a-%s\">%s%s</label>", name, asset_input_labels[i],
		    required ? "（必須）" : "");
	const char *problem = f->errs ? asset_input_error_of(f->errs, i) : NULL;
	if (problem)
		html_printf(b, "<p class=\"error\" id=\"e-%s\">%s</p>", name, problem);
}

/* Markup belongs in the format string: a %s argument would be escaped. */
static void invalid_attr(struct buf *b, const struct asset_form *f, enum asset_input_field i)
{
	if (f->errs && asset_input_error_of(f->errs, i))
		html_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", asset_input_names[i]);
}

static void text_field(struct buf *b, const struct asset_form *f, enum asset_input_field i,
		       int required)
{
	const char *name = asset_input_names[i];
	field_label(b, f, i, required);
	html_printf(b, "<input id=\"a-%s\" name=\"%s\" value=\"%s\"", name, name, value_of(f, i));
	if (required)
		buf_puts(b, " required");
	invalid_attr(b, f, i);
	buf_puts(b, ">\n");
}

static void option(struct buf *b, const char *value, const char *label, int selected)
{
	html_printf(b, selected ? "<option value=\"%s\" selected>%s</option>"
				: "<option value=\"%s\">%s</option>",
		    value, label);
}

static void select_begin(struct buf *b, const struct asset_form *f, enum asset_input_field i,
			 int required)
{
	const char *name = asset_input_names[i];
	field_label(b, f, i, required);
	html_printf(b, "<select id=\"a-%s\" name=\"%s\"", name, name);
	invalid_attr(b, f, i);
	buf_putc(b, '>');
}

static void vocab_field(struct buf *b, const struct asset_form *f, enum asset_input_field i,
			const struct vocab *v, const char *empty_label)
{
	const char *current = value_of(f, i);
	const struct vocab_entry *cur = *current ? vocab_find(v, current) : NULL;
	select_begin(b, f, i, empty_label == NULL);
	if (empty_label)
		option(b, "", empty_label, !*current);
	for (int k = 0; k < v->n; k++)
		option(b, v->entries[k].id, v->entries[k].label, cur == &v->entries[k]);
	buf_puts(b, "</select>\n");
}

/* A level: the scheme's labels, or free text while no scheme exists yet. */
static void level_field(struct buf *b, const struct asset_form *f, enum dimension d)
{
	enum asset_input_field i = (enum asset_input_field)(AI_C + d);
	const struct class_scheme *s = f->scheme;
	if (!s->n[d]) {
		text_field(b, f, i, 0);
		return;
	}
	const char *current = value_of(f, i);
	select_begin(b, f, i, 0);
	option(b, "", "未分類", !*current);
	for (size_t k = s->n[d]; k-- > 0;) {
		const struct class_level *l = &s->levels[d][k];
		option(b, l->label, l->label, strcmp(current, l->label) == 0);
	}
	buf_puts(b, "</select>\n");
}

/* The units this person manages (open ones, and the asset's own). */
static void unit_field(struct buf *b, const struct web_req *rq, const struct asset_form *f)
{
	const char *current = value_of(f, AI_UNIT);
	select_begin(b, f, AI_UNIT, 1);
	option(b, "", "選択してください", !*current);
	for (size_t k = 0; k < rq->user->units.n; k++) {
		const struct org_unit *u = &rq->user->units.v[k];
		if (!asset_write_unit_allowed(rq->user, u->id) ||
		    (!org_unit_is_open(u) && u->id != f->unit_id))
			continue;
		char *path = org_unit_path(&rq->user->units, u->id);
		option(b, u->code, path, strcmp(current, u->code) == 0);
		free(path);
	}
	buf_puts(b, "</select>\n");
}

static void error_summary(struct buf *b, const struct asset_form *f)
{
	if (!f->errs || !f->errs->n)
		return;
	buf_puts(b, "<div class=\"error\" role=\"alert\"><p>入力に誤りがあります。直してからもう一度保存してください。</p><ul>\n");
	for (int i = 0; i < NASSET_INPUT; i++) {
		const char *problem = asset_input_error_of(f->errs, (enum asset_input_field)i);
		if (problem)
			html_printf(b, "<li><a href=\"#a-%s\">%s</a>: %s</li>\n", asset_input_names[i],
				    asset_input_labels[i], problem);
	}
	buf_puts(b, "</ul></div>\n");
}

static void draw_form(struct web_req *rq, struct buf *b, const struct asset_form *f)
{
	struct buf action = BUF_INIT;
	if (f->asset_no) {
		buf_puts(&action, "/assets/");
		url_encode(&action, f->asset_no);
		buf_puts(&action, "/edit");
	} else {
		buf_puts(&action, "/assets/new");
	}
	error_summary(b, f);
	html_printf(b, "<form method=\"post\" action=\"%s\" class=\"stack\">\n", buf_str(&action));
	layout_csrf_field(b, rq);
	if (f->asset_no)
		html_printf(b, "<p>資産番号: <strong>%s</strong>（変更できません）</p>\n", f->asset_no);
	else
		text_field(b, f, AI_NO, 1);
	text_field(b, f, AI_NAME, 1);
	vocab_field(b, f, AI_TYPE, &vocab_asset_type, NULL);
	unit_field(b, rq, f);
	text_field(b, f, AI_MANAGER, 0);
	for (int d = 0; d < NDIMENSIONS; d++)
		level_field(b, f, (enum dimension)d);
	text_field(b, f, AI_SCOPE, 0);
	text_field(b, f, AI_LOCATION, 0);
	vocab_field(b, f, AI_MEDIUM, &vocab_medium, NULL);
	text_field(b, f, AI_SYSTEM, 0);
	vocab_field(b, f, AI_ZONE, &vocab_zone, "（なし）");
	vocab_field(b, f, AI_PERSONAL, &vocab_personal, NULL);
	text_field(b, f, AI_RETENTION, 0);
	vocab_field(b, f, AI_ORIGIN, &vocab_origin, NULL);
	text_field(b, f, AI_SOURCE, 0);
	text_field(b, f, AI_CONTAINER, 0);
	vocab_field(b, f, AI_STATE, &vocab_asset_state, NULL);
	text_field(b, f, AI_NOTE, 0);
	buf_puts(b, "<p class=\"note\">管理者は職員番号、所属システムはシステムコード、複製元・格納媒体は資産番号で入力します。</p>\n"
		    "<button type=\"submit\">保存する</button></form>\n");
	buf_free(&action);
}

static void form_page(struct web_req *rq, struct web_resp *rs, const struct asset_form *f,
		      int status)
{
	page_begin(rq, rs, f->asset_no ? "情報資産の編集" : "情報資産の登録");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/assets\">情報資産台帳</a></p>\n");
	if (f->asset_no)
		html_printf(b, "<h1>情報資産の編集 <small>%s</small></h1>\n", f->asset_no);
	else
		buf_puts(b, "<h1>情報資産の登録</h1>\n");
	draw_form(rq, b, f);
	layout_end(b);
}

static int load_scheme(struct web_req *rq, struct web_resp *rs, struct class_scheme *s)
{
	struct err e = {0};
	memset(s, 0, sizeof *s);
	if (class_scheme_load(rq->db, s, &e) == 0)
		return 0;
	web_internal_error(rq, rs, &e);
	return -1;
}

static int refuse_creator(struct web_req *rq, struct web_resp *rs)
{
	if (asset_write_may_create(rq->user))
		return 0;
	web_error(rq, rs, 403, "forbidden",
		  "情報資産を登録できるのは、その課の情報セキュリティ管理者だけです");
	return 1;
}

void page_asset_new_get(struct web_req *rq, struct web_resp *rs)
{
	struct class_scheme s;
	if (refuse_creator(rq, rs) || load_scheme(rq, rs, &s))
		return;
	struct asset_form f = {.scheme = &s};
	f.values[AI_TYPE] = "information";
	/* a manager of one unit only: choose it already */
	size_t allowed = 0;
	for (size_t k = 0; k < rq->user->units.n; k++) {
		const struct org_unit *u = &rq->user->units.v[k];
		if (asset_write_unit_allowed(rq->user, u->id) && org_unit_is_open(u))
			f.values[AI_UNIT] = ++allowed == 1 ? u->code : NULL;
	}
	form_page(rq, rs, &f, 200);
	class_scheme_free(&s);
}

/* After a POST: the redirect, the refused form again, or the error. */
static void answer_save(struct web_req *rq, struct web_resp *rs, enum asset_write_result r,
			struct asset_form *f, const char *saved_no, const struct err *e)
{
	struct buf to = BUF_INIT;
	switch (r) {
	case AW_OK:
		buf_puts(&to, "/assets/");
		url_encode(&to, saved_no);
		web_redirect(rs, buf_str(&to));
		break;
	case AW_INVALID:
		form_page(rq, rs, f, 422);
		break;
	case AW_NOT_FOUND:
		web_error(rq, rs, 404, "not_found", "ページが見つかりません");
		break;
	case AW_FORBIDDEN:
		web_error(rq, rs, 403, "forbidden",
			  "この資産を編集できるのは、所管課の情報セキュリティ管理者だけです");
		break;
	case AW_ERROR:
		web_internal_error(rq, rs, e);
		break;
	}
	buf_free(&to);
}

static void post_form(struct web_req *rq, struct web_resp *rs, const char *asset_no)
{
	struct class_scheme s;
	struct asset_input in;
	struct asset_input_errors errs;
	struct err e = {0};
	char *saved_no = NULL;
	asset_write_input_of(&rq->body, &in);
	if (asset_no)
		in.v[AI_NO] = NULL; /* the number names the record; it is not edited */
	enum asset_write_result r = asset_write_save(rq, asset_no, &in, &errs, &saved_no, &e);
	if (r == AW_INVALID && load_scheme(rq, rs, &s) == 0) {
		struct asset_form f = {.errs = &errs, .asset_no = asset_no, .scheme = &s};
		memcpy(f.values, in.v, sizeof f.values);
		answer_save(rq, rs, r, &f, NULL, &e);
		class_scheme_free(&s);
	} else if (r != AW_INVALID) {
		answer_save(rq, rs, r, NULL, saved_no, &e);
	}
	asset_input_errors_free(&errs);
	free(saved_no);
}

void page_asset_new_post(struct web_req *rq, struct web_resp *rs)
{
	if (!refuse_creator(rq, rs))
		post_form(rq, rs, NULL);
}

void page_asset_edit_get(struct web_req *rq, struct web_resp *rs)
{
	struct asset a = {0};
	struct class_scheme s = {0};
	struct err e = {0};
	char *texts[NASSET_INPUT] = {0};
	int found = 0;
	if (asset_find(rq->db, rq->id, 0, &a, &found, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (!found || !asset_write_may_edit(rq->user, &a)) {
		int seen = found && scope_asset_visible(rq->user, &a);
		answer_save(rq, rs, seen ? AW_FORBIDDEN : AW_NOT_FOUND, NULL, NULL, &e);
	} else if (load_scheme(rq, rs, &s) == 0) {
		if (asset_input_texts(rq->db, &s, &a, texts, &e)) {
			web_internal_error(rq, rs, &e);
		} else {
			struct asset_form f = {.asset_no = a.asset_no, .scheme = &s, .unit_id = a.unit_id};
			memcpy(f.values, texts, sizeof f.values);
			form_page(rq, rs, &f, 200);
		}
		asset_input_texts_free(texts);
		class_scheme_free(&s);
	}
	if (found)
		asset_free(&a);
}

void page_asset_edit_post(struct web_req *rq, struct web_resp *rs)
{
	post_form(rq, rs, rq->id);
}
