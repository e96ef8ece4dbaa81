/*
 * rules_incident.c — what the incident record must show: every party told
 * by its due time (the notice's clause: 5.3 or 1(9)), every emergency
 * cut-off reported afterwards (5.3.3.3), and no report left unassessed in
 * 受付 for more than a day (5.3.3.1).  The rules read the tables directly:
 * the incident tables can be large, so only the rows that matter are read.
 */
#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/incident.h"
#include "util/timeutil.h"

static void rule_overdue_notice(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct db_stmt *st;
	struct err e = {0};
	char now[32];
	time_now_rfc3339(now);
	if (db_prepare(c->db, "SELECT i.incident_no, n.party, n.due_at FROM incident_notice n"
			      " JOIN incident i ON i.id = n.incident_id WHERE n.done_at IS NULL AND n.due_at < ?"
			      " ORDER BY n.due_at, n.id", &st, &e))
		return;
	db_bind_text(st, 1, now);
	while (db_step(st, &e) == DB_ROW) {
		const struct incident_notice_rule *nr = incident_notice_rule_find(db_column_text(st, 1));
		struct rule at = *r;
		if (nr)
			at.control = nr->clause;
		char subject[96], due[17];
		snprintf(subject, sizeof subject, "incident:%s", db_column_text(st, 0));
		if (time_jst_text(db_column_text(st, 2), due))
			snprintf(due, sizeof due, "%s", db_column_text(st, 2));
		finding_add(out, &at, SEV_ERROR, subject, "インシデント %s の「%s」への通知が期限 %s を過ぎても記録されていません",
			    db_column_text(st, 0), nr ? nr->label : db_column_text(st, 1), due);
	}
	db_finalize(st);
}

static void rule_cutoff_unreported(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct db_stmt *st;
	struct err e = {0};
	/* an emergency cut-off whose id no cutoff_report of the same incident names */
	if (db_prepare(c->db, "SELECT i.incident_no, x.id, x.body FROM case_event x JOIN incident i ON i.id = x.case_id"
			      " WHERE x.case_kind = 'incident' AND x.kind = 'cutoff' AND x.body LIKE '%\"emergency\":1%'"
			      " AND NOT EXISTS (SELECT 1 FROM case_event y WHERE y.case_kind = 'incident'"
			      " AND y.case_id = x.case_id AND y.kind = 'cutoff_report'"
			      " AND (y.body LIKE '%\"ref\":' || x.id || ',%' OR y.body LIKE '%\"ref\":' || x.id || '}%'))"
			      " ORDER BY x.id", &st, &e))
		return;
	while (db_step(st, &e) == DB_ROW) {
		char subject[96];
		snprintf(subject, sizeof subject, "incident:%s", db_column_text(st, 0));
		finding_add(out, r, SEV_ERROR, subject, "インシデント %s の緊急遮断（記録番号 %lld）の事後報告がありません",
			    db_column_text(st, 0), db_column_int(st, 1));
	}
	db_finalize(st);
}

static void rule_unassessed(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct db_stmt *st;
	struct err e = {0};
	char now[32], limit[32];
	time_now_rfc3339(now);
	if (incident_time_add_hours(now, -24, limit))
		return;
	if (db_prepare(c->db, "SELECT incident_no, reported_at FROM incident WHERE state = 'received'"
			      " AND reported_at < ? ORDER BY id", &st, &e))
		return;
	db_bind_text(st, 1, limit);
	while (db_step(st, &e) == DB_ROW) {
		char subject[96], at[17];
		snprintf(subject, sizeof subject, "incident:%s", db_column_text(st, 0));
		if (time_jst_text(db_column_text(st, 1), at))
			snprintf(at, sizeof at, "%s", db_column_text(st, 1));
		finding_add(out, r, SEV_WARNING, subject, "インシデント %s は %s の受付から1日を過ぎても CSIRT の評価がありません",
			    db_column_text(st, 0), at);
	}
	db_finalize(st);
}

const struct rule check_rules_incident[] = {
	{"incident.notice_overdue", "5.3.1.1", "インシデントの報告・通知が期限内に行われている（指摘は各通知の条項に付く）", rule_overdue_notice},
	{"incident.cutoff_unreported", "5.3.3.3", "緊急遮断は事後に報告されている", rule_cutoff_unreported},
	{"incident.unassessed", "5.3.3.1", "報告は1日以内に CSIRT が評価している", rule_unassessed},
};
const size_t check_nrules_incident = sizeof check_rules_incident / sizeof check_rules_incident[0];
