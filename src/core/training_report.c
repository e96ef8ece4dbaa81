/*
 * training_report.c — gathering a 年度 of training and writing it out as
 * JSON and as the CISO's report to the committee (training_report.h).
 * The xlsx form and the committee record are training_report_out.c.
 */
#include "core/training_report.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/policy_pdf.h"
#include "core/policy_write.h"
#include "core/staff.h"
#include "util/timeutil.h"

int training_report_gather(struct db *db, int fy, long long scope_unit, struct training_report *out,
			   struct err *e)
{
	struct training_plans plans;
	struct municipality m;
	int found;
	memset(out, 0, sizeof *out);
	out->fiscal_year = fy;
	out->scope_unit = scope_unit;
	time_today(out->today);
	if (training_year_compute(db, fy, scope_unit, out->today, &out->now, e) ||
	    training_year_compute(db, fy - 1, scope_unit, out->today, &out->prev, e) ||
	    training_courses_load(db, &out->courses, e) || training_sessions_load(db, fy, &out->sessions, e) ||
	    training_plans_load(db, &plans, e)) {
		training_report_free(out);
		return e->code;
	}
	const struct training_plan *p = training_plan_latest(&plans, fy);
	if (p) {
		out->plan = *p;
		out->plan.body = xstrdup(p->body);
		out->plan.note = p->note ? xstrdup(p->note) : NULL;
		out->plan.created_at = xstrdup(p->created_at);
		out->plan.approved_at = p->approved_at ? xstrdup(p->approved_at) : NULL;
	}
	training_plans_free(&plans);
	if (p && out->plan.approved_by && !(out->plan_approver = staff_name_of(db, out->plan.approved_by, e)) &&
	    e->code) {
		training_report_free(out);
		return e->code;
	}
	if (municipality_get(db, &m, &found, e)) {
		training_report_free(out);
		return e->code;
	}
	if (found)
		out->municipality = xstrdup(m.name);
	municipality_free(&m);
	return 0;
}

void training_report_free(struct training_report *r)
{
	training_year_free(&r->now);
	training_year_free(&r->prev);
	training_courses_free(&r->courses);
	training_sessions_free(&r->sessions);
	free(r->plan.body);
	free(r->plan.note);
	free(r->plan.created_at);
	free(r->plan.approved_at);
	free(r->plan_approver);
	free(r->municipality);
	memset(r, 0, sizeof *r);
}

/* ---- CSV ---- */

void training_people_text(struct buf *b, const struct training_person *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s（%s）", i ? "、" : "", v[i].name, v[i].staff_no);
}

void training_unit_csv_row(struct buf *b, int fy, const struct training_unit_stat *u)
{
	char year[16], s[24], a[24], rt[32];
	struct buf names = BUF_INIT;
	training_people_text(&names, u->untrained, u->nuntrained);
	snprintf(year, sizeof year, "%d", fy);
	snprintf(s, sizeof s, "%ld", u->staff);
	snprintf(a, sizeof a, "%ld", u->attended);
	snprintf(rt, sizeof rt, "%.1f", training_rate(u->attended, u->staff));
	const char *cells[] = {year, u->code, u->name, s, a, rt, buf_str(&names)};
	for (size_t k = 0; k < 7; k++)
		buf_csv_field(b, cells[k], k == 6);
	buf_free(&names);
}

/* ---- JSON ---- */

void training_rate_json(struct json_writer *w, const char *key, long part, long whole)
{
	char v[32];
	snprintf(v, sizeof v, "%.1f", training_rate(part, whole));
	jw_key(w, key);
	jw_raw(w, v);
}

static void json_people(struct json_writer *w, const char *key, const struct training_person *v, size_t n)
{
	jw_key(w, key);
	jw_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "name", v[i].name);
		jw_kv_string(w, "staff_no", v[i].staff_no);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void json_units(struct json_writer *w, const struct training_year *y)
{
	jw_key(w, "units");
	jw_array_begin(w);
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		jw_object_begin(w);
		jw_kv_int(w, "attended", u->attended);
		jw_kv_string(w, "code", u->code);
		jw_kv_string(w, "name", u->name);
		jw_kv_int(w, "new_hires", u->new_hires);
		jw_kv_int(w, "new_hires_trained", u->new_hires_trained);
		json_people(w, "overdue_new_hires", u->overdue, u->noverdue);
		training_rate_json(w, "rate", u->attended, u->staff);
		jw_kv_int(w, "staff", u->staff);
		json_people(w, "untrained", u->untrained, u->nuntrained);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void json_courses(struct json_writer *w, const struct training_year *y)
{
	jw_key(w, "courses");
	jw_array_begin(w);
	for (size_t i = 0; i < y->ncourses; i++) {
		const struct training_course_stat *c = &y->courses[i];
		char avg[32];
		jw_object_begin(w);
		jw_kv_int(w, "attendees", c->attendees);
		jw_key(w, "average_score");
		if (c->scored) {
			snprintf(avg, sizeof avg, "%.1f", (double)c->score_sum / (double)c->scored);
			jw_raw(w, avg);
		} else {
			jw_raw(w, "null");
		}
		jw_kv_string(w, "code", c->code);
		jw_kv_string(w, "kind", c->kind);
		jw_key(w, "pass_mark");
		if (c->has_pass_mark)
			jw_int(w, c->pass_mark);
		else
			jw_raw(w, "null");
		jw_kv_int(w, "passed", c->passed);
		jw_kv_int(w, "scored", c->scored);
		jw_kv_int(w, "sessions", c->sessions);
		jw_kv_string(w, "title", c->title);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void json_plan(struct json_writer *w, const struct training_report *r)
{
	jw_key(w, "plan");
	if (!r->plan.id) {
		jw_raw(w, "null");
		return;
	}
	jw_object_begin(w);
	jw_kv_string(w, "approved_at", r->plan.approved_at);
	jw_kv_string(w, "approved_by", r->plan_approver);
	jw_key(w, "body");
	jw_raw(w, r->plan.body);
	jw_kv_int(w, "version", r->plan.version);
	jw_object_end(w);
}

static void json_drills(struct json_writer *w, const struct training_report *r)
{
	jw_key(w, "drills");
	jw_array_begin(w);
	for (size_t i = 0; i < r->sessions.n; i++) {
		const struct training_session *s = &r->sessions.v[i];
		const struct training_course *c = training_course_by_id(&r->courses, s->course_id);
		if (!c || strcmp(c->kind, "drill") != 0)
			continue;
		jw_object_begin(w);
		jw_kv_string(w, "course", c->code);
		jw_kv_string(w, "held_on", s->held_on);
		jw_kv_string(w, "place", s->place);
		jw_kv_string(w, "title", c->title);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void training_report_json(struct json_writer *w, const struct training_report *r)
{
	const struct training_year *y = &r->now;
	char label[32];
	wareki_fiscal_year(r->fiscal_year, label, sizeof label);
	jw_object_begin(w);
	jw_kv_string(w, "as_of", y->as_of);
	jw_kv_int(w, "attended", y->attended);
	jw_key(w, "bands");
	jw_array_begin(w);
	for (int b = 0; b < TRAINING_BANDS; b++) {
		jw_object_begin(w);
		jw_kv_int(w, "count", y->bands[b]);
		jw_kv_string(w, "label", training_band_label(b));
		jw_object_end(w);
	}
	jw_array_end(w);
	json_courses(w, y);
	json_drills(w, r);
	jw_kv_int(w, "fiscal_year", r->fiscal_year);
	jw_kv_string(w, "label", label);
	jw_kv_int(w, "new_hires", y->new_hires);
	jw_kv_int(w, "new_hires_overdue", y->new_hires_overdue);
	jw_kv_int(w, "new_hires_trained", y->new_hires_trained);
	json_plan(w, r);
	jw_key(w, "previous");
	jw_object_begin(w);
	jw_kv_int(w, "attended", r->prev.attended);
	jw_kv_int(w, "fiscal_year", r->prev.fiscal_year);
	training_rate_json(w, "rate", r->prev.attended, r->prev.staff);
	jw_kv_int(w, "sessions", r->prev.sessions);
	jw_kv_int(w, "staff", r->prev.staff);
	jw_object_end(w);
	training_rate_json(w, "rate", y->attended, y->staff);
	jw_kv_int(w, "sessions", y->sessions);
	jw_kv_int(w, "staff", y->staff);
	json_units(w, y);
	jw_object_end(w);
}

/* ---- the document ---- */

static void item(struct pdoc *d, const char *label, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void item(struct pdoc *d, const char *label, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	pdoc_add(d, PD_ITEM, 1, label, buf_str(&b), NULL);
	buf_free(&b);
}

static void plan_part(const struct training_report *r, struct pdoc *d, const char *label)
{
	pdoc_add(d, PD_CHAPTER, 0, NULL, "1　研修計画", "5.2.2.1");
	if (!r->plan.id) {
		pdoc_add(d, PD_PARA, 0, NULL, "この年度の研修計画は作成されていません。", NULL);
		return;
	}
	char at[17] = "";
	if (r->plan.approved_at)
		time_jst_text(r->plan.approved_at, at);
	at[10] = '\0';
	if (r->plan.approved_by)
		item(d, "【計画】", "%sの研修計画 第%d版（%s に情報セキュリティ委員会の承認、記録者 %s）", label, r->plan.version, at,
		     r->plan_approver ? r->plan_approver : "");
	else
		item(d, "【計画】", "%sの研修計画 第%d版（委員会の承認待ち）", label, r->plan.version);
	cJSON *j = cJSON_Parse(r->plan.body);
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(j, "items");
	for (int i = 0; i < cJSON_GetArraySize(items); i++) {
		const cJSON *it = cJSON_GetArrayItem(items, i);
		const cJSON *course = cJSON_GetObjectItemCaseSensitive(it, "course");
		const cJSON *month = cJSON_GetObjectItemCaseSensitive(it, "month");
		const cJSON *method = cJSON_GetObjectItemCaseSensitive(it, "method");
		const cJSON *aud = cJSON_GetObjectItemCaseSensitive(it, "audience");
		const cJSON *ins = cJSON_GetObjectItemCaseSensitive(it, "instructor");
		const struct training_course *c =
			training_course_by_code(&r->courses, cJSON_IsString(course) ? course->valuestring : NULL);
		char when[16];
		snprintf(when, sizeof when, "%d月", cJSON_IsNumber(month) ? month->valueint : 0);
		item(d, when, "%s（%s、対象 %s%s%s）", c ? c->title : "?",
		     training_method_label(cJSON_IsString(method) ? method->valuestring : NULL),
		     cJSON_IsString(aud) ? aud->valuestring : "", cJSON_IsString(ins) ? "、講師 " : "",
		     cJSON_IsString(ins) ? ins->valuestring : "");
	}
	cJSON_Delete(j);
}

static void totals_part(const struct training_report *r, struct pdoc *d, const char *label)
{
	const struct training_year *y = &r->now, *p = &r->prev;
	char prev[32];
	wareki_fiscal_year(p->fiscal_year, prev, sizeof prev);
	pdoc_add(d, PD_CHAPTER, 0, NULL, "2　受講の状況", "5.2.2.5");
	item(d, "【全体】", "%s（%s まで）の対象 %ld 人のうち %ld 人が受講しました（受講率 %.1f%%）。", label, y->as_of,
	     y->staff, y->attended, training_rate(y->attended, y->staff));
	if (!p->sessions)
		item(d, "【前年度比】", "%sの研修の記録がないため、比較できません。", prev);
	else
		item(d, "【前年度比】", "%sの受講率 %.1f%%（%ld 人中 %ld 人）に比べ %+.1f ポイントの%s。", prev,
		     training_rate(p->attended, p->staff), p->staff, p->attended,
		     training_rate(y->attended, y->staff) - training_rate(p->attended, p->staff),
		     training_rate(y->attended, y->staff) >= training_rate(p->attended, p->staff) ? "改善です" : "低下です");
	item(d, "【新規採用者】", "着任 %ld 人のうち %ld 人が着任から%d日以内に受講しました（期限を過ぎて未受講 %ld 人）。",
	     y->new_hires, y->new_hires_trained, TRAINING_NEW_HIRE_DAYS, y->new_hires_overdue);
	pdoc_add(d, PD_CHAPTER, 0, NULL, "3　課室別の受講状況", "5.2.2.5");
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		item(d, u->name, "%ld 人中 %ld 人（%.1f%%）、未受講 %zu 人", u->staff, u->attended,
		     training_rate(u->attended, u->staff), u->nuntrained);
	}
}

static void analysis_part(const struct training_report *r, struct pdoc *d)
{
	const struct training_year *y = &r->now;
	pdoc_add(d, PD_CHAPTER, 0, NULL, "4　研修別の実施状況と理解度", "5.2.2.6");
	for (size_t i = 0; i < y->ncourses; i++) {
		const struct training_course_stat *c = &y->courses[i];
		struct buf b = BUF_INIT;
		buf_printf(&b, "%ld 回実施、受講 %ld 人", c->sessions, c->attendees);
		if (c->scored)
			buf_printf(&b, "、平均 %.1f 点", (double)c->score_sum / (double)c->scored);
		if (c->has_pass_mark && c->scored)
			buf_printf(&b, "、合格率 %.1f%%（合格点 %d 点）", training_rate(c->passed, c->scored), c->pass_mark);
		item(d, c->title, "%s", buf_str(&b));
		buf_free(&b);
	}
	if (!y->ncourses)
		pdoc_add(d, PD_PARA, 0, NULL, "この年度に実施された研修はありません。", NULL);
	pdoc_add(d, PD_CHAPTER, 0, NULL, "5　理解度テストの得点分布", "5.2.2.6");
	for (int b = 0; b < TRAINING_BANDS; b++)
		item(d, training_band_label(b), "%ld 人（%.1f%%）", y->bands[b], training_rate(y->bands[b], y->scored));
	if (y->scored)
		item(d, "【平均】", "%.1f 点（%ld 人）", (double)y->score_sum / (double)y->scored, y->scored);
}

static void drill_part(const struct training_report *r, struct pdoc *d)
{
	int n = 0;
	pdoc_add(d, PD_CHAPTER, 0, NULL, "6　緊急時対応訓練", "5.2.3");
	for (size_t i = 0; i < r->sessions.n; i++) {
		const struct training_session *s = &r->sessions.v[i];
		const struct training_course *c = training_course_by_id(&r->courses, s->course_id);
		if (!c || strcmp(c->kind, "drill") != 0)
			continue;
		char *t = s->place ? xasprintf("%s（%s）", c->title, s->place) : xstrdup(c->title);
		item(d, s->held_on, "%s", t);
		free(t);
		n++;
	}
	if (!n)
		pdoc_add(d, PD_PARA, 0, NULL, "この年度に緊急時対応訓練は実施されていません。", NULL);
}

/* The three 課 with the lowest rate, for the committee's attention. */
static void findings_part(const struct training_report *r, struct pdoc *d)
{
	const struct training_year *y = &r->now;
	size_t idx[3];
	size_t k = 0;
	pdoc_add(d, PD_CHAPTER, 0, NULL, "7　評価と今後の取組", "5.2.2.7");
	for (size_t i = 0; i < y->n; i++) {
		if (!y->units[i].nuntrained)
			continue;
		size_t pos = k < 3 ? k++ : 3;
		double rate = training_rate(y->units[i].attended, y->units[i].staff);
		while (pos > 0 && training_rate(y->units[idx[pos - 1]].attended, y->units[idx[pos - 1]].staff) > rate) {
			if (pos < 3)
				idx[pos] = idx[pos - 1];
			pos--;
		}
		if (pos < 3)
			idx[pos] = i;
	}
	if (!k) {
		pdoc_add(d, PD_PARA, 0, NULL, "すべての課室で対象者全員が受講しました。", NULL);
	} else {
		pdoc_add(d, PD_PARA, 0, NULL, "受講率の低い課室は次のとおりです。各課室の情報セキュリティ管理者を通じて未受講者に受講を求めます。",
			 NULL);
		for (size_t i = 0; i < k; i++)
			item(d, y->units[idx[i]].name, "受講率 %.1f%%（未受講 %zu 人）",
			     training_rate(y->units[idx[i]].attended, y->units[idx[i]].staff), y->units[idx[i]].nuntrained);
	}
	if (y->new_hires_overdue)
		pdoc_add(d, PD_PARA, 0, NULL, "新規採用者の研修が期限を過ぎている職員がいます。着任時の研修を速やかに実施します。", NULL);
	if (!y->drills)
		pdoc_add(d, PD_PARA, 0, NULL, "緊急時対応訓練を年度内に実施します。", NULL);
}

void training_report_document(const struct training_report *r, struct pdoc *out)
{
	char label[32], today[64];
	memset(out, 0, sizeof *out);
	wareki_fiscal_year(r->fiscal_year, label, sizeof label);
	wareki_date(r->today, today, sizeof today);
	out->title = xasprintf("%s 情報セキュリティ研修・訓練の実施状況", label);
	out->subtitle = xasprintf("%s　最高情報セキュリティ責任者（CISO）から情報セキュリティ委員会への報告　%s",
				  r->municipality ? r->municipality : "", today);
	out->confidential = 1;
	plan_part(r, out, label);
	totals_part(r, out, label);
	analysis_part(r, out);
	drill_part(r, out);
	findings_part(r, out);
}

int training_report_bytes(const struct training_report *r, const char *format, struct buf *out, struct err *e)
{
	struct pdoc d;
	int rc = 0;
	training_report_document(r, &d);
	if (strcmp(format, "pdf") == 0)
		rc = policy_pdf_write(&d, out, e);
	else
		policy_write_html(&d, out);
	pdoc_free(&d);
	return rc;
}
