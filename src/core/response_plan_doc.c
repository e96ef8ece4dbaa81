/*
 * response_plan_doc.c — the plan as people read it: the 庁内 contacts
 * generated from today's role holders (contacts.h's 緊急連絡網 plus the
 * CSIRT), and the whole plan as document blocks (for the policy writers:
 * Markdown, HTML, the A4 PDF) or as JSON.
 */
#include "core/response_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/contacts.h"
#include "core/vocab.h"
#include "util/json.h"
#include "util/timeutil.h"

static void add_internal(struct plan_internals *l, const char *role, const char *label, const char *scope,
			 const struct staff *person)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = (struct plan_internal){role, label, xstrdup(scope), person};
}

/* The organisation-wide posts, in the order the plan lists them. */
static const char *const top_roles[] = {"ciso", "deputy_ciso", "chief_officer", "csirt_lead"};
#define CSIRT_LEAD_LABEL "CSIRT 責任者（統一的な窓口）"

static const char *label_of(const char *role)
{
	return strcmp(role, "csirt_lead") == 0 ? CSIRT_LEAD_LABEL : vocab_label(&vocab_role, role);
}

static int is_top(const char *role)
{
	for (size_t k = 0; k < sizeof top_roles / sizeof top_roles[0]; k++)
		if (strcmp(role, top_roles[k]) == 0)
			return 1;
	return 0;
}

void plan_internals_build(const struct check_ctx *c, struct plan_internals *out)
{
	struct contact_tree t;
	memset(out, 0, sizeof *out);
	contacts_build(c, &t);
	for (size_t k = 0; k < sizeof top_roles / sizeof top_roles[0]; k++) {
		size_t before = out->n;
		for (size_t i = 0; i < t.n; i++)
			if (strcmp(t.v[i].role, top_roles[k]) == 0)
				add_internal(out, t.v[i].role, label_of(t.v[i].role), t.v[i].scope, t.v[i].person);
		/* the 窓口 must exist even when nobody holds it: show the gap */
		if (out->n == before && strcmp(top_roles[k], "csirt_lead") == 0)
			add_internal(out, "csirt_lead", CSIRT_LEAD_LABEL, "", NULL);
	}
	for (size_t i = 0; i < c->roles.n; i++)
		if (strcmp(c->roles.v[i].role, "csirt") == 0)
			add_internal(out, "csirt", vocab_label(&vocab_role, "csirt"), "",
				     check_staff_by_id(c, c->roles.v[i].staff_id));
	for (size_t i = 0; i < t.n; i++)
		if (!is_top(t.v[i].role) && strcmp(t.v[i].role, "system_staff") != 0)
			add_internal(out, t.v[i].role, label_of(t.v[i].role), t.v[i].scope, t.v[i].person);
	contacts_free(&t);
}

void plan_internals_free(struct plan_internals *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].scope);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* "情報セキュリティ管理者（総務課）　山田 太郎　電話 … メール …" */
static char *internal_line(const struct plan_internal *x)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, x->label);
	if (*x->scope)
		buf_printf(&b, "（%s）", x->scope);
	if (!x->person) {
		buf_puts(&b, "　（不在）");
		return buf_take(&b);
	}
	buf_printf(&b, "　%s", x->person->name);
	if (x->person->phone && *x->person->phone)
		buf_printf(&b, "　電話 %s", x->person->phone);
	if (x->person->email && *x->person->email)
		buf_printf(&b, "　メール %s", x->person->email);
	return buf_take(&b);
}

static char *external_line(const struct plan_contact *c)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, c->party);
	if (*c->person)
		buf_printf(&b, "　%s", c->person);
	if (*c->staff_no)
		buf_printf(&b, "（職員番号 %s）", c->staff_no);
	buf_printf(&b, "　電話 %s", *c->phone ? c->phone : "（未記入）");
	if (*c->email)
		buf_printf(&b, "　メール %s", c->email);
	if (*c->note)
		buf_printf(&b, "　― %s", c->note);
	return buf_take(&b);
}

void plan_text_paragraphs(const char *text, void (*each)(const char *line, void *arg), void *arg)
{
	const char *p = text ? text : "";
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[len - 1] = 0;
		if (*line)
			each(line, arg);
		free(line);
		p += n + (p[n] == '\n');
	}
}

struct para_args {
	struct pdoc *d;
	const char *clause;
};

static void add_paragraph(const char *line, void *arg)
{
	struct para_args *a = arg;
	pdoc_add(a->d, PD_PARA, 0, NULL, line, a->clause);
}

/* Each non-empty line of a stored text as one paragraph. */
static void add_paragraphs(struct pdoc *d, const char *text, const char *clause)
{
	struct para_args a = {d, clause};
	plan_text_paragraphs(text, add_paragraph, &a);
}

static void add_contacts(struct pdoc *d, const struct check_ctx *c, const struct plan_contacts *ext)
{
	struct plan_internals in;
	char num[24];
	pdoc_add(d, PD_CHAPTER, 0, "1", "関係者の連絡先", "7.3.2.1");
	pdoc_add(d, PD_SECTION, 0, NULL, "庁内（現在の役割の担当者から作成）", "7.3.2.1");
	plan_internals_build(c, &in);
	for (size_t i = 0; i < in.n; i++) {
		char *line = internal_line(&in.v[i]);
		snprintf(num, sizeof num, "(%zu)", i + 1);
		pdoc_add(d, PD_ITEM, 1, num, line, NULL);
		free(line);
	}
	plan_internals_free(&in);
	pdoc_add(d, PD_SECTION, 0, NULL, "庁外・関係機関", "7.3.2.1");
	for (size_t i = 0; i < ext->n; i++) {
		char *line = external_line(&ext->v[i]);
		snprintf(num, sizeof num, "(%zu)", i + 1);
		pdoc_add(d, PD_ITEM, 1, num, line, NULL);
		free(line);
	}
	if (!ext->n)
		pdoc_add(d, PD_NOTE, 0, NULL, "庁外の連絡先はまだ登録されていません。", NULL);
}

static char *subtitle(const struct check_ctx *c, const struct plan_version *v)
{
	struct buf b = BUF_INIT;
	char wareki[64];
	wareki_date(v->reviewed_on, wareki, sizeof wareki);
	buf_printf(&b, "第%lld版　見直し日 %s（%s）　", v->version, v->reviewed_on, wareki);
	if (v->approved_by) {
		const struct staff *s = check_staff_by_id(c, v->approved_by);
		char jst[17] = "";
		time_jst_text(v->approved_at, jst);
		buf_printf(&b, "%.10s 決裁（%s）", jst, s ? s->name : "?");
	} else {
		buf_puts(&b, "未決裁");
	}
	return buf_take(&b);
}

int plan_document(const struct check_ctx *c, const struct plan_version *v, struct pdoc *out, struct err *e)
{
	struct plan_contacts ext;
	if (plan_contacts_parse(v->contacts, &ext, e))
		return e->code;
	memset(out, 0, sizeof *out);
	out->title = xasprintf("%s緊急時対応計画", c->profile.name ? c->profile.name : "");
	out->subtitle = subtitle(c, v);
	out->confidential = 1; /* names, telephone numbers and the response procedure: 庁内限り */
	add_contacts(out, c, &ext);
	pdoc_add(out, PD_CHAPTER, 0, "2", "報告すべき事項", "7.3.2.2");
	add_paragraphs(out, v->reporting, "7.3.2.2");
	pdoc_add(out, PD_CHAPTER, 0, "3", "対応措置", "7.3.2.3");
	add_paragraphs(out, v->measures, "7.3.2.3");
	pdoc_add(out, PD_CHAPTER, 0, "4", "再発防止措置", "7.3.2.4");
	add_paragraphs(out, v->prevention, "7.3.2.4");
	pdoc_add(out, PD_CHAPTER, 0, "5", "業務継続計画との関係", "7.3.3");
	if (v->bcp && *v->bcp)
		add_paragraphs(out, v->bcp, "7.3.3");
	else
		pdoc_add(out, PD_NOTE, 0, NULL, "業務継続計画との関係はまだ書かれていません。", NULL);
	plan_contacts_free(&ext);
	return 0;
}

static void internals_json(struct json_writer *w, const struct check_ctx *c)
{
	struct plan_internals in;
	plan_internals_build(c, &in);
	jw_key(w, "internal_contacts");
	jw_array_begin(w);
	for (size_t i = 0; i < in.n; i++) {
		const struct plan_internal *x = &in.v[i];
		jw_object_begin(w);
		jw_kv_string(w, "email", x->person ? x->person->email : NULL);
		jw_kv_string(w, "label", x->label);
		jw_kv_string(w, "name", x->person ? x->person->name : NULL);
		jw_kv_string(w, "phone", x->person ? x->person->phone : NULL);
		jw_kv_string(w, "role", x->role);
		jw_kv_string(w, "scope", x->scope);
		jw_kv_string(w, "staff_no", x->person ? x->person->staff_no : NULL);
		jw_object_end(w);
	}
	jw_array_end(w);
	plan_internals_free(&in);
}

int plan_json(const struct check_ctx *c, const struct plan_version *v, struct buf *out, struct err *e)
{
	struct plan_contacts ext;
	struct json_writer w;
	const struct staff *by = v->approved_by ? check_staff_by_id(c, v->approved_by) : NULL;
	if (plan_contacts_parse(v->contacts, &ext, e))
		return e->code;
	plan_contacts_free(&ext);
	jw_init(&w, out);
	jw_object_begin(&w);
	jw_kv_string(&w, "approved_at", v->approved_at);
	jw_kv_string(&w, "approved_by", by ? by->staff_no : NULL);
	jw_kv_string(&w, "bcp", v->bcp);
	jw_kv_string(&w, "created_at", v->created_at);
	jw_key(&w, "external_contacts");
	jw_raw(&w, v->contacts);
	internals_json(&w, c);
	jw_kv_string(&w, "measures", v->measures);
	jw_kv_string(&w, "prevention", v->prevention);
	jw_kv_string(&w, "reporting", v->reporting);
	jw_kv_string(&w, "reviewed_on", v->reviewed_on);
	jw_kv_int(&w, "version", v->version);
	jw_object_end(&w);
	buf_putc(out, '\n');
	return 0;
}
