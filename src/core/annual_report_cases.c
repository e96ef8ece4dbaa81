/*
 * annual_report_cases.c — training, incidents and exceptions of the 年度,
 * for the annual report.
 *
 * Training counts a member of staff as trained when they attended a session
 * of the 年度 and did not fail its test (a session without a test counts);
 * staff in office at any time in the 年度 are the denominator.  An incident
 * belongs to the 年度 of its detection (JST) and counts unless the CSIRT
 * judged it not to be one.  Exceptions are counted by what happened in the
 * 年度: filed, permitted, rejected; and by their state at the 年度's end (or
 * today, while the 年度 runs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/annual_report_internal.h"
#include "core/exception.h"
#include "core/incident.h"
#include "core/org.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/vocab.h"

/* ---- training (5.2) ---- */

struct unit_count {
	const struct org_unit *unit;
	long long staff, trained;
};

static int trained_ids(struct db *db, int fy, long long **ids, size_t *n, struct err *e)
{
	struct db_stmt *st;
	*ids = NULL;
	*n = 0;
	if (db_prepare(db,
		       "SELECT DISTINCT a.staff_id FROM training_attendance a"
		       " JOIN training_session s ON s.id = a.session_id"
		       " WHERE s.fiscal_year = ? AND (a.passed IS NULL OR a.passed <> 0) ORDER BY a.staff_id",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, fy);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		*ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = db_column_int(st, 0);
	}
	db_finalize(st);
	return rc < 0 ? e->code : 0;
}

static int in_list(const long long *ids, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static int in_office(const struct staff *s, const struct annual_report *r)
{
	return (!s->started_on || strcmp(s->started_on, r->to) <= 0) && (!s->left_on || strcmp(s->left_on, r->from) >= 0);
}

static int sessions_table(struct db *db, struct annual_report *r, struct err *e)
{
	static const char *const cols[] = {"開催日", "研修", "種別", "受講者数"};
	struct ar_table *t = ar_section(r, "training_sessions", "研修・訓練の開催", "研修の開催",
					"この年度の研修・訓練の開催はありません", cols, 4);
	struct db_stmt *st;
	if (db_prepare(db,
		       "SELECT s.held_on, c.title, c.kind,"
		       " (SELECT COUNT(*) FROM training_attendance a WHERE a.session_id = s.id)"
		       " FROM training_session s JOIN training_course c ON c.id = s.course_id"
		       " WHERE s.fiscal_year = ? ORDER BY s.held_on, s.id",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, r->fiscal_year);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *kind = db_column_text(st, 2);
		int drill = kind && strcmp(kind, "drill") == 0;
		char n[24];
		const char *cells[] = {db_column_text(st, 0), db_column_text(st, 1), drill ? "緊急時対応訓練" : "研修",
				       ar_int(db_column_int(st, 3), n)};
		ar_row(t, cells);
		r->sum.sessions++;
		r->sum.drills += drill;
	}
	db_finalize(st);
	return rc < 0 ? e->code : 0;
}

int ar_training(struct db *db, struct annual_report *r, struct err *e)
{
	static const char *const cols[] = {"課コード", "課名", "在籍職員", "受講者", "受講率"};
	struct org_units units;
	struct staff_list staff;
	long long *ids;
	size_t nids;
	if (org_units_load(db, &units, e))
		return e->code;
	if (staff_load(db, "", &staff, e)) {
		org_units_free(&units);
		return e->code;
	}
	int rc = trained_ids(db, r->fiscal_year, &ids, &nids, e);
	struct unit_count *uc = xcalloc(units.n + 1, sizeof *uc);
	size_t nuc = 0;
	for (size_t i = 0; i < units.n; i++)
		if (org_unit_tier(&units.v[i]) == TIER_SECTION && org_unit_is_open(&units.v[i]))
			uc[nuc++].unit = &units.v[i];
	for (size_t i = 0; !rc && i < staff.n; i++) {
		const struct staff *s = &staff.v[i];
		if (!in_office(s, r))
			continue;
		int trained = in_list(ids, nids, s->id);
		r->sum.staff++;
		r->sum.trained += trained;
		const struct org_unit *u = org_unit_up_to_tier(&units, s->unit_id, TIER_SECTION);
		for (size_t k = 0; u && k < nuc; k++) {
			if (uc[k].unit == u) {
				uc[k].staff++;
				uc[k].trained += trained;
			}
		}
	}
	if (!rc) {
		struct ar_table *t = ar_section(r, "training", "研修の受講状況（課別）", "研修の受講",
						"この年度の研修の受講記録はありません", cols, 5);
		char pct[24];
		ar_lead(t, "在籍職員 %lld 人のうち %lld 人が受講しました（受講率 %s）。", r->sum.staff, r->sum.trained,
			ar_pct((double)r->sum.trained, (double)r->sum.staff, pct));
		struct chart *ch = nids ? ar_chart(t) : NULL;
		if (ch) {
			static const char *const one[] = {"受講率"};
			chart_init(ch, CHART_HBAR, "課別の研修受講率", "%", one, 1);
		}
		for (size_t k = 0; nids && k < nuc; k++) {
			char a[24], b[24];
			const char *cells[] = {uc[k].unit->code, uc[k].unit->name, ar_int(uc[k].staff, a),
					       ar_int(uc[k].trained, b),
					       ar_pct((double)uc[k].trained, (double)uc[k].staff, pct)};
			ar_row(t, cells);
			double v = uc[k].staff ? 100.0 * (double)uc[k].trained / (double)uc[k].staff : 0;
			if (ch)
				chart_add(ch, uc[k].unit->name, &v);
		}
		rc = sessions_table(db, r, e);
	}
	free(uc);
	free(ids);
	staff_list_free(&staff);
	org_units_free(&units);
	return rc;
}

/* ---- incidents (5.3) ---- */

static const char *const severity_ids[] = {"high", "medium", "low", NULL};
static const char *const severity_series[] = {"高", "中", "低", "未評価"};

static int severity_index(const char *sev)
{
	for (int i = 0; severity_ids[i]; i++)
		if (sev && strcmp(sev, severity_ids[i]) == 0)
			return i;
	return 3;
}

int ar_incidents(struct db *db, struct annual_report *r, struct err *e)
{
	static const char *const cols[] = {"区分", "高", "中", "低", "未評価", "計"};
	static const char *const notable_cols[] = {"番号", "検知日", "区分", "件名", "重大度", "状態"};
	size_t ncat;
	const struct incident_category *cats = incident_categories(&ncat);
	long long (*n)[4] = xcalloc(ncat + 1, sizeof *n); /* the last row: categories not known */
	struct ar_table *t = ar_section(r, "incidents", "インシデント（区分・重大度別）", "インシデント",
					"この年度のインシデントはありません", cols, 6);
	struct ar_table *nt = ar_section(r, "incidents_notable", "主なインシデント（重大度 高）", "主なインシデント",
					 "この年度に重大度「高」のインシデントはありません", notable_cols, 6);
	struct db_stmt *st;
	if (db_prepare(db,
		       "SELECT incident_no, detected_at, category, title, severity, state, COALESCE(is_incident, -1)"
		       " FROM incident ORDER BY detected_at, id",
		       &st, e)) {
		free(n);
		return e->code;
	}
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *at = db_column_text(st, 1), *cat = db_column_text(st, 2), *sev = db_column_text(st, 4);
		if (!ar_instant_in_year(at, r->fiscal_year) || db_column_int(st, 6) == 0)
			continue;
		size_t c = ncat;
		for (size_t i = 0; cat && i < ncat; i++)
			if (strcmp(cats[i].id, cat) == 0)
				c = i;
		n[c][severity_index(sev)]++;
		r->sum.incidents++;
		if (severity_index(sev) == 0) {
			char day[11];
			ar_jst_date(at, day);
			r->sum.incidents_high++;
			const char *cells[] = {db_column_text(st, 0), day, c < ncat ? cats[c].label : cat, db_column_text(st, 3),
					       incident_severity_label(sev), incident_state_label(db_column_text(st, 5))};
			ar_row(nt, cells);
		}
	}
	db_finalize(st);
	if (rc >= 0 && r->sum.incidents) {
		struct chart *ch = ar_chart(t);
		chart_init(ch, CHART_STACKED, "区分・重大度別のインシデント", "件", severity_series, 4);
		for (size_t c = 0; c <= ncat; c++) {
			long long total = n[c][0] + n[c][1] + n[c][2] + n[c][3];
			if (!total)
				continue;
			char v[5][24];
			const char *label = c < ncat ? cats[c].label : "その他";
			const char *cells[] = {label, ar_int(n[c][0], v[0]), ar_int(n[c][1], v[1]), ar_int(n[c][2], v[2]),
					       ar_int(n[c][3], v[3]), ar_int(total, v[4])};
			ar_row(t, cells);
			double dv[4] = {(double)n[c][0], (double)n[c][1], (double)n[c][2], (double)n[c][3]};
			chart_add(ch, label, dv);
		}
		ar_lead(t, "この年度に検知したインシデントは %lld 件、うち重大度「高」は %lld 件です。", r->sum.incidents,
			r->sum.incidents_high);
	}
	free(n);
	return rc < 0 ? e->code : 0;
}

/* ---- exceptions (7.4) ---- */

int ar_exceptions(struct db *db, struct annual_report *r, struct err *e)
{
	static const char *const cols[] = {"番号", "条項", "課", "期間", "申請日", "状態（年度末）"};
	struct exception_list list;
	struct org_units units;
	if (exception_load(db, &list, e))
		return e->code;
	if (org_units_load(db, &units, e)) {
		exception_list_free(&list);
		return e->code;
	}
	/* the state at the 年度's end, or today while the 年度 runs */
	const char *day = strcmp(r->today, r->to) < 0 ? r->today : r->to;
	struct ar_table *t = ar_section(r, "exceptions", "例外措置", "例外措置", "この年度の例外措置はありません", cols, 6);
	for (size_t i = 0; i < list.n; i++) {
		const struct exception_req *x = &list.v[i];
		int filed = ar_instant_in_year(x->filed_at, r->fiscal_year);
		int decided = ar_instant_in_year(x->decided_at, r->fiscal_year);
		int rejected = strcmp(x->state, "rejected") == 0;
		int overlaps = strcmp(x->starts_on, r->to) <= 0 && strcmp(x->ends_on, r->from) >= 0;
		int in_force = exception_in_force(x) && strcmp(x->starts_on, day) <= 0 && strcmp(x->ends_on, day) >= 0;
		int expired = exception_in_force(x) && strcmp(x->ends_on, day) < 0 && strcmp(x->ends_on, r->from) >= 0;
		r->sum.exc_requested += filed;
		r->sum.exc_permitted += decided && !rejected && x->decided_by;
		r->sum.exc_rejected += decided && rejected;
		r->sum.exc_in_force += in_force;
		r->sum.exc_expired += expired;
		if (!filed && !(overlaps && exception_in_force(x)) && !decided)
			continue;
		const struct org_unit *u = org_unit_by_id(&units, x->unit_id);
		char period[32], fday[11];
		snprintf(period, sizeof period, "%s〜%s", x->starts_on, x->ends_on);
		ar_jst_date(x->filed_at, fday);
		const char *cells[] = {x->exception_no, x->clause, u ? u->name : "", period, fday,
				       exception_state_label(x, day)};
		ar_row(t, cells);
	}
	if (t->nrows)
		ar_lead(t, "申請 %lld 件、許可 %lld 件、却下 %lld 件。%s 時点で有効 %lld 件、期限切れ %lld 件です。",
			r->sum.exc_requested, r->sum.exc_permitted, r->sum.exc_rejected, day, r->sum.exc_in_force,
			r->sum.exc_expired);
	org_units_free(&units);
	exception_list_free(&list);
	return 0;
}
