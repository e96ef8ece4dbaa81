#include "core/request.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/asset.h"
#include "core/case_util.h"
#include "core/classification.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/timeutil.h"

#define REQUEST_COLUMNS                                                                      \
	"id, request_no, type, requester_id, unit_id, asset_id, system_id, state, fields,"   \
	" filed_at, valid_until, due_on, done_at, returned_at, confirmed_by"

/* ---- loading ---- */

static void read_request(struct db_stmt *st, struct request *r)
{
	r->id = db_column_int(st, 0);
	r->request_no = col_dup(st, 1);
	r->type = col_dup(st, 2);
	r->requester_id = col_id(st, 3);
	r->unit_id = col_id(st, 4);
	r->asset_id = col_id(st, 5);
	r->system_id = col_id(st, 6);
	r->state = col_dup(st, 7);
	r->fields = col_dup(st, 8);
	r->filed_at = col_dup(st, 9);
	r->valid_until = col_dup(st, 10);
	r->due_on = col_dup(st, 11);
	r->done_at = col_dup(st, 12);
	r->returned_at = col_dup(st, 13);
	r->confirmed_by = col_id(st, 14);
}

static void request_free(struct request *r)
{
	char *f[] = {r->request_no, r->type, r->state, r->fields, r->filed_at,
		     r->valid_until, r->due_on, r->done_at, r->returned_at};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(f[i]);
	memset(r, 0, sizeof *r);
}

static void read_request_elem(struct db_stmt *st, void *elem)
{
	read_request(st, elem);
}

int request_load(struct db *db, struct request_list *out, struct err *e)
{
	int rc = rows_load(db, "SELECT " REQUEST_COLUMNS " FROM request ORDER BY id", sizeof *out->v,
			   read_request_elem, (void **)&out->v, &out->n, e);
	if (rc)
		request_list_free(out);
	return rc;
}

void request_list_free(struct request_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		request_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void read_decision(struct db_stmt *st, void *elem)
{
	struct request_decision *d = elem;
	d->id = db_column_int(st, 0);
	d->request_id = db_column_int(st, 1);
	d->role = col_dup(st, 2);
	d->decided_by = col_id(st, 3);
	d->on_behalf_of = col_id(st, 4);
	d->decision = col_dup(st, 5);
	d->at = col_dup(st, 6);
	d->note = col_dup(st, 7);
	d->override_reason = col_dup(st, 8);
}

int request_decisions_load(struct db *db, struct decision_list *out, struct err *e)
{
	int rc = rows_load(db, "SELECT id, request_id, role, decided_by, on_behalf_of, decision, at, note,"
			       " override_reason FROM request_decision ORDER BY request_id, id",
			   sizeof *out->v, read_decision, (void **)&out->v, &out->n, e);
	if (rc)
		decision_list_free(out);
	return rc;
}

void decision_list_free(struct decision_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].role);
		free(l->v[i].decision);
		free(l->v[i].at);
		free(l->v[i].note);
		free(l->v[i].override_reason);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

const struct request *request_by_id(const struct request_list *l, long long id)
{
	return rows_by_id(l->v, l->n, sizeof *l->v, offsetof(struct request, id), id);
}

const struct request *request_by_no(const struct request_list *l, const char *no)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].request_no, no) == 0)
			return &l->v[i];
	return NULL;
}

int request_is_lapsed(const struct request *r, const char *today)
{
	return strcmp(r->state, "approved") == 0 && r->valid_until && strcmp(r->valid_until, today) < 0;
}

int request_is_overdue(const struct request *r, const char *today)
{
	return strcmp(r->state, "done") == 0 && r->due_on && strcmp(r->due_on, today) < 0;
}

const char *request_state_label(const struct request *r, const char *today)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"filed", "申請中"}, {"approved", "許可"}, {"rejected", "却下"},
		      {"done", "実施済"},  {"returned", "返却済"}};
	if (request_is_lapsed(r, today))
		return "期限切れ";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, r->state) == 0)
			return labels[i].label;
	return r->state;
}

/* ---- writing ---- */

static void request_row(const struct request *q, struct row *r)
{
	row_init(r, "request");
	row_int(r, "id", q->id);
	row_text(r, "request_no", q->request_no);
	row_text(r, "type", q->type);
	row_id_ref(r, "requester_id", q->requester_id);
	row_id_ref(r, "unit_id", q->unit_id);
	row_id_ref(r, "asset_id", q->asset_id);
	row_id_ref(r, "system_id", q->system_id);
	row_text(r, "state", q->state);
	row_text(r, "fields", q->fields);
	row_text(r, "filed_at", q->filed_at);
	row_text(r, "valid_until", q->valid_until);
	row_text(r, "due_on", q->due_on);
	row_text(r, "done_at", q->done_at);
	row_text(r, "returned_at", q->returned_at);
	row_id_ref(r, "confirmed_by", q->confirmed_by);
}

static int put_request(struct tx *tx, const struct request *q, int insert, const char *kind,
		       struct err *e)
{
	struct row r;
	request_row(q, &r);
	return tx_put_row(tx, kind, &r, insert, e);
}

/* Field pairs sorted by key make the canonical JSON object. */
struct field_value {
	const struct request_field *f;
	char *value;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct field_value *)a)->f->key, ((const struct field_value *)b)->f->key);
}

static int parse_fields(const struct request_type *t, const struct request_new *in,
			struct field_value *vals, int *nvals, struct err *e)
{
	*nvals = 0;
	for (int i = 0; i < in->nfields; i++) {
		const char *eq = strchr(in->field_args[i], '=');
		if (!eq)
			return err_set(e, ERR_INPUT, "--field は「項目=値」の形で指定してください（「%s」）", in->field_args[i]);
		char *name = xstrndup(in->field_args[i], (size_t)(eq - in->field_args[i]));
		const struct request_field *f = request_type_field(t, name);
		free(name);
		if (!f)
			return err_set(e, ERR_INPUT, "%sの申請に項目「%.*s」はありません", t->label,
				       (int)(eq - in->field_args[i]), in->field_args[i]);
		char *value = xstrdup(eq + 1);
		if (f->is_date && *value) {
			char ymd[11];
			if (date_parse(value, ymd, e)) {
				free(value);
				return err_prefix(e, "%s", f->label);
			}
			free(value);
			value = xstrdup(ymd);
		}
		for (int k = 0; k < *nvals; k++)
			if (vals[k].f == f) {
				free(value);
				return err_set(e, ERR_INPUT, "項目「%s」が2回指定されています", f->label);
			}
		vals[(*nvals)++] = (struct field_value){f, value};
	}
	for (int i = 0; i < REQUEST_MAX_FIELDS && t->fields[i].key; i++) {
		int have = 0;
		for (int k = 0; k < *nvals; k++)
			have |= vals[k].f == &t->fields[i] && *vals[k].value;
		if (!have)
			return err_set(e, ERR_INPUT, "%sの申請には「%s」が必要です（--field %s=…）", t->label,
				       t->fields[i].label, t->fields[i].label);
	}
	qsort(vals, (size_t)*nvals, sizeof *vals, by_key);
	return 0;
}

static char *fields_json(const struct field_value *vals, int n)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	for (int i = 0; i < n; i++)
		jw_kv_string(&w, vals[i].f->key, vals[i].value);
	jw_object_end(&w);
	return buf_take(&b);
}

/* The 課 a request belongs to: the asset's, else the requester's. */
static long long section_of(struct db *db, long long unit_id, struct err *e, int *rc)
{
	struct org_units units;
	*rc = org_units_load(db, &units, e);
	if (*rc)
		return 0;
	const struct org_unit *s = org_unit_up_to_tier(&units, unit_id, TIER_SECTION);
	long long id = s ? s->id : unit_id;
	org_units_free(&units);
	return id;
}

/* Whether the type's condition holds for the asset (e.g. 機密性2以上). */
static int condition_applies(struct db *db, const struct request_type *t, const struct asset *a,
			     int *applies, struct err *e)
{
	struct class_scheme s;
	*applies = 1;
	if (!t->min_confidentiality || !a)
		return 0;
	if (class_scheme_load(db, &s, e))
		return e->code;
	*applies = class_baseline(&s, DIM_C, a->level[DIM_C]) >= t->min_confidentiality;
	class_scheme_free(&s);
	return 0;
}

static int resolve_target(struct tx *tx, const struct request_type *t, const struct request_new *in,
			  struct request *q, struct asset *a, int *have_asset, struct err *e)
{
	*have_asset = 0;
	if (t->target == TARGET_ASSET) {
		if (!in->asset_no)
			return err_set(e, ERR_INPUT, "%sの申請には対象の資産（--asset 資産番号）が必要です", t->label);
		if (asset_find(tx->db, in->asset_no, 0, a, have_asset, e))
			return e->code;
		if (!*have_asset)
			return err_set(e, ERR_INPUT, "資産番号「%s」は登録されていません", in->asset_no);
		if (strcmp(a->state, "disposed") == 0)
			return err_set(e, ERR_INPUT, "資産「%s」（%s）は廃棄済みです", a->name, a->asset_no);
		q->asset_id = a->id;
		q->unit_id = a->unit_id;
	} else if (t->target == TARGET_SYSTEM) {
		struct info_systems systems;
		if (!in->system_code)
			return err_set(e, ERR_INPUT, "%sの申請には対象の情報システム（--system コード）が必要です", t->label);
		if (infosys_load(tx->db, &systems, e))
			return e->code;
		const struct info_system *s = infosys_by_code(&systems, in->system_code);
		int rc = s ? 0 : err_set(e, ERR_INPUT, "システムコード「%s」は登録されていません", in->system_code);
		if (s)
			q->system_id = s->id;
		infosys_free(&systems);
		if (rc)
			return rc;
	}
	return 0;
}

int request_file(struct tx *tx, const struct request_new *in, char **request_no,
		 int *not_required, struct err *e)
{
	struct request q = {0};
	struct staff who;
	struct asset a = {0};
	struct field_value vals[REQUEST_MAX_FIELDS * 2];
	int nvals = 0, have_asset = 0, rc;
	char no[32];
	*request_no = NULL;
	*not_required = 0;
	const struct request_type *t = request_type_find(in->type);
	if (!t)
		return err_set(e, ERR_INPUT, "申請の種類「%s」はありません（mamori request types で一覧を表示します）",
			       in->type ? in->type : "");
	if (in->nfields > REQUEST_MAX_FIELDS * 2)
		return err_set(e, ERR_INPUT, "--field が多すぎます");
	if (staff_current(tx->db, in->requester_no, "申請者", "--as", &who, e))
		return e->code;
	q.requester_id = who.id;
	q.unit_id = who.unit_id;
	staff_free(&who);
	rc = resolve_target(tx, t, in, &q, &a, &have_asset, e);
	if (!rc)
		rc = parse_fields(t, in, vals, &nvals, e);
	int applies = 1;
	if (!rc)
		rc = condition_applies(tx->db, t, have_asset ? &a : NULL, &applies, e);
	if (!rc)
		q.unit_id = section_of(tx->db, q.unit_id, e, &rc);
	if (!rc)
		rc = tx_next_id(tx, "request", &q.id, e);
	if (!rc) {
		case_number("", q.id, no);
		q.request_no = xstrdup(no);
		q.type = xstrdup(t->id);
		q.state = xstrdup("filed");
		q.fields = fields_json(vals, nvals);
		q.filed_at = xstrdup(tx->at);
		for (int i = 0; i < nvals; i++)
			if (t->due_field && strcmp(vals[i].f->key, t->due_field) == 0)
				q.due_on = xstrdup(vals[i].value);
		rc = put_request(tx, &q, 1, "request.file", e);
	}
	if (!rc) {
		*request_no = q.request_no;
		q.request_no = NULL;
		*not_required = !applies;
	}
	for (int i = 0; i < nvals; i++)
		free(vals[i].value);
	request_free(&q);
	if (have_asset)
		asset_free(&a);
	return rc;
}

/* ---- deciding ---- */

static int load_request(struct db *db, const char *no, struct request *q, struct err *e)
{
	struct db_stmt *st;
	memset(q, 0, sizeof *q);
	if (db_prepare(db, "SELECT " REQUEST_COLUMNS " FROM request WHERE request_no = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, no);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		read_request(st, q);
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (r != DB_ROW)
		return err_set(e, ERR_INPUT, "申請番号「%s」はありません", no);
	return 0;
}

int request_role_held(const struct role_assignments *roles, const struct org_units *units,
		      const struct request *r, long long id, const char *role)
{
	const struct org_unit *bureau = org_unit_up_to_tier(units, r->unit_id, TIER_BUREAU);
	for (size_t i = 0; i < roles->n; i++) {
		const struct role_assignment *a = &roles->v[i];
		if (a->staff_id != id || strcmp(a->role, role) != 0)
			continue;
		if (strcmp(role, "manager") == 0 && a->unit_id != r->unit_id)
			continue;
		if (strcmp(role, "officer") == 0 && (!bureau || a->unit_id != bureau->id))
			continue;
		if ((strcmp(role, "system_admin") == 0 || strcmp(role, "system_staff") == 0) &&
		    a->system_id != r->system_id)
			continue;
		return 1;
	}
	return 0;
}

/* The first of a request's decisions (they are adjacent, ordered by request). */
static size_t first_decision(const struct decision_list *d, long long request_id)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->v[mid].request_id < request_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const char *request_next_role(const struct request *r, const struct decision_list *d)
{
	const struct request_type *t = request_type_find(r->type);
	if (!t || strcmp(r->state, "filed") != 0)
		return NULL;
	size_t first = first_decision(d, r->id);
	for (int i = 0; i < REQUEST_MAX_APPROVERS && t->approvers[i]; i++) {
		int decided = 0;
		for (size_t k = first; k < d->n && d->v[k].request_id == r->id; k++)
			decided |= strcmp(d->v[k].role, t->approvers[i]) == 0;
		if (!decided)
			return t->approvers[i];
	}
	return NULL;
}

/* Whether another approving role follows `role` in the type's order. */
static int has_role_after(const struct request_type *t, const char *role)
{
	for (int i = 0; i + 1 < REQUEST_MAX_APPROVERS && t->approvers[i]; i++)
		if (strcmp(t->approvers[i], role) == 0)
			return t->approvers[i + 1] != NULL;
	return 0;
}

struct decide_ctx {
	struct staff decider, principal; /* principal: the role holder decided for */
	int has_principal;
	struct role_assignments roles;
	struct org_units units;
	struct decision_list decisions;
};

static void decide_ctx_free(struct decide_ctx *c)
{
	staff_free(&c->decider);
	if (c->has_principal)
		staff_free(&c->principal);
	role_assignments_free(&c->roles);
	org_units_free(&c->units);
	decision_list_free(&c->decisions);
}

/* Checks who may decide and fills the decision row. */
static int authorise(struct tx *tx, const struct request_decide_in *in, const struct request *q,
		     const char *role, struct decide_ctx *c, struct err *e)
{
	if (staff_current(tx->db, in->decider_no, "決裁者", "--as", &c->decider, e))
		return e->code;
	if (in->on_behalf_of_no) {
		if (staff_current(tx->db, in->on_behalf_of_no, "代決の対象者", "--as", &c->principal, e))
			return e->code;
		c->has_principal = 1;
	}
	long long holder = c->has_principal ? c->principal.id : c->decider.id;
	if (!request_role_held(&c->roles, &c->units, q, holder, role))
		return err_set(e, ERR_INPUT, "%s（%s）はこの申請の%sではありません%s", 
			       c->has_principal ? c->principal.name : c->decider.name,
			       c->has_principal ? c->principal.staff_no : c->decider.staff_no,
			       vocab_label(&vocab_role, role),
			       c->has_principal ? "" : "（代決する場合は --on-behalf-of で本来の決裁者を指定してください）");
	int self = c->decider.id == q->requester_id || holder == q->requester_id;
	if (self && (!in->override_reason || !*in->override_reason))
		return err_set(e, ERR_INPUT, "自分の申請は決裁できません（兼務の禁止 1.8.1）。やむを得ない場合は"
			       " --override-reason で理由を記録してください");
	return 0;
}

int request_decide(struct tx *tx, const struct request_decide_in *in, struct err *e)
{
	struct request q;
	struct decide_ctx c = {0};
	char today[11];
	if (load_request(tx->db, in->request_no, &q, e))
		return e->code;
	const struct request_type *t = request_type_find(q.type);
	int rc = t ? 0 : err_set(e, ERR_INTERNAL, "申請の種類 %s が定義されていません", q.type);
	if (!rc && strcmp(q.state, "filed") != 0)
		rc = err_set(e, ERR_INPUT, "申請 %s は既に決裁済みです（状態: %s）", q.request_no, q.state);
	if (!rc)
		rc = role_load(tx->db, 1, &c.roles, e) || org_units_load(tx->db, &c.units, e) ||
		     request_decisions_load(tx->db, &c.decisions, e) ? e->code : 0;
	const char *role = rc ? NULL : request_next_role(&q, &c.decisions);
	if (!rc && !role)
		rc = err_set(e, ERR_INTERNAL, "申請 %s には決裁の残りがありません", q.request_no);
	if (!rc)
		rc = authorise(tx, in, &q, role, &c, e);
	long long id = 0;
	if (!rc)
		rc = tx_next_id(tx, "request_decision", &id, e);
	if (!rc) {
		struct row r;
		row_init(&r, "request_decision");
		row_int(&r, "id", id);
		row_id_ref(&r, "request_id", q.id);
		row_text(&r, "role", role);
		row_id_ref(&r, "decided_by", c.decider.id);
		row_id_ref(&r, "on_behalf_of", c.has_principal ? c.principal.id : 0);
		row_text(&r, "decision", in->approve ? "approved" : "rejected");
		row_text(&r, "at", tx->at);
		row_text(&r, "note", in->note);
		row_text(&r, "override_reason", in->override_reason);
		rc = tx_put_row(tx, in->approve ? "request.approve" : "request.reject", &r, 1, e);
	}
	/* the last approval (or any rejection) settles the request */
	int settled = !rc && (!in->approve || !has_role_after(t, role));
	if (settled) {
		time_today(today);
		free(q.state);
		q.state = xstrdup(in->approve ? "approved" : "rejected");
		if (in->approve) {
			char until[11];
			date_add_days(today, t->validity_days, until);
			q.valid_until = xstrdup(until);
		}
		rc = put_request(tx, &q, 0, in->approve ? "request.approved" : "request.rejected", e);
	}
	decide_ctx_free(&c);
	request_free(&q);
	return rc;
}

/* ---- carrying out and returning ---- */

static int by_item_key(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* 図表24: acceptable methods depend on what the medium held. */
static const struct request_disposal_method methods[] = {
	{"physical", "物理的破壊（破砕・溶解・焼却・細断）", 1},
	{"degauss", "磁気的破壊", 1},
	{"overwrite_full", "上書き消去（OS から見えない領域を含む）", 1},
	{"block_erase", "ブロック消去", 1},
	{"crypto_erase", "暗号化消去", 1},
	{"overwrite_os", "OS から見える全領域の上書き消去", 0},
	{"format", "フォーマット（初期化）", 0},
};
#define NMETHODS (sizeof methods / sizeof methods[0])

const struct request_disposal_method *request_disposal_methods(size_t *n)
{
	*n = NMETHODS;
	return methods;
}

static char *disposal_method_choices(void)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < NMETHODS; i++)
		buf_printf(&b, "%s%s（%s）", i ? "、" : "", methods[i].id, methods[i].label);
	return buf_take(&b);
}

/* Refuses a method that 図表24 does not allow for this asset. */
static int check_method(struct db *db, const struct asset *a, const char *method, struct err *e)
{
	size_t m = NMETHODS;
	for (size_t i = 0; i < NMETHODS; i++)
		if (strcmp(methods[i].id, method) == 0 || strcmp(methods[i].label, method) == 0)
			m = i;
	if (m == NMETHODS) {
		char *choices = disposal_method_choices();
		err_set(e, ERR_INPUT, "廃棄の方法「%s」はありません（%s）", method, choices);
		free(choices);
		return e->code;
	}
	if (strcmp(methods[m].id, "format") == 0)
		return err_set(e, ERR_INPUT, "フォーマット（初期化）だけでは廃棄として認められません（図表24）");
	int resident_mynumber = a->zone && strcmp(a->zone, "mynumber") == 0 &&
				a->personal && strcmp(a->personal, "none") != 0;
	if (resident_mynumber && strcmp(methods[m].id, "physical") != 0)
		return err_set(e, ERR_INPUT, "マイナンバー利用事務系の住民情報を記録した媒体は物理的破壊で廃棄してください（図表24）");
	struct class_scheme s;
	if (class_scheme_load(db, &s, e))
		return e->code;
	int c = class_baseline(&s, DIM_C, a->level[DIM_C]);
	class_scheme_free(&s);
	if ((c >= 2 || c == 0) && !methods[m].strong)
		return err_set(e, ERR_INPUT, "機密性2以上（または未分類）の情報の廃棄に「%s」は使えません（図表24 の五つの方法から選んでください）",
			       methods[m].label);
	return 0;
}

/* Adds the disposal record (日時・担当者・処理内容, 2.2.10.2) to the fields,
 * keeping the object's keys in byte order. */
static char *with_disposal(const char *fields, const char *method, const char *by, const char *at)
{
	cJSON *obj = cJSON_Parse(fields);
	if (!obj)
		obj = cJSON_CreateObject();
	cJSON_AddStringToObject(obj, "disposal_method", method);
	cJSON_AddStringToObject(obj, "disposed_at", at);
	cJSON_AddStringToObject(obj, "disposed_by", by);
	int n = cJSON_GetArraySize(obj);
	const cJSON **items = xcalloc((size_t)n, sizeof *items);
	int k = 0;
	for (const cJSON *it = obj->child; it; it = it->next)
		items[k++] = it;
	qsort(items, (size_t)k, sizeof *items, by_item_key);
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	for (int i = 0; i < k; i++)
		jw_kv_string(&w, items[i]->string, cJSON_IsString(items[i]) ? items[i]->valuestring : "");
	jw_object_end(&w);
	free(items);
	cJSON_Delete(obj);
	return buf_take(&b);
}

static int dispose_asset(struct tx *tx, struct request *q, const struct staff *actor,
			 const char *method, const char *date, struct err *e)
{
	struct asset a;
	int found;
	if (!method || !*method) {
		char *choices = disposal_method_choices();
		err_set(e, ERR_INPUT, "廃棄の方法（--method）を指定してください: %s", choices);
		free(choices);
		return e->code;
	}
	if (asset_find(tx->db, NULL, q->asset_id, &a, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INTERNAL, "申請 %s の資産がありません", q->request_no);
	int rc = check_method(tx->db, &a, method, e);
	if (!rc) {
		const char *id = method;
		for (size_t i = 0; i < NMETHODS; i++)
			if (strcmp(methods[i].label, method) == 0)
				id = methods[i].id;
		char *fields = with_disposal(q->fields, id, actor->staff_no, date);
		free(q->fields);
		q->fields = fields;
		free(a.state);
		a.state = xstrdup("disposed");
		rc = asset_put(tx, &a, 0, "asset.dispose", e);
	}
	asset_free(&a);
	return rc;
}

int request_done(struct tx *tx, const char *request_no, const char *actor_no, const char *method,
		 const char *date, struct err *e)
{
	struct request q;
	struct staff actor;
	char today[11], day[11];
	if (load_request(tx->db, request_no, &q, e))
		return e->code;
	const struct request_type *t = request_type_find(q.type);
	time_today(today);
	int rc = staff_current(tx->db, actor_no, "実施者", "--as", &actor, e);
	if (rc) {
		request_free(&q);
		return rc;
	}
	if (date && *date)
		rc = date_parse(date, day, e);
	else
		memcpy(day, today, sizeof day);
	if (!rc && strcmp(q.state, "approved") != 0)
		rc = err_set(e, ERR_INPUT, "申請 %s は許可されていないため実施できません（状態: %s）", q.request_no,
			     request_state_label(&q, today));
	if (!rc && request_is_lapsed(&q, today))
		rc = err_set(e, ERR_INPUT, "申請 %s の許可は %s で期限が切れています。申請し直してください",
			     q.request_no, q.valid_until);
	if (!rc && actor.id != q.requester_id)
		rc = err_set(e, ERR_INPUT, "実施を記録できるのは申請者本人です");
	if (!rc && t && t->disposal)
		rc = dispose_asset(tx, &q, &actor, method, day, e);
	if (!rc) {
		free(q.state);
		q.state = xstrdup("done");
		q.done_at = xstrdup(day);
		rc = put_request(tx, &q, 0, "request.done", e);
	}
	staff_free(&actor);
	request_free(&q);
	return rc;
}

int request_return(struct tx *tx, const char *request_no, const char *confirmer_no,
		   const char *date, struct err *e)
{
	struct request q;
	struct staff who;
	struct role_assignments roles = {0};
	struct org_units units = {0};
	char day[11];
	if (load_request(tx->db, request_no, &q, e))
		return e->code;
	const struct request_type *t = request_type_find(q.type);
	int rc = t && t->due_field ? 0 : err_set(e, ERR_INPUT, "申請 %s（%s）には返却がありません", q.request_no,
						t ? t->label : q.type);
	if (!rc && strcmp(q.state, "done") != 0)
		rc = err_set(e, ERR_INPUT, "申請 %s はまだ持ち出されていないか、既に返却済みです", q.request_no);
	if (!rc && date && *date)
		rc = date_parse(date, day, e);
	else if (!rc)
		time_today(day);
	if (!rc)
		rc = staff_current(tx->db, confirmer_no, "確認者", "--as", &who, e);
	if (rc) {
		request_free(&q);
		return rc;
	}
	rc = role_load(tx->db, 1, &roles, e) || org_units_load(tx->db, &units, e) ? e->code : 0;
	if (!rc && !request_role_held(&roles, &units, &q, who.id, "manager"))
		rc = err_set(e, ERR_INPUT, "返却を確認できるのはこの課の情報セキュリティ管理者です");
	if (!rc) {
		free(q.state);
		q.state = xstrdup("returned");
		q.returned_at = xstrdup(day);
		q.confirmed_by = who.id;
		rc = put_request(tx, &q, 0, "request.returned", e);
	}
	role_assignments_free(&roles);
	org_units_free(&units);
	staff_free(&who);
	request_free(&q);
	return rc;
}
