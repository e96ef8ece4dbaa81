/*
 * corrective.c — 改善措置 (corrective.h): filing, the report that it is
 * done, its verification or return, and the list the pages, the annual
 * report and `check` read.
 *
 * Who may do what (the same rules corrective_may tells the pages):
 *   file    the CISO, the 副CISO, the 統括情報セキュリティ責任者, any
 *           情報セキュリティ責任者, the 課's own 情報セキュリティ管理者, and for
 *           audit findings the 情報セキュリティ監査統括責任者;
 *   done    the owner, or the 課's 情報セキュリティ管理者;
 *   verify  for audit findings the 監査統括責任者 or the CISO, for
 *           self-inspection findings the 統括情報セキュリティ責任者 or the
 *           CISO; never the owner, who would be checking their own work.
 */
#include "core/corrective.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/case_event.h"
#include "core/case_util.h"
#include "core/org.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "util/buf.h"
#include "util/timeutil.h"

#define CORRECTIVE_COLUMNS                                                                    \
	"id, action_no, source, campaign_id, finding_id, unit_id, clause, problem, measure,"  \
	" owner_id, due_on, state, done_at, done_note, verified_by, verified_at, created_by," \
	" created_at"

/* ---- reading ---- */

static void read_action(struct db_stmt *st, void *elem)
{
	struct corrective_action *a = elem;
	a->id = db_column_int(st, 0);
	a->action_no = col_dup(st, 1);
	a->source = col_dup(st, 2);
	a->campaign_id = col_id(st, 3);
	a->finding_id = col_id(st, 4);
	a->unit_id = col_id(st, 5);
	a->clause = col_dup(st, 6);
	a->problem = col_dup(st, 7);
	a->measure = col_dup(st, 8);
	a->owner_id = col_id(st, 9);
	a->due_on = col_dup(st, 10);
	a->state = col_dup(st, 11);
	a->done_at = col_dup(st, 12);
	a->done_note = col_dup(st, 13);
	a->verified_by = col_id(st, 14);
	a->verified_at = col_dup(st, 15);
	a->created_by = col_id(st, 16);
	a->created_at = col_dup(st, 17);
}

void corrective_action_free(struct corrective_action *a)
{
	char *f[] = {a->action_no, a->source,  a->clause,    a->problem,     a->measure,   a->due_on,
		     a->state,     a->done_at, a->done_note, a->verified_at, a->created_at};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(f[i]);
	memset(a, 0, sizeof *a);
}

void corrective_list_free(struct corrective_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		corrective_action_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int corrective_load(struct db *db, const char *action_no, struct corrective_action *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return case_load_by_no(db, "SELECT " CORRECTIVE_COLUMNS " FROM corrective_action WHERE action_no = ?",
			       "改善措置", action_no, read_action, out, e);
}

/* The first instant of 年度 fy in UTC: 1 April 00:00 JST is 31 March 15:00 UTC,
 * so a text comparison on created_at selects the 年度 without date functions,
 * which SQLite and PostgreSQL spell differently. */
static void fiscal_year_start_utc(int fy, char out[32])
{
	snprintf(out, 32, "%04d-03-31T15:00:00Z", fy);
}

int corrective_list(struct db *db, const struct corrective_filter *f, struct corrective_list *out,
		    struct err *e)
{
	struct corrective_filter none = {0};
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	char from[32], to[32];
	int unverified = 0, idx = 1;
	memset(out, 0, sizeof *out);
	if (!f)
		f = &none;
	if (f->state && strcmp(f->state, "unverified") == 0)
		unverified = 1;
	buf_puts(&sql, "SELECT " CORRECTIVE_COLUMNS " FROM corrective_action WHERE 1 = 1");
	if (f->source)
		buf_puts(&sql, " AND source = ?");
	if (unverified)
		buf_puts(&sql, " AND state IN ('open', 'reopened', 'done')");
	else if (f->state)
		buf_puts(&sql, " AND state = ?");
	if (f->unit_id)
		buf_puts(&sql, " AND unit_id = ?");
	if (f->fiscal_year)
		buf_puts(&sql, " AND created_at >= ? AND created_at < ?");
	buf_puts(&sql, " ORDER BY id");
	int rc = db_prepare(db, sql.data, &st, e);
	buf_free(&sql);
	if (rc)
		return e->code;
	if (f->source)
		db_bind_text(st, idx++, f->source);
	if (f->state && !unverified)
		db_bind_text(st, idx++, f->state);
	if (f->unit_id)
		db_bind_int(st, idx++, f->unit_id);
	if (f->fiscal_year) {
		fiscal_year_start_utc(f->fiscal_year, from);
		fiscal_year_start_utc(f->fiscal_year + 1, to);
		db_bind_text(st, idx++, from);
		db_bind_text(st, idx++, to);
	}
	if (rows_collect(st, sizeof *out->v, read_action, (void **)&out->v, &out->n, e)) {
		corrective_list_free(out);
		return e->code;
	}
	return 0;
}

const char *corrective_state_label(const char *state)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"open", "対応中"}, {"done", "完了報告済み"}, {"verified", "確認済み"}, {"reopened", "差し戻し"}};
	for (size_t i = 0; state && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, state) == 0)
			return labels[i].label;
	return state ? state : "";
}

const char *corrective_step_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} labels[] = {{"filed", "改善措置の登録"}, {"done", "完了報告"}, {"verified", "有効性の確認"},
		      {"reopened", "差し戻し"}};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return labels[i].label;
	return kind;
}

int corrective_is_overdue(const struct corrective_action *a, const char *today)
{
	int pending = strcmp(a->state, "open") == 0 || strcmp(a->state, "reopened") == 0;
	return pending && a->due_on && strcmp(a->due_on, today) < 0;
}

/* ---- who may ---- */

static int held(const struct role_assignments *roles, long long id, const char *role)
{
	return case_role_held(roles, id, role, 0, 0);
}

int corrective_may_file(const struct role_assignments *roles, long long staff_id, const char *source,
			long long unit_id)
{
	if (held(roles, staff_id, "ciso") || held(roles, staff_id, "deputy_ciso") ||
	    held(roles, staff_id, "chief_officer") || held(roles, staff_id, "officer"))
		return 1;
	if (source && strcmp(source, "audit") == 0 && held(roles, staff_id, "audit_lead"))
		return 1;
	return unit_id && case_role_held(roles, staff_id, "manager", unit_id, 0);
}

static int role_may_verify(const struct role_assignments *roles, long long staff_id,
			   const struct corrective_action *a)
{
	if (staff_id == a->owner_id)
		return 0;
	if (held(roles, staff_id, "ciso"))
		return 1;
	return strcmp(a->source, "audit") == 0 ? held(roles, staff_id, "audit_lead")
					       : held(roles, staff_id, "chief_officer");
}

static int role_may_report_done(const struct role_assignments *roles, long long staff_id,
				const struct corrective_action *a)
{
	return staff_id == a->owner_id || (a->unit_id && case_role_held(roles, staff_id, "manager", a->unit_id, 0));
}

int corrective_may(const struct role_assignments *roles, long long staff_id, const struct corrective_action *a,
		   enum corrective_act act)
{
	switch (act) {
	case CORRECTIVE_DONE:
		return (strcmp(a->state, "open") == 0 || strcmp(a->state, "reopened") == 0) &&
		       role_may_report_done(roles, staff_id, a);
	case CORRECTIVE_VERIFY:
		return strcmp(a->state, "done") == 0 && role_may_verify(roles, staff_id, a);
	}
	return 0;
}

/* ---- writing ---- */

static int put_action(struct tx *tx, const struct corrective_action *a, int insert, const char *kind,
		      struct err *e)
{
	struct row r;
	row_init(&r, "corrective_action");
	row_int(&r, "id", a->id);
	row_text(&r, "action_no", a->action_no);
	row_text(&r, "source", a->source);
	row_id_ref(&r, "campaign_id", a->campaign_id);
	row_id_ref(&r, "finding_id", a->finding_id);
	row_id_ref(&r, "unit_id", a->unit_id);
	row_text(&r, "clause", a->clause);
	row_text(&r, "problem", a->problem);
	row_text(&r, "measure", a->measure);
	row_id_ref(&r, "owner_id", a->owner_id);
	row_text(&r, "due_on", a->due_on);
	row_text(&r, "state", a->state);
	row_text(&r, "done_at", a->done_at);
	row_text(&r, "done_note", a->done_note);
	row_id_ref(&r, "verified_by", a->verified_by);
	row_text(&r, "verified_at", a->verified_at);
	row_id_ref(&r, "created_by", a->created_by);
	row_text(&r, "created_at", a->created_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

static int step(struct tx *tx, const struct corrective_action *a, long long actor, const char *kind,
		char *body, struct err *e)
{
	int rc = case_event_add(tx, CASE_CORRECTIVE, a->id, actor, kind, body, NULL, e);
	free(body);
	return rc;
}

static int need_text(const char *v, const char *label, struct err *e)
{
	if (!v || !*v)
		return err_set(e, ERR_INPUT, "改善措置の%sを入力してください", label);
	return 0;
}

/* Whether a row with this id exists in table (a fixed name, never input). */
static int row_exists(struct db *db, const char *sql, long long id, int *found, struct err *e)
{
	struct db_stmt *st;
	*found = 0;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	db_bind_int(st, 1, id);
	enum db_step_result r = db_step(st, e);
	*found = r == DB_ROW;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int check_source(struct db *db, const struct corrective_new *in, struct err *e)
{
	int found = 0;
	if (!in->source || (strcmp(in->source, "inspect") != 0 && strcmp(in->source, "audit") != 0))
		return err_set(e, ERR_INPUT, "改善措置の発端（source）は inspect（自己点検）か audit（監査）です：「%s」",
			       in->source ? in->source : "");
	if (strcmp(in->source, "inspect") == 0) {
		if (in->finding_id)
			return err_set(e, ERR_INPUT, "自己点検の改善措置に監査の指摘事項は指定できません");
		if (in->campaign_id &&
		    row_exists(db, "SELECT id FROM inspect_campaign WHERE id = ?", in->campaign_id, &found, e))
			return e->code;
		if (in->campaign_id && !found)
			return err_set(e, ERR_INPUT, "自己点検（id %lld）はありません", in->campaign_id);
		return 0;
	}
	if (in->campaign_id)
		return err_set(e, ERR_INPUT, "監査の改善措置に自己点検は指定できません");
	if (!in->finding_id)
		return err_set(e, ERR_INPUT, "監査の改善措置には指摘事項を指定してください");
	if (row_exists(db, "SELECT id FROM audit_finding WHERE id = ?", in->finding_id, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "監査の指摘事項（id %lld）はありません", in->finding_id);
	return 0;
}

/* The 課's 情報セキュリティ管理者 by its active assignment (the first), or 0. */
static long long unit_manager(const struct role_assignments *roles, long long unit_id)
{
	for (size_t i = 0; i < roles->n; i++)
		if (roles->v[i].unit_id == unit_id && strcmp(roles->v[i].role, "manager") == 0)
			return roles->v[i].staff_id;
	return 0;
}

/* The owner must be a current member of staff; 0 means the 課's manager. */
static int check_owner(struct db *db, const struct role_assignments *roles, const struct corrective_new *in,
		       long long *owner, struct err *e)
{
	*owner = in->owner_id;
	if (!*owner)
		*owner = unit_manager(roles, in->unit_id);
	if (!*owner)
		return err_set(e, ERR_INPUT, "この課には情報セキュリティ管理者がいません。改善措置の担当者を指定してください");
	struct staff_list one;
	char where[64];
	snprintf(where, sizeof where, "id = %lld", *owner);
	if (staff_load(db, where, &one, e))
		return e->code;
	int rc = 0;
	if (one.n == 0)
		rc = err_set(e, ERR_INPUT, "改善措置の担当者（id %lld）は登録されていません", *owner);
	else if (one.v[0].left_on)
		rc = err_set(e, ERR_INPUT, "改善措置の担当者 %s（%s）は離任しています", one.v[0].name, one.v[0].staff_no);
	staff_list_free(&one);
	return rc;
}

static int check_unit(struct db *db, long long unit_id, struct err *e)
{
	struct org_units units;
	if (!unit_id)
		return err_set(e, ERR_INPUT, "改善措置を行う課を指定してください");
	if (org_units_load(db, &units, e))
		return e->code;
	const struct org_unit *u = org_unit_by_id(&units, unit_id);
	int rc = 0;
	if (!u)
		rc = err_set(e, ERR_INPUT, "改善措置を行う課（id %lld）は登録されていません", unit_id);
	else if (!org_unit_is_open(u))
		rc = err_set(e, ERR_INPUT, "%s は廃止されています", u->name);
	org_units_free(&units);
	return rc;
}

static int check_new(struct tx *tx, const struct corrective_new *in, const struct staff *who,
		     const struct role_assignments *roles, struct corrective_action *a, struct err *e)
{
	char due[11];
	if (check_source(tx->db, in, e) || check_unit(tx->db, in->unit_id, e))
		return e->code;
	if (in->clause && *in->clause && case_clause_known(in->clause, e))
		return e->code;
	if (need_text(in->problem, "問題点", e) || need_text(in->measure, "措置内容", e))
		return e->code;
	if (in->due_on && *in->due_on) {
		if (date_parse(in->due_on, due, e))
			return err_prefix(e, "改善措置の期限");
		a->due_on = xstrdup(due);
	}
	if (!corrective_may_file(roles, who->id, in->source, in->unit_id))
		return err_set(e, ERR_INPUT, "%s（%s）には、この課の改善措置を登録する役割がありません", who->name,
			       who->staff_no);
	return check_owner(tx->db, roles, in, &a->owner_id, e);
}

int corrective_add(struct tx *tx, const struct corrective_new *in, char **action_no, struct err *e)
{
	struct corrective_action a = {0};
	struct staff who;
	struct role_assignments roles;
	char no[32];
	*action_no = NULL;
	if (staff_current(tx->db, in->actor_no, "改善措置を登録する職員", "--as", &who, e))
		return e->code;
	if (role_load(tx->db, 1, &roles, e)) {
		staff_free(&who);
		return e->code;
	}
	int rc = check_new(tx, in, &who, &roles, &a, e);
	if (!rc)
		rc = tx_next_id(tx, "corrective_action", &a.id, e);
	if (!rc) {
		case_number("C", a.id, no);
		a.action_no = xstrdup(no);
		a.source = xstrdup(in->source);
		a.campaign_id = in->campaign_id;
		a.finding_id = in->finding_id;
		a.unit_id = in->unit_id;
		a.clause = in->clause && *in->clause ? xstrdup(in->clause) : NULL;
		a.problem = xstrdup(in->problem);
		a.measure = xstrdup(in->measure);
		a.state = xstrdup("open");
		a.created_by = who.id;
		a.created_at = xstrdup(tx->at);
		rc = put_action(tx, &a, 1, "corrective.add", e);
	}
	if (!rc)
		rc = step(tx, &a, who.id, "filed",
			  case_body(4, "clause", a.clause, "due_on", a.due_on, "measure", a.measure, "source", a.source), e);
	if (!rc && a.finding_id)
		rc = audit_finding_sync(tx, a.finding_id, e);
	if (!rc) {
		*action_no = a.action_no;
		a.action_no = NULL;
	}
	role_assignments_free(&roles);
	staff_free(&who);
	corrective_action_free(&a);
	return rc;
}

/* The action by number and the acting member of staff, with roles. */
struct act {
	struct corrective_action a;
	struct staff who;
	struct role_assignments roles;
	int loaded;
};

static int act_begin(struct tx *tx, const char *no, const char *actor_no, const char *what, struct act *x,
		     struct err *e)
{
	memset(x, 0, sizeof *x);
	if (corrective_load(tx->db, no, &x->a, e))
		return e->code;
	x->loaded = 1;
	if (staff_current(tx->db, actor_no, what, "--as", &x->who, e))
		return e->code;
	x->loaded = 2;
	if (role_load(tx->db, 1, &x->roles, e))
		return e->code;
	x->loaded = 3;
	return 0;
}

static void act_end(struct act *x)
{
	if (x->loaded >= 1)
		corrective_action_free(&x->a);
	if (x->loaded >= 2)
		staff_free(&x->who);
	if (x->loaded >= 3)
		role_assignments_free(&x->roles);
}

int corrective_done(struct tx *tx, const char *action_no, const char *actor_no, const char *note,
		    struct err *e)
{
	struct act x;
	int rc = act_begin(tx, action_no, actor_no, "完了を報告する職員", &x, e);
	if (!rc && strcmp(x.a.state, "open") != 0 && strcmp(x.a.state, "reopened") != 0)
		rc = err_set(e, ERR_INPUT, "改善措置 %s は%sのため、完了報告はできません", x.a.action_no,
			     corrective_state_label(x.a.state));
	if (!rc && !role_may_report_done(&x.roles, x.who.id, &x.a))
		rc = err_set(e, ERR_INPUT, "完了を報告できるのは担当者か、その課の情報セキュリティ管理者です（%s（%s）は該当しません）",
			     x.who.name, x.who.staff_no);
	if (!rc)
		rc = need_text(note, "実施した内容（--note）", e);
	if (!rc) {
		free(x.a.state);
		free(x.a.done_at);
		free(x.a.done_note);
		x.a.state = xstrdup("done");
		x.a.done_at = xstrdup(tx->at);
		x.a.done_note = xstrdup(note);
		rc = put_action(tx, &x.a, 0, "corrective.done", e);
	}
	if (!rc)
		rc = step(tx, &x.a, x.who.id, "done", case_body(1, "note", note), e);
	act_end(&x);
	return rc;
}

int corrective_verify(struct tx *tx, const char *action_no, const char *actor_no, int ok,
		      const char *note, struct err *e)
{
	struct act x;
	int rc = act_begin(tx, action_no, actor_no, "確認者", &x, e);
	if (!rc && strcmp(x.a.state, "done") != 0)
		rc = err_set(e, ERR_INPUT, "改善措置 %s は%sです。確認できるのは完了報告のあったものだけです", x.a.action_no,
			     corrective_state_label(x.a.state));
	if (!rc && x.who.id == x.a.owner_id)
		rc = err_set(e, ERR_INPUT, "改善措置の担当者は自分の措置を確認できません（%s（%s）は %s の担当者です）",
			     x.who.name, x.who.staff_no, x.a.action_no);
	if (!rc && !role_may_verify(&x.roles, x.who.id, &x.a))
		rc = err_set(e, ERR_INPUT, "%sの改善措置を確認できるのは%sか CISO です（%s（%s）は該当しません）",
			     strcmp(x.a.source, "audit") == 0 ? "監査" : "自己点検",
			     strcmp(x.a.source, "audit") == 0 ? "情報セキュリティ監査統括責任者" : "統括情報セキュリティ責任者",
			     x.who.name, x.who.staff_no);
	if (!rc && !ok)
		rc = need_text(note, "差し戻しの理由（--note）", e);
	if (!rc) {
		free(x.a.state);
		x.a.state = xstrdup(ok ? "verified" : "reopened");
		if (ok) {
			x.a.verified_by = x.who.id;
			x.a.verified_at = xstrdup(tx->at);
		}
		rc = put_action(tx, &x.a, 0, ok ? "corrective.verify" : "corrective.reopen", e);
	}
	if (!rc)
		rc = step(tx, &x.a, x.who.id, ok ? "verified" : "reopened", case_body(1, "note", note), e);
	if (!rc && x.a.finding_id)
		rc = audit_finding_sync(tx, x.a.finding_id, e);
	act_end(&x);
	return rc;
}
