/*
 * role.h — role assignments (guideline chapter 1): who holds which role, for
 * which 部局/課室 or information system, from when until when.
 *
 * An assignment is never deleted; ending it sets ended_on.  Organisation-wide
 * roles (CISO, 統括, committee, CSIRT …) have no scope; 情報セキュリティ責任者
 * is scoped to a 部局-level unit, 情報セキュリティ管理者 to a 課室-level unit,
 * and the system roles to an information system.
 */
#ifndef MAMORI_ROLE_H
#define MAMORI_ROLE_H

#include <stddef.h>

#include "store/tx.h"

struct role_assignment {
	long long id;
	long long staff_id;
	char *role;
	long long unit_id;   /* 0 when not unit-scoped */
	long long system_id; /* 0 when not system-scoped */
	char *started_on;
	char *ended_on;      /* NULL while active */
	char *note;
};

struct role_assignments {
	size_t n;
	struct role_assignment *v;
};

/* active_only: only assignments with no ended_on. */
int role_load(struct db *db, int active_only, struct role_assignments *out, struct err *e);
/* One assignment (elem: struct role_assignment) from a row in role_load's column order. */
void role_read_assignment(struct db_stmt *st, void *elem);
void role_assignments_free(struct role_assignments *l);

struct role_input {
	const char *role;     /* id or label */
	const char *staff_no;
	const char *unit;     /* code or unique name, for scoped roles */
	const char *system;   /* system code, for system roles */
	const char *date;     /* start; default today */
	const char *note;
};

int role_assign(struct tx *tx, const struct role_input *in, long long *id, struct err *e);
int role_end(struct tx *tx, long long assignment_id, const char *date, struct err *e);

#endif
