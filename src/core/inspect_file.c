/*
 * inspect_file.c — reading a file of answers (.csv or .xlsx) into the
 * answers inspect_answers_save takes.  The header names the columns, so
 * the checklist a person exported (番号, 条項, 設問, 回答, コメント) comes
 * back as it is once the 回答 column is filled in; columns it does not
 * know are ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/inspect.h"
#include "util/buf.h"
#include "util/sheet.h"

#define MAX_ROWS 10000 /* far more than any checklist has questions */

static int column(const struct sheet_row *h, const char *const *names)
{
	for (size_t i = 0; i < h->ncells; i++)
		for (const char *const *n = names; *n; n++)
			if (strcmp(h->cells[i], *n) == 0)
				return (int)i;
	return -1;
}

static const char *cell(const struct sheet_row *r, int col)
{
	return col >= 0 && (size_t)col < r->ncells ? r->cells[col] : "";
}

void inspect_answer_file_free(struct inspect_answer_file *f)
{
	for (size_t i = 0; i < f->nowned; i++)
		free(f->owned[i]);
	free(f->owned);
	free(f->v);
	memset(f, 0, sizeof *f);
}

static const char *own(struct inspect_answer_file *f, const char *s)
{
	f->owned = xrealloc(f->owned, (f->nowned + 1) * sizeof *f->owned);
	return f->owned[f->nowned++] = xstrdup(s);
}

/* A question number: 1 to 9999, digits only. */
static int parse_seq(const char *s, int *out)
{
	if (!*s || strlen(s) > 4)
		return -1;
	int v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v < 1)
		return -1;
	*out = v;
	return 0;
}

static int parse_row(const char *name, const struct sheet_row *r, int cseq, int cans, int ccom,
		     struct inspect_answer_file *f, struct err *e)
{
	const char *answer = cell(r, cans);
	if (!*answer)
		return 0;
	struct inspect_answer_in a = {0};
	if (parse_seq(cell(r, cseq), &a.seq))
		return err_set(e, ERR_INPUT, "%s の %ld 行目: 番号「%s」は 1 以上の整数ではありません", name, r->line,
			       cell(r, cseq));
	if (!inspect_answer_id(answer))
		return err_set(e, ERR_INPUT, "%s の %ld 行目: 回答「%s」は使えません（実施、一部実施、未実施、該当なし）",
			       name, r->line, answer);
	if (f->n >= MAX_ROWS)
		return err_set(e, ERR_INPUT, "%s: 回答が多すぎます（%d 行まで）", name, MAX_ROWS);
	a.answer = own(f, answer);
	a.comment = *cell(r, ccom) ? own(f, cell(r, ccom)) : NULL;
	f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
	f->v[f->n++] = a;
	return 0;
}

int inspect_answer_file_parse(const char *name, const struct sheet *s, struct inspect_answer_file *out,
			      struct err *e)
{
	static const char *const seq_names[] = {"番号", "設問番号", "seq", NULL};
	static const char *const ans_names[] = {"回答", "answer", NULL};
	static const char *const com_names[] = {"コメント", "備考", "comment", NULL};
	memset(out, 0, sizeof *out);
	if (s->nrows == 0)
		return err_set(e, ERR_INPUT, "%s: 空のファイルです（見出し行に 番号、回答 が必要です）", name);
	const struct sheet_row *h = &s->rows[0];
	int cseq = column(h, seq_names), cans = column(h, ans_names), ccom = column(h, com_names);
	if (cseq < 0 || cans < 0)
		return err_set(e, ERR_INPUT, "%s の %ld 行目: 見出しに「%s」の列がありません", name, h->line,
			       cseq < 0 ? "番号" : "回答");
	for (size_t i = 1; i < s->nrows; i++)
		if (parse_row(name, &s->rows[i], cseq, cans, ccom, out, e)) {
			inspect_answer_file_free(out);
			return e->code;
		}
	if (out->n == 0)
		return err_set(e, ERR_INPUT, "%s: 回答が書かれた行がありません（回答の列に 実施、一部実施、未実施、該当なし）", name);
	return 0;
}
