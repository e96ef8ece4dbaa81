/*
 * incident_scope.c — which incidents a signed-in person may see
 * (incident_scope.h).
 */
#include "web/incident_scope.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/scope.h"

static const char *const whole_list[] = {"ciso",       "deputy_ciso", "chief_officer", "csirt",
					 "csirt_lead", "audit_lead",  NULL};

int incident_scope_sees_all(const struct web_user *u)
{
	return u && web_user_has_any(u, whole_list);
}

/* The units u's officer/manager roles cover, from the cached tree. */
static void covered_units(const struct web_user *u, struct incident_scope *s)
{
	long long *v = xcalloc(u->units.n + 1, sizeof *v);
	for (size_t i = 0; i < u->units.n; i++)
		if (scope_unit_covered(u, u->units.v[i].id))
			v[s->nunits++] = u->units.v[i].id;
	s->unit_ids = v;
}

static void administered_systems(const struct web_user *u, struct incident_scope *s)
{
	long long *v = xcalloc(u->roles.n + 1, sizeof *v);
	for (size_t i = 0; i < u->roles.n; i++)
		if (strcmp(u->roles.v[i].role, "system_admin") == 0 && u->roles.v[i].system_id)
			v[s->nsystems++] = u->roles.v[i].system_id;
	s->system_ids = v;
}

const struct incident_scope *incident_scope_of(const struct web_user *u, struct incident_scope *s)
{
	memset(s, 0, sizeof *s);
	if (incident_scope_sees_all(u))
		return NULL;
	s->staff_id = u->staff.id;
	covered_units(u, s);
	administered_systems(u, s);
	return s;
}

void incident_scope_release(struct incident_scope *s)
{
	free((void *)s->unit_ids);
	free((void *)s->system_ids);
	memset(s, 0, sizeof *s);
}

/* Whether the loaded incident is in the signed-in person's scope. */
static int in_scope(struct web_req *rq, const struct incident *inc, int *yes, struct err *e)
{
	struct incident_scope s;
	*yes = 1;
	if (!incident_scope_of(rq->user, &s))
		return 0;
	int rc = incident_scope_admits(rq->db, inc, &s, yes, e);
	incident_scope_release(&s);
	return rc;
}

int incident_find(struct web_req *rq, struct web_resp *rs, const char *no, struct incident *out)
{
	struct err e = {0};
	int yes = 0;
	memset(out, 0, sizeof *out);
	int rc = no ? incident_load(rq->db, no, out, &e) : ERR_INPUT;
	if (!rc)
		rc = in_scope(rq, out, &yes, &e);
	if (!rc && yes)
		return 0;
	if (!rc || rc == ERR_INPUT)
		web_error(rq, rs, 404, "not_found", "そのインシデントはありません");
	else
		web_internal_error(rq, rs, &e);
	incident_free(out);
	return -1;
}
