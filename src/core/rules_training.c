/*
 * rules_training.c — what the training records (5.2) must show: an approved
 * plan for the current 年度 (5.2.2.1), everyone trained once a 年度 when
 * 5.2.2.2 is adopted, new hires trained in time (5.2.2.3) and a drill held
 * every 年度 (5.2.3).  docs/training.md "check" explains the choices.
 *
 * The rules start once a course is registered (before that mamori does not
 * hold the municipality's training records at all), and judge a past 年度
 * only if some session was recorded by its end.  Findings are per 課 with a
 * count and a few names, never one per person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/training.h"
#include "core/training_stats.h"
#include "util/buf.h"
#include "util/timeutil.h"

/* How many names a finding lists before "ほか N 人". */
#define NAMES_SHOWN 5
/* The plan may still be in the making in April and May. */
#define PLAN_GRACE_UNTIL "-06-01"
/* From January, people not yet trained this 年度 are a warning. */
#define LATE_IN_YEAR "-01-01"

static int in_use(const struct check_ctx *c, int *has_new_hire_course)
{
	struct training_courses l;
	struct err e = {0};
	*has_new_hire_course = 0;
	if (training_courses_load(c->db, &l, &e))
		return 0;
	for (size_t i = 0; i < l.n; i++)
		if (!l.v[i].retired_on && training_course_for_new_hires(&l.v[i]))
			*has_new_hire_course = 1;
	int n = l.n > 0;
	training_courses_free(&l);
	return n;
}

static int judged(const struct check_ctx *c, int fy)
{
	int yes;
	struct err e = {0};
	return training_has_records_until(c->db, fy, &yes, &e) == 0 && yes;
}

static void names(struct buf *b, const struct training_person *v, size_t n)
{
	for (size_t i = 0; i < n && i < NAMES_SHOWN; i++)
		buf_printf(b, "%s%s（%s）", i ? "、" : "", v[i].name, v[i].staff_no);
	if (n > NAMES_SHOWN)
		buf_printf(b, " ほか %zu 人", n - NAMES_SHOWN);
}

static void rule_plan(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	int nh;
	if (!in_use(c, &nh))
		return;
	struct training_plans l;
	struct err e = {0};
	if (training_plans_load(c->db, &l, &e))
		return;
	int fy = fiscal_year(c->today);
	const struct training_plan *p = training_plan_latest(&l, fy);
	char label[32], grace[16], subject[48];
	wareki_fiscal_year(fy, label, sizeof label);
	snprintf(grace, sizeof grace, "%04d%s", fy % 10000, PLAN_GRACE_UNTIL);
	snprintf(subject, sizeof subject, "training_plan:%d", fy);
	enum severity sev = strcmp(c->today, grace) < 0 ? SEV_WARNING : SEV_ERROR;
	if (!p)
		finding_add(out, r, sev, subject, "%sの研修計画がありません（training plan draft で作成し、委員会の承認を受けます）",
			    label);
	else if (!p->approved_by)
		finding_add(out, r, sev, subject, "%sの研修計画 第%d版は情報セキュリティ委員会の承認を受けていません", label,
			    p->version);
	training_plans_free(&l);
}

static void untrained_findings(const struct rule *r, const struct training_year *y, enum severity sev,
			       const char *when, struct findings *out)
{
	char label[32];
	wareki_fiscal_year(y->fiscal_year, label, sizeof label);
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		if (!u->nuntrained)
			continue;
		struct buf b = BUF_INIT;
		char subject[96];
		names(&b, u->untrained, u->nuntrained);
		snprintf(subject, sizeof subject, "org_unit:%s", u->code);
		finding_add(out, r, sev, subject, "%sに%s研修を一度も受講していない職員が%sに %zu 人います（%ld 人中）: %s", label,
			    when, u->name, u->nuntrained, u->staff, buf_str(&b));
		buf_free(&b);
	}
}

/* 5.2.2.2: the last completed 年度 is an error; the current one, from
 * January, a warning naming who is still to be trained. */
static void rule_annual(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	int nh;
	if (!in_use(c, &nh))
		return;
	int now = fiscal_year(c->today);
	struct training_year y;
	struct err e = {0};
	if (judged(c, now - 1) && training_year_compute(c->db, now - 1, 0, c->today, &y, &e) == 0) {
		untrained_findings(r, &y, SEV_ERROR, "", out);
		training_year_free(&y);
	}
	char late[16];
	snprintf(late, sizeof late, "%04d%s", (now + 1) % 10000, LATE_IN_YEAR);
	if (strcmp(c->today, late) >= 0 && judged(c, now) &&
	    training_year_compute(c->db, now, 0, c->today, &y, &e) == 0) {
		untrained_findings(r, &y, SEV_WARNING, "まだ", out);
		training_year_free(&y);
	}
}

static void overdue_findings(const struct rule *r, const struct training_year *y, int has_course,
			     struct findings *out)
{
	char label[32];
	wareki_fiscal_year(y->fiscal_year, label, sizeof label);
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		if (!u->noverdue)
			continue;
		struct buf b = BUF_INIT;
		char subject[96];
		names(&b, u->overdue, u->noverdue);
		snprintf(subject, sizeof subject, "org_unit:%s", u->code);
		finding_add(out, r, SEV_ERROR, subject,
			    "%sに%sへ着任した職員 %zu 人が、着任から%d日以内に新規採用者向けの研修を受講していません%s: %s", label,
			    u->name, u->noverdue, TRAINING_NEW_HIRE_DAYS,
			    has_course ? "" : "（新規採用者向けの研修が登録されていません）", buf_str(&b));
		buf_free(&b);
	}
}

/* 5.2.2.3: hires of the last and the current 年度. */
static void rule_new_hires(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	int has_course;
	if (!in_use(c, &has_course))
		return;
	int now = fiscal_year(c->today);
	for (int fy = now - 1; fy <= now; fy++) {
		struct training_year y;
		struct err e = {0};
		if (training_year_compute(c->db, fy, 0, c->today, &y, &e))
			continue;
		overdue_findings(r, &y, has_course, out);
		training_year_free(&y);
	}
}

/* 5.2.3: a drill in the last completed 年度. */
static void rule_drill(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	int nh;
	int last = fiscal_year(c->today) - 1;
	if (!in_use(c, &nh) || !judged(c, last))
		return;
	struct training_sessions s;
	struct training_courses courses;
	struct err e = {0};
	if (training_sessions_load(c->db, last, &s, &e))
		return;
	if (training_courses_load(c->db, &courses, &e)) {
		training_sessions_free(&s);
		return;
	}
	int drills = 0;
	for (size_t i = 0; i < s.n; i++) {
		const struct training_course *co = training_course_by_id(&courses, s.v[i].course_id);
		drills += co && strcmp(co->kind, "drill") == 0;
	}
	if (!drills) {
		char label[32], subject[48];
		wareki_fiscal_year(last, label, sizeof label);
		snprintf(subject, sizeof subject, "training:%d", last);
		finding_add(out, r, SEV_ERROR, subject, "%sに緊急時対応訓練が実施された記録がありません", label);
	}
	training_sessions_free(&s);
	training_courses_free(&courses);
}

const struct rule check_rules_training[] = {
	{"training.plan.approved", "5.2.2.1", "当年度の研修計画が委員会の承認を受けている", rule_plan},
	{"training.annual", "5.2.2.2", "職員全員が毎年度1回以上研修を受講している", rule_annual},
	{"training.new_hire", "5.2.2.3", "新規採用者が着任後速やかに研修を受講している", rule_new_hires},
	{"training.drill", "5.2.3", "毎年度、緊急時対応訓練を実施している", rule_drill},
};
const size_t check_nrules_training = sizeof check_rules_training / sizeof check_rules_training[0];
