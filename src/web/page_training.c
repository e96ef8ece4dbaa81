/*
 * page_training.c — 研修・訓練の概要 for one 年度 (?fy=): whether the plan
 * is approved, "わたしの研修" (the courses meant for me and whether I took
 * them), each 課's completion within the person's scope (5.2.2.5) with its
 * CSV (?format=csv), the courses and the sessions of the 年度.
 *
 * The figures come from training_year_compute, the same counting as
 * `mamori training report completion` and `check`; the page only filters
 * the 課 the person may see.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/training_report.h"
#include "core/training_stats.h"
#include "util/timeutil.h"
#include "web/fiscal_param.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/training_web.h"

/* Names listed per 課 before "ほか N 人". */
#define NAMES_SHOWN 10

static void plan_status(struct buf *b, struct web_req *rq, int fy)
{
	struct training_plans plans;
	struct err e = {0};
	buf_puts(b, "<section class=\"tr-plan\"><h2>年度計画（5.2.2.1）</h2>\n");
	if (training_plans_load(rq->db, &plans, &e)) {
		buf_puts(b, "<p>年度計画を読み込めませんでした。</p></section>\n");
		return;
	}
	const struct training_plan *p = training_plan_latest(&plans, fy);
	if (!p)
		buf_puts(b, "<p class=\"tr-state tr-none\">この年度の研修計画はまだありません。</p>\n");
	else if (p->approved_at)
		html_printf(b, "<p class=\"tr-state tr-ok\">第%d版 — 委員会承認済み（%s）</p>\n", p->version, p->approved_at);
	else
		html_printf(b, "<p class=\"tr-state tr-wait\">第%d版 — 承認待ち</p>\n", p->version);
	html_printf(b, "<p><a href=\"/training/plan?fy=%d\">年度計画を見る</a></p></section>\n", fy);
	training_plans_free(&plans);
}

/* Whether course c is meant for the signed-in person in fy. */
static int course_for_me(const struct web_req *rq, const struct training_course *c, int fy)
{
	cJSON *j = cJSON_Parse(c->audience ? c->audience : "");
	const cJSON *who = cJSON_GetObjectItemCaseSensitive(j, "who");
	const cJSON *roles = cJSON_GetObjectItemCaseSensitive(j, "roles");
	int yes = 0;
	if (cJSON_IsString(who) && strcmp(who->valuestring, "all") == 0) {
		yes = 1;
	} else if (cJSON_IsString(who) && strcmp(who->valuestring, "new_hires") == 0) {
		const char *start = rq->user->staff.started_on;
		yes = start && *start && fiscal_year(start) == fy;
	} else {
		const cJSON *r;
		cJSON_ArrayForEach(r, roles)
			for (size_t i = 0; cJSON_IsString(r) && i < rq->user->roles.n; i++)
				yes |= strcmp(rq->user->roles.v[i].role, r->valuestring) == 0;
	}
	cJSON_Delete(j);
	return yes;
}

static void my_row(struct buf *b, const struct training_course *c, const struct training_sessions *s,
		   const struct training_attendances *mine)
{
	const struct training_attendance *got = NULL;
	const struct training_session *when = NULL;
	for (size_t i = 0; i < mine->n; i++) {
		const struct training_session *x = training_session_by_id(s, mine->v[i].session_id);
		if (x && x->course_id == c->id) {
			got = &mine->v[i];
			when = x;
		}
	}
	char *who = training_audience_label(c->audience);
	html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td>", c->title,
		    strcmp(c->kind, "drill") == 0 ? "訓練" : "研修", who);
	free(who);
	if (!got) {
		buf_puts(b, "<td class=\"tr-no\">未受講</td><td></td><td></td></tr>\n");
		return;
	}
	html_printf(b, "<td class=\"tr-yes\">受講済み（%s）</td>", when->held_on);
	if (got->has_score)
		html_printf(b, "<td>%d 点</td>", got->score);
	else
		buf_puts(b, "<td></td>");
	html_printf(b, "<td>%s</td></tr>\n", !got->has_passed ? "" : got->passed ? "合格" : "不合格");
}

static void my_training(struct buf *b, struct web_req *rq, int fy, const struct training_courses *courses,
			const struct training_sessions *sessions)
{
	struct training_attendances mine;
	struct err e = {0};
	buf_puts(b, "<section class=\"tr-mine\"><h2>わたしの研修</h2>\n");
	if (training_attendance_load(rq->db, 0, rq->user->staff.id, &mine, &e)) {
		buf_puts(b, "<p>受講記録を読み込めませんでした。</p></section>\n");
		return;
	}
	size_t shown = 0;
	for (size_t i = 0; i < courses->n; i++) {
		const struct training_course *c = &courses->v[i];
		if (!course_for_me(rq, c, fy))
			continue;
		if (!shown++)
			buf_puts(b, "<table class=\"list tr-table\"><thead><tr><th scope=\"col\">研修・訓練</th><th scope=\"col\">種類</th>"
				    "<th scope=\"col\">対象</th><th scope=\"col\">この年度</th><th scope=\"col\">得点</th>"
				    "<th scope=\"col\">合否</th></tr></thead><tbody>\n");
		my_row(b, c, sessions, &mine);
	}
	if (shown)
		buf_puts(b, "</tbody></table>\n");
	else
		buf_puts(b, "<p>この年度にあなたが対象の研修・訓練はありません。</p>\n");
	buf_puts(b, "</section>\n");
	training_attendances_free(&mine);
}

static void names_cell(struct buf *b, const struct training_unit_stat *u)
{
	buf_puts(b, "<td>");
	for (size_t k = 0; k < u->nuntrained && k < NAMES_SHOWN; k++)
		html_printf(b, "%s%s（%s）", k ? "、" : "", u->untrained[k].name, u->untrained[k].staff_no);
	if (u->nuntrained > NAMES_SHOWN)
		html_printf(b, " ほか %zu 人", u->nuntrained - NAMES_SHOWN);
	buf_puts(b, "</td>");
}

static void units_table(struct buf *b, struct web_req *rq, int fy, const struct training_year *y)
{
	long staff = 0, attended = 0;
	size_t shown = 0;
	buf_puts(b, "<section class=\"tr-units\"><h2>課室別の受講状況（5.2.2.5）</h2>\n");
	html_printf(b, "<p class=\"note\">%s まで。", y->as_of);
	html_printf(b, "<a href=\"/training?fy=%d&amp;format=csv\">CSV でダウンロード</a>", fy);
	if (training_web_sees_all(rq->user))
		html_printf(b, "　<a href=\"/training/report?fy=%d\">統括の分析・委員会への報告</a>", fy);
	buf_puts(b, "</p>\n<table class=\"list tr-table\"><thead><tr><th scope=\"col\">課室</th><th scope=\"col\">対象者</th>"
		    "<th scope=\"col\">受講者</th><th scope=\"col\">受講率</th><th scope=\"col\">新規採用者（期限内受講）</th>"
		    "<th scope=\"col\">未受講者</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		if (!training_web_unit_visible(rq->user, u->unit_id))
			continue;
		shown++;
		staff += u->staff;
		attended += u->attended;
		html_printf(b, "<tr><td>%s %s</td>", u->code, u->name);
		buf_printf(b, "<td>%ld</td><td>%ld</td><td>%.1f%%</td><td>%ld（%ld）</td>", u->staff, u->attended,
			   training_rate(u->attended, u->staff), u->new_hires, u->new_hires_trained);
		names_cell(b, u);
		buf_puts(b, "</tr>\n");
	}
	if (!shown)
		buf_puts(b, "<tr><td colspan=\"6\">表示できる課室はありません。</td></tr>\n");
	else
		buf_printf(b, "<tr class=\"tr-total\"><th scope=\"row\">計</th><td>%ld</td><td>%ld</td><td>%.1f%%</td>"
			       "<td></td><td></td></tr>\n",
			    staff, attended, training_rate(attended, staff));
	buf_puts(b, "</tbody></table></section>\n");
}

/* The completion CSV of the 課 in scope: the columns of `training report
 * completion --format csv`, with a BOM so that Excel reads it as UTF-8. */
static void units_csv(struct web_resp *rs, struct web_req *rq, const struct training_year *y)
{
	struct buf *b = &rs->body;
	buf_puts(b, "\xEF\xBB\xBF" TRAINING_UNITS_CSV_HEADER "\r\n");
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		if (!training_web_unit_visible(rq->user, u->unit_id))
			continue;
		training_unit_csv_row(b, y->fiscal_year, u);
	}
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	rs->disposition = xasprintf("attachment; filename=\"training-completion-%d.csv\"", y->fiscal_year);
}

static void courses_table(struct buf *b, const struct web_req *rq, const struct training_courses *courses)
{
	int manage = training_web_may(rq, TRAINING_MANAGE);
	buf_puts(b, "<section class=\"tr-courses\"><h2>研修・訓練の一覧</h2>\n");
	if (!courses->n) {
		buf_puts(b, "<p>研修・訓練はまだ登録されていません。</p></section>\n");
		return;
	}
	buf_puts(b, "<table class=\"list tr-table\"><thead><tr><th scope=\"col\">コード</th><th scope=\"col\">名称</th>"
		    "<th scope=\"col\">種類</th><th scope=\"col\">対象</th><th scope=\"col\">方法</th>"
		    "<th scope=\"col\">合格点</th><th scope=\"col\">状態</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < courses->n; i++) {
		const struct training_course *c = &courses->v[i];
		char *who = training_audience_label(c->audience), *method = training_course_method(c);
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", c->code, c->title,
			    strcmp(c->kind, "drill") == 0 ? "緊急時対応訓練" : "研修", who,
			    *method ? training_method_label(method) : "");
		if (c->has_pass_mark)
			html_printf(b, "<td>%d 点</td>", c->pass_mark);
		else
			buf_puts(b, "<td></td>");
		if (c->retired_on)
			html_printf(b, "<td>%s 廃止</td></tr>\n", c->retired_on);
		else if (manage)
			html_printf(b, "<td>実施中（<a href=\"/training/courses/%s/edit\">変更</a>）</td></tr>\n", c->code);
		else
			buf_puts(b, "<td>実施中</td></tr>\n");
		free(who);
		free(method);
	}
	buf_puts(b, "</tbody></table></section>\n");
}

/* Attendees per session of the 年度, by one GROUP BY. */
static long *attendee_counts(struct db *db, int fy, const struct training_sessions *s)
{
	long *n = xcalloc(s->n + 1, sizeof *n);
	struct db_stmt *st;
	struct err e = {0};
	if (db_prepare(db, "SELECT a.session_id, COUNT(*) FROM training_attendance a"
			   " JOIN training_session s ON s.id = a.session_id WHERE s.fiscal_year = ?"
			   " GROUP BY a.session_id", &st, &e))
		return n;
	db_bind_int(st, 1, fy);
	while (db_step(st, &e) == DB_ROW)
		for (size_t i = 0; i < s->n; i++)
			if (s->v[i].id == db_column_int(st, 0))
				n[i] = (long)db_column_int(st, 1);
	db_finalize(st);
	return n;
}

static void sessions_table(struct buf *b, struct web_req *rq, int fy, const struct training_courses *courses,
			   const struct training_sessions *s)
{
	buf_puts(b, "<section class=\"tr-sessions\"><h2>この年度の実施回</h2>\n");
	if (training_web_may(rq, TRAINING_MANAGE))
		html_printf(b, "<p><a href=\"/training/sessions/new?fy=%d\">実施回を登録する</a></p>\n", fy);
	if (!s->n) {
		buf_puts(b, "<p>この年度の実施回はまだありません。</p></section>\n");
		return;
	}
	long *count = attendee_counts(rq->db, fy, s);
	buf_puts(b, "<table class=\"list tr-table\"><thead><tr><th scope=\"col\">番号</th><th scope=\"col\">実施日</th>"
		    "<th scope=\"col\">研修・訓練</th><th scope=\"col\">場所</th><th scope=\"col\">講師</th>"
		    "<th scope=\"col\">受講者</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < s->n; i++) {
		const struct training_session *x = &s->v[i];
		const struct training_course *c = training_course_by_id(courses, x->course_id);
		html_printf(b, "<tr><td><a href=\"/training/sessions/%lld\">%lld</a></td><td>%s</td><td>%s</td><td>%s</td>"
			       "<td>%s</td><td>%lld 人</td></tr>\n",
			    x->id, x->id, x->held_on, c ? c->title : "", x->place ? x->place : "",
			    x->instructor ? x->instructor : "", (long long)count[i]);
	}
	buf_puts(b, "</tbody></table></section>\n");
	free(count);
}

static void year_picker(struct buf *b, int fy)
{
	char label[32];
	int now = fiscal_param_current();
	buf_puts(b, "<form method=\"get\" action=\"/training\" class=\"tr-year\"><label for=\"tr-fy\">年度</label>"
		    "<select id=\"tr-fy\" name=\"fy\">");
	for (int y = now + 1; y >= now - 3; y--) {
		training_web_fy_label(y, label, sizeof label);
		html_printf(b, "<option value=\"%d\"%s>%s</option>", y, y == fy ? " selected" : "", label);
	}
	buf_puts(b, "</select><button type=\"submit\">表示</button></form>\n");
}

void page_training(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	struct err e = {0};
	char today[11], label[32], title[64];
	if (fiscal_param(rq, rs, &fy))
		return;
	const char *format = form_get(&rq->query, "format");
	int want_csv = format && strcmp(format, "csv") == 0;
	if (format && !want_csv) {
		web_error(rq, rs, 400, "bad_parameter", "format は csv だけです");
		return;
	}
	if (want_csv && !training_web_sees_units(rq->user)) {
		web_error(rq, rs, 403, "forbidden", "課室別の受講状況を見られるのは、情報セキュリティ管理者・責任者と統括の側の人だけです");
		return;
	}
	time_today(today);
	struct training_year y = {0};
	int units = training_web_sees_units(rq->user);
	if (units && training_year_compute(rq->db, fy, 0, today, &y, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (want_csv) {
		units_csv(rs, rq, &y);
		training_year_free(&y);
		return;
	}
	struct training_courses courses;
	struct training_sessions sessions;
	if (training_courses_load(rq->db, &courses, &e) || training_sessions_load(rq->db, fy, &sessions, &e)) {
		training_year_free(&y);
		web_internal_error(rq, rs, &e);
		return;
	}
	training_web_fy_label(fy, label, sizeof label);
	snprintf(title, sizeof title, "研修・訓練 %s", label);
	page_begin(rq, rs, title);
	struct buf *b = &rs->body;
	html_printf(b, "<h1>研修・訓練 <span class=\"tr-fy\">%s</span></h1>\n", label);
	training_web_menu(b, rq, fy, "/training");
	const char *done = form_get(&rq->query, "done");
	if (done && strcmp(done, "course") == 0)
		buf_puts(b, "<p class=\"banner\" role=\"status\">研修・訓練を登録しました。</p>\n");
	else if (done && strcmp(done, "course_edit") == 0)
		buf_puts(b, "<p class=\"banner\" role=\"status\">研修・訓練を変更しました。</p>\n");
	else if (done && strcmp(done, "course_retire") == 0)
		buf_puts(b, "<p class=\"banner\" role=\"status\">研修・訓練を廃止しました。</p>\n");
	year_picker(b, fy);
	plan_status(b, rq, fy);
	my_training(b, rq, fy, &courses, &sessions);
	if (units)
		units_table(b, rq, fy, &y);
	sessions_table(b, rq, fy, &courses, &sessions);
	courses_table(b, rq, &courses);
	layout_end(b);
	training_courses_free(&courses);
	training_sessions_free(&sessions);
	if (units)
		training_year_free(&y);
}
