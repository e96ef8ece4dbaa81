/*
 * case_util.c — helpers of the exception and violation modules
 * (case_util.h).
 */
#include "core/case_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/catalog.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/timeutil.h"

int case_role_held(const struct role_assignments *roles, long long id, const char *role,
		   long long unit_id, long long system_id)
{
	for (size_t i = 0; i < roles->n; i++) {
		const struct role_assignment *a = &roles->v[i];
		if (a->staff_id != id || strcmp(a->role, role) != 0)
			continue;
		if (unit_id && a->unit_id != unit_id)
			continue;
		if (system_id && a->system_id != system_id)
			continue;
		return 1;
	}
	return 0;
}

/* Every numbered record (requests, incidents, exceptions, violations) is
 * numbered by the 年度 of filing, so numbers read alike across modules. */
void case_number(const char *prefix, long long id, char out[32])
{
	char today[11];
	time_today(today);
	snprintf(out, 32, "%s%d-%06lld", prefix, fiscal_year(today), id);
}

/* Loads one record by its number; both the exception and the violation
 * modules look records up this way, with the same refusals. */
int case_load_by_no(struct db *db, const char *sql, const char *what, const char *no,
		    void (*read)(struct db_stmt *, void *), void *elem, struct err *e)
{
	struct db_stmt *st;
	if (!no || !*no)
		return err_set(e, ERR_INPUT, "%sの番号を指定してください", what);
	if (db_prepare(db, sql, &st, e))
		return e->code;
	db_bind_text(st, 1, no);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		read(st, elem);
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (r != DB_ROW)
		return err_set(e, ERR_INPUT, "%sの番号「%s」はありません", what, no);
	return 0;
}

/* Exceptions and violations both name a catalog clause and refuse unknown
 * ones with the same advice. */
int case_clause_known(const char *id, struct err *e)
{
	struct catalog cat;
	if (catalog_load(&cat, e))
		return e->code;
	int rc = catalog_find(&cat, id) ? 0
		 : err_set(e, ERR_INPUT, "条項「%s」はカタログにありません（mamori catalog list で確認できます）", id);
	catalog_free(&cat);
	return rc;
}

char *case_body(int n, ...)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	va_list ap;
	jw_init(&w, &b);
	jw_object_begin(&w);
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *key = va_arg(ap, const char *);
		const char *value = va_arg(ap, const char *);
		if (value)
			jw_kv_string(&w, key, value);
	}
	va_end(ap);
	jw_object_end(&w);
	return buf_take(&b);
}

const char *case_step_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} labels[] = {
		{"requested", "申請"},          {"applied", "緊急実施"},
		{"reported", "CISO へ報告"},     {"permitted", "許可"},
		{"rejected", "却下"},            {"reviewed", "定期確認"},
		{"ended", "終了"},              {"recorded", "違反の記録"},
		{"notify_manager", "情報セキュリティ管理者へ通知"},
		{"notify_ciso", "CISO へ通知"},  {"guidance", "指導"},
		{"corrected", "是正"},          {"note", "記録"},
		{"suspended", "利用権の停止"},   {"revoked", "利用権の剥奪"},
		{"lifted", "停止の解除"},        {"account_disable", "mamori アカウントの無効化"},
		{"account_enable", "mamori アカウントの再有効化"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return labels[i].label;
	return kind;
}

void case_events_json(struct json_writer *w, const struct case_events *ev, const struct staff_list *staff)
{
	jw_key(w, "events");
	jw_array_begin(w);
	for (size_t i = 0; i < ev->n; i++) {
		const struct staff *who = staff_by_id(staff, ev->v[i].actor_id);
		jw_object_begin(w);
		jw_kv_string(w, "actor", who ? who->staff_no : NULL);
		jw_kv_string(w, "at", ev->v[i].at);
		jw_key(w, "body");
		jw_raw(w, ev->v[i].body);
		jw_kv_string(w, "kind", ev->v[i].kind);
		jw_kv_string(w, "label", case_step_label(ev->v[i].kind));
		jw_object_end(w);
	}
	jw_array_end(w);
}
