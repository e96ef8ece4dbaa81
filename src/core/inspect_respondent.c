/*
 * inspect_respondent.c — the questions and the respondents of a campaign:
 * loading them (with a scope for the pages), writing a respondent row, and
 * finding the respondent a person answers as.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_util.h"
#include "core/inspect_internal.h"
#include "core/org.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/buf.h"

/* ---- questions ---- */

static void read_question(struct db_stmt *st, void *elem)
{
	struct inspect_question *q = elem;
	q->id = db_column_int(st, 0);
	q->role = col_dup(st, 1);
	q->seq = (int)db_column_int(st, 2);
	q->clause = col_dup(st, 3);
	q->chapter = col_dup(st, 4);
	q->text = col_dup(st, 5);
}

void inspect_questions_free(struct inspect_questions *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].role);
		free(l->v[i].clause);
		free(l->v[i].chapter);
		free(l->v[i].text);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int inspect_questions_load(struct db *db, long long campaign_id, struct inspect_questions *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load_for(db,
			       "SELECT id, role, seq, clause, chapter, text FROM inspect_question"
			       " WHERE campaign_id = ? ORDER BY role, seq",
			       campaign_id, sizeof *out->v, read_question, (void **)&out->v, &out->n, e);
	if (rc)
		inspect_questions_free(out);
	return rc;
}

/* ---- respondents ---- */

#define RESP_COLUMNS                                                                            \
	"r.id, r.campaign_id, r.staff_id, r.unit_id, r.role, r.submitted_at, r.reminded_at,"   \
	" r.reminders"

static void read_respondent(struct db_stmt *st, void *elem)
{
	struct inspect_respondent *r = elem;
	r->id = db_column_int(st, 0);
	r->campaign_id = db_column_int(st, 1);
	r->staff_id = col_id(st, 2);
	r->unit_id = col_id(st, 3);
	r->role = col_dup(st, 4);
	r->submitted_at = col_dup(st, 5);
	r->reminded_at = col_dup(st, 6);
	r->reminders = (int)db_column_int(st, 7);
}

void inspect_respondent_free(struct inspect_respondent *r)
{
	free(r->role);
	free(r->submitted_at);
	free(r->reminded_at);
	memset(r, 0, sizeof *r);
}

void inspect_respondents_free(struct inspect_respondents *l)
{
	for (size_t i = 0; i < l->n; i++)
		inspect_respondent_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int inspect_put_respondent(struct tx *tx, const struct inspect_respondent *r, int insert, const char *kind,
			   struct err *e)
{
	struct row row;
	row_init(&row, "inspect_respondent");
	row_int(&row, "id", r->id);
	row_int(&row, "campaign_id", r->campaign_id);
	row_id_ref(&row, "staff_id", r->staff_id);
	row_id_ref(&row, "unit_id", r->unit_id);
	row_text(&row, "role", r->role);
	row_text(&row, "submitted_at", r->submitted_at);
	row_text(&row, "reminded_at", r->reminded_at);
	row_int(&row, "reminders", r->reminders);
	return tx_put_row(tx, kind, &row, insert, e);
}

int inspect_respondent_get(struct db *db, long long id, struct inspect_respondent *out, struct err *e)
{
	struct inspect_respondent *v = NULL;
	size_t n = 0;
	memset(out, 0, sizeof *out);
	if (rows_load_for(db, "SELECT " RESP_COLUMNS " FROM inspect_respondent r WHERE r.id = ?", id, sizeof *v,
			  read_respondent, (void **)&v, &n, e)) {
		free(v);
		return e->code;
	}
	if (n == 0) {
		free(v);
		return err_set(e, ERR_INPUT, "自己点検の回答者（%lld）はありません", id);
	}
	*out = v[0];
	free(v);
	return 0;
}

int inspect_campaign_by_id(struct db *db, long long id, struct inspect_campaign *out, struct err *e)
{
	char *no = NULL;
	struct db_stmt *st;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, "SELECT campaign_no FROM inspect_campaign WHERE id = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		no = col_dup(st, 0);
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (!no)
		return err_set(e, ERR_INPUT, "自己点検（%lld）はありません", id);
	int rc = inspect_campaign_find(db, no, out, e);
	free(no);
	return rc;
}

/* How many questions each role was asked, and how many answers each
 * respondent has, filled in after the rows are read. */
static int fill_counts(struct db *db, long long campaign_id, struct inspect_respondents *l, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db,
		       "SELECT r.id, COUNT(a.id) FROM inspect_respondent r JOIN inspect_answer a ON a.respondent_id = r.id"
		       " WHERE r.campaign_id = ? GROUP BY r.id ORDER BY r.id",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, campaign_id);
	size_t k = 0;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		long long id = db_column_int(st, 0);
		while (k < l->n && l->v[k].id < id)
			k++;
		if (k < l->n && l->v[k].id == id)
			l->v[k].answered = (int)db_column_int(st, 1);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (db_prepare(db, "SELECT role, COUNT(*) FROM inspect_question WHERE campaign_id = ? GROUP BY role", &st, e))
		return e->code;
	db_bind_int(st, 1, campaign_id);
	while ((r = db_step(st, e)) == DB_ROW) {
		const char *role = db_column_text(st, 0);
		int n = (int)db_column_int(st, 1);
		for (size_t i = 0; i < l->n; i++)
			if (strcmp(l->v[i].role, role) == 0)
				l->v[i].questions = n;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

void inspect_scope_of(const struct role_assignments *roles, const struct org_units *units, long long staff_id,
		      struct inspect_scope *out)
{
	static const char *const readers[] = {"committee", "audit_lead"};
	memset(out, 0, sizeof *out);
	out->staff_id = staff_id;
	out->all = inspect_may_manage(roles, staff_id);
	for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++)
		out->all |= case_role_held(roles, staff_id, readers[i], 0, 0);
	if (out->all)
		return;
	long long *v = xcalloc(units->n + 1, sizeof *v);
	size_t n = 0;
	for (size_t k = 0; k < units->n; k++) {
		for (size_t i = 0; i < roles->n; i++) {
			const struct role_assignment *a = &roles->v[i];
			if (a->staff_id == staff_id && a->unit_id &&
			    (strcmp(a->role, "manager") == 0 || strcmp(a->role, "officer") == 0) &&
			    org_unit_within(units, units->v[k].id, a->unit_id)) {
				v[n++] = units->v[k].id;
				break;
			}
		}
	}
	out->unit_ids = v;
	out->nunits = n;
}

void inspect_scope_free(struct inspect_scope *s)
{
	free((void *)s->unit_ids);
	memset(s, 0, sizeof *s);
}

static int in_scope(const struct inspect_scope *s, const struct inspect_respondent *r)
{
	if (!s || s->all)
		return 1;
	if (s->staff_id && r->staff_id == s->staff_id)
		return 1;
	for (size_t i = 0; i < s->nunits; i++)
		if (s->unit_ids[i] == r->unit_id)
			return 1;
	return 0;
}

int inspect_respondents_load(struct db *db, long long campaign_id, const struct inspect_resp_filter *f,
			     struct inspect_respondents *out, struct err *e)
{
	struct inspect_respondents all = {0};
	memset(out, 0, sizeof *out);
	if (rows_load_for(db, "SELECT " RESP_COLUMNS " FROM inspect_respondent r WHERE r.campaign_id = ? ORDER BY r.id",
			  campaign_id, sizeof *all.v, read_respondent, (void **)&all.v, &all.n, e) ||
	    fill_counts(db, campaign_id, &all, e)) {
		inspect_respondents_free(&all);
		return e->code;
	}
	/* keep the rows that pass, in place */
	size_t k = 0;
	for (size_t i = 0; i < all.n; i++) {
		struct inspect_respondent *r = &all.v[i];
		int keep = (!f || ((!f->pending || !r->submitted_at) && (!f->unit_id || f->unit_id == r->unit_id) &&
				   in_scope(f->scope, r)));
		if (keep)
			all.v[k++] = *r;
		else
			inspect_respondent_free(r);
	}
	all.n = k;
	*out = all;
	return 0;
}

/* One count of a query with one or two integer parameters. */
static int count_of(struct db *db, const char *sql, long long a, const char *b, long long *out, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	db_bind_int(st, 1, a);
	if (b)
		db_bind_text(st, 2, b);
	enum db_step_result r = db_step(st, e);
	*out = r == DB_ROW ? db_column_int(st, 0) : 0;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

/* Only the person's own rows (the staff_id index) and their own counts:
 * the web opens a checklist with this on every request, so it must not
 * count a whole campaign of 20,000 respondents. */
int inspect_respondents_of(struct db *db, long long campaign_id, long long staff_id,
			   struct inspect_respondents *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (rows_load_for(db, "SELECT " RESP_COLUMNS " FROM inspect_respondent r WHERE r.staff_id = ? ORDER BY r.id",
			  staff_id, sizeof *out->v, read_respondent, (void **)&out->v, &out->n, e)) {
		inspect_respondents_free(out);
		return e->code;
	}
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++) {
		if (out->v[i].campaign_id == campaign_id)
			out->v[k++] = out->v[i];
		else
			inspect_respondent_free(&out->v[i]);
	}
	out->n = k;
	for (size_t i = 0; i < out->n; i++) {
		struct inspect_respondent *r = &out->v[i];
		long long answered, questions;
		if (count_of(db, "SELECT COUNT(*) FROM inspect_answer WHERE respondent_id = ?", r->id, NULL, &answered, e) ||
		    count_of(db, "SELECT COUNT(*) FROM inspect_question WHERE campaign_id = ? AND role = ?", campaign_id,
			     r->role, &questions, e)) {
			inspect_respondents_free(out);
			return e->code;
		}
		r->answered = (int)answered;
		r->questions = (int)questions;
	}
	return 0;
}

int inspect_respondent_pick(struct db *db, const char *no, const char *actor_no, const char *role,
			    long long *respondent_id, struct err *e)
{
	struct inspect_campaign c;
	struct staff s;
	struct inspect_respondents mine = {0};
	if (inspect_campaign_find(db, no, &c, e))
		return e->code;
	int rc = staff_current(db, actor_no, "回答者", "--as", &s, e);
	if (rc) {
		inspect_campaign_free(&c);
		return rc;
	}
	rc = inspect_respondents_of(db, c.id, s.id, &mine, e);
	const struct vocab_entry *want = role && *role ? vocab_find(&vocab_role, role) : NULL;
	size_t hits = 0, at = 0;
	for (size_t i = 0; !rc && i < mine.n; i++)
		if (!want || strcmp(mine.v[i].role, want->id) == 0) {
			hits++;
			at = i;
		}
	if (rc) {
	} else if (role && *role && !want) {
		rc = err_set(e, ERR_INPUT, "役割「%s」は知りません", role);
	} else if (hits == 0) {
		rc = err_set(e, ERR_INPUT, "職員番号 %s は自己点検 %s の回答者ではありません%s", actor_no, no,
			     want ? "（その役割では）" : "");
	} else if (hits > 1) {
		struct buf b = BUF_INIT;
		for (size_t i = 0; i < mine.n; i++)
			buf_printf(&b, "%s%s", i ? "、" : "", mine.v[i].role);
		rc = err_set(e, ERR_INPUT, "職員番号 %s は複数の役割（%s）で回答します。--role で選んでください", actor_no,
			     buf_str(&b));
		buf_free(&b);
	} else {
		*respondent_id = mine.v[at].id;
	}
	inspect_respondents_free(&mine);
	staff_free(&s);
	inspect_campaign_free(&c);
	return rc;
}

void inspect_bulk_begin(struct tx *tx, int *began)
{
	*began = tx->batch == NULL;
	if (*began)
		tx_bulk_begin(tx);
}

int inspect_bulk_end(struct tx *tx, int began, struct err *e)
{
	return began ? tx_bulk_end(tx, e) : 0;
}
