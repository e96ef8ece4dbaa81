/*
 * audit_spread.c — 9.1.7: when an audit finds a problem in one 課 that
 * others are likely to share, the CISO asks their 情報セキュリティ管理者 to
 * look for it, and each answers whether they found the same problem.
 */
#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_internal.h"
#include "core/case_util.h"
#include "core/org.h"
#include "core/rows.h"
#include "util/buf.h"

#define SPREAD_COLUMNS "id, finding_id, unit_id, manager_id, state, answer, asked_at, answered_at"

static void read_spread(struct db_stmt *st, void *elem)
{
	struct audit_spread *s = elem;
	s->id = db_column_int(st, 0);
	s->finding_id = col_id(st, 1);
	s->unit_id = col_id(st, 2);
	s->manager_id = col_id(st, 3);
	s->state = col_dup(st, 4);
	s->answer = col_dup(st, 5);
	s->asked_at = col_dup(st, 6);
	s->answered_at = col_dup(st, 7);
}

void audit_spreads_free(struct audit_spreads *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].state);
		free(l->v[i].answer);
		free(l->v[i].asked_at);
		free(l->v[i].answered_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int audit_spreads_load(struct db *db, long long finding_id, long long unit_id, struct audit_spreads *out,
		       struct err *e)
{
	struct db_stmt *st;
	int idx = 1;
	memset(out, 0, sizeof *out);
	const char *sql = finding_id && unit_id ? "SELECT " SPREAD_COLUMNS " FROM audit_spread WHERE finding_id = ? AND unit_id = ? ORDER BY id"
			  : finding_id ? "SELECT " SPREAD_COLUMNS " FROM audit_spread WHERE finding_id = ? ORDER BY id"
			  : unit_id    ? "SELECT " SPREAD_COLUMNS " FROM audit_spread WHERE unit_id = ? ORDER BY id"
				       : "SELECT " SPREAD_COLUMNS " FROM audit_spread ORDER BY id";
	if (db_prepare(db, sql, &st, e))
		return e->code;
	if (finding_id)
		db_bind_int(st, idx++, finding_id);
	if (unit_id)
		db_bind_int(st, idx++, unit_id);
	if (rows_collect(st, sizeof *out->v, read_spread, (void **)&out->v, &out->n, e)) {
		audit_spreads_free(out);
		return e->code;
	}
	return 0;
}

const char *audit_spread_state_label(const char *state)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"asked", "確認依頼中"}, {"same_found", "同様の問題あり"}, {"not_found", "同様の問題なし"}};
	for (size_t i = 0; state && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, state) == 0)
			return labels[i].label;
	return state ? state : "";
}

int audit_may_answer_spread(const struct role_assignments *roles, long long staff_id, const struct audit_spread *s)
{
	return strcmp(s->state, "asked") == 0 &&
	       (s->manager_id == staff_id || case_role_held(roles, staff_id, "manager", s->unit_id, 0));
}

static int put_spread(struct tx *tx, const struct audit_spread *s, int insert, const char *kind, struct err *e)
{
	struct row r;
	row_init(&r, "audit_spread");
	row_int(&r, "id", s->id);
	row_id_ref(&r, "finding_id", s->finding_id);
	row_id_ref(&r, "unit_id", s->unit_id);
	row_id_ref(&r, "manager_id", s->manager_id);
	row_text(&r, "state", s->state);
	row_text(&r, "answer", s->answer);
	row_text(&r, "asked_at", s->asked_at);
	row_text(&r, "answered_at", s->answered_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

static long long manager_of(const struct role_assignments *roles, long long unit_id)
{
	for (size_t i = 0; i < roles->n; i++)
		if (roles->v[i].unit_id == unit_id && strcmp(roles->v[i].role, "manager") == 0)
			return roles->v[i].staff_id;
	return 0;
}

/* Everything a request or an answer needs: the finding, the actor, the units
 * and the requests already made. */
struct spread_ctx {
	struct audit_finding f;
	struct audit_ctx x;
	struct org_units units;
	struct audit_spreads asked;
	int loaded;
};

static int ctx_begin(struct db *db, const char *finding_no, const char *actor_no, const char *what,
		     struct spread_ctx *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	if (audit_finding_load(db, finding_no, &c->f, e))
		return e->code;
	c->loaded = 1;
	if (audit_act_begin(db, NULL, actor_no, what, &c->x, e))
		return e->code;
	c->loaded = 2;
	if (org_units_load(db, &c->units, e))
		return e->code;
	c->loaded = 3;
	if (audit_spreads_load(db, c->f.id, 0, &c->asked, e))
		return e->code;
	c->loaded = 4;
	return 0;
}

static void ctx_end(struct spread_ctx *c)
{
	if (c->loaded >= 1)
		audit_finding_free(&c->f);
	if (c->loaded >= 2)
		audit_act_end(&c->x);
	if (c->loaded >= 3)
		org_units_free(&c->units);
	if (c->loaded >= 4)
		audit_spreads_free(&c->asked);
}

static struct audit_spread *asked_of(struct spread_ctx *c, long long unit_id)
{
	for (size_t i = 0; i < c->asked.n; i++)
		if (c->asked.v[i].unit_id == unit_id)
			return &c->asked.v[i];
	return NULL;
}

/* Every named 課 first, so one bad code refuses the whole request. */
static int resolve_units(struct spread_ctx *c, const char *const *codes, size_t n, long long *ids, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		const struct org_unit *u = org_unit_by_code(&c->units, codes[i]);
		if (!u)
			return err_set(e, ERR_INPUT, "組織コード「%s」は登録されていません", codes[i]);
		if (!org_unit_is_open(u))
			return err_set(e, ERR_INPUT, "%s（%s）は廃止されています", u->name, codes[i]);
		if (u->id == c->f.unit_id)
			return err_set(e, ERR_INPUT, "%s は指摘を受けた課そのものです（他の課を指定してください）", u->name);
		if (asked_of(c, u->id))
			return err_set(e, ERR_INPUT, "%s には既に確認を依頼しています", u->name);
		for (size_t k = 0; k < i; k++)
			if (ids[k] == u->id)
				return err_set(e, ERR_INPUT, "%s が二度指定されています", u->name);
		ids[i] = u->id;
	}
	return 0;
}

int audit_spread_ask(struct tx *tx, const char *finding_no, const char *const *units, size_t n,
		     const char *actor_no, struct err *e)
{
	struct spread_ctx c;
	long long *ids = xrealloc(NULL, (n + 1) * sizeof *ids);
	struct buf names = BUF_INIT;
	int rc = ctx_begin(tx->db, finding_no, actor_no, "確認を依頼する職員", &c, e);
	if (!rc && !case_role_held(&c.x.roles, c.x.who.id, "ciso", 0, 0))
		rc = err_set(e, ERR_INPUT, "他の課への確認の依頼は CISO が行います（%s（%s）は CISO ではありません、9.1.7）",
			     c.x.who.name, c.x.who.staff_no);
	if (!rc && n == 0)
		rc = err_set(e, ERR_INPUT, "確認を依頼する課を指定してください（--unit 組織コード、複数可）");
	if (!rc)
		rc = resolve_units(&c, units, n, ids, e);
	for (size_t i = 0; !rc && i < n; i++) {
		struct audit_spread s = {0};
		rc = tx_next_id(tx, "audit_spread", &s.id, e);
		if (rc)
			break;
		s.finding_id = c.f.id;
		s.unit_id = ids[i];
		s.manager_id = manager_of(&c.x.roles, ids[i]);
		s.state = "asked";
		s.asked_at = tx->at;
		rc = put_spread(tx, &s, 1, "audit.spread.ask", e);
		if (names.len)
			buf_puts(&names, ",");
		buf_puts(&names, units[i]);
	}
	if (!rc)
		rc = audit_step(tx, c.f.audit_id, c.x.who.id, "spread_asked",
				case_body(2, "finding_no", c.f.finding_no, "units", buf_str(&names)), e);
	buf_free(&names);
	free(ids);
	ctx_end(&c);
	return rc;
}

int audit_spread_answer(struct tx *tx, const char *finding_no, const char *unit, int found, const char *answer,
			const char *actor_no, struct err *e)
{
	struct spread_ctx c;
	int rc = ctx_begin(tx->db, finding_no, actor_no, "回答する職員", &c, e);
	const struct org_unit *u = rc || !unit ? NULL : org_unit_by_code(&c.units, unit);
	if (!rc && !u)
		rc = err_set(e, ERR_INPUT, "回答する課の組織コードを指定してください（--unit）：「%s」", unit ? unit : "");
	struct audit_spread *s = rc ? NULL : asked_of(&c, u->id);
	if (!rc && !s)
		rc = err_set(e, ERR_INPUT, "%s には指摘事項 %s の確認を依頼していません", u->name, c.f.finding_no);
	if (!rc && strcmp(s->state, "asked") != 0)
		rc = err_set(e, ERR_INPUT, "%s は既に回答しています（%s）", u->name, audit_spread_state_label(s->state));
	if (!rc && !audit_may_answer_spread(&c.x.roles, c.x.who.id, s))
		rc = err_set(e, ERR_INPUT, "回答できるのは %s の情報セキュリティ管理者です（%s（%s）は該当しません）", u->name,
			     c.x.who.name, c.x.who.staff_no);
	if (!rc && (!answer || !*answer))
		rc = err_set(e, ERR_INPUT, "確認の結果を入力してください（--answer）");
	if (!rc) {
		free(s->state);
		s->state = xstrdup(found ? "same_found" : "not_found");
		s->answer = xstrdup(answer);
		s->answered_at = xstrdup(tx->at);
		rc = put_spread(tx, s, 0, "audit.spread.answer", e);
	}
	if (!rc)
		rc = audit_step(tx, c.f.audit_id, c.x.who.id, "spread_answered",
				case_body(3, "finding_no", c.f.finding_no, "state", s->state, "unit", unit), e);
	ctx_end(&c);
	return rc;
}
