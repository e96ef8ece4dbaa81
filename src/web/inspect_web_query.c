/*
 * inspect_web_query.c — the scoped SQL behind the 自己点検 pages
 * (inspect_web.h).  The scope of core's inspect_scope (everything, the
 * units of a 課's manager, or one's own rows) becomes a WHERE clause, so
 * counting and paging happen in the database: a page over a campaign of
 * 20,000 respondents reads one page of rows and a few counts, never the
 * answers themselves (answered counts are per-row subqueries on the
 * inspect_answer(respondent_id, question_id) index).
 */
#include <stdlib.h>
#include <string.h>

#include "web/inspect_web.h"
#include "web/pages.h"
#include "web/response.h"

const char *const inspect_web_manage_roles[] = {"chief_officer", "ciso", "deputy_ciso", NULL};

void inspect_web_scope(const struct web_req *rq, struct inspect_scope *out)
{
	inspect_scope_of(&rq->user->roles, &rq->user->units, rq->user->staff.id, out);
}

/* " AND (r.staff_id = ? OR r.unit_id IN (?, …))" for a limited scope. */
static void scope_sql(struct buf *sql, const struct inspect_scope *s)
{
	if (!s || s->all)
		return;
	buf_puts(sql, " AND (r.staff_id = ?");
	if (s->nunits) {
		buf_puts(sql, " OR r.unit_id IN (");
		for (size_t i = 0; i < s->nunits; i++)
			buf_puts(sql, i ? ", ?" : "?");
		buf_puts(sql, ")");
	}
	buf_puts(sql, ")");
}

/* Binds the scope's parameters from idx; returns the next index. */
static int scope_bind(struct db_stmt *st, int idx, const struct inspect_scope *s)
{
	if (!s || s->all)
		return idx;
	db_bind_int(st, idx++, s->staff_id);
	for (size_t i = 0; i < s->nunits; i++)
		db_bind_int(st, idx++, s->unit_ids[i]);
	return idx;
}

/* Prepares sql (its scope written by scope_sql), frees it, and binds the
 * campaign as the first parameter and the scope after it; returns the
 * next parameter's index, or 0 with e set. */
static int prepare_scoped(struct db *db, struct buf *sql, long long campaign_id, const struct inspect_scope *s,
			  struct db_stmt **st, struct err *e)
{
	int rc = db_prepare(db, buf_str(sql), st, e);
	buf_free(sql);
	if (rc)
		return 0;
	db_bind_int(*st, 1, campaign_id);
	return scope_bind(*st, 2, s);
}

int inspect_web_visible(struct web_req *rq, const struct inspect_campaign *c, const struct inspect_scope *s,
			struct err *e, int *visible)
{
	*visible = s->all || s->nunits > 0;
	if (*visible)
		return 0;
	struct inspect_respondents mine;
	if (inspect_respondents_of(rq->db, c->id, rq->user->staff.id, &mine, e))
		return e->code;
	*visible = mine.n > 0;
	inspect_respondents_free(&mine);
	return 0;
}

int inspect_web_campaign_find(struct web_req *rq, struct web_resp *rs, struct inspect_campaign *c)
{
	struct err e = {0};
	if (!inspect_campaign_find(rq->db, rq->id, c, &e))
		return 0;
	if (e.code == ERR_INPUT)
		web_error(rq, rs, 404, "not_found", "自己点検が見つかりません");
	else
		web_internal_error(rq, rs, &e);
	return -1;
}

int inspect_web_campaign(struct web_req *rq, struct web_resp *rs, struct inspect_campaign *c,
			 struct inspect_scope *s)
{
	struct err e = {0};
	int visible = 0;
	if (inspect_web_campaign_find(rq, rs, c))
		return -1;
	inspect_web_scope(rq, s);
	if (inspect_web_visible(rq, c, s, &e, &visible) || !visible) {
		if (e.code)
			web_internal_error(rq, rs, &e);
		else
			web_error(rq, rs, 404, "not_found", "自己点検が見つかりません");
		inspect_campaign_free(c);
		inspect_scope_free(s);
		return -1;
	}
	return 0;
}

int inspect_web_my_checklist(struct web_req *rq, struct web_resp *rs, const char *role, int must_choose,
			      struct inspect_checklist *cl)
{
	struct inspect_campaign c;
	struct inspect_respondents mine = {0};
	struct err e = {0};
	int any_role = !role || !*role;
	if (inspect_web_campaign_find(rq, rs, &c))
		return -1;
	int rc = inspect_respondents_of(rq->db, c.id, rq->user->staff.id, &mine, &e);
	long long id = 0;
	int ambiguous = !rc && any_role && must_choose && mine.n > 1;
	for (size_t i = 0; !rc && i < mine.n && !id; i++)
		if (any_role || strcmp(mine.v[i].role, role) == 0)
			id = mine.v[i].id;
	inspect_respondents_free(&mine);
	inspect_campaign_free(&c);
	if (ambiguous) {
		web_error(rq, rs, 400, "validation", "複数の役割で回答者になっています。role を指定してください");
		return -1;
	}
	if (!rc && id)
		rc = inspect_checklist_load(rq->db, id, cl, &e);
	if (rc) {
		web_internal_error(rq, rs, &e);
		return -1;
	}
	if (!id) {
		web_error(rq, rs, 404, "not_found", "この自己点検であなたが回答する点検表はありません");
		return -1;
	}
	return 0;
}

int inspect_web_progress_load(struct db *db, long long campaign_id, const struct inspect_scope *s,
			      struct inspect_web_progress *out, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	memset(out, 0, sizeof *out);
	buf_puts(&sql, "SELECT COUNT(*), COUNT(r.submitted_at) FROM inspect_respondent r WHERE r.campaign_id = ?");
	scope_sql(&sql, s);
	if (!prepare_scoped(db, &sql, campaign_id, s, &st, e))
		return e->code;
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW) {
		out->respondents = db_column_int(st, 0);
		out->submitted = db_column_int(st, 1);
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

int inspect_web_listed(struct db *db, const struct inspect_campaign *c, const struct inspect_scope *s, int manager,
		       struct inspect_web_progress *p, struct err *e)
{
	if (!manager && strcmp(c->state, "draft") == 0)
		return 0;
	if (inspect_web_progress_load(db, c->id, s, p, e))
		return -1;
	return s->all || s->nunits || p->respondents > 0;
}

int inspect_web_units_load(struct db *db, long long campaign_id, const struct inspect_scope *s,
			   struct inspect_web_units *out, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	buf_puts(&sql, "SELECT r.unit_id, u.code, u.name, COUNT(*), COUNT(r.submitted_at) FROM inspect_respondent r"
		       " LEFT JOIN org_unit u ON u.id = r.unit_id WHERE r.campaign_id = ?");
	scope_sql(&sql, s);
	buf_puts(&sql, " GROUP BY r.unit_id, u.code, u.name ORDER BY u.code");
	if (!prepare_scoped(db, &sql, campaign_id, s, &st, e))
		return e->code;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 32;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		struct inspect_web_unit *u = &out->v[out->n++];
		u->unit_id = db_column_int(st, 0);
		u->code = xstrdup(db_column_text(st, 1) ? db_column_text(st, 1) : "");
		u->name = xstrdup(db_column_text(st, 2) ? db_column_text(st, 2) : "（所属なし）");
		u->p.respondents = db_column_int(st, 3);
		u->p.submitted = db_column_int(st, 4);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		inspect_web_units_free(out);
		return e->code;
	}
	return 0;
}

void inspect_web_units_free(struct inspect_web_units *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].name);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void where_resps(struct buf *sql, const struct inspect_scope *s, int pending)
{
	buf_puts(sql, " WHERE r.campaign_id = ?");
	if (pending)
		buf_puts(sql, " AND r.submitted_at IS NULL");
	scope_sql(sql, s);
}

static int count_resps(struct db *db, long long campaign_id, const struct inspect_scope *s, int pending,
		       long long *total, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	buf_puts(&sql, "SELECT COUNT(*) FROM inspect_respondent r");
	where_resps(&sql, s, pending);
	if (!prepare_scoped(db, &sql, campaign_id, s, &st, e))
		return e->code;
	enum db_step_result r = db_step(st, e);
	*total = r == DB_ROW ? db_column_int(st, 0) : 0;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static char *text_or_null(struct db_stmt *st, int i)
{
	const char *t = db_column_text(st, i);
	return t ? xstrdup(t) : NULL;
}

int inspect_web_resps_load(struct db *db, long long campaign_id, const struct inspect_scope *s, int pending,
			   long limit, long offset, struct inspect_web_resps *out, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	memset(out, 0, sizeof *out);
	if (count_resps(db, campaign_id, s, pending, &out->total, e))
		return e->code;
	/* the page is chosen first and the answers counted for its rows only:
	 * with the counts in the outer query, a sort over 20,000 rows would
	 * count every respondent's answers before LIMIT applies */
	buf_puts(&sql, "SELECT p.id, p.staff_no, p.name, p.unit, p.role, p.submitted_at, p.reminded_at, p.reminders,"
		       " (SELECT COUNT(*) FROM inspect_answer a WHERE a.respondent_id = p.id),"
		       " (SELECT COUNT(*) FROM inspect_question q WHERE q.campaign_id = p.campaign_id AND q.role = p.role)"
		       " FROM (SELECT r.id, r.campaign_id, st.staff_no, st.name, u.name AS unit, u.code, r.role,"
		       " r.submitted_at, r.reminded_at, r.reminders FROM inspect_respondent r JOIN staff st ON st.id = r.staff_id"
		       " LEFT JOIN org_unit u ON u.id = r.unit_id");
	where_resps(&sql, s, pending);
	buf_puts(&sql, " ORDER BY u.code, st.staff_no, r.role, r.id LIMIT ? OFFSET ?) p"
		       " ORDER BY p.code, p.staff_no, p.role, p.id");
	int idx = prepare_scoped(db, &sql, campaign_id, s, &st, e);
	if (!idx)
		return e->code;
	db_bind_int(st, idx++, limit);
	db_bind_int(st, idx, offset);
	out->v = xcalloc((size_t)limit + 1, sizeof *out->v);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW && out->n < (size_t)limit) {
		struct inspect_web_resp *x = &out->v[out->n++];
		x->id = db_column_int(st, 0);
		x->staff_no = text_or_null(st, 1);
		x->name = text_or_null(st, 2);
		x->unit = text_or_null(st, 3);
		x->role = text_or_null(st, 4);
		x->submitted_at = text_or_null(st, 5);
		x->reminded_at = text_or_null(st, 6);
		x->reminders = db_column_int(st, 7);
		x->answered = db_column_int(st, 8);
		x->questions = db_column_int(st, 9);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		inspect_web_resps_free(out);
		return e->code;
	}
	return 0;
}

void inspect_web_resps_free(struct inspect_web_resps *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct inspect_web_resp *x = &l->v[i];
		free(x->staff_no);
		free(x->name);
		free(x->unit);
		free(x->role);
		free(x->submitted_at);
		free(x->reminded_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int inspect_web_overview_load(struct db *db, long long campaign_id, const struct inspect_scope *s, int pending,
			      long limit, long offset, struct inspect_web_overview *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (inspect_web_progress_load(db, campaign_id, s, &out->progress, e) ||
	    inspect_web_units_load(db, campaign_id, s, &out->units, e) ||
	    inspect_web_resps_load(db, campaign_id, s, pending, limit, offset, &out->resps, e)) {
		inspect_web_overview_free(out);
		return e->code;
	}
	return 0;
}

void inspect_web_overview_free(struct inspect_web_overview *o)
{
	inspect_web_units_free(&o->units);
	inspect_web_resps_free(&o->resps);
	memset(o, 0, sizeof *o);
}

int inspect_web_pending_asked(const struct web_req *rq)
{
	const char *pending = form_get(&rq->query, "pending");
	return pending && strcmp(pending, "1") == 0;
}

int inspect_web_pending_ids(struct db *db, long long campaign_id, const struct inspect_scope *s, long long **ids,
			    size_t *n, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	size_t cap = 0;
	*ids = NULL;
	*n = 0;
	buf_puts(&sql, "SELECT r.id FROM inspect_respondent r");
	where_resps(&sql, s, 1);
	buf_puts(&sql, " ORDER BY r.id");
	if (!prepare_scoped(db, &sql, campaign_id, s, &st, e))
		return e->code;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*ids = xrealloc(*ids, cap * sizeof **ids);
		}
		(*ids)[(*n)++] = db_column_int(st, 0);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return e->code;
	}
	return 0;
}

int inspect_web_mine_load(struct db *db, long long staff_id, struct inspect_web_mines *out, struct err *e)
{
	static const char sql[] =
		"SELECT c.campaign_no, c.title, r.role, c.due_on,"
		" (SELECT COUNT(*) FROM inspect_answer a WHERE a.respondent_id = r.id),"
		" (SELECT COUNT(*) FROM inspect_question q WHERE q.campaign_id = r.campaign_id AND q.role = r.role)"
		" FROM inspect_respondent r JOIN inspect_campaign c ON c.id = r.campaign_id"
		" WHERE r.staff_id = ? AND r.submitted_at IS NULL AND c.state = 'open'"
		" ORDER BY c.due_on, c.campaign_no, r.role";
	struct db_stmt *st;
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, sql, &st, e))
		return e->code;
	db_bind_int(st, 1, staff_id);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 8;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		struct inspect_web_mine *x = &out->v[out->n++];
		x->campaign_no = text_or_null(st, 0);
		x->title = text_or_null(st, 1);
		x->role = text_or_null(st, 2);
		x->due_on = text_or_null(st, 3);
		x->answered = db_column_int(st, 4);
		x->questions = db_column_int(st, 5);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		inspect_web_mines_free(out);
		return e->code;
	}
	return 0;
}

void inspect_web_mines_free(struct inspect_web_mines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].campaign_no);
		free(l->v[i].title);
		free(l->v[i].role);
		free(l->v[i].due_on);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
