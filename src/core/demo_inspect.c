/*
 * demo_inspect.c — the demo municipality's 自己点検: last 年度's campaign,
 * answered by nearly everyone and closed, with an improvement measure for
 * what it found; and this 年度's campaign, open, with some people done,
 * some halfway and some not started, so the pages have progress, results
 * and a comparison with the previous 年度 to show.  Three 課 are asked
 * (総務課, 情報政策課, 市民課) on chapters 2 and 5, which keeps the demo
 * small while every kind of answer appears.
 */
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/inspect.h"
#include "core/role.h"
#include "core/staff.h"
#include "util/buf.h"
#include "util/sha256.h"
#include "util/timeutil.h"

#define DEMO_UNITS "S001,S002,S004,S014"
#define DEMO_CLAUSES "2,5"
#define DEMO_HELD_UNIT "S002" /* 秘書課 */

/* The 統括情報セキュリティ責任者, who runs the campaigns. */
static int chief_no(struct db *db, char out[32], struct err *e)
{
	struct role_assignments roles;
	if (role_load(db, 1, &roles, e))
		return e->code;
	long long id = 0;
	for (size_t i = 0; i < roles.n && !id; i++)
		if (strcmp(roles.v[i].role, "chief_officer") == 0)
			id = roles.v[i].staff_id;
	role_assignments_free(&roles);
	struct staff_list l;
	char where[64];
	snprintf(where, sizeof where, "id = %lld", id);
	if (staff_load(db, where, &l, e))
		return e->code;
	int rc = l.n ? 0 : err_set(e, ERR_INTERNAL, "架空市に統括情報セキュリティ責任者がいません");
	if (l.n)
		snprintf(out, 32, "%s", l.v[0].staff_no);
	staff_list_free(&l);
	return rc;
}

/* A fixed, varied answer: mostly 実施, the later 年度 a little better. */
static const char *answer_for(long long respondent, int seq, int year_bonus)
{
	unsigned h = (unsigned)(respondent * 2654435761u) ^ (unsigned)(seq * 40503u);
	h = (h >> 7) % 100;
	if (h < 62u + (unsigned)year_bonus)
		return "done";
	if (h < 80u + (unsigned)year_bonus / 2)
		return "partial";
	if (h < 94u)
		return "not_done";
	return "na";
}

/* answered = how many of each checklist to fill: all (100), or a share
 * by respondent; submit those filled in full. */
/* held_unit: respondents of this unit (0 = none) answer halfway and do not
 * submit, so 秘書課, where the demo's 課長 and 職員 sign-in accounts sit,
 * has checklists waiting on the web page. */
static int answer_all(struct tx *tx, const char *no, int year_bonus, int current, long long held_unit,
		      struct err *e)
{
	struct inspect_campaign c;
	struct inspect_respondents rs;
	if (inspect_campaign_find(tx->db, no, &c, e))
		return e->code;
	int rc = inspect_respondents_load(tx->db, c.id, NULL, &rs, e);
	inspect_campaign_free(&c);
	if (rc)
		return rc;
	struct inspect_answer_in *v = xcalloc(256, sizeof *v);
	for (size_t i = 0; i < rs.n && !rc; i++) {
		const struct inspect_respondent *r = &rs.v[i];
		int total = r->questions < 256 ? r->questions : 256;
		/* this 年度: 6 in 10 done, 2 halfway, 2 not started; last 年度 all but 1 in 20 */
		int share = current ? (int)(i % 10) : (int)(i % 20);
		int fill = current ? (share < 6 ? total : share < 8 ? total / 2 : 0) : (share == 19 ? total / 3 : total);
		if (held_unit && r->unit_id == held_unit)
			fill = total / 2;
		for (int k = 0; k < fill; k++) {
			v[k].seq = k + 1;
			v[k].answer = answer_for(r->id, k + 1, year_bonus);
			v[k].comment = strcmp(v[k].answer, "not_done") == 0 && k % 3 == 0 ? "手順書の整備が追いついていない"
				       : strcmp(v[k].answer, "partial") == 0 && k % 4 == 0 ? "一部の端末のみ対応済み"
											  : NULL;
		}
		if (fill)
			rc = inspect_answers_save(tx, r->id, v, (size_t)fill, e);
		if (!rc && fill == total)
			rc = inspect_submit(tx, r->id, e);
	}
	free(v);
	inspect_respondents_free(&rs);
	return rc;
}

static int campaign(struct tx *tx, const char *chief, int fy, const char *title, const char *opens, const char *due,
		    char **no, struct err *e)
{
	struct inspect_new in = {.actor_no = chief,
				 .fiscal_year = fy,
				 .title = title,
				 .opens_on = opens,
				 .due_on = due,
				 .roles = "staff,manager",
				 .clauses = DEMO_CLAUSES,
				 .units = DEMO_UNITS};
	if (inspect_create(tx, &in, no, e))
		return e->code;
	return inspect_open(tx, *no, chief, e);
}

/* Last 年度's results went to the committee a month after the due date. */
static int report(struct tx *tx, const char *no, const char *chief, const char *due, struct err *e)
{
	struct inspect_results r;
	struct buf b = BUF_INIT;
	char on[11], hash[65];
	date_add_days(due, 30, on);
	if (inspect_results_load(tx->db, no, NULL, &r, e))
		return e->code;
	int rc = inspect_report_bytes(tx->db, &r, "text", on, &b, e);
	if (!rc) {
		sha256_hex(b.data ? b.data : "", b.len, hash);
		rc = inspect_report_record(tx, &r, chief, on, hash, e);
	}
	buf_free(&b);
	inspect_results_free(&r);
	return rc;
}

int demo_add_inspections(struct tx *tx, struct err *e)
{
	char chief[32], today[11], opens[11], due[11], last_opens[32], last_due[32], title[128];
	char *last = NULL, *now = NULL;
	if (chief_no(tx->db, chief, e))
		return e->code;
	time_today(today);
	int fy = fiscal_year(today);
	snprintf(last_opens, sizeof last_opens, "%d-10-01", fy - 1);
	snprintf(last_due, sizeof last_due, "%d-10-31", fy - 1);
	date_add_days(today, -7, opens);
	date_add_days(today, 21, due);
	char fyl[32];
	wareki_fiscal_year(fy - 1, fyl, sizeof fyl);
	snprintf(title, sizeof title, "%s 情報セキュリティ自己点検", fyl);
	int rc = campaign(tx, chief, fy - 1, title, last_opens, last_due, &last, e) ||
		 answer_all(tx, last, 0, 0, 0, e) || inspect_close(tx, last, chief, e);
	if (!rc) {
		struct inspect_measure_new m = {.actor_no = chief,
						.unit = "S014",
						.clause = "5.1.1.3.2",
						.problem = "情報資産の持ち出しの許可の記録が一部欠けている",
						.measure = "持ち出し簿を課で一冊にまとめ、月末に課長が記録を確認する",
						.due_on = NULL};
		char *action = NULL;
		rc = inspect_measure_add(tx, last, &m, &action, e) || report(tx, last, chief, last_due, e);
		rc = rc ? e->code : 0;
		free(action);
	}
	if (!rc) {
		wareki_fiscal_year(fy, fyl, sizeof fyl);
		snprintf(title, sizeof title, "%s 情報セキュリティ自己点検", fyl);
		long long held = 0;
		rc = db_query_int(tx->db, "SELECT id FROM org_unit WHERE code = ?", DEMO_HELD_UNIT, &held, e) ||
		     campaign(tx, chief, fy, title, opens, due, &now, e) || answer_all(tx, now, 8, 1, held, e);
	}
	free(last);
	free(now);
	return rc ? e->code : 0;
}
