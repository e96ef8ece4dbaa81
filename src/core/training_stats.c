/*
 * training_stats.c — counting one 年度 of training (training_stats.h).
 *
 * Everything is read once (staff, units, courses, sessions, and the
 * attendance of sessions in the 年度 and its neighbours, which new hires
 * near 1 April need) and counted in memory with arrays indexed by staff id,
 * so a 20,000-person organisation costs a few scans, not a query per person.
 */
#include "core/training_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/training.h"
#include "core/training_internal.h"
#include "util/buf.h"
#include "util/timeutil.h"

double training_rate(long part, long whole)
{
	if (whole <= 0)
		return 0.0;
	return (double)((part * 1000 + whole / 2) / whole) / 10.0;
}

int training_band(int score)
{
	if (score >= 90)
		return 4;
	if (score < 60)
		return 0;
	return (score - 50) / 10;
}

const char *training_band_label(int band)
{
	static const char *const labels[TRAINING_BANDS] = {"0〜59点", "60〜69点", "70〜79点", "80〜89点", "90〜100点"};
	return band >= 0 && band < TRAINING_BANDS ? labels[band] : "";
}

int training_has_records_until(struct db *db, int fy, int *yes, struct err *e)
{
	struct db_stmt *st;
	*yes = 0;
	if (db_prepare(db, "SELECT COUNT(*) FROM training_session WHERE fiscal_year <= ?", &st, e))
		return e->code;
	db_bind_int(st, 1, fy);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*yes = db_column_int(st, 0) > 0;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

/* One attendance, as much as counting needs. */
struct att {
	long long session_id, staff_id;
	int has_score, score;
	int has_passed, passed;
};

static void read_att(struct db_stmt *st, void *elem)
{
	struct att *a = elem;
	a->session_id = db_column_int(st, 0);
	a->staff_id = db_column_int(st, 1);
	a->has_score = !db_column_is_null(st, 2);
	a->score = (int)db_column_int(st, 2);
	a->has_passed = !db_column_is_null(st, 3);
	a->passed = (int)db_column_int(st, 3);
}

static int load_attendance(struct db *db, int fy, struct att **v, size_t *n, struct err *e)
{
	struct db_stmt *st;
	*v = NULL;
	*n = 0;
	if (db_prepare(db,
		       "SELECT a.session_id, a.staff_id, a.score, a.passed FROM training_attendance a"
		       " JOIN training_session s ON s.id = a.session_id WHERE s.fiscal_year BETWEEN ? AND ?",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, fy - 1);
	db_bind_int(st, 2, fy + 1);
	return rows_collect(st, sizeof **v, read_att, (void **)v, n, e);
}

struct counting {
	struct training_year *y;
	long long scope;
	char start[11];
	struct org_units units;
	struct staff_list staff;
	struct training_courses courses;
	struct training_sessions sessions;
	struct att *att;
	size_t natt;
	long long max_id;
	long long *section;  /* staff id → 課 id, 0 when the person does not count */
	unsigned char *did;  /* staff id → attended in the 年度 */
	unsigned char *hired; /* staff id → trained as a new hire in time */
	unsigned char *for_new_hires; /* per course (index in courses) */
};

static void counting_free(struct counting *c)
{
	org_units_free(&c->units);
	staff_list_free(&c->staff);
	training_courses_free(&c->courses);
	training_sessions_free(&c->sessions);
	free(c->att);
	free(c->section);
	free(c->did);
	free(c->hired);
	free(c->for_new_hires);
}

static int counts(const struct counting *c, const struct staff *s)
{
	if (s->employment && strcmp(s->employment, "contractor") == 0)
		return 0;
	if (s->started_on && strcmp(s->started_on, c->y->as_of) > 0)
		return 0;
	return !s->left_on || strcmp(s->left_on, c->start) >= 0;
}

static void place_people(struct counting *c)
{
	for (size_t i = 0; i < c->staff.n; i++)
		if (c->staff.v[i].id > c->max_id)
			c->max_id = c->staff.v[i].id;
	size_t n = (size_t)c->max_id + 1;
	c->section = xcalloc(n, sizeof *c->section);
	c->did = xcalloc(n, 1);
	c->hired = xcalloc(n, 1);
	for (size_t i = 0; i < c->staff.n; i++) {
		const struct staff *s = &c->staff.v[i];
		if (!counts(c, s))
			continue;
		long long sec = training_section_of(&c->units, s->unit_id);
		if (c->scope && !org_unit_within(&c->units, sec, c->scope))
			continue;
		c->section[s->id] = sec;
	}
}

static struct training_course_stat *course_stat(struct training_year *y, const struct training_course *co)
{
	for (size_t i = 0; i < y->ncourses; i++)
		if (y->courses[i].course_id == co->id)
			return &y->courses[i];
	y->courses = xrealloc(y->courses, (y->ncourses + 1) * sizeof *y->courses);
	struct training_course_stat *cs = &y->courses[y->ncourses++];
	memset(cs, 0, sizeof *cs);
	cs->course_id = co->id;
	cs->code = xstrdup(co->code);
	cs->title = xstrdup(co->title);
	cs->kind = xstrdup(co->kind);
	cs->has_pass_mark = co->has_pass_mark;
	cs->pass_mark = co->pass_mark;
	return cs;
}

static void count_sessions(struct counting *c)
{
	for (size_t i = 0; i < c->sessions.n; i++) {
		const struct training_session *s = &c->sessions.v[i];
		const struct training_course *co = training_course_by_id(&c->courses, s->course_id);
		if (s->fiscal_year != c->y->fiscal_year || !co)
			continue;
		c->y->sessions++;
		c->y->drills += strcmp(co->kind, "drill") == 0;
		course_stat(c->y, co)->sessions++;
	}
}

/* Whether a session of a new-hire course on held_on is in time for s. */
static int in_time(const struct staff *s, const char *held_on)
{
	char from[11], to[11];
	date_add_days(s->started_on, -TRAINING_NEW_HIRE_BEFORE, from);
	date_add_days(s->started_on, TRAINING_NEW_HIRE_DAYS, to);
	return strcmp(held_on, from) >= 0 && strcmp(held_on, to) <= 0;
}

static void count_attendance(struct counting *c)
{
	struct training_year *y = c->y;
	for (size_t i = 0; i < c->natt; i++) {
		const struct att *a = &c->att[i];
		const struct training_session *s = training_session_by_id(&c->sessions, a->session_id);
		const struct training_course *co = s ? training_course_by_id(&c->courses, s->course_id) : NULL;
		if (!co || a->staff_id > c->max_id || !c->section[a->staff_id])
			continue;
		const struct staff *p = staff_by_id(&c->staff, a->staff_id);
		if (p && p->started_on && c->for_new_hires[co - c->courses.v] && in_time(p, s->held_on))
			c->hired[a->staff_id] = 1;
		if (s->fiscal_year != y->fiscal_year)
			continue;
		c->did[a->staff_id] = 1;
		struct training_course_stat *cs = course_stat(y, co);
		cs->attendees++;
		cs->passed += a->has_passed && a->passed;
		if (a->has_score) {
			cs->scored++;
			cs->score_sum += a->score;
			y->scored++;
			y->score_sum += a->score;
			y->bands[training_band(a->score)]++;
		}
	}
}

static struct training_unit_stat *unit_stat(struct counting *c, long long sec)
{
	struct training_year *y = c->y;
	for (size_t i = 0; i < y->n; i++)
		if (y->units[i].unit_id == sec)
			return &y->units[i];
	const struct org_unit *u = org_unit_by_id(&c->units, sec);
	y->units = xrealloc(y->units, (y->n + 1) * sizeof *y->units);
	struct training_unit_stat *us = &y->units[y->n++];
	memset(us, 0, sizeof *us);
	us->unit_id = sec;
	us->code = xstrdup(u ? u->code : "?");
	us->name = xstrdup(u ? u->name : "?");
	return us;
}

static void add_person(struct training_person **v, size_t *n, const struct staff *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n].staff_no = xstrdup(s->staff_no);
	(*v)[*n].name = xstrdup(s->name);
	(*n)++;
}

static int person_cmp(const void *a, const void *b)
{
	const struct training_person *x = a, *y = b;
	size_t lx = strlen(x->staff_no), ly = strlen(y->staff_no);
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x->staff_no, y->staff_no);
}

static int unit_cmp(const void *a, const void *b)
{
	return strcmp(((const struct training_unit_stat *)a)->code, ((const struct training_unit_stat *)b)->code);
}

static void tally(struct counting *c)
{
	struct training_year *y = c->y;
	for (size_t i = 0; i < c->staff.n; i++) {
		const struct staff *s = &c->staff.v[i];
		long long sec = c->section[s->id];
		if (!sec)
			continue;
		struct training_unit_stat *us = unit_stat(c, sec);
		us->staff++;
		y->staff++;
		if (c->did[s->id]) {
			us->attended++;
			y->attended++;
		} else {
			add_person(&us->untrained, &us->nuntrained, s);
		}
		if (!s->started_on || fiscal_year(s->started_on) != y->fiscal_year)
			continue;
		us->new_hires++;
		y->new_hires++;
		char due[11];
		date_add_days(s->started_on, TRAINING_NEW_HIRE_DAYS, due);
		if (c->hired[s->id]) {
			us->new_hires_trained++;
			y->new_hires_trained++;
		} else if (strcmp(due, y->today) < 0) {
			add_person(&us->overdue, &us->noverdue, s);
			y->new_hires_overdue++;
		}
	}
	/* qsort is not given NULL, even for no elements */
	for (size_t i = 0; i < y->n; i++) {
		if (y->units[i].nuntrained)
			qsort(y->units[i].untrained, y->units[i].nuntrained, sizeof *y->units[i].untrained, person_cmp);
		if (y->units[i].noverdue)
			qsort(y->units[i].overdue, y->units[i].noverdue, sizeof *y->units[i].overdue, person_cmp);
	}
	if (y->n)
		qsort(y->units, y->n, sizeof *y->units, unit_cmp);
}

int training_year_compute(struct db *db, int fy, long long scope_unit, const char *today,
			  struct training_year *out, struct err *e)
{
	struct counting c;
	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	if (fy < 1000 || fy > 9998)
		return err_set(e, ERR_INPUT, "年度 %d は西暦の開始年で指定してください（例: 令和8年度は 2026）", fy);
	out->fiscal_year = fy;
	snprintf(out->today, sizeof out->today, "%s", today);
	snprintf(out->as_of, sizeof out->as_of, "%04u-03-31", (unsigned)(fy + 1) % 10000u);
	if (strcmp(today, out->as_of) < 0)
		snprintf(out->as_of, sizeof out->as_of, "%s", today);
	c.y = out;
	c.scope = scope_unit;
	snprintf(c.start, sizeof c.start, "%04u-04-01", (unsigned)(fy) % 10000u);
	int rc = 0;
	if (org_units_load(db, &c.units, e) || staff_load(db, "", &c.staff, e) ||
	    training_courses_load(db, &c.courses, e) || training_sessions_load(db, 0, &c.sessions, e) ||
	    load_attendance(db, fy, &c.att, &c.natt, e))
		rc = e->code;
	if (!rc) {
		c.for_new_hires = xcalloc(c.courses.n + 1, 1);
		for (size_t i = 0; i < c.courses.n; i++)
			c.for_new_hires[i] = (unsigned char)training_course_for_new_hires(&c.courses.v[i]);
		place_people(&c);
		count_sessions(&c);
		count_attendance(&c);
		tally(&c);
	}
	counting_free(&c);
	if (rc)
		training_year_free(out);
	return rc;
}

static void people_free(struct training_person *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].staff_no);
		free(v[i].name);
	}
	free(v);
}

void training_year_free(struct training_year *y)
{
	for (size_t i = 0; i < y->n; i++) {
		struct training_unit_stat *u = &y->units[i];
		free(u->code);
		free(u->name);
		people_free(u->untrained, u->nuntrained);
		people_free(u->overdue, u->noverdue);
	}
	free(y->units);
	for (size_t i = 0; i < y->ncourses; i++) {
		free(y->courses[i].code);
		free(y->courses[i].title);
		free(y->courses[i].kind);
	}
	free(y->courses);
	memset(y, 0, sizeof *y);
}
