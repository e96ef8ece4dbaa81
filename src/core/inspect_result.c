/*
 * inspect_result.c — counting a campaign's answers by 課, by chapter and by
 * clause, and comparing with the previous 年度's campaign.
 *
 * One pass over the campaign's answers (a single indexed join, streamed)
 * fills all three tables: every respondent and question is looked up once
 * beforehand to the row it counts in, so the pass is array arithmetic.
 * The rate of 実施 counts 一部実施 as half: (実施 + 一部実施 / 2) /
 * (実施 + 一部実施 + 未実施); 該当なし and unanswered questions are left out
 * of it, and every count is shown beside it (docs/inspect.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/inspect_internal.h"
#include "core/org.h"
#include "core/rows.h"
#include "util/buf.h"

static size_t key_index(struct inspect_counts *c, const char *key, const char *label)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].key, key) == 0)
			return i;
	c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
	struct inspect_count *x = &c->v[c->n];
	memset(x, 0, sizeof *x);
	x->key = xstrdup(key);
	x->label = xstrdup(label ? label : "");
	x->rate = x->prev_rate = -1;
	return c->n++;
}

static void counts_free(struct inspect_counts *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].label);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

void inspect_results_free(struct inspect_results *r)
{
	inspect_campaign_free(&r->campaign);
	free(r->prev_no);
	free(r->total.key);
	free(r->total.label);
	counts_free(&r->by_unit);
	counts_free(&r->by_chapter);
	counts_free(&r->by_clause);
	memset(r, 0, sizeof *r);
}

static double rate_of(const struct inspect_count *x)
{
	long long d = x->n[ANS_DONE] + x->n[ANS_PARTIAL] + x->n[ANS_NOT_DONE];
	return d ? (x->n[ANS_DONE] + x->n[ANS_PARTIAL] / 2.0) / (double)d : -1;
}

static enum inspect_ans ans_of(const char *a)
{
	if (!a)
		return ANS_NONE;
	if (a[0] == 'd')
		return ANS_DONE;
	if (a[0] == 'p')
		return ANS_PARTIAL;
	return a[1] == 'a' ? ANS_NA : ANS_NOT_DONE;
}

/* What one question and one respondent count under. */
struct qinfo {
	long long id;
	const char *role;
	size_t chapter, clause;
};
struct rinfo {
	long long id;
	size_t unit;
	int in; /* within the scope */
	const char *role;
};

static int by_id(const void *key, const void *elem)
{
	long long k = *(const long long *)key, id = *(const long long *)elem;
	return (k > id) - (k < id);
}

static const char *chapter_title(const struct catalog *cat, const char *chapter)
{
	for (size_t i = 0; i < cat->n; i++) {
		const char *id = cat->v[i].id;
		size_t n = strlen(chapter);
		if (strncmp(id, chapter, n) == 0 && (id[n] == '.' || id[n] == '\0'))
			return cat->v[i].chapter;
	}
	return "";
}

/* Clauses in the catalog's order. */
static int catalog_pos(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->v[i].id, id) == 0)
			return (int)i;
	return (int)cat->n;
}

struct work {
	struct inspect_questions qs;
	struct qinfo *q;
	struct rinfo *r;
	size_t nr;
	struct org_units units;
	struct catalog cat;
	char **rroles; /* the respondents' roles, which rinfo.role points at */
};

static void work_free(struct work *w)
{
	inspect_questions_free(&w->qs);
	free(w->q);
	free(w->r);
	for (size_t i = 0; w->rroles && i < w->nr; i++)
		free(w->rroles[i]);
	free(w->rroles);
	org_units_free(&w->units);
	catalog_free(&w->cat);
}

static int in_scope(const struct inspect_scope *s, long long unit_id, long long staff_id)
{
	if (!s || s->all)
		return 1;
	if (s->staff_id && s->staff_id == staff_id)
		return 1;
	for (size_t i = 0; i < s->nunits; i++)
		if (s->unit_ids[i] == unit_id)
			return 1;
	return 0;
}

static int load_respondents(struct db *db, long long campaign_id, const struct inspect_scope *scope,
			    struct work *w, struct inspect_results *out, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db,
		       "SELECT id, unit_id, staff_id, role, submitted_at FROM inspect_respondent WHERE campaign_id = ?"
		       " ORDER BY id",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, campaign_id);
	size_t cap = 0;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (w->nr == cap) {
			cap = cap ? cap * 2 : 1024;
			w->r = xrealloc(w->r, cap * sizeof *w->r);
			w->rroles = xrealloc(w->rroles, cap * sizeof *w->rroles);
		}
		long long unit_id = col_id(st, 1);
		struct rinfo *x = &w->r[w->nr];
		x->id = db_column_int(st, 0);
		x->in = in_scope(scope, unit_id, col_id(st, 2));
		w->rroles[w->nr] = col_dup(st, 3);
		x->role = w->rroles[w->nr];
		const struct org_unit *u = org_unit_by_id(&w->units, unit_id);
		char code[24];
		snprintf(code, sizeof code, "%lld", unit_id);
		x->unit = key_index(&out->by_unit, u ? u->code : code, u ? u->name : "（所属なし）");
		if (x->in) {
			out->respondents++;
			out->submitted += !db_column_is_null(st, 4);
		}
		w->nr++;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static void setup_questions(struct work *w, struct inspect_results *out)
{
	w->q = xcalloc(w->qs.n + 1, sizeof *w->q);
	for (size_t i = 0; i < w->qs.n; i++) {
		const struct inspect_question *q = &w->qs.v[i];
		const struct catalog_entry *en = catalog_find(&w->cat, q->clause);
		w->q[i].id = q->id;
		w->q[i].role = q->role;
		w->q[i].chapter = key_index(&out->by_chapter, q->chapter, chapter_title(&w->cat, q->chapter));
		w->q[i].clause = key_index(&out->by_clause, q->clause, en ? en->title : "");
	}
}

static int cmp_qinfo(const void *a, const void *b)
{
	long long x = ((const struct qinfo *)a)->id, y = ((const struct qinfo *)b)->id;
	return (x > y) - (x < y);
}

/* Questions a respondent was asked but has not answered count as 未回答:
 * every (respondent, question of their role) pair starts as unanswered and
 * each answer moves it to its own column. */
static void count_unanswered(struct work *w, struct inspect_results *out)
{
	for (size_t i = 0; i < w->nr; i++) {
		if (!w->r[i].in)
			continue;
		for (size_t k = 0; k < w->qs.n; k++) {
			if (strcmp(w->q[k].role, w->r[i].role) != 0)
				continue;
			out->by_unit.v[w->r[i].unit].n[ANS_NONE]++;
			out->by_chapter.v[w->q[k].chapter].n[ANS_NONE]++;
			out->by_clause.v[w->q[k].clause].n[ANS_NONE]++;
			out->total.n[ANS_NONE]++;
		}
	}
}

static int count_answers(struct db *db, long long campaign_id, struct work *w, struct inspect_results *out,
			 struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db,
		       "SELECT a.respondent_id, a.question_id, a.answer FROM inspect_respondent r"
		       " JOIN inspect_answer a ON a.respondent_id = r.id WHERE r.campaign_id = ?",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, campaign_id);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		long long rid = db_column_int(st, 0), qid = db_column_int(st, 1);
		const struct rinfo *ri = bsearch(&rid, w->r, w->nr, sizeof *w->r, by_id);
		const struct qinfo *qi = bsearch(&qid, w->q, w->qs.n, sizeof *w->q, by_id);
		if (!ri || !qi || !ri->in)
			continue;
		enum inspect_ans a = ans_of(db_column_text(st, 2));
		out->by_unit.v[ri->unit].n[a]++;
		out->by_unit.v[ri->unit].n[ANS_NONE]--;
		out->by_chapter.v[qi->chapter].n[a]++;
		out->by_chapter.v[qi->chapter].n[ANS_NONE]--;
		out->by_clause.v[qi->clause].n[a]++;
		out->by_clause.v[qi->clause].n[ANS_NONE]--;
		out->total.n[a]++;
		out->total.n[ANS_NONE]--;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int cmp_catalog(const void *a, const void *b, void *cat)
{
	int x = catalog_pos(cat, ((const struct inspect_count *)a)->key);
	int y = catalog_pos(cat, ((const struct inspect_count *)b)->key);
	return (x > y) - (x < y);
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct inspect_count *)a)->key, ((const struct inspect_count *)b)->key);
}

static int cmp_chapter(const void *a, const void *b)
{
	const char *x = ((const struct inspect_count *)a)->key, *y = ((const struct inspect_count *)b)->key;
	/* 基本方針 (P…) first, then chapters by number */
	int px = x[0] == 'P', py = y[0] == 'P';
	if (px != py)
		return py - px;
	int nx = atoi(x + px), ny = atoi(y + py);
	return (nx > ny) - (nx < ny);
}

static void drop_unasked_units(struct inspect_counts *c)
{
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++) {
		long long sum = 0;
		for (int a = 0; a < NANS; a++)
			sum += c->v[i].n[a];
		if (sum) {
			c->v[k++] = c->v[i];
		} else {
			free(c->v[i].key);
			free(c->v[i].label);
		}
	}
	c->n = k;
}

static void finish(struct work *w, struct inspect_results *out)
{
	struct inspect_counts *all[] = {&out->by_unit, &out->by_chapter, &out->by_clause};
	drop_unasked_units(&out->by_unit);
	drop_unasked_units(&out->by_chapter);
	drop_unasked_units(&out->by_clause);
	qsort(out->by_unit.v, out->by_unit.n, sizeof *out->by_unit.v, cmp_key);
	qsort(out->by_chapter.v, out->by_chapter.n, sizeof *out->by_chapter.v, cmp_chapter);
	qsort_r(out->by_clause.v, out->by_clause.n, sizeof *out->by_clause.v, cmp_catalog, &w->cat);
	for (size_t t = 0; t < 3; t++)
		for (size_t i = 0; i < all[t]->n; i++)
			all[t]->v[i].rate = rate_of(&all[t]->v[i]);
	out->total.rate = rate_of(&out->total);
}

static int count(struct db *db, const char *no, const struct inspect_scope *scope, struct inspect_results *out,
		 struct err *e)
{
	struct work w;
	memset(&w, 0, sizeof w);
	memset(out, 0, sizeof *out);
	out->total.key = xstrdup("total");
	out->total.label = xstrdup("全体");
	out->total.rate = out->total.prev_rate = -1;
	if (inspect_campaign_find(db, no, &out->campaign, e))
		return e->code;
	int rc = catalog_load(&w.cat, e) || org_units_load(db, &w.units, e) ||
		 inspect_questions_load(db, out->campaign.id, &w.qs, e);
	if (!rc) {
		setup_questions(&w, out);
		qsort(w.q, w.qs.n, sizeof *w.q, cmp_qinfo);
		rc = load_respondents(db, out->campaign.id, scope, &w, out, e);
	}
	if (!rc) {
		count_unanswered(&w, out);
		rc = count_answers(db, out->campaign.id, &w, out, e);
	}
	if (!rc)
		finish(&w, out);
	work_free(&w);
	return rc ? e->code : 0;
}

static void compare(struct inspect_counts *now, const struct inspect_counts *prev)
{
	for (size_t i = 0; i < now->n; i++)
		for (size_t k = 0; k < prev->n; k++)
			if (strcmp(now->v[i].key, prev->v[k].key) == 0)
				now->v[i].prev_rate = prev->v[k].rate;
}

/* The latest campaign of the previous 年度, closed ones first. */
static int previous_no(struct db *db, int fy, char **no, struct err *e)
{
	struct db_stmt *st;
	*no = NULL;
	if (db_prepare(db,
		       "SELECT campaign_no FROM inspect_campaign WHERE fiscal_year = ?"
		       " ORDER BY CASE state WHEN 'closed' THEN 0 ELSE 1 END, id DESC",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, fy - 1);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*no = col_dup(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

int inspect_results_load(struct db *db, const char *no, const struct inspect_scope *scope,
			 struct inspect_results *out, struct err *e)
{
	struct inspect_results prev;
	if (count(db, no, scope, out, e) || previous_no(db, out->campaign.fiscal_year, &out->prev_no, e)) {
		inspect_results_free(out);
		return e->code;
	}
	if (!out->prev_no)
		return 0;
	if (count(db, out->prev_no, scope, &prev, e)) {
		inspect_results_free(out);
		return e->code;
	}
	compare(&out->by_unit, &prev.by_unit);
	compare(&out->by_chapter, &prev.by_chapter);
	compare(&out->by_clause, &prev.by_clause);
	out->total.prev_rate = prev.total.rate;
	inspect_results_free(&prev);
	return 0;
}
