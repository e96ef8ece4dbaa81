#include "core/role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/infosys.h"
#include "core/org.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/timeutil.h"

void role_read_assignment(struct db_stmt *st, void *elem)
{
	struct role_assignment *a = elem;
	a->id = db_column_int(st, 0);
	a->staff_id = db_column_int(st, 1);
	a->role = col_dup(st, 2);
	a->unit_id = col_id(st, 3);
	a->system_id = col_id(st, 4);
	a->started_on = col_dup(st, 5);
	a->ended_on = col_dup(st, 6);
	a->note = col_dup(st, 7);
}

int role_load(struct db *db, int active_only, struct role_assignments *out, struct err *e)
{
	int rc = rows_load(db, active_only
				       ? "SELECT id, staff_id, role, unit_id, system_id, started_on, ended_on, note"
					 " FROM role_assignment WHERE ended_on IS NULL ORDER BY id"
				       : "SELECT id, staff_id, role, unit_id, system_id, started_on, ended_on, note"
					 " FROM role_assignment ORDER BY id",
			   sizeof *out->v, role_read_assignment, (void **)&out->v, &out->n, e);
	if (rc)
		role_assignments_free(out);
	return rc;
}

void role_assignments_free(struct role_assignments *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].role);
		free(l->v[i].started_on);
		free(l->v[i].ended_on);
		free(l->v[i].note);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Resolves the unit or system the role needs, refusing the wrong kind of scope. */
static int resolve_scope(struct db *db, const struct vocab_entry *role, const struct role_input *in,
			 long long *unit_id, long long *system_id, struct err *e)
{
	enum role_scope scope = (enum role_scope)role->tier;
	*unit_id = *system_id = 0;
	if (scope == SCOPE_NONE) {
		if ((in->unit && *in->unit) || (in->system && *in->system))
			return err_set(e, ERR_INPUT, "%s は団体全体の役割のため、組織やシステムは指定できません",
				       role->label);
		return 0;
	}
	if (scope == SCOPE_SYSTEM) {
		struct info_systems systems;
		if (!in->system || !*in->system)
			return err_set(e, ERR_INPUT, "%s にはシステム（--system）の指定が必要です", role->label);
		if (infosys_load(db, &systems, e))
			return e->code;
		const struct info_system *s = infosys_by_code(&systems, in->system);
		int rc = 0;
		if (!s)
			rc = err_set(e, ERR_INPUT, "システムコード「%s」は登録されていません", in->system);
		else if (s->retired_on)
			rc = err_set(e, ERR_INPUT, "システム「%s」は廃止されています", s->name);
		else
			*system_id = s->id;
		infosys_free(&systems);
		return rc;
	}
	struct org_units units;
	const struct org_unit *unit = NULL;
	if (!in->unit || !*in->unit)
		return err_set(e, ERR_INPUT, "%s には組織（--unit）の指定が必要です", role->label);
	if (org_units_load(db, &units, e))
		return e->code;
	int rc = org_unit_resolve(&units, in->unit, &unit, e);
	int want = scope == SCOPE_BUREAU ? TIER_BUREAU : TIER_SECTION;
	if (!rc && !org_unit_is_open(unit))
		rc = err_set(e, ERR_INPUT, "組織「%s」は廃止されています", unit->name);
	if (!rc && org_unit_tier(unit) != want)
		rc = err_set(e, ERR_INPUT, "%s は%sに置く役割です（「%s」は%s）", role->label,
			     want == TIER_BUREAU ? "部局（行政委員会・議会事務局・消防本部・公営企業を含む）"
						 : "課室または出先機関",
			     unit->name, vocab_label(&vocab_unit_kind, unit->kind));
	if (!rc)
		*unit_id = unit->id;
	org_units_free(&units);
	return rc;
}

static int refuse_duplicate(struct db *db, long long staff_id, const char *role, long long unit_id,
			    long long system_id, struct err *e)
{
	struct role_assignments active;
	if (role_load(db, 1, &active, e))
		return e->code;
	int rc = 0;
	for (size_t i = 0; i < active.n && !rc; i++) {
		struct role_assignment *a = &active.v[i];
		if (a->staff_id == staff_id && strcmp(a->role, role) == 0 && a->unit_id == unit_id &&
		    a->system_id == system_id)
			rc = err_set(e, ERR_INPUT, "同じ役割が既に割り当てられています（割当番号 %lld）", a->id);
	}
	role_assignments_free(&active);
	return rc;
}

static void assignment_row(const struct role_assignment *a, struct row *r)
{
	row_init(r, "role_assignment");
	row_int(r, "id", a->id);
	row_id_ref(r, "staff_id", a->staff_id);
	row_text(r, "role", a->role);
	row_id_ref(r, "unit_id", a->unit_id);
	row_id_ref(r, "system_id", a->system_id);
	row_text(r, "started_on", a->started_on);
	row_text(r, "ended_on", a->ended_on);
	row_text(r, "note", a->note);
}

int role_assign(struct tx *tx, const struct role_input *in, long long *id, struct err *e)
{
	struct staff person;
	int found;
	char day[11];
	const struct vocab_entry *role = vocab_find(&vocab_role, in->role);
	if (!role) {
		char *choices = vocab_choices(&vocab_role);
		err_set(e, ERR_INPUT, "役割「%s」は使えません（%s のいずれか）", in->role ? in->role : "",
			choices);
		free(choices);
		return e->code;
	}
	if (in->date && *in->date) {
		if (date_parse(in->date, day, e))
			return e->code;
	} else {
		time_today(day);
	}
	if (!in->staff_no || !*in->staff_no)
		return err_set(e, ERR_INPUT, "職員番号を指定してください");
	if (staff_find(tx->db, in->staff_no, &person, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "職員番号「%s」は登録されていません", in->staff_no);
	long long unit_id, system_id, staff_id = person.id;
	int rc = 0;
	if (person.left_on)
		rc = err_set(e, ERR_INPUT, "%s（%s）は %s に離任しているため役割を割り当てられません",
			     person.name, person.staff_no, person.left_on);
	staff_free(&person);
	if (!rc)
		rc = resolve_scope(tx->db, role, in, &unit_id, &system_id, e);
	if (!rc)
		rc = refuse_duplicate(tx->db, staff_id, role->id, unit_id, system_id, e);
	if (!rc)
		rc = tx_next_id(tx, "role_assignment", id, e);
	if (!rc) {
		struct role_assignment a = {*id, staff_id, (char *)role->id, unit_id, system_id, day,
					    NULL, (char *)in->note};
		struct row r;
		assignment_row(&a, &r);
		rc = tx_put_row(tx, "role.assign", &r, 1, e);
	}
	return rc;
}

int role_end(struct tx *tx, long long assignment_id, const char *date, struct err *e)
{
	struct role_assignments active;
	char day[11];
	if (date && *date) {
		if (date_parse(date, day, e))
			return e->code;
	} else {
		time_today(day);
	}
	if (role_load(tx->db, 1, &active, e))
		return e->code;
	const struct role_assignment *a = NULL;
	for (size_t i = 0; i < active.n; i++)
		if (active.v[i].id == assignment_id)
			a = &active.v[i];
	int rc = 0;
	if (!a)
		rc = err_set(e, ERR_INPUT, "割当番号 %lld の有効な役割はありません", assignment_id);
	else if (strcmp(day, a->started_on) < 0)
		rc = err_set(e, ERR_INPUT, "終了日 %s が開始日 %s より前です", day, a->started_on);
	if (!rc) {
		struct row r;
		assignment_row(a, &r);
		row_text(&r, "ended_on", day);
		rc = tx_put_row(tx, "role.end", &r, 0, e);
	}
	role_assignments_free(&active);
	return rc;
}
