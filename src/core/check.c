/*
 * check.c — the rule engine: load a snapshot, run every rule of every
 * chapter's table (rules_org.c for chapter 1, rules_asset.c for chapter 2,
 * rules_request.c for the permissions of the authority matrix).
 */
#include "core/check.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/timeutil.h"

void finding_add(struct findings *out, const struct rule *r, enum severity sev,
		 const char *subject, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
	struct finding *f = &out->v[out->n++];
	f->rule = r->id;
	f->control = r->control;
	f->severity = sev;
	f->subject = xstrdup(subject);
	f->message = buf_take(&msg);
}

void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].subject);
		free(f->v[i].message);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

/* The profile, or (before `mamori init`) no profile: nothing adopted. */
static int load_profile(struct db *db, struct profile *p, struct err *e)
{
	struct municipality m;
	int found;
	if (municipality_get(db, &m, &found, e))
		return e->code;
	municipality_free(&m);
	return found ? profile_load(db, p, e) : 0;
}

int check_ctx_load(struct db *db, struct check_ctx *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->db = db;
	time_today(c->today);
	c->net = check_net_new();
	if (catalog_load(&c->catalog, e) || load_profile(db, &c->profile, e) ||
	    org_units_load(db, &c->units, e) || staff_load(db, "", &c->staff, e) ||
	    infosys_load(db, &c->systems, e) || role_load(db, 1, &c->roles, e) ||
	    class_scheme_load(db, &c->scheme, e) || asset_load(db, &c->assets, e) ||
	    location_load(db, &c->locations, e) || request_load(db, &c->requests, e) ||
	    request_decisions_load(db, &c->decisions, e)) {
		check_ctx_free(c);
		return e->code;
	}
	return 0;
}

void check_ctx_free(struct check_ctx *c)
{
	org_units_free(&c->units);
	staff_list_free(&c->staff);
	infosys_free(&c->systems);
	role_assignments_free(&c->roles);
	class_scheme_free(&c->scheme);
	asset_list_free(&c->assets);
	location_list_free(&c->locations);
	request_list_free(&c->requests);
	decision_list_free(&c->decisions);
	catalog_free(&c->catalog);
	profile_free(&c->profile);
	check_net_free(c->net);
	c->net = NULL;
}

const struct staff *check_staff_by_id(const struct check_ctx *c, long long id)
{
	return staff_by_id(&c->staff, id);
}

/* Every chapter's rule table, in chapter order. */
static const struct {
	const struct rule *rules;
	const size_t *n;
} rule_tables[] = {
	{check_rules_org, &check_nrules_org},
	{check_rules_asset, &check_nrules_asset},
	{check_rules_request, &check_nrules_request},
	{check_rules_incident, &check_nrules_incident},
	{check_rules_exception, &check_nrules_exception},
	{check_rules_violation, &check_nrules_violation},
	{check_rules_plan, &check_nrules_plan},
	{check_rules_training, &check_nrules_training},
	{check_rules_audit, &check_nrules_audit},
	{check_rules_inspect, &check_nrules_inspect},
	{check_rules_network, &check_nrules_network},
};

#define NTABLES (sizeof rule_tables / sizeof rule_tables[0])

size_t check_rules_all(const struct rule **out, size_t max)
{
	size_t n = 0;
	for (size_t t = 0; t < NTABLES; t++)
		for (size_t i = 0; i < *rule_tables[t].n; i++, n++)
			if (n < max)
				out[n] = &rule_tables[t].rules[i];
	return n;
}

int check_rule_applies(const struct check_ctx *c, const struct rule *r)
{
	const struct catalog_entry *en = catalog_find(&c->catalog, r->control);
	if (!en || strcmp(en->strength, "recommended") != 0)
		return 1;
	return c->profile.kind && profile_is_adopted(&c->profile, en->id);
}

int check_run(struct db *db, struct findings *out, struct err *e)
{
	struct check_ctx c;
	memset(out, 0, sizeof *out);
	if (check_ctx_load(db, &c, e))
		return e->code;
	for (size_t t = 0; t < NTABLES; t++)
		for (size_t i = 0; i < *rule_tables[t].n; i++)
			if (check_rule_applies(&c, &rule_tables[t].rules[i]))
				rule_tables[t].rules[i].run(&c, &rule_tables[t].rules[i], out);
	check_ctx_free(&c);
	return 0;
}
