/*
 * check.h — evaluating the municipality against the guideline's rules.
 *
 * Each rule is one C function in a table with the clause id it enforces
 * (DESIGN.md's contract ids), so adding a rule is adding a row: the engine
 * does not change.  Rules read a snapshot of the organisation loaded once.
 * A rule of a 推奨事項 runs only when the municipality's profile adopts it.
 */
#ifndef MAMORI_CHECK_H
#define MAMORI_CHECK_H

#include <stddef.h>

#include "core/asset.h"
#include "core/catalog.h"
#include "core/profile.h"
#include "core/infosys.h"
#include "core/location.h"
#include "core/request.h"
#include "core/org.h"
#include "core/role.h"
#include "core/staff.h"

enum severity { SEV_ERROR, SEV_WARNING };

/* The registered network model and its netcheck result, loaded by the first
   network rule that asks (rules_network.c), so that `check` parses and
   checks it once and callers that run no rule pay nothing. */
struct check_net;
struct check_net *check_net_new(void);
void check_net_free(struct check_net *n);

struct finding {
	const char *rule;    /* stable rule id, e.g. "org.ciso.exactly_one" */
	const char *control; /* clause id, e.g. "1.1.1" */
	enum severity severity;
	char *subject;       /* what it is about, e.g. "org_unit:S012" */
	char *message;       /* Japanese, for people */
};

struct findings {
	size_t n;
	struct finding *v;
};

/* Everything the rules look at, loaded once. */
struct check_ctx {
	struct db *db;
	char today[11];
	struct org_units units;
	struct staff_list staff;
	struct info_systems systems;
	struct role_assignments roles; /* active assignments only */
	struct class_scheme scheme;
	struct asset_list assets;
	struct storage_locations locations;
	struct request_list requests;
	struct decision_list decisions;
	struct catalog catalog;
	struct profile profile; /* defaults (nothing adopted) before init */
	struct check_net *net;  /* filled lazily; see above */
};

struct rule {
	const char *id;
	const char *control;
	const char *title; /* Japanese */
	void (*run)(const struct check_ctx *c, const struct rule *r, struct findings *out);
};

/* One table per chapter; check_run runs them all. */
extern const struct rule check_rules_org[];
extern const size_t check_nrules_org;
extern const struct rule check_rules_asset[];
extern const size_t check_nrules_asset;
extern const struct rule check_rules_request[];
extern const size_t check_nrules_request;
extern const struct rule check_rules_incident[];
extern const size_t check_nrules_incident;
extern const struct rule check_rules_exception[];
extern const size_t check_nrules_exception;
extern const struct rule check_rules_violation[];
extern const size_t check_nrules_violation;
extern const struct rule check_rules_plan[];
extern const size_t check_nrules_plan;
extern const struct rule check_rules_training[];
extern const size_t check_nrules_training;
extern const struct rule check_rules_audit[];
extern const size_t check_nrules_audit;
extern const struct rule check_rules_inspect[];
extern const size_t check_nrules_inspect;
extern const struct rule check_rules_network[];
extern const size_t check_nrules_network;

int check_ctx_load(struct db *db, struct check_ctx *c, struct err *e);
void check_ctx_free(struct check_ctx *c);
/* Runs every rule; findings are appended in rule order. */
int check_run(struct db *db, struct findings *out, struct err *e);
/* Whether a rule's clause applies to this municipality (profile_applies). */
int check_rule_applies(const struct check_ctx *c, const struct rule *r);
/* Every rule of every table, for tests that look at the rules themselves. */
size_t check_rules_all(const struct rule **out, size_t max);
void findings_free(struct findings *f);
/* Adds a finding (rules call this). */
void finding_add(struct findings *out, const struct rule *r, enum severity sev,
		 const char *subject, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Lookups the rules and the contact tree share. */
const struct staff *check_staff_by_id(const struct check_ctx *c, long long id);

#endif
