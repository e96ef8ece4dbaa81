/*
 * training.c — courses and drills, their audience and method, and who may
 * manage training (training.h).
 */
#include "core/training.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_util.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/fold.h"
#include "util/json.h"
#include "util/timeutil.h"

#define COURSE_COLUMNS "id, code, title, kind, audience, pass_mark, description, created_at, retired_on"

static void read_course(struct db_stmt *st, void *elem)
{
	struct training_course *c = elem;
	c->id = db_column_int(st, 0);
	c->code = col_dup(st, 1);
	c->title = col_dup(st, 2);
	c->kind = col_dup(st, 3);
	c->audience = col_dup(st, 4);
	c->has_pass_mark = !db_column_is_null(st, 5);
	c->pass_mark = (int)db_column_int(st, 5);
	c->description = col_dup(st, 6);
	c->created_at = col_dup(st, 7);
	c->retired_on = col_dup(st, 8);
}

static void course_free(struct training_course *c)
{
	free(c->code);
	free(c->title);
	free(c->kind);
	free(c->audience);
	free(c->description);
	free(c->created_at);
	free(c->retired_on);
}

void training_courses_free(struct training_courses *l)
{
	for (size_t i = 0; i < l->n; i++)
		course_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int training_courses_load(struct db *db, struct training_courses *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load(db, "SELECT " COURSE_COLUMNS " FROM training_course ORDER BY id", sizeof *out->v,
			   read_course, (void **)&out->v, &out->n, e);
	if (rc)
		training_courses_free(out);
	return rc;
}

const struct training_course *training_course_by_code(const struct training_courses *l, const char *code)
{
	for (size_t i = 0; code && i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	return NULL;
}

const struct training_course *training_course_by_id(const struct training_courses *l, long long id)
{
	return rows_by_id(l->v, l->n, sizeof *l->v, offsetof(struct training_course, id), id);
}

/* ---- method and audience ---- */

static const struct {
	const char *id, *label, *aliases[4];
} methods[] = {
	{"elearning", "e-ラーニング", {"e-learning", "eラーニング", "e-ラーニング", "オンライン"}},
	{"classroom", "集合研修", {"集合", "講義", "対面", NULL}},
	{"briefing", "説明会", {"説明", NULL, NULL, NULL}},
	{"drill", "訓練・演習", {"訓練", "演習", "実地訓練", NULL}},
	{"external", "外部研修", {"外部", "外部講座", NULL, NULL}},
};
#define NMETHODS (sizeof methods / sizeof methods[0])

static int same_folded(const char *a, const char *b)
{
	char *x = fold_key(a), *y = fold_key(b);
	int same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

const char *training_method_id(const char *text)
{
	for (size_t i = 0; text && i < NMETHODS; i++) {
		if (same_folded(text, methods[i].id) || same_folded(text, methods[i].label))
			return methods[i].id;
		for (int k = 0; k < 4 && methods[i].aliases[k]; k++)
			if (same_folded(text, methods[i].aliases[k]))
				return methods[i].id;
	}
	return NULL;
}

const char *training_method_label(const char *id)
{
	for (size_t i = 0; id && i < NMETHODS; i++)
		if (strcmp(methods[i].id, id) == 0)
			return methods[i].label;
	return id ? id : "";
}

static int method_choice(const char *text, const char **id, struct err *e)
{
	*id = NULL;
	if (!text || !*text)
		return 0;
	*id = training_method_id(text);
	if (!*id)
		return err_set(e, ERR_INPUT,
			       "実施方法「%s」は使えません（e-ラーニング、集合研修、説明会、訓練・演習、外部研修のいずれか）",
			       text);
	return 0;
}

static int audience_roles(char *list, cJSON *roles, struct err *e)
{
	/* roles are kept sorted and without repeats, so the JSON is canonical */
	const char *ids[32];
	int n = 0;
	/* 、 is three bytes: turned into commas first, since strtok splits by byte */
	for (char *p; (p = strstr(list, "、"));) {
		*p = ',';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
	for (char *tok = strtok(list, ", "); tok; tok = strtok(NULL, ", ")) {
		const struct vocab_entry *r = vocab_find(&vocab_role, tok);
		if (!r) {
			char *choices = vocab_choices(&vocab_role);
			err_set(e, ERR_INPUT, "対象「%s」は役割ではありません（all、new_hires、または %s）", tok, choices);
			free(choices);
			return e->code;
		}
		int seen = 0;
		for (int i = 0; i < n; i++)
			seen |= strcmp(ids[i], r->id) == 0;
		if (!seen && n < 32)
			ids[n++] = r->id;
	}
	if (n == 0)
		return err_set(e, ERR_INPUT, "対象を指定してください（all、new_hires、または役割の一覧）");
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && strcmp(ids[k - 1], ids[k]) > 0; k--) {
			const char *t = ids[k];
			ids[k] = ids[k - 1];
			ids[k - 1] = t;
		}
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(roles, cJSON_CreateString(ids[i]));
	return 0;
}

int training_audience_parse(const char *audience, const char *method, char **json, struct err *e)
{
	const char *mid;
	*json = NULL;
	if (method_choice(method, &mid, e))
		return e->code;
	if (!audience || !*audience)
		return err_set(e, ERR_INPUT, "研修の対象を指定してください（--audience all|new_hires|役割,…）");
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	if (mid)
		jw_kv_string(&w, "method", mid);
	if (same_folded(audience, "all") || same_folded(audience, "全職員")) {
		jw_kv_string(&w, "who", "all");
	} else if (same_folded(audience, "new_hires") || same_folded(audience, "新規採用者") ||
		   same_folded(audience, "新規採用職員")) {
		jw_kv_string(&w, "who", "new_hires");
	} else {
		cJSON *roles = cJSON_CreateArray();
		char *list = xstrdup(audience);
		int rc = audience_roles(list, roles, e);
		free(list);
		if (rc) {
			cJSON_Delete(roles);
			buf_free(&b);
			return rc;
		}
		jw_key(&w, "roles");
		jw_array_begin(&w);
		for (int i = 0; i < cJSON_GetArraySize(roles); i++)
			jw_string(&w, cJSON_GetArrayItem(roles, i)->valuestring);
		jw_array_end(&w);
		jw_kv_string(&w, "who", "roles");
		cJSON_Delete(roles);
	}
	jw_object_end(&w);
	*json = buf_take(&b);
	return 0;
}

char *training_audience_label(const char *json)
{
	cJSON *j = cJSON_Parse(json ? json : "");
	const cJSON *who = cJSON_GetObjectItemCaseSensitive(j, "who");
	const cJSON *roles = cJSON_GetObjectItemCaseSensitive(j, "roles");
	struct buf b = BUF_INIT;
	if (cJSON_IsString(who) && strcmp(who->valuestring, "all") == 0)
		buf_puts(&b, "全職員");
	else if (cJSON_IsString(who) && strcmp(who->valuestring, "new_hires") == 0)
		buf_puts(&b, "新規採用者");
	else if (cJSON_IsArray(roles))
		for (int i = 0; i < cJSON_GetArraySize(roles); i++) {
			const cJSON *r = cJSON_GetArrayItem(roles, i);
			if (cJSON_IsString(r))
				buf_printf(&b, "%s%s", i ? "・" : "", vocab_label(&vocab_role, r->valuestring));
		}
	cJSON_Delete(j);
	return buf_take(&b);
}

static char *audience_field(const char *json, const char *key)
{
	cJSON *j = cJSON_Parse(json ? json : "");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
	char *out = xstrdup(cJSON_IsString(v) ? v->valuestring : "");
	cJSON_Delete(j);
	return out;
}

int training_course_for_new_hires(const struct training_course *c)
{
	char *who = audience_field(c->audience, "who");
	int yes = strcmp(who, "new_hires") == 0;
	free(who);
	return yes;
}

char *training_course_method(const struct training_course *c)
{
	return audience_field(c->audience, "method");
}

/* ---- permissions ---- */

static int holds_any(const struct role_assignments *roles, long long id, const char *const *which)
{
	for (int i = 0; which[i]; i++)
		if (case_role_held(roles, id, which[i], 0, 0))
			return 1;
	return 0;
}

int training_may(const struct role_assignments *roles, long long staff_id, enum training_act act)
{
	static const char *const manage[] = {"ciso", "deputy_ciso", "chief_officer", NULL};
	static const char *const approve[] = {"committee", "ciso", NULL};
	static const char *const report[] = {"ciso", "deputy_ciso", NULL};
	switch (act) {
	case TRAINING_MANAGE:
		return holds_any(roles, staff_id, manage);
	case TRAINING_APPROVE:
		return holds_any(roles, staff_id, approve);
	case TRAINING_REPORT:
		return holds_any(roles, staff_id, report);
	}
	return 0;
}

int training_may_record(const struct role_assignments *roles, long long staff_id, long long attendee_unit_id)
{
	return training_may(roles, staff_id, TRAINING_MANAGE) ||
	       (attendee_unit_id && case_role_held(roles, staff_id, "manager", attendee_unit_id, 0));
}

int training_actor(struct db *db, const char *actor_no, enum training_act act, struct staff *s, struct err *e)
{
	static const char *const needs[] = {
		[TRAINING_MANAGE] = "CISO、副CISO または統括情報セキュリティ責任者",
		[TRAINING_APPROVE] = "情報セキュリティ委員会の委員または CISO",
		[TRAINING_REPORT] = "CISO または副CISO",
	};
	struct role_assignments roles;
	if (staff_current(db, actor_no, "操作者", "--as 職員番号", s, e))
		return e->code;
	if (role_load(db, 1, &roles, e)) {
		staff_free(s);
		return e->code;
	}
	int ok = training_may(&roles, s->id, act);
	role_assignments_free(&roles);
	if (!ok) {
		err_set(e, ERR_INPUT, "%s（%s）にはこの操作の権限がありません（%sが行います）", s->name, s->staff_no,
			needs[act]);
		staff_free(s);
		return e->code;
	}
	return 0;
}

/* ---- writing courses ---- */

static int put_course(struct tx *tx, const struct training_course *c, int insert, const char *kind,
		      struct err *e)
{
	struct row r;
	row_init(&r, "training_course");
	row_text(&r, "audience", c->audience);
	row_text(&r, "code", c->code);
	row_text(&r, "created_at", c->created_at);
	row_text(&r, "description", c->description);
	row_int(&r, "id", c->id);
	row_text(&r, "kind", c->kind);
	if (c->has_pass_mark)
		row_int(&r, "pass_mark", c->pass_mark);
	row_text(&r, "retired_on", c->retired_on);
	row_text(&r, "title", c->title);
	return tx_put_row(tx, kind, &r, insert, e);
}

static int check_code(const char *code, struct err *e)
{
	if (!code || !*code)
		return err_set(e, ERR_INPUT, "研修のコードを指定してください（--code）");
	if (strlen(code) > 32)
		return err_set(e, ERR_INPUT, "研修のコード「%s」は32文字以内にしてください", code);
	for (const char *p = code; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      *p == '-' || *p == '_'))
			return err_set(e, ERR_INPUT, "研修のコード「%s」には英数字、- と _ だけを使ってください", code);
	return 0;
}

static int parse_pass_mark(const char *text, struct training_course *c, struct err *e)
{
	if (!text || !*text)
		return 0;
	char *end;
	long v = strtol(text, &end, 10);
	if (end == text || *end || v < 0 || v > 100)
		return err_set(e, ERR_INPUT, "合格点「%s」は 0 から 100 の整数で指定してください（--pass-mark）", text);
	c->has_pass_mark = 1;
	c->pass_mark = (int)v;
	return 0;
}

/* is_new: the code must not be taken yet (an edit keeps its code). */
static int fill_course(struct db *db, const struct training_course_input *in, struct training_course *c, int is_new,
		       struct err *e)
{
	int exists = 0;
	struct training_courses all;
	if (check_code(in->code, e))
		return e->code;
	if (!in->title || !*in->title)
		return err_set(e, ERR_INPUT, "研修の名称を指定してください（--title）");
	const char *kind = in->kind && *in->kind ? in->kind : "course";
	if (strcmp(kind, "研修") == 0)
		kind = "course";
	else if (strcmp(kind, "訓練") == 0 || strcmp(kind, "緊急時対応訓練") == 0)
		kind = "drill";
	if (strcmp(kind, "course") != 0 && strcmp(kind, "drill") != 0)
		return err_set(e, ERR_INPUT, "研修の種類「%s」は course（研修）か drill（緊急時対応訓練）です（--kind）", kind);
	if (training_courses_load(db, &all, e))
		return e->code;
	exists = training_course_by_code(&all, in->code) != NULL;
	training_courses_free(&all);
	if (exists && is_new)
		return err_set(e, ERR_INPUT, "研修のコード「%s」は既に使われています", in->code);
	if (parse_pass_mark(in->pass_mark, c, e))
		return e->code;
	const char *method = in->method;
	if ((!method || !*method) && strcmp(kind, "drill") == 0)
		method = "drill";
	if (training_audience_parse(in->audience ? in->audience : "all", method, &c->audience, e))
		return err_prefix(e, "対象（--audience）");
	c->code = xstrdup(in->code);
	c->title = xstrdup(in->title);
	c->kind = xstrdup(kind);
	c->description = in->description && *in->description ? xstrdup(in->description) : NULL;
	return 0;
}

int training_course_add(struct tx *tx, const char *actor_no, const struct training_course_input *in,
			long long *id, struct err *e)
{
	struct staff who;
	struct training_course c = {0};
	if (training_actor(tx->db, actor_no, TRAINING_MANAGE, &who, e))
		return e->code;
	staff_free(&who);
	int rc = fill_course(tx->db, in, &c, 1, e);
	if (!rc)
		rc = tx_next_id(tx, "training_course", &c.id, e);
	if (!rc) {
		c.created_at = xstrdup(tx->at);
		rc = put_course(tx, &c, 1, "training.course.add", e);
	}
	if (!rc && id)
		*id = c.id;
	course_free(&c);
	return rc;
}

int training_course_update(struct tx *tx, const char *actor_no, const struct training_course_input *in,
			   struct err *e)
{
	struct staff who;
	struct training_courses all;
	struct training_course c = {0};
	if (training_actor(tx->db, actor_no, TRAINING_MANAGE, &who, e))
		return e->code;
	staff_free(&who);
	if (training_courses_load(tx->db, &all, e))
		return e->code;
	const struct training_course *old = training_course_by_code(&all, in->code);
	int rc = 0;
	if (!old)
		rc = err_set(e, ERR_INPUT, "研修のコード「%s」はありません", in->code ? in->code : "");
	else if (old->retired_on)
		rc = err_set(e, ERR_INPUT, "研修「%s」は %s に廃止済みです。変更はできません", old->title, old->retired_on);
	if (!rc)
		rc = fill_course(tx->db, in, &c, 0, e);
	/* the drill rule counts past sessions by their course's kind */
	if (!rc && strcmp(c.kind, old->kind) != 0)
		rc = err_set(e, ERR_INPUT, "研修と緊急時対応訓練の種類は変えられません（新しいコードで登録してください）");
	if (!rc) {
		c.id = old->id;
		c.created_at = xstrdup(old->created_at);
		rc = put_course(tx, &c, 0, "training.course.update", e);
	}
	course_free(&c);
	training_courses_free(&all);
	return rc;
}

int training_course_retire(struct tx *tx, const char *actor_no, const char *code, const char *date,
			   struct err *e)
{
	struct staff who;
	struct training_courses all;
	char day[11];
	if (training_actor(tx->db, actor_no, TRAINING_MANAGE, &who, e))
		return e->code;
	staff_free(&who);
	if (date && *date) {
		if (date_parse(date, day, e))
			return err_prefix(e, "廃止日");
	} else {
		time_today(day);
	}
	if (training_courses_load(tx->db, &all, e))
		return e->code;
	int rc = 0;
	struct training_course *c = (struct training_course *)training_course_by_code(&all, code);
	if (!c)
		rc = err_set(e, ERR_INPUT, "研修のコード「%s」はありません", code ? code : "");
	else if (c->retired_on)
		rc = err_set(e, ERR_INPUT, "研修「%s」は %s に廃止済みです", c->title, c->retired_on);
	if (!rc) {
		c->retired_on = xstrdup(day);
		rc = put_course(tx, c, 0, "training.course.retire", e);
	}
	training_courses_free(&all);
	return rc;
}
