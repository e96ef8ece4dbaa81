/*
 * audit.c — audits themselves (audit.h): who leads them, creating one for a
 * 課, a system or a contractor, listing them, closing them.
 */
#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/audit_internal.h"
#include "core/case_event.h"
#include "core/case_util.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/rows.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/timeutil.h"

#define AUDIT_COLUMNS                                                                             \
	"id, audit_no, fiscal_year, plan_id, title, target_kind, unit_id, system_id, contractor," \
	" lead_id, state, starts_on, ends_on, conclusion, created_at, closed_at"

/* ---- who ---- */

int audit_is_lead(const struct role_assignments *roles, long long staff_id)
{
	return case_role_held(roles, staff_id, "audit_lead", 0, 0) || case_role_held(roles, staff_id, "ciso", 0, 0);
}

int audit_may_approve_plan(const struct role_assignments *roles, long long staff_id)
{
	return case_role_held(roles, staff_id, "ciso", 0, 0) || case_role_held(roles, staff_id, "committee", 0, 0);
}

int audit_may(const struct role_assignments *roles, long long staff_id, const struct audit *a, enum audit_act act)
{
	switch (act) {
	case AUDIT_EDIT:
		return strcmp(a->state, "open") == 0 && audit_is_lead(roles, staff_id);
	case AUDIT_DIRECT:
	case AUDIT_SPREAD_ASK:
		return case_role_held(roles, staff_id, "ciso", 0, 0);
	}
	return 0;
}

/* ---- reading ---- */

static void read_audit(struct db_stmt *st, void *elem)
{
	struct audit *a = elem;
	a->id = db_column_int(st, 0);
	a->audit_no = col_dup(st, 1);
	a->fiscal_year = (int)db_column_int(st, 2);
	a->plan_id = col_id(st, 3);
	a->title = col_dup(st, 4);
	a->target_kind = col_dup(st, 5);
	a->unit_id = col_id(st, 6);
	a->system_id = col_id(st, 7);
	a->contractor = col_dup(st, 8);
	a->lead_id = col_id(st, 9);
	a->state = col_dup(st, 10);
	a->starts_on = col_dup(st, 11);
	a->ends_on = col_dup(st, 12);
	a->conclusion = col_dup(st, 13);
	a->created_at = col_dup(st, 14);
	a->closed_at = col_dup(st, 15);
}

void audit_free(struct audit *a)
{
	char *f[] = {a->audit_no, a->title,      a->target_kind, a->contractor, a->state,
		     a->starts_on, a->ends_on,   a->conclusion,  a->created_at, a->closed_at};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(f[i]);
	memset(a, 0, sizeof *a);
}

void audit_list_free(struct audit_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		audit_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int audit_load(struct db *db, const char *audit_no, struct audit *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return case_load_by_no(db, "SELECT " AUDIT_COLUMNS " FROM audit WHERE audit_no = ?", "監査", audit_no,
			       read_audit, out, e);
}

int audit_list_load(struct db *db, const struct audit_filter *f, struct audit_list *out, struct err *e)
{
	struct audit_filter none = {0};
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	int idx = 1;
	memset(out, 0, sizeof *out);
	if (!f)
		f = &none;
	buf_puts(&sql, "SELECT " AUDIT_COLUMNS " FROM audit WHERE 1 = 1");
	if (f->fiscal_year)
		buf_puts(&sql, " AND fiscal_year = ?");
	if (f->state)
		buf_puts(&sql, " AND state = ?");
	if (f->unit_id)
		buf_puts(&sql, " AND (unit_id = ? OR system_id IN (SELECT id FROM info_system WHERE unit_id = ?))");
	buf_puts(&sql, " ORDER BY id");
	int rc = db_prepare(db, sql.data, &st, e);
	buf_free(&sql);
	if (rc)
		return e->code;
	if (f->fiscal_year)
		db_bind_int(st, idx++, f->fiscal_year);
	if (f->state)
		db_bind_text(st, idx++, f->state);
	if (f->unit_id) {
		db_bind_int(st, idx++, f->unit_id);
		db_bind_int(st, idx++, f->unit_id);
	}
	if (rows_collect(st, sizeof *out->v, read_audit, (void **)&out->v, &out->n, e)) {
		audit_list_free(out);
		return e->code;
	}
	return 0;
}

const char *audit_target_label(const char *kind)
{
	if (!kind)
		return "";
	if (strcmp(kind, "unit") == 0)
		return "課";
	if (strcmp(kind, "system") == 0)
		return "情報システム";
	if (strcmp(kind, "contractor") == 0)
		return "外部委託事業者";
	return kind;
}

const char *audit_state_label(const char *state)
{
	if (state && strcmp(state, "open") == 0)
		return "実施中";
	if (state && strcmp(state, "closed") == 0)
		return "終了";
	return state ? state : "";
}

const char *audit_step_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} labels[] = {{"created", "監査の登録"},         {"member_added", "監査人の追加"},
		      {"items_added", "監査項目の追加"},   {"item_result", "監査結果の記録"},
		      {"evidence_added", "証跡の登録"},    {"finding_added", "指摘事項"},
		      {"directed", "CISO の指示"},         {"spread_asked", "他課への確認依頼"},
		      {"spread_answered", "他課の回答"},   {"action_filed", "改善措置の登録"},
		      {"reported", "委員会への報告"},      {"closed", "監査の終了"}};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return labels[i].label;
	return kind;
}

void audit_contractor_parts(const struct audit *a, char **name, char **subs)
{
	*name = *subs = NULL;
	cJSON *j = a->contractor ? cJSON_Parse(a->contractor) : NULL;
	if (!j) {
		*name = a->contractor ? xstrdup(a->contractor) : NULL;
		return;
	}
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(j, "name");
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(j, "subcontractors");
	if (cJSON_IsString(n))
		*name = xstrdup(n->valuestring);
	struct buf b = BUF_INIT;
	const cJSON *it;
	cJSON_ArrayForEach(it, s)
	{
		if (!cJSON_IsString(it))
			continue;
		if (b.len)
			buf_puts(&b, "、");
		buf_puts(&b, it->valuestring);
	}
	*subs = b.len ? buf_take(&b) : NULL;
	buf_free(&b);
	cJSON_Delete(j);
}

/* ---- shared by the audit_*.c files ---- */

int audit_act_begin(struct db *db, const char *audit_no, const char *actor_no, const char *what,
		    struct audit_ctx *x, struct err *e)
{
	memset(x, 0, sizeof *x);
	if (audit_no && audit_load(db, audit_no, &x->a, e))
		return e->code;
	x->loaded = 1;
	if (staff_current(db, actor_no, what, "--as", &x->who, e))
		return e->code;
	x->loaded = 2;
	if (role_load(db, 1, &x->roles, e))
		return e->code;
	x->loaded = 3;
	return 0;
}

void audit_act_end(struct audit_ctx *x)
{
	if (x->loaded >= 1)
		audit_free(&x->a);
	if (x->loaded >= 2)
		staff_free(&x->who);
	if (x->loaded >= 3)
		role_assignments_free(&x->roles);
	x->loaded = 0;
}

int audit_need_lead(const struct audit_ctx *x, const char *doing, struct err *e)
{
	if (audit_is_lead(&x->roles, x->who.id))
		return 0;
	return err_set(e, ERR_INPUT,
		       "%sができるのは情報セキュリティ監査統括責任者か CISO です（%s（%s）はどちらでもありません）", doing,
		       x->who.name, x->who.staff_no);
}

int audit_need_open(const struct audit *a, struct err *e)
{
	if (strcmp(a->state, "open") == 0)
		return 0;
	return err_set(e, ERR_INPUT, "監査 %s は終了しています", a->audit_no);
}

int audit_step(struct tx *tx, long long audit_id, long long actor_id, const char *kind, char *body,
	       struct err *e)
{
	int rc = case_event_add(tx, CASE_AUDIT, audit_id, actor_id, kind, body, NULL, e);
	free(body);
	return rc;
}

int audit_put(struct tx *tx, const struct audit *a, int insert, const char *kind, struct err *e)
{
	struct row r;
	row_init(&r, "audit");
	row_int(&r, "id", a->id);
	row_text(&r, "audit_no", a->audit_no);
	row_int(&r, "fiscal_year", a->fiscal_year);
	row_id_ref(&r, "plan_id", a->plan_id);
	row_text(&r, "title", a->title);
	row_text(&r, "target_kind", a->target_kind);
	row_id_ref(&r, "unit_id", a->unit_id);
	row_id_ref(&r, "system_id", a->system_id);
	row_text(&r, "contractor", a->contractor);
	row_id_ref(&r, "lead_id", a->lead_id);
	row_text(&r, "state", a->state);
	row_text(&r, "starts_on", a->starts_on);
	row_text(&r, "ends_on", a->ends_on);
	row_text(&r, "conclusion", a->conclusion);
	row_text(&r, "created_at", a->created_at);
	row_text(&r, "closed_at", a->closed_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

/* ---- creating ---- */

/* The length of the next item of a list separated by ",", "、" or "，", and
 * the length of the separator after it (0 at the end).  The separators are
 * matched as whole strings: strcspn would also cut at any byte they share
 * with other Japanese characters. */
static size_t list_item(const char *p, size_t *sep_len)
{
	static const char *const seps[] = {",", "、", "，"};
	size_t best = strlen(p);
	*sep_len = 0;
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		const char *hit = strstr(p, seps[i]);
		if (hit && (size_t)(hit - p) < best) {
			best = (size_t)(hit - p);
			*sep_len = strlen(seps[i]);
		}
	}
	return best;
}

/* The contractor as canonical JSON: name and the list of subcontractors. */
static char *contractor_json(const char *name, const char *subs)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	jw_kv_string(&w, "name", name);
	jw_key(&w, "subcontractors");
	jw_array_begin(&w);
	const char *p = subs ? subs : "";
	while (*p) {
		size_t sep, n = list_item(p, &sep);
		size_t skip = strspn(p, " ");
		if (skip > n)
			skip = n;
		size_t m = n;
		while (m > skip && p[m - 1] == ' ')
			m--;
		if (m > skip) {
			char *one = xstrndup(p + skip, m - skip);
			jw_string(&w, one);
			free(one);
		}
		p += n + sep;
	}
	jw_array_end(&w);
	jw_object_end(&w);
	return buf_take(&b);
}

static int resolve_target(struct db *db, const struct audit_new *in, struct audit *a, struct err *e)
{
	const char *k = in->target_kind;
	if (!k || (strcmp(k, "unit") != 0 && strcmp(k, "system") != 0 && strcmp(k, "contractor") != 0))
		return err_set(e, ERR_INPUT, "監査の対象の種類（--target）は unit（課）、system（情報システム）、"
					     "contractor（外部委託事業者）のいずれかです：「%s」",
			       k ? k : "");
	struct org_units units;
	struct info_systems systems;
	if (org_units_load(db, &units, e))
		return e->code;
	if (infosys_load(db, &systems, e)) {
		org_units_free(&units);
		return e->code;
	}
	int rc = 0;
	const struct org_unit *u = NULL;
	if (in->unit && *in->unit && !(u = org_unit_by_code(&units, in->unit)))
		rc = err_set(e, ERR_INPUT, "組織コード「%s」は登録されていません", in->unit);
	if (!rc && strcmp(k, "unit") == 0 && !u)
		rc = err_set(e, ERR_INPUT, "監査する課を指定してください（--unit 組織コード）");
	if (!rc && strcmp(k, "system") == 0) {
		const struct info_system *s = in->system && *in->system ? infosys_by_code(&systems, in->system) : NULL;
		if (!s && in->system && *in->system)
			rc = err_set(e, ERR_INPUT, "システムコード「%s」は登録されていません", in->system);
		else if (!s)
			rc = err_set(e, ERR_INPUT, "監査する情報システムを指定してください（--system）");
		else {
			a->system_id = s->id;
			if (!u)
				u = org_unit_by_id(&units, s->unit_id);
		}
	}
	if (!rc && strcmp(k, "contractor") == 0) {
		if (!in->contractor || !*in->contractor)
			rc = err_set(e, ERR_INPUT, "監査する外部委託事業者の名称を指定してください（--contractor）");
		else
			a->contractor = contractor_json(in->contractor, in->subcontractors);
	}
	if (!rc && strcmp(k, "contractor") != 0 && in->contractor && *in->contractor)
		rc = err_set(e, ERR_INPUT, "--contractor は外部委託事業者の監査（--target contractor）にだけ指定できます");
	if (!rc && u)
		a->unit_id = u->id;
	infosys_free(&systems);
	org_units_free(&units);
	return rc;
}

static int resolve_dates(const struct audit_new *in, struct audit *a, struct err *e)
{
	char d[11];
	if (in->starts_on && *in->starts_on) {
		if (date_parse(in->starts_on, d, e))
			return err_prefix(e, "監査の開始日");
		a->starts_on = xstrdup(d);
	} else {
		time_today(d);
		a->starts_on = xstrdup(d);
	}
	if (in->ends_on && *in->ends_on) {
		if (date_parse(in->ends_on, d, e))
			return err_prefix(e, "監査の終了予定日");
		if (strcmp(d, a->starts_on) < 0)
			return err_set(e, ERR_INPUT, "監査の終了予定日 %s が開始日 %s より前です", d, a->starts_on);
		a->ends_on = xstrdup(d);
	}
	a->fiscal_year = fiscal_year(a->starts_on);
	return 0;
}

/* The audit belongs to the newest approved plan of its 年度, when there is one. */
static int attach_plan(struct db *db, struct audit *a, struct err *e)
{
	struct audit_plans plans;
	if (audit_plans_load(db, a->fiscal_year, &plans, e))
		return e->code;
	const struct audit_plan *p = audit_plan_approved(&plans, a->fiscal_year);
	a->plan_id = p ? p->id : 0;
	audit_plans_free(&plans);
	return 0;
}

int audit_create(struct tx *tx, const struct audit_new *in, char **audit_no, struct err *e)
{
	struct audit_ctx x;
	struct audit a = {0};
	char no[32];
	*audit_no = NULL;
	int rc = audit_act_begin(tx->db, NULL, in->actor_no, "監査を登録する職員", &x, e);
	if (!rc)
		rc = audit_need_lead(&x, "監査の登録", e);
	if (!rc && (!in->title || !*in->title))
		rc = err_set(e, ERR_INPUT, "監査の件名を指定してください（--title）");
	if (!rc)
		rc = resolve_target(tx->db, in, &a, e);
	if (!rc)
		rc = resolve_dates(in, &a, e);
	if (!rc)
		rc = attach_plan(tx->db, &a, e);
	if (!rc)
		rc = tx_next_id(tx, "audit", &a.id, e);
	if (!rc) {
		case_number("A", a.id, no);
		a.audit_no = xstrdup(no);
		a.title = xstrdup(in->title);
		a.target_kind = xstrdup(in->target_kind);
		a.lead_id = x.who.id;
		a.state = xstrdup("open");
		a.created_at = xstrdup(tx->at);
		rc = audit_put(tx, &a, 1, "audit.create", e);
	}
	if (!rc)
		rc = audit_step(tx, a.id, x.who.id, "created",
				case_body(3, "starts_on", a.starts_on, "target_kind", a.target_kind, "title", a.title), e);
	if (!rc) {
		*audit_no = a.audit_no;
		a.audit_no = NULL;
	}
	audit_free(&a);
	audit_act_end(&x);
	return rc;
}

int audit_close(struct tx *tx, const char *audit_no, const char *actor_no, const char *conclusion, struct err *e)
{
	struct audit_ctx x;
	int rc = audit_act_begin(tx->db, audit_no, actor_no, "監査を終了する職員", &x, e);
	if (!rc)
		rc = audit_need_lead(&x, "監査の終了", e);
	if (!rc)
		rc = audit_need_open(&x.a, e);
	if (!rc && (!conclusion || !*conclusion))
		rc = err_set(e, ERR_INPUT, "監査の結論を入力してください（--conclusion）");
	if (!rc) {
		free(x.a.state);
		x.a.state = xstrdup("closed");
		x.a.conclusion = xstrdup(conclusion);
		x.a.closed_at = xstrdup(tx->at);
		rc = audit_put(tx, &x.a, 0, "audit.close", e);
	}
	if (!rc)
		rc = audit_step(tx, x.a.id, x.who.id, "closed", case_body(1, "conclusion", conclusion), e);
	audit_act_end(&x);
	return rc;
}
