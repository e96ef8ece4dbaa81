/*
 * incident.c — intake (第一報) and loading of incidents (incident.h).
 * The steps of the state machine are in incident_step.c, notifications in
 * incident_notify.c, lists and report data in incident_io.c.
 */
#include "core/incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/asset.h"
#include "core/classification.h"
#include "core/case_event.h"
#include "core/case_util.h"
#include "core/incident_internal.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/timeutil.h"

static const struct incident_category categories[] = {
	{"malware", "マルウェア感染", 1, 0},
	{"unauthorized_access", "不正アクセス", 1, 1},
	{"leak", "情報漏えい", 0, 0},
	{"loss_theft", "紛失・盗難", 0, 1},
	{"misdelivery", "誤送信", 0, 0},
	{"outage", "サービス停止", 0, 0},
	{"disaster", "災害", 0, 0},
	{"other", "その他", 0, 0},
};

const struct incident_category *incident_categories(size_t *n)
{
	*n = sizeof categories / sizeof categories[0];
	return categories;
}

const struct incident_category *incident_category_find(const char *s)
{
	for (size_t i = 0; s && i < sizeof categories / sizeof categories[0]; i++)
		if (strcmp(categories[i].id, s) == 0 || strcmp(categories[i].label, s) == 0)
			return &categories[i];
	return NULL;
}

static const struct {
	const char *id, *label;
} states[] = {
	{"received", "受付"},        {"responding", "対応中"}, {"investigating", "原因究明"},
	{"prevention", "再発防止策"}, {"closed", "完了"},     {"not_incident", "非該当"},
};

const char *incident_state_label(const char *state)
{
	for (size_t i = 0; state && i < sizeof states / sizeof states[0]; i++)
		if (strcmp(states[i].id, state) == 0)
			return states[i].label;
	return state ? state : "";
}

/* Accepts a state id or its label; NULL if neither. */
const char *incident_state_id(const char *s)
{
	for (size_t i = 0; s && i < sizeof states / sizeof states[0]; i++)
		if (strcmp(states[i].id, s) == 0 || strcmp(states[i].label, s) == 0)
			return states[i].id;
	return NULL;
}

const char *incident_state_id_public(const char *s)
{
	return incident_state_id(s);
}

static const struct {
	const char *id, *label;
} severities[] = {{"high", "高"}, {"medium", "中"}, {"low", "低"}};

const char *incident_severity_label(const char *sev)
{
	for (size_t i = 0; sev && i < 3; i++)
		if (strcmp(severities[i].id, sev) == 0)
			return severities[i].label;
	return sev ? sev : "未評価";
}

const char *incident_severity_id(const char *s)
{
	for (size_t i = 0; s && i < 3; i++)
		if (strcmp(severities[i].id, s) == 0 || strcmp(severities[i].label, s) == 0)
			return severities[i].id;
	return NULL;
}

int incident_severity_rank(const char *sev)
{
	if (!sev)
		return 0;
	return strcmp(sev, "high") == 0 ? 3 : strcmp(sev, "medium") == 0 ? 2 : 1;
}

/* ---- time ---- */

static int parse_utc(const char *s, struct tm *tm)
{
	memset(tm, 0, sizeof *tm);
	if (!s || strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z')
		return -1;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm->tm_year, &tm->tm_mon, &tm->tm_mday,
		   &tm->tm_hour, &tm->tm_min, &tm->tm_sec) != 6)
		return -1;
	tm->tm_year -= 1900;
	tm->tm_mon -= 1;
	return 0;
}

int incident_time_add_hours(const char *rfc3339, int hours, char out[32])
{
	struct tm tm;
	if (parse_utc(rfc3339, &tm))
		return -1;
	time_t t = timegm(&tm) + (time_t)hours * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

/* An instant as typed: RFC 3339 UTC, or "YYYY-MM-DD HH:MM" read as JST. */
static int parse_detected(const char *in, char out[32], struct err *e)
{
	struct tm tm;
	if (!parse_utc(in, &tm)) {
		snprintf(out, 32, "%s", in);
		return 0;
	}
	memset(&tm, 0, sizeof tm);
	if (sscanf(in, "%4d-%2d-%2d %2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min) == 5) {
		char ymd[11];
		snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", tm.tm_year, tm.tm_mon, tm.tm_mday);
		if (date_valid(ymd) && tm.tm_hour < 24 && tm.tm_min < 60) {
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			time_t t = timegm(&tm) - 9 * 3600;
			gmtime_r(&t, &tm);
			strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
			return 0;
		}
	}
	return err_set(e, ERR_INPUT, "検知日時「%s」を読めません（例: 2026-06-01 09:30 または 2026-06-01T00:30:00Z）", in);
}

/* ---- loading ---- */

#define INCIDENT_COLUMNS                                                                       \
	"id, incident_no, title, category, source, severity, state, is_incident, detected_at,"   \
	" reported_at, closed_at, reporter_id, unit_id, reporter_name, reporter_contact,"        \
	" situation, cause, damage, record"

static void read_incident(struct db_stmt *st, struct incident *i)
{
	i->id = db_column_int(st, 0);
	i->incident_no = col_dup(st, 1);
	i->title = col_dup(st, 2);
	i->category = col_dup(st, 3);
	i->source = col_dup(st, 4);
	i->severity = col_dup(st, 5);
	i->state = col_dup(st, 6);
	i->is_incident = db_column_is_null(st, 7) ? -1 : (int)db_column_int(st, 7);
	i->detected_at = col_dup(st, 8);
	i->reported_at = col_dup(st, 9);
	i->closed_at = col_dup(st, 10);
	i->reporter_id = col_id(st, 11);
	i->unit_id = col_id(st, 12);
	i->reporter_name = col_dup(st, 13);
	i->reporter_contact = col_dup(st, 14);
	i->situation = col_dup(st, 15);
	i->cause = col_dup(st, 16);
	i->damage = col_dup(st, 17);
	i->record = col_dup(st, 18);
}

void incident_free(struct incident *i)
{
	char *f[] = {i->incident_no, i->title, i->category, i->source, i->severity, i->state,
		     i->detected_at, i->reported_at, i->closed_at, i->reporter_name,
		     i->reporter_contact, i->situation, i->cause, i->damage, i->record};
	for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
		free(f[k]);
	memset(i, 0, sizeof *i);
}

int incident_load(struct db *db, const char *no, struct incident *out, struct err *e)
{
	struct db_stmt *st;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, "SELECT " INCIDENT_COLUMNS " FROM incident WHERE incident_no = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, no);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		read_incident(st, out);
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (r != DB_ROW)
		return err_set(e, ERR_INPUT, "インシデント番号「%s」はありません", no ? no : "");
	return 0;
}

void incident_row_of(const struct incident *i, struct row *r)
{
	row_init(r, "incident");
	row_int(r, "id", i->id);
	row_text(r, "incident_no", i->incident_no);
	row_text(r, "title", i->title);
	row_text(r, "category", i->category);
	row_text(r, "source", i->source);
	row_text(r, "severity", i->severity);
	row_text(r, "state", i->state);
	if (i->is_incident >= 0)
		row_int(r, "is_incident", i->is_incident);
	row_text(r, "detected_at", i->detected_at);
	row_text(r, "reported_at", i->reported_at);
	row_text(r, "closed_at", i->closed_at);
	row_id_ref(r, "reporter_id", i->reporter_id);
	row_id_ref(r, "unit_id", i->unit_id);
	row_text(r, "reporter_name", i->reporter_name);
	row_text(r, "reporter_contact", i->reporter_contact);
	row_text(r, "situation", i->situation);
	row_text(r, "cause", i->cause);
	row_text(r, "damage", i->damage);
	row_text(r, "record", i->record);
}

int incident_put(struct tx *tx, const struct incident *i, int insert, const char *kind, struct err *e)
{
	struct row r;
	incident_row_of(i, &r);
	return tx_put_row(tx, kind, &r, insert, e);
}

/* ---- intake ---- */

static int check_source(const struct incident_new *in, const char **source, struct err *e)
{
	*source = in->source && *in->source ? in->source : "staff";
	if (strcmp(*source, "staff") == 0) {
		if (!in->actor_no)
			return err_set(e, ERR_INPUT, "職員からの報告は --as 職員番号 で報告者を指定してください");
		return 0;
	}
	if (strcmp(*source, "resident") != 0 && strcmp(*source, "external") != 0 &&
	    strcmp(*source, "nisc") != 0)
		return err_set(e, ERR_INPUT, "報告元「%s」は staff / resident / external / nisc のいずれかです", *source);
	if (strcmp(*source, "nisc") != 0 && (!in->reporter_name || !*in->reporter_name))
		return err_set(e, ERR_INPUT, "住民・外部からの報告には報告者の氏名（--reporter-name）が必要です");
	return 0;
}

int incident_add_target(struct tx *tx, long long incident_id, long long asset_id, long long system_id,
			struct err *e)
{
	long long id;
	struct row r;
	if (tx_next_id(tx, "incident_target", &id, e))
		return e->code;
	row_init(&r, "incident_target");
	row_int(&r, "id", id);
	row_int(&r, "incident_id", incident_id);
	row_id_ref(&r, "asset_id", asset_id);
	row_id_ref(&r, "system_id", system_id);
	return tx_put_row(tx, "incident.target", &r, 1, e);
}

/* Resolves every 資産番号 and システムコード before anything is written. */
int incident_resolve_targets(struct db *db, const struct incident_new *in, long long *asset_ids,
			     long long *system_ids, long long *first_unit, struct err *e)
{
	for (int k = 0; k < in->nassets; k++) {
		struct asset a;
		int found;
		if (asset_find(db, in->assets[k], 0, &a, &found, e))
			return e->code;
		if (!found)
			return err_set(e, ERR_INPUT, "資産番号「%s」は登録されていません", in->assets[k]);
		asset_ids[k] = a.id;
		if (!*first_unit)
			*first_unit = a.unit_id;
		asset_free(&a);
	}
	if (in->nsystems == 0)
		return 0;
	struct info_systems systems;
	if (infosys_load(db, &systems, e))
		return e->code;
	int rc = 0;
	for (int k = 0; !rc && k < in->nsystems; k++) {
		const struct info_system *s = infosys_by_code(&systems, in->systems[k]);
		if (!s)
			rc = err_set(e, ERR_INPUT, "システムコード「%s」は登録されていません", in->systems[k]);
		else {
			system_ids[k] = s->id;
			if (!*first_unit)
				*first_unit = s->unit_id;
		}
	}
	infosys_free(&systems);
	return rc;
}

/* The 課 it happened in: given, else the reporter's, else the first target's. */
static int resolve_unit(struct db *db, const char *text, long long fallback, long long *unit_id,
			struct err *e)
{
	struct org_units units;
	if (org_units_load(db, &units, e))
		return e->code;
	int rc = 0;
	if (text && *text) {
		const struct org_unit *u = NULL;
		rc = org_unit_resolve(&units, text, &u, e);
		*unit_id = rc ? 0 : u->id;
	} else {
		const struct org_unit *s = org_unit_up_to_tier(&units, fallback, TIER_SECTION);
		*unit_id = s ? s->id : fallback;
	}
	org_units_free(&units);
	return rc;
}

/* Without an explicit severity: what the targets expose. */
static const char *derived_severity(const struct incident_exposure *x)
{
	if (x->max_confidentiality >= 3 || x->personal >= 2)
		return "high";
	if (x->max_confidentiality == 2 || x->personal == 1)
		return "medium";
	return "low";
}

/* The other modules a report may arise from: the origin's prefix and the
 * query that finds the record it names. */
static const struct {
	const char *prefix, *sql;
} origins[] = {
	{"request:", "SELECT COUNT(*) FROM request WHERE request_no = ?"},
	{"violation:", "SELECT COUNT(*) FROM violation WHERE violation_no = ?"},
};

/* ERR_INPUT unless origin names an existing request or violation. */
static int check_origin(struct db *db, const char *origin, struct err *e)
{
	for (size_t k = 0; k < sizeof origins / sizeof origins[0]; k++) {
		size_t n = strlen(origins[k].prefix);
		if (strncmp(origin, origins[k].prefix, n) != 0)
			continue;
		struct db_stmt *st;
		if (db_prepare(db, origins[k].sql, &st, e))
			return e->code;
		db_bind_text(st, 1, origin + n);
		enum db_step_result r = db_step(st, e);
		int found = r == DB_ROW && db_column_int(st, 0) > 0;
		db_finalize(st);
		if (r == DB_ERROR)
			return e->code;
		return found ? 0 : err_set(e, ERR_INPUT, "発端の記録「%s」はありません", origin + n);
	}
	return err_set(e, ERR_INPUT, "発端（--origin）は request:申請番号 か violation:違反番号 で指定してください（「%s」は使えません）",
		       origin);
}

static char *intake_body(const struct incident *i, const struct incident_exposure *x,
			 const char *origin)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	jw_kv_string(&w, "category", i->category);
	jw_kv_int(&w, "max_confidentiality", x->max_confidentiality);
	if (origin)
		jw_kv_string(&w, "origin", origin);
	jw_kv_int(&w, "personal", x->personal);
	jw_kv_string(&w, "severity", i->severity);
	jw_kv_string(&w, "source", i->source);
	jw_object_end(&w);
	return buf_take(&b);
}

static int validate_new(const struct incident_new *in, const struct incident_category **cat,
			const char **sev, struct err *e)
{
	if (!in->title || !*in->title)
		return err_set(e, ERR_INPUT, "件名（--title）を入力してください");
	if (!in->situation || !*in->situation)
		return err_set(e, ERR_INPUT, "状況（--situation）を入力してください");
	*cat = incident_category_find(in->category ? in->category : "other");
	if (!*cat)
		return err_set(e, ERR_INPUT, "分類「%s」はありません（マルウェア感染、不正アクセス、情報漏えい、紛失・盗難、誤送信、サービス停止、災害、その他）",
			       in->category);
	*sev = NULL;
	if (in->severity && *in->severity && !(*sev = incident_severity_id(in->severity)))
		return err_set(e, ERR_INPUT, "重大度「%s」は high / medium / low（高・中・低）のいずれかです", in->severity);
	if (in->nassets + in->nsystems > INCIDENT_MAX_TARGETS)
		return err_set(e, ERR_INPUT, "対象の資産・システムは%d件までです", INCIDENT_MAX_TARGETS);
	return 0;
}

int incident_file(struct tx *tx, const struct incident_new *in, char **incident_no, struct err *e)
{
	struct incident i = {0};
	const struct incident_category *cat = NULL;
	const char *sev = NULL, *source = NULL;
	long long asset_ids[INCIDENT_MAX_TARGETS], system_ids[INCIDENT_MAX_TARGETS], first_unit = 0;
	char detected[32], no[32];
	*incident_no = NULL;
	if (validate_new(in, &cat, &sev, e) || check_source(in, &source, e) ||
	    (in->origin && *in->origin && check_origin(tx->db, in->origin, e)))
		return e->code;
	if (in->detected_at && *in->detected_at) {
		if (parse_detected(in->detected_at, detected, e))
			return e->code;
	} else {
		snprintf(detected, sizeof detected, "%s", tx->at);
	}
	if (strcmp(detected, tx->at) > 0)
		return err_set(e, ERR_INPUT, "検知日時が未来です（%s）", detected);
	i.is_incident = -1;
	if (strcmp(source, "staff") == 0) {
		struct staff s;
		if (staff_current(tx->db, in->actor_no, "報告者", "--as", &s, e))
			return e->code;
		i.reporter_id = s.id;
		first_unit = s.unit_id;
		staff_free(&s);
	}
	if (incident_resolve_targets(tx->db, in, asset_ids, system_ids, &first_unit, e) ||
	    resolve_unit(tx->db, in->unit, first_unit, &i.unit_id, e) ||
	    tx_next_id(tx, "incident", &i.id, e))
		return e->code;
	case_number("I", i.id, no);
	i.incident_no = xstrdup(no);
	i.title = xstrdup(in->title);
	i.category = xstrdup(cat->id);
	i.source = xstrdup(source);
	i.state = xstrdup("received");
	i.detected_at = xstrdup(detected);
	i.reported_at = xstrdup(tx->at);
	i.reporter_name = in->reporter_name ? xstrdup(in->reporter_name) : NULL;
	i.reporter_contact = in->reporter_contact ? xstrdup(in->reporter_contact) : NULL;
	i.situation = xstrdup(in->situation);
	i.cause = in->cause ? xstrdup(in->cause) : NULL;
	i.damage = in->damage ? xstrdup(in->damage) : NULL;
	i.record = in->record ? xstrdup(in->record) : NULL;
	i.severity = sev ? xstrdup(sev) : NULL;
	int rc = incident_put(tx, &i, 1, "incident.file", e);
	for (int k = 0; !rc && k < in->nassets; k++)
		rc = incident_add_target(tx, i.id, asset_ids[k], 0, e);
	for (int k = 0; !rc && k < in->nsystems; k++)
		rc = incident_add_target(tx, i.id, 0, system_ids[k], e);
	struct incident_exposure x;
	if (!rc)
		rc = incident_exposure_of(tx->db, i.id, &x, e);
	if (!rc && !sev) {
		i.severity = xstrdup(derived_severity(&x));
		rc = incident_put(tx, &i, 0, "incident.severity", e);
	}
	if (!rc) {
		char *body = intake_body(&i, &x, in->origin && *in->origin ? in->origin : NULL);
		rc = case_event_add(tx, CASE_INCIDENT, i.id, i.reporter_id, "received", body, NULL, e);
		free(body);
	}
	if (!rc)
		rc = incident_notices_sync(tx, &i, e);
	if (!rc) {
		*incident_no = i.incident_no;
		i.incident_no = NULL;
	}
	incident_free(&i);
	return rc;
}

/* ---- targets and exposure ---- */

static void read_target(struct db_stmt *st, void *elem)
{
	struct incident_target *t = elem;
	t->id = db_column_int(st, 0);
	t->incident_id = db_column_int(st, 1);
	t->asset_id = col_id(st, 2);
	t->system_id = col_id(st, 3);
}

int incident_targets_load(struct db *db, long long incident_id, struct incident_target **v,
			  size_t *n, struct err *e)
{
	return rows_load_for(db, "SELECT id, incident_id, asset_id, system_id FROM incident_target"
				 " WHERE incident_id = ? ORDER BY id",
			     incident_id, sizeof **v, read_target, (void **)v, n, e);
}

static int personal_rank(const char *p)
{
	if (!p)
		return 0;
	return strcmp(p, "specific") == 0 ? 2 : strcmp(p, "personal") == 0 ? 1 : 0;
}

/*
 * The highest 機密性 and personal data among the targets: an asset counts
 * itself; a system counts every asset of the register that lives on it.
 */
int incident_exposure_of(struct db *db, long long incident_id, struct incident_exposure *x,
			 struct err *e)
{
	struct class_scheme s;
	struct db_stmt *st;
	memset(x, 0, sizeof *x);
	if (class_scheme_load(db, &s, e))
		return e->code;
	int rc = db_prepare(db, "SELECT t.asset_id, t.system_id, a.confidentiality, a.personal FROM incident_target t"
				" LEFT JOIN asset a ON a.id = t.asset_id OR (t.asset_id IS NULL AND a.system_id = t.system_id)"
				" WHERE t.incident_id = ?", &st, e);
	if (!rc) {
		db_bind_int(st, 1, incident_id);
		enum db_step_result r;
		long long last_system = -1;
		while ((r = db_step(st, e)) == DB_ROW) {
			if (!db_column_is_null(st, 0))
				x->nassets++;
			else if (db_column_int(st, 1) != last_system) {
				x->nsystems++;
				last_system = db_column_int(st, 1);
			}
			if (!db_column_is_null(st, 2)) {
				int c = class_baseline(&s, DIM_C, (int)db_column_int(st, 2));
				if (c > x->max_confidentiality)
					x->max_confidentiality = c;
			}
			const char *p = db_column_text(st, 3);
			if (personal_rank(p) > x->personal)
				x->personal = personal_rank(p);
		}
		db_finalize(st);
		rc = r == DB_ERROR ? e->code : 0;
	}
	class_scheme_free(&s);
	return rc;
}
