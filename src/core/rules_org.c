/*
 * rules_org.c — chapter 1 (組織体制): every role the guideline requires is
 * held, exactly as often as it may be, by someone still in office and in the
 * right place.
 */
#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/vocab.h"

static size_t count_role(const struct check_ctx *c, const char *role)
{
	size_t n = 0;
	for (size_t i = 0; i < c->roles.n; i++)
		n += strcmp(c->roles.v[i].role, role) == 0;
	return n;
}

static int has_scoped_role(const struct check_ctx *c, const char *role, long long unit_id,
			   long long system_id)
{
	for (size_t i = 0; i < c->roles.n; i++) {
		const struct role_assignment *a = &c->roles.v[i];
		if (strcmp(a->role, role) == 0 && a->unit_id == unit_id && a->system_id == system_id)
			return 1;
	}
	return 0;
}

static void exactly_one(const struct check_ctx *c, const struct rule *r, struct findings *out,
			const char *role)
{
	size_t n = count_role(c, role);
	const char *label = vocab_label(&vocab_role, role);
	if (n == 0)
		finding_add(out, r, SEV_ERROR, "role:", "%s が任命されていません", label);
	else if (n > 1)
		finding_add(out, r, SEV_ERROR, "role:", "%s が %zu 人任命されています（1 人であるべき）", label, n);
}

static void rule_ciso(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	exactly_one(c, r, out, "ciso");
}

static void rule_deputy_ciso(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	size_t n = count_role(c, "deputy_ciso");
	if (n > 1)
		finding_add(out, r, SEV_ERROR, "role:deputy_ciso",
			    "副CISO が %zu 人任命されています（置く場合は 1 人）", n);
}

static void rule_chief_officer(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	exactly_one(c, r, out, "chief_officer");
}

/* Open units of a tier without an assignment of `role` scoped to them. */
static void per_unit(const struct check_ctx *c, const struct rule *r, struct findings *out,
		     int tier, const char *role)
{
	for (size_t i = 0; i < c->units.n; i++) {
		const struct org_unit *u = &c->units.v[i];
		if (!org_unit_is_open(u) || org_unit_tier(u) != tier || has_scoped_role(c, role, u->id, 0))
			continue;
		char subject[160];
		snprintf(subject, sizeof subject, "org_unit:%s", u->code);
		finding_add(out, r, SEV_ERROR, subject, "%s「%s」に%sが任命されていません",
			    vocab_label(&vocab_unit_kind, u->kind), u->name, vocab_label(&vocab_role, role));
	}
}

static void rule_officer(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	per_unit(c, r, out, TIER_BUREAU, "officer");
}

static void rule_manager(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	per_unit(c, r, out, TIER_SECTION, "manager");
}

static void rule_system_admin(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->systems.n; i++) {
		const struct info_system *s = &c->systems.v[i];
		if (s->retired_on || has_scoped_role(c, "system_admin", 0, s->id))
			continue;
		char subject[160];
		snprintf(subject, sizeof subject, "info_system:%s", s->code);
		finding_add(out, r, SEV_ERROR, subject, "情報システム「%s」に情報システム管理者が任命されていません",
			    s->name);
	}
}

static void rule_committee(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	if (count_role(c, "committee") == 0)
		finding_add(out, r, SEV_ERROR, "role:committee", "情報セキュリティ委員会の委員が登録されていません");
}

static void rule_csirt(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	size_t lead = count_role(c, "csirt_lead");
	if (lead == 0)
		finding_add(out, r, SEV_ERROR, "role:csirt_lead", "CSIRT 責任者が任命されていません");
	else if (lead > 1)
		finding_add(out, r, SEV_WARNING, "role:csirt_lead", "CSIRT 責任者が %zu 人います", lead);
	if (count_role(c, "csirt") + lead < 2)
		finding_add(out, r, SEV_WARNING, "role:csirt",
			    "CSIRT の要員が責任者のほかに選任されていません");
}

/* The clause that creates each role, so a finding about a holder points at it. */
static const char *clause_of_role(const char *role)
{
	static const struct {
		const char *role, *clause;
	} map[] = {
		{"ciso", "1.1.1"}, {"deputy_ciso", "1.1.4"}, {"advisor", "1.1.2"},
		{"chief_officer", "1.2.1"}, {"officer", "1.3.1"}, {"manager", "1.4.1"},
		{"system_admin", "1.5.1"}, {"system_staff", "1.6"}, {"committee", "1.7.1"},
		{"csirt", "1.9.2"}, {"csirt_lead", "1.9.2"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].role, role) == 0)
			return map[i].clause;
	return "1";
}

static void holder_finding(struct findings *out, const struct rule *r, const struct role_assignment *a,
			   enum severity sev, const char *fmt_detail, const struct staff *s,
			   const char *detail)
{
	struct rule at = *r; /* point the finding at the role's own clause */
	at.control = clause_of_role(a->role);
	char subject[96];
	snprintf(subject, sizeof subject, "role_assignment:%lld", a->id);
	finding_add(out, &at, sev, subject, fmt_detail, s->name, s->staff_no,
		    vocab_label(&vocab_role, a->role), detail);
}

static void rule_holder_left(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->roles.n; i++) {
		const struct role_assignment *a = &c->roles.v[i];
		const struct staff *s = check_staff_by_id(c, a->staff_id);
		if (!s || !s->left_on || strcmp(s->left_on, c->today) > 0)
			continue;
		holder_finding(out, r, a, SEV_ERROR, "%s（%s）は離任していますが、%sの役割が終了していません（離任日 %s）",
			       s, s->left_on);
	}
}

/* Whether the holder still sits where the role's scope is. */
static int holder_in_scope(const struct check_ctx *c, const struct role_assignment *a,
			   const struct staff *s)
{
	if (a->unit_id)
		return org_unit_within(&c->units, s->unit_id, a->unit_id);
	if (a->system_id) {
		const struct info_system *sys = infosys_by_id(&c->systems, a->system_id);
		if (!sys)
			return 1;
		const struct org_unit *section = org_unit_up_to_tier(&c->units, sys->unit_id, TIER_SECTION);
		return org_unit_within(&c->units, s->unit_id, section ? section->id : sys->unit_id);
	}
	return 1;
}

static void rule_holder_moved(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->roles.n; i++) {
		const struct role_assignment *a = &c->roles.v[i];
		const struct staff *s = check_staff_by_id(c, a->staff_id);
		if (!s || (s->left_on && strcmp(s->left_on, c->today) <= 0) || holder_in_scope(c, a, s))
			continue;
		const struct org_unit *now = org_unit_by_id(&c->units, s->unit_id);
		holder_finding(out, r, a, SEV_WARNING, "%s（%s）は異動していますが、%sの役割が終了していません（現所属 %s）",
			       s, now ? now->name : "?");
	}
}

/* 1(1)② (推奨事項): an outside expert advises the CISO. */
static void rule_advisor(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	if (count_role(c, "advisor") == 0)
		finding_add(out, r, SEV_WARNING, "role:advisor",
			    "最高情報セキュリティアドバイザーが置かれていません（推奨事項 1.1.2 を採用しています）");
}

const struct rule check_rules_org[] = {
	{"org.ciso.exactly_one", "1.1.1", "CISO が 1 人任命されている", rule_ciso},
	{"org.advisor.appointed", "1.1.2", "最高情報セキュリティアドバイザーが置かれている（推奨事項）", rule_advisor},
	{"org.deputy_ciso.at_most_one", "1.1.4", "副CISO は置くとしても 1 人", rule_deputy_ciso},
	{"org.chief_officer.exactly_one", "1.2.1", "統括情報セキュリティ責任者が 1 人任命されている",
	 rule_chief_officer},
	{"org.officer.per_bureau", "1.3.1", "すべての部局等に情報セキュリティ責任者がいる", rule_officer},
	{"org.manager.per_section", "1.4.1", "すべての課室等に情報セキュリティ管理者がいる", rule_manager},
	{"org.system_admin.per_system", "1.5.1", "すべての情報システムに情報システム管理者がいる",
	 rule_system_admin},
	{"org.committee.exists", "1.7.1", "情報セキュリティ委員会が置かれている", rule_committee},
	{"org.csirt.lead", "1.9.2", "CSIRT と CSIRT 責任者が置かれている", rule_csirt},
	{"org.role.holder_left", "1", "離任した職員が役割を保持していない", rule_holder_left},
	{"org.role.holder_moved", "1", "異動した職員が元の所属の役割を保持していない", rule_holder_moved},
};
const size_t check_nrules_org = sizeof check_rules_org / sizeof check_rules_org[0];
