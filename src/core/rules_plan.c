/*
 * rules_plan.c — what the 緊急時対応計画 (7.3) must show: that there is one
 * (7.3.1), that its latest version carries the CISO's 決裁 (7.3.1), that it
 * was reviewed in the current 年度 (7.3.4), and that nobody it names as a
 * contact has left (7.3.2.1): neither a member of staff named in a stored
 * contact, nor the holder of a post in the generated 庁内 list.
 */
#include <stdio.h>
#include <string.h>

#include "core/response_plan.h"
#include "core/vocab.h"
#include "util/timeutil.h"

/* The latest version (into l), or NULL; a read error counts as no plan. */
static const struct plan_version *latest(const struct check_ctx *c, struct plan_versions *l)
{
	struct err e = {0};
	if (plan_versions_load(c->db, l, &e))
		return NULL;
	return plan_latest(l);
}

static void rule_missing(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct plan_versions l;
	if (!latest(c, &l))
		finding_add(out, r, SEV_ERROR, "response_plan", "緊急時対応計画がありません（mamori plan init で作成します）");
	plan_versions_free(&l);
}

static void rule_not_approved(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct plan_versions l;
	const struct plan_version *v = latest(c, &l);
	if (v && !v->approved_by)
		finding_add(out, r, SEV_WARNING, "response_plan", "緊急時対応計画の最新版（第%lld版）は CISO の決裁を受けていません",
			    v->version);
	plan_versions_free(&l);
}

static void rule_review(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct plan_versions l;
	const struct plan_version *v = latest(c, &l);
	if (v && fiscal_year(v->reviewed_on) < fiscal_year(c->today)) {
		char fy[32];
		wareki_fiscal_year(fiscal_year(c->today), fy, sizeof fy);
		finding_add(out, r, SEV_WARNING, "response_plan",
			    "緊急時対応計画は%sに見直されていません（最後の見直し: %s）", fy, v->reviewed_on);
	}
	plan_versions_free(&l);
}

static int has_left(const struct check_ctx *c, const struct staff *s)
{
	return s->left_on && strcmp(s->left_on, c->today) <= 0;
}

static const struct staff *staff_by_no(const struct check_ctx *c, const char *no)
{
	for (size_t i = 0; i < c->staff.n; i++)
		if (strcmp(c->staff.v[i].staff_no, no) == 0)
			return &c->staff.v[i];
	return NULL;
}

static void stored_left(const struct check_ctx *c, const struct rule *r, const struct plan_version *v,
			struct findings *out)
{
	struct plan_contacts ext;
	struct err e = {0};
	if (plan_contacts_parse(v->contacts, &ext, &e))
		return;
	for (size_t i = 0; i < ext.n; i++) {
		const struct plan_contact *x = &ext.v[i];
		if (!*x->staff_no)
			continue;
		const struct staff *s = staff_by_no(c, x->staff_no);
		if (!s || has_left(c, s))
			finding_add(out, r, SEV_ERROR, "response_plan",
				    "緊急時対応計画の連絡先 %zu 番（%s）の職員 %s は%sため、連絡先を更新してください", i + 1,
				    x->party, x->staff_no, s ? "離任した" : "職員として登録されていない");
	}
	plan_contacts_free(&ext);
}

static void generated_left(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct plan_internals in;
	plan_internals_build(c, &in);
	for (size_t i = 0; i < in.n; i++) {
		const struct plan_internal *x = &in.v[i];
		if (!x->person || !has_left(c, x->person))
			continue;
		char subject[96];
		snprintf(subject, sizeof subject, "staff:%s", x->person->staff_no);
		finding_add(out, r, SEV_ERROR, subject,
			    "緊急時対応計画の庁内連絡先「%s%s%s%s」の %s は %s に離任しています（役割の割当てを見直してください）",
			    x->label, *x->scope ? "（" : "", x->scope, *x->scope ? "）" : "", x->person->name,
			    x->person->left_on);
	}
	plan_internals_free(&in);
}

static void rule_contact_left(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct plan_versions l;
	const struct plan_version *v = latest(c, &l);
	if (v) {
		stored_left(c, r, v, out);
		generated_left(c, r, out);
	}
	plan_versions_free(&l);
}

const struct rule check_rules_plan[] = {
	{"plan.missing", "7.3.1", "緊急時対応計画がある", rule_missing},
	{"plan.not_approved", "7.3.1", "緊急時対応計画の最新版が決裁されている", rule_not_approved},
	{"plan.review_due", "7.3.4", "緊急時対応計画を今年度見直している", rule_review},
	{"plan.contact_left", "7.3.2.1", "緊急時対応計画の連絡先に離任者がいない", rule_contact_left},
};
const size_t check_nrules_plan = sizeof check_rules_plan / sizeof check_rules_plan[0];
