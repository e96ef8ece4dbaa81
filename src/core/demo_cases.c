/*
 * demo_cases.c — the demo municipality's 例外措置 and violations: a permitted
 * exception for a system, an emergency one applied today and still to be
 * reported to the CISO, and a violation under the manager's guidance, so
 * the pages have a register and a timeline to show.
 */
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/exception.h"
#include "core/infosys.h"
#include "core/role.h"
#include "core/staff.h"
#include "core/violation.h"
#include "util/timeutil.h"

/* Whoever holds the role: staff_no and, for system roles, the system code. */
struct holder {
	char staff_no[32], system[32];
	long long staff_id, unit_id;
};

static int find_holder(struct db *db, const struct role_assignments *roles, const char *role,
		       long long unit_id, long long not_staff, struct holder *h, struct err *e)
{
	memset(h, 0, sizeof *h);
	for (size_t i = 0; i < roles->n; i++) {
		const struct role_assignment *a = &roles->v[i];
		if (strcmp(a->role, role) != 0 || (unit_id && a->unit_id != unit_id) || a->staff_id == not_staff)
			continue;
		struct staff_list l;
		char where[64];
		snprintf(where, sizeof where, "id = %lld AND left_on IS NULL", a->staff_id);
		if (staff_load(db, where, &l, e))
			return e->code;
		if (l.n) {
			snprintf(h->staff_no, sizeof h->staff_no, "%s", l.v[0].staff_no);
			h->staff_id = l.v[0].id;
			h->unit_id = a->unit_id;
		}
		staff_list_free(&l);
		if (!h->staff_id)
			continue;
		if (a->system_id) {
			struct info_systems s;
			if (infosys_load(db, &s, e))
				return e->code;
			const struct info_system *sys = infosys_by_id(&s, a->system_id);
			snprintf(h->system, sizeof h->system, "%s", sys ? sys->code : "");
			infosys_free(&s);
		}
		return 0;
	}
	return err_set(e, ERR_INTERNAL, "架空市に%sの役割を持つ職員がいません", role);
}

static int add_exceptions(struct tx *tx, const struct holder *admin, const char *ciso, struct err *e)
{
	char today[11], end[11], *no = NULL;
	time_today(today);
	date_add_days(today, 180, end);
	struct exception_new planned = {
		admin->staff_no, "6.2.4", "窓口で住民と話している間に画面がロックされ、手続きが止まるため",
		"窓口カウンターの受付端末3台（無操作時のロックを60分に延長）",
		"端末を職員の目の届く位置に置き、離席時は必ず手動でロックする。毎日の終業時に操作記録を確認する",
		today, end, NULL, admin->system, 0};
	if (exception_file(tx, &planned, &no, e))
		return e->code;
	int rc = exception_decide(tx, no, ciso, 1, "半年後に見直すこと", e);
	free(no);
	if (rc)
		return rc;
	date_add_days(today, 7, end);
	struct exception_new urgent = {
		admin->staff_no, "6.1.2", "バックアップ装置の故障により、定められた間隔でのバックアップができないため",
		"バックアップ装置の交換まで（外付け媒体へ手動で取得）",
		"毎日終業時に外付け媒体へ手動でバックアップを取り、施錠保管する",
		today, end, NULL, admin->system, 1};
	rc = exception_file(tx, &urgent, &no, e);
	free(no);
	return rc;
}

static int add_violation(struct tx *tx, const struct role_assignments *roles, const struct holder *admin,
			 struct err *e)
{
	struct holder person, manager;
	struct violation_list l;
	char *no = NULL;
	if (find_holder(tx->db, roles, "system_staff", 0, admin->staff_id, &person, e))
		return e->code;
	struct violation_new in = {admin->staff_no, person.staff_no, "5.4.3.3",
				   "パスワードを付箋に書いて端末の画面に貼っていた"};
	if (violation_record(tx, &in, &no, e))
		return e->code;
	if (violation_load(tx->db, &l, e)) {
		free(no);
		return e->code;
	}
	const struct violation *v = violation_by_no(&l, no);
	long long unit_id = v ? v->unit_id : 0;
	violation_list_free(&l);
	/* the person's 課長 guides them; a 課 without one leaves it recorded */
	int rc = 0;
	struct err none = {0};
	if (unit_id && find_holder(tx->db, roles, "manager", unit_id, person.staff_id, &manager, &none) == 0)
		rc = violation_step(tx, no, manager.staff_no, "guidance", "付箋を外させ、パスワードを変更するよう指導した", e);
	free(no);
	return rc;
}

int demo_add_cases(struct tx *tx, struct err *e)
{
	struct role_assignments roles;
	struct holder admin, ciso;
	if (role_load(tx->db, 1, &roles, e))
		return e->code;
	int rc = find_holder(tx->db, &roles, "system_admin", 0, 0, &admin, e) ||
		 find_holder(tx->db, &roles, "ciso", 0, admin.staff_id, &ciso, e) ||
		 add_exceptions(tx, &admin, ciso.staff_no, e) || add_violation(tx, &roles, &admin, e) ? e->code : 0;
	role_assignments_free(&roles);
	return rc;
}
