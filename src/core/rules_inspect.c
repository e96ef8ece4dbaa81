/*
 * rules_inspect.c — what the 自己点検 campaigns must show (9.2): an open
 * campaign past its due date with people who have not submitted (9.2.1),
 * a closed campaign never reported to the 情報セキュリティ委員会 (9.2.2),
 * and a closed campaign that found 未実施 but has no improvement measure
 * (9.2.3.1).  They look only at campaigns that exist, so a municipality
 * that has not started using campaigns gets no findings from here.
 */
#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/inspect.h"

static int count(struct db *db, const char *sql, long long param, long long *out)
{
	struct err e = {0};
	struct db_stmt *st;
	*out = 0;
	if (db_prepare(db, sql, &st, &e))
		return -1;
	db_bind_int(st, 1, param);
	enum db_step_result r = db_step(st, &e);
	if (r == DB_ROW)
		*out = db_column_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? -1 : 0;
}

/* One rule's look at one campaign; subject is "inspect:<番号>". */
typedef void (*campaign_check)(const struct check_ctx *c, const struct rule *r, const struct inspect_campaign *x,
			       const char *subject, struct findings *out);

/* Every rule here looks at the campaigns one by one; none if they cannot be read. */
static void each_campaign(const struct check_ctx *c, const struct rule *r, struct findings *out,
			  campaign_check check)
{
	struct inspect_campaigns l;
	struct err e = {0};
	if (inspect_campaigns_load(c->db, 0, &l, &e))
		return;
	for (size_t i = 0; i < l.n; i++) {
		char subject[64];
		snprintf(subject, sizeof subject, "inspect:%s", l.v[i].campaign_no);
		check(c, r, &l.v[i], subject, out);
	}
	inspect_campaigns_free(&l);
}

static void overdue(const struct check_ctx *c, const struct rule *r, const struct inspect_campaign *x,
		    const char *subject, struct findings *out)
{
	long long pending;
	if (strcmp(x->state, "open") != 0 || strcmp(x->due_on, c->today) >= 0 ||
	    count(c->db, "SELECT COUNT(*) FROM inspect_respondent WHERE campaign_id = ? AND submitted_at IS NULL",
		  x->id, &pending) || pending == 0)
		return;
	finding_add(out, r, SEV_WARNING, subject, "自己点検 %s は回答期限 %s を過ぎましたが、%lld 人が未提出です（inspect remind）",
		    x->campaign_no, x->due_on, pending);
}

static void unreported(const struct check_ctx *c, const struct rule *r, const struct inspect_campaign *x,
		       const char *subject, struct findings *out)
{
	long long reports;
	if (strcmp(x->state, "closed") != 0 ||
	    count(c->db, "SELECT COUNT(*) FROM committee_report WHERE kind = 'inspect' AND fiscal_year = ?",
		  x->fiscal_year, &reports) || reports > 0)
		return;
	finding_add(out, r, SEV_WARNING, subject,
		    "%d年度の自己点検 %s の結果が情報セキュリティ委員会に報告されていません（inspect report --record）",
		    x->fiscal_year, x->campaign_no);
}

static void unmeasured(const struct check_ctx *c, const struct rule *r, const struct inspect_campaign *x,
		       const char *subject, struct findings *out)
{
	long long not_done, measures;
	if (strcmp(x->state, "closed") != 0 ||
	    count(c->db,
		  "SELECT COUNT(*) FROM inspect_respondent p JOIN inspect_answer a ON a.respondent_id = p.id"
		  " WHERE p.campaign_id = ? AND a.answer = 'not_done'",
		  x->id, &not_done) ||
	    not_done == 0 ||
	    count(c->db, "SELECT COUNT(*) FROM corrective_action WHERE campaign_id = ?", x->id, &measures) ||
	    measures > 0)
		return;
	finding_add(out, r, SEV_WARNING, subject,
		    "自己点検 %s には未実施の回答が %lld 件ありますが、改善措置が登録されていません（inspect measure add）",
		    x->campaign_no, not_done);
}

static void rule_overdue(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	each_campaign(c, r, out, overdue);
}

static void rule_unreported(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	each_campaign(c, r, out, unreported);
}

static void rule_unmeasured(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	each_campaign(c, r, out, unmeasured);
}

const struct rule check_rules_inspect[] = {
	{"inspect.overdue", "9.2.1.2", "自己点検の回答期限を過ぎた未提出者", rule_overdue},
	{"inspect.unreported", "9.2.2", "自己点検の結果の委員会への報告", rule_unreported},
	{"inspect.unmeasured", "9.2.3.1", "自己点検で見つかった未実施への改善措置", rule_unmeasured},
};
const size_t check_nrules_inspect = sizeof check_rules_inspect / sizeof check_rules_inspect[0];
