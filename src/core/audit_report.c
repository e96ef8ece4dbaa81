/*
 * audit_report.c — the audit's report to the committee (audit_report.h).
 */
#include "core/audit_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_internal.h"
#include "core/case_util.h"
#include "core/catalog.h"
#include "core/pdoc_format.h"
#include "core/rows.h"
#include "util/timeutil.h"
#include "util/xlsx_write.h"

/* ---- gathering ---- */

static int load_plan(struct db *db, struct audit_report *r, struct err *e)
{
	struct audit_plans plans;
	if (!r->a.plan_id)
		return 0;
	if (audit_plans_load(db, r->a.fiscal_year, &plans, e))
		return e->code;
	for (size_t i = 0; i < plans.n; i++)
		if (plans.v[i].id == r->a.plan_id) {
			r->plan = plans.v[i];
			memmove(&plans.v[i], &plans.v[i + 1], (plans.n - i - 1) * sizeof plans.v[0]);
			plans.n--;
			break;
		}
	audit_plans_free(&plans);
	return 0;
}

/* Requests and actions of every finding, gathered into one list each. */
static int load_per_finding(struct db *db, struct audit_report *r, struct err *e)
{
	for (size_t i = 0; i < r->findings.n; i++) {
		struct audit_spreads s;
		struct corrective_list a;
		struct corrective_filter f = {"audit", NULL, 0, 0};
		if (audit_spreads_load(db, r->findings.v[i].id, 0, &s, e))
			return e->code;
		if (s.n) {
			r->spreads.v = xrealloc(r->spreads.v, (r->spreads.n + s.n) * sizeof s.v[0]);
			memcpy(r->spreads.v + r->spreads.n, s.v, s.n * sizeof s.v[0]);
			r->spreads.n += s.n;
		}
		free(s.v);
		if (corrective_list(db, &f, &a, e))
			return e->code;
		for (size_t k = 0; k < a.n; k++) {
			if (a.v[k].finding_id != r->findings.v[i].id) {
				corrective_action_free(&a.v[k]);
				continue;
			}
			r->actions.v = xrealloc(r->actions.v, (r->actions.n + 1) * sizeof a.v[0]);
			r->actions.v[r->actions.n++] = a.v[k];
		}
		free(a.v);
	}
	return 0;
}

int audit_report_gather(struct db *db, const char *audit_no, struct audit_report *out, struct err *e)
{
	struct municipality m;
	int found = 0;
	memset(out, 0, sizeof *out);
	if (audit_load(db, audit_no, &out->a, e))
		return e->code;
	struct audit_finding_filter ff = {out->a.id, 0, NULL, 0};
	int rc = municipality_get(db, &m, &found, e);
	if (!rc && found) {
		out->municipality = m.name ? xstrdup(m.name) : NULL;
		municipality_free(&m);
	}
	if (!rc)
		rc = load_plan(db, out, e);
	if (!rc)
		rc = audit_members_load(db, out->a.id, &out->members, e) || audit_items_load(db, out->a.id, &out->items, e) ||
			     audit_evidence_load(db, out->a.id, &out->evidence, e) ||
			     audit_findings_load(db, &ff, &out->findings, e)
		     ? e->code
		     : 0;
	if (!rc)
		rc = load_per_finding(db, out, e);
	if (!rc)
		rc = staff_load(db, "", &out->staff, e) || org_units_load(db, &out->units, e) ||
			     infosys_load(db, &out->systems, e)
		     ? e->code
		     : 0;
	if (rc)
		audit_report_free(out);
	return rc;
}

void audit_report_free(struct audit_report *r)
{
	audit_free(&r->a);
	free(r->municipality);
	free(r->plan.title);
	free(r->plan.body);
	free(r->plan.created_at);
	free(r->plan.approved_at);
	audit_members_free(&r->members);
	audit_items_free(&r->items);
	audit_evidence_list_free(&r->evidence);
	audit_findings_free(&r->findings);
	audit_spreads_free(&r->spreads);
	corrective_list_free(&r->actions);
	staff_list_free(&r->staff);
	org_units_free(&r->units);
	infosys_free(&r->systems);
	memset(r, 0, sizeof *r);
}

const char *audit_report_staff_name(const struct audit_report *r, long long id)
{
	const struct staff *s = id ? staff_by_id(&r->staff, id) : NULL;
	return s ? s->name : "";
}

const char *audit_report_unit_name(const struct audit_report *r, long long id)
{
	const struct org_unit *u = id ? org_unit_by_id(&r->units, id) : NULL;
	return u ? u->name : "";
}

char *audit_report_target_text(const struct audit_report *r)
{
	const struct audit *a = &r->a;
	if (strcmp(a->target_kind, "system") == 0) {
		const struct info_system *s = infosys_by_id(&r->systems, a->system_id);
		return xasprintf("情報システム「%s」（所管: %s）", s ? s->name : "?", audit_report_unit_name(r, a->unit_id));
	}
	if (strcmp(a->target_kind, "contractor") == 0) {
		char *name, *subs;
		audit_contractor_parts(a, &name, &subs);
		char *t = xasprintf("外部委託事業者「%s」%s%s%s%s%s", name ? name : "?", subs ? "（再委託先: " : "",
				    subs ? subs : "", subs ? "）" : "", a->unit_id ? " 所管課: " : "",
				    audit_report_unit_name(r, a->unit_id));
		free(name);
		free(subs);
		return t;
	}
	return xstrdup(audit_report_unit_name(r, a->unit_id));
}

/* ---- the document ---- */

static void field(struct pdoc *d, const char *label, const char *text)
{
	char *l = xasprintf("【%s】", label);
	pdoc_add(d, PD_ITEM, 1, l, text && *text ? text : "—", NULL);
	free(l);
}

static void jst(const char *at, char out[17])
{
	if (!at || time_jst_text(at, out))
		snprintf(out, 17, "%s", at ? at : "—");
}

static void overview(const struct audit_report *r, struct pdoc *d)
{
	const struct audit *a = &r->a;
	char fy[32], *target = audit_report_target_text(r), *period;
	struct buf team = BUF_INIT;
	wareki_fiscal_year(a->fiscal_year, fy, sizeof fy);
	period = xasprintf("%s〜%s", a->starts_on ? a->starts_on : "", a->ends_on ? a->ends_on : "");
	for (size_t i = 0; i < r->members.n; i++) {
		const struct audit_member *m = &r->members.v[i];
		if (team.len)
			buf_puts(&team, "、");
		buf_printf(&team, "%s%s%s", m->staff_id ? audit_report_staff_name(r, m->staff_id) : m->external_name,
			   m->staff_id ? "" : "（外部）", strcmp(m->role, "lead") == 0 ? "（主任）" : "");
	}
	pdoc_add(d, PD_CHAPTER, 0, NULL, "監査の概要", NULL);
	field(d, "監査番号", a->audit_no);
	field(d, "件名", a->title);
	field(d, "年度", fy);
	field(d, "対象", target);
	field(d, "期間", period);
	field(d, "監査統括責任者", audit_report_staff_name(r, a->lead_id));
	field(d, "監査人", buf_str(&team));
	field(d, "状態", audit_state_label(a->state));
	if (r->plan.id) {
		char *plan = xasprintf("%s 第%d版%s", r->plan.title, r->plan.version, r->plan.approved_at ? "（承認済み）" : "");
		field(d, "監査計画", plan);
		free(plan);
	}
	free(target);
	free(period);
	buf_free(&team);
}

static void items_part(const struct audit_report *r, const struct catalog *cat, struct pdoc *d)
{
	pdoc_add(d, PD_CHAPTER, 0, NULL, "監査項目と結果", NULL);
	if (r->items.n == 0)
		pdoc_add(d, PD_PARA, 0, NULL, "監査項目はありません。", NULL);
	for (size_t i = 0; i < r->items.n; i++) {
		const struct audit_item *it = &r->items.v[i];
		const struct catalog_entry *en = cat ? catalog_find(cat, it->clause) : NULL;
		char *t = xasprintf("%s　結果: %s%s%s%s%s", en ? en->title : "", audit_result_label(it->result),
				    it->method ? "　方法: " : "", it->method ? it->method : "", it->note ? "　所見: " : "",
				    it->note ? it->note : "");
		pdoc_add(d, PD_ITEM, 1, it->clause, t, it->clause);
		free(t);
	}
}

static void findings_part(const struct audit_report *r, struct pdoc *d)
{
	pdoc_add(d, PD_CHAPTER, 0, NULL, "指摘事項と改善措置", NULL);
	if (r->findings.n == 0)
		pdoc_add(d, PD_PARA, 0, NULL, "指摘事項はありません。", NULL);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct audit_finding *f = &r->findings.v[i];
		char *t = xasprintf("［%s］条項 %s　%s　対応課: %s　状態: %s", audit_severity_label(f->severity),
				    f->clause ? f->clause : "—", f->description, audit_report_unit_name(r, f->unit_id),
				    audit_finding_state_label(f->state));
		pdoc_add(d, PD_ITEM, 1, f->finding_no, t, f->clause);
		free(t);
		if (f->directive) {
			char at[17];
			jst(f->directed_at, at);
			char *x = xasprintf("%s（%s、%s）", f->directive, audit_report_staff_name(r, f->directed_by), at);
			pdoc_add(d, PD_ITEM, 2, "CISO の指示", x, NULL);
			free(x);
		}
		for (size_t k = 0; k < r->actions.n; k++) {
			const struct corrective_action *c = &r->actions.v[k];
			if (c->finding_id != f->id)
				continue;
			char *x = xasprintf("%s（%s、担当: %s、期限: %s、%s）", c->measure, audit_report_unit_name(r, c->unit_id),
					    audit_report_staff_name(r, c->owner_id), c->due_on ? c->due_on : "—",
					    corrective_state_label(c->state));
			pdoc_add(d, PD_ITEM, 2, c->action_no, x, NULL);
			free(x);
		}
		for (size_t k = 0; k < r->spreads.n; k++) {
			const struct audit_spread *s = &r->spreads.v[k];
			if (s->finding_id != f->id)
				continue;
			char *x = xasprintf("%s: %s%s%s", audit_report_unit_name(r, s->unit_id), audit_spread_state_label(s->state),
					    s->answer ? "　" : "", s->answer ? s->answer : "");
			pdoc_add(d, PD_ITEM, 2, "他課への確認", x, NULL);
			free(x);
		}
	}
}

static void evidence_part(const struct audit_report *r, struct pdoc *d)
{
	pdoc_add(d, PD_CHAPTER, 0, NULL, "証跡と監査調書", NULL);
	if (r->evidence.n == 0)
		pdoc_add(d, PD_PARA, 0, NULL, "登録された証跡はありません。", NULL);
	for (size_t i = 0; i < r->evidence.n; i++) {
		const struct audit_evidence *v = &r->evidence.v[i];
		char label[32];
		snprintf(label, sizeof label, "%lld", v->id);
		char *t = xasprintf("%s（%s、%lld バイト）SHA-256 %s", v->filename,
				    strcmp(v->kind, "working_paper") == 0 ? "監査調書" : "証拠", v->size, v->sha256);
		pdoc_add(d, PD_ITEM, 1, label, t, NULL);
		free(t);
	}
}

void audit_report_document(const struct audit_report *r, const char *today, struct pdoc *out)
{
	struct catalog cat;
	struct err e = {0};
	char date[64];
	int have_cat = catalog_load(&cat, &e) == 0;
	memset(out, 0, sizeof *out);
	wareki_date(today, date, sizeof date);
	out->title = xstrdup("情報セキュリティ監査 報告書");
	out->subtitle = xasprintf("%s　%s　%s　%s", r->municipality ? r->municipality : "", r->a.audit_no, r->a.title, date);
	out->confidential = 1;
	overview(r, out);
	items_part(r, have_cat ? &cat : NULL, out);
	findings_part(r, out);
	evidence_part(r, out);
	pdoc_add(out, PD_CHAPTER, 0, NULL, "結論", NULL);
	pdoc_add(out, PD_PARA, 0, NULL, r->a.conclusion ? r->a.conclusion : "監査は実施中です（結論は監査の終了時に記載します）。",
		 NULL);
	if (have_cat)
		catalog_free(&cat);
}

int audit_report_bytes(const struct audit_report *r, const char *format, const char *today, struct buf *out,
		       struct err *e)
{
	struct pdoc d;
	audit_report_document(r, today, &d);
	int rc = pdoc_write_format(&d, format, out, e);
	pdoc_free(&d);
	return rc;
}

/* ---- .xlsx: one sheet per table ---- */

static int sheet_overview(struct xlsx_out *x, const struct audit_report *r, const char *today, struct err *e)
{
	struct pdoc d;
	int rc = 0;
	audit_report_document(r, today, &d);
	const char *chapter = "";
	for (size_t i = 0; !rc && i < d.n; i++) {
		const struct pdoc_block *b = &d.v[i];
		if (b->kind == PD_CHAPTER)
			chapter = b->text;
		else if (strcmp(chapter, "監査の概要") == 0 || strcmp(chapter, "結論") == 0)
			rc = xlsx_out_row(x, (const char *const[]){chapter, b->label ? b->label : "", b->text}, e);
	}
	pdoc_free(&d);
	return rc;
}

static int sheet_items(struct xlsx_out *x, const struct audit_report *r, struct err *e)
{
	static const struct xlsx_column cols[] = {{"条項", 12}, {"方法", 30}, {"結果", 10}, {"所見", 60}};
	if (xlsx_out_sheet(x, "監査項目", cols, 4, e))
		return e->code;
	for (size_t i = 0; i < r->items.n; i++) {
		const struct audit_item *it = &r->items.v[i];
		if (xlsx_out_row(x, (const char *const[]){it->clause, it->method, audit_result_label(it->result), it->note}, e))
			return e->code;
	}
	return 0;
}

static int sheet_findings(struct xlsx_out *x, const struct audit_report *r, struct err *e)
{
	static const struct xlsx_column cols[] = {{"番号", 22}, {"重大度", 10}, {"条項", 12}, {"内容", 60},
						  {"対応課", 18}, {"CISO の指示", 50}, {"状態", 14}};
	if (xlsx_out_sheet(x, "指摘事項", cols, 7, e))
		return e->code;
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct audit_finding *f = &r->findings.v[i];
		const char *cells[] = {f->finding_no, audit_severity_label(f->severity), f->clause, f->description,
				       audit_report_unit_name(r, f->unit_id), f->directive, audit_finding_state_label(f->state)};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

static const char *finding_no_of(const struct audit_report *r, long long id)
{
	for (size_t i = 0; i < r->findings.n; i++)
		if (r->findings.v[i].id == id)
			return r->findings.v[i].finding_no;
	return "";
}

static int sheet_actions(struct xlsx_out *x, const struct audit_report *r, struct err *e)
{
	static const struct xlsx_column cols[] = {{"番号", 16}, {"指摘事項", 22}, {"課", 18}, {"措置内容", 50},
						  {"担当者", 14}, {"期限", 12}, {"状態", 14}};
	if (xlsx_out_sheet(x, "改善措置", cols, 7, e))
		return e->code;
	for (size_t i = 0; i < r->actions.n; i++) {
		const struct corrective_action *c = &r->actions.v[i];
		const char *cells[] = {c->action_no, finding_no_of(r, c->finding_id), audit_report_unit_name(r, c->unit_id),
				       c->measure, audit_report_staff_name(r, c->owner_id), c->due_on,
				       corrective_state_label(c->state)};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

static int sheet_spreads(struct xlsx_out *x, const struct audit_report *r, struct err *e)
{
	static const struct xlsx_column cols[] = {{"指摘事項", 22}, {"確認を依頼した課", 20}, {"状態", 16}, {"回答", 60}};
	if (xlsx_out_sheet(x, "他課への確認", cols, 4, e))
		return e->code;
	for (size_t i = 0; i < r->spreads.n; i++) {
		const struct audit_spread *s = &r->spreads.v[i];
		const char *cells[] = {finding_no_of(r, s->finding_id), audit_report_unit_name(r, s->unit_id),
				       audit_spread_state_label(s->state), s->answer};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

static int sheet_evidence(struct xlsx_out *x, const struct audit_report *r, struct err *e)
{
	static const struct xlsx_column cols[] = {{"番号", 8}, {"種類", 10}, {"ファイル名", 36}, {"形式", 24},
						  {"バイト数", 12}, {"SHA-256", 66}, {"登録者", 14}, {"登録日時", 18}};
	if (xlsx_out_sheet(x, "証跡", cols, 8, e))
		return e->code;
	for (size_t i = 0; i < r->evidence.n; i++) {
		const struct audit_evidence *v = &r->evidence.v[i];
		char id[24], size[24], at[17];
		snprintf(id, sizeof id, "%lld", v->id);
		snprintf(size, sizeof size, "%lld", v->size);
		jst(v->added_at, at);
		const char *cells[] = {id, strcmp(v->kind, "working_paper") == 0 ? "監査調書" : "証拠", v->filename,
				       v->content_type, size, v->sha256, audit_report_staff_name(r, v->added_by), at};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

int audit_report_xlsx(const struct audit_report *r, const char *today, const char *path, struct err *e)
{
	static const struct xlsx_column cols[] = {{"区分", 16}, {"項目", 20}, {"内容", 80}};
	struct xlsx_out *x;
	if (xlsx_out_open(path, "概要", cols, 3, &x, e))
		return e->code;
	int rc = sheet_overview(x, r, today, e);
	if (!rc)
		rc = sheet_items(x, r, e);
	if (!rc)
		rc = sheet_findings(x, r, e);
	if (!rc)
		rc = sheet_actions(x, r, e);
	if (!rc)
		rc = sheet_spreads(x, r, e);
	if (!rc)
		rc = sheet_evidence(x, r, e);
	if (rc) {
		struct err ignore = {0};
		xlsx_out_close(x, &ignore);
		return rc;
	}
	return xlsx_out_close(x, e);
}

/* ---- the record ---- */

int audit_report_record(struct tx *tx, const char *audit_no, const char *actor_no, const char *content_hash,
			const char *reported_on, struct err *e)
{
	struct audit_ctx x;
	char day[11];
	int rc = audit_act_begin(tx->db, audit_no, actor_no, "報告する職員", &x, e);
	if (!rc)
		rc = audit_need_lead(&x, "監査結果の委員会への報告", e);
	if (!rc && reported_on && *reported_on && date_parse(reported_on, day, e))
		rc = err_prefix(e, "報告日");
	if (!rc && !(reported_on && *reported_on))
		time_today(day);
	struct row row;
	long long id = 0;
	if (!rc)
		rc = tx_next_id(tx, "committee_report", &id, e);
	if (!rc) {
		row_init(&row, "committee_report");
		row_int(&row, "id", id);
		row_int(&row, "fiscal_year", x.a.fiscal_year);
		row_text(&row, "kind", "audit");
		row_text(&row, "reported_on", day);
		row_id_ref(&row, "reported_by", x.who.id);
		row_text(&row, "content_hash", content_hash);
		row_text(&row, "note", x.a.audit_no);
		row_text(&row, "created_at", tx->at);
		rc = tx_put_row(tx, "committee.report", &row, 1, e);
	}
	if (!rc)
		rc = audit_step(tx, x.a.id, x.who.id, "reported",
				case_body(2, "content_hash", content_hash, "reported_on", day), e);
	audit_act_end(&x);
	return rc;
}
