/*
 * page_training_course.c — 研修・訓練の登録と変更 (/training/courses/new,
 * /training/courses/{code}/edit, …/retire): a course or a drill with its audience
 * (全職員, 新規採用者, or roles: 5.2.2.3, 5.2.2.4), method and pass mark.
 * Only those core lets manage training (training_may) get the form; the
 * rules (code unique, pass mark 0–100, roles known, the kind kept) are
 * core's, shown above the form with the values kept (422).
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/training_write.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/training_web.h"
#include "web/write.h"

static const char *const methods[][2] = {
	{"", "（指定しない）"}, {"elearning", "e-ラーニング"}, {"classroom", "集合研修"},
	{"briefing", "説明会"}, {"drill", "訓練・演習"},      {"external", "外部研修"},
};
static const char *const audiences[][2] = {
	{"all", "全職員"}, {"new_hires", "新規採用者"}, {"roles", "次の役割の人（下に入力）"}};

/* What the form shows: as posted, or the course being changed. */
struct course_values {
	char *code, *title, *kind, *who, *roles, *method, *pass_mark, *description;
};

static void values_free(struct course_values *v)
{
	free(v->code);
	free(v->title);
	free(v->kind);
	free(v->who);
	free(v->roles);
	free(v->method);
	free(v->pass_mark);
	free(v->description);
}

static char *posted(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return xstrdup(v ? v : "");
}

static void values_posted(const struct web_req *rq, const char *code, struct course_values *v)
{
	v->code = code ? xstrdup(code) : posted(rq, "code");
	v->title = posted(rq, "title");
	v->kind = posted(rq, "kind");
	v->who = posted(rq, "who");
	v->roles = posted(rq, "roles");
	v->method = posted(rq, "method");
	v->pass_mark = posted(rq, "pass_mark");
	v->description = posted(rq, "description");
}

static void values_of_course(const struct training_course *c, struct course_values *v)
{
	cJSON *j = cJSON_Parse(c->audience ? c->audience : "");
	const cJSON *who = cJSON_GetObjectItemCaseSensitive(j, "who"), *r;
	struct buf roles = BUF_INIT;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(j, "roles"))
		if (cJSON_IsString(r))
			buf_printf(&roles, "%s%s", roles.len ? "," : "", r->valuestring);
	v->code = xstrdup(c->code);
	v->title = xstrdup(c->title);
	v->kind = xstrdup(c->kind);
	v->who = xstrdup(cJSON_IsString(who) ? who->valuestring : "all");
	v->roles = xstrdup(buf_str(&roles));
	v->method = training_course_method(c);
	v->pass_mark = c->has_pass_mark ? xasprintf("%d", c->pass_mark) : xstrdup("");
	v->description = xstrdup(c->description ? c->description : "");
	buf_free(&roles);
	cJSON_Delete(j);
}

static int refuse(struct web_req *rq, struct web_resp *rs)
{
	if (training_web_may(rq, TRAINING_MANAGE))
		return 0;
	web_error(rq, rs, 403, "forbidden", "研修・訓練を登録・変更できるのは、CISO・副CISO・統括情報セキュリティ責任者だけです");
	return 1;
}

static void select_of(struct buf *b, const char *id, const char *name, const char *const (*opts)[2], size_t n,
		      const char *current)
{
	html_printf(b, "<select id=\"%s\" name=\"%s\">", id, name);
	for (size_t i = 0; i < n; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", opts[i][0],
			    strcmp(opts[i][0], current) == 0 ? " selected" : "", opts[i][1]);
	buf_puts(b, "</select>\n");
}

/* editing: the course's code when changing one, NULL for a new one. */
static void course_form(struct web_req *rq, struct web_resp *rs, int status, const char *problem, const char *editing,
			const struct course_values *v)
{
	const char *title = editing ? "研修・訓練の変更" : "研修・訓練の登録";
	page_begin(rq, rs, title);
	rs->status = status;
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/training\">研修・訓練</a></p>\n<h1>%s</h1>\n", title);
	if (problem)
		html_printf(b, "<div class=\"error\" role=\"alert\"><p>%s</p><p>何も記録していません。</p></div>\n", problem);
	if (editing)
		html_printf(b, "<form method=\"post\" action=\"/training/courses/%s/edit\" class=\"stack tr-form\">\n", editing);
	else
		buf_puts(b, "<form method=\"post\" action=\"/training/courses/new\" class=\"stack tr-form\">\n");
	layout_csrf_field(b, rq);
	if (editing)
		html_printf(b, "<p>コード: <strong>%s</strong>（種類: %s）</p>\n", v->code,
			    strcmp(v->kind, "drill") ? "研修" : "緊急時対応訓練");
	else
		html_printf(b, "<label for=\"tr-code\">コード（例: C01）</label><input id=\"tr-code\" name=\"code\" required value=\"%s\">\n"
			       "<label for=\"tr-kind\">種類</label><select id=\"tr-kind\" name=\"kind\">"
			       "<option value=\"course\"%s>研修</option><option value=\"drill\"%s>緊急時対応訓練（5.2.3）</option></select>\n",
			    v->code, strcmp(v->kind, "drill") ? " selected" : "", strcmp(v->kind, "drill") ? "" : " selected");
	html_printf(b, "<label for=\"tr-title\">名称</label><input id=\"tr-title\" name=\"title\" required value=\"%s\">\n",
		    v->title);
	buf_puts(b, "<label for=\"tr-who\">対象</label>");
	select_of(b, "tr-who", "who", audiences, 3, *v->who ? v->who : "all");
	html_printf(b, "<label for=\"tr-roles\">対象の役割（「対象」で役割を選んだとき。例: 管理者,システム管理者）</label>"
		       "<input id=\"tr-roles\" name=\"roles\" value=\"%s\">\n",
		    v->roles);
	buf_puts(b, "<label for=\"tr-method\">実施方法</label>");
	select_of(b, "tr-method", "method", methods, 6, v->method);
	html_printf(b, "<label for=\"tr-pass\">理解度試験の合格点（0〜100、なければ空欄）</label>"
		       "<input id=\"tr-pass\" name=\"pass_mark\" inputmode=\"numeric\" value=\"%s\">\n"
		       "<label for=\"tr-desc\">説明</label><textarea id=\"tr-desc\" name=\"description\" rows=\"3\">%s</textarea>\n"
		       "<button type=\"submit\">%s</button></form>\n",
		    v->pass_mark, v->description, editing ? "変更する" : "登録する");
	if (editing) {
		html_printf(b, "<section class=\"tr-retire\"><h2>廃止</h2>\n<form method=\"post\" action=\"/training/courses/%s/retire\""
			       " class=\"tr-inline\">", editing);
		layout_csrf_field(b, rq);
		buf_puts(b, "<label for=\"tr-rdate\">廃止日（空欄は今日）</label><input id=\"tr-rdate\" type=\"date\" name=\"date\">"
			    "<button type=\"submit\">この研修・訓練を廃止する</button></form>\n"
			    "<p class=\"note\">廃止した研修・訓練は記録に残り、廃止日の後は実施回を登録できません。</p></section>\n");
	}
	layout_end(b);
}

void page_training_course_new_get(struct web_req *rq, struct web_resp *rs)
{
	struct course_values v;
	if (refuse(rq, rs))
		return;
	values_posted(rq, NULL, &v);
	course_form(rq, rs, 200, NULL, NULL, &v);
	values_free(&v);
}

static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* Posts the form (v as posted) through core; 303 or the form again. */
static void course_write(struct web_req *rq, struct web_resp *rs, const char *editing, const struct course_values *v)
{
	struct training_course_writing w = {rq->user->staff.staff_no,
					    {v->code, v->title, opt(v->kind), strcmp(v->who, "roles") == 0 ? v->roles : v->who,
					     opt(v->method), opt(v->pass_mark), opt(v->description)},
					    0,
					    editing != NULL};
	struct err e = {0};
	if (web_write(rq, training_course_write, &w, &e) == 0)
		web_redirect(rs, editing ? "/training?done=course_edit" : "/training?done=course");
	else if (e.code == ERR_INPUT)
		course_form(rq, rs, 422, e.msg, editing, v);
	else
		web_internal_error(rq, rs, &e);
}

void page_training_course_new_post(struct web_req *rq, struct web_resp *rs)
{
	struct course_values v;
	if (refuse(rq, rs))
		return;
	values_posted(rq, NULL, &v);
	course_write(rq, rs, NULL, &v);
	values_free(&v);
}

/* The course of the URL, or 404. */
static int course_of_url(struct web_req *rq, struct web_resp *rs, struct training_courses *all,
			 const struct training_course **c)
{
	struct err e = {0};
	if (training_courses_load(rq->db, all, &e)) {
		web_internal_error(rq, rs, &e);
		return -1;
	}
	*c = training_course_by_code(all, rq->id ? rq->id : "");
	if (*c)
		return 0;
	training_courses_free(all);
	web_error(rq, rs, 404, "not_found", "その研修・訓練はありません");
	return -1;
}

void page_training_course_edit_get(struct web_req *rq, struct web_resp *rs)
{
	struct training_courses all;
	const struct training_course *c;
	struct course_values v;
	if (refuse(rq, rs) || course_of_url(rq, rs, &all, &c))
		return;
	values_of_course(c, &v);
	course_form(rq, rs, 200, NULL, c->code, &v);
	values_free(&v);
	training_courses_free(&all);
}

void page_training_course_edit_post(struct web_req *rq, struct web_resp *rs)
{
	struct training_courses all;
	const struct training_course *c;
	struct course_values v;
	if (refuse(rq, rs) || course_of_url(rq, rs, &all, &c))
		return;
	values_posted(rq, c->code, &v);
	free(v.kind);
	v.kind = xstrdup(c->kind);
	course_write(rq, rs, c->code, &v);
	values_free(&v);
	training_courses_free(&all);
}

void page_training_course_retire(struct web_req *rq, struct web_resp *rs)
{
	struct training_courses all;
	const struct training_course *c;
	struct err e = {0};
	if (refuse(rq, rs) || course_of_url(rq, rs, &all, &c))
		return;
	struct training_course_retiring w = {rq->user->staff.staff_no, c->code, opt(form_get(&rq->body, "date"))};
	if (c->retired_on) {
		web_error(rq, rs, 409, "conflict", "この研修・訓練は既に廃止されています");
	} else if (web_write(rq, training_course_retire_write, &w, &e) == 0) {
		web_redirect(rs, "/training?done=course_retire");
	} else if (e.code == ERR_INPUT) {
		struct course_values v;
		values_of_course(c, &v);
		course_form(rq, rs, 422, e.msg, c->code, &v);
		values_free(&v);
	} else {
		web_internal_error(rq, rs, &e);
	}
	training_courses_free(&all);
}
