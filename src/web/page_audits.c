/*
 * page_audits.c — 監査 (docs/web.md 「監査・改善措置」): the 年度's audit
 * plan with its versions and approval, the audits of the 年度 the person may
 * see (audit_web.h), and the forms core lets this person use: drafting the
 * plan and creating an audit (audit lead or CISO), approving the plan (CISO
 * or committee, never the drafter: core says so).  POST → 303 → GET; a
 * refusal shows the page again with the message and the values kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/infosys.h"
#include "util/timeutil.h"
#include "web/audit_web.h"
#include "web/fiscal_param.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"

/* The posted value of a kept form, or "". */
static const char *kept(const struct form *f, const char *name)
{
	const char *v = f ? form_get(f, name) : NULL;
	return v ? v : "";
}

static void plan_row(struct buf *b, const struct audit_plan *p, const struct case_view_refs *refs)
{
	static const char *const keys[] = {"scope", "targets", "schedule", "method"};
	struct buf who = BUF_INIT;
	html_printf(b, "<tr><td class=\"num\">%d</td><td>%s</td>", p->version, p->title ? p->title : "");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char *v = audit_plan_field(p, keys[i]);
		html_printf(b, "<td>%s</td>", v ? v : "—");
		free(v);
	}
	html_printf(b, "<td>%s</td><td>", case_view_person(refs, p->created_by, &who));
	if (p->approved_at) {
		html_printf(b, "承認済み（%s）<br>", case_view_person(refs, p->approved_by, &who));
		layout_date(b, p->approved_at);
	} else {
		buf_puts(b, "<strong class=\"warning\">未承認</strong>");
	}
	buf_puts(b, "</td></tr>\n");
	buf_free(&who);
}

static void plan_section(struct buf *b, struct web_req *rq, int fy, const struct audit_plans *pl,
			 const struct case_view_refs *refs, const char *kept_form)
{
	const struct audit_plan *latest = audit_plan_latest(pl, fy), *ok = audit_plan_approved(pl, fy);
	long long me = rq->user->staff.id;
	buf_puts(b, "<h2 id=\"plan\">監査実施計画</h2>\n");
	if (!latest)
		buf_puts(b, "<p>この年度の監査実施計画はまだありません。</p>\n");
	else {
		if (!ok)
			buf_puts(b, "<p class=\"warning\">承認された計画がありません（9.1.3）。</p>\n");
		else if (ok != latest)
			buf_puts(b, "<p class=\"warning\">最新の版は未承認です。承認されるまでは承認済みの版が有効です。</p>\n");
		buf_puts(b, "<table class=\"list\"><thead><tr><th>版</th><th>名称</th><th>範囲</th><th>対象</th>"
			    "<th>日程</th><th>方法</th><th>作成者</th><th>承認</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < pl->n; i++)
			if (pl->v[i].fiscal_year == fy)
				plan_row(b, &pl->v[i], refs);
		buf_puts(b, "</tbody></table>\n");
	}
	if (latest && !latest->approved_at && audit_may_approve_plan(&rq->user->roles, me)) {
		buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/audits/plan/approve\">");
		layout_csrf_field(b, rq);
		html_printf(b, "<input type=\"hidden\" name=\"fy\" value=\"%d\">"
			       "<button>第%d版を委員会として承認する</button></form>\n",
			    fy, latest->version);
	}
	if (!audit_is_lead(&rq->user->roles, me))
		return;
	const struct form *f = kept_form && strcmp(kept_form, "plan") == 0 ? &rq->body : NULL;
	char *dflt[4] = {NULL, NULL, NULL, NULL};
	static const char *const keys[] = {"scope", "targets", "schedule", "method"};
	for (int i = 0; i < 4 && latest && !f; i++)
		dflt[i] = audit_plan_field(latest, keys[i]);
	buf_puts(b, "<details class=\"au-form\"><summary>計画を作成・改訂する（新しい版）</summary>"
		    "<form class=\"stack\" method=\"post\" action=\"/audits/plan\">");
	layout_csrf_field(b, rq);
	html_printf(b, "<input type=\"hidden\" name=\"fy\" value=\"%d\">"
		       "<label for=\"pl-title\">名称</label><input id=\"pl-title\" name=\"title\" value=\"%s\" required>"
		       "<label for=\"pl-scope\">範囲</label><input id=\"pl-scope\" name=\"scope\" value=\"%s\" required>"
		       "<label for=\"pl-targets\">対象</label><input id=\"pl-targets\" name=\"targets\" value=\"%s\" required>"
		       "<label for=\"pl-schedule\">日程</label><input id=\"pl-schedule\" name=\"schedule\" value=\"%s\" required>"
		       "<label for=\"pl-method\">方法</label><input id=\"pl-method\" name=\"method\" value=\"%s\" required>"
		       "<button>計画の案を保存する</button></form></details>\n",
		    fy, f ? kept(f, "title") : latest && latest->title ? latest->title : "監査実施計画",
		    f ? kept(f, "scope") : dflt[0] ? dflt[0] : "", f ? kept(f, "targets") : dflt[1] ? dflt[1] : "",
		    f ? kept(f, "schedule") : dflt[2] ? dflt[2] : "", f ? kept(f, "method") : dflt[3] ? dflt[3] : "");
	for (int i = 0; i < 4; i++)
		free(dflt[i]);
}

static void audits_table(struct buf *b, struct web_req *rq, const struct audit_list *l,
			 const struct case_view_refs *refs, struct err *e)
{
	int shown = 0;
	struct buf href = BUF_INIT, who = BUF_INIT;
	buf_puts(b, "<h2 id=\"audits\">監査</h2>\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct audit *a = &l->v[i];
		int visible = 0;
		if (audit_web_visible(rq, a, &visible, e) || !visible)
			continue;
		if (!shown++)
			buf_puts(b, "<table class=\"list\"><thead><tr><th>番号</th><th>名称</th><th>対象</th>"
				    "<th>課</th><th>期間</th><th>統括責任者</th><th>状態</th></tr></thead><tbody>\n");
		const struct org_unit *u = a->unit_id ? org_unit_by_id(&rq->user->units, a->unit_id) : NULL;
		buf_reset(&href);
		audit_web_href(&href, a->audit_no, "");
		char *name = NULL, *subs = NULL;
		audit_contractor_parts(a, &name, &subs);
		html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s%s%s</td><td>%s</td>"
			       "<td>%s〜%s</td><td>%s</td><td>%s</td></tr>\n",
			    buf_str(&href), a->audit_no, a->title ? a->title : "", audit_target_label(a->target_kind),
			    name ? "：" : "", name ? name : "", u ? u->name : "—", a->starts_on ? a->starts_on : "",
			    a->ends_on ? a->ends_on : "", case_view_person(refs, a->lead_id, &who),
			    audit_state_label(a->state));
		free(name);
		free(subs);
	}
	if (shown)
		buf_puts(b, "</tbody></table>\n");
	else
		buf_puts(b, "<p>この年度にあなたが見られる監査はありません。</p>\n");
	buf_free(&href);
	buf_free(&who);
}

static void option(struct buf *b, const char *value, const char *label, const char *chosen)
{
	html_printf(b, strcmp(value, chosen) == 0 ? "<option value=\"%s\" selected>%s</option>"
						  : "<option value=\"%s\">%s</option>",
		    value, label);
}

static void new_form(struct buf *b, struct web_req *rq, const struct case_view_refs *refs, const char *kept_form)
{
	const struct form *f = kept_form && strcmp(kept_form, "new") == 0 ? &rq->body : NULL;
	const char *target = *kept(f, "target") ? kept(f, "target") : "unit";
	buf_puts(b, "<details class=\"au-form\"");
	buf_puts(b, f ? " open" : "");
	buf_puts(b, "><summary>監査を登録する</summary><form class=\"stack\" method=\"post\" action=\"/audits/new\">");
	layout_csrf_field(b, rq);
	html_printf(b, "<label for=\"au-title\">名称</label><input id=\"au-title\" name=\"title\" value=\"%s\" required>"
		       "<label for=\"au-target\">対象の種類</label><select id=\"au-target\" name=\"target\">",
		    kept(f, "title"));
	option(b, "unit", "課", target);
	option(b, "system", "情報システム", target);
	option(b, "contractor", "外部委託事業者（9.1.4）", target);
	buf_puts(b, "</select><label for=\"au-unit\">課（委託先の場合は委託した課）</label>"
		    "<select id=\"au-unit\" name=\"unit\"><option value=\"\">—</option>");
	for (size_t i = 0; i < rq->user->units.n; i++) {
		const struct org_unit *u = &rq->user->units.v[i];
		if (u->closed_on || strcmp(u->kind, "section") != 0)
			continue;
		option(b, u->code, u->name, kept(f, "unit"));
	}
	buf_puts(b, "</select><label for=\"au-system\">情報システム</label>"
		    "<select id=\"au-system\" name=\"system\"><option value=\"\">—</option>");
	for (size_t i = 0; i < refs->systems.n; i++)
		if (!refs->systems.v[i].retired_on)
			option(b, refs->systems.v[i].code, refs->systems.v[i].name, kept(f, "system"));
	html_printf(b, "</select><label for=\"au-contractor\">委託先の名称</label>"
		       "<input id=\"au-contractor\" name=\"contractor\" value=\"%s\">"
		       "<label for=\"au-subs\">再委託先（「、」区切り）</label><input id=\"au-subs\" name=\"subcontractors\" value=\"%s\">"
		       "<label for=\"au-starts\">開始日</label><input id=\"au-starts\" type=\"date\" name=\"starts\" value=\"%s\">"
		       "<label for=\"au-ends\">終了日</label><input id=\"au-ends\" type=\"date\" name=\"ends\" value=\"%s\">"
		       "<button>監査を登録する</button></form></details>\n",
		    kept(f, "contractor"), kept(f, "subcontractors"), kept(f, "starts"), kept(f, "ends"));
}

static void fy_nav(struct buf *b, int fy)
{
	char prev[32], next[32];
	wareki_fiscal_year(fy - 1, prev, sizeof prev);
	wareki_fiscal_year(fy + 1, next, sizeof next);
	html_printf(b, "<p class=\"actions\"><a href=\"/audits?fy=%d\">← %s</a><a href=\"/audits?fy=%d\">%s →</a>"
		       "<a href=\"/actions\">改善措置の一覧</a></p>\n",
		    fy - 1, prev, fy + 1, next);
}

/* The page; after a refusal why's message and the posted form kept. */
static void show(struct web_req *rq, struct web_resp *rs, int fy, const struct case_outcome *why,
		 const char *kept_form)
{
	struct err e = {0};
	struct audit_plans pl;
	struct audit_list l;
	struct case_view_refs refs;
	struct audit_filter f = {fy, NULL, 0};
	if (case_view_refs_load(rq->db, &refs, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (audit_plans_load(rq->db, fy, &pl, &e)) {
		case_view_refs_free(&refs);
		web_internal_error(rq, rs, &e);
		return;
	}
	if (audit_list_load(rq->db, &f, &l, &e)) {
		audit_plans_free(&pl);
		case_view_refs_free(&refs);
		web_internal_error(rq, rs, &e);
		return;
	}
	char wfy[32], title[64];
	wareki_fiscal_year(fy, wfy, sizeof wfy);
	snprintf(title, sizeof title, "監査（%s）", wfy);
	page_begin(rq, rs, title);
	struct buf *b = &rs->body;
	html_printf(b, "<h1>%s</h1>\n", title);
	if (why && why->status) {
		rs->status = why->status;
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", why->msg);
	} else if (form_get(&rq->query, "r")) {
		buf_puts(b, "<p class=\"ok\" role=\"status\">記録しました。</p>\n");
	}
	fy_nav(b, fy);
	audit_web_lead_section(b, rq, &refs, kept_form && strcmp(kept_form, "lead") == 0 ? form_get(&rq->body, "staff") : NULL);
	plan_section(b, rq, fy, &pl, &refs, kept_form);
	audits_table(b, rq, &l, &refs, &e);
	if (audit_is_lead(&rq->user->roles, rq->user->staff.id))
		new_form(b, rq, &refs, kept_form);
	layout_end(b);
	audit_list_free(&l);
	audit_plans_free(&pl);
	case_view_refs_free(&refs);
}

void page_audits_list(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	if (fiscal_param(rq, rs, &fy))
		return;
	show(rq, rs, fy, NULL, NULL);
}

/* ---- the posts ---- */

static int posted_fy(const struct web_req *rq)
{
	const char *v = form_get(&rq->body, "fy");
	int fy = 0;
	if (v && fiscal_year_parse(v, &fy) == 0)
		return fy;
	return fiscal_param_current();
}

void audits_page_refused(struct web_req *rq, struct web_resp *rs, const struct case_outcome *o,
			 const char *kept_form)
{
	show(rq, rs, posted_fy(rq), o, kept_form);
}

static void answer(struct web_req *rq, struct web_resp *rs, int fy, struct case_outcome *o, const char *form,
		   int rc, struct err *e)
{
	if (rc)
		web_internal_error(rq, rs, e);
	else if (o->status)
		show(rq, rs, fy, o, form);
	else {
		char to[48];
		snprintf(to, sizeof to, "/audits?fy=%d&r=done", fy);
		web_redirect(rs, to);
	}
	case_outcome_free(o);
}

static int do_draft(struct tx *tx, void *arg, struct err *e)
{
	int version;
	return audit_plan_draft(tx, arg, &version, e);
}

void page_audit_plan_draft(struct web_req *rq, struct web_resp *rs)
{
	struct case_outcome o = {0};
	struct err e = {0};
	int fy = posted_fy(rq), rc = 0;
	struct audit_plan_new in = {fy, audit_web_field(rq, "title"), audit_web_field(rq, "scope"),
				    audit_web_field(rq, "targets"), audit_web_field(rq, "schedule"),
				    audit_web_field(rq, "method"), rq->user->staff.staff_no};
	if (!audit_is_lead(&rq->user->roles, rq->user->staff.id))
		case_outcome_set(&o, 403, "forbidden", "監査実施計画を作成できるのは監査統括責任者と CISO です");
	else
		rc = case_view_write(rq, do_draft, &in, 422, &o, &e);
	answer(rq, rs, fy, &o, "plan", rc, &e);
}

struct approve_args {
	int fy;
	const char *actor;
};

static int do_approve(struct tx *tx, void *arg, struct err *e)
{
	struct approve_args *a = arg;
	return audit_plan_approve(tx, a->fy, a->actor, e);
}

void page_audit_plan_approve(struct web_req *rq, struct web_resp *rs)
{
	struct case_outcome o = {0};
	struct err e = {0};
	struct approve_args a = {posted_fy(rq), rq->user->staff.staff_no};
	int rc = 0;
	if (!audit_may_approve_plan(&rq->user->roles, rq->user->staff.id))
		case_outcome_set(&o, 403, "forbidden", "監査実施計画を承認できるのは CISO と情報セキュリティ委員会の委員です");
	else
		rc = case_view_write(rq, do_approve, &a, 409, &o, &e);
	answer(rq, rs, a.fy, &o, NULL, rc, &e);
}

struct create_args {
	struct audit_new in;
	char *no;
};

static int do_create(struct tx *tx, void *arg, struct err *e)
{
	struct create_args *a = arg;
	return audit_create(tx, &a->in, &a->no, e);
}

void page_audit_new_post(struct web_req *rq, struct web_resp *rs)
{
	struct case_outcome o = {0};
	struct err e = {0};
	int rc = 0;
	const char *target = audit_web_field(rq, "target");
	struct create_args a = {{audit_web_field(rq, "title"), target, audit_web_field(rq, "unit"),
				 audit_web_field(rq, "system"), audit_web_field(rq, "contractor"),
				 audit_web_field(rq, "subcontractors"), audit_web_field(rq, "starts"),
				 audit_web_field(rq, "ends"), rq->user->staff.staff_no},
				NULL};
	char today[11];
	time_today(today);
	int fy = fiscal_year(a.in.starts_on && date_valid(a.in.starts_on) ? a.in.starts_on : today);
	if (!audit_is_lead(&rq->user->roles, rq->user->staff.id))
		case_outcome_set(&o, 403, "forbidden", "監査を登録できるのは監査統括責任者と CISO です");
	else if (!target || (strcmp(target, "unit") && strcmp(target, "system") && strcmp(target, "contractor")))
		case_outcome_set(&o, 422, "validation", "対象の種類は 課・情報システム・外部委託事業者 から選んでください");
	else {
		/* the form sends every field; core wants only those of the chosen kind */
		if (strcmp(target, "system") == 0)
			a.in.unit = NULL;
		if (strcmp(target, "contractor") != 0)
			a.in.contractor = a.in.subcontractors = NULL;
		if (strcmp(target, "system") != 0)
			a.in.system = NULL;
		rc = case_view_write(rq, do_create, &a, 422, &o, &e);
	}
	if (!rc && !o.status) {
		struct buf to = BUF_INIT;
		audit_web_href(&to, a.no, "?r=done");
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
		case_outcome_free(&o);
	} else {
		answer(rq, rs, fy, &o, "new", rc, &e);
	}
	free(a.no);
}
