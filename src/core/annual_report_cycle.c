/*
 * annual_report_cycle.c — the 年度's self-inspection campaigns and audits,
 * the corrective actions still open, and the proposed policy revisions,
 * for the annual report.  Read with plain queries on the tables of
 * migration 9, so the report does not depend on how those modules work,
 * only on what they stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/annual_report_internal.h"
#include "core/policy_store.h"
#include "core/proposal.h"
#include "core/rows.h"

struct label {
	const char *id, *label;
};

static const char *label_of(const struct label *l, const char *id)
{
	for (; l->id; l++)
		if (id && strcmp(l->id, id) == 0)
			return l->label;
	return id ? id : "";
}

static const struct label campaign_states[] = {
	{"draft", "準備中"}, {"open", "実施中"}, {"closed", "終了"}, {NULL, NULL}};
static const struct label audit_states[] = {{"open", "実施中"}, {"closed", "終了"}, {NULL, NULL}};
static const struct label finding_severities[] = {
	{"major", "重大"}, {"minor", "軽微"}, {"observation", "改善提案"}, {NULL, NULL}};
static const struct label finding_states[] = {
	{"open", "指摘"}, {"directed", "CISO 指示済み"}, {"closed", "措置確認済み"}, {NULL, NULL}};
static const struct label action_states[] = {
	{"open", "対応中"}, {"done", "完了報告済み"}, {"verified", "確認済み"}, {"reopened", "差し戻し"}, {NULL, NULL}};
static const struct label action_sources[] = {{"inspect", "自己点検"}, {"audit", "監査"}, {NULL, NULL}};

/* Runs sql with one integer parameter and calls row() for each result row. */
static int each_row(struct db *db, const char *sql, long long param, void (*row)(struct db_stmt *, void *), void *arg,
		    struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	db_bind_int(st, 1, param);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		row(st, arg);
	db_finalize(st);
	return rc < 0 ? e->code : 0;
}

/* ---- self-inspection (9.2) ---- */

struct campaign {
	long long id, respondents, submitted, ans[AR_NANSWERS];
	char *no, *title, *state, *opens_on, *due_on;
};

struct campaigns {
	size_t n;
	struct campaign *v;
};

static void read_campaign(struct db_stmt *st, void *arg)
{
	struct campaigns *l = arg;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	struct campaign *c = &l->v[l->n++];
	memset(c, 0, sizeof *c);
	c->id = db_column_int(st, 0);
	c->no = col_dup(st, 1);
	c->title = col_dup(st, 2);
	c->state = col_dup(st, 3);
	c->opens_on = col_dup(st, 4);
	c->due_on = col_dup(st, 5);
	c->respondents = db_column_int(st, 6);
	c->submitted = db_column_int(st, 7);
}

static void read_answer_count(struct db_stmt *st, void *arg)
{
	struct campaign *c = arg;
	int k = ar_answer_index(db_column_text(st, 0));
	if (k >= 0)
		c->ans[k] += db_column_int(st, 1);
}

int ar_inspections(struct db *db, struct annual_report *r, struct err *e)
{
	static const char *const cols[] = {"番号", "名称", "状態", "期間", "対象者", "提出", "提出率", "実施率"};
	struct campaigns l = {0, NULL};
	int rc = each_row(db,
			  "SELECT c.id, c.campaign_no, c.title, c.state, c.opens_on, c.due_on,"
			  " (SELECT COUNT(*) FROM inspect_respondent r WHERE r.campaign_id = c.id),"
			  " (SELECT COUNT(*) FROM inspect_respondent r WHERE r.campaign_id = c.id AND r.submitted_at IS NOT NULL)"
			  " FROM inspect_campaign c WHERE c.fiscal_year = ? ORDER BY c.campaign_no",
			  r->fiscal_year, read_campaign, &l, e);
	for (size_t i = 0; !rc && i < l.n; i++)
		rc = each_row(db,
			      "SELECT a.answer, COUNT(*) FROM inspect_answer a JOIN inspect_respondent r ON r.id = a.respondent_id"
			      " WHERE r.campaign_id = ? AND r.submitted_at IS NOT NULL GROUP BY a.answer",
			      l.v[i].id, read_answer_count, &l.v[i], e);
	struct ar_table *t = ar_section(r, "inspections", "自己点検の実施状況", "自己点検",
					"この年度の自己点検はありません", cols, 8);
	for (size_t i = 0; !rc && i < l.n; i++) {
		const struct campaign *c = &l.v[i];
		char period[32], a[24], b[24], p[24], rate[24];
		double v = ar_answer_rate(c->ans);
		snprintf(period, sizeof period, "%s〜%s", c->opens_on, c->due_on);
		if (v < 0)
			snprintf(rate, sizeof rate, "—");
		else
			snprintf(rate, sizeof rate, "%.1f%%", v);
		const char *cells[] = {c->no,
				       c->title,
				       label_of(campaign_states, c->state),
				       period,
				       ar_int(c->respondents, a),
				       ar_int(c->submitted, b),
				       ar_pct((double)c->submitted, (double)c->respondents, p),
				       rate};
		ar_row(t, cells);
		r->sum.campaigns++;
		r->sum.respondents += c->respondents;
		r->sum.submitted += c->submitted;
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].no);
		free(l.v[i].title);
		free(l.v[i].state);
		free(l.v[i].opens_on);
		free(l.v[i].due_on);
	}
	free(l.v);
	return rc;
}

/* ---- audits (9.1) ---- */

struct audit_row {
	long long id, items, result[3], sev[3];
	char *no, *title, *target, *state;
};

struct audit_rows {
	size_t n;
	struct audit_row *v;
};

static void read_audit(struct db_stmt *st, void *arg)
{
	struct audit_rows *l = arg;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	struct audit_row *a = &l->v[l->n++];
	memset(a, 0, sizeof *a);
	a->id = db_column_int(st, 0);
	a->no = col_dup(st, 1);
	a->title = col_dup(st, 2);
	a->state = col_dup(st, 3);
	/* the target: the 課, the system, or the contractor audited */
	for (int k = 4; k <= 6 && !a->target; k++)
		if (!db_column_is_null(st, k) && *db_column_text(st, k))
			a->target = col_dup(st, k);
	if (!a->target)
		a->target = xstrdup("");
}

static void read_item_result(struct db_stmt *st, void *arg)
{
	static const char *const results[] = {"conform", "nonconform", "observation"};
	struct audit_row *a = arg;
	const char *res = db_column_text(st, 0);
	a->items += db_column_int(st, 1);
	for (int k = 0; k < 3; k++)
		if (res && strcmp(res, results[k]) == 0)
			a->result[k] += db_column_int(st, 1);
}

static void read_finding_severity(struct db_stmt *st, void *arg)
{
	static const char *const sevs[] = {"major", "minor", "observation"};
	struct audit_row *a = arg;
	const char *sev = db_column_text(st, 0);
	for (int k = 0; k < 3; k++)
		if (sev && strcmp(sev, sevs[k]) == 0)
			a->sev[k] += db_column_int(st, 1);
}

struct finding_rows {
	struct ar_table *t;
	struct annual_summary *sum;
};

static void read_finding(struct db_stmt *st, void *arg)
{
	struct finding_rows *f = arg;
	const char *cells[] = {db_column_text(st, 0), db_column_text(st, 1),
			       label_of(finding_severities, db_column_text(st, 2)), db_column_text(st, 3),
			       db_column_text(st, 4), label_of(finding_states, db_column_text(st, 5))};
	ar_row(f->t, cells);
	f->sum->audit_findings++;
}

static void read_plan(struct db_stmt *st, void *arg)
{
	struct ar_table *t = arg;
	if (db_column_is_null(st, 1))
		ar_lead(t, "この年度の監査計画は第%lld版（委員会の承認前）です。", db_column_int(st, 0));
	else
		ar_lead(t, "この年度の監査計画は第%lld版（承認済み）です。", db_column_int(st, 0));
}

static void audit_table(struct audit_rows *l, struct annual_report *r, struct ar_table *t)
{
	struct chart *ch = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const struct audit_row *a = &l->v[i];
		char n[7][24];
		const char *cells[] = {a->no,
				       a->title,
				       a->target,
				       label_of(audit_states, a->state),
				       ar_int(a->items, n[0]),
				       ar_int(a->result[0], n[1]),
				       ar_int(a->result[1], n[2]),
				       ar_int(a->result[2], n[3]),
				       ar_int(a->sev[0], n[4]),
				       ar_int(a->sev[1], n[5]),
				       ar_int(a->sev[2], n[6])};
		ar_row(t, cells);
		r->sum.audits++;
		if (a->items && !ch) {
			static const char *const series[] = {"適合", "不適合", "所見"};
			ch = ar_chart(t);
			chart_init(ch, CHART_STACKED, "監査ごとの項目の結果", "件", series, 3);
		}
	}
	for (size_t i = 0; ch && i < l->n; i++) {
		double v[3] = {(double)l->v[i].result[0], (double)l->v[i].result[1], (double)l->v[i].result[2]};
		chart_add(ch, l->v[i].no, v);
	}
}

int ar_audits(struct db *db, struct annual_report *r, struct err *e)
{
	static const char *const cols[] = {"番号", "名称", "対象", "状態", "監査項目", "適合", "不適合", "所見",
					   "指摘（重大）", "指摘（軽微）", "改善提案"};
	static const char *const fcols[] = {"指摘番号", "条項", "区分", "課", "内容", "状態"};
	struct audit_rows l = {0, NULL};
	struct ar_table *t = ar_section(r, "audits", "情報セキュリティ監査", "監査", "この年度の監査はありません", cols, 11);
	int rc = each_row(db,
			  "SELECT a.id, a.audit_no, a.title, a.state, u.name, s.name, a.contractor FROM audit a"
			  " LEFT JOIN org_unit u ON u.id = a.unit_id LEFT JOIN info_system s ON s.id = a.system_id"
			  " WHERE a.fiscal_year = ? ORDER BY a.audit_no",
			  r->fiscal_year, read_audit, &l, e);
	if (!rc)
		rc = each_row(db,
			      "SELECT version, approved_at FROM audit_plan WHERE fiscal_year = ? ORDER BY version DESC LIMIT 1",
			      r->fiscal_year, read_plan, t, e);
	for (size_t i = 0; !rc && i < l.n; i++)
		rc = each_row(db, "SELECT result, COUNT(*) FROM audit_item WHERE audit_id = ? GROUP BY result", l.v[i].id,
			      read_item_result, &l.v[i], e) ||
				     each_row(db,
					      "SELECT severity, COUNT(*) FROM audit_finding WHERE audit_id = ? GROUP BY severity",
					      l.v[i].id, read_finding_severity, &l.v[i], e)
			     ? e->code
			     : 0;
	if (!rc)
		audit_table(&l, r, t);
	struct finding_rows f = {ar_section(r, "audit_findings", "監査の指摘", "監査の指摘",
					    "この年度の監査の指摘はありません", fcols, 6),
				 &r->sum};
	if (!rc)
		rc = each_row(db,
			      "SELECT f.finding_no, f.clause, f.severity, u.name, f.description, f.state FROM audit_finding f"
			      " JOIN audit a ON a.id = f.audit_id LEFT JOIN org_unit u ON u.id = f.unit_id"
			      " WHERE a.fiscal_year = ? ORDER BY f.finding_no",
			      r->fiscal_year, read_finding, &f, e);
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].no);
		free(l.v[i].title);
		free(l.v[i].target);
		free(l.v[i].state);
	}
	free(l.v);
	return rc;
}

/* ---- corrective actions still open (9.1.7, 9.2.3) ---- */

struct open_actions {
	struct ar_table *t;
	struct annual_report *r;
};

static void read_action(struct db_stmt *st, void *arg)
{
	struct open_actions *o = arg;
	const char *due = db_column_text(st, 6);
	char filed[11];
	ar_jst_date(db_column_text(st, 8), filed);
	if (filed[0] && strcmp(filed, o->r->to) > 0)
		return; /* filed after the 年度: not this report's business */
	int overdue = due && strcmp(due, o->r->today) < 0 && strcmp(db_column_text(st, 7), "done") != 0;
	char state[64];
	snprintf(state, sizeof state, "%s%s", label_of(action_states, db_column_text(st, 7)), overdue ? "（期限超過）" : "");
	const char *cells[] = {db_column_text(st, 0), label_of(action_sources, db_column_text(st, 1)),
			       db_column_text(st, 2), db_column_text(st, 3), db_column_text(st, 4), db_column_text(st, 5),
			       due, state};
	ar_row(o->t, cells);
	o->r->sum.corrective_open++;
	o->r->sum.corrective_overdue += overdue;
}

int ar_corrective(struct db *db, struct annual_report *r, struct err *e)
{
	static const char *const cols[] = {"番号", "由来", "課", "条項", "問題", "措置", "期限", "状態"};
	struct open_actions o = {ar_section(r, "corrective_open", "未完了の改善措置", "改善措置",
					    "未完了の改善措置はありません", cols, 8),
				 r};
	int rc = each_row(db,
			  "SELECT c.action_no, c.source, u.name, c.clause, c.problem, c.measure, c.due_on, c.state, c.created_at"
			  " FROM corrective_action c LEFT JOIN org_unit u ON u.id = c.unit_id"
			  " WHERE c.state <> 'verified' AND c.id > ?"
			  " ORDER BY COALESCE(c.due_on, '9999-12-31'), c.action_no",
			  0, read_action, &o, e);
	if (!rc && o.t->nrows)
		ar_lead(o.t, "確認が済んでいない改善措置は %lld 件、うち期限を過ぎたものは %lld 件です（作成日 %s 時点）。",
			r->sum.corrective_open, r->sum.corrective_overdue, r->today);
	return rc;
}

/* ---- proposed policy revisions ---- */

static void version_text(const struct policy_versions *pv, long long id, char out[64])
{
	const struct policy_version *v = id ? policy_version_by_id(pv, id) : NULL;
	if (!v)
		snprintf(out, 64, "%s", id ? "?" : "—");
	else
		snprintf(out, 64, "第%lld版（%s）", id, v->approved_at ? "決裁済み" : "決裁前");
}

int ar_proposals(struct db *db, struct annual_report *r, struct err *e)
{
	static const char *const cols[] = {"番号", "条項", "提案", "理由", "きっかけ", "参照", "状態", "提案時の版",
					   "採用した版"};
	struct proposal_list l;
	struct policy_versions pv;
	if (proposal_list_load(db, r->fiscal_year, &l, e))
		return e->code;
	if (policy_versions_load(db, &pv, e)) {
		proposal_list_free(&l);
		return e->code;
	}
	struct ar_table *t = ar_section(r, "proposals", "ポリシー改定の提案", "改定提案",
					"この年度のポリシー改定の提案はありません", cols, 9);
	for (size_t i = 0; i < l.n; i++) {
		const struct proposal *p = &l.v[i];
		char base[64], adopted[64];
		version_text(&pv, p->base_version_id, base);
		version_text(&pv, p->adopted_version_id, adopted);
		const char *cells[] = {p->proposal_no, p->clause, p->proposal, p->reason, proposal_source_label(p->source),
				       p->source_ref, proposal_state_label(p->state), base, adopted};
		ar_row(t, cells);
		r->sum.proposals++;
		r->sum.proposals_adopted += strcmp(p->state, "adopted") == 0;
	}
	policy_versions_free(&pv);
	proposal_list_free(&l);
	return 0;
}
