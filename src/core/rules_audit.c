/*
 * rules_audit.c — what the audit records (9.1) must show: an audit lead in
 * office (9.1.1), an approved plan for the current 年度 (9.1.3.1), at least
 * one audit in every completed 年度 (9.1.1), auditors still independent of
 * what they audit (1.8.2), closed audits reported to the committee (9.1.5),
 * findings given the CISO's directive in time (9.1.7), and corrective
 * actions not left past their due date (9.1.7, 9.2.3.1).
 *
 * Like the training rules, these start once mamori holds audit records (a
 * plan or an audit): before that, their absence says nothing about the
 * municipality, whose audits may still be kept elsewhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/case_util.h"
#include "core/check.h"
#include "core/corrective.h"
#include "util/timeutil.h"

/* The plan may still be in the making in April and May. */
#define PLAN_GRACE_UNTIL "-06-01"
/* 9.1.7 sets no deadline for the CISO's directive; a month is what the
 * committee's usual cycle allows before a finding is left unanswered. */
#define AUDIT_DIRECTIVE_DAYS 30

/* The first 年度 with any audit record, or 0 when there is none. */
static int first_year(const struct check_ctx *c)
{
	long long plan = 0, audit = 0;
	struct err e = {0};
	if (db_query_int(c->db, "SELECT COALESCE(MIN(fiscal_year), 0) FROM audit_plan", NULL, &plan, &e) ||
	    db_query_int(c->db, "SELECT COALESCE(MIN(fiscal_year), 0) FROM audit", NULL, &audit, &e))
		return 0;
	if (!plan || (audit && audit < plan))
		return (int)audit;
	return (int)plan;
}

static void rule_lead(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	if (!first_year(c))
		return;
	for (size_t i = 0; i < c->roles.n; i++)
		if (strcmp(c->roles.v[i].role, "audit_lead") == 0)
			return;
	finding_add(out, r, SEV_ERROR, "role:audit_lead",
		    "情報セキュリティ監査統括責任者がいません（CISO が指名し、role assign audit_lead で記録します）");
}

static void rule_plan(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	if (!first_year(c))
		return;
	struct audit_plans l;
	struct err e = {0};
	int fy = fiscal_year(c->today);
	if (audit_plans_load(c->db, fy, &l, &e))
		return;
	const struct audit_plan *latest = audit_plan_latest(&l, fy), *ok = audit_plan_approved(&l, fy);
	char label[32], grace[16], subject[48];
	wareki_fiscal_year(fy, label, sizeof label);
	snprintf(grace, sizeof grace, "%04d%s", fy % 10000, PLAN_GRACE_UNTIL);
	snprintf(subject, sizeof subject, "audit_plan:%d", fy);
	enum severity sev = strcmp(c->today, grace) < 0 ? SEV_WARNING : SEV_ERROR;
	if (!latest)
		finding_add(out, r, sev, subject, "%sの監査計画がありません（audit plan draft で作成し、委員会の承認を受けます）", label);
	else if (!ok)
		finding_add(out, r, sev, subject, "%sの監査計画 第%d版は情報セキュリティ委員会の承認を受けていません", label,
			    latest->version);
	else if (ok != latest)
		finding_add(out, r, SEV_WARNING, subject, "%sの監査計画の変更（第%d版）がまだ承認されていません（承認済みは第%d版）",
			    label, latest->version, ok->version);
	audit_plans_free(&l);
}

static void rule_yearly(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	int first = first_year(c), last = fiscal_year(c->today) - 1;
	for (int fy = first; first && fy <= last; fy++) {
		struct audit_filter f = {fy, NULL, 0};
		struct audit_list l;
		struct err e = {0};
		if (audit_list_load(c->db, &f, &l, &e))
			return;
		if (l.n == 0) {
			char label[32], subject[48];
			wareki_fiscal_year(fy, label, sizeof label);
			snprintf(subject, sizeof subject, "audit:%d", fy);
			finding_add(out, r, SEV_ERROR, subject, "%sに情報セキュリティ監査が一度も行われていません", label);
		}
		audit_list_free(&l);
	}
}

/* Roles change after an auditor is added: a transfer into the audited 課
 * makes an auditor no longer independent while the audit is still open. */
static void rule_independence(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct audit_filter f = {0, "open", 0};
	struct audit_list l;
	struct err e = {0};
	if (audit_list_load(c->db, &f, &l, &e))
		return;
	for (size_t i = 0; i < l.n; i++) {
		struct audit_members ms;
		if (audit_members_load(c->db, l.v[i].id, &ms, &e))
			continue;
		for (size_t k = 0; k < ms.n; k++) {
			struct err why = {0};
			char subject[64];
			if (!ms.v[k].staff_id || audit_independence(c->db, &l.v[i], ms.v[k].staff_id, &why) != ERR_INPUT)
				continue;
			snprintf(subject, sizeof subject, "audit:%s", l.v[i].audit_no);
			finding_add(out, r, SEV_ERROR, subject, "監査 %s: %s", l.v[i].audit_no, why.msg);
		}
		audit_members_free(&ms);
	}
	audit_list_free(&l);
}

static void rule_reported(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct audit_filter f = {0, "closed", 0};
	struct audit_list l;
	struct err e = {0};
	if (audit_list_load(c->db, &f, &l, &e))
		return;
	for (size_t i = 0; i < l.n; i++) {
		long long n = 0;
		char subject[64];
		if (db_query_int(c->db, "SELECT COUNT(*) FROM committee_report WHERE kind = 'audit' AND note = ?",
				 l.v[i].audit_no, &n, &e) || n)
			continue;
		snprintf(subject, sizeof subject, "audit:%s", l.v[i].audit_no);
		finding_add(out, r, SEV_WARNING, subject,
			    "終了した監査 %s（%s）の結果が情報セキュリティ委員会に報告されていません（audit report --submit）",
			    l.v[i].audit_no, l.v[i].title);
	}
	audit_list_free(&l);
}

static void rule_directive(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct audit_finding_filter f = {0, 0, "open", 0};
	struct audit_findings l;
	struct err e = {0};
	long long days = AUDIT_DIRECTIVE_DAYS;
	if (audit_findings_load(c->db, &f, &l, &e))
		return;
	for (size_t i = 0; i < l.n; i++) {
		char made[17], due[11], subject[64];
		if (time_jst_text(l.v[i].created_at, made))
			continue;
		made[10] = '\0';
		date_add_days(made, (int)days, due);
		if (strcmp(due, c->today) >= 0)
			continue;
		snprintf(subject, sizeof subject, "audit_finding:%s", l.v[i].finding_no);
		finding_add(out, r, SEV_WARNING, subject,
			    "監査の指摘事項 %s（%s に指摘）に、%lld日を過ぎても CISO の対処の指示がありません", l.v[i].finding_no,
			    made, days);
	}
	audit_findings_free(&l);
}

static void overdue(const struct check_ctx *c, const struct rule *r, struct findings *out, const char *source)
{
	struct corrective_filter f = {source, "unverified", 0, 0};
	struct corrective_list l;
	struct err e = {0};
	if (corrective_list(c->db, &f, &l, &e))
		return;
	for (size_t i = 0; i < l.n; i++) {
		const struct corrective_action *a = &l.v[i];
		char subject[64];
		if (!corrective_is_overdue(a, c->today))
			continue;
		const struct org_unit *u = org_unit_by_id(&c->units, a->unit_id);
		snprintf(subject, sizeof subject, "corrective_action:%s", a->action_no);
		finding_add(out, r, SEV_WARNING, subject, "改善措置 %s（%s）は期限 %s を過ぎても完了していません: %s",
			    a->action_no, u ? u->name : "?", a->due_on, a->measure);
	}
	corrective_list_free(&l);
}

static void rule_audit_overdue(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	overdue(c, r, out, "audit");
}

static void rule_inspect_overdue(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	overdue(c, r, out, "inspect");
}

const struct rule check_rules_audit[] = {
	{"audit.lead", "9.1.1", "情報セキュリティ監査統括責任者が指名されている", rule_lead},
	{"audit.plan.approved", "9.1.3.1", "当年度の監査計画が委員会の承認を受けている", rule_plan},
	{"audit.yearly", "9.1.1", "毎年度、情報セキュリティ監査を行っている", rule_yearly},
	{"audit.independence", "1.8.2", "監査人が監査対象から独立している", rule_independence},
	{"audit.reported", "9.1.5", "終了した監査の結果を委員会に報告している", rule_reported},
	{"audit.directive", "9.1.7", "監査の指摘事項に CISO が期限内に対処を指示している", rule_directive},
	{"corrective.audit_overdue", "9.1.7", "監査の指摘への改善措置が期限内に完了している", rule_audit_overdue},
	{"corrective.inspect_overdue", "9.2.3.1", "自己点検の改善措置が期限内に完了している", rule_inspect_overdue},
};
const size_t check_nrules_audit = sizeof check_rules_audit / sizeof check_rules_audit[0];
