/*
 * inspect_answer.c — a respondent's checklist: loading it with the answers
 * saved so far, saving answers (all checked before any is written) and
 * submitting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/inspect_internal.h"
#include "core/rows.h"
#include "util/buf.h"

#define COMMENT_MAX 2000 /* bytes: a few sentences, not a report */

static const struct {
	const char *id, *label, *alias;
} answers[] = {
	{"done", "実施", "○"},
	{"partial", "一部実施", "△"},
	{"not_done", "未実施", "×"},
	{"na", "該当なし", "－"},
};

const char *inspect_answer_id(const char *text)
{
	if (!text)
		return NULL;
	for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++)
		if (strcmp(text, answers[i].id) == 0 || strcmp(text, answers[i].label) == 0 ||
		    strcmp(text, answers[i].alias) == 0)
			return answers[i].id;
	return NULL;
}

const char *inspect_answer_label(const char *id)
{
	for (size_t i = 0; id && i < sizeof answers / sizeof answers[0]; i++)
		if (strcmp(id, answers[i].id) == 0)
			return answers[i].label;
	return "未回答";
}

/* ---- the checklist ---- */

static void read_item(struct db_stmt *st, void *elem)
{
	struct inspect_item *it = elem;
	it->question_id = db_column_int(st, 0);
	it->seq = (int)db_column_int(st, 1);
	it->clause = col_dup(st, 2);
	it->chapter = col_dup(st, 3);
	it->text = col_dup(st, 4);
	it->answer = col_dup(st, 5);
	it->comment = col_dup(st, 6);
	it->answered_at = col_dup(st, 7);
}

void inspect_checklist_free(struct inspect_checklist *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct inspect_item *it = &c->v[i];
		free(it->clause);
		free(it->chapter);
		free(it->text);
		free(it->answer);
		free(it->comment);
		free(it->answered_at);
	}
	free(c->v);
	inspect_campaign_free(&c->campaign);
	inspect_respondent_free(&c->resp);
	memset(c, 0, sizeof *c);
}

int inspect_checklist_load(struct db *db, long long respondent_id, struct inspect_checklist *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (inspect_respondent_get(db, respondent_id, &out->resp, e) ||
	    inspect_campaign_by_id(db, out->resp.campaign_id, &out->campaign, e))
		goto fail;
	struct db_stmt *st;
	if (db_prepare(db,
		       "SELECT q.id, q.seq, q.clause, q.chapter, q.text, a.answer, a.comment, a.answered_at"
		       " FROM inspect_question q LEFT JOIN inspect_answer a ON a.question_id = q.id AND a.respondent_id = ?"
		       " WHERE q.campaign_id = ? AND q.role = ? ORDER BY q.seq",
		       &st, e))
		goto fail;
	db_bind_int(st, 1, respondent_id);
	db_bind_int(st, 2, out->resp.campaign_id);
	db_bind_text(st, 3, out->resp.role);
	size_t cap = 0;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		read_item(st, &out->v[out->n++]);
	}
	db_finalize(st);
	if (r == DB_ERROR)
		goto fail;
	out->resp.questions = (int)out->n;
	for (size_t i = 0; i < out->n; i++)
		out->resp.answered += out->v[i].answer != NULL;
	return 0;
fail:
	inspect_checklist_free(out);
	return e->code;
}

int inspect_may_answer(const struct inspect_campaign *c, const struct inspect_respondent *r, struct err *e)
{
	if (strcmp(c->state, "open") != 0)
		return err_set(e, ERR_INPUT, "自己点検 %s は%sのため回答できません", c->campaign_no,
			       inspect_state_label(c->state));
	if (r->submitted_at)
		return err_set(e, ERR_INPUT, "自己点検 %s の回答は提出済みです（変更できません）", c->campaign_no);
	return 0;
}

/* ---- saving ---- */

static const struct inspect_item *item_by_seq(const struct inspect_checklist *c, int seq)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].seq == seq)
			return &c->v[i];
	return NULL;
}

static int check_one(const struct inspect_checklist *c, const struct inspect_answer_in *a, struct err *e)
{
	if (!item_by_seq(c, a->seq))
		return err_set(e, ERR_INPUT, "設問番号 %d はこの点検表にありません（1〜%zu）", a->seq, c->n);
	if (!inspect_answer_id(a->answer))
		return err_set(e, ERR_INPUT, "設問 %d の回答「%s」は使えません（実施、一部実施、未実施、該当なし）", a->seq,
			       a->answer ? a->answer : "");
	if (a->comment && strlen(a->comment) > COMMENT_MAX)
		return err_set(e, ERR_INPUT, "設問 %d のコメントが長すぎます（%d バイトまで）", a->seq, COMMENT_MAX);
	return 0;
}

static int existing_answer_id(struct db *db, long long respondent_id, long long question_id, long long *id,
			      struct err *e)
{
	struct db_stmt *st;
	*id = 0;
	if (db_prepare(db, "SELECT id FROM inspect_answer WHERE respondent_id = ? AND question_id = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, respondent_id);
	db_bind_int(st, 2, question_id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_column_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int put_answer(struct tx *tx, long long respondent_id, const struct inspect_item *it,
		      const struct inspect_answer_in *a, struct err *e)
{
	long long id;
	int insert = it->answer == NULL;
	if (insert ? tx_next_id(tx, "inspect_answer", &id, e)
		   : existing_answer_id(tx->db, respondent_id, it->question_id, &id, e))
		return e->code;
	struct row row;
	row_init(&row, "inspect_answer");
	row_int(&row, "id", id);
	row_int(&row, "respondent_id", respondent_id);
	row_int(&row, "question_id", it->question_id);
	row_text(&row, "answer", inspect_answer_id(a->answer));
	row_text(&row, "comment", a->comment);
	row_text(&row, "answered_at", tx->at);
	return tx_put_row(tx, "inspect.answer", &row, insert, e);
}

int inspect_answers_save(struct tx *tx, long long respondent_id, const struct inspect_answer_in *v, size_t n,
			 struct err *e)
{
	struct inspect_checklist c;
	if (inspect_checklist_load(tx->db, respondent_id, &c, e))
		return e->code;
	int rc = inspect_may_answer(&c.campaign, &c.resp, e);
	if (!rc && n == 0)
		rc = err_set(e, ERR_INPUT, "保存する回答がありません");
	for (size_t i = 0; i < n && !rc; i++)
		rc = check_one(&c, &v[i], e);
	for (size_t i = 0; i < n && !rc; i++) {
		/* the same question twice in one save: the later answer wins */
		int later = 0;
		for (size_t k = i + 1; k < n; k++)
			later |= v[k].seq == v[i].seq;
		if (!later)
			rc = put_answer(tx, respondent_id, item_by_seq(&c, v[i].seq), &v[i], e);
	}
	inspect_checklist_free(&c);
	return rc;
}

int inspect_submit(struct tx *tx, long long respondent_id, struct err *e)
{
	struct inspect_checklist c;
	if (inspect_checklist_load(tx->db, respondent_id, &c, e))
		return e->code;
	int rc = inspect_may_answer(&c.campaign, &c.resp, e);
	if (!rc && c.resp.answered < (int)c.n) {
		const struct inspect_item *first = NULL;
		for (size_t i = 0; i < c.n && !first; i++)
			if (!c.v[i].answer)
				first = &c.v[i];
		rc = err_set(e, ERR_INPUT, "未回答の設問が %zu 問あります（最初は設問 %d）。すべて回答してから提出してください",
			     c.n - (size_t)c.resp.answered, first ? first->seq : 0);
	}
	if (!rc) {
		c.resp.submitted_at = xstrdup(tx->at);
		rc = inspect_put_respondent(tx, &c.resp, 0, "inspect.submit", e) || inspect_link_use(tx, respondent_id, e);
		rc = rc ? e->code : 0;
	}
	inspect_checklist_free(&c);
	return rc;
}
