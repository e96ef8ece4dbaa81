/*
 * audit_member.c — the auditors of an audit and their independence
 * (1.8.2, 9.1.2): nobody audits the 課 they work in, nor a 課 or system
 * over which they hold a role of the security organisation.
 */
#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_internal.h"
#include "core/case_util.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/rows.h"

static void read_member(struct db_stmt *st, void *elem)
{
	struct audit_member *m = elem;
	m->id = db_column_int(st, 0);
	m->audit_id = col_id(st, 1);
	m->staff_id = col_id(st, 2);
	m->external_name = col_dup(st, 3);
	m->role = col_dup(st, 4);
	m->added_at = col_dup(st, 5);
}

int audit_members_load(struct db *db, long long audit_id, struct audit_members *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load_for(db,
			       "SELECT id, audit_id, staff_id, external_name, role, added_at FROM audit_member"
			       " WHERE audit_id = ? ORDER BY id",
			       audit_id, sizeof *out->v, read_member, (void **)&out->v, &out->n, e);
	if (rc)
		audit_members_free(out);
	return rc;
}

void audit_members_free(struct audit_members *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].external_name);
		free(l->v[i].role);
		free(l->v[i].added_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* What the independence test looks at, loaded once. */
struct indep {
	struct org_units units;
	struct info_systems systems;
	struct role_assignments roles;
	struct staff_list staff;
};

static void indep_free(struct indep *d)
{
	org_units_free(&d->units);
	infosys_free(&d->systems);
	role_assignments_free(&d->roles);
	staff_list_free(&d->staff);
}

static int indep_load(struct db *db, long long staff_id, struct indep *d, struct err *e)
{
	char where[64];
	memset(d, 0, sizeof *d);
	snprintf(where, sizeof where, "id = %lld", staff_id);
	if (org_units_load(db, &d->units, e) || infosys_load(db, &d->systems, e) || role_load(db, 1, &d->roles, e) ||
	    staff_load(db, where, &d->staff, e))
		return e->code;
	return 0;
}

static const char *unit_name(const struct indep *d, long long id)
{
	const struct org_unit *u = org_unit_by_id(&d->units, id);
	return u ? u->name : "?";
}

static const char *system_name(const struct indep *d, long long id)
{
	const struct info_system *s = infosys_by_id(&d->systems, id);
	return s ? s->name : "?";
}

/* A role assignment of the person that reaches the audited 課 or system;
 * writes why into e. */
static int role_conflict(const struct indep *d, const struct staff *s, const struct role_assignment *r,
			 long long unit, long long system, struct err *e)
{
	static const struct {
		const char *role, *label;
	} scoped[] = {{"manager", "情報セキュリティ管理者"}, {"officer", "情報セキュリティ責任者"},
		      {"system_admin", "情報システム管理者"}, {"system_staff", "情報システム担当者"}};
	const char *label = NULL;
	for (size_t i = 0; i < sizeof scoped / sizeof scoped[0]; i++)
		if (strcmp(r->role, scoped[i].role) == 0)
			label = scoped[i].label;
	if (!label)
		return 0;
	if (r->unit_id && unit && org_unit_within(&d->units, unit, r->unit_id))
		return err_set(e, ERR_INPUT, "%s（%s）は監査対象の%sに対して%sの役割を持つため、監査人になれません（独立性 1.8.2・9.1.2）",
			       s->name, s->staff_no, unit_name(d, unit), label);
	if (r->unit_id && unit && org_unit_within(&d->units, r->unit_id, unit))
		return err_set(e, ERR_INPUT, "%s（%s）は監査対象の%sの中の%sで%sの役割を持つため、監査人になれません（独立性 1.8.2・9.1.2）",
			       s->name, s->staff_no, unit_name(d, unit), unit_name(d, r->unit_id), label);
	if (r->system_id && system && r->system_id == system)
		return err_set(e, ERR_INPUT, "%s（%s）は監査対象の情報システム「%s」の%sのため、監査人になれません（独立性 1.8.2・9.1.2）",
			       s->name, s->staff_no, system_name(d, system), label);
	const struct info_system *sys = r->system_id ? infosys_by_id(&d->systems, r->system_id) : NULL;
	if (sys && unit && sys->unit_id && org_unit_within(&d->units, sys->unit_id, unit))
		return err_set(e, ERR_INPUT, "%s（%s）は監査対象の%sが所管する情報システム「%s」の%sのため、監査人になれません（独立性 1.8.2・9.1.2）",
			       s->name, s->staff_no, unit_name(d, unit), sys->name, label);
	return 0;
}

int audit_independence(struct db *db, const struct audit *a, long long staff_id, struct err *e)
{
	struct indep d;
	int rc = indep_load(db, staff_id, &d, e);
	if (!rc && d.staff.n != 1)
		rc = err_set(e, ERR_INPUT, "職員（id %lld）は登録されていません", staff_id);
	const struct staff *s = rc ? NULL : &d.staff.v[0];
	long long unit = a->unit_id, system = a->system_id;
	if (!rc && unit && s->unit_id && org_unit_within(&d.units, s->unit_id, unit))
		rc = err_set(e, ERR_INPUT, "%s（%s）は監査対象の%sに所属しているため、監査人になれません（独立性 1.8.2・9.1.2）",
			     s->name, s->staff_no, unit_name(&d, unit));
	for (size_t i = 0; !rc && i < d.roles.n; i++)
		if (d.roles.v[i].staff_id == staff_id)
			rc = role_conflict(&d, s, &d.roles.v[i], unit, system, e);
	indep_free(&d);
	return rc;
}

static int put_member(struct tx *tx, const struct audit_member *m, struct err *e)
{
	struct row r;
	row_init(&r, "audit_member");
	row_int(&r, "id", m->id);
	row_id_ref(&r, "audit_id", m->audit_id);
	row_id_ref(&r, "staff_id", m->staff_id);
	row_text(&r, "external_name", m->external_name);
	row_text(&r, "role", m->role);
	row_text(&r, "added_at", m->added_at);
	return tx_put_row(tx, "audit.member.add", &r, 1, e);
}

static int check_role(const char *role, struct err *e)
{
	if (strcmp(role, "lead") == 0 || strcmp(role, "auditor") == 0)
		return 0;
	return err_set(e, ERR_INPUT, "監査人の役割は lead（主任監査人）か auditor（監査人）です：「%s」", role);
}

/* The same person (or the same outside name) twice is a mistake. */
static int check_duplicate(struct db *db, const struct audit *a, long long staff_id, const char *external,
			   struct err *e)
{
	struct audit_members ms;
	if (audit_members_load(db, a->id, &ms, e))
		return e->code;
	int rc = 0;
	for (size_t i = 0; !rc && i < ms.n; i++)
		if ((staff_id && ms.v[i].staff_id == staff_id) ||
		    (external && ms.v[i].external_name && strcmp(ms.v[i].external_name, external) == 0))
			rc = err_set(e, ERR_INPUT, "この監査人は既に監査 %s に加わっています", a->audit_no);
	audit_members_free(&ms);
	return rc;
}

int audit_member_add(struct tx *tx, const char *audit_no, const char *staff_no, const char *external_name,
		     const char *role, const char *actor_no, struct err *e)
{
	struct audit_ctx x;
	struct audit_member m = {0};
	struct staff who = {0};
	int have_who = 0;
	int internal = staff_no && *staff_no, external = external_name && *external_name;
	int rc = audit_act_begin(tx->db, audit_no, actor_no, "監査人を追加する職員", &x, e);
	if (!rc)
		rc = audit_need_lead(&x, "監査人の追加", e);
	if (!rc)
		rc = audit_need_open(&x.a, e);
	if (!rc && internal == external)
		rc = err_set(e, ERR_INPUT, "監査人は職員番号（--staff）か外部監査人の氏名（--external）のどちらか一方で指定してください");
	if (!rc)
		rc = check_role(role && *role ? role : "auditor", e);
	if (!rc && internal) {
		rc = staff_current(tx->db, staff_no, "監査人", "--staff", &who, e);
		have_who = !rc;
	}
	if (!rc && internal)
		rc = audit_independence(tx->db, &x.a, who.id, e);
	if (!rc)
		rc = check_duplicate(tx->db, &x.a, have_who ? who.id : 0, external ? external_name : NULL, e);
	if (!rc)
		rc = tx_next_id(tx, "audit_member", &m.id, e);
	if (!rc) {
		m.audit_id = x.a.id;
		m.staff_id = have_who ? who.id : 0;
		m.external_name = external ? (char *)external_name : NULL;
		m.role = (char *)(role && *role ? role : "auditor");
		m.added_at = tx->at;
		rc = put_member(tx, &m, e);
	}
	if (!rc)
		rc = audit_step(tx, x.a.id, x.who.id, "member_added",
				case_body(3, "external_name", m.external_name, "role", m.role, "staff_no",
					  have_who ? who.staff_no : NULL),
				e);
	if (have_who)
		staff_free(&who);
	audit_act_end(&x);
	return rc;
}

int audit_need_team(struct db *db, const struct audit_ctx *x, const char *doing, struct err *e)
{
	struct audit_members ms;
	if (audit_is_lead(&x->roles, x->who.id))
		return 0;
	if (audit_members_load(db, x->a.id, &ms, e))
		return e->code;
	int member = audit_is_member(&ms, x->who.id);
	audit_members_free(&ms);
	if (member)
		return 0;
	return err_set(e, ERR_INPUT, "%sができるのは監査 %s の監査人、情報セキュリティ監査統括責任者か CISO です（%s（%s）は該当しません）",
		       doing, x->a.audit_no, x->who.name, x->who.staff_no);
}

int audit_is_member(const struct audit_members *l, long long staff_id)
{
	for (size_t i = 0; i < l->n; i++)
		if (staff_id && l->v[i].staff_id == staff_id)
			return 1;
	return 0;
}
