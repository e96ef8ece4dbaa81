/*
 * exception.c — 例外措置 (exception.h): filing, the CISO's decision, the
 * after-the-fact report of an emergency, reviews and ending.
 */
#include "core/exception.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_event.h"
#include "core/case_util.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "util/timeutil.h"

#define EXCEPTION_COLUMNS                                                                    \
	"id, exception_no, requester_id, unit_id, system_id, clause, reason, scope, measures," \
	" starts_on, ends_on, emergency, applied_at, reported_at, state, decided_by,"         \
	" decided_at, decision_note, reviewed_at, filed_at"

/* ---- loading ---- */

static void read_exception(struct db_stmt *st, void *elem)
{
	struct exception_req *x = elem;
	x->id = db_column_int(st, 0);
	x->exception_no = col_dup(st, 1);
	x->requester_id = col_id(st, 2);
	x->unit_id = col_id(st, 3);
	x->system_id = col_id(st, 4);
	x->clause = col_dup(st, 5);
	x->reason = col_dup(st, 6);
	x->scope = col_dup(st, 7);
	x->measures = col_dup(st, 8);
	x->starts_on = col_dup(st, 9);
	x->ends_on = col_dup(st, 10);
	x->emergency = (int)db_column_int(st, 11);
	x->applied_at = col_dup(st, 12);
	x->reported_at = col_dup(st, 13);
	x->state = col_dup(st, 14);
	x->decided_by = col_id(st, 15);
	x->decided_at = col_dup(st, 16);
	x->decision_note = col_dup(st, 17);
	x->reviewed_at = col_dup(st, 18);
	x->filed_at = col_dup(st, 19);
}

static void exception_free(struct exception_req *x)
{
	char *f[] = {x->exception_no, x->clause,  x->reason,     x->scope,      x->measures,
		     x->starts_on,    x->ends_on, x->applied_at, x->reported_at, x->state,
		     x->decided_at,   x->decision_note, x->reviewed_at, x->filed_at};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(f[i]);
	memset(x, 0, sizeof *x);
}

int exception_load(struct db *db, struct exception_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load(db, "SELECT " EXCEPTION_COLUMNS " FROM exception_request ORDER BY id",
			   sizeof *out->v, read_exception, (void **)&out->v, &out->n, e);
	if (rc)
		exception_list_free(out);
	return rc;
}

void exception_list_free(struct exception_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		exception_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

const struct exception_req *exception_by_no(const struct exception_list *l, const char *no)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].exception_no, no) == 0)
			return &l->v[i];
	return NULL;
}

int exception_in_force(const struct exception_req *x)
{
	return strcmp(x->state, "permitted") == 0 || strcmp(x->state, "applied") == 0;
}

int exception_is_expired(const struct exception_req *x, const char *today)
{
	return exception_in_force(x) && strcmp(x->ends_on, today) < 0;
}

const char *exception_state_label(const struct exception_req *x, const char *today)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"requested", "申請中"}, {"permitted", "許可"}, {"rejected", "却下"},
		      {"applied", "緊急実施"},   {"ended", "終了"}};
	if (exception_is_expired(x, today))
		return "期限切れ";
	if (strcmp(x->state, "applied") == 0 && !x->reported_at)
		return "緊急実施（報告待ち）";
	if (strcmp(x->state, "applied") == 0)
		return "緊急実施（報告済み）";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, x->state) == 0)
			return labels[i].label;
	return x->state;
}

/* ---- writing ---- */

static int put_exception(struct tx *tx, const struct exception_req *x, int insert, const char *kind,
			 struct err *e)
{
	struct row r;
	row_init(&r, "exception_request");
	row_int(&r, "id", x->id);
	row_text(&r, "exception_no", x->exception_no);
	row_id_ref(&r, "requester_id", x->requester_id);
	row_id_ref(&r, "unit_id", x->unit_id);
	row_id_ref(&r, "system_id", x->system_id);
	row_text(&r, "clause", x->clause);
	row_text(&r, "reason", x->reason);
	row_text(&r, "scope", x->scope);
	row_text(&r, "measures", x->measures);
	row_text(&r, "starts_on", x->starts_on);
	row_text(&r, "ends_on", x->ends_on);
	row_int(&r, "emergency", x->emergency);
	row_text(&r, "applied_at", x->applied_at);
	row_text(&r, "reported_at", x->reported_at);
	row_text(&r, "state", x->state);
	row_id_ref(&r, "decided_by", x->decided_by);
	row_text(&r, "decided_at", x->decided_at);
	row_text(&r, "decision_note", x->decision_note);
	row_text(&r, "reviewed_at", x->reviewed_at);
	row_text(&r, "filed_at", x->filed_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

static int step(struct tx *tx, const struct exception_req *x, long long actor, const char *kind,
		char *body, struct err *e)
{
	int rc = case_event_add(tx, CASE_EXCEPTION, x->id, actor, kind, body, NULL, e);
	free(body);
	return rc;
}

static int need_text(const char *v, const char *label, const char *opt, struct err *e)
{
	if (!v || !*v)
		return err_set(e, ERR_INPUT, "例外措置の%sを指定してください（%s）", label, opt);
	return 0;
}

static int check_clause(const char *id, struct err *e)
{
	if (need_text(id, "対象となる条項", "--clause 条項番号", e))
		return e->code;
	return case_clause_known(id, e);
}

/* The period: start (default today) to end, which must not come first. */
static int check_period(const struct exception_new *in, struct exception_req *x, struct err *e)
{
	char from[11], to[11];
	if (in->starts_on && *in->starts_on) {
		if (date_parse(in->starts_on, from, e))
			return err_prefix(e, "開始日");
	} else {
		time_today(from);
	}
	if (need_text(in->ends_on, "終了日", "--ends YYYY-MM-DD", e))
		return e->code;
	if (date_parse(in->ends_on, to, e))
		return err_prefix(e, "終了日");
	if (strcmp(to, from) < 0)
		return err_set(e, ERR_INPUT, "終了日 %s が開始日 %s より前です", to, from);
	x->starts_on = xstrdup(from);
	x->ends_on = xstrdup(to);
	return 0;
}

/* Who may request: the 情報システム管理者 of the system, or the
 * 情報セキュリティ管理者 of the 課 (7.4.1). */
static int check_requester(struct db *db, const struct exception_new *in, const struct staff *who,
			   struct exception_req *x, struct err *e)
{
	struct role_assignments roles;
	if (role_load(db, 1, &roles, e))
		return e->code;
	int rc = 0;
	if (in->system && *in->system) {
		struct info_systems systems;
		if (infosys_load(db, &systems, e)) {
			role_assignments_free(&roles);
			return e->code;
		}
		const struct info_system *s = infosys_by_code(&systems, in->system);
		if (!rc && !s)
			rc = err_set(e, ERR_INPUT, "システムコード「%s」は登録されていません", in->system);
		if (!rc && !case_role_held(&roles, who->id, "system_admin", 0, s->id))
			rc = err_set(e, ERR_INPUT, "%s（%s）は %s の情報システム管理者ではないため、例外措置を申請できません",
				     who->name, who->staff_no, s->code);
		if (!rc) {
			x->system_id = s->id;
			x->unit_id = s->unit_id;
		}
		infosys_free(&systems);
	} else {
		struct org_units units;
		if (org_units_load(db, &units, e)) {
			role_assignments_free(&roles);
			return e->code;
		}
		const struct org_unit *u = NULL;
		if (!rc && in->unit && *in->unit && !(u = org_unit_by_code(&units, in->unit)))
			rc = err_set(e, ERR_INPUT, "組織コード「%s」は登録されていません", in->unit);
		for (size_t i = 0; !rc && !u && i < roles.n; i++)
			if (roles.v[i].staff_id == who->id && strcmp(roles.v[i].role, "manager") == 0)
				u = org_unit_by_id(&units, roles.v[i].unit_id);
		if (!rc && (!u || !case_role_held(&roles, who->id, "manager", u->id, 0)))
			rc = err_set(e, ERR_INPUT, "%s（%s）は%s情報セキュリティ管理者ではないため、例外措置を申請できません"
				     "（情報システムについては --system を指定してください）",
				     who->name, who->staff_no, u ? "この課の" : "");
		if (!rc)
			x->unit_id = u->id;
		org_units_free(&units);
	}
	role_assignments_free(&roles);
	return rc;
}

int exception_file(struct tx *tx, const struct exception_new *in, char **exception_no, struct err *e)
{
	struct exception_req x = {0};
	struct staff who;
	char no[32];
	*exception_no = NULL;
	if (staff_current(tx->db, in->requester_no, "申請者", NULL, &who, e))
		return e->code;
	int rc = check_clause(in->clause, e);
	if (!rc)
		rc = need_text(in->reason, "理由", "--reason", e) || need_text(in->scope, "範囲", "--scope", e) ||
			     need_text(in->measures, "代替措置", "--measures", e) ? e->code : 0;
	if (!rc)
		rc = check_period(in, &x, e);
	if (!rc)
		rc = check_requester(tx->db, in, &who, &x, e);
	if (!rc)
		rc = tx_next_id(tx, "exception_request", &x.id, e);
	if (!rc) {
		case_number("E", x.id, no);
		x.exception_no = xstrdup(no);
		x.requester_id = who.id;
		x.clause = xstrdup(in->clause);
		x.reason = xstrdup(in->reason);
		x.scope = xstrdup(in->scope);
		x.measures = xstrdup(in->measures);
		x.emergency = in->emergency != 0;
		x.applied_at = in->emergency ? xstrdup(tx->at) : NULL;
		x.state = xstrdup(in->emergency ? "applied" : "requested");
		x.filed_at = xstrdup(tx->at);
		rc = put_exception(tx, &x, 1, in->emergency ? "exception.apply" : "exception.request", e);
	}
	if (!rc)
		rc = step(tx, &x, who.id, in->emergency ? "applied" : "requested",
			  case_body(4, "clause", x.clause, "ends_on", x.ends_on, "measures", x.measures,
				    "starts_on", x.starts_on), e);
	if (!rc) {
		*exception_no = x.exception_no;
		x.exception_no = NULL;
	}
	staff_free(&who);
	exception_free(&x);
	return rc;
}

/* The exception by number and the acting member of staff, with roles. */
struct act {
	struct exception_req x;
	struct staff who;
	struct role_assignments roles;
	int loaded;
};

static int load_one(struct db *db, const char *no, struct exception_req *x, struct err *e)
{
	memset(x, 0, sizeof *x);
	return case_load_by_no(db, "SELECT " EXCEPTION_COLUMNS " FROM exception_request WHERE exception_no = ?",
			       "例外措置", no, read_exception, x, e);
}

static int act_begin(struct tx *tx, const char *no, const char *actor_no, const char *what,
		     struct act *a, struct err *e)
{
	memset(a, 0, sizeof *a);
	if (load_one(tx->db, no, &a->x, e))
		return e->code;
	a->loaded = 1;
	if (staff_current(tx->db, actor_no, what, NULL, &a->who, e))
		return e->code;
	a->loaded = 2;
	if (role_load(tx->db, 1, &a->roles, e))
		return e->code;
	a->loaded = 3;
	return 0;
}

static void act_end(struct act *a)
{
	if (a->loaded >= 1)
		exception_free(&a->x);
	if (a->loaded >= 2)
		staff_free(&a->who);
	if (a->loaded >= 3)
		role_assignments_free(&a->roles);
}

static int need_ciso(const struct act *a, const char *doing, struct err *e)
{
	if (case_role_held(&a->roles, a->who.id, "ciso", 0, 0))
		return 0;
	return err_set(e, ERR_INPUT, "例外措置の%sができるのは CISO です（%s（%s）は CISO ではありません）", doing,
		       a->who.name, a->who.staff_no);
}

int exception_decide(struct tx *tx, const char *no, const char *actor_no, int permit,
		     const char *note, struct err *e)
{
	struct act a;
	int rc = act_begin(tx, no, actor_no, "決裁者", &a, e);
	if (!rc)
		rc = need_ciso(&a, permit ? "許可" : "却下", e);
	if (!rc && a.who.id == a.x.requester_id)
		rc = err_set(e, ERR_INPUT, "自分が申請した例外措置は決裁できません（兼務の禁止 1.8.1）");
	if (!rc && strcmp(a.x.state, "requested") != 0 && strcmp(a.x.state, "applied") != 0)
		rc = err_set(e, ERR_INPUT, "例外措置 %s は既に決裁済みか終了しています", a.x.exception_no);
	if (!rc && strcmp(a.x.state, "applied") == 0 && a.x.decided_at)
		rc = err_set(e, ERR_INPUT, "例外措置 %s は既に決裁済みです", a.x.exception_no);
	if (!rc && strcmp(a.x.state, "applied") == 0 && !a.x.reported_at)
		rc = err_set(e, ERR_INPUT, "緊急時の例外措置 %s はまだ報告されていません（exception report で報告を記録してください）",
			     a.x.exception_no);
	if (!rc) {
		free(a.x.state);
		a.x.state = xstrdup(permit ? "permitted" : "rejected");
		a.x.decided_by = a.who.id;
		a.x.decided_at = xstrdup(tx->at);
		a.x.decision_note = note && *note ? xstrdup(note) : NULL;
		rc = put_exception(tx, &a.x, 0, permit ? "exception.permit" : "exception.reject", e);
	}
	if (!rc)
		rc = step(tx, &a.x, a.who.id, permit ? "permitted" : "rejected", case_body(1, "note", note), e);
	act_end(&a);
	return rc;
}

/* 7.4.2: the requester, or whoever holds the same role for the same 課 or system. */
static int may_report_for(const struct role_assignments *roles, long long staff_id,
			  const struct exception_req *x)
{
	return staff_id == x->requester_id ||
	       (x->system_id ? case_role_held(roles, staff_id, "system_admin", 0, x->system_id)
			     : case_role_held(roles, staff_id, "manager", x->unit_id, 0));
}

int exception_report(struct tx *tx, const char *no, const char *actor_no, const char *note,
		     struct err *e)
{
	struct act a;
	int rc = act_begin(tx, no, actor_no, "報告者", &a, e);
	if (!rc && (strcmp(a.x.state, "applied") != 0 || a.x.reported_at))
		rc = err_set(e, ERR_INPUT, "例外措置 %s は報告を待つ緊急時の例外措置ではありません", a.x.exception_no);
	int may = !rc && may_report_for(&a.roles, a.who.id, &a.x);
	if (!rc && !may)
		rc = err_set(e, ERR_INPUT, "報告できるのは申請者か、同じ課・システムの管理者です");
	if (!rc) {
		a.x.reported_at = xstrdup(tx->at);
		rc = put_exception(tx, &a.x, 0, "exception.report", e);
	}
	if (!rc)
		rc = step(tx, &a.x, a.who.id, "reported", case_body(2, "note", note, "to", "ciso"), e);
	act_end(&a);
	return rc;
}

int exception_review(struct tx *tx, const char *no, const char *actor_no, const char *note,
		     struct err *e)
{
	struct act a;
	int rc = act_begin(tx, no, actor_no, "確認者", &a, e);
	if (!rc)
		rc = need_ciso(&a, "定期確認", e);
	if (!rc && !exception_in_force(&a.x))
		rc = err_set(e, ERR_INPUT, "例外措置 %s は実施中ではありません", a.x.exception_no);
	if (!rc) {
		free(a.x.reviewed_at);
		a.x.reviewed_at = xstrdup(tx->at);
		rc = put_exception(tx, &a.x, 0, "exception.review", e);
	}
	if (!rc)
		rc = step(tx, &a.x, a.who.id, "reviewed", case_body(1, "note", note), e);
	act_end(&a);
	return rc;
}

int exception_end(struct tx *tx, const char *no, const char *actor_no, const char *note,
		  struct err *e)
{
	struct act a;
	int rc = act_begin(tx, no, actor_no, "終了する職員", &a, e);
	if (!rc && !exception_in_force(&a.x))
		rc = err_set(e, ERR_INPUT, "例外措置 %s は実施中ではありません", a.x.exception_no);
	if (!rc && a.who.id != a.x.requester_id && !case_role_held(&a.roles, a.who.id, "ciso", 0, 0))
		rc = err_set(e, ERR_INPUT, "例外措置を終了できるのは申請者か CISO です");
	if (!rc) {
		free(a.x.state);
		a.x.state = xstrdup("ended");
		rc = put_exception(tx, &a.x, 0, "exception.end", e);
	}
	if (!rc)
		rc = step(tx, &a.x, a.who.id, "ended", case_body(1, "note", note), e);
	act_end(&a);
	return rc;
}

int exception_state_allows(const struct exception_req *x, enum exception_act act)
{
	int applied = strcmp(x->state, "applied") == 0;
	switch (act) {
	case EXCEPTION_DECIDE:
		return strcmp(x->state, "requested") == 0 || (applied && x->reported_at && !x->decided_at);
	case EXCEPTION_REPORT:
		return applied && !x->reported_at;
	case EXCEPTION_REVIEW:
	case EXCEPTION_END:
		return exception_in_force(x);
	}
	return 0;
}

int exception_role_allows(const struct role_assignments *roles, long long staff_id,
			   const struct exception_req *x, enum exception_act act)
{
	int ciso = case_role_held(roles, staff_id, "ciso", 0, 0);
	switch (act) {
	case EXCEPTION_DECIDE:
		return ciso && staff_id != x->requester_id;
	case EXCEPTION_REPORT:
		return may_report_for(roles, staff_id, x);
	case EXCEPTION_REVIEW:
		return ciso;
	case EXCEPTION_END:
		return ciso || staff_id == x->requester_id;
	}
	return 0;
}

int exception_may(const struct role_assignments *roles, long long staff_id,
		  const struct exception_req *x, enum exception_act act)
{
	return exception_state_allows(x, act) && exception_role_allows(roles, staff_id, x, act);
}
