/*
 * inspect_web_form.c — the checklist form shared by the signed-in answer
 * page and the one-time link page (inspect_web.h).
 *
 * Made for a small laptop screen: one column, questions grouped by
 * chapter, the four answers as large labelled targets (the whole label is
 * the click target), a comment under each, and the save and submit
 * buttons in a bar that stays at the bottom of the window (CSS .ins-bar,
 * position: sticky), so 60 questions never need a scroll back up.  A long
 * checklist is shown in parts of INSPECT_WEB_PART questions, each part its
 * own form, so a form never carries more fields than the server reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "util/html.h"
#include "web/inspect_web.h"
#include "web/url.h"

static const char *const answer_ids[] = {"done", "partial", "not_done", "na"};

static size_t nparts(const struct inspect_checklist *c)
{
	return c->n ? (c->n + INSPECT_WEB_PART - 1) / INSPECT_WEB_PART : 1;
}

size_t inspect_web_part(const struct web_req *rq, const struct inspect_checklist *c)
{
	const char *p = form_get(&rq->body, "part");
	if (!p)
		p = form_get(&rq->query, "part");
	char *end = NULL;
	long v = p ? strtol(p, &end, 10) : 0;
	if (!p || !*p || *end || v < 0 || (size_t)v >= nparts(c))
		return 0;
	return (size_t)v;
}

/* "第2章 情報資産の分類と管理" for chapter "2", "基本方針 5 …" for "P5":
 * the heading of the first catalog clause in that chapter. */
static void chapter_title(struct buf *b, const struct catalog *cat, const char *chapter)
{
	const char *heading = NULL;
	size_t n = strlen(chapter);
	for (size_t i = 0; cat && i < cat->n && !heading; i++) {
		const char *id = cat->v[i].id;
		if (strncmp(id, chapter, n) == 0 && (id[n] == '.' || id[n] == '\0'))
			heading = cat->v[i].chapter;
	}
	if (chapter[0] == 'P')
		html_printf(b, "基本方針 %s", chapter + 1);
	else
		html_printf(b, "第%s章", chapter);
	if (heading && *heading)
		html_printf(b, " %s", heading);
}

static const char *field_of(const struct form *f, const char *prefix, int seq)
{
	char name[32];
	snprintf(name, sizeof name, "%s%d", prefix, seq);
	return f ? form_get(f, name) : NULL;
}

static long long answered_count(const struct inspect_checklist *c)
{
	long long n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += c->v[i].answer != NULL;
	return n;
}

static void question_readonly(struct buf *b, const struct inspect_item *q)
{
	html_printf(b, "<div class=\"ins-q\"><p class=\"ins-qtext\"><span class=\"ins-qno\">問%d</span> %s "
		       "<span class=\"ins-clause\">（%s）</span></p><p class=\"ins-given\">回答: <strong>%s</strong></p>",
		    q->seq, q->text, q->clause, q->answer ? inspect_answer_label(q->answer) : "未回答");
	if (q->comment && *q->comment)
		html_printf(b, "<p class=\"ins-given\">コメント: %s</p>", q->comment);
	buf_puts(b, "</div>\n");
}

static void question_input(struct buf *b, const struct inspect_item *q, const struct form *shown)
{
	const char *answer = field_of(shown, "a", q->seq);
	const char *comment = field_of(shown, "c", q->seq);
	if (!answer)
		answer = q->answer;
	else
		answer = inspect_answer_id(answer);
	if (!shown || !comment)
		comment = q->comment;
	html_printf(b, "<fieldset class=\"ins-q\" id=\"q%d\"><legend class=\"ins-qtext\"><span class=\"ins-qno\">問%d</span> "
		       "%s <span class=\"ins-clause\">（%s）</span></legend><div class=\"ins-choices\">",
		    q->seq, q->seq, q->text, q->clause);
	for (size_t k = 0; k < sizeof answer_ids / sizeof answer_ids[0]; k++) {
		int on = answer && strcmp(answer, answer_ids[k]) == 0;
		html_printf(b, "<label class=\"ins-choice ins-%s\"><input type=\"radio\" name=\"a%d\" value=\"%s\"%s>"
			       "<span>%s</span></label>",
			    answer_ids[k], q->seq, answer_ids[k], on ? " checked" : "", inspect_answer_label(answer_ids[k]));
	}
	html_printf(b, "</div><label class=\"ins-comment-label\" for=\"c%d\">コメント（任意）</label>"
		       "<textarea class=\"ins-comment\" id=\"c%d\" name=\"c%d\" rows=\"2\">%s</textarea></fieldset>\n",
		    q->seq, q->seq, q->seq, comment ? comment : "");
}

static void parts_nav(struct buf *b, const struct inspect_checklist *c, size_t part, const char *action)
{
	size_t n = nparts(c);
	if (n < 2)
		return;
	html_printf(b, "<nav class=\"ins-parts\" aria-label=\"設問の区切り\"><p>設問が多いため %zu 回に分けて表示しています。"
		       "別の区切りへ移る前に「一時保存」してください。</p><ul>",
		    n);
	for (size_t k = 0; k < n; k++) {
		size_t first = k * INSPECT_WEB_PART, last = first + INSPECT_WEB_PART;
		if (last > c->n)
			last = c->n;
		if (k == part)
			html_printf(b, "<li><strong aria-current=\"page\">問%d〜問%d</strong></li>", c->v[first].seq,
				    c->v[last - 1].seq);
		else
			html_printf(b, "<li><a href=\"%s%spart=%zu\">問%d〜問%d</a></li>", action,
				    strchr(action, '?') ? "&" : "?", k, c->v[first].seq, c->v[last - 1].seq);
	}
	buf_puts(b, "</ul></nav>\n");
}

void inspect_web_form(struct buf *b, const struct catalog *cat, const struct inspect_checklist *c, size_t part,
		      const char *action, const char *csrf, const struct form *shown, int readonly)
{
	size_t first = part * INSPECT_WEB_PART, last = first + INSPECT_WEB_PART;
	if (last > c->n)
		last = c->n;
	parts_nav(b, c, part, action);
	if (!readonly)
		html_printf(b, "<form method=\"post\" action=\"%s\" class=\"ins-form\">"
			       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
			       "<input type=\"hidden\" name=\"part\" value=\"%zu\">\n",
			    action, csrf, part);
	const char *chapter = NULL;
	for (size_t i = first; i < last; i++) {
		const struct inspect_item *q = &c->v[i];
		if (!chapter || strcmp(chapter, q->chapter) != 0) {
			if (chapter)
				buf_puts(b, "</section>\n");
			chapter = q->chapter;
			buf_puts(b, "<section class=\"ins-chapter\"><h2>");
			chapter_title(b, cat, chapter);
			buf_puts(b, "</h2>\n");
		}
		if (readonly)
			question_readonly(b, q);
		else
			question_input(b, q, shown);
	}
	if (chapter)
		buf_puts(b, "</section>\n");
	if (readonly)
		return;
	html_printf(b, "<div class=\"ins-bar\"><span class=\"ins-count\">保存済みの回答 %lld / %zu 問</span>"
		       "<button type=\"submit\" name=\"action\" value=\"save\" class=\"ins-save\">一時保存</button>"
		       "<button type=\"submit\" name=\"action\" value=\"submit\" class=\"ins-submit\">提出する</button>"
		       "</div></form>\n"
		       "<p class=\"note\">「一時保存」は何度でもできます。「提出する」は、すべての設問に回答してから一度だけ行います"
		       "（提出後は変更できません）。</p>\n",
		    answered_count(c), c->n);
}

/* Whether s holds nothing but spaces and line breaks. */
static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

int inspect_web_answers_read(const struct form *f, const struct inspect_checklist *c, struct inspect_answer_in **v,
			     size_t *n, struct err *e)
{
	*v = xcalloc(c->n + 1, sizeof **v);
	*n = 0;
	for (size_t i = 0; i < c->n; i++) {
		int seq = c->v[i].seq;
		const char *a = field_of(f, "a", seq), *cm = field_of(f, "c", seq);
		if (a && *a) {
			(*v)[(*n)++] = (struct inspect_answer_in){seq, a, cm && !blank(cm) ? cm : NULL};
		} else if (cm && !blank(cm)) {
			free(*v);
			*v = NULL;
			*n = 0;
			return err_set(e, ERR_INPUT, "問%d: コメントだけでは保存できません。実施・一部実施・未実施・該当なしのいずれかを選んでください",
				       seq);
		}
	}
	return 0;
}

int inspect_web_wants_submit(const struct form *f)
{
	const char *a = form_get(f, "action");
	return a && strcmp(a, "submit") == 0;
}
