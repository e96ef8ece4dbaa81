/*
 * case_scope.c — scope of the 例外措置 and violation pages (case_scope.h).
 */
#include "web/case_scope.h"

#include "core/case_util.h"
#include "web/scope.h"

static const char *const whole_register[] = {"ciso", "deputy_ciso", "chief_officer", "audit_lead", NULL};

const char *const case_roles_violations[] = {"ciso",    "deputy_ciso", "chief_officer", "audit_lead",
					     "officer", "manager",     NULL};
const char *const case_roles_exception_file[] = {"manager", "system_admin", NULL};

int case_scope_sees_all(const struct web_user *u)
{
	return u && web_user_has_any(u, whole_register);
}

int case_exception_visible(const struct web_user *u, const struct exception_req *x)
{
	if (!u)
		return 0;
	if (case_scope_sees_all(u) || x->requester_id == u->staff.id)
		return 1;
	if (x->system_id && case_role_held(&u->roles, u->staff.id, "system_admin", 0, x->system_id))
		return 1;
	return x->unit_id && scope_unit_covered(u, x->unit_id);
}

int case_exception_may_file(const struct web_user *u)
{
	return u && web_user_has_any(u, case_roles_exception_file);
}

int case_violations_reader(const struct web_user *u)
{
	return u && web_user_has_any(u, case_roles_violations);
}

int case_violation_person_in_scope(const struct web_user *u, long long staff_id, long long unit_id)
{
	/* a manager's own case is for those above them, not for them */
	return case_scope_sees_all(u) || (staff_id != u->staff.id && scope_unit_covered(u, unit_id));
}

int case_violation_visible(const struct web_user *u, const struct violation *v)
{
	return u && case_violation_person_in_scope(u, v->staff_id, v->unit_id);
}
