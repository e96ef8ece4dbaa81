/*
 * inspect.c — 自己点検 campaigns (inspect.h): loading, numbering, the
 * state steps, and who may manage them.  Making a campaign (its questions
 * and respondents) is in inspect_create.c.
 */
#include "core/inspect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_util.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "util/buf.h"

#define CAMPAIGN_COLUMNS                                                                          \
	"id, campaign_no, fiscal_year, title, state, opens_on, due_on, created_by, created_at,"  \
	" opened_at, closed_at"

static void read_campaign(struct db_stmt *st, void *elem)
{
	struct inspect_campaign *c = elem;
	c->id = db_column_int(st, 0);
	c->campaign_no = col_dup(st, 1);
	c->fiscal_year = (int)db_column_int(st, 2);
	c->title = col_dup(st, 3);
	c->state = col_dup(st, 4);
	c->opens_on = col_dup(st, 5);
	c->due_on = col_dup(st, 6);
	c->created_by = col_id(st, 7);
	c->created_at = col_dup(st, 8);
	c->opened_at = col_dup(st, 9);
	c->closed_at = col_dup(st, 10);
}

void inspect_campaign_free(struct inspect_campaign *c)
{
	char *f[] = {c->campaign_no, c->title,      c->state,     c->opens_on,
		     c->due_on,      c->created_at, c->opened_at, c->closed_at};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(f[i]);
	memset(c, 0, sizeof *c);
}

void inspect_campaigns_free(struct inspect_campaigns *l)
{
	for (size_t i = 0; i < l->n; i++)
		inspect_campaign_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int inspect_campaigns_load(struct db *db, int fiscal_year, struct inspect_campaigns *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = fiscal_year
		 ? rows_load_for(db, "SELECT " CAMPAIGN_COLUMNS " FROM inspect_campaign WHERE fiscal_year = ? ORDER BY id",
				 fiscal_year, sizeof *out->v, read_campaign, (void **)&out->v, &out->n, e)
		 : rows_load(db, "SELECT " CAMPAIGN_COLUMNS " FROM inspect_campaign ORDER BY id", sizeof *out->v,
			     read_campaign, (void **)&out->v, &out->n, e);
	if (rc)
		inspect_campaigns_free(out);
	return rc;
}

int inspect_campaign_find(struct db *db, const char *no, struct inspect_campaign *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (!no || !*no)
		return err_set(e, ERR_INPUT, "自己点検の番号を指定してください（例: S2026-01）");
	int rc = case_load_by_no(db, "SELECT " CAMPAIGN_COLUMNS " FROM inspect_campaign WHERE campaign_no = ?",
				 "自己点検", no, read_campaign, out, e);
	if (rc)
		inspect_campaign_free(out);
	return rc;
}

const char *inspect_state_label(const char *state)
{
	if (strcmp(state, "draft") == 0)
		return "準備中";
	if (strcmp(state, "open") == 0)
		return "実施中";
	if (strcmp(state, "closed") == 0)
		return "終了";
	return state;
}

/* The 統括情報セキュリティ責任者 runs the inspection for the CISO (9.2.1);
 * either of them, or the deputy CISO, may manage campaigns. */
int inspect_may_manage(const struct role_assignments *roles, long long staff_id)
{
	static const char *const managers[] = {"chief_officer", "ciso", "deputy_ciso"};
	for (size_t i = 0; i < sizeof managers / sizeof managers[0]; i++)
		if (case_role_held(roles, staff_id, managers[i], 0, 0))
			return 1;
	return 0;
}

/* ERR_INPUT unless actor_no is a current member of staff who may manage
 * campaigns; *staff_id gets their id. */
int inspect_check_manager(struct db *db, const char *actor_no, long long *staff_id, struct err *e)
{
	struct staff s;
	struct role_assignments roles;
	if (staff_current(db, actor_no, "操作者", "--as", &s, e))
		return e->code;
	*staff_id = s.id;
	staff_free(&s);
	if (role_load(db, 1, &roles, e))
		return e->code;
	int ok = inspect_may_manage(&roles, *staff_id);
	role_assignments_free(&roles);
	if (!ok)
		return err_set(e, ERR_INPUT,
			       "自己点検を管理できるのは統括情報セキュリティ責任者か CISO です（職員番号 %s）", actor_no);
	return 0;
}

int inspect_put_campaign(struct tx *tx, const struct inspect_campaign *c, int insert, const char *kind,
			 struct err *e)
{
	struct row r;
	row_init(&r, "inspect_campaign");
	row_int(&r, "id", c->id);
	row_text(&r, "campaign_no", c->campaign_no);
	row_int(&r, "fiscal_year", c->fiscal_year);
	row_text(&r, "title", c->title);
	row_text(&r, "state", c->state);
	row_text(&r, "opens_on", c->opens_on);
	row_text(&r, "due_on", c->due_on);
	row_id_ref(&r, "created_by", c->created_by);
	row_text(&r, "created_at", c->created_at);
	row_text(&r, "opened_at", c->opened_at);
	row_text(&r, "closed_at", c->closed_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

/* open and close share everything but the states and the time they set. */
static int step(struct tx *tx, const char *no, const char *actor_no, const char *from, const char *to,
		struct err *e)
{
	struct inspect_campaign c;
	long long actor_id;
	if (inspect_check_manager(tx->db, actor_no, &actor_id, e) || inspect_campaign_find(tx->db, no, &c, e))
		return e->code;
	int rc = 0;
	if (strcmp(c.state, from) != 0) {
		rc = err_set(e, ERR_INPUT, "自己点検 %s は%sです（%sにできるのは%sのときだけです）", no,
			     inspect_state_label(c.state), inspect_state_label(to), inspect_state_label(from));
	} else {
		char **at = strcmp(to, "open") == 0 ? &c.opened_at : &c.closed_at;
		free(c.state);
		c.state = xstrdup(to);
		free(*at);
		*at = xstrdup(tx->at);
		rc = inspect_put_campaign(tx, &c, 0, strcmp(to, "open") == 0 ? "inspect.open" : "inspect.close", e);
	}
	inspect_campaign_free(&c);
	return rc;
}

int inspect_open(struct tx *tx, const char *no, const char *actor_no, struct err *e)
{
	return step(tx, no, actor_no, "draft", "open", e);
}

int inspect_close(struct tx *tx, const char *no, const char *actor_no, struct err *e)
{
	return step(tx, no, actor_no, "open", "closed", e);
}
