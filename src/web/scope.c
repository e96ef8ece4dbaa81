/*
 * scope.c — organisational scope (scope.h).
 */
#include "web/scope.h"

#include <string.h>

static const char *const whole_register[] = {"ciso", "deputy_ciso", "chief_officer",
					     "audit_lead", NULL};

int scope_sees_all_assets(const struct web_user *u)
{
	return web_user_has_any(u, whole_register);
}

/* Whether one of u's officer/manager assignments covers unit_id. */
static int unit_role_covers(const struct web_user *u, long long unit_id)
{
	for (size_t i = 0; i < u->roles.n; i++) {
		const struct role_assignment *r = &u->roles.v[i];
		if (strcmp(r->role, "officer") != 0 && strcmp(r->role, "manager") != 0)
			continue;
		if (r->unit_id && org_unit_within(&u->units, unit_id, r->unit_id))
			return 1;
	}
	return 0;
}

int scope_unit_covered(const struct web_user *u, long long unit_id)
{
	return u && unit_role_covers(u, unit_id);
}

int scope_asset_visible(const struct web_user *u, const struct asset *a)
{
	if (!u)
		return 0;
	if (scope_sees_all_assets(u))
		return 1;
	if (a->manager_id && a->manager_id == u->staff.id)
		return 1;
	return unit_role_covers(u, a->unit_id);
}

static const char *const incident_roles[] = {"ciso",  "deputy_ciso", "chief_officer",
					     "csirt", "csirt_lead",  NULL};

int scope_contact_details_all(const struct web_user *u)
{
	return u && web_user_has_any(u, incident_roles);
}

int scope_contact_details_visible(const struct web_user *u, long long person_unit_id)
{
	if (!u)
		return 0;
	return scope_contact_details_all(u) || unit_role_covers(u, person_unit_id);
}

int scope_staff_visible(const struct web_user *u, long long unit_id)
{
	if (!u)
		return 0;
	return scope_sees_all_assets(u) || unit_role_covers(u, unit_id);
}
