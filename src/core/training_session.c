/*
 * training_session.c — sessions of a course or drill, and the attendance
 * recorded one person at a time (training.h).  Imports are
 * training_import.c.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/training.h"
#include "core/training_internal.h"
#include "core/vocab.h"
#include "util/timeutil.h"

#define SESSION_COLUMNS "id, course_id, fiscal_year, held_on, place, instructor, note, created_at"
#define ATTEND_COLUMNS "id, session_id, staff_id, score, passed, source, recorded_at"

static void read_session(struct db_stmt *st, void *elem)
{
	struct training_session *s = elem;
	s->id = db_column_int(st, 0);
	s->course_id = db_column_int(st, 1);
	s->fiscal_year = (int)db_column_int(st, 2);
	s->held_on = col_dup(st, 3);
	s->place = col_dup(st, 4);
	s->instructor = col_dup(st, 5);
	s->note = col_dup(st, 6);
	s->created_at = col_dup(st, 7);
}

void training_sessions_free(struct training_sessions *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].held_on);
		free(l->v[i].place);
		free(l->v[i].instructor);
		free(l->v[i].note);
		free(l->v[i].created_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int training_sessions_load(struct db *db, int fy, struct training_sessions *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = fy ? rows_load_for(db, "SELECT " SESSION_COLUMNS " FROM training_session WHERE fiscal_year = ? ORDER BY id",
				    fy, sizeof *out->v, read_session, (void **)&out->v, &out->n, e)
		    : rows_load(db, "SELECT " SESSION_COLUMNS " FROM training_session ORDER BY id", sizeof *out->v,
				read_session, (void **)&out->v, &out->n, e);
	if (rc)
		training_sessions_free(out);
	return rc;
}

const struct training_session *training_session_by_id(const struct training_sessions *l, long long id)
{
	return rows_by_id(l->v, l->n, sizeof *l->v, offsetof(struct training_session, id), id);
}

void training_read_attendance(struct db_stmt *st, void *elem)
{
	struct training_attendance *a = elem;
	a->id = db_column_int(st, 0);
	a->session_id = db_column_int(st, 1);
	a->staff_id = db_column_int(st, 2);
	a->has_score = !db_column_is_null(st, 3);
	a->score = (int)db_column_int(st, 3);
	a->has_passed = !db_column_is_null(st, 4);
	a->passed = (int)db_column_int(st, 4);
	a->source = col_dup(st, 5);
	a->recorded_at = col_dup(st, 6);
}

void training_attendances_free(struct training_attendances *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].source);
		free(l->v[i].recorded_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int training_attendance_load(struct db *db, long long session_id, long long staff_id,
			     struct training_attendances *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = session_id
			 ? rows_load_for(db, "SELECT " ATTEND_COLUMNS " FROM training_attendance WHERE session_id = ? ORDER BY id",
					 session_id, sizeof *out->v, training_read_attendance, (void **)&out->v, &out->n, e)
			 : rows_load_for(db, "SELECT " ATTEND_COLUMNS " FROM training_attendance WHERE staff_id = ? ORDER BY id",
					 staff_id, sizeof *out->v, training_read_attendance, (void **)&out->v, &out->n, e);
	if (rc)
		training_attendances_free(out);
	return rc;
}

int training_put_attendance(struct tx *tx, const struct training_attendance *a, int insert, struct err *e)
{
	struct row r;
	row_init(&r, "training_attendance");
	row_int(&r, "id", a->id);
	if (a->has_passed)
		row_int(&r, "passed", a->passed);
	row_text(&r, "recorded_at", a->recorded_at);
	if (a->has_score)
		row_int(&r, "score", a->score);
	row_int(&r, "session_id", a->session_id);
	row_text(&r, "source", a->source);
	row_int(&r, "staff_id", a->staff_id);
	return tx_put_row(tx, insert ? "training.attend" : "training.attend.update", &r, insert, e);
}

/* ---- sessions ---- */

static int put_session(struct tx *tx, const struct training_session *s, struct err *e)
{
	struct row r;
	row_init(&r, "training_session");
	row_int(&r, "course_id", s->course_id);
	row_text(&r, "created_at", s->created_at);
	row_int(&r, "fiscal_year", s->fiscal_year);
	row_text(&r, "held_on", s->held_on);
	row_int(&r, "id", s->id);
	row_text(&r, "instructor", s->instructor);
	row_text(&r, "note", s->note);
	row_text(&r, "place", s->place);
	return tx_put_row(tx, "training.session.add", &r, 1, e);
}

int training_session_add(struct tx *tx, const char *actor_no, const struct training_session_input *in,
			 long long *id, struct err *e)
{
	struct staff who;
	struct training_courses courses;
	char day[11];
	if (training_actor(tx->db, actor_no, TRAINING_MANAGE, &who, e))
		return e->code;
	staff_free(&who);
	if (!in->held_on || !*in->held_on)
		return err_set(e, ERR_INPUT, "実施日を指定してください（--date YYYY-MM-DD）");
	if (date_parse(in->held_on, day, e))
		return err_prefix(e, "実施日");
	if (training_courses_load(tx->db, &courses, e))
		return e->code;
	const struct training_course *c = training_course_by_code(&courses, in->course);
	int rc = 0;
	if (!c)
		rc = err_set(e, ERR_INPUT, "研修のコード「%s」はありません（--course）", in->course ? in->course : "");
	else if (c->retired_on && strcmp(day, c->retired_on) > 0)
		rc = err_set(e, ERR_INPUT, "研修「%s」は %s に廃止されています", c->title, c->retired_on);
	struct training_session s = {0};
	if (!rc) {
		s.course_id = c->id;
		s.fiscal_year = fiscal_year(day);
		s.held_on = day;
		s.place = (char *)in->place;
		s.instructor = (char *)in->instructor;
		s.note = (char *)in->note;
		s.created_at = tx->at;
		rc = tx_next_id(tx, "training_session", &s.id, e);
	}
	if (!rc)
		rc = put_session(tx, &s, e);
	if (!rc && id)
		*id = s.id;
	training_courses_free(&courses);
	return rc;
}

/* ---- one attendance ---- */

int training_score_parse(const char *text, int *score, struct err *e)
{
	*score = -1;
	if (!text)
		return 0;
	while (*text == ' ')
		text++;
	if (!*text)
		return 0;
	char *end;
	double v = strtod(text, &end);
	if (strncmp(end, "点", strlen("点")) == 0)
		end += strlen("点");
	while (*end == ' ')
		end++;
	if (end == text || *end || v != (double)(long)v || v < 0 || v > 100)
		return err_set(e, ERR_INPUT, "得点「%s」は 0 から 100 の整数で指定してください", text);
	*score = (int)v;
	return 0;
}

void training_decide_pass(const struct training_course *c, struct training_attendance *a, int passed_hint)
{
	if (c->has_pass_mark && a->has_score) {
		a->has_passed = 1;
		a->passed = a->score >= c->pass_mark;
	} else if (c->has_pass_mark) {
		a->has_passed = 0;
	} else {
		a->has_passed = passed_hint >= 0;
		a->passed = passed_hint > 0;
	}
}

/* The 課 a person belongs to (their unit, or the 課室 above a 係). */
long long training_section_of(const struct org_units *units, long long unit_id)
{
	const struct org_unit *s = org_unit_up_to_tier(units, unit_id, TIER_SECTION);
	return s ? s->id : unit_id;
}

static int may_record(struct db *db, const char *actor_no, const struct staff *attendee, struct err *e)
{
	struct staff who;
	struct role_assignments roles;
	struct org_units units;
	if (staff_current(db, actor_no, "操作者", "--as 職員番号", &who, e))
		return e->code;
	if (role_load(db, 1, &roles, e) || org_units_load(db, &units, e)) {
		role_assignments_free(&roles);
		staff_free(&who);
		return e->code;
	}
	int ok = training_may_record(&roles, who.id, training_section_of(&units, attendee->unit_id));
	if (!ok)
		err_set(e, ERR_INPUT,
			"%s（%s）は %s の受講を記録できません（CISO・副CISO・統括、または所属課の情報セキュリティ管理者が記録します）",
			who.name, who.staff_no, attendee->name);
	role_assignments_free(&roles);
	org_units_free(&units);
	staff_free(&who);
	return ok ? 0 : e->code;
}

int training_attend(struct tx *tx, const char *actor_no, long long session_id, const char *staff_no, int score,
		    int passed_hint, const char *source, struct err *e)
{
	struct staff p;
	int found;
	if (!staff_no || !*staff_no)
		return err_set(e, ERR_INPUT, "受講者の職員番号を指定してください（--staff）");
	if (staff_find(tx->db, staff_no, &p, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "受講者の職員番号「%s」は登録されていません", staff_no);
	int rc = may_record(tx->db, actor_no, &p, e);
	struct training_sessions sessions = {0};
	struct training_courses courses = {0};
	struct training_attendances have = {0};
	if (!rc && score > 100)
		rc = err_set(e, ERR_INPUT, "得点 %d は 0 から 100 の整数で指定してください", score);
	if (!rc)
		rc = training_sessions_load(tx->db, 0, &sessions, e) || training_courses_load(tx->db, &courses, e) ||
				     training_attendance_load(tx->db, session_id, 0, &have, e)
			     ? e->code
			     : 0;
	const struct training_session *s = rc ? NULL : training_session_by_id(&sessions, session_id);
	char today[11];
	time_today(today);
	if (!rc && !s)
		rc = err_set(e, ERR_INPUT, "研修の回 %lld はありません（training session list で確認できます）", session_id);
	else if (!rc && strcmp(s->held_on, today) > 0)
		rc = err_set(e, ERR_INPUT, "研修の回 %lld は %s に実施予定です。受講は実施日以後に記録します", session_id,
			     s->held_on);
	if (!rc) {
		struct training_attendance a = {0}, *old = NULL;
		for (size_t i = 0; i < have.n; i++)
			if (have.v[i].staff_id == p.id)
				old = &have.v[i];
		a.session_id = session_id;
		a.staff_id = p.id;
		a.has_score = score >= 0;
		a.score = score;
		training_decide_pass(training_course_by_id(&courses, s->course_id), &a, passed_hint);
		a.source = (char *)(source && *source ? source : "manual");
		a.recorded_at = tx->at;
		if (old)
			a.id = old->id;
		else
			rc = tx_next_id(tx, "training_attendance", &a.id, e);
		if (!rc)
			rc = training_put_attendance(tx, &a, old == NULL, e);
	}
	training_sessions_free(&sessions);
	training_courses_free(&courses);
	training_attendances_free(&have);
	staff_free(&p);
	return rc;
}
