/*
 * training.h — 研修・訓練 (guideline 5.2): courses and drills, the 年度
 * training plan the committee approves, sessions held and who attended them
 * with their comprehension-test scores.  docs/training.md.
 *
 * Who may do what (the *_may functions answer it for the pages; the write
 * functions decide again and say why when they refuse):
 *   courses, sessions, plan drafts, imports   CISO, 副CISO or 統括 (the 統括
 *                                             side that runs training, 5.2.1)
 *   approving a plan version                  a committee member or the CISO,
 *                                             not the person who drafted it
 *                                             (the committee's approval, 5.2.2.1)
 *   recording one attendance                  the 統括 side, or the 情報セキュ
 *                                             リティ管理者 of the attendee's 課
 *                                             (5.2.2.5)
 * Every 年度 is the year it begins (令和8年度 = 2026).
 */
#ifndef MAMORI_TRAINING_H
#define MAMORI_TRAINING_H

#include <stddef.h>

#include "store/tx.h"

/* ---- courses ---- */

struct training_course {
	long long id;
	char *code, *title, *kind; /* kind: "course" | "drill" (緊急時対応訓練, 5.2.3) */
	char *audience;            /* canonical JSON, see training_audience_parse */
	int has_pass_mark, pass_mark;
	char *description, *created_at, *retired_on;
};

struct training_courses {
	size_t n;
	struct training_course *v; /* ordered by id */
};

int training_courses_load(struct db *db, struct training_courses *out, struct err *e);
void training_courses_free(struct training_courses *l);
const struct training_course *training_course_by_code(const struct training_courses *l, const char *code);
const struct training_course *training_course_by_id(const struct training_courses *l, long long id);

/*
 * The audience as typed: "all" (全職員), "new_hires" (新規採用者, 5.2.2.3) or
 * a comma-separated list of role ids or labels (5.2.2.4: "manager,system_admin").
 * method is optional: elearning | classroom | briefing | drill | external or
 * their Japanese labels (e-ラーニング, 集合研修, 説明会 …).  *json receives
 * canonical JSON: {"method":"…","roles":["…"],"who":"all|new_hires|roles"}.
 */
int training_audience_parse(const char *audience, const char *method, char **json, struct err *e);
/* "全職員", "新規採用者", "情報セキュリティ管理者・情報システム管理者"; caller frees. */
char *training_audience_label(const char *json);
/* Whether the course is meant for new hires. */
int training_course_for_new_hires(const struct training_course *c);
/* The method id stored in the audience ("" when none), and its label. */
char *training_course_method(const struct training_course *c);
const char *training_method_label(const char *id);
/* A method typed as an id or label → its id; NULL when unknown. */
const char *training_method_id(const char *text);

struct training_course_input {
	const char *code, *title, *kind, *audience, *method, *pass_mark, *description;
};
int training_course_add(struct tx *tx, const char *actor_no, const struct training_course_input *in,
			long long *id, struct err *e);
/* Changes the course in->code (title, audience, method, pass mark,
 * description; not its kind, which past sessions are counted by).  A new
 * pass mark decides the attendances recorded from then on. */
int training_course_update(struct tx *tx, const char *actor_no, const struct training_course_input *in,
			   struct err *e);
/* Retires a course at date (default today): no new sessions of it. */
int training_course_retire(struct tx *tx, const char *actor_no, const char *code, const char *date,
			   struct err *e);

/* ---- the 年度 plan (5.2.2.1) ---- */

struct training_plan {
	long long id, created_by, approved_by;
	int fiscal_year, version;
	char *body, *note, *created_at, *approved_at;
};

struct training_plans {
	size_t n;
	struct training_plan *v; /* ordered by fiscal_year, then version */
};

int training_plans_load(struct db *db, struct training_plans *out, struct err *e);
void training_plans_free(struct training_plans *l);
/* The latest version for fy, or NULL. */
const struct training_plan *training_plan_latest(const struct training_plans *l, int fy);

/*
 * Drafts the next version of fy's plan from plan_json:
 *   {"items":[{"course":"C01","month":6,"method":"elearning",
 *              "instructor":"情報政策課","audience":"全職員"}]}
 * course must be a current course; month 1–12; method as for courses
 * (default the course's); audience text (default the course's).  The stored
 * body is canonical JSON with the items ordered by 年度 month and course.  A
 * new version always needs approval again, whatever was approved before.
 */
int training_plan_draft(struct tx *tx, const char *actor_no, int fy, const char *plan_json, const char *note,
			int *version, struct err *e);
/* Approves the latest version of fy on the committee's behalf. */
int training_plan_approve(struct tx *tx, const char *actor_no, int fy, struct err *e);

/* ---- sessions and attendance ---- */

struct training_session {
	long long id, course_id;
	int fiscal_year;
	char *held_on, *place, *instructor, *note, *created_at;
};

struct training_sessions {
	size_t n;
	struct training_session *v; /* ordered by id */
};

/* fy 0: every 年度. */
int training_sessions_load(struct db *db, int fy, struct training_sessions *out, struct err *e);
void training_sessions_free(struct training_sessions *l);
const struct training_session *training_session_by_id(const struct training_sessions *l, long long id);

struct training_session_input {
	const char *course, *held_on, *place, *instructor, *note;
};
int training_session_add(struct tx *tx, const char *actor_no, const struct training_session_input *in,
			 long long *id, struct err *e);

struct training_attendance {
	long long id, session_id, staff_id;
	int has_score, score, has_passed, passed;
	char *source, *recorded_at;
};

struct training_attendances {
	size_t n;
	struct training_attendance *v;
};

/* The attendance of one session (session_id > 0) or of one person
 * (staff_id > 0), ordered by id. */
int training_attendance_load(struct db *db, long long session_id, long long staff_id,
			     struct training_attendances *out, struct err *e);
void training_attendances_free(struct training_attendances *l);

/* A score as typed or imported: "85", "85点", "85.0"; 0–100.  -1 for "". */
int training_score_parse(const char *text, int *score, struct err *e);
/*
 * Records (or, for the same session and person, updates) one attendance.
 * score < 0: none.  passed is derived from the course's pass mark when it
 * has one; otherwise passed_hint (-1 unknown, 0, 1) is kept.
 */
int training_attend(struct tx *tx, const char *actor_no, long long session_id, const char *staff_no, int score,
		    int passed_hint, const char *source, struct err *e);

/* ---- permissions, for the pages ---- */

struct role_assignments;
enum training_act {
	TRAINING_MANAGE,  /* courses, sessions, plan drafts, imports */
	TRAINING_APPROVE, /* a plan version (also needs: not its drafter) */
	TRAINING_REPORT,  /* record the yearly report to the committee */
};
int training_may(const struct role_assignments *roles, long long staff_id, enum training_act act);
/* Whether staff_id may record an attendance of a person in attendee_unit_id. */
int training_may_record(const struct role_assignments *roles, long long staff_id, long long attendee_unit_id);

/* The acting person (current staff) of a write, with the permission checked. */
struct staff;
int training_actor(struct db *db, const char *actor_no, enum training_act act, struct staff *s, struct err *e);

#endif
