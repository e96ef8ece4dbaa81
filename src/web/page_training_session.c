/*
 * page_training_session.c — 研修の実施回: registering one (the 統括 side),
 * a session's page with its attendance (paged, within scope: the 統括 side
 * and the committee see everyone, a 課's 管理者/責任者 their 課's people,
 * everyone else only themselves), entering one attendance (職員番号, 得点,
 * 合否) and importing an e-learning export (.csv UTF-8/CP932 or .xlsx) by
 * upload.  The import is core's training_import_data: every row is checked
 * first and a bad file is refused whole, naming the line and the column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/training_import.h"
#include "core/training_write.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/training_web.h"
#include "web/training_web_attend.h"
#include "web/write.h"

#define PAGE_ROWS 100
/* Far larger than any e-learning export of a municipality. */
#define IMPORT_MAX (32u * 1024 * 1024)

static const char *val(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v ? v : "";
}

static const char *opt(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v && *v ? v : NULL;
}

static int refuse_manage(struct web_req *rq, struct web_resp *rs)
{
	if (training_web_may(rq, TRAINING_MANAGE))
		return 0;
	web_error(rq, rs, 403, "forbidden", "実施回の登録と取り込みができるのは、CISO・副CISO・統括情報セキュリティ責任者だけです");
	return 1;
}

/* ---- a new session ---- */

static void session_form(struct web_req *rq, struct web_resp *rs, int status, const char *problem)
{
	struct training_courses courses;
	struct err e = {0};
	if (training_courses_load(rq->db, &courses, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, "実施回の登録");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/training\">研修・訓練</a></p>\n<h1>実施回の登録</h1>\n");
	if (problem)
		html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p><p>何も登録していません。</p></div>\n", problem);
	buf_puts(b, "<form method=\"post\" action=\"/training/sessions/new\" class=\"stack tr-form\">\n");
	layout_csrf_field(b, rq);
	buf_puts(b, "<label for=\"tr-course\">研修・訓練</label><select id=\"tr-course\" name=\"course\" required>"
		    "<option value=\"\">—</option>");
	for (size_t i = 0; i < courses.n; i++) {
		const struct training_course *c = &courses.v[i];
		if (!c->retired_on)
			html_printf(b, "<option value=\"%s\"%s>%s %s</option>", c->code,
				    strcmp(c->code, val(rq, "course")) ? "" : " selected", c->code, c->title);
	}
	html_printf(b, "</select>\n<label for=\"tr-date\">実施日</label><input id=\"tr-date\" type=\"date\" name=\"held_on\" required value=\"%s\">\n"
		       "<label for=\"tr-place\">場所</label><input id=\"tr-place\" name=\"place\" value=\"%s\">\n"
		       "<label for=\"tr-inst\">講師・担当</label><input id=\"tr-inst\" name=\"instructor\" value=\"%s\">\n"
		       "<label for=\"tr-snote\">備考</label><input id=\"tr-snote\" name=\"note\" value=\"%s\">\n"
		       "<button type=\"submit\">登録する</button></form>\n",
		    val(rq, "held_on"), val(rq, "place"), val(rq, "instructor"), val(rq, "note"));
	layout_end(b);
	training_courses_free(&courses);
}

void page_training_session_new_get(struct web_req *rq, struct web_resp *rs)
{
	if (!refuse_manage(rq, rs))
		session_form(rq, rs, 200, NULL);
}

void page_training_session_new_post(struct web_req *rq, struct web_resp *rs)
{
	if (refuse_manage(rq, rs))
		return;
	struct training_session_adding w = {rq->user->staff.staff_no,
				  {opt(rq, "course"), opt(rq, "held_on"), opt(rq, "place"), opt(rq, "instructor"),
				   opt(rq, "note")},
				  0};
	struct err e = {0};
	if (web_write(rq, training_session_add_write, &w, &e) == 0) {
		char *to = xasprintf("/training/sessions/%lld", w.id);
		web_redirect(rs, to);
		free(to);
	} else if (e.code == ERR_INPUT) {
		session_form(rq, rs, 422, e.msg);
	} else {
		web_internal_error(rq, rs, &e);
	}
}

/* ---- a session's page ---- */

#define ATTEND_SQL                                                                                         \
	"SELECT s.id, s.staff_no, s.name, s.unit_id, a.score, a.passed, a.source, a.recorded_at"             \
	" FROM training_attendance a JOIN staff s ON s.id = a.staff_id WHERE a.session_id = ? ORDER BY s.staff_no"

/* Whether the row of staff_id (posted in unit) is for this person's eyes:
 * the 統括 side and the committee see all, a 管理者/責任者 their units, and
 * everyone their own. */
static int row_visible(const struct web_req *rq, long long staff_id, long long unit)
{
	return training_web_sees_all(rq->user) || training_web_may(rq, TRAINING_MANAGE) ||
	       staff_id == rq->user->staff.id || training_web_unit_visible(rq->user, unit);
}

/* The attendance in scope as CSV (BOM, CRLF) for Excel. */
static void attendance_csv(struct web_req *rq, struct web_resp *rs, long long sid)
{
	struct db_stmt *st;
	struct err e = {0};
	if (db_prepare(rq->db, ATTEND_SQL, &st, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	db_bind_int(st, 1, sid);
	struct buf *b = &rs->body;
	buf_puts(b, "\xEF\xBB\xBF職員番号,氏名,所属,得点,合否,記録元,記録日時\r\n");
	while (db_step(st, &e) == DB_ROW) {
		long long unit = db_column_int(st, 3);
		if (!row_visible(rq, db_column_int(st, 0), unit))
			continue;
		const struct org_unit *u = org_unit_by_id(&rq->user->units, unit);
		const char *passed = db_column_is_null(st, 5) ? "" : db_column_int(st, 5) ? "合格" : "不合格";
		const char *cells[] = {db_column_text(st, 1), db_column_text(st, 2), u ? u->name : "",
				       db_column_is_null(st, 4) ? "" : db_column_text(st, 4), passed, db_column_text(st, 6),
				       db_column_text(st, 7)};
		for (size_t k = 0; k < 7; k++)
			buf_csv_field(b, cells[k] ? cells[k] : "", k == 6);
	}
	db_finalize(st);
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	rs->disposition = xasprintf("attachment; filename=\"training-session-%lld.csv\"", sid);
}

static void attendance_rows(struct buf *b, struct web_req *rq, long long sid, long offset)
{
	struct db_stmt *st;
	struct err e = {0};
	long seen = 0, shown = 0;
	if (db_prepare(rq->db, ATTEND_SQL, &st, &e)) {
		buf_puts(b, "<p>受講記録を読み込めませんでした。</p>\n");
		return;
	}
	db_bind_int(st, 1, sid);
	buf_puts(b, "<table class=\"list tr-table\"><thead><tr><th scope=\"col\">職員番号</th><th scope=\"col\">氏名</th>"
		    "<th scope=\"col\">所属</th><th scope=\"col\">得点</th><th scope=\"col\">合否</th>"
		    "<th scope=\"col\">記録元</th><th scope=\"col\">記録日時</th></tr></thead><tbody>\n");
	while (db_step(st, &e) == DB_ROW) {
		long long unit = db_column_int(st, 3);
		if (!row_visible(rq, db_column_int(st, 0), unit))
			continue;
		if (seen++ < offset || shown >= PAGE_ROWS)
			continue;
		shown++;
		const struct org_unit *u = org_unit_by_id(&rq->user->units, unit);
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td>", db_column_text(st, 1), db_column_text(st, 2),
			    u ? u->name : "");
		if (db_column_is_null(st, 4))
			buf_puts(b, "<td></td>");
		else
			html_printf(b, "<td>%lld 点</td>", db_column_int(st, 4));
		html_printf(b, "<td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    db_column_is_null(st, 5) ? "" : db_column_int(st, 5) ? "合格" : "不合格", db_column_text(st, 6),
			    db_column_text(st, 7));
	}
	db_finalize(st);
	if (!seen)
		buf_puts(b, "<tr><td colspan=\"7\">表示できる受講記録はありません。</td></tr>\n");
	buf_puts(b, "</tbody></table>\n");
	buf_printf(b, "<p class=\"pager\">%ld 件中 %ld〜%ld 件目", seen, shown ? offset + 1 : 0, offset + shown);
	if (offset > 0)
		buf_printf(b, "　<a href=\"/training/sessions/%lld?offset=%ld\">前へ</a>", sid,
			    offset > PAGE_ROWS ? offset - PAGE_ROWS : 0);
	if (offset + shown < seen)
		buf_printf(b, "　<a href=\"/training/sessions/%lld?offset=%ld\">次へ</a>", sid, offset + PAGE_ROWS);
	buf_puts(b, "</p>\n");
}

static void attend_form(struct buf *b, const struct web_req *rq, long long sid)
{
	html_printf(b, "<section class=\"tr-attend\"><h2>受講を記録する</h2>\n"
		       "<form method=\"post\" action=\"/training/sessions/%lld/attend\" class=\"tr-inline\">\n", sid);
	layout_csrf_field(b, rq);
	html_printf(b, "<label for=\"tr-no\">職員番号</label><input id=\"tr-no\" name=\"staff_no\" required value=\"%s\">\n"
		       "<label for=\"tr-score\">得点</label><input id=\"tr-score\" name=\"score\" inputmode=\"numeric\" value=\"%s\">\n"
		       "<label for=\"tr-passed\">合否</label><select id=\"tr-passed\" name=\"passed\"><option value=\"\">（合格点で判定）</option>"
		       "<option value=\"1\">合格</option><option value=\"0\">不合格</option></select>\n"
		       "<button type=\"submit\">記録する</button></form></section>\n",
		    val(rq, "staff_no"), val(rq, "score"));
}

static void import_form(struct buf *b, const struct web_req *rq, long long sid)
{
	html_printf(b, "<section class=\"tr-import\"><h2>e-ラーニングの受講結果を取り込む</h2>\n"
		       "<form method=\"post\" action=\"/training/sessions/%lld/import\" enctype=\"multipart/form-data\""
		       " class=\"stack\" data-upload>\n",
		    sid);
	layout_csrf_field(b, rq);
	buf_puts(b, "<label for=\"tr-file\">受講結果のファイル（.csv（UTF-8 / Shift_JIS）または .xlsx）</label>"
		    "<input id=\"tr-file\" type=\"file\" name=\"file\" required accept=\".csv,.xlsx,text/csv,"
		    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\">\n"
		    "<button type=\"submit\">取り込む</button></form>\n"
		    "<p class=\"note\">見出しの行に「職員番号」が必要です（氏名・受講日・得点・合否は任意）。一行でも誤りがあれば、"
		    "行と列を示して全体を取り込みません。同じファイルをもう一度取り込んでも重複しません。</p></section>\n");
}

static void banner(struct buf *b, const struct web_req *rq)
{
	const char *added = form_get(&rq->query, "added");
	if (form_get(&rq->query, "recorded"))
		buf_puts(b, "<p class=\"banner\" role=\"status\">受講を記録しました。</p>\n");
	if (added) {
		const char *u = form_get(&rq->query, "updated"), *n = form_get(&rq->query, "unchanged"),
			   *s = form_get(&rq->query, "skipped");
		html_printf(b, "<p class=\"banner\" role=\"status\">取り込みました: 追加 %s 件、更新 %s 件、変更なし %s 件、"
			       "未修了で除外 %s 件</p>\n",
			    added, u ? u : "0", n ? n : "0", s ? s : "0");
	}
}

static void session_page(struct web_req *rq, struct web_resp *rs, const struct training_session *s, int status,
			 const char *problem)
{
	struct training_courses courses;
	struct err e = {0};
	if (training_courses_load(rq->db, &courses, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const struct training_course *c = training_course_by_id(&courses, s->course_id);
	char title[256];
	snprintf(title, sizeof title, "%s（%s）", c ? c->title : "研修", s->held_on);
	page_begin(rq, rs, title);
	rs->status = status;
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/training?fy=%d\">研修・訓練</a></p>\n<h1>%s</h1>\n", s->fiscal_year,
		    title);
	banner(b, rq);
	if (problem)
		html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p><p>何も記録していません。</p></div>\n", problem);
	html_printf(b, "<dl class=\"tr-facts\"><dt>番号</dt><dd>%lld</dd><dt>研修・訓練</dt><dd>%s %s</dd>"
		       "<dt>実施日</dt><dd>%s</dd><dt>場所</dt><dd>%s</dd><dt>講師・担当</dt><dd>%s</dd><dt>備考</dt><dd>%s</dd></dl>\n",
		    s->id, c ? c->code : "", c ? c->title : "", s->held_on, s->place ? s->place : "",
		    s->instructor ? s->instructor : "", s->note ? s->note : "");
	if (training_web_may_record_some(rq))
		attend_form(b, rq, s->id);
	if (training_web_may(rq, TRAINING_MANAGE))
		import_form(b, rq, s->id);
	html_printf(b, "<section class=\"tr-attendance\"><h2>受講者</h2>\n<p><a href=\"/training/sessions/%lld?format=csv\">CSV でダウンロード</a></p>\n",
		    s->id);
	const char *off = form_get(&rq->query, "offset");
	long offset = off ? strtol(off, NULL, 10) : 0;
	attendance_rows(b, rq, s->id, offset > 0 ? offset : 0);
	buf_puts(b, "</section>\n");
	layout_end(b);
	training_courses_free(&courses);
}

void page_training_session_show(struct web_req *rq, struct web_resp *rs)
{
	struct training_sessions all;
	const struct training_session *s;
	if (training_web_session(rq, rs, &all, &s))
		return;
	const char *format = form_get(&rq->query, "format");
	if (format && strcmp(format, "csv") == 0)
		attendance_csv(rq, rs, s->id);
	else if (format)
		web_error(rq, rs, 400, "bad_parameter", "format は csv だけです");
	else
		session_page(rq, rs, s, 200, NULL);
	training_sessions_free(&all);
}

void page_training_session_attend(struct web_req *rq, struct web_resp *rs)
{
	struct training_sessions all;
	const struct training_session *s;
	struct web_refusal why = {0};
	struct err e = {0};
	if (training_web_session(rq, rs, &all, &s))
		return;
	if (training_web_attend(rq, s->id, &why, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (why.status == 403) {
		web_error(rq, rs, 403, why.code, why.msg);
	} else if (why.status) {
		session_page(rq, rs, s, why.status, why.msg);
	} else {
		char *to = xasprintf("/training/sessions/%lld?recorded=1", s->id);
		web_redirect(rs, to);
		free(to);
	}
	web_refusal_free(&why);
	training_sessions_free(&all);
}

static void import_upload(struct web_req *rq, struct web_resp *rs, const struct training_session *s)
{
	const struct web_upload *up = web_upload_get(rq, "file");
	const char *name = up && up->filename && *up->filename ? up->filename : "アップロードされたファイル";
	struct training_import_opts o = {0};
	struct training_import_result res = {0};
	struct err e = {0};
	char actor[96], *msg = NULL;
	if (!up || up->len == 0) {
		session_page(rq, rs, s, 422, "ファイルが選ばれていないか、空のファイルです");
		return;
	}
	if (up->len > IMPORT_MAX) {
		msg = xasprintf("ファイルが大きすぎます（%u MiB まで）", IMPORT_MAX >> 20);
		session_page(rq, rs, s, 413, msg);
		free(msg);
		return;
	}
	web_actor(rq, actor, sizeof actor);
	int rc = training_import_data(rq->db, actor, rq->user->staff.staff_no, s->id, name, up->data, up->len, &o, &res,
				      &e);
	if (rc == ERR_INPUT) {
		session_page(rq, rs, s, 422, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		char *to = xasprintf("/training/sessions/%lld?added=%lld&updated=%lld&unchanged=%lld&skipped=%lld", s->id,
				     res.added, res.updated, res.unchanged, res.skipped);
		web_redirect(rs, to);
		free(to);
	}
	training_import_result_free(&res);
}

void page_training_session_import(struct web_req *rq, struct web_resp *rs)
{
	struct training_sessions all;
	const struct training_session *s;
	if (training_web_session(rq, rs, &all, &s))
		return;
	if (!refuse_manage(rq, rs))
		import_upload(rq, rs, s);
	training_sessions_free(&all);
}
