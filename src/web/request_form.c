/*
 * request_form.c — a request type's application form (request_form.h).
 */
#include "web/request_form.h"

#include <stdlib.h>
#include <string.h>

#include "core/asset.h"
#include "core/infosys.h"
#include "core/vocab.h"
#include "web/layout.h"
#include "web/response.h"
#include "web/scope.h"
#include "web/url.h"

/* Suggestions in the asset field's list; the field itself takes any number. */
#define ASSET_CHOICES_MAX 500

static const char *posted(const struct form *body, const char *name)
{
	const char *v = body ? form_get(body, name) : NULL;
	return v;
}

void request_form_init(struct request_form *f, const struct request_type *t, const struct form *body)
{
	memset(f, 0, sizeof *f);
	f->t = t;
	f->asset = posted(body, "asset");
	f->system = posted(body, "system");
	for (int i = 0; i < REQUEST_MAX_FIELDS && t->fields[i].key; i++)
		f->values[i] = posted(body, t->fields[i].key);
}

void request_form_free(struct request_form *f)
{
	for (int i = 0; i < REQUEST_MAX_FIELDS; i++)
		free(f->args[i]);
	for (size_t i = 0; i < f->nproblems; i++)
		free(f->problems[i].msg);
	memset(f, 0, sizeof *f);
}

void request_form_problem(struct request_form *f, const char *field, const char *msg)
{
	if (f->nproblems == REQUEST_FORM_PROBLEMS)
		return;
	f->problems[f->nproblems].field = field;
	f->problems[f->nproblems].msg = xstrdup(msg);
	f->nproblems++;
}

static int blank(const char *s)
{
	return !s || !*s;
}

/* Whether the person may file a request about an asset of unit_id managed
 * by manager_id (request_form.h). */
static int asset_within_reach(const struct web_user *u, long long unit_id, long long manager_id)
{
	if (scope_sees_all_assets(u) || (manager_id && manager_id == u->staff.id) ||
	    scope_unit_covered(u, unit_id))
		return 1;
	const struct org_unit *own = org_unit_up_to_tier(&u->units, u->staff.unit_id, TIER_SECTION);
	return own && org_unit_within(&u->units, unit_id, own->id);
}

static int check_asset(struct web_req *rq, struct request_form *f, struct err *e)
{
	struct asset a;
	int found = 0;
	char *msg;
	if (blank(f->asset)) {
		request_form_problem(f, "asset", "対象の資産（資産番号）を入力してください");
		return 0;
	}
	if (asset_find(rq->db, f->asset, 0, &a, &found, e))
		return e->code;
	if (found && asset_within_reach(rq->user, a.unit_id, a.manager_id)) {
		asset_free(&a);
		return 0;
	}
	if (found)
		asset_free(&a);
	msg = xasprintf("資産番号「%s」はあなたが申請できる資産の中にありません", f->asset);
	request_form_problem(f, "asset", msg);
	free(msg);
	return 0;
}

int request_form_check(struct web_req *rq, struct request_form *f, struct err *e)
{
	const struct request_type *t = f->t;
	for (int i = 0; i < REQUEST_MAX_FIELDS && t->fields[i].key; i++) {
		if (!blank(f->values[i]))
			continue;
		char *msg = xasprintf("「%s」を入力してください", t->fields[i].label);
		request_form_problem(f, t->fields[i].key, msg);
		free(msg);
	}
	if (t->target == TARGET_SYSTEM && blank(f->system))
		request_form_problem(f, "system", "対象の情報システムを選んでください");
	if (t->target == TARGET_ASSET)
		return check_asset(rq, f, e);
	return 0;
}

void request_form_input(struct request_form *f, const struct web_req *rq, struct request_new *in)
{
	const struct request_type *t = f->t;
	int n = 0;
	memset(in, 0, sizeof *in);
	in->type = t->id;
	in->requester_no = rq->user->staff.staff_no;
	in->asset_no = t->target == TARGET_ASSET ? f->asset : NULL;
	in->system_code = t->target == TARGET_SYSTEM ? f->system : NULL;
	for (int i = 0; i < REQUEST_MAX_FIELDS && t->fields[i].key; i++) {
		free(f->args[n]);
		f->args[n++] = xasprintf("%s=%s", t->fields[i].key, f->values[i] ? f->values[i] : "");
	}
	in->field_args = (const char **)f->args;
	in->nfields = n;
}

/* ---- drawing ---- */

static void problems_for(struct buf *b, const struct request_form *f, const char *field)
{
	for (size_t i = 0; i < f->nproblems; i++) {
		const char *p = f->problems[i].field;
		if ((!field && !p) || (field && p && strcmp(field, p) == 0))
			html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>", f->problems[i].msg);
	}
}

static int asset_choices(struct web_req *rq, struct buf *b, struct err *e)
{
	struct db_stmt *st;
	size_t n = 0;
	if (db_prepare(rq->db, "SELECT asset_no, name, unit_id, manager_id FROM asset"
			       " WHERE state <> 'disposed' ORDER BY asset_no", &st, e))
		return e->code;
	buf_puts(b, "<datalist id=\"assets\">");
	enum db_step_result r;
	while (n < ASSET_CHOICES_MAX && (r = db_step(st, e)) == DB_ROW) {
		if (!asset_within_reach(rq->user, db_column_int(st, 2), db_column_int(st, 3)))
			continue;
		html_printf(b, "<option value=\"%s\">%s</option>", db_column_text(st, 0),
			    db_column_text(st, 1) ? db_column_text(st, 1) : "");
		n++;
	}
	if (n == ASSET_CHOICES_MAX)
		r = DB_DONE;
	db_finalize(st);
	buf_puts(b, "</datalist>");
	return r == DB_ERROR ? e->code : 0;
}

static int target_field(struct web_req *rq, struct buf *b, const struct request_form *f,
			struct err *e)
{
	if (f->t->target == TARGET_ASSET) {
		html_printf(b, "<label for=\"r-asset\">対象の資産（資産番号）<span class=\"req\">必須</span></label>"
			       "<input id=\"r-asset\" name=\"asset\" list=\"assets\" required value=\"%s\">",
			    f->asset ? f->asset : "");
		problems_for(b, f, "asset");
		return asset_choices(rq, b, e);
	}
	if (f->t->target != TARGET_SYSTEM)
		return 0;
	struct info_systems systems;
	if (infosys_load(rq->db, &systems, e))
		return e->code;
	buf_puts(b, "<label for=\"r-system\">対象の情報システム<span class=\"req\">必須</span></label>"
		    "<select id=\"r-system\" name=\"system\" required><option value=\"\">選んでください</option>");
	for (size_t i = 0; i < systems.n; i++) {
		const struct info_system *s = &systems.v[i];
		if (s->retired_on)
			continue;
		int sel = f->system && strcmp(f->system, s->code) == 0;
		html_printf(b, sel ? "<option value=\"%s\" selected>%s %s</option>"
				   : "<option value=\"%s\">%s %s</option>",
			    s->code, s->code, s->name);
	}
	buf_puts(b, "</select>");
	problems_for(b, f, "system");
	infosys_free(&systems);
	return 0;
}

static void text_fields(struct buf *b, const struct request_form *f)
{
	const struct request_type *t = f->t;
	for (int i = 0; i < REQUEST_MAX_FIELDS && t->fields[i].key; i++) {
		const struct request_field *x = &t->fields[i];
		html_printf(b, "<label for=\"r-%s\">%s<span class=\"req\">必須</span></label>"
			       "<input id=\"r-%s\" name=\"%s\" type=\"%s\" required value=\"%s\">",
			    x->key, x->label, x->key, x->key, x->is_date ? "date" : "text",
			    f->values[i] ? f->values[i] : "");
		problems_for(b, f, x->key);
	}
}

static void approvers_note(struct buf *b, const struct request_type *t)
{
	struct buf roles = BUF_INIT;
	for (int k = 0; k < REQUEST_MAX_APPROVERS && t->approvers[k]; k++)
		buf_printf(&roles, "%s%s", k ? " → " : "", vocab_label(&vocab_role, t->approvers[k]));
	html_printf(b, "<p class=\"note\">決裁: %s。許可の有効期間は %d 日です。</p>\n", buf_str(&roles),
		    t->validity_days);
	buf_free(&roles);
}

int request_form_show(struct web_req *rq, struct web_resp *rs, const struct request_form *f,
		      int status, struct err *e)
{
	const struct request_type *t = f->t;
	struct buf title = BUF_INIT, action = BUF_INIT, clause = BUF_INIT, form = BUF_INIT;
	buf_printf(&title, "%sの申請", t->label);
	buf_puts(&action, "/requests/new/");
	url_encode(&action, t->id);
	buf_puts(&clause, "/catalog/");
	url_encode(&clause, t->clause);
	html_printf(&form, "<form class=\"stack\" method=\"post\" action=\"%s\">", buf_str(&action));
	layout_csrf_field(&form, rq);
	text_fields(&form, f);
	int rc = target_field(rq, &form, f, e);
	if (!rc) {
		page_begin(rq, rs, buf_str(&title));
		rs->status = status;
		struct buf *b = &rs->body;
		html_printf(b, "<p class=\"crumbs\"><a href=\"/requests\">申請・承認</a> › "
			       "<a href=\"/requests/new\">新しい申請</a></p>\n<h1>%s</h1>\n"
			       "<p>対策基準 <a href=\"%s\">%s</a></p>\n",
			    buf_str(&title), buf_str(&clause), t->clause);
		approvers_note(b, t);
		if (f->nproblems)
			buf_puts(b, "<p class=\"error\" role=\"alert\">入力に誤りがあります。各項目の説明を確かめてください。</p>\n");
		problems_for(b, f, NULL);
		buf_append(b, buf_str(&form), form.len);
		buf_puts(b, "<button type=\"submit\">申請する</button></form>\n");
		layout_end(b);
	}
	buf_free(&title);
	buf_free(&action);
	buf_free(&clause);
	buf_free(&form);
	return rc;
}
