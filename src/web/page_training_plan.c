/*
 * page_training_plan.c — 研修の年度計画 (5.2.2.1, /training/plan?fy=): every
 * version of the 年度's plan with its items and approval, the form that
 * drafts the next version (the 統括 side), and the committee's approval (a
 * committee member or the CISO, never the drafter).  Drafting and approving
 * are core's training_plan_draft / training_plan_approve; the web only turns
 * the rows of the form into the plan's JSON.
 *
 * Refusals: no role → 403; the drafter approving → 403; nothing to approve
 * (no plan, already approved) → 409; a bad row → 422 with the rows kept.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/training_write.h"
#include "util/json.h"
#include "web/fiscal_param.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/training_web.h"
#include "web/write.h"

/* Empty rows the draft form offers below the current items. */
#define SPARE_ROWS 3
#define MAX_ROWS 60

static const char *const methods[][2] = {
	{"", "（研修の既定）"}, {"elearning", "e-ラーニング"}, {"classroom", "集合研修"},
	{"briefing", "説明会"},  {"drill", "訓練・演習"},      {"external", "外部研修"},
};

static char *staff_name(struct db *db, long long id)
{
	struct db_stmt *st;
	struct err e = {0};
	char *name = NULL;
	if (!id || db_prepare(db, "SELECT name FROM staff WHERE id = ?", &st, &e))
		return xstrdup("");
	db_bind_int(st, 1, id);
	if (db_step(st, &e) == DB_ROW)
		name = xstrdup(db_column_text(st, 0) ? db_column_text(st, 0) : "");
	db_finalize(st);
	return name ? name : xstrdup("");
}

static const char *item_text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static void items_table(struct buf *b, const char *body, const struct training_courses *courses)
{
	cJSON *j = cJSON_Parse(body ? body : "");
	const cJSON *it;
	buf_puts(b, "<table class=\"list tr-table\"><thead><tr><th scope=\"col\">月</th><th scope=\"col\">研修・訓練</th>"
		    "<th scope=\"col\">対象</th><th scope=\"col\">方法</th><th scope=\"col\">講師・担当</th></tr></thead><tbody>\n");
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j, "items"))
	{
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(it, "month");
		const struct training_course *c = training_course_by_code(courses, item_text(it, "course"));
		const char *method = item_text(it, "method");
		html_printf(b, "<tr><td>%d月</td><td>%s %s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    cJSON_IsNumber(m) ? m->valueint : 0, item_text(it, "course"), c ? c->title : "",
			    item_text(it, "audience"), *method ? training_method_label(method) : "",
			    item_text(it, "instructor"));
	}
	buf_puts(b, "</tbody></table>\n");
	cJSON_Delete(j);
}

static void version_section(struct buf *b, struct web_req *rq, const struct training_plan *p,
			    const struct training_courses *courses, int latest)
{
	char *by = staff_name(rq->db, p->created_by);
	html_printf(b, "<section class=\"tr-version\"><h2>第%d版%s</h2>\n<p>作成: %s（%s）", p->version,
		    latest ? "（最新）" : "", by, p->created_at);
	free(by);
	if (p->approved_at) {
		char *ap = staff_name(rq->db, p->approved_by);
		html_printf(b, "　<span class=\"tr-state tr-ok\">委員会承認: %s（%s）</span>", ap, p->approved_at);
		free(ap);
	} else {
		buf_puts(b, "　<span class=\"tr-state tr-wait\">未承認</span>");
	}
	buf_puts(b, "</p>\n");
	if (p->note && *p->note)
		html_printf(b, "<p>備考: %s</p>\n", p->note);
	items_table(b, p->body, courses);
	if (latest && !p->approved_at && training_web_may(rq, TRAINING_APPROVE) &&
	    p->created_by != rq->user->staff.id) {
		html_printf(b, "<form method=\"post\" action=\"/training/plan/approve?fy=%d\">", p->fiscal_year);
		layout_csrf_field(b, rq);
		html_printf(b, "<button type=\"submit\">第%d版を委員会として承認する</button></form>\n", p->version);
	}
	buf_puts(b, "</section>\n");
}

static void course_select(struct buf *b, int i, const struct training_courses *courses, const char *current)
{
	html_printf(b, "<td><select name=\"course_%d\" aria-label=\"%d 行目の研修\"><option value=\"\">—</option>", i, i + 1);
	for (size_t k = 0; k < courses->n; k++) {
		const struct training_course *c = &courses->v[k];
		if (c->retired_on && strcmp(c->code, current) != 0)
			continue;
		html_printf(b, "<option value=\"%s\"%s>%s %s</option>", c->code, strcmp(c->code, current) ? "" : " selected",
			    c->code, c->title);
	}
	buf_puts(b, "</select></td>");
}

static void month_select(struct buf *b, int i, int current)
{
	static const int order[12] = {4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3};
	html_printf(b, "<td><select name=\"month_%d\" aria-label=\"%d 行目の実施月\">", i, i + 1);
	for (int k = 0; k < 12; k++)
		html_printf(b, "<option value=\"%d\"%s>%d月</option>", order[k], order[k] == current ? " selected" : "",
			    order[k]);
	buf_puts(b, "</select></td>");
}

static void method_select(struct buf *b, int i, const char *current)
{
	html_printf(b, "<td><select name=\"method_%d\" aria-label=\"%d 行目の方法\">", i, i + 1);
	for (size_t k = 0; k < sizeof methods / sizeof methods[0]; k++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", methods[k][0],
			    strcmp(methods[k][0], current) ? "" : " selected", methods[k][1]);
	buf_puts(b, "</select></td>");
}

static void form_row(struct buf *b, int i, const struct training_courses *courses, const char *course, int month,
		     const char *method, const char *instructor)
{
	buf_puts(b, "<tr>");
	course_select(b, i, courses, course);
	month_select(b, i, month);
	method_select(b, i, method);
	html_printf(b, "<td><input name=\"instructor_%d\" aria-label=\"%d 行目の講師・担当\" value=\"%s\"></td></tr>\n", i,
		    i + 1, instructor);
}

static int month_of(const char *text)
{
	char *end;
	long m = text ? strtol(text, &end, 10) : 0;
	return text && *text && !*end && m >= 1 && m <= 12 ? (int)m : 0;
}

/* One row of the posted draft form, its fields named course_N, month_N,
 * method_N and instructor_N; method and instructor are "" when absent. */
struct posted_row {
	const char *course, *method, *instructor;
	int month;
};

/* Row i of the posted form: 0, or -1 when it names no course (left blank). */
static int posted_row(const struct web_req *rq, int i, struct posted_row *r)
{
	char k[24];
	snprintf(k, sizeof k, "course_%d", i);
	r->course = form_get(&rq->body, k);
	if (!r->course || !*r->course)
		return -1;
	snprintf(k, sizeof k, "month_%d", i);
	r->month = month_of(form_get(&rq->body, k));
	snprintf(k, sizeof k, "method_%d", i);
	r->method = form_get(&rq->body, k);
	snprintf(k, sizeof k, "instructor_%d", i);
	r->instructor = form_get(&rq->body, k);
	if (!r->method)
		r->method = "";
	if (!r->instructor)
		r->instructor = "";
	return 0;
}

/* The rows as posted (after a refusal), or the latest version's items. */
static void draft_form(struct buf *b, struct web_req *rq, int fy, const struct training_plan *latest,
		       const struct training_courses *courses, int posted)
{
	html_printf(b, "<section class=\"tr-draft\"><h2>新しい版を作成する</h2>\n"
		       "<form method=\"post\" action=\"/training/plan/draft?fy=%d\" class=\"tr-form\">\n", fy);
	layout_csrf_field(b, rq);
	buf_puts(b, "<table class=\"list tr-table\"><thead><tr><th scope=\"col\">研修・訓練</th><th scope=\"col\">実施月</th>"
		    "<th scope=\"col\">方法</th><th scope=\"col\">講師・担当</th></tr></thead><tbody>\n");
	int rows = 0;
	if (posted) {
		struct posted_row r;
		for (int i = 0; i < MAX_ROWS; i++)
			if (posted_row(rq, i, &r) == 0)
				form_row(b, rows++, courses, r.course, r.month, r.method, r.instructor);
	} else if (latest) {
		cJSON *j = cJSON_Parse(latest->body ? latest->body : "");
		const cJSON *it;
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j, "items"))
		{
			const cJSON *m = cJSON_GetObjectItemCaseSensitive(it, "month");
			if (rows < MAX_ROWS - SPARE_ROWS)
				form_row(b, rows++, courses, item_text(it, "course"), cJSON_IsNumber(m) ? m->valueint : 4,
					 item_text(it, "method"), item_text(it, "instructor"));
		}
		cJSON_Delete(j);
	}
	for (int k = 0; k < SPARE_ROWS; k++, rows++)
		form_row(b, rows, courses, "", 4, "", "");
	const char *note = posted ? form_get(&rq->body, "note") : NULL;
	html_printf(b, "</tbody></table>\n<label for=\"tr-note\">備考</label><input id=\"tr-note\" name=\"note\" value=\"%s\">\n"
		       "<p class=\"note\">研修を「—」にした行は計画に入りません。新しい版は、改めて委員会の承認が必要です。</p>\n"
		       "<button type=\"submit\">この内容で新しい版を作成する</button></form></section>\n",
		    note ? note : "");
}

static void plan_page(struct web_req *rq, struct web_resp *rs, int fy, int status, const char *problem)
{
	struct training_plans plans;
	struct training_courses courses;
	struct err e = {0};
	char label[32], title[64];
	if (training_plans_load(rq->db, &plans, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (training_courses_load(rq->db, &courses, &e)) {
		training_plans_free(&plans);
		web_internal_error(rq, rs, &e);
		return;
	}
	training_web_fy_label(fy, label, sizeof label);
	snprintf(title, sizeof title, "研修の年度計画 %s", label);
	page_begin(rq, rs, title);
	rs->status = status;
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/training?fy=%d\">研修・訓練</a></p>\n<h1>%s</h1>\n", fy, title);
	training_web_menu(b, rq, fy, "/training/plan");
	if (problem)
		html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p><p>何も記録していません。</p></div>\n", problem);
	const struct training_plan *latest = training_plan_latest(&plans, fy);
	if (!latest)
		buf_puts(b, "<p>この年度の研修計画はまだありません。</p>\n");
	for (size_t i = plans.n; i-- > 0;)
		if (plans.v[i].fiscal_year == fy)
			version_section(b, rq, &plans.v[i], &courses, &plans.v[i] == latest);
	if (training_web_may(rq, TRAINING_MANAGE))
		draft_form(b, rq, fy, latest, &courses, problem != NULL);
	layout_end(b);
	training_courses_free(&courses);
	training_plans_free(&plans);
}

void page_training_plan(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	if (!fiscal_param(rq, rs, &fy))
		plan_page(rq, rs, fy, 200, NULL);
}

/* The rows of the form as the plan's JSON; month 0 when not 1–12 (core
 * names the row). */
static char *plan_json(const struct web_req *rq)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	jw_key(&w, "items");
	jw_array_begin(&w);
	struct posted_row r;
	for (int i = 0; i < MAX_ROWS; i++) {
		if (posted_row(rq, i, &r))
			continue;
		jw_object_begin(&w);
		jw_kv_string(&w, "course", r.course);
		if (*r.instructor)
			jw_kv_string(&w, "instructor", r.instructor);
		if (*r.method)
			jw_kv_string(&w, "method", r.method);
		jw_kv_int(&w, "month", r.month);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	return buf_take(&b);
}

void page_training_plan_draft(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	struct err e = {0};
	if (fiscal_param(rq, rs, &fy))
		return;
	if (!training_web_may(rq, TRAINING_MANAGE)) {
		web_error(rq, rs, 403, "forbidden", "研修計画を作成できるのは、CISO・副CISO・統括情報セキュリティ責任者だけです");
		return;
	}
	char *json = plan_json(rq);
	struct training_plan_writing p = {rq->user->staff.staff_no, json, form_get(&rq->body, "note"), fy, 0};
	if (web_write(rq, training_plan_draft_write, &p, &e) == 0) {
		char *to = xasprintf("/training/plan?fy=%d", fy);
		web_redirect(rs, to);
		free(to);
	} else if (e.code == ERR_INPUT) {
		plan_page(rq, rs, fy, 422, e.msg);
	} else {
		web_internal_error(rq, rs, &e);
	}
	free(json);
}

/* Why an approval was refused: the drafter may not (403), otherwise the
 * plan's state forbids it (409). */
static int approve_status(struct web_req *rq, int fy)
{
	struct training_plans plans;
	struct err e = {0};
	int status = 409;
	if (training_plans_load(rq->db, &plans, &e) == 0) {
		const struct training_plan *p = training_plan_latest(&plans, fy);
		if (p && !p->approved_at && p->created_by == rq->user->staff.id)
			status = 403;
		training_plans_free(&plans);
	}
	return status;
}

void page_training_plan_approve(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	struct err e = {0};
	if (fiscal_param(rq, rs, &fy))
		return;
	if (!training_web_may(rq, TRAINING_APPROVE)) {
		web_error(rq, rs, 403, "forbidden", "研修計画を承認できるのは、情報セキュリティ委員会の委員と CISO だけです");
		return;
	}
	struct training_plan_writing p = {rq->user->staff.staff_no, NULL, NULL, fy, 0};
	if (web_write(rq, training_plan_approve_write, &p, &e) == 0) {
		char *to = xasprintf("/training/plan?fy=%d", fy);
		web_redirect(rs, to);
		free(to);
	} else if (e.code == ERR_INPUT) {
		int status = approve_status(rq, fy);
		web_error(rq, rs, status, status == 403 ? "forbidden" : "conflict", e.msg);
	} else {
		web_internal_error(rq, rs, &e);
	}
}
