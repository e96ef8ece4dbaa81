/*
 * plan_view.c — loading, masking and drawing the 緊急時対応計画 page
 * (plan_view.h).
 */
#include "web/plan_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "util/timeutil.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/scope.h"

const char *const web_roles_plan_edit[] = {"ciso", "deputy_ciso", "chief_officer", NULL};
const char *const web_roles_plan_approve[] = {"ciso", NULL};

/* ---- loading and masking ---- */

static void hide(char **value)
{
	if (*value && **value) {
		free(*value);
		*value = xstrdup(PLAN_HIDDEN);
	}
}

static const struct staff *staff_by_no(const struct check_ctx *c, const char *no)
{
	for (size_t i = 0; i < c->staff.n; i++)
		if (strcmp(c->staff.v[i].staff_no, no) == 0)
			return &c->staff.v[i];
	return NULL;
}

/* Whether u sees the telephone and mail of outside contact x. */
static int external_visible(const struct web_user *u, const struct check_ctx *c,
			    const struct plan_contact *x)
{
	const struct staff *s = *x->staff_no ? staff_by_no(c, x->staff_no) : NULL;
	return s ? scope_contact_details_visible(u, s->unit_id) : scope_contact_details_all(u);
}

/* The stored contacts of version v with what u may not see masked. */
static int mask_external(const struct web_user *u, const struct check_ctx *c, struct plan_version *v,
			 struct err *e)
{
	struct plan_contacts l;
	if (plan_contacts_parse(v->contacts, &l, e))
		return e->code;
	for (size_t i = 0; i < l.n; i++) {
		if (external_visible(u, c, &l.v[i]))
			continue;
		hide(&l.v[i].phone);
		hide(&l.v[i].email);
	}
	struct buf json = BUF_INIT;
	plan_contacts_json(&l, &json);
	free(v->contacts);
	v->contacts = buf_take(&json);
	plan_contacts_free(&l);
	return 0;
}

/* The staff register as u may read it: the generated 庁内 list and the
 * documents take their numbers from here. */
static void mask_staff(const struct web_user *u, struct check_ctx *c)
{
	for (size_t i = 0; i < c->staff.n; i++) {
		struct staff *s = &c->staff.v[i];
		if (!scope_contact_details_visible(u, s->unit_id)) {
			hide(&s->phone);
			hide(&s->email);
		}
	}
}

static void plan_findings(const struct check_ctx *c, struct findings *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < check_nrules_plan; i++)
		if (check_rule_applies(c, &check_rules_plan[i]))
			check_rules_plan[i].run(c, &check_rules_plan[i], out);
}

int plan_view_load(struct web_req *rq, struct web_resp *rs, long long version, struct plan_view *v)
{
	struct err e = {0};
	memset(v, 0, sizeof *v);
	if (plan_versions_load(rq->db, &v->versions, &e))
		goto fail;
	v->shown = version ? plan_by_version(&v->versions, version) : plan_latest(&v->versions);
	if (version && !v->shown) {
		plan_view_free(v);
		web_error(rq, rs, 404, "not_found", "緊急時対応計画のその版はありません");
		return -1;
	}
	if (check_ctx_load(rq->db, &v->ctx, &e))
		goto fail;
	v->ctx_loaded = 1;
	plan_findings(&v->ctx, &v->findings);
	mask_staff(rq->user, &v->ctx);
	if (v->shown && mask_external(rq->user, &v->ctx, (struct plan_version *)v->shown, &e))
		goto fail;
	return 0;
fail:
	plan_view_free(v);
	web_internal_error(rq, rs, &e);
	return -1;
}

void plan_view_free(struct plan_view *v)
{
	plan_versions_free(&v->versions);
	if (v->ctx_loaded)
		check_ctx_free(&v->ctx);
	findings_free(&v->findings);
	memset(v, 0, sizeof *v);
}

/* ---- drawing ---- */

static int may_edit(const struct web_req *rq)
{
	return web_user_has_any(rq->user, web_roles_plan_edit);
}

/* A form field's value: what was just posted (a refused edit), else dflt. */
static const char *kept(const struct web_req *rq, const char *name, const char *dflt)
{
	const char *posted = form_get(&rq->body, name);
	return posted ? posted : (dflt ? dflt : "");
}

static int has_finding(const struct plan_view *v, const char *rule)
{
	for (size_t i = 0; i < v->findings.n; i++)
		if (strcmp(v->findings.v[i].rule, rule) == 0)
			return 1;
	return 0;
}

static void flash(struct buf *b, const struct web_req *rq, const char *error)
{
	static const char *const done[][2] = {
		{"init", "ひな形から第1版を作成しました（未決裁）。各項目を本市の実情に合わせて直してください。"},
		{"field", "項目を変更し、新しい版として記録しました（未決裁）。"},
		{"contact_add", "連絡先を追加し、新しい版として記録しました（未決裁）。"},
		{"contact_remove", "連絡先を削除し、新しい版として記録しました（未決裁）。"},
		{"review", "見直し日を記録し、新しい版として記録しました（未決裁）。"},
		{"approved", "決裁しました。"},
	};
	const char *r = form_get(&rq->query, "r");
	if (error) {
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
		return;
	}
	for (size_t i = 0; r && i < sizeof done / sizeof done[0]; i++)
		if (strcmp(r, done[i][0]) == 0)
			html_printf(b, "<p class=\"ok\" role=\"status\">%s</p>\n", done[i][1]);
}

static void findings_box(struct buf *b, const struct plan_view *v)
{
	if (!v->findings.n)
		return;
	buf_puts(b, "<section class=\"plan-findings\" aria-labelledby=\"plan-findings-title\">"
		    "<h2 id=\"plan-findings-title\">点検で見つかったこと</h2><ul>\n");
	for (size_t i = 0; i < v->findings.n; i++) {
		const struct finding *f = &v->findings.v[i];
		html_printf(b, "<li class=\"%s\"><span class=\"sev\">%s</span> %s（%s）</li>\n",
			    f->severity == SEV_ERROR ? "error" : "warning",
			    f->severity == SEV_ERROR ? "要対応" : "注意", f->message, f->control);
	}
	buf_puts(b, "</ul></section>\n");
}

static void approval_text(struct buf *b, const struct plan_view *v, const struct plan_version *p)
{
	if (!p->approved_by) {
		buf_puts(b, "<span class=\"pending\">未決裁</span>");
		return;
	}
	const struct staff *s = check_staff_by_id(&v->ctx, p->approved_by);
	layout_date(b, p->approved_at);
	html_printf(b, " 決裁（%s）", s ? s->name : "?");
}

static void facts(struct buf *b, const struct plan_view *v, const struct plan_version *p, int latest)
{
	buf_puts(b, "<dl class=\"facts\">\n");
	html_printf(b, "<dt>版</dt><dd>第%lld版%s</dd>\n", p->version, latest ? "（最新）" : "（過去の版）");
	buf_puts(b, "<dt>作成日時</dt><dd>");
	layout_date(b, p->created_at);
	buf_puts(b, "</dd>\n<dt>見直し日</dt><dd>");
	layout_date(b, p->reviewed_on);
	if (latest && has_finding(v, "plan.review_due"))
		buf_puts(b, " <span class=\"plan-due\">今年度未見直し</span>");
	buf_puts(b, "</dd>\n<dt>決裁</dt><dd>");
	approval_text(b, v, p);
	buf_puts(b, "</dd>\n</dl>\n");
}

static void approve_form(struct buf *b, const struct web_req *rq, const struct plan_version *p, int latest)
{
	if (!latest || p->approved_by || !web_user_has_any(rq->user, web_roles_plan_approve))
		return;
	html_printf(b, "<form method=\"post\" action=\"/plan/%lld/approve\">", p->version);
	layout_csrf_field(b, rq);
	html_printf(b, "<button type=\"submit\">第%lld版を決裁する</button></form>\n", p->version);
}

static void downloads(struct buf *b, const struct plan_version *p)
{
	static const char *const fmts[] = {"pdf", "html", "md", "json"};
	static const char *const labels[] = {"PDF", "HTML", "Markdown", "JSON"};
	buf_puts(b, "<p class=\"export\">ダウンロード:");
	for (size_t i = 0; i < 4; i++)
		html_printf(b, " <a href=\"/plan/%lld/download?format=%s\" download>%s</a>", p->version,
			    fmts[i], labels[i]);
	buf_puts(b, "</p>\n");
}

/* "離任" when the person's 離任日 has come (the check's own reading). */
static int person_left(const struct check_ctx *c, const struct staff *s)
{
	return s && s->left_on && strcmp(s->left_on, c->today) <= 0;
}

static void internal_table(struct buf *b, const struct plan_view *v)
{
	struct plan_internals in;
	plan_internals_build(&v->ctx, &in);
	buf_puts(b, "<h3>庁内（現在の役割の担当者から作成）</h3>\n<table class=\"list plan-contacts\">\n"
		    "<thead><tr><th scope=\"col\">役割</th><th scope=\"col\">担当</th><th scope=\"col\">氏名</th>"
		    "<th scope=\"col\">電話</th><th scope=\"col\">メール</th><th scope=\"col\">状態</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < in.n; i++) {
		const struct plan_internal *x = &in.v[i];
		const struct staff *s = x->person;
		int left = person_left(&v->ctx, s);
		buf_puts(b, !s ? "<tr class=\"vacant\">" : left ? "<tr class=\"plan-left\">" : "<tr>");
		html_printf(b, "<td>%s</td><td>%s</td>", x->label, x->scope);
		if (!s) {
			buf_puts(b, "<td>（不在）</td><td></td><td></td><td><span class=\"plan-flag\">不在</span></td></tr>\n");
			continue;
		}
		html_printf(b, "<td>%s</td><td>%s</td><td>%s</td><td>", s->name, s->phone ? s->phone : "",
			    s->email ? s->email : "");
		if (left)
			html_printf(b, "<span class=\"plan-flag\">離任（%s）</span>", s->left_on);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	plan_internals_free(&in);
}

static void remove_button(struct buf *b, const struct web_req *rq, size_t index)
{
	buf_puts(b, "<form method=\"post\" action=\"/plan/contacts\" class=\"plan-inline\">");
	layout_csrf_field(b, rq);
	html_printf(b, "<input type=\"hidden\" name=\"action\" value=\"remove\">"
		       "<input type=\"hidden\" name=\"index\" value=\"%zu\">"
		       "<button type=\"submit\">削除</button></form>",
		    index);
}

static void external_table(struct buf *b, const struct web_req *rq, const struct plan_view *v,
			   const struct plan_contacts *l, int editable)
{
	buf_puts(b, "<h3>庁外・関係機関</h3>\n");
	if (!l->n) {
		buf_puts(b, "<p>庁外の連絡先はまだ登録されていません。</p>\n");
		return;
	}
	buf_puts(b, "<table class=\"list plan-contacts\">\n<thead><tr><th scope=\"col\">番号</th>"
		    "<th scope=\"col\">相手先</th><th scope=\"col\">担当者</th><th scope=\"col\">電話</th>"
		    "<th scope=\"col\">メール</th><th scope=\"col\">備考</th><th scope=\"col\">状態</th>");
	if (editable)
		buf_puts(b, "<th scope=\"col\">操作</th>");
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct plan_contact *x = &l->v[i];
		const struct staff *s = *x->staff_no ? staff_by_no(&v->ctx, x->staff_no) : NULL;
		int gone = *x->staff_no && (!s || person_left(&v->ctx, s));
		buf_puts(b, gone ? "<tr class=\"plan-left\">" : "<tr>");
		html_printf(b, "<td>%zu</td><td>%s</td><td>%s", i + 1, x->party, x->person);
		if (*x->staff_no)
			html_printf(b, "（職員番号 %s）", x->staff_no);
		html_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>", *x->phone ? x->phone : "（未記入）",
			    x->email, x->note);
		if (gone)
			html_printf(b, "<span class=\"plan-flag\">%s</span>", s ? "離任" : "職員として未登録");
		buf_puts(b, "</td>");
		if (editable) {
			buf_puts(b, "<td>");
			remove_button(b, rq, i + 1);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
}

static void contact_add_form(struct buf *b, const struct web_req *rq)
{
	static const char *const ids[] = {"party", "person", "phone", "email", "note", "staff_no"};
	static const char *const labels[] = {"相手先（必須）", "担当者", "電話", "メール", "備考",
					     "職員番号（職員の場合）"};
	buf_puts(b, "<details class=\"plan-edit\"><summary>連絡先を追加する</summary>"
		    "<form method=\"post\" action=\"/plan/contacts\" class=\"stack\">");
	layout_csrf_field(b, rq);
	buf_puts(b, "<input type=\"hidden\" name=\"action\" value=\"add\">");
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		html_printf(b, "<label for=\"pc-%s\">%s</label><input id=\"pc-%s\" name=\"%s\" value=\"%s\">",
			    ids[i], labels[i], ids[i], ids[i], kept(rq, ids[i], ""));
	buf_puts(b, "<p class=\"plan-hint\">電話、メール、職員番号のいずれかが必要です。</p>"
		    "<button type=\"submit\">追加して新しい版にする</button></form></details>\n");
}

static void contacts_section(struct buf *b, const struct web_req *rq, const struct plan_view *v,
			     const struct plan_version *p, int editable)
{
	struct plan_contacts l;
	struct err e = {0};
	buf_puts(b, "<section class=\"plan-part\"><h2>1. 関係者の連絡先</h2>\n");
	if (!scope_contact_details_all(rq->user))
		buf_puts(b, "<p class=\"plan-hint\">電話番号とメールアドレスは、担当する範囲の職員の分だけ表示されます"
			    "（それ以外は「（非表示）」）。</p>\n");
	internal_table(b, v);
	if (plan_contacts_parse(p->contacts, &l, &e) == 0) {
		external_table(b, rq, v, &l, editable);
		plan_contacts_free(&l);
	} else {
		html_printf(b, "<p class=\"error\">%s</p>\n", e.msg);
	}
	if (editable)
		contact_add_form(b, rq);
	buf_puts(b, "</section>\n");
}

static void paragraph(const char *line, void *b)
{
	html_printf(b, "<p>%s</p>\n", line);
}

/* Each non-empty line of a stored text as a paragraph, as the document does. */
static void paragraphs(struct buf *b, const char *text)
{
	plan_text_paragraphs(text, paragraph, b);
}

static void field_form(struct buf *b, const struct web_req *rq, const char *id, const char *label,
		       const char *text)
{
	const char *posted = form_get(&rq->body, "field");
	int mine = posted && strcmp(posted, id) == 0;
	html_printf(b, "<details class=\"plan-edit\"%s><summary>%sを変更する</summary>"
		       "<form method=\"post\" action=\"/plan/field\" class=\"stack\">",
		    mine ? " open" : "", label);
	layout_csrf_field(b, rq);
	html_printf(b, "<input type=\"hidden\" name=\"field\" value=\"%s\">"
		       "<label for=\"pf-%s\">%s（1行が1段落になります）</label>"
		       "<textarea id=\"pf-%s\" name=\"text\" rows=\"12\">%s</textarea>"
		       "<button type=\"submit\">変更して新しい版にする</button></form></details>\n",
		    id, id, label, id, mine ? kept(rq, "text", "") : (text ? text : ""));
}

static void text_sections(struct buf *b, const struct web_req *rq, const struct plan_version *p, int editable)
{
	const char *texts[] = {p->reporting, p->measures, p->prevention, p->bcp};
	for (size_t i = 0; i < plan_nfields; i++) {
		html_printf(b, "<section class=\"plan-part\"><h2>%zu. %s</h2>\n", i + 2, plan_field_labels[i]);
		if (texts[i] && *texts[i])
			paragraphs(b, texts[i]);
		else
			buf_puts(b, "<p class=\"plan-hint\">まだ書かれていません。</p>\n");
		if (editable)
			field_form(b, rq, plan_field_ids[i], plan_field_labels[i], texts[i]);
		buf_puts(b, "</section>\n");
	}
}

static void review_form(struct buf *b, const struct web_req *rq)
{
	char today[11];
	time_today(today);
	buf_puts(b, "<section class=\"plan-part\"><h2>見直しの記録</h2>"
		    "<form method=\"post\" action=\"/plan/review\" class=\"stack\">");
	layout_csrf_field(b, rq);
	html_printf(b, "<label for=\"pr-date\">見直した日（令和8年5月20日 などの書き方も使えます）</label>"
		       "<input id=\"pr-date\" name=\"date\" value=\"%s\" required>"
		       "<button type=\"submit\">見直しを記録する</button></form></section>\n",
		    kept(rq, "date", today));
}

static void versions_table(struct buf *b, const struct plan_view *v, const struct plan_version *shown)
{
	buf_puts(b, "<section class=\"plan-part\"><h2>版の一覧</h2>\n<table class=\"list\">\n<thead><tr>"
		    "<th scope=\"col\">版</th><th scope=\"col\">作成日時</th><th scope=\"col\">見直し日</th>"
		    "<th scope=\"col\">決裁</th></tr></thead>\n<tbody>\n");
	for (size_t i = v->versions.n; i-- > 0;) {
		const struct plan_version *p = &v->versions.v[i];
		if (p == shown)
			html_printf(b, "<tr><td>第%lld版（表示中）</td><td>", p->version);
		else
			html_printf(b, "<tr><td><a href=\"/plan?version=%lld\">第%lld版</a></td><td>", p->version,
				    p->version);
		layout_date(b, p->created_at);
		buf_puts(b, "</td><td>");
		layout_date(b, p->reviewed_on);
		buf_puts(b, "</td><td>");
		approval_text(b, v, p);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table></section>\n");
}

static void no_plan(struct buf *b, const struct web_req *rq)
{
	buf_puts(b, "<p>緊急時対応計画はまだありません。</p>\n");
	if (!may_edit(rq))
		return;
	buf_puts(b, "<form method=\"post\" action=\"/plan/init\">");
	layout_csrf_field(b, rq);
	buf_puts(b, "<p class=\"plan-hint\">ひな形（連絡先、報告すべき事項、対応措置、再発防止措置、業務継続計画との関係）"
		    "から第1版を作ります。</p><button type=\"submit\">ひな形から作成する</button></form>\n");
}

void plan_page(struct web_req *rq, struct web_resp *rs, const struct plan_view *v, int status,
	       const char *error)
{
	const struct plan_version *p = v->shown;
	int latest = p && p == plan_latest(&v->versions);
	int editable = latest && may_edit(rq);
	page_begin(rq, rs, "緊急時対応計画");
	rs->status = status;
	struct buf *b = &rs->body;
	if (p)
		html_printf(b, "<h1>緊急時対応計画 <small>第%lld版</small></h1>\n", p->version);
	else
		buf_puts(b, "<h1>緊急時対応計画</h1>\n");
	flash(b, rq, error);
	findings_box(b, v);
	if (!p) {
		no_plan(b, rq);
		layout_end(b);
		return;
	}
	if (!latest)
		html_printf(b, "<p class=\"pending\">過去の版を表示しています。<a href=\"/plan\">最新の版へ</a></p>\n");
	facts(b, v, p, latest);
	approve_form(b, rq, p, latest);
	downloads(b, p);
	buf_puts(b, "<p class=\"secret\">非公開（庁内限り）</p>\n");
	contacts_section(b, rq, v, p, editable);
	text_sections(b, rq, p, editable);
	if (editable)
		review_form(b, rq);
	versions_table(b, v, p);
	layout_end(b);
}
