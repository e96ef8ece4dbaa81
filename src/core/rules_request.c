/*
 * rules_request.c — what the permission records must show: nobody decided
 * their own request without a recorded reason (1.8.1), everything taken out
 * came back by its date (5.1.1.5), and approvals are used while valid.
 */
#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/vocab.h"

static void subject_of(const struct request *r, char *out, size_t n)
{
	snprintf(out, n, "request:%s", r->request_no);
}

/* 1.8.1: the override is allowed only when unavoidable, and stays visible. */
static void rule_self_decided(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->decisions.n; i++) {
		const struct request_decision *d = &c->decisions.v[i];
		const struct request *q = request_by_id(&c->requests, d->request_id);
		if (!q || !d->override_reason)
			continue;
		const struct staff *s = check_staff_by_id(c, d->decided_by);
		char subject[96];
		subject_of(q, subject, sizeof subject);
		finding_add(out, r, SEV_WARNING, subject, "申請 %s は申請者自身（%s）が%sとして決裁しています（理由: %s）",
			    q->request_no, s ? s->name : "?", vocab_label(&vocab_role, d->role), d->override_reason);
	}
}

/* 5.1.1.5: the 持ち出し record shows every return, on time. */
static void rule_overdue_return(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->requests.n; i++) {
		const struct request *q = &c->requests.v[i];
		if (strcmp(q->state, "done") != 0 || !q->due_on || strcmp(q->due_on, c->today) >= 0)
			continue;
		const struct staff *s = check_staff_by_id(c, q->requester_id);
		char subject[96];
		subject_of(q, subject, sizeof subject);
		finding_add(out, r, SEV_ERROR, subject, "申請 %s で持ち出された資産が返却予定日 %s を過ぎても返却されていません（%s）",
			    q->request_no, q->due_on, s ? s->name : "?");
	}
}

static void rule_lapsed(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->requests.n; i++) {
		const struct request *q = &c->requests.v[i];
		if (!request_is_lapsed(q, c->today))
			continue;
		/* point at the clause that demands this permission */
		const struct request_type *t = request_type_find(q->type);
		struct rule at = *r;
		if (t)
			at.control = t->clause;
		char subject[96];
		subject_of(q, subject, sizeof subject);
		finding_add(out, &at, SEV_WARNING, subject, "申請 %s の許可は %s に期限が切れましたが、実施の記録がありません",
			    q->request_no, q->valid_until);
	}
}

/* 5.1.1.4: 機密性3 is not handled on devices the municipality did not issue. */
static void rule_byod_secret(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->requests.n; i++) {
		const struct request *q = &c->requests.v[i];
		if (strcmp(q->type, "byod") != 0 || strcmp(q->state, "rejected") == 0 ||
		    strcmp(q->state, "returned") == 0)
			continue;
		const struct asset *a = asset_by_id(&c->assets, q->asset_id);
		if (!a || class_baseline(&c->scheme, DIM_C, a->level[DIM_C]) < 3)
			continue;
		char subject[96];
		subject_of(q, subject, sizeof subject);
		finding_add(out, r, SEV_ERROR, subject, "申請 %s は機密性3 の「%s」（%s）を支給以外の端末で扱うものです（原則禁止）",
			    q->request_no, a->name, a->asset_no);
	}
}

const struct rule check_rules_request[] = {
	{"request.byod_secret", "5.1.1.4", "機密性3 の情報資産を支給以外の端末で扱わない", rule_byod_secret},
	{"request.self_decided", "1.8.1", "申請者と決裁者を兼ねていない", rule_self_decided},
	{"request.overdue_return", "5.1.1.5", "持ち出した資産が返却予定日までに返却されている", rule_overdue_return},
	{"request.lapsed", "1.8.1", "許可は期限内に実施されている（指摘は各申請の条項に付く）", rule_lapsed},
};
const size_t check_nrules_request = sizeof check_rules_request / sizeof check_rules_request[0];
