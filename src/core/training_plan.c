/*
 * training_plan.c — the 年度 training plan (guideline 5.2.2.1): the CISO's
 * side drafts it, the 情報セキュリティ委員会 approves it; every new version
 * needs the approval again (training.h).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/training.h"
#include "util/json.h"

#define PLAN_COLUMNS \
	"id, fiscal_year, version, body, note, created_by, created_at, approved_by, approved_at"

static void read_plan(struct db_stmt *st, void *elem)
{
	struct training_plan *p = elem;
	p->id = db_column_int(st, 0);
	p->fiscal_year = (int)db_column_int(st, 1);
	p->version = (int)db_column_int(st, 2);
	p->body = col_dup(st, 3);
	p->note = col_dup(st, 4);
	p->created_by = col_id(st, 5);
	p->created_at = col_dup(st, 6);
	p->approved_by = col_id(st, 7);
	p->approved_at = col_dup(st, 8);
}

void training_plans_free(struct training_plans *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].body);
		free(l->v[i].note);
		free(l->v[i].created_at);
		free(l->v[i].approved_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int training_plans_load(struct db *db, struct training_plans *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load(db, "SELECT " PLAN_COLUMNS " FROM training_plan ORDER BY fiscal_year, version",
			   sizeof *out->v, read_plan, (void **)&out->v, &out->n, e);
	if (rc)
		training_plans_free(out);
	return rc;
}

const struct training_plan *training_plan_latest(const struct training_plans *l, int fy)
{
	const struct training_plan *found = NULL;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].fiscal_year == fy)
			found = &l->v[i];
	return found;
}

static int put_plan(struct tx *tx, const struct training_plan *p, int insert, const char *kind, struct err *e)
{
	struct row r;
	row_init(&r, "training_plan");
	row_text(&r, "approved_at", p->approved_at);
	row_id_ref(&r, "approved_by", p->approved_by);
	row_text(&r, "body", p->body);
	row_text(&r, "created_at", p->created_at);
	row_id_ref(&r, "created_by", p->created_by);
	row_int(&r, "fiscal_year", p->fiscal_year);
	row_int(&r, "id", p->id);
	row_text(&r, "note", p->note);
	row_int(&r, "version", p->version);
	return tx_put_row(tx, kind, &r, insert, e);
}

/* ---- the body ---- */

struct plan_item {
	const char *course, *method, *instructor, *audience;
	int month;
	char *audience_owned; /* the course's audience label when none was given */
	char *method_owned;   /* the course's method when none was given */
};

/* Months in 年度 order: April (4) first, March (3) last. */
static int fiscal_month_order(int month)
{
	return month >= 4 ? month - 4 : month + 8;
}

static int item_cmp(const void *a, const void *b)
{
	const struct plan_item *x = a, *y = b;
	int d = fiscal_month_order(x->month) - fiscal_month_order(y->month);
	return d ? d : strcmp(x->course, y->course);
}

static const char *text_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

static int read_item(const cJSON *o, int i, const struct training_courses *courses, struct plan_item *it,
		     struct err *e)
{
	if (!cJSON_IsObject(o))
		return err_set(e, ERR_INPUT, "研修計画の %d 番目の項目がオブジェクトではありません", i + 1);
	it->course = text_of(o, "course");
	const struct training_course *c = training_course_by_code(courses, it->course);
	if (!c)
		return err_set(e, ERR_INPUT, "研修計画の %d 番目の項目: 研修のコード「%s」はありません", i + 1,
			       it->course ? it->course : "");
	if (c->retired_on)
		return err_set(e, ERR_INPUT, "研修計画の %d 番目の項目: 研修「%s」は廃止されています", i + 1, c->title);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "month");
	if (!cJSON_IsNumber(m) || m->valuedouble != (double)(int)m->valuedouble || m->valueint < 1 || m->valueint > 12)
		return err_set(e, ERR_INPUT, "研修計画の %d 番目の項目（%s）: month（実施月）は 1 から 12 の整数です", i + 1,
			       c->code);
	it->month = m->valueint;
	const char *method = text_of(o, "method");
	if (method) {
		it->method = training_method_id(method);
		if (!it->method)
			return err_set(e, ERR_INPUT, "研修計画の %d 番目の項目（%s）: 実施方法「%s」は使えません", i + 1,
				       c->code, method);
	}
	if (!method) {
		it->method_owned = training_course_method(c);
		it->method = *it->method_owned ? it->method_owned : NULL;
	}
	it->instructor = text_of(o, "instructor");
	it->audience = text_of(o, "audience");
	if (!it->audience)
		it->audience = it->audience_owned = training_audience_label(c->audience);
	return 0;
}

static void write_body(struct plan_item *items, int n, char **out)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	qsort(items, (size_t)n, sizeof *items, item_cmp);
	jw_init(&w, &b);
	jw_object_begin(&w);
	jw_key(&w, "items");
	jw_array_begin(&w);
	for (int i = 0; i < n; i++) {
		jw_object_begin(&w);
		jw_kv_string(&w, "audience", items[i].audience);
		jw_kv_string(&w, "course", items[i].course);
		if (items[i].instructor)
			jw_kv_string(&w, "instructor", items[i].instructor);
		if (items[i].method)
			jw_kv_string(&w, "method", items[i].method);
		jw_kv_int(&w, "month", items[i].month);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	*out = buf_take(&b);
}

/* Validates plan_json against the current courses; *body is canonical. */
static int plan_body(struct db *db, const char *plan_json, char **body, struct err *e)
{
	struct training_courses courses;
	cJSON *j = cJSON_Parse(plan_json ? plan_json : "");
	if (!j)
		return err_set(e, ERR_INPUT, "研修計画の JSON を読めません（{\"items\":[…]} の形で書いてください）");
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(j, "items");
	int n = cJSON_GetArraySize(items);
	if (!cJSON_IsArray(items) || n == 0) {
		cJSON_Delete(j);
		return err_set(e, ERR_INPUT, "研修計画に項目（items）がありません");
	}
	if (training_courses_load(db, &courses, e)) {
		cJSON_Delete(j);
		return e->code;
	}
	struct plan_item *v = xcalloc((size_t)n, sizeof *v);
	/* an item without a method takes its course's, kept until written */
	int rc = 0;
	for (int i = 0; i < n && !rc; i++)
		rc = read_item(cJSON_GetArrayItem(items, i), i, &courses, &v[i], e);
	if (!rc)
		write_body(v, n, body);
	for (int i = 0; i < n; i++) {
		free(v[i].audience_owned);
		free(v[i].method_owned);
	}
	free(v);
	training_courses_free(&courses);
	cJSON_Delete(j);
	return rc;
}

static int check_year(int fy, struct err *e)
{
	if (fy < 2000 || fy > 2999)
		return err_set(e, ERR_INPUT, "年度 %d は西暦の開始年で指定してください（例: 令和8年度は 2026）", fy);
	return 0;
}

int training_plan_draft(struct tx *tx, const char *actor_no, int fy, const char *plan_json, const char *note,
			int *version, struct err *e)
{
	struct staff who;
	struct training_plans plans;
	if (check_year(fy, e) || training_actor(tx->db, actor_no, TRAINING_MANAGE, &who, e))
		return e->code;
	struct training_plan p = {0};
	p.fiscal_year = fy;
	p.created_by = who.id;
	staff_free(&who);
	if (plan_body(tx->db, plan_json, &p.body, e))
		return e->code;
	int rc = training_plans_load(tx->db, &plans, e);
	if (!rc) {
		const struct training_plan *last = training_plan_latest(&plans, fy);
		p.version = last ? last->version + 1 : 1;
		training_plans_free(&plans);
		rc = tx_next_id(tx, "training_plan", &p.id, e);
	}
	if (!rc) {
		p.note = note && *note ? (char *)note : NULL;
		p.created_at = tx->at;
		rc = put_plan(tx, &p, 1, "training.plan.draft", e);
	}
	if (!rc && version)
		*version = p.version;
	free(p.body);
	return rc;
}

int training_plan_approve(struct tx *tx, const char *actor_no, int fy, struct err *e)
{
	struct staff who;
	struct training_plans plans;
	if (check_year(fy, e) || training_actor(tx->db, actor_no, TRAINING_APPROVE, &who, e))
		return e->code;
	int rc = training_plans_load(tx->db, &plans, e);
	if (rc) {
		staff_free(&who);
		return rc;
	}
	struct training_plan *p = (struct training_plan *)training_plan_latest(&plans, fy);
	if (!p)
		rc = err_set(e, ERR_INPUT, "%d年度の研修計画はまだありません（training plan draft で作成します）", fy);
	else if (p->approved_by)
		rc = err_set(e, ERR_INPUT, "%d年度の研修計画 第%d版は承認済みです", fy, p->version);
	else if (p->created_by == who.id)
		rc = err_set(e, ERR_INPUT, "研修計画を作成した %s は、その計画を承認できません（委員会の承認は作成者以外が記録します）",
			     who.name);
	if (!rc) {
		p->approved_by = who.id;
		p->approved_at = xstrdup(tx->at);
		rc = put_plan(tx, p, 0, "training.plan.approve", e);
	}
	staff_free(&who);
	training_plans_free(&plans);
	return rc;
}
