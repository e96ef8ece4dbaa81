/*
 * violation.c — recording violations, guidance, and suspending or revoking
 * the violator's rights (violation.h).
 */
#include "core/violation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/case_event.h"
#include "core/case_util.h"
#include "core/org.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/timeutil.h"

#define VIOLATION_COLUMNS \
	"id, violation_no, staff_id, unit_id, clause, description, found_by, found_at, state, closed_at"

/* ---- loading ---- */

static void read_violation(struct db_stmt *st, void *elem)
{
	struct violation *v = elem;
	v->id = db_column_int(st, 0);
	v->violation_no = col_dup(st, 1);
	v->staff_id = col_id(st, 2);
	v->unit_id = col_id(st, 3);
	v->clause = col_dup(st, 4);
	v->description = col_dup(st, 5);
	v->found_by = col_id(st, 6);
	v->found_at = col_dup(st, 7);
	v->state = col_dup(st, 8);
	v->closed_at = col_dup(st, 9);
}

static void violation_free(struct violation *v)
{
	free(v->violation_no);
	free(v->clause);
	free(v->description);
	free(v->found_at);
	free(v->state);
	free(v->closed_at);
	memset(v, 0, sizeof *v);
}

int violation_load(struct db *db, struct violation_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load(db, "SELECT " VIOLATION_COLUMNS " FROM violation ORDER BY id", sizeof *out->v,
			   read_violation, (void **)&out->v, &out->n, e);
	if (rc)
		violation_list_free(out);
	return rc;
}

void violation_list_free(struct violation_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		violation_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

const struct violation *violation_by_no(const struct violation_list *l, const char *no)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].violation_no, no) == 0)
			return &l->v[i];
	return NULL;
}

const char *violation_state_label(const char *state)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"recorded", "記録"},    {"guided", "指導中"},      {"corrected", "是正済み"},
		      {"suspended", "利用停止"}, {"lifted", "停止解除"}, {"revoked", "利用権剥奪"}};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, state) == 0)
			return labels[i].label;
	return state;
}

static void read_action(struct db_stmt *st, void *elem)
{
	struct rights_action *a = elem;
	a->id = db_column_int(st, 0);
	a->violation_id = col_id(st, 1);
	a->staff_id = col_id(st, 2);
	a->role_assignment_id = col_id(st, 3);
	a->system_id = col_id(st, 4);
	a->action = col_dup(st, 5);
	a->at = col_dup(st, 6);
	a->lifted_at = col_dup(st, 7);
}

int rights_actions_load(struct db *db, struct rights_actions *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load(db, "SELECT id, violation_id, staff_id, role_assignment_id, system_id, action, at,"
			       " lifted_at FROM rights_action ORDER BY id",
			   sizeof *out->v, read_action, (void **)&out->v, &out->n, e);
	if (rc)
		rights_actions_free(out);
	return rc;
}

void rights_actions_free(struct rights_actions *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].action);
		free(l->v[i].at);
		free(l->v[i].lifted_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- writing ---- */

static int put_violation(struct tx *tx, const struct violation *v, int insert, const char *kind,
			 struct err *e)
{
	struct row r;
	row_init(&r, "violation");
	row_int(&r, "id", v->id);
	row_text(&r, "violation_no", v->violation_no);
	row_id_ref(&r, "staff_id", v->staff_id);
	row_id_ref(&r, "unit_id", v->unit_id);
	row_text(&r, "clause", v->clause);
	row_text(&r, "description", v->description);
	row_id_ref(&r, "found_by", v->found_by);
	row_text(&r, "found_at", v->found_at);
	row_text(&r, "state", v->state);
	row_text(&r, "closed_at", v->closed_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

static int put_action(struct tx *tx, const struct rights_action *a, int insert, const char *kind,
		      struct err *e)
{
	struct row r;
	row_init(&r, "rights_action");
	row_int(&r, "id", a->id);
	row_id_ref(&r, "violation_id", a->violation_id);
	row_id_ref(&r, "staff_id", a->staff_id);
	row_id_ref(&r, "role_assignment_id", a->role_assignment_id);
	row_id_ref(&r, "system_id", a->system_id);
	row_text(&r, "action", a->action);
	row_text(&r, "at", a->at);
	row_text(&r, "lifted_at", a->lifted_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

static int step(struct tx *tx, const struct violation *v, long long actor, const char *kind,
		char *body, struct err *e)
{
	int rc = case_event_add(tx, CASE_VIOLATION, v->id, actor, kind, body, NULL, e);
	free(body);
	return rc;
}

/* The 職員番号 of everyone holding `role` (for unit_id when not 0), "," separated. */
static char *holders(struct db *db, const struct role_assignments *roles, const char *role,
		     long long unit_id, struct err *e, int *rc)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; !*rc && i < roles->n; i++) {
		const struct role_assignment *a = &roles->v[i];
		if (strcmp(a->role, role) != 0 || (unit_id && a->unit_id != unit_id))
			continue;
		struct db_stmt *st;
		if (db_prepare(db, "SELECT staff_no FROM staff WHERE id = ?", &st, e)) {
			*rc = e->code;
			break;
		}
		db_bind_int(st, 1, a->staff_id);
		if (db_step(st, e) == DB_ROW) {
			char *no = col_dup(st, 0);
			buf_printf(&b, "%s%s", b.len ? "," : "", no ? no : "");
			free(no);
		}
		db_finalize(st);
	}
	char *s = buf_take(&b);
	return s ? s : xstrdup("");
}

static int notify(struct tx *tx, const struct violation *v, long long actor, const char *party,
		  const struct role_assignments *roles, const char *note, struct err *e)
{
	int rc = 0;
	char *to = holders(tx->db, roles, party, strcmp(party, "manager") == 0 ? v->unit_id : 0, e, &rc);
	if (!rc) {
		char kind[32];
		snprintf(kind, sizeof kind, "notify_%s", party);
		rc = step(tx, v, actor, kind,
			  case_body(3, "note", note, "party", party, "to", *to ? to : "（該当者なし）"), e);
	}
	free(to);
	return rc;
}

/* The clause is optional for a violation; a given one must exist. */
static int check_clause(const char *id, struct err *e)
{
	return id && *id ? case_clause_known(id, e) : 0;
}

/* The 課 the person belongs to: their unit, up to the 課 tier. */
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

int violation_record(struct tx *tx, const struct violation_new *in, char **violation_no, struct err *e)
{
	struct violation v = {0};
	struct staff finder, person;
	struct role_assignments roles;
	char no[32];
	*violation_no = NULL;
	if (!in->description || !*in->description)
		return err_set(e, ERR_INPUT, "違反の内容を指定してください（--description）");
	if (check_clause(in->clause, e))
		return e->code;
	if (staff_current(tx->db, in->finder_no, "確認者", NULL, &finder, e))
		return e->code;
	if (staff_current(tx->db, in->staff_no, "違反した職員", NULL, &person, e)) {
		staff_free(&finder);
		return e->code;
	}
	int rc = 0;
	v.unit_id = section_of(tx->db, person.unit_id, e, &rc);
	if (!rc)
		rc = role_load(tx->db, 1, &roles, e);
	if (rc) {
		staff_free(&finder);
		staff_free(&person);
		return rc;
	}
	rc = tx_next_id(tx, "violation", &v.id, e);
	if (!rc) {
		case_number("V", v.id, no);
		v.violation_no = xstrdup(no);
		v.staff_id = person.id;
		v.clause = in->clause && *in->clause ? xstrdup(in->clause) : NULL;
		v.description = xstrdup(in->description);
		v.found_by = finder.id;
		v.found_at = xstrdup(tx->at);
		v.state = xstrdup("recorded");
		rc = put_violation(tx, &v, 1, "violation.record", e);
	}
	if (!rc)
		rc = step(tx, &v, finder.id, "recorded",
			  case_body(3, "clause", v.clause, "description", v.description, "staff", person.staff_no), e);
	/* 7.6(2)①②: the person's 情報セキュリティ管理者 is told at once */
	if (!rc)
		rc = notify(tx, &v, finder.id, "manager", &roles, NULL, e);
	if (!rc) {
		*violation_no = v.violation_no;
		v.violation_no = NULL;
	}
	role_assignments_free(&roles);
	staff_free(&finder);
	staff_free(&person);
	violation_free(&v);
	return rc;
}

/* The violation by number and the acting member of staff, with roles. */
struct act {
	struct violation v;
	struct staff who;
	struct role_assignments roles;
	int loaded;
};

static int load_one(struct db *db, const char *no, struct violation *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	return case_load_by_no(db, "SELECT " VIOLATION_COLUMNS " FROM violation WHERE violation_no = ?", "違反",
			       no, read_violation, v, e);
}

static int act_begin(struct tx *tx, const char *no, const char *actor_no, struct act *a, struct err *e)
{
	memset(a, 0, sizeof *a);
	if (load_one(tx->db, no, &a->v, e))
		return e->code;
	a->loaded = 1;
	if (staff_current(tx->db, actor_no, "操作する職員", NULL, &a->who, e))
		return e->code;
	a->loaded = 2;
	if (role_load(tx->db, 1, &a->roles, e))
		return e->code;
	a->loaded = 3;
	return 0;
}

static void act_end(struct act *a)
{
	if (a->loaded >= 1)
		violation_free(&a->v);
	if (a->loaded >= 2)
		staff_free(&a->who);
	if (a->loaded >= 3)
		role_assignments_free(&a->roles);
}

static int set_state(struct tx *tx, struct act *a, const char *state, int closes, const char *kind,
		     struct err *e)
{
	free(a->v.state);
	a->v.state = xstrdup(state);
	if (closes)
		a->v.closed_at = xstrdup(tx->at);
	return put_violation(tx, &a->v, 0, kind, e);
}

static int is_open(const struct violation *v)
{
	return strcmp(v->state, "recorded") == 0 || strcmp(v->state, "guided") == 0;
}

int violation_step(struct tx *tx, const char *no, const char *actor_no, const char *kind,
		   const char *text, struct err *e)
{
	struct act a;
	int guidance = kind && strcmp(kind, "guidance") == 0, corrected = kind && strcmp(kind, "corrected") == 0;
	if (!guidance && !corrected && !(kind && strcmp(kind, "note") == 0))
		return err_set(e, ERR_INPUT, "記録の種類は guidance（指導）、corrected（是正）、note（記録）のいずれかです");
	int rc = act_begin(tx, no, actor_no, &a, e);
	int manager = !rc && (case_role_held(&a.roles, a.who.id, "manager", a.v.unit_id, 0) ||
			      case_role_held(&a.roles, a.who.id, "chief_officer", 0, 0));
	if (!rc && (guidance || corrected) && !manager)
		rc = err_set(e, ERR_INPUT, "指導・是正を記録できるのは違反した職員の課の情報セキュリティ管理者か統括情報セキュリティ責任者です");
	if (!rc && (guidance || corrected) && !is_open(&a.v))
		rc = err_set(e, ERR_INPUT, "違反 %s は %s のため、指導・是正は記録できません", a.v.violation_no,
			     violation_state_label(a.v.state));
	if (!rc && guidance && strcmp(a.v.state, "guided") != 0)
		rc = set_state(tx, &a, "guided", 0, "violation.guidance", e);
	if (!rc && corrected)
		rc = set_state(tx, &a, "corrected", 1, "violation.corrected", e);
	if (!rc)
		rc = step(tx, &a.v, a.who.id, kind, case_body(1, "note", text), e);
	act_end(&a);
	return rc;
}

/* The person's mamori account: its login and whether it is enabled. */
static int account_of(struct db *db, long long staff_id, char **login, int *enabled, struct err *e)
{
	struct db_stmt *st;
	*login = NULL;
	*enabled = 0;
	if (db_prepare(db, "SELECT login, disabled_at FROM account WHERE staff_id = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, staff_id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW) {
		*login = col_dup(st, 0);
		*enabled = db_column_is_null(st, 1);
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

/* The last account step of the timeline ("account_disable" | "account_enable"), or "". */
static int last_account_step(struct db *db, long long id, char kind[32], struct err *e)
{
	struct case_events ev;
	kind[0] = '\0';
	if (case_events_load(db, CASE_VIOLATION, id, &ev, e))
		return e->code;
	for (size_t i = 0; i < ev.n; i++)
		if (strncmp(ev.v[i].kind, "account_", 8) == 0)
			snprintf(kind, 32, "%s", ev.v[i].kind);
	case_events_free(&ev);
	return 0;
}

/* Records that the account follows the rights: disabled on suspension, re-enabled on lift. */
static int account_step(struct tx *tx, const struct violation *v, long long actor, int disable,
			struct err *e)
{
	char *login, last[32];
	int enabled, rc = account_of(tx->db, v->staff_id, &login, &enabled, e);
	if (!rc)
		rc = last_account_step(tx->db, v->id, last, e);
	if (!rc && login && disable && enabled)
		rc = step(tx, v, actor, "account_disable", case_body(1, "login", login), e);
	if (!rc && login && !disable && strcmp(last, "account_disable") == 0)
		rc = step(tx, v, actor, "account_enable", case_body(1, "login", login), e);
	free(login);
	return rc;
}

int violation_account_follow(struct db *db, const char *no, struct err *e)
{
	struct violation v;
	char *login = NULL, last[32];
	int enabled = 0;
	if (load_one(db, no, &v, e))
		return e->code;
	int rc = last_account_step(db, v.id, last, e) || account_of(db, v.staff_id, &login, &enabled, e) ? e->code : 0;
	if (!rc && login && strcmp(last, "account_disable") == 0 && enabled)
		rc = account_disable(db, login, e);
	else if (!rc && login && strcmp(last, "account_enable") == 0 && !enabled)
		rc = account_enable(db, login, e);
	free(login);
	violation_free(&v);
	return rc;
}

/* One rights_action for the person, and one per system role they hold. */
static int write_rights(struct tx *tx, const struct act *a, const char *action, int *count, struct err *e)
{
	struct rights_action r = {0};
	r.violation_id = a->v.id;
	r.staff_id = a->v.staff_id;
	r.action = (char *)action;
	r.at = tx->at;
	*count = 0;
	if (tx_next_id(tx, "rights_action", &r.id, e) || put_action(tx, &r, 1, "violation.rights", e))
		return e->code;
	(*count)++;
	for (size_t i = 0; i < a->roles.n; i++) {
		const struct role_assignment *ra = &a->roles.v[i];
		if (ra->staff_id != a->v.staff_id || !ra->system_id)
			continue;
		r.role_assignment_id = ra->id;
		r.system_id = ra->system_id;
		if (tx_next_id(tx, "rights_action", &r.id, e) || put_action(tx, &r, 1, "violation.rights", e))
			return e->code;
		(*count)++;
	}
	return 0;
}

int violation_restrict(struct tx *tx, const char *no, const char *actor_no, int revoke,
		       const char *note, struct err *e)
{
	struct act a;
	const char *what = revoke ? "剥奪" : "停止";
	int rc = act_begin(tx, no, actor_no, &a, e);
	if (!rc && !case_role_held(&a.roles, a.who.id, "chief_officer", 0, 0))
		rc = err_set(e, ERR_INPUT, "利用権の%sができるのは統括情報セキュリティ責任者です（7.6(2)③）", what);
	int from_guided = !rc && strcmp(a.v.state, "guided") == 0;
	int from_suspended = !rc && revoke && strcmp(a.v.state, "suspended") == 0;
	if (!rc && strcmp(a.v.state, "recorded") == 0)
		rc = err_set(e, ERR_INPUT, "違反 %s はまだ情報セキュリティ管理者の指導が記録されていません"
			     "（指導しても改善されないときに%sできます）", a.v.violation_no, what);
	else if (!rc && !from_guided && !from_suspended)
		rc = err_set(e, ERR_INPUT, "違反 %s は %s のため、利用権を%sできません", a.v.violation_no,
			     violation_state_label(a.v.state), what);
	int count = 0;
	if (!rc)
		rc = write_rights(tx, &a, revoke ? "revoke" : "suspend", &count, e);
	if (!rc)
		rc = set_state(tx, &a, revoke ? "revoked" : "suspended", revoke,
			       revoke ? "violation.revoke" : "violation.suspend", e);
	if (!rc) {
		char n[24];
		snprintf(n, sizeof n, "%d", count);
		rc = step(tx, &a.v, a.who.id, revoke ? "revoked" : "suspended", case_body(2, "note", note, "rights", n), e);
	}
	if (!rc)
		rc = account_step(tx, &a.v, a.who.id, 1, e);
	/* 7.6(2)③: the CISO and the 課's manager are told at once */
	if (!rc)
		rc = notify(tx, &a.v, a.who.id, "ciso", &a.roles, NULL, e);
	if (!rc)
		rc = notify(tx, &a.v, a.who.id, "manager", &a.roles, NULL, e);
	act_end(&a);
	return rc;
}

int violation_lift(struct tx *tx, const char *no, const char *actor_no, const char *note,
		   struct err *e)
{
	struct act a;
	struct rights_actions all = {0};
	int rc = act_begin(tx, no, actor_no, &a, e);
	if (!rc && !case_role_held(&a.roles, a.who.id, "chief_officer", 0, 0))
		rc = err_set(e, ERR_INPUT, "利用停止を解除できるのは統括情報セキュリティ責任者です");
	if (!rc && strcmp(a.v.state, "suspended") != 0)
		rc = err_set(e, ERR_INPUT, "違反 %s は利用停止中ではありません（%s）", a.v.violation_no,
			     violation_state_label(a.v.state));
	if (!rc)
		rc = rights_actions_load(tx->db, &all, e);
	for (size_t i = 0; !rc && i < all.n; i++) {
		struct rights_action *r = &all.v[i];
		if (r->violation_id != a.v.id || strcmp(r->action, "suspend") != 0 || r->lifted_at)
			continue;
		r->lifted_at = xstrdup(tx->at);
		rc = put_action(tx, r, 0, "violation.lift", e);
	}
	if (!rc)
		rc = set_state(tx, &a, "lifted", 1, "violation.lifted", e);
	if (!rc)
		rc = step(tx, &a.v, a.who.id, "lifted", case_body(1, "note", note), e);
	if (!rc)
		rc = account_step(tx, &a.v, a.who.id, 0, e);
	if (!rc)
		rc = notify(tx, &a.v, a.who.id, "manager", &a.roles, NULL, e);
	rights_actions_free(&all);
	act_end(&a);
	return rc;
}

int violation_state_allows(const struct violation *v, enum violation_act act)
{
	switch (act) {
	case VIOLATION_GUIDANCE:
	case VIOLATION_CORRECTED:
		return is_open(v);
	case VIOLATION_NOTE:
		return 1;
	case VIOLATION_SUSPEND:
		return strcmp(v->state, "guided") == 0;
	case VIOLATION_REVOKE:
		return strcmp(v->state, "guided") == 0 || strcmp(v->state, "suspended") == 0;
	case VIOLATION_LIFT:
		return strcmp(v->state, "suspended") == 0;
	}
	return 0;
}

int violation_role_allows(const struct role_assignments *roles, long long staff_id, const struct violation *v,
			  enum violation_act act)
{
	int chief = case_role_held(roles, staff_id, "chief_officer", 0, 0);
	switch (act) {
	case VIOLATION_GUIDANCE:
	case VIOLATION_CORRECTED:
		return chief || case_role_held(roles, staff_id, "manager", v->unit_id, 0);
	case VIOLATION_NOTE:
		return 1;
	case VIOLATION_SUSPEND:
	case VIOLATION_REVOKE:
	case VIOLATION_LIFT:
		return chief;
	}
	return 0;
}

int violation_may(const struct role_assignments *roles, long long staff_id, const struct violation *v,
		  enum violation_act act)
{
	return violation_state_allows(v, act) && violation_role_allows(roles, staff_id, v, act);
}
