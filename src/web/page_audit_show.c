/*
 * page_audit_show.c — one audit (docs/web.md 「監査・改善措置」): overview,
 * auditors, items with results, evidence and working papers with their
 * SHA-256, findings with the CISO's directive, requests to other 課 and
 * their answers, corrective actions, the report downloads and the timeline.
 * Each form appears only for a person core lets use it (audit_may,
 * audit_is_member, audit_may_answer_spread, corrective_may_file); the posts
 * (audit_web_act.c) still let core decide.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_report.h"
#include "web/audit_web_view.h"
#include "web/facts.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"

/* What this person may do on this audit. */
struct may {
	int edit, record, direct, ask;
};

struct view {
	struct web_req *rq;
	const struct audit_report *r;
	const char *kept;  /* the kept form's name, or NULL */
	struct may may;
	struct buf who;
	char base[64];     /* "/audits/NO" (url-safe: the number is A0000-000000) */
};

static const char *kept(const struct view *v, const char *form, const char *name)
{
	const char *x = v->kept && strcmp(v->kept, form) == 0 ? form_get(&v->rq->body, name) : NULL;
	return x ? x : "";
}

static void form_open(struct buf *b, const struct view *v, const char *action, int upload)
{
	html_printf(b, "<form class=\"stack\" method=\"post\" action=\"%s/%s\"%s>", v->base, action,
		    upload ? " enctype=\"multipart/form-data\" data-upload" : "");
	layout_csrf_field(b, v->rq);
}

static void option(struct buf *b, const char *value, const char *label, const char *chosen)
{
	html_printf(b, strcmp(value, chosen) == 0 ? "<option value=\"%s\" selected>%s</option>"
						  : "<option value=\"%s\">%s</option>",
		    value, label);
}

static void facts(struct buf *b, struct view *v)
{
	const struct audit_report *r = v->r;
	char *target = audit_report_target_text(r);
	buf_puts(b, "<dl class=\"facts\">\n");
	facts_text(b, "対象", target);
	facts_text(b, "種類", audit_target_label(r->a.target_kind));
	facts_text(b, "課", audit_report_unit_name(r, r->a.unit_id));
	facts_date(b, "開始日", r->a.starts_on);
	facts_date(b, "終了日", r->a.ends_on);
	facts_text(b, "監査統括責任者", audit_report_staff_name(r, r->a.lead_id));
	facts_text(b, "監査実施計画", r->plan.id ? r->plan.title : "（計画との関連なし）");
	facts_text(b, "状態", audit_state_label(r->a.state));
	facts_text(b, "結論", r->a.conclusion);
	buf_puts(b, "</dl>\n");
	free(target);
}

static void members(struct buf *b, struct view *v)
{
	const struct audit_report *r = v->r;
	buf_puts(b, "<h2 id=\"members\">監査人</h2>\n<table class=\"list\"><thead><tr><th>氏名</th><th>職員番号</th>"
		    "<th>役割</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < r->members.n; i++) {
		const struct audit_member *m = &r->members.v[i];
		const struct staff *s = m->staff_id ? staff_by_id(&r->staff, m->staff_id) : NULL;
		html_printf(b, "<tr><td>%s%s</td><td>%s</td><td>%s</td></tr>\n", s ? s->name : m->external_name,
			    s ? "" : "（外部監査人）", s ? s->staff_no : "—",
			    strcmp(m->role, "lead") == 0 ? "主任監査人" : "監査人");
	}
	buf_puts(b, "</tbody></table>\n");
	if (!v->may.edit)
		return;
	const char *role = kept(v, "member", "role");
	buf_puts(b, "<details class=\"au-form\"");
	buf_puts(b, v->kept && strcmp(v->kept, "member") == 0 ? " open" : "");
	buf_puts(b, "><summary>監査人を追加する</summary>");
	form_open(b, v, "members", 0);
	html_printf(b, "<p class=\"note\">監査対象の課に属する職員や、その課の管理者・責任者は独立性の要件（1.8.2）により"
		       "追加できません。</p>"
		       "<label for=\"m-staff\">職員番号（庁内の監査人）</label><input id=\"m-staff\" name=\"staff\" value=\"%s\">"
		       "<label for=\"m-ext\">または外部監査人の名称</label><input id=\"m-ext\" name=\"external\" value=\"%s\">"
		       "<label for=\"m-role\">役割</label><select id=\"m-role\" name=\"role\">",
		    kept(v, "member", "staff"), kept(v, "member", "external"));
	option(b, "auditor", "監査人", role);
	option(b, "lead", "主任監査人", role);
	buf_puts(b, "</select><button>追加する</button></form></details>\n");
}

static void result_options(struct buf *b, const char *chosen)
{
	static const char *const results[] = {"conform", "nonconform", "observation", "na"};
	for (size_t i = 0; i < 4; i++)
		option(b, results[i], audit_result_label(results[i]), chosen);
}

static void items(struct buf *b, struct view *v)
{
	const struct audit_report *r = v->r;
	buf_puts(b, "<h2 id=\"items\">監査項目</h2>\n");
	if (!r->items.n)
		buf_puts(b, "<p>監査項目はまだありません。</p>\n");
	else
		buf_puts(b, "<table class=\"list\"><thead><tr><th>条項</th><th>方法</th><th>結果</th><th>所見</th>"
			    "</tr></thead><tbody>\n");
	for (size_t i = 0; i < r->items.n; i++) {
		const struct audit_item *it = &r->items.v[i];
		html_printf(b, "<tr><td><a href=\"/catalog/%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    it->clause, it->clause, it->method ? it->method : "—",
			    it->result ? audit_result_label(it->result) : "未記録", it->note ? it->note : "");
	}
	if (r->items.n)
		buf_puts(b, "</tbody></table>\n");
	if (v->may.edit) {
		buf_puts(b, "<details class=\"au-form\"");
		buf_puts(b, v->kept && strcmp(v->kept, "items") == 0 ? " open" : "");
		buf_puts(b, "><summary>監査項目を追加する</summary>");
		form_open(b, v, "items", 0);
		html_printf(b, "<label for=\"i-clauses\">カタログの条項（空白か「、」区切り。例: 6.2 5.4.3.3 2.2.1.*）</label>"
			       "<input id=\"i-clauses\" name=\"clauses\" value=\"%s\" required>"
			       "<label for=\"i-method\">方法</label><input id=\"i-method\" name=\"method\" value=\"%s\">"
			       "<button>追加する</button></form></details>\n",
			    kept(v, "items", "clauses"), kept(v, "items", "method"));
	}
	if (!v->may.record || !r->items.n)
		return;
	buf_puts(b, "<details class=\"au-form\"");
	buf_puts(b, v->kept && strcmp(v->kept, "result") == 0 ? " open" : "");
	buf_puts(b, "><summary>監査結果を記録する</summary>");
	form_open(b, v, "result", 0);
	buf_puts(b, "<label for=\"r-clause\">条項</label><select id=\"r-clause\" name=\"clause\">");
	for (size_t i = 0; i < r->items.n; i++)
		option(b, r->items.v[i].clause, r->items.v[i].clause, kept(v, "result", "clause"));
	buf_puts(b, "</select><label for=\"r-result\">結果</label><select id=\"r-result\" name=\"result\">");
	result_options(b, kept(v, "result", "result"));
	html_printf(b, "</select><label for=\"r-method\">方法</label><input id=\"r-method\" name=\"method\" value=\"%s\">"
		       "<label for=\"r-note\">所見</label><textarea id=\"r-note\" name=\"note\">%s</textarea>"
		       "<button>記録する</button></form></details>\n",
		    kept(v, "result", "method"), kept(v, "result", "note"));
}

static void evidence(struct buf *b, struct view *v)
{
	const struct audit_report *r = v->r;
	buf_puts(b, "<h2 id=\"evidence\">証跡・監査調書</h2>\n");
	if (!r->evidence.n)
		buf_puts(b, "<p>証跡はまだありません。</p>\n");
	else
		buf_puts(b, "<table class=\"list\"><thead><tr><th>ファイル</th><th>種類</th><th>大きさ</th>"
			    "<th>SHA-256</th><th>登録</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < r->evidence.n; i++) {
		const struct audit_evidence *ev = &r->evidence.v[i];
		html_printf(b, "<tr><td><a href=\"%s/evidence?id=%lld\">%s</a></td><td>%s</td><td class=\"num\">%lld</td>"
			       "<td><code class=\"au-sha\">%s</code></td><td>%s ",
			    v->base, ev->id, ev->filename, strcmp(ev->kind, "working_paper") == 0 ? "監査調書" : "証跡",
			    ev->size, ev->sha256, audit_report_staff_name(r, ev->added_by));
		layout_date(b, ev->added_at);
		buf_puts(b, "</td></tr>\n");
	}
	if (r->evidence.n)
		buf_puts(b, "</tbody></table>\n");
	if (!v->may.record)
		return;
	const char *kind = kept(v, "evidence", "kind");
	buf_puts(b, "<details class=\"au-form\"");
	buf_puts(b, v->kept && strcmp(v->kept, "evidence") == 0 ? " open" : "");
	buf_puts(b, "><summary>証跡・監査調書を登録する</summary>");
	form_open(b, v, "evidence", 1);
	buf_puts(b, "<label for=\"e-file\">ファイル（64MiB まで）</label><input id=\"e-file\" type=\"file\" name=\"file\" required>"
		    "<label for=\"e-kind\">種類</label><select id=\"e-kind\" name=\"kind\">");
	option(b, "evidence", "証跡", kind);
	option(b, "working_paper", "監査調書（9.1.6）", kind);
	buf_puts(b, "</select><label for=\"e-item\">関連する監査項目</label><select id=\"e-item\" name=\"item\">"
		    "<option value=\"\">—</option>");
	for (size_t i = 0; i < r->items.n; i++)
		option(b, r->items.v[i].clause, r->items.v[i].clause, kept(v, "evidence", "item"));
	buf_puts(b, "</select><button>登録する</button></form></details>\n");
}

static void severity_options(struct buf *b, const char *chosen)
{
	static const char *const sev[] = {"major", "minor", "observation"};
	for (size_t i = 0; i < 3; i++)
		option(b, sev[i], audit_severity_label(sev[i]), chosen);
}

static void unit_options(struct buf *b, const struct view *v, const char *chosen)
{
	const struct org_units *u = &v->r->units;
	for (size_t i = 0; i < u->n; i++)
		if (!u->v[i].closed_on && strcmp(u->v[i].kind, "section") == 0)
			option(b, u->v[i].code, u->v[i].name, chosen);
}

static void spreads_of(struct buf *b, struct view *v, const struct audit_finding *f)
{
	const struct audit_report *r = v->r;
	int any = 0;
	char form[48];
	for (size_t i = 0; i < r->spreads.n; i++) {
		const struct audit_spread *s = &r->spreads.v[i];
		if (s->finding_id != f->id)
			continue;
		if (!any++)
			buf_puts(b, "<table class=\"list\"><caption>他課への確認（9.1.7）</caption><thead><tr><th>課</th>"
				    "<th>管理者</th><th>状態</th><th>回答</th></tr></thead><tbody>\n");
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s", audit_report_unit_name(r, s->unit_id),
			    audit_report_staff_name(r, s->manager_id), audit_spread_state_label(s->state),
			    s->answer ? s->answer : "");
		if (audit_may_answer_spread(&v->rq->user->roles, v->rq->user->staff.id, s)) {
			const struct org_unit *u = org_unit_by_id(&r->units, s->unit_id);
			snprintf(form, sizeof form, "answer:%s", f->finding_no);
			form_open(b, v, "answer", 0);
			html_printf(b, "<input type=\"hidden\" name=\"finding\" value=\"%s\">"
				       "<input type=\"hidden\" name=\"unit\" value=\"%s\">"
				       "<label for=\"a-found-%lld\">確認結果</label><select id=\"a-found-%lld\" name=\"found\">",
				    f->finding_no, u ? u->code : "", s->id, s->id);
			option(b, "no", "同様の問題なし", kept(v, form, "found"));
			option(b, "yes", "同様の問題あり", kept(v, form, "found"));
			html_printf(b, "</select><label for=\"a-text-%lld\">回答</label>"
				       "<textarea id=\"a-text-%lld\" name=\"answer\" required>%s</textarea>"
				       "<button>回答する</button></form>",
				    s->id, s->id, kept(v, form, "answer"));
		}
		buf_puts(b, "</td></tr>\n");
	}
	if (any)
		buf_puts(b, "</tbody></table>\n");
}

static void actions_of(struct buf *b, struct view *v, const struct audit_finding *f)
{
	const struct audit_report *r = v->r;
	struct buf href = BUF_INIT;
	int any = 0;
	for (size_t i = 0; i < r->actions.n; i++) {
		const struct corrective_action *a = &r->actions.v[i];
		if (a->finding_id != f->id)
			continue;
		if (!any++)
			buf_puts(b, "<ul class=\"au-actions\">");
		buf_reset(&href);
		action_web_href(&href, a->action_no, "");
		html_printf(b, "<li>改善措置 <a href=\"%s\">%s</a>（%s、%s）%s</li>", buf_str(&href), a->action_no,
			    audit_report_unit_name(r, a->unit_id), corrective_state_label(a->state), a->measure);
	}
	if (any)
		buf_puts(b, "</ul>\n");
	buf_free(&href);
}

static void finding_forms(struct buf *b, struct view *v, const struct audit_finding *f)
{
	char form[48];
	long long me = v->rq->user->staff.id;
	if (v->may.direct && !f->directive) {
		snprintf(form, sizeof form, "direct:%s", f->finding_no);
		form_open(b, v, "directive", 0);
		html_printf(b, "<input type=\"hidden\" name=\"finding\" value=\"%s\">"
			       "<label for=\"d-%lld\">所管の情報セキュリティ管理者への指示（CISO）</label>"
			       "<textarea id=\"d-%lld\" name=\"directive\" required>%s</textarea><button>指示する</button></form>\n",
			    f->finding_no, f->id, f->id, kept(v, form, "directive"));
	}
	if (v->may.ask && strcmp(f->state, "closed") != 0) {
		snprintf(form, sizeof form, "spread:%s", f->finding_no);
		form_open(b, v, "spread", 0);
		html_printf(b, "<input type=\"hidden\" name=\"finding\" value=\"%s\">"
			       "<label for=\"s-%lld\">同様の問題がないか確認を依頼する課（課コード、空白か「、」区切り）</label>"
			       "<input id=\"s-%lld\" name=\"units\" value=\"%s\" required><button>確認を依頼する</button></form>\n",
			    f->finding_no, f->id, f->id, kept(v, form, "units"));
	}
	if (!corrective_may_file(&v->rq->user->roles, me, "audit", f->unit_id))
		return;
	snprintf(form, sizeof form, "action:%s", f->finding_no);
	buf_puts(b, "<details class=\"au-form\"");
	buf_puts(b, v->kept && strcmp(v->kept, form) == 0 ? " open" : "");
	buf_puts(b, "><summary>改善措置を登録する</summary>");
	form_open(b, v, "action", 0);
	html_printf(b, "<input type=\"hidden\" name=\"finding\" value=\"%s\">"
		       "<label for=\"c-m-%lld\">措置の内容</label><textarea id=\"c-m-%lld\" name=\"measure\" required>%s</textarea>"
		       "<label for=\"c-u-%lld\">措置する課（既定は指摘の課）</label><select id=\"c-u-%lld\" name=\"unit\">"
		       "<option value=\"\">—</option>",
		    f->finding_no, f->id, f->id, kept(v, form, "measure"), f->id, f->id);
	unit_options(b, v, kept(v, form, "unit"));
	html_printf(b, "</select><label for=\"c-o-%lld\">担当者の職員番号（既定は課の管理者）</label>"
		       "<input id=\"c-o-%lld\" name=\"owner\" value=\"%s\">"
		       "<label for=\"c-d-%lld\">期限</label><input id=\"c-d-%lld\" type=\"date\" name=\"due\" value=\"%s\">"
		       "<button>登録する</button></form></details>\n",
		    f->id, f->id, kept(v, form, "owner"), f->id, f->id, kept(v, form, "due"));
}

static void findings(struct buf *b, struct view *v)
{
	const struct audit_report *r = v->r;
	buf_puts(b, "<h2 id=\"findings\">指摘事項</h2>\n");
	if (!r->findings.n)
		buf_puts(b, "<p>指摘事項はありません。</p>\n");
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct audit_finding *f = &r->findings.v[i];
		html_printf(b, "<section class=\"au-finding\" id=\"%s\"><h3>%s <small>%s・%s</small></h3>\n<dl class=\"facts\">",
			    f->finding_no, f->finding_no, audit_severity_label(f->severity),
			    audit_finding_state_label(f->state));
		facts_text(b, "条項", f->clause);
		facts_text(b, "課", audit_report_unit_name(r, f->unit_id));
		facts_text(b, "内容", f->description);
		facts_text(b, "CISO の指示", f->directive);
		buf_puts(b, "</dl>\n");
		spreads_of(b, v, f);
		actions_of(b, v, f);
		finding_forms(b, v, f);
		buf_puts(b, "</section>\n");
	}
	if (!v->may.record)
		return;
	buf_puts(b, "<details class=\"au-form\"");
	buf_puts(b, v->kept && strcmp(v->kept, "finding") == 0 ? " open" : "");
	buf_puts(b, "><summary>指摘事項を登録する</summary>");
	form_open(b, v, "findings", 0);
	/* the audit's items are offered first; any catalog clause id may be typed */
	buf_puts(b, "<datalist id=\"au-clauses\">");
	for (size_t i = 0; i < r->items.n; i++)
		html_printf(b, "<option value=\"%s\">", r->items.v[i].clause);
	buf_puts(b, "</datalist>");
	html_printf(b, "<label for=\"f-clause\">条項（カタログの条項番号）</label>"
		       "<input id=\"f-clause\" name=\"clause\" list=\"au-clauses\" value=\"%s\" required>"
		       "<label for=\"f-sev\">重要度</label><select id=\"f-sev\" name=\"severity\">",
		    kept(v, "finding", "clause"));
	severity_options(b, kept(v, "finding", "severity"));
	html_printf(b, "</select><label for=\"f-desc\">内容</label><textarea id=\"f-desc\" name=\"description\" required>%s</textarea>"
		       "<label for=\"f-unit\">所管の課（既定は監査対象の課）</label><select id=\"f-unit\" name=\"unit\">"
		       "<option value=\"\">—</option>",
		    kept(v, "finding", "description"));
	unit_options(b, v, kept(v, "finding", "unit"));
	buf_puts(b, "</select><button>登録する</button></form></details>\n");
}

static void report_and_close(struct buf *b, struct view *v)
{
	buf_puts(b, "<h2 id=\"report\">委員会への報告書（9.1.5）</h2>\n<ul class=\"actions\">");
	html_printf(b, "<li><a href=\"%s/report?format=pdf\">PDF</a></li><li><a href=\"%s/report?format=html\">HTML</a></li><li><a href=\"%s/report?format=xlsx\">Excel（.xlsx）</a></li>"
		       "<li><a href=\"%s/report?format=text\">テキスト（Markdown）</a></li></ul>\n",
		    v->base, v->base, v->base, v->base);
	if (!v->may.edit)
		return;
	buf_puts(b, "<details class=\"au-form\"");
	buf_puts(b, v->kept && strcmp(v->kept, "close") == 0 ? " open" : "");
	buf_puts(b, "><summary>監査を終了する</summary>");
	form_open(b, v, "close", 0);
	html_printf(b, "<label for=\"x-concl\">結論</label><textarea id=\"x-concl\" name=\"conclusion\" required>%s</textarea>"
		       "<button class=\"secondary\">監査を終了する</button></form></details>\n",
		    kept(v, "close", "conclusion"));
}

void audit_page(struct web_req *rq, struct web_resp *rs, const struct audit *a, const struct case_outcome *why,
		const char *kept_form)
{
	struct audit_report r;
	struct case_events ev;
	struct case_view_refs refs;
	struct err e = {0};
	if (audit_report_gather(rq->db, a->audit_no, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (case_events_load(rq->db, CASE_AUDIT, r.a.id, &ev, &e)) {
		audit_report_free(&r);
		web_internal_error(rq, rs, &e);
		return;
	}
	if (case_view_refs_load(rq->db, &refs, &e)) {
		case_events_free(&ev);
		audit_report_free(&r);
		web_internal_error(rq, rs, &e);
		return;
	}
	long long me = rq->user->staff.id;
	const struct role_assignments *roles = &rq->user->roles;
	int open = strcmp(r.a.state, "open") == 0;
	struct view v = {rq, &r, why && why->status ? kept_form : NULL,
			 {audit_may(roles, me, &r.a, AUDIT_EDIT),
			  open && (audit_is_lead(roles, me) || audit_is_member(&r.members, me)),
			  audit_may(roles, me, &r.a, AUDIT_DIRECT), audit_may(roles, me, &r.a, AUDIT_SPREAD_ASK)},
			 BUF_INIT, ""};
	snprintf(v.base, sizeof v.base, "/audits/%s", r.a.audit_no);
	char title[160];
	snprintf(title, sizeof title, "監査 %s", r.a.audit_no);
	page_begin(rq, rs, title);
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/audits?fy=%d\">監査</a></p>\n<h1>%s <small>%s</small></h1>\n",
		    r.a.fiscal_year, title, r.a.title ? r.a.title : "");
	if (why && why->status) {
		rs->status = why->status;
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", why->msg);
	} else if (form_get(&rq->query, "r")) {
		buf_puts(b, "<p class=\"ok\" role=\"status\">記録しました。</p>\n");
	}
	facts(b, &v);
	members(b, &v);
	items(b, &v);
	evidence(b, &v);
	findings(b, &v);
	report_and_close(b, &v);
	audit_web_timeline(b, &refs, &ev, 0);
	layout_end(b);
	buf_free(&v.who);
	case_view_refs_free(&refs);
	case_events_free(&ev);
	audit_report_free(&r);
}

void page_audit_show(struct web_req *rq, struct web_resp *rs)
{
	struct audit a;
	if (audit_web_find(rq, rs, rq->id, &a))
		return;
	audit_page(rq, rs, &a, NULL, NULL);
	audit_free(&a);
}
