/*
 * demo_training.c — 架空市's training records (guideline 5.2): six courses
 * and drills, an approved plan for last 年度 and this one (with a second
 * version of this year's still awaiting the committee), last 年度's
 * sessions with realistic attendance and scores, and this 年度's first
 * sessions.  `mamori check` then shows a plausible mix: most 課 trained,
 * a few people missed in some, new hires of the summer who never took the
 * new-hire course, and the plan's second version to approve.
 */
#include "core/demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/role.h"
#include "core/staff.h"
#include "core/training.h"
#include "core/training_internal.h"
#include "util/timeutil.h"

#define TRAINING_SEED 0x747261696e696e67ULL

static const struct training_course_input courses[] = {
	{"C01", "情報セキュリティ基礎研修", "course", "all", "elearning", "70",
	 "全職員向け。ポリシーの要点、パスワード、標的型メール、情報の持ち出し。修了時に理解度テスト"},
	{"N01", "新規採用職員研修（情報セキュリティ）", "course", "new_hires", "classroom", NULL,
	 "着任時の集合研修。ポリシーと実施手順の説明、誓約書"},
	{"M01", "情報セキュリティ管理者研修", "course", "manager", "classroom", "70",
	 "課長向け。課室の情報資産の管理、許可・承認、インシデント時の報告"},
	{"S01", "情報システム管理者研修", "course", "system_admin,system_staff", "external", NULL,
	 "外部の専門研修への派遣"},
	{"D01", "標的型攻撃メール訓練", "drill", "all", "drill", NULL, "訓練メールを全職員へ送信し、開封と報告を記録"},
	{"D02", "インシデント対応訓練", "drill", "csirt,csirt_lead,chief_officer", "drill", NULL,
	 "CSIRT の机上演習（ランサムウェア感染の想定）"},
};

struct demo_tr {
	struct tx *tx;
	uint64_t rng;
	char manager_no[32], approver_no[32];
	int fy;
	char today[11];
	struct staff_list staff;
	struct org_units units;
	struct role_assignments roles;
};

static int below(struct demo_tr *d, int n)
{
	uint64_t z = (d->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (int)((z ^ (z >> 31)) % (uint64_t)n);
}

static const struct staff *holder(const struct demo_tr *d, const char *role, long long not_id)
{
	for (size_t i = 0; i < d->roles.n; i++) {
		const struct role_assignment *a = &d->roles.v[i];
		const struct staff *s = staff_by_id(&d->staff, a->staff_id);
		if (strcmp(a->role, role) == 0 && s && !s->left_on && s->id != not_id)
			return s;
	}
	return NULL;
}

static int held(const struct demo_tr *d, long long staff_id, const char *role)
{
	for (size_t i = 0; i < d->roles.n; i++)
		if (d->roles.v[i].staff_id == staff_id && strcmp(d->roles.v[i].role, role) == 0)
			return 1;
	return 0;
}

static int plans(struct demo_tr *d, struct err *e)
{
	static const char plan_json[] =
		"{\"items\":[{\"course\":\"N01\",\"month\":4,\"instructor\":\"情報政策課\"},"
		"{\"course\":\"M01\",\"month\":6,\"instructor\":\"情報政策課\"},"
		"{\"course\":\"C01\",\"month\":7,\"instructor\":\"情報政策課（e-ラーニング）\"},"
		"{\"course\":\"S01\",\"month\":9},"
		"{\"course\":\"D01\",\"month\":11,\"instructor\":\"情報政策課\"},"
		"{\"course\":\"D02\",\"month\":1,\"instructor\":\"CSIRT\"}]}";
	static const char revised_json[] =
		"{\"items\":[{\"course\":\"N01\",\"month\":4,\"instructor\":\"情報政策課\"},"
		"{\"course\":\"M01\",\"month\":6,\"instructor\":\"情報政策課\"},"
		"{\"course\":\"C01\",\"month\":7,\"instructor\":\"情報政策課（e-ラーニング）\"},"
		"{\"course\":\"N01\",\"month\":10,\"instructor\":\"情報政策課\",\"audience\":\"年度途中の採用者\"},"
		"{\"course\":\"D01\",\"month\":11,\"instructor\":\"情報政策課\"},"
		"{\"course\":\"D02\",\"month\":1,\"instructor\":\"CSIRT\"}]}";
	int v;
	if (training_plan_draft(d->tx, d->manager_no, d->fy - 1, plan_json, "前年度の計画", &v, e) ||
	    training_plan_approve(d->tx, d->approver_no, d->fy - 1, e) ||
	    training_plan_draft(d->tx, d->manager_no, d->fy, plan_json, NULL, &v, e) ||
	    training_plan_approve(d->tx, d->approver_no, d->fy, e))
		return e->code;
	/* the lesson of last year's summer hires: a second new-hire session */
	return training_plan_draft(d->tx, d->manager_no, d->fy, revised_json, "年度途中の採用者向けの回を追加", &v, e);
}

static int session(struct demo_tr *d, const char *course, int year, const char *month_day, const char *place,
		   long long *id, struct err *e)
{
	char date[16];
	snprintf(date, sizeof date, "%04d-%s", year % 10000, month_day);
	*id = 0;
	if (strcmp(date, d->today) > 0)
		return 0; /* not held yet */
	struct training_session_input in = {course, date, place, "情報政策課", NULL};
	return training_session_add(d->tx, d->manager_no, &in, id, e);
}

static int attend(struct demo_tr *d, long long session_id, const struct training_course *c, const struct staff *s,
		  int score, struct err *e)
{
	struct training_attendance a = {0};
	a.session_id = session_id;
	a.staff_id = s->id;
	a.has_score = score >= 0;
	a.score = score;
	training_decide_pass(c, &a, score >= 0 ? -1 : 1);
	a.source = c->has_pass_mark ? "import:elearning.csv" : "manual";
	a.recorded_at = d->tx->at;
	if (tx_next_id(d->tx, "training_attendance", &a.id, e))
		return e->code;
	return training_put_attendance(d->tx, &a, 1, e);
}

static int active_in(const struct staff *s, int fy)
{
	char start[11], end[11];
	snprintf(start, sizeof start, "%04u-04-01", (unsigned)(fy) % 10000u);
	snprintf(end, sizeof end, "%04u-03-31", (unsigned)(fy + 1) % 10000u);
	if (s->employment && strcmp(s->employment, "contractor") == 0)
		return 0;
	return (!s->started_on || strcmp(s->started_on, end) <= 0) && (!s->left_on || strcmp(s->left_on, start) >= 0);
}

/* A comprehension-test score: most pass, a few do not. */
static int score_of(struct demo_tr *d)
{
	int r = below(d, 100);
	return r < 6 ? 40 + below(d, 30) : 70 + below(d, 31);
}

/* The 課 where people were busy: every seventh has more who missed. */
static int busy(const struct demo_tr *d, const struct staff *s)
{
	long long sec = training_section_of(&d->units, s->unit_id);
	return sec % 7 == 3;
}

static int attendance(struct demo_tr *d, const struct training_courses *cs, const long long ids[], int fy, int this_year,
		      struct err *e)
{
	const struct training_course *c01 = training_course_by_code(cs, "C01"), *n01 = training_course_by_code(cs, "N01"),
				     *m01 = training_course_by_code(cs, "M01"), *d01 = training_course_by_code(cs, "D01"),
				     *d02 = training_course_by_code(cs, "D02");
	char hired_from[11], hired_to[11];
	snprintf(hired_from, sizeof hired_from, "%04u-03-01", (unsigned)(fy) % 10000u);
	snprintf(hired_to, sizeof hired_to, "%04u-04-30", (unsigned)(fy) % 10000u);
	for (size_t i = 0; i < d->staff.n; i++) {
		const struct staff *s = &d->staff.v[i];
		if (!active_in(s, fy))
			continue;
		int miss = this_year ? 45 : busy(d, s) ? 12 : 2; /* percent who did not take C01 */
		if (ids[0] && below(d, 100) >= miss && attend(d, ids[0], c01, s, score_of(d), e))
			return e->code;
		if (ids[1] && s->started_on && strcmp(s->started_on, hired_from) >= 0 &&
		    strcmp(s->started_on, hired_to) <= 0 && attend(d, ids[1], n01, s, -1, e))
			return e->code;
		if (ids[2] && held(d, s->id, "manager") && attend(d, ids[2], m01, s, score_of(d), e))
			return e->code;
		if (ids[3] && below(d, 100) < 30 && attend(d, ids[3], d01, s, -1, e))
			return e->code;
		if (ids[4] && (held(d, s->id, "csirt") || held(d, s->id, "csirt_lead")) && attend(d, ids[4], d02, s, -1, e))
			return e->code;
	}
	return 0;
}

static int year(struct demo_tr *d, int fy, int this_year, struct err *e)
{
	long long ids[5];
	struct training_courses cs;
	if (session(d, "C01", fy, "07-01", "e-ラーニング", &ids[0], e) ||
	    session(d, "N01", fy, "04-10", "本庁舎 大会議室", &ids[1], e) ||
	    session(d, "M01", fy, "06-20", "本庁舎 第1会議室", &ids[2], e) ||
	    session(d, "D01", fy, "11-15", "全庁（訓練メール）", &ids[3], e) ||
	    session(d, "D02", fy + 1, "01-20", "情報政策課", &ids[4], e))
		return e->code;
	if (training_courses_load(d->tx->db, &cs, e))
		return e->code;
	tx_bulk_begin(d->tx); /* a thousand attendances a year: journaled in batches */
	int rc = attendance(d, &cs, ids, fy, this_year, e);
	if (!rc)
		rc = tx_bulk_end(d->tx, e);
	training_courses_free(&cs);
	return rc;
}

static int load(struct demo_tr *d, struct err *e)
{
	if (staff_load(d->tx->db, "", &d->staff, e) || org_units_load(d->tx->db, &d->units, e) ||
	    role_load(d->tx->db, 1, &d->roles, e))
		return e->code;
	const struct staff *m = holder(d, "chief_officer", 0);
	const struct staff *a = m ? holder(d, "committee", m->id) : NULL;
	if (!m || !a)
		return err_set(e, ERR_INTERNAL, "架空市に統括情報セキュリティ責任者か委員会の委員がいません");
	snprintf(d->manager_no, sizeof d->manager_no, "%s", m->staff_no);
	snprintf(d->approver_no, sizeof d->approver_no, "%s", a->staff_no);
	return 0;
}

int demo_add_training(struct tx *tx, struct err *e)
{
	struct demo_tr d;
	memset(&d, 0, sizeof d);
	d.tx = tx;
	d.rng = TRAINING_SEED;
	time_today(d.today);
	d.fy = fiscal_year(d.today);
	int rc = load(&d, e);
	for (size_t i = 0; !rc && i < sizeof courses / sizeof courses[0]; i++)
		rc = training_course_add(tx, d.manager_no, &courses[i], NULL, e);
	if (!rc)
		rc = plans(&d, e);
	if (!rc)
		rc = year(&d, d.fy - 1, 0, e);
	if (!rc)
		rc = year(&d, d.fy, 1, e);
	staff_list_free(&d.staff);
	org_units_free(&d.units);
	role_assignments_free(&d.roles);
	return rc;
}
