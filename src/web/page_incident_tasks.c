/*
 * page_incident_tasks.c — 自分の対応: what waits on the signed-in person.
 *
 *  1. The notices addressed to them (incident_notice.staff_id) that are not
 *     yet recorded as given, soonest due first, overdue ones marked.
 *  2. For the people who take the response's steps (CSIRT, the CISO): the
 *     incidents within their scope whose state waits on a step they may
 *     take — 受付 on the CSIRT評価, 対応中 on 応急措置/原因究明, 原因究明 on
 *     再発防止策, 再発防止策 on the CISO's directive or 完了.  Whether they may
 *     is the engine's answer (incident_step_may), asked once per state.
 *
 * Every query is bounded (LIMIT) and served by an index, so the page stays
 * quick with a hundred thousand incidents (docs/incidents.md, benchmark).
 */
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"
#include "web/incident_list.h"
#include "web/incident_scope.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/url.h"

#define TASK_NOTICES 100 /* notices shown; more are counted as "more" */
#define TASK_ROWS 20     /* incidents shown per waiting state */

static const struct {
	const char *state;
	const char *kinds[3];
	const char *heading;
} waits[] = {
	{"received", {"assess", NULL}, "受付 — CSIRT評価を待っているもの"},
	{"responding", {"measure", "investigate", NULL}, "対応中 — 応急措置・原因究明を待っているもの"},
	{"investigating", {"prevention", NULL}, "原因究明 — 再発防止策の報告を待っているもの"},
	{"prevention", {"directive", "close", NULL}, "再発防止策 — CISOの指示・完了を待っているもの"},
};

static void incident_link(struct buf *b, const char *no, const char *title)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/incidents/");
	url_encode(&href, no);
	html_printf(b, "<a href=\"%s\">%s</a> %s", buf_str(&href), no, title ? title : "");
	buf_free(&href);
}

static void notice_row(struct buf *b, struct db_stmt *st, const char *now)
{
	const char *party = db_column_text(st, 2), *due = db_column_text(st, 3);
	const struct incident_notice_rule *r = incident_notice_rule_find(party);
	int late = due && strcmp(due, now) < 0;
	char jst[17];
	incident_jst(due, jst);
	buf_puts(b, late ? "<tr class=\"inc-overdue\"><td>" : "<tr><td>");
	incident_link(b, db_column_text(st, 0), db_column_text(st, 1));
	html_printf(b, "</td><td>%s</td><td>%s", r ? r->label : party, jst);
	buf_puts(b, late ? " <strong class=\"inc-late\">期限超過</strong></td></tr>\n" : "</td></tr>\n");
}

/* Section 1: open notices addressed to the person. */
static int my_notices(struct web_req *rq, struct buf *b, const char *now, struct err *e)
{
	struct db_stmt *st;
	size_t n = 0;
	/* the partial index of open notices by due time drives this */
	if (db_prepare(rq->db, "SELECT i.incident_no, i.title, n.party, n.due_at FROM incident_notice n"
			       " JOIN incident i ON i.id = n.incident_id"
			       " WHERE n.done_at IS NULL AND n.staff_id = ? ORDER BY n.due_at, n.id LIMIT ?",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, rq->user->staff.id);
	db_bind_int(st, 2, TASK_NOTICES + 1);
	buf_puts(b, "<h2>あなたへの連絡（未了）</h2>\n");
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW && n < TASK_NOTICES) {
		if (n++ == 0)
			buf_puts(b, "<table class=\"list\">\n<caption>あなたが受ける連絡</caption>\n<thead><tr>"
				    "<th scope=\"col\">インシデント</th><th scope=\"col\">連絡の区分</th>"
				    "<th scope=\"col\">期限</th></tr></thead>\n<tbody>\n");
		notice_row(b, st, now);
	}
	int more = r == DB_ROW;
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (n)
		buf_puts(b, "</tbody></table>\n");
	else
		buf_puts(b, "<p>未了の連絡はありません。</p>\n");
	if (more)
		html_printf(b, "<p class=\"note\">期限の近い %d 件を表示しています。</p>\n", TASK_NOTICES);
	return 0;
}

/* The step kinds of wait w the person may take ("" when none), by asking
 * the engine about an incident in that state they did not report. */
static int kinds_allowed(struct web_req *rq, size_t w, const char **allowed, struct err *e)
{
	struct incident probe;
	int n = 0;
	memset(&probe, 0, sizeof probe);
	probe.state = (char *)waits[w].state;
	for (int k = 0; waits[w].kinds[k]; k++) {
		int may = 0;
		if (incident_step_may(rq->db, &probe, rq->user->staff.id, waits[w].kinds[k], &may, e))
			return -1;
		if (may)
			allowed[n++] = waits[w].kinds[k];
	}
	allowed[n] = NULL;
	return n;
}

static int has_directive(struct db *db, long long incident_id, int *yes, struct err *e)
{
	struct db_stmt *st;
	*yes = 0;
	if (db_prepare(db, "SELECT COUNT(*) FROM case_event WHERE case_kind = 'incident'"
			   " AND case_id = ? AND kind = 'directive'", &st, e))
		return e->code;
	db_bind_int(st, 1, incident_id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*yes = db_column_int(st, 0) > 0;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int waiting_row(struct web_req *rq, struct buf *b, const struct incident_row *row,
		       const char *const *allowed, struct err *e)
{
	char jst[17];
	struct buf next = BUF_INIT;
	int directive = 0;
	if (strcmp(row->state, "prevention") == 0 && has_directive(rq->db, row->id, &directive, e))
		return e->code;
	for (int k = 0; allowed[k]; k++) {
		/* 完了 needs the CISO's directive first; the directive is given once */
		if ((strcmp(allowed[k], "close") == 0 && !directive) ||
		    (strcmp(allowed[k], "directive") == 0 && directive))
			continue;
		buf_printf(&next, "%s%s", next.len ? "・" : "", incident_step_label(allowed[k]));
	}
	if (!next.len)
		buf_puts(&next, "CISOの指示待ち");
	incident_jst(row->detected_at, jst);
	buf_puts(b, row->overdue_notices ? "<tr class=\"inc-overdue\"><td>" : "<tr><td>");
	incident_link(b, row->incident_no, row->title);
	html_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%lld</td></tr>\n",
		    incident_severity_label(row->severity), jst, buf_str(&next), row->overdue_notices);
	buf_free(&next);
	return 0;
}

/* One waiting state: its count in scope and the oldest TASK_ROWS. */
static int waiting_state(struct web_req *rq, struct buf *b, size_t w, const char *const *allowed,
			 const struct incident_scope *scope, const char *now, struct err *e)
{
	struct incident_filter f = {.state = waits[w].state, .now = now, .limit = TASK_ROWS,
				    .scope = scope};
	struct incident_rows rows = {0};
	struct buf all = BUF_INIT;
	long long total = 0;
	if (incident_count(rq->db, &f, &total, e) || incident_query(rq->db, &f, &rows, e))
		return e->code;
	buf_puts(&all, "/incidents");
	url_param(&all, "state", waits[w].state);
	html_printf(b, "<h3>%s（%lld 件）</h3>\n", waits[w].heading, total);
	int rc = 0;
	if (rows.n) {
		buf_puts(b, "<table class=\"list\">\n<thead><tr><th scope=\"col\">インシデント</th>"
			    "<th scope=\"col\">重大度</th><th scope=\"col\">検知日時</th>"
			    "<th scope=\"col\">次の対応</th><th scope=\"col\">期限超過の連絡</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; !rc && i < rows.n; i++)
			rc = waiting_row(rq, b, &rows.v[i], allowed, e);
		buf_puts(b, "</tbody></table>\n");
	}
	if (!total)
		buf_puts(b, "<p>ありません。</p>\n");
	if ((long long)rows.n < total)
		html_printf(b, "<p class=\"note\">古い順に %zu 件を表示しています。<a href=\"%s\">すべて見る</a></p>\n",
			    rows.n, buf_str(&all));
	incident_rows_free(&rows);
	buf_free(&all);
	return rc;
}

/* Section 2: incidents waiting on a step the person may take. */
static int my_steps(struct web_req *rq, struct buf *b, const char *now, struct err *e)
{
	struct incident_scope store;
	const struct incident_scope *scope = NULL;
	int shown = 0, rc = 0;
	for (size_t w = 0; !rc && w < sizeof waits / sizeof waits[0]; w++) {
		const char *allowed[4];
		int n = kinds_allowed(rq, w, allowed, e);
		if (n < 0)
			rc = e->code;
		if (n <= 0)
			continue;
		if (!shown++) {
			buf_puts(b, "<h2>対応を待っているインシデント</h2>\n");
			scope = incident_scope_of(rq->user, &store);
		}
		rc = waiting_state(rq, b, w, allowed, scope, now, e);
	}
	if (scope)
		incident_scope_release(&store);
	return rc;
}

void page_incident_tasks(struct web_req *rq, struct web_resp *rs)
{
	struct err e = {0};
	char now[32];
	struct buf body = BUF_INIT;
	time_now_rfc3339(now);
	int rc = my_notices(rq, &body, now, &e);
	if (!rc)
		rc = my_steps(rq, &body, now, &e);
	if (rc) {
		web_internal_error(rq, rs, &e);
		buf_free(&body);
		return;
	}
	page_begin(rq, rs, "自分の対応");
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/incidents\">インシデント</a></p>\n<h1>自分の対応</h1>\n"
		    "<p><a class=\"button\" href=\"/incidents/new\">インシデントを報告</a></p>\n");
	buf_append(b, buf_str(&body), body.len);
	layout_end(b);
	buf_free(&body);
}
