/*
 * profile.c — the municipality's choices (profile.h): defaults by kind of
 * municipality, validation of every change, and storage as one journaled row.
 */
#include "core/profile.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/rows.h"
#include "core/vocab.h"
#include "store/tx.h"
#include "util/json.h"
#include "util/smtp.h"

/* Sorted by key: the stored JSON lists them in this order (canonical). */
const struct profile_param profile_params[] = {
	{"backup_interval_days", "バックアップの取得間隔", "日", 1, 31, 1, "6.1.2"},
	{"exception_report_days", "緊急時の例外措置を CISO へ報告するまでの日数", "日", 1, 30, 3, "7.4.2"},
	{"idle_lock_minutes", "無操作で接続を切るまでの時間", "分", 1, 120, 15, "6.2.4"},
	{"lockout_attempts", "ログイン試行の上限回数", "回", 3, 20, 5, "6.2.4"},
	{"log_retention_months", "ログの保存期間", "か月", 1, 120, 12, "6.1.6.2"},
	{"password_min_length", "パスワードの最小文字数", "文字", 8, 64, 12, "5.4.3.3"},
	{"recovery_hours", "可用性2の情報資産を復旧する時間（指定する時間）", "時間", 1, 720, 24, "2.1"},
};
const size_t profile_nparams = sizeof profile_params / sizeof profile_params[0];

/* Sorted by role id, for the same reason. */
const char *const profile_post_roles[] = {
	"advisor", "audit_lead", "chief_officer", "ciso", "csirt_lead",
	"deputy_ciso", "manager", "officer", "system_admin", "system_staff",
};
const size_t profile_npost_roles = sizeof profile_post_roles / sizeof profile_post_roles[0];

const char *const profile_models[] = {"alpha", "beta", "beta_prime"};
const char *const profile_model_labels[] = {"αモデル", "βモデル", "β′モデル"};
const size_t profile_nmodels = sizeof profile_models / sizeof profile_models[0];

/* What the 例文 writes for a 市, with the head of the municipality filled in. */
static char *default_post(const char *role, const char *head)
{
	static const struct {
		const char *role, *post;
	} posts[] = {
		{"chief_officer", "情報政策担当部長"},
		{"officer", "各部局等の長（内部部局の長、行政委員会の事務局長、消防長及び地方公営企業の局長）"},
		{"manager", "各課室等の長（出先機関の長を含む。）"},
		{"system_admin", "各情報システムを所管する課室等の長"},
		{"system_staff", "情報システム管理者の指示を受けて情報システムの開発、設定の変更、運用等を行う職員"},
		{"csirt_lead", "CISOが指名する職員"},
		{"audit_lead", "CISOが指名する職員"},
	};
	if (strcmp(role, "ciso") == 0)
		return xasprintf("副%s", head);
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++)
		if (strcmp(posts[i].role, role) == 0)
			return xstrdup(posts[i].post);
	return xstrdup(""); /* 副CISO and the adviser are set up only when needed */
}

/* 市長 → 副市長 …; a 都道府県 is headed by its 知事. */
static const char *head_of(const char *kind)
{
	static const char *const heads[][2] = {
		{"city", "市長"}, {"town", "町長"}, {"village", "村長"}, {"special_ward", "区長"},
		{"prefecture", "知事"},
	};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		if (strcmp(heads[i][0], kind) == 0)
			return heads[i][1];
	return "市長";
}

/* How the documents refer to the municipality itself: 本市, 本町, 本都, 本県 … */
static char *self_reference(const char *kind, const char *name)
{
	if (strcmp(kind, "prefecture") != 0) {
		const char *label = vocab_label(&vocab_municipality_kind, kind);
		return xasprintf("本%s", strcmp(kind, "special_ward") == 0 ? "区" : label);
	}
	static const char *const ends[] = {"都", "道", "府"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t k = strlen(ends[i]);
		if (n >= k && strcmp(name + n - k, ends[i]) == 0)
			return xasprintf("本%s", ends[i]);
	}
	return xstrdup("本県");
}

static size_t post_index(const char *role)
{
	for (size_t i = 0; i < profile_npost_roles; i++)
		if (strcmp(profile_post_roles[i], role) == 0)
			return i;
	return profile_npost_roles;
}

static size_t param_index(const char *key)
{
	for (size_t i = 0; i < profile_nparams; i++)
		if (strcmp(profile_params[i].key, key) == 0)
			return i;
	return profile_nparams;
}

static void set_defaults(struct profile *p)
{
	const char *head = head_of(p->kind);
	p->posts = xcalloc(profile_npost_roles, sizeof *p->posts);
	for (size_t i = 0; i < profile_npost_roles; i++)
		p->posts[i] = default_post(profile_post_roles[i], head);
	p->params = xcalloc(profile_nparams, sizeof *p->params);
	for (size_t i = 0; i < profile_nparams; i++)
		p->params[i] = profile_params[i].def;
	p->model = 0;
	p->smtp_relay = xstrdup("");
	p->mail_from = xstrdup("");
	p->base_url = xstrdup("");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fills p from stored settings; keys it lacks keep their defaults. */
static int read_settings(struct profile *p, const char *json, struct err *e)
{
	cJSON *root = cJSON_Parse(json);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return err_set(e, ERR_INPUT, "プロファイル（profile 表）の設定が JSON として読めません");
	}
	const cJSON *x;
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(root, "posts"))
	{
		size_t i = post_index(x->string);
		if (i < profile_npost_roles && cJSON_IsString(x)) {
			free(p->posts[i]);
			p->posts[i] = xstrdup(x->valuestring);
		}
	}
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(root, "params"))
	{
		size_t i = param_index(x->string);
		if (i < profile_nparams && cJSON_IsNumber(x))
			p->params[i] = (long long)x->valuedouble;
	}
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
	for (size_t i = 0; cJSON_IsString(model) && i < profile_nmodels; i++)
		if (strcmp(model->valuestring, profile_models[i]) == 0)
			p->model = i;
	const cJSON *pub = cJSON_GetObjectItemCaseSensitive(root, "public_incident_report");
	p->public_incident_report = cJSON_IsString(pub) && strcmp(pub->valuestring, "yes") == 0;
	const cJSON *relay = cJSON_GetObjectItemCaseSensitive(root, "smtp_relay");
	const cJSON *from = cJSON_GetObjectItemCaseSensitive(root, "mail_from");
	if (cJSON_IsString(relay)) {
		free(p->smtp_relay);
		p->smtp_relay = xstrdup(relay->valuestring);
	}
	if (cJSON_IsString(from)) {
		free(p->mail_from);
		p->mail_from = xstrdup(from->valuestring);
	}
	const cJSON *base = cJSON_GetObjectItemCaseSensitive(root, "base_url");
	if (cJSON_IsString(base)) {
		free(p->base_url);
		p->base_url = xstrdup(base->valuestring);
	}
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(root, "adopted"))
	{
		if (!cJSON_IsString(x))
			continue;
		p->adopted = xrealloc(p->adopted, (p->nadopted + 1) * sizeof *p->adopted);
		p->adopted[p->nadopted++] = xstrdup(x->valuestring);
	}
	if (p->nadopted)
		qsort(p->adopted, p->nadopted, sizeof *p->adopted, cmp_str);
	cJSON_Delete(root);
	return 0;
}

int profile_load(struct db *db, struct profile *p, struct err *e)
{
	struct municipality m;
	int found;
	memset(p, 0, sizeof *p);
	if (municipality_get(db, &m, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "団体が登録されていません（mamori init で作成してください）");
	p->name = m.name;
	p->kind = m.kind;
	free(m.code);
	p->self = self_reference(p->kind, p->name);
	set_defaults(p);

	struct db_stmt *st;
	if (db_prepare(db, "SELECT version, settings FROM profile WHERE id = 1", &st, e))
		goto fail;
	enum db_step_result r = db_step(st, e);
	char *settings = r == DB_ROW ? col_dup(st, 1) : NULL;
	if (r == DB_ROW)
		p->version = col_id(st, 0);
	db_finalize(st);
	if (r == DB_ERROR)
		goto fail;
	int rc = settings ? read_settings(p, settings, e) : 0;
	free(settings);
	if (rc)
		goto fail;
	return 0;
fail:
	profile_free(p);
	return e->code;
}

void profile_free(struct profile *p)
{
	for (size_t i = 0; p->posts && i < profile_npost_roles; i++)
		free(p->posts[i]);
	for (size_t i = 0; i < p->nadopted; i++)
		free(p->adopted[i]);
	free(p->posts);
	free(p->params);
	free(p->adopted);
	free(p->name);
	free(p->kind);
	free(p->self);
	free(p->smtp_relay);
	free(p->mail_from);
	free(p->base_url);
	memset(p, 0, sizeof *p);
}

void profile_settings_json(const struct profile *p, struct buf *b)
{
	struct json_writer w;
	jw_init(&w, b);
	jw_object_begin(&w);
	jw_key(&w, "adopted");
	jw_array_begin(&w);
	for (size_t i = 0; i < p->nadopted; i++)
		jw_string(&w, p->adopted[i]);
	jw_array_end(&w);
	/* only when set, so profiles stored before the setting existed keep their bytes */
	if (p->base_url && *p->base_url)
		jw_kv_string(&w, "base_url", p->base_url);
	jw_kv_string(&w, "mail_from", p->mail_from ? p->mail_from : "");
	jw_kv_string(&w, "model", profile_models[p->model]);
	jw_key(&w, "params");
	jw_object_begin(&w);
	for (size_t i = 0; i < profile_nparams; i++)
		jw_kv_int(&w, profile_params[i].key, p->params[i]);
	jw_object_end(&w);
	jw_key(&w, "posts");
	jw_object_begin(&w);
	for (size_t i = 0; i < profile_npost_roles; i++)
		jw_kv_string(&w, profile_post_roles[i], p->posts[i]);
	jw_object_end(&w);
	jw_kv_string(&w, "public_incident_report", p->public_incident_report ? "yes" : "no");
	jw_kv_string(&w, "smtp_relay", p->smtp_relay ? p->smtp_relay : "");
	jw_object_end(&w);
}

int profile_save(struct tx *tx, struct profile *p, const char *kind, struct err *e)
{
	struct buf settings = BUF_INIT;
	profile_settings_json(p, &settings);
	struct row r;
	row_init(&r, "profile");
	row_int(&r, "id", 1);
	row_int(&r, "version", p->version + 1);
	row_text(&r, "settings", buf_str(&settings));
	int rc = tx_put_row(tx, kind, &r, p->version == 0, e);
	buf_free(&settings);
	if (!rc)
		p->version++;
	return rc;
}

static int set_model(struct profile *p, const char *value, struct err *e)
{
	for (size_t i = 0; i < profile_nmodels; i++) {
		if (strcmp(value, profile_models[i]) == 0 || strcmp(value, profile_model_labels[i]) == 0) {
			p->model = i;
			return 0;
		}
	}
	return err_set(e, ERR_INPUT, "model は alpha、beta、beta_prime（αモデル、βモデル、β′モデル）のいずれかです（「%s」は使えません）",
		       value);
}

/* A switch: yes|no (はい|いいえ). */
static int set_yes_no(int *out, const char *key, const char *value, struct err *e)
{
	if (strcmp(value, "yes") == 0 || strcmp(value, "はい") == 0)
		*out = 1;
	else if (strcmp(value, "no") == 0 || strcmp(value, "いいえ") == 0)
		*out = 0;
	else
		return err_set(e, ERR_INPUT, "%s は yes か no（はい・いいえ）で指定してください（「%s」は使えません）", key, value);
	return 0;
}

static int set_param(struct profile *p, size_t i, const char *value, struct err *e)
{
	const struct profile_param *d = &profile_params[i];
	char *end;
	errno = 0;
	long long v = strtoll(value, &end, 10);
	if (errno || end == value || *end || v < d->min || v > d->max)
		return err_set(e, ERR_INPUT, "%s（%s）は %lld〜%lld の整数（単位: %s）で指定してください（「%s」は使えません）",
			       d->key, d->label, d->min, d->max, d->unit, value);
	p->params[i] = v;
	return 0;
}

/* smtp_relay and mail_from: "" switches mail off; anything else must be a
 * relay smtp_send can reach or an address it can send from. */
static int set_mail(struct profile *p, const char *key, const char *value, struct err *e)
{
	int relay = strcmp(key, "smtp_relay") == 0;
	if (*value && relay) {
		struct smtp_relay r;
		if (smtp_relay_parse(value, &r, e))
			return e->code;
		smtp_relay_free(&r);
	} else if (*value && smtp_address_check(value, "差出人（mail_from）", e)) {
		return e->code;
	}
	char **slot = relay ? &p->smtp_relay : &p->mail_from;
	free(*slot);
	*slot = xstrdup(value);
	return 0;
}

/* base_url: "" (not set) or http(s)://host[:port][/path] without spaces,
 * quotes or angle brackets; a trailing / is dropped so links join cleanly. */
static int set_base_url(struct profile *p, const char *value, struct err *e)
{
	size_t n = strlen(value);
	if (*value && ((strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0) || n < 10 ||
		       n > 500 || strpbrk(value, " \t\r\n\"'<>")))
		return err_set(e, ERR_INPUT,
			       "base_url は https://… の形（例: https://mamori.city.example.lg.jp）で指定してください（「%s」は使えません）",
			       value);
	while (n && value[n - 1] == '/')
		n--;
	free(p->base_url);
	p->base_url = xstrndup(value, n);
	return 0;
}

char *profile_base_url(struct db *db)
{
	struct profile p;
	struct err e = {0};
	if (profile_load(db, &p, &e))
		return NULL;
	char *url = p.base_url && *p.base_url ? xstrdup(p.base_url) : NULL;
	profile_free(&p);
	return url;
}

int profile_set(struct profile *p, const char *key, const char *value, struct err *e)
{
	if (strncmp(key, "post.", 5) == 0) {
		size_t i = post_index(key + 5);
		if (i == profile_npost_roles) {
			struct buf roles = BUF_INIT;
			for (size_t k = 0; k < profile_npost_roles; k++)
				buf_printf(&roles, "%s%s", k ? "、" : "", profile_post_roles[k]);
			err_set(e, ERR_INPUT, "役割「%s」には充て職を設定できません（%s）", key + 5, buf_str(&roles));
			buf_free(&roles);
			return e->code;
		}
		free(p->posts[i]);
		p->posts[i] = xstrdup(value);
		return 0;
	}
	if (strcmp(key, "model") == 0)
		return set_model(p, value, e);
	if (strcmp(key, "public_incident_report") == 0)
		return set_yes_no(&p->public_incident_report, key, value, e);
	if (strcmp(key, "smtp_relay") == 0 || strcmp(key, "mail_from") == 0)
		return set_mail(p, key, value, e);
	if (strcmp(key, "base_url") == 0)
		return set_base_url(p, value, e);
	size_t i = param_index(key);
	if (i < profile_nparams)
		return set_param(p, i, value, e);
	return err_set(e, ERR_INPUT, "設定項目「%s」はありません（post.役割、model、public_incident_report、smtp_relay、mail_from、base_url、または mamori profile show に並ぶ項目）", key);
}

static char **find_adopted(const struct profile *p, const char *id)
{
	return p->nadopted ? bsearch(&id, p->adopted, p->nadopted, sizeof *p->adopted, cmp_str) : NULL;
}

int profile_is_adopted(const struct profile *p, const char *id)
{
	return find_adopted(p, id) != NULL;
}

int profile_adopt(struct profile *p, const struct catalog *cat, const char *id, int adopt,
		  struct err *e)
{
	const struct catalog_entry *en = catalog_find(cat, id);
	if (!en)
		return err_set(e, ERR_INPUT, "条項「%s」はカタログにありません", id);
	if (strcmp(en->strength, "recommended") != 0)
		return err_set(e, ERR_INPUT, "条項 %s（%s）は推奨事項ではありません（採否を選べるのは推奨事項だけです）", id,
			       en->title);
	char **at = find_adopted(p, id);
	if (adopt && !at) {
		p->adopted = xrealloc(p->adopted, (p->nadopted + 1) * sizeof *p->adopted);
		p->adopted[p->nadopted++] = xstrdup(id);
		qsort(p->adopted, p->nadopted, sizeof *p->adopted, cmp_str);
	} else if (!adopt && at) {
		free(*at);
		size_t k = (size_t)(at - p->adopted);
		memmove(at, at + 1, (p->nadopted - k - 1) * sizeof *at);
		p->nadopted--;
	}
	return 0;
}

int profile_applies(const struct profile *p, const struct catalog_entry *en)
{
	return strcmp(en->strength, "recommended") != 0 || profile_is_adopted(p, en->id);
}

const char *profile_post(const struct profile *p, const char *role)
{
	size_t i = post_index(role);
	return i < profile_npost_roles ? p->posts[i] : "";
}

const struct profile_param *profile_param_def(const char *key)
{
	size_t i = param_index(key);
	return i < profile_nparams ? &profile_params[i] : NULL;
}

long long profile_param(const struct profile *p, const char *key)
{
	size_t i = param_index(key);
	return i < profile_nparams ? p->params[i] : 0;
}

void profile_json(const struct profile *p, struct buf *out)
{
	struct json_writer w;
	struct buf settings = BUF_INIT;
	profile_settings_json(p, &settings);
	jw_init(&w, out);
	jw_object_begin(&w);
	jw_kv_string(&w, "kind", p->kind);
	jw_kv_string(&w, "name", p->name);
	jw_kv_string(&w, "self", p->self);
	jw_key(&w, "settings");
	jw_raw(&w, buf_str(&settings));
	jw_kv_int(&w, "version", p->version);
	jw_object_end(&w);
	buf_free(&settings);
}
