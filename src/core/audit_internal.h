/*
 * audit_internal.h — what the audit_*.c files share and nothing else
 * includes: loading the audit and the acting person for a step, and adding
 * the step to the audit's timeline.
 */
#ifndef MAMORI_AUDIT_INTERNAL_H
#define MAMORI_AUDIT_INTERNAL_H

#include "core/audit.h"
#include "core/role.h"
#include "core/staff.h"

/* An audit by number and the acting member of staff with every active role. */
struct audit_ctx {
	struct audit a;
	struct staff who;
	struct role_assignments roles;
	int loaded;
};

/* Loads the audit (unless audit_no is NULL), the actor and the roles. */
int audit_act_begin(struct db *db, const char *audit_no, const char *actor_no, const char *what,
		    struct audit_ctx *x, struct err *e);
void audit_act_end(struct audit_ctx *x);
/* ERR_INPUT naming the person unless they are the audit lead or the CISO. */
int audit_need_lead(const struct audit_ctx *x, const char *doing, struct err *e);
/* ERR_INPUT unless the person is the audit lead, the CISO or one of the
 * audit's internal auditors (audit_member.c). */
int audit_need_team(struct db *db, const struct audit_ctx *x, const char *doing, struct err *e);
/* ERR_INPUT unless the audit is still open. */
int audit_need_open(const struct audit *a, struct err *e);
/* Adds a step to the audit's timeline; takes ownership of body (may be NULL). */
int audit_step(struct tx *tx, long long audit_id, long long actor_id, const char *kind, char *body,
	       struct err *e);
int audit_put(struct tx *tx, const struct audit *a, int insert, const char *kind, struct err *e);

#endif
