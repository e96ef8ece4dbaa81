/*
 * audit_finding.c — findings of an audit (audit.h): filing them, the CISO's
 * directive to the owning 課 (9.1.7), corrective actions from them, and
 * closing them once every action is verified.
 */
#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_internal.h"
#include "core/case_util.h"
#include "core/corrective.h"
#include "core/org.h"
#include "core/rows.h"
#include "util/buf.h"

#define FINDING_COLUMNS                                                                     \
	"id, finding_no, audit_id, item_id, clause, severity, description, unit_id, state," \
	" directive, directed_by, directed_at, created_at, closed_at"

static void read_finding(struct db_stmt *st, void *elem)
{
	struct audit_finding *f = elem;
	f->id = db_column_int(st, 0);
	f->finding_no = col_dup(st, 1);
	f->audit_id = col_id(st, 2);
	f->item_id = col_id(st, 3);
	f->clause = col_dup(st, 4);
	f->severity = col_dup(st, 5);
	f->description = col_dup(st, 6);
	f->unit_id = col_id(st, 7);
	f->state = col_dup(st, 8);
	f->directive = col_dup(st, 9);
	f->directed_by = col_id(st, 10);
	f->directed_at = col_dup(st, 11);
	f->created_at = col_dup(st, 12);
	f->closed_at = col_dup(st, 13);
}

void audit_finding_free(struct audit_finding *f)
{
	char *s[] = {f->finding_no, f->clause,      f->severity,   f->description, f->state,
		     f->directive,  f->directed_at, f->created_at, f->closed_at};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		free(s[i]);
	memset(f, 0, sizeof *f);
}

static int put_finding(struct tx *tx, const struct audit_finding *f, int insert, const char *kind, struct err *e)
{
	struct row r;
	row_init(&r, "audit_finding");
	row_int(&r, "id", f->id);
	row_text(&r, "finding_no", f->finding_no);
	row_id_ref(&r, "audit_id", f->audit_id);
	row_id_ref(&r, "item_id", f->item_id);
	row_text(&r, "clause", f->clause);
	row_text(&r, "severity", f->severity);
	row_text(&r, "description", f->description);
	row_id_ref(&r, "unit_id", f->unit_id);
	row_text(&r, "state", f->state);
	row_text(&r, "directive", f->directive);
	row_id_ref(&r, "directed_by", f->directed_by);
	row_text(&r, "directed_at", f->directed_at);
	row_text(&r, "created_at", f->created_at);
	row_text(&r, "closed_at", f->closed_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

static int load_by_id(struct db *db, long long id, struct audit_finding *out, struct err *e)
{
	struct audit_finding *v = NULL;
	size_t n = 0;
	memset(out, 0, sizeof *out);
	int rc = rows_load_for(db, "SELECT " FINDING_COLUMNS " FROM audit_finding WHERE id = ?", id, sizeof *v,
			       read_finding, (void **)&v, &n, e);
	if (!rc && n == 1) {
		*out = v[0];
		n = 0;
	} else if (!rc) {
		rc = err_set(e, ERR_INTERNAL, "監査の指摘事項（id %lld）が見つかりません", id);
	}
	for (size_t i = 0; i < n; i++)
		audit_finding_free(&v[i]);
	free(v);
	return rc;
}

/* How many actions the finding has and how many of them are verified. */
static int count_actions(struct db *db, long long finding_id, long long *all, long long *verified, struct err *e)
{
	struct db_stmt *st;
	*all = *verified = 0;
	if (db_prepare(db,
		       "SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'verified' THEN 1 ELSE 0 END), 0)"
		       " FROM corrective_action WHERE finding_id = ?",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, finding_id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW) {
		*all = db_column_int(st, 0);
		*verified = db_column_int(st, 1);
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

int audit_finding_sync(struct tx *tx, long long finding_id, struct err *e)
{
	struct audit_finding f;
	long long all, verified;
	if (load_by_id(tx->db, finding_id, &f, e))
		return e->code;
	int rc = count_actions(tx->db, finding_id, &all, &verified, e);
	const char *want = all > 0 && all == verified ? "closed" : f.directive ? "directed" : "open";
	if (!rc && strcmp(f.state, want) != 0) {
		int closing = strcmp(want, "closed") == 0;
		free(f.state);
		free(f.closed_at);
		f.state = xstrdup(want);
		f.closed_at = closing ? xstrdup(tx->at) : NULL;
		rc = put_finding(tx, &f, 0, closing ? "audit.finding.close" : "audit.finding.reopen", e);
	}
	audit_finding_free(&f);
	return rc;
}

/* ---- reading ---- */

int audit_findings_load(struct db *db, const struct audit_finding_filter *f, struct audit_findings *out,
			struct err *e)
{
	struct audit_finding_filter none = {0};
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	int idx = 1;
	memset(out, 0, sizeof *out);
	if (!f)
		f = &none;
	buf_puts(&sql, "SELECT " FINDING_COLUMNS " FROM audit_finding WHERE 1 = 1");
	if (f->audit_id)
		buf_puts(&sql, " AND audit_id = ?");
	if (f->unit_id)
		buf_puts(&sql, " AND unit_id = ?");
	if (f->state)
		buf_puts(&sql, " AND state = ?");
	if (f->fiscal_year)
		buf_puts(&sql, " AND audit_id IN (SELECT id FROM audit WHERE fiscal_year = ?)");
	buf_puts(&sql, " ORDER BY id");
	int rc = db_prepare(db, sql.data, &st, e);
	buf_free(&sql);
	if (rc)
		return e->code;
	if (f->audit_id)
		db_bind_int(st, idx++, f->audit_id);
	if (f->unit_id)
		db_bind_int(st, idx++, f->unit_id);
	if (f->state)
		db_bind_text(st, idx++, f->state);
	if (f->fiscal_year)
		db_bind_int(st, idx++, f->fiscal_year);
	if (rows_collect(st, sizeof *out->v, read_finding, (void **)&out->v, &out->n, e)) {
		audit_findings_free(out);
		return e->code;
	}
	return 0;
}

void audit_findings_free(struct audit_findings *l)
{
	for (size_t i = 0; i < l->n; i++)
		audit_finding_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int audit_finding_load(struct db *db, const char *finding_no, struct audit_finding *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return case_load_by_no(db, "SELECT " FINDING_COLUMNS " FROM audit_finding WHERE finding_no = ?",
			       "監査の指摘事項", finding_no, read_finding, out, e);
}

const char *audit_severity_label(const char *severity)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"major", "重大"}, {"minor", "軽微"}, {"observation", "改善提案"}};
	for (size_t i = 0; severity && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, severity) == 0)
			return labels[i].label;
	return severity ? severity : "";
}

const char *audit_finding_state_label(const char *state)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"open", "指摘"}, {"directed", "CISO 指示済み"}, {"closed", "措置確認済み"}};
	for (size_t i = 0; state && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, state) == 0)
			return labels[i].label;
	return state ? state : "";
}

/* ---- writing ---- */

static int check_severity(const char *s, struct err *e)
{
	if (s && (strcmp(s, "major") == 0 || strcmp(s, "minor") == 0 || strcmp(s, "observation") == 0))
		return 0;
	return err_set(e, ERR_INPUT, "指摘の重大度（--severity）は major（重大）、minor（軽微）、observation（改善提案）のいずれかです：「%s」",
		       s ? s : "");
}

/* The 課 by code, refused when unknown or closed; *id = 0 when code is empty. */
static int unit_by_code(struct db *db, const char *code, long long *id, struct err *e)
{
	struct org_units units;
	*id = 0;
	if (!code || !*code)
		return 0;
	if (org_units_load(db, &units, e))
		return e->code;
	const struct org_unit *u = org_unit_by_code(&units, code);
	int rc = 0;
	if (!u)
		rc = err_set(e, ERR_INPUT, "組織コード「%s」は登録されていません", code);
	else if (!org_unit_is_open(u))
		rc = err_set(e, ERR_INPUT, "%s（%s）は廃止されています", u->name, code);
	else
		*id = u->id;
	org_units_free(&units);
	return rc;
}

/* The next number within the audit: "A2026-000001-F01", "-F02" … */
static int next_number(struct db *db, const struct audit *a, char *out, size_t n, struct err *e)
{
	long long count = 0;
	struct db_stmt *st;
	if (db_prepare(db, "SELECT COUNT(*) FROM audit_finding WHERE audit_id = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, a->id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		count = db_column_int(st, 0);
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	snprintf(out, n, "%s-F%02lld", a->audit_no, count + 1);
	return 0;
}

static long long item_of(struct db *db, long long audit_id, const char *clause)
{
	struct audit_items items;
	struct err e = {0};
	long long id = 0;
	if (audit_items_load(db, audit_id, &items, &e))
		return 0;
	for (size_t i = 0; i < items.n; i++)
		if (strcmp(items.v[i].clause, clause) == 0)
			id = items.v[i].id;
	audit_items_free(&items);
	return id;
}

int audit_finding_add(struct tx *tx, const struct audit_finding_new *in, char **finding_no, struct err *e)
{
	struct audit_ctx x;
	struct audit_finding f = {0};
	char no[64];
	*finding_no = NULL;
	int rc = audit_act_begin(tx->db, in->audit_no, in->actor_no, "指摘事項を登録する職員", &x, e);
	if (!rc)
		rc = audit_need_team(tx->db, &x, "指摘事項の登録", e);
	if (!rc)
		rc = audit_need_open(&x.a, e);
	if (!rc && (!in->clause || !*in->clause))
		rc = err_set(e, ERR_INPUT, "指摘事項の条項を指定してください（--clause 条項番号）");
	if (!rc)
		rc = case_clause_known(in->clause, e);
	if (!rc)
		rc = check_severity(in->severity, e);
	if (!rc && (!in->description || !*in->description))
		rc = err_set(e, ERR_INPUT, "指摘事項の内容を入力してください（--description）");
	if (!rc)
		rc = unit_by_code(tx->db, in->unit, &f.unit_id, e);
	if (!rc && !f.unit_id)
		f.unit_id = x.a.unit_id;
	if (!rc && !f.unit_id)
		rc = err_set(e, ERR_INPUT, "指摘事項に対応する課を指定してください（--unit 組織コード）");
	if (!rc)
		rc = next_number(tx->db, &x.a, no, sizeof no, e);
	if (!rc)
		rc = tx_next_id(tx, "audit_finding", &f.id, e);
	if (!rc) {
		f.finding_no = xstrdup(no);
		f.audit_id = x.a.id;
		f.item_id = item_of(tx->db, x.a.id, in->clause);
		f.clause = xstrdup(in->clause);
		f.severity = xstrdup(in->severity);
		f.description = xstrdup(in->description);
		f.state = xstrdup("open");
		f.created_at = xstrdup(tx->at);
		rc = put_finding(tx, &f, 1, "audit.finding.add", e);
	}
	if (!rc)
		rc = audit_step(tx, x.a.id, x.who.id, "finding_added",
				case_body(3, "clause", f.clause, "finding_no", f.finding_no, "severity", f.severity), e);
	if (!rc) {
		*finding_no = f.finding_no;
		f.finding_no = NULL;
	}
	audit_finding_free(&f);
	audit_act_end(&x);
	return rc;
}

/* The 課's 情報セキュリティ管理者 (first active assignment), or 0. */
static long long manager_of(const struct role_assignments *roles, long long unit_id)
{
	for (size_t i = 0; i < roles->n; i++)
		if (roles->v[i].unit_id == unit_id && strcmp(roles->v[i].role, "manager") == 0)
			return roles->v[i].staff_id;
	return 0;
}

int audit_finding_direct(struct tx *tx, const char *finding_no, const char *directive, const char *actor_no,
			 struct err *e)
{
	struct audit_ctx x;
	struct audit_finding f = {0};
	int have_f = 0;
	int rc = audit_finding_load(tx->db, finding_no, &f, e);
	have_f = !rc;
	if (!rc)
		rc = audit_act_begin(tx->db, NULL, actor_no, "指示する職員", &x, e);
	if (!rc && !case_role_held(&x.roles, x.who.id, "ciso", 0, 0))
		rc = err_set(e, ERR_INPUT, "指摘事項への対応を指示できるのは CISO です（%s（%s）は CISO ではありません、9.1.7）",
			     x.who.name, x.who.staff_no);
	if (!rc && f.directive)
		rc = err_set(e, ERR_INPUT, "指摘事項 %s には既に指示があります", f.finding_no);
	if (!rc && (!directive || !*directive))
		rc = err_set(e, ERR_INPUT, "指示の内容を入力してください（--directive）");
	if (!rc) {
		f.directive = xstrdup(directive);
		f.directed_by = x.who.id;
		f.directed_at = xstrdup(tx->at);
		if (strcmp(f.state, "open") == 0) {
			free(f.state);
			f.state = xstrdup("directed");
		}
		rc = put_finding(tx, &f, 0, "audit.finding.direct", e);
	}
	long long manager = rc ? 0 : manager_of(&x.roles, f.unit_id);
	char *to = manager ? staff_name_of(tx->db, manager, e) : NULL;
	if (!rc)
		rc = audit_step(tx, f.audit_id, x.who.id, "directed",
				case_body(3, "directive", directive, "finding_no", f.finding_no, "to", to), e);
	free(to);
	if (have_f) {
		audit_finding_free(&f);
		audit_act_end(&x);
	}
	return rc;
}

int audit_finding_action(struct tx *tx, const char *finding_no, const char *unit, const char *measure,
			 const char *owner_no, const char *due_on, const char *actor_no, char **action_no,
			 struct err *e)
{
	struct audit_finding f;
	struct staff owner = {0};
	long long unit_id = 0;
	*action_no = NULL;
	if (audit_finding_load(tx->db, finding_no, &f, e))
		return e->code;
	int rc = unit_by_code(tx->db, unit, &unit_id, e);
	if (!rc && owner_no && *owner_no)
		rc = staff_current(tx->db, owner_no, "改善措置の担当者", "--owner", &owner, e);
	if (!rc) {
		struct corrective_new in = {"audit",   0,           f.id,     unit_id ? unit_id : f.unit_id,
					    f.clause,  f.description, measure, owner.id,
					    due_on,    actor_no};
		rc = corrective_add(tx, &in, action_no, e);
	}
	struct staff who = {0};
	int found = 0;
	if (!rc && !(rc = staff_find(tx->db, actor_no, &who, &found, e)))
		rc = audit_step(tx, f.audit_id, found ? who.id : 0, "action_filed",
				case_body(2, "action_no", *action_no, "finding_no", f.finding_no), e);
	if (found)
		staff_free(&who);
	staff_free(&owner);
	audit_finding_free(&f);
	return rc;
}
