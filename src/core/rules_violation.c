/*
 * rules_violation.c — what the record of violations (7.6) must show: every
 * suspension or revocation of rights told to the CISO, and no violation left
 * open for long.
 */
#include <stdio.h>
#include <string.h>

#include "core/case_event.h"
#include "core/case_util.h"
#include "core/check.h"
#include "core/violation.h"
#include "util/timeutil.h"

static void subject_of(const struct violation *v, char *out, size_t n)
{
	snprintf(out, n, "violation:%s", v->violation_no);
}

/* Whether the violation's timeline has a step of this kind. */
static int has_step(struct db *db, long long id, const char *kind)
{
	struct case_events ev;
	struct err e = {0};
	int found = 0;
	if (case_events_load(db, CASE_VIOLATION, id, &ev, &e))
		return 1; /* unreadable: say nothing rather than something false */
	for (size_t i = 0; i < ev.n; i++)
		found |= strcmp(ev.v[i].kind, kind) == 0;
	case_events_free(&ev);
	return found;
}

/* 7.6(2)③: rights suspended or revoked, and the CISO told at once. */
static void rule_ciso_not_told(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct violation_list l;
	struct rights_actions ra;
	struct err e = {0};
	if (violation_load(c->db, &l, &e))
		return;
	if (rights_actions_load(c->db, &ra, &e)) {
		violation_list_free(&l);
		return;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct violation *v = &l.v[i];
		int restricted = 0;
		for (size_t k = 0; k < ra.n; k++)
			restricted |= ra.v[k].violation_id == v->id;
		if (!restricted || has_step(c->db, v->id, "notify_ciso"))
			continue;
		char subject[96];
		subject_of(v, subject, sizeof subject);
		finding_add(out, r, SEV_ERROR, subject, "違反 %s で利用権を停止・剥奪しましたが、CISO への通知が記録されていません",
			    v->violation_no);
	}
	rights_actions_free(&ra);
	violation_list_free(&l);
}

/* 7.6.2: the steps are taken promptly; a case open for long needs attention. */
static void rule_open_long(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	struct violation_list l;
	struct err e = {0};
	char limit[11];
	if (violation_load(c->db, &l, &e))
		return;
	date_add_days(c->today, -VIOLATION_OPEN_DAYS, limit);
	for (size_t i = 0; i < l.n; i++) {
		const struct violation *v = &l.v[i];
		char found[17], subject[96];
		if (v->closed_at)
			continue;
		if (time_jst_text(v->found_at, found))
			continue;
		found[10] = '\0'; /* compared with a day */
		if (strcmp(found, limit) >= 0)
			continue;
		subject_of(v, subject, sizeof subject);
		finding_add(out, r, SEV_WARNING, subject, "違反 %s は %s の記録から%d日を過ぎても対応が完了していません（%s）",
			    v->violation_no, found, VIOLATION_OPEN_DAYS, violation_state_label(v->state));
	}
	violation_list_free(&l);
}

const struct rule check_rules_violation[] = {
	{"violation.ciso_not_told", "7.6.2.3", "利用権の停止・剥奪を CISO へ通知している", rule_ciso_not_told},
	{"violation.open_long", "7.6.2", "違反への対応を長く放置していない", rule_open_long},
};
const size_t check_nrules_violation = sizeof check_rules_violation / sizeof check_rules_violation[0];
