#include "core/contacts.h"

#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "util/buf.h"

static int add(struct contact_tree *t, int level, const char *role, const char *scope,
	       const struct staff *person, int parent)
{
	t->v = xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	struct contact *ct = &t->v[t->n];
	ct->level = level;
	ct->role = role;
	ct->scope = xstrdup(scope);
	ct->person = person;
	ct->parent = parent;
	return (int)t->n++;
}

/* Adds every holder of role with this scope (or one vacant entry); returns
 * the index of the first, which children hang under. */
static int add_holders(const struct check_ctx *c, struct contact_tree *t, int level,
		       const char *role, long long unit_id, long long system_id, const char *scope,
		       int parent)
{
	int first = -1;
	for (size_t i = 0; i < c->roles.n; i++) {
		const struct role_assignment *a = &c->roles.v[i];
		if (strcmp(a->role, role) != 0 || a->unit_id != unit_id || a->system_id != system_id)
			continue;
		int idx = add(t, level, role, scope, check_staff_by_id(c, a->staff_id), parent);
		if (first < 0)
			first = idx;
	}
	return first >= 0 ? first : add(t, level, role, scope, NULL, parent);
}

static void add_systems(const struct check_ctx *c, struct contact_tree *t, long long section_id,
			int level, int parent)
{
	for (size_t i = 0; i < c->systems.n; i++) {
		const struct info_system *s = &c->systems.v[i];
		if (s->retired_on || !org_unit_within(&c->units, s->unit_id, section_id))
			continue;
		int admin = add_holders(c, t, level, "system_admin", 0, s->id, s->name, parent);
		for (size_t j = 0; j < c->roles.n; j++) {
			const struct role_assignment *a = &c->roles.v[j];
			if (strcmp(a->role, "system_staff") == 0 && a->system_id == s->id)
				add(t, level + 1, "system_staff", s->name, check_staff_by_id(c, a->staff_id), admin);
		}
	}
}

static void add_sections(const struct check_ctx *c, struct contact_tree *t, long long bureau_id,
			 int level, int parent)
{
	for (size_t i = 0; i < c->units.n; i++) {
		const struct org_unit *u = &c->units.v[i];
		if (!org_unit_is_open(u) || org_unit_tier(u) != TIER_SECTION ||
		    !org_unit_within(&c->units, u->id, bureau_id))
			continue;
		int manager = add_holders(c, t, level, "manager", u->id, 0, u->name, parent);
		add_systems(c, t, u->id, level + 1, manager);
	}
}

void contacts_build(const struct check_ctx *c, struct contact_tree *out)
{
	memset(out, 0, sizeof *out);
	int ciso = add_holders(c, out, 0, "ciso", 0, 0, "", -1);
	for (size_t i = 0; i < c->roles.n; i++)
		if (strcmp(c->roles.v[i].role, "deputy_ciso") == 0)
			add(out, 1, "deputy_ciso", "", check_staff_by_id(c, c->roles.v[i].staff_id), ciso);
	int chief = add_holders(c, out, 1, "chief_officer", 0, 0, "", ciso);
	for (size_t i = 0; i < c->roles.n; i++)
		if (strcmp(c->roles.v[i].role, "csirt_lead") == 0)
			add(out, 2, "csirt_lead", "", check_staff_by_id(c, c->roles.v[i].staff_id), chief);
	for (size_t i = 0; i < c->units.n; i++) {
		const struct org_unit *u = &c->units.v[i];
		if (!org_unit_is_open(u) || org_unit_tier(u) != TIER_BUREAU)
			continue;
		int officer = add_holders(c, out, 2, "officer", u->id, 0, u->name, chief);
		add_sections(c, out, u->id, 3, officer);
	}
}

void contacts_free(struct contact_tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].scope);
	free(t->v);
	memset(t, 0, sizeof *t);
}
