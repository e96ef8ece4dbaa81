/*
 * annual_report_compliance.c — 遵守状況 by chapter and by 課: the findings
 * of `check` (core/check.h, the state on the day the report is made) and
 * the answers of the 年度's self-inspection campaigns (only those of people
 * who submitted their checklist: a half-filled one is not a result yet).
 *
 * A finding counts for a 課 when its subject is the 課 itself, a member of
 * its staff or one of its information systems; findings about the whole
 * organisation (a role nobody holds…) count only by chapter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/annual_report_internal.h"
#include "core/catalog.h"
#include "core/check.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/staff.h"
#include "core/vocab.h"

/* The chapter key of a clause id: "P" for the 基本方針, else its first number. */
static void chapter_key(const char *clause, char out[8])
{
	size_t n = 0;
	if (clause[0] == 'P') {
		snprintf(out, 8, "P");
		return;
	}
	while (clause[n] && clause[n] != '.' && n < 7)
		n++;
	memcpy(out, clause, n);
	out[n] = 0;
}

struct chapter {
	char key[8];
	const char *title;
	long long errors, warnings, ans[AR_NANSWERS];
};

struct unit_row {
	const struct org_unit *unit;
	long long findings, ans[AR_NANSWERS];
};

struct compliance {
	struct catalog cat;
	struct findings findings;
	struct org_units units;
	struct staff_list staff;
	struct info_systems systems;
	struct chapter *ch;
	size_t nch;
	struct unit_row *ur;
	size_t nur;
};

static struct chapter *chapter_of(struct compliance *c, const char *clause)
{
	char key[8];
	chapter_key(clause, key);
	for (size_t i = 0; i < c->nch; i++)
		if (strcmp(c->ch[i].key, key) == 0)
			return &c->ch[i];
	return NULL;
}

static void chapters_init(struct compliance *c)
{
	for (size_t i = 0; i < c->cat.n; i++) {
		const struct catalog_entry *en = &c->cat.v[i];
		if (chapter_of(c, en->id))
			continue;
		c->ch = xrealloc(c->ch, (c->nch + 1) * sizeof *c->ch);
		struct chapter *ch = &c->ch[c->nch++];
		memset(ch, 0, sizeof *ch);
		chapter_key(en->id, ch->key);
		ch->title = ch->key[0] == 'P' ? "基本方針" : en->chapter ? en->chapter : "";
	}
}

static struct unit_row *unit_row_of(struct compliance *c, long long unit_id)
{
	const struct org_unit *u = org_unit_up_to_tier(&c->units, unit_id, TIER_SECTION);
	for (size_t i = 0; u && i < c->nur; i++)
		if (c->ur[i].unit == u)
			return &c->ur[i];
	return NULL;
}

static void units_init(struct compliance *c)
{
	for (size_t i = 0; i < c->units.n; i++) {
		const struct org_unit *u = &c->units.v[i];
		if (org_unit_tier(u) != TIER_SECTION || !org_unit_is_open(u))
			continue;
		c->ur = xrealloc(c->ur, (c->nur + 1) * sizeof *c->ur);
		memset(&c->ur[c->nur], 0, sizeof *c->ur);
		c->ur[c->nur++].unit = u;
	}
}

/* The 課 a finding's subject belongs to, or 0. */
static long long subject_unit(const struct compliance *c, const char *subject)
{
	const char *colon = strchr(subject, ':');
	if (!colon)
		return 0;
	size_t n = (size_t)(colon - subject);
	const char *key = colon + 1;
	if (n == 8 && strncmp(subject, "org_unit", n) == 0) {
		const struct org_unit *u = org_unit_by_code(&c->units, key);
		return u ? u->id : 0;
	}
	if (n == 5 && strncmp(subject, "staff", n) == 0) {
		for (size_t i = 0; i < c->staff.n; i++)
			if (strcmp(c->staff.v[i].staff_no, key) == 0)
				return c->staff.v[i].unit_id;
		return 0;
	}
	if (n == 11 && strncmp(subject, "info_system", n) == 0) {
		for (size_t i = 0; i < c->systems.n; i++)
			if (strcmp(c->systems.v[i].code, key) == 0)
				return c->systems.v[i].unit_id;
	}
	return 0;
}

static void count_findings(struct compliance *c, struct annual_summary *s)
{
	for (size_t i = 0; i < c->findings.n; i++) {
		const struct finding *f = &c->findings.v[i];
		struct chapter *ch = chapter_of(c, f->control);
		int err = f->severity == SEV_ERROR;
		if (err)
			s->check_errors++;
		else
			s->check_warnings++;
		if (ch) {
			ch->errors += err;
			ch->warnings += !err;
		}
		struct unit_row *u = unit_row_of(c, subject_unit(c, f->subject));
		if (u)
			u->findings++;
	}
}

/* Submitted answers of the 年度's campaigns, by clause or by the
 * respondent's 課 (by_unit), with their counts. */
static int count_answers(struct db *db, struct compliance *c, int fy, int by_unit, struct annual_summary *s,
			 struct err *e)
{
	static const char *const sql[] = {
		"SELECT q.clause, a.answer, COUNT(*) FROM inspect_answer a"
		" JOIN inspect_question q ON q.id = a.question_id"
		" JOIN inspect_respondent r ON r.id = a.respondent_id"
		" JOIN inspect_campaign c ON c.id = r.campaign_id"
		" WHERE c.fiscal_year = ? AND r.submitted_at IS NOT NULL GROUP BY q.clause, a.answer",
		"SELECT r.unit_id, a.answer, COUNT(*) FROM inspect_answer a"
		" JOIN inspect_respondent r ON r.id = a.respondent_id"
		" JOIN inspect_campaign c ON c.id = r.campaign_id"
		" WHERE c.fiscal_year = ? AND r.submitted_at IS NOT NULL GROUP BY r.unit_id, a.answer",
	};
	struct db_stmt *st;
	if (db_prepare(db, sql[by_unit], &st, e))
		return e->code;
	db_bind_int(st, 1, fy);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int k = ar_answer_index(db_column_text(st, 1));
		long long n = db_column_int(st, 2);
		if (k < 0)
			continue;
		if (by_unit) {
			struct unit_row *u = unit_row_of(c, db_column_int(st, 0));
			if (u)
				u->ans[k] += n;
			continue;
		}
		long long *sum[] = {&s->answers_done, &s->answers_partial, &s->answers_not_done, &s->answers_na};
		*sum[k] += n;
		const char *clause = db_column_text(st, 0);
		struct chapter *ch = clause ? chapter_of(c, clause) : NULL;
		if (ch)
			ch->ans[k] += n;
	}
	db_finalize(st);
	return rc < 0 ? e->code : 0;
}

static const char *rate_text(const long long ans[AR_NANSWERS], char out[24])
{
	double r = ar_answer_rate(ans);
	if (r < 0)
		snprintf(out, 24, "—");
	else
		snprintf(out, 24, "%.1f%%", r);
	return out;
}

static int any_answers(const long long ans[AR_NANSWERS])
{
	return ans[AR_DONE] + ans[AR_PARTIAL] + ans[AR_NOT_DONE] + ans[AR_NA] > 0;
}

static const char *const answer_series[] = {"実施", "一部実施", "未実施"};

static void chapter_table(struct compliance *c, struct annual_report *r)
{
	static const char *const cols[] = {"章", "章名", "点検の指摘（エラー）", "点検の指摘（警告）", "実施",
					   "一部実施", "未実施", "該当なし", "実施率"};
	struct ar_table *t = ar_section(r, "compliance_chapter", "章別の遵守状況", "章別", "カタログに章がありません",
					cols, 9);
	ar_lead(t, "点検（check）の指摘は作成日時点の状態、自己点検はこの年度に提出された回答の件数です。"
		   "実施率は（実施＋一部実施÷2）÷（実施＋一部実施＋未実施）です。");
	int answered = 0, found = 0;
	for (size_t i = 0; i < c->nch; i++) {
		answered |= any_answers(c->ch[i].ans);
		found |= c->ch[i].errors + c->ch[i].warnings > 0;
	}
	struct chart *ans_chart = answered ? ar_chart(t) : NULL;
	struct chart *find_chart = found ? ar_chart(t) : NULL;
	if (ans_chart)
		chart_init(ans_chart, CHART_STACKED, "章別の自己点検の回答", "件", answer_series, 3);
	if (find_chart) {
		static const char *const sev[] = {"エラー", "警告"};
		chart_init(find_chart, CHART_STACKED, "章別の点検の指摘", "件", sev, 2);
	}
	for (size_t i = 0; i < c->nch; i++) {
		const struct chapter *ch = &c->ch[i];
		char n[6][24], rate[24], label[160];
		const char *cells[] = {ch->key[0] == 'P' ? "基本方針" : ch->key, ch->title, ar_int(ch->errors, n[0]),
				       ar_int(ch->warnings, n[1]), ar_int(ch->ans[AR_DONE], n[2]),
				       ar_int(ch->ans[AR_PARTIAL], n[3]), ar_int(ch->ans[AR_NOT_DONE], n[4]),
				       ar_int(ch->ans[AR_NA], n[5]), rate_text(ch->ans, rate)};
		ar_row(t, cells);
		if (ch->key[0] == 'P')
			snprintf(label, sizeof label, "基本方針");
		else
			snprintf(label, sizeof label, "第%s章 %s", ch->key, ch->title);
		double av[3] = {(double)ch->ans[AR_DONE], (double)ch->ans[AR_PARTIAL], (double)ch->ans[AR_NOT_DONE]};
		double fv[2] = {(double)ch->errors, (double)ch->warnings};
		if (ans_chart)
			chart_add(ans_chart, label, av);
		if (find_chart)
			chart_add(find_chart, label, fv);
	}
}

static void unit_table(struct compliance *c, struct annual_report *r)
{
	static const char *const cols[] = {"課コード", "課名", "点検の指摘", "実施", "一部実施", "未実施", "該当なし",
					   "実施率"};
	struct ar_table *t = ar_section(r, "compliance_unit", "課別の遵守状況", "課別", "課が登録されていません", cols, 8);
	struct chart *ch = NULL;
	for (size_t i = 0; i < c->nur && !ch; i++)
		if (ar_answer_rate(c->ur[i].ans) >= 0)
			ch = ar_chart(t);
	if (ch) {
		static const char *const one[] = {"実施率"};
		chart_init(ch, CHART_HBAR, "課別の自己点検の実施率", "%", one, 1);
	}
	for (size_t i = 0; i < c->nur; i++) {
		const struct unit_row *u = &c->ur[i];
		char n[5][24], rate[24];
		const char *cells[] = {u->unit->code,
				       u->unit->name,
				       ar_int(u->findings, n[0]),
				       ar_int(u->ans[AR_DONE], n[1]),
				       ar_int(u->ans[AR_PARTIAL], n[2]),
				       ar_int(u->ans[AR_NOT_DONE], n[3]),
				       ar_int(u->ans[AR_NA], n[4]),
				       rate_text(u->ans, rate)};
		ar_row(t, cells);
		double v = ar_answer_rate(u->ans);
		if (ch && v >= 0)
			chart_add(ch, u->unit->name, &v);
	}
}

static void compliance_free(struct compliance *c)
{
	catalog_free(&c->cat);
	findings_free(&c->findings);
	org_units_free(&c->units);
	staff_list_free(&c->staff);
	infosys_free(&c->systems);
	free(c->ch);
	free(c->ur);
}

int ar_compliance(struct db *db, struct annual_report *r, struct err *e)
{
	struct compliance c;
	memset(&c, 0, sizeof c);
	int rc = catalog_load(&c.cat, e) || check_run(db, &c.findings, e) || org_units_load(db, &c.units, e) ||
				 staff_load(db, "", &c.staff, e) || infosys_load(db, &c.systems, e)
			 ? e->code
			 : 0;
	if (!rc) {
		chapters_init(&c);
		units_init(&c);
		count_findings(&c, &r->sum);
		rc = count_answers(db, &c, r->fiscal_year, 0, &r->sum, e) ||
				     count_answers(db, &c, r->fiscal_year, 1, &r->sum, e)
			     ? e->code
			     : 0;
	}
	if (!rc) {
		chapter_table(&c, r);
		unit_table(&c, r);
	}
	compliance_free(&c);
	return rc;
}
