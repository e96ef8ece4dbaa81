/*
 * rules_exception.c — what the register of 例外措置 (7.4) must show: every
 * emergency exception reported to the CISO within the profile's days, none
 * kept past its end date, and none left for over a year without review.
 */
#include <stdio.h>
#include <string.h>

#include "core/case_util.h"
#include "core/check.h"
#include "core/exception.h"
#include "util/timeutil.h"

/* An exception in force whose last review (or start) is older than this. */
#define EXCEPTION_REVIEW_DAYS 365

static int load(const struct check_ctx *c, struct exception_list *l)
{
	struct err e = {0};
	return exception_load(c->db, l, &e);
}

static void subject_of(const struct exception_req *x, char *out, size_t n)
{
	snprintf(out, n, "exception:%s", x->exception_no);
}

/* 7.4.2: applied first, then reported to the CISO without delay. */
static void rule_unreported(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct exception_list l;
	if (load(c, &l))
		return;
	long long days = profile_param(&c->profile, "exception_report_days");
	for (size_t i = 0; i < l.n; i++) {
		const struct exception_req *x = &l.v[i];
		char applied[17], due[11], subject[96];
		if (strcmp(x->state, "applied") != 0 || x->reported_at)
			continue;
		if (time_jst_text(x->applied_at, applied))
			continue;
		applied[10] = '\0'; /* the day is what the deadline counts */
		date_add_days(applied, (int)days, due);
		if (strcmp(due, c->today) >= 0)
			continue;
		subject_of(x, subject, sizeof subject);
		finding_add(out, r, SEV_ERROR, subject,
			    "緊急時の例外措置 %s は %s に実施されましたが、%lld日以内に CISO へ報告されていません",
			    x->exception_no, applied, days);
	}
	exception_list_free(&l);
}

/* 7.4.3: an exception past its end date must be ended or renewed. */
static void rule_expired(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct exception_list l;
	if (load(c, &l))
		return;
	for (size_t i = 0; i < l.n; i++) {
		const struct exception_req *x = &l.v[i];
		char subject[96];
		if (!exception_is_expired(x, c->today))
			continue;
		subject_of(x, subject, sizeof subject);
		finding_add(out, r, SEV_WARNING, subject,
			    "例外措置 %s（条項 %s）は終了日 %s を過ぎても終了の記録がありません", x->exception_no,
			    x->clause, x->ends_on);
	}
	exception_list_free(&l);
}

/* 7.4.3: the CISO looks at every exception in force at least once a year. */
static void rule_unreviewed(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct exception_list l;
	if (load(c, &l))
		return;
	char limit[11];
	date_add_days(c->today, -EXCEPTION_REVIEW_DAYS, limit);
	for (size_t i = 0; i < l.n; i++) {
		const struct exception_req *x = &l.v[i];
		char since[17], subject[96];
		if (!exception_in_force(x) || exception_is_expired(x, c->today))
			continue;
		if (x->reviewed_at && time_jst_text(x->reviewed_at, since) == 0)
			since[10] = '\0'; /* compared with a day */
		else if (x->reviewed_at)
			since[0] = '\0';
		else
			snprintf(since, sizeof since, "%s", x->starts_on);
		if (strcmp(since, limit) >= 0)
			continue;
		subject_of(x, subject, sizeof subject);
		finding_add(out, r, SEV_WARNING, subject, "例外措置 %s は %s から1年以上、CISO の定期確認が記録されていません",
			    x->exception_no, since);
	}
	exception_list_free(&l);
}

const struct rule check_rules_exception[] = {
	{"exception.unreported", "7.4.2", "緊急時の例外措置を期限内に CISO へ報告している", rule_unreported},
	{"exception.expired", "7.4.3", "終了日を過ぎた例外措置が残っていない", rule_expired},
	{"exception.unreviewed", "7.4.3", "実施中の例外措置を1年以内に定期確認している", rule_unreviewed},
};
const size_t check_nrules_exception = sizeof check_rules_exception / sizeof check_rules_exception[0];
