/*
 * inspect_measure.c — an improvement measure for something a campaign found
 * (9.2.3), filed as a corrective action of source "inspect" (corrective.h),
 * which tracks it to verification.  What this file adds: the campaign and
 * its clause, the 課 and the owner by the codes people type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/corrective.h"
#include "core/inspect_internal.h"
#include "core/org.h"
#include "core/staff.h"

static int clause_asked(struct db *db, long long campaign_id, const char *clause, int *asked, struct err *e)
{
	struct db_stmt *st;
	*asked = 0;
	if (db_prepare(db, "SELECT COUNT(*) FROM inspect_question WHERE campaign_id = ? AND clause = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, campaign_id);
	db_bind_text(st, 2, clause);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*asked = db_column_int(st, 0) > 0;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int resolve(struct db *db, const struct inspect_campaign *c, const struct inspect_measure_new *in,
		   struct corrective_new *out, struct err *e)
{
	struct org_units units;
	const struct org_unit *u;
	if (!in->unit || !*in->unit)
		return err_set(e, ERR_INPUT, "改善措置を行う課を指定してください（--unit 課コード）");
	if (org_units_load(db, &units, e))
		return e->code;
	int rc = org_unit_resolve(&units, in->unit, &u, e);
	if (rc)
		err_prefix(e, "改善措置を行う課（--unit）");
	else
		out->unit_id = u->id;
	org_units_free(&units);
	if (rc)
		return rc;
	if (in->clause && *in->clause) {
		int asked;
		if (clause_asked(db, c->id, in->clause, &asked, e))
			return e->code;
		if (!asked)
			return err_set(e, ERR_INPUT, "条項 %s は自己点検 %s で点検していません", in->clause, c->campaign_no);
	}
	if (in->owner_no && *in->owner_no) {
		struct staff s;
		if (staff_current(db, in->owner_no, "改善措置の担当者", "--owner", &s, e))
			return e->code;
		out->owner_id = s.id;
		staff_free(&s);
	}
	return 0;
}

int inspect_measure_add(struct tx *tx, const char *no, const struct inspect_measure_new *in, char **action_no,
			struct err *e)
{
	struct inspect_campaign c;
	*action_no = NULL;
	if (inspect_campaign_find(tx->db, no, &c, e))
		return e->code;
	struct corrective_new cn = {.source = "inspect",
				    .campaign_id = c.id,
				    .clause = in->clause,
				    .problem = in->problem,
				    .measure = in->measure,
				    .due_on = in->due_on,
				    .actor_no = in->actor_no};
	int rc = strcmp(c.state, "draft") == 0
		 ? err_set(e, ERR_INPUT, "自己点検 %s はまだ準備中です（改善措置は結果が出てから登録します）", no)
		 : resolve(tx->db, &c, in, &cn, e);
	if (!rc)
		rc = corrective_add(tx, &cn, action_no, e);
	inspect_campaign_free(&c);
	return rc;
}
