/*
 * api_training.c — 研修・訓練 in the JSON API (docs/api.md "研修・訓練"):
 * the courses, the sessions of a 年度 with their attendee counts, each
 * 課's completion within the caller's scope (the figures of /training), and
 * recording one attendance.  Same core calls and scope rules as the pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/staff.h"
#include "core/training_report.h"
#include "core/training_stats.h"
#include "util/timeutil.h"
#include "web/api_json.h"
#include "web/fiscal_param.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/training_web.h"
#include "web/training_web_attend.h"

void api_training_courses(struct web_req *rq, struct web_resp *rs)
{
	struct training_courses l;
	struct json_writer w;
	struct err e = {0};
	if (training_courses_load(rq->db, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, 200, &w);
	jw_key(&w, "courses");
	jw_array_begin(&w);
	for (size_t i = 0; i < l.n; i++) {
		const struct training_course *c = &l.v[i];
		char *who = training_audience_label(c->audience), *method = training_course_method(c);
		jw_object_begin(&w);
		jw_key(&w, "audience");
		jw_raw(&w, c->audience);
		jw_kv_string(&w, "audience_label", who);
		jw_kv_string(&w, "code", c->code);
		jw_kv_int(&w, "id", c->id);
		jw_kv_string(&w, "kind", c->kind);
		jw_kv_string(&w, "method", *method ? method : NULL);
		jw_key(&w, "pass_mark");
		if (c->has_pass_mark)
			jw_int(&w, c->pass_mark);
		else
			jw_raw(&w, "null");
		jw_kv_string(&w, "retired_on", c->retired_on);
		jw_kv_string(&w, "title", c->title);
		jw_object_end(&w);
		free(who);
		free(method);
	}
	jw_array_end(&w);
	api_json_end(rs, &w);
	training_courses_free(&l);
}

static long count_of(struct db *db, long long sid)
{
	struct db_stmt *st;
	struct err e = {0};
	long n = 0;
	if (db_prepare(db, "SELECT COUNT(*) FROM training_attendance WHERE session_id = ?", &st, &e))
		return 0;
	db_bind_int(st, 1, sid);
	if (db_step(st, &e) == DB_ROW)
		n = (long)db_column_int(st, 0);
	db_finalize(st);
	return n;
}

void api_training_sessions(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	struct training_sessions l;
	struct training_courses courses;
	struct json_writer w;
	struct err e = {0};
	if (fiscal_param(rq, rs, &fy))
		return;
	if (training_courses_load(rq->db, &courses, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (training_sessions_load(rq->db, fy, &l, &e)) {
		training_courses_free(&courses);
		web_internal_error(rq, rs, &e);
		return;
	}
	api_json_begin(rs, 200, &w);
	jw_kv_int(&w, "fiscal_year", fy);
	jw_key(&w, "sessions");
	jw_array_begin(&w);
	for (size_t i = 0; i < l.n; i++) {
		const struct training_session *s = &l.v[i];
		const struct training_course *c = training_course_by_id(&courses, s->course_id);
		jw_object_begin(&w);
		jw_kv_int(&w, "attendees", count_of(rq->db, s->id));
		jw_kv_string(&w, "course", c ? c->code : NULL);
		jw_kv_string(&w, "course_title", c ? c->title : NULL);
		jw_kv_string(&w, "held_on", s->held_on);
		jw_kv_int(&w, "id", s->id);
		jw_kv_string(&w, "instructor", s->instructor);
		jw_kv_string(&w, "place", s->place);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	api_json_end(rs, &w);
	training_sessions_free(&l);
	training_courses_free(&courses);
}

static void unit_json(struct json_writer *w, const struct training_unit_stat *u)
{
	jw_object_begin(w);
	jw_kv_int(w, "attended", u->attended);
	jw_kv_string(w, "code", u->code);
	jw_kv_string(w, "name", u->name);
	jw_kv_int(w, "new_hires", u->new_hires);
	jw_kv_int(w, "new_hires_trained", u->new_hires_trained);
	training_rate_json(w, "rate", u->attended, u->staff);
	jw_kv_int(w, "staff", u->staff);
	jw_key(w, "untrained");
	jw_array_begin(w);
	for (size_t k = 0; k < u->nuntrained; k++)
		jw_string(w, u->untrained[k].staff_no);
	jw_array_end(w);
	jw_object_end(w);
}

void api_training_summary(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	char today[11];
	struct training_year y;
	struct json_writer w;
	struct err e = {0};
	if (fiscal_param(rq, rs, &fy))
		return;
	if (!training_web_sees_units(rq->user)) {
		web_error(rq, rs, 403, "forbidden", "課室別の受講状況を見られるのは、情報セキュリティ管理者・責任者と統括の側の人だけです");
		return;
	}
	time_today(today);
	if (training_year_compute(rq->db, fy, 0, today, &y, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	long staff = 0, attended = 0;
	api_json_begin(rs, 200, &w);
	jw_kv_string(&w, "as_of", y.as_of);
	jw_kv_int(&w, "fiscal_year", fy);
	jw_key(&w, "units");
	jw_array_begin(&w);
	for (size_t i = 0; i < y.n; i++) {
		if (!training_web_unit_visible(rq->user, y.units[i].unit_id))
			continue;
		staff += y.units[i].staff;
		attended += y.units[i].attended;
		unit_json(&w, &y.units[i]);
	}
	jw_array_end(&w);
	jw_kv_int(&w, "attended", attended);
	training_rate_json(&w, "rate", attended, staff);
	jw_kv_int(&w, "staff", staff);
	api_json_end(rs, &w);
	training_year_free(&y);
}

static void maybe_int(struct json_writer *w, const char *key, int has, int v)
{
	jw_key(w, key);
	if (has)
		jw_int(w, v);
	else
		jw_raw(w, "null");
}

/* The attendance just recorded, as stored (the pass decided by core). */
static void attendance_json(struct web_req *rq, struct json_writer *w, long long sid, const char *staff_no)
{
	struct staff p;
	struct training_attendances l = {0};
	struct err e = {0};
	int found = 0;
	const struct training_attendance *a = NULL;
	if (staff_find(rq->db, staff_no, &p, &found, &e) == 0 && found) {
		if (training_attendance_load(rq->db, 0, p.id, &l, &e) == 0)
			for (size_t i = 0; i < l.n; i++)
				if (l.v[i].session_id == sid)
					a = &l.v[i];
		staff_free(&p);
	}
	jw_object_begin(w);
	maybe_int(w, "passed", a && a->has_passed, a ? a->passed : 0);
	maybe_int(w, "score", a && a->has_score, a ? a->score : 0);
	jw_kv_int(w, "session", sid);
	jw_kv_string(w, "source", a ? a->source : NULL);
	jw_kv_string(w, "staff_no", staff_no);
	jw_object_end(w);
	training_attendances_free(&l);
}

void api_training_attendance(struct web_req *rq, struct web_resp *rs)
{
	struct training_sessions all;
	const struct training_session *s;
	struct web_refusal why = {0};
	struct err e = {0};
	struct json_writer w;
	if (training_web_session(rq, rs, &all, &s))
		return;
	if (training_web_attend(rq, s->id, &why, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (why.status) {
		web_error(rq, rs, why.status, why.code, why.msg);
	} else {
		api_json_begin(rs, 201, &w);
		jw_key(&w, "attendance");
		attendance_json(rq, &w, s->id, form_get(&rq->body, "staff_no"));
		api_json_end(rs, &w);
	}
	web_refusal_free(&why);
	training_sessions_free(&all);
}
