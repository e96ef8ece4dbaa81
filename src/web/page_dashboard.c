/*
 * page_dashboard.c — ダッシュボード: the previous sign-in (guideline
 * 6.2(4)), requests waiting for this person's decision, overdue returns the
 * person is concerned with, incidents with overdue notices, and (for organisation-wide roles) the check
 * findings by chapter.
 */
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/request.h"
#include "core/rows.h"
#include "util/timeutil.h"
#include "web/dashboard_cycle.h"
#include "web/dashboard_year.h"
#include "web/dashboard_incidents.h"
#include "web/layout.h"
#include "web/network_web.h"
#include "web/pages.h"
#include "web/url.h"

/*
 * The sign-in before the current one.  account.last_login_at already holds
 * the current sign-in, so the previous one is the second successful sign-in
 * of this login in the sign-in log (newest first).  The log is shared by
 * all accounts; a sign-in older than the last PREV_LOGIN_SCAN events is
 * shown as unknown.
 */
#define PREV_LOGIN_SCAN 5000

struct prev_login {
	char *at, *addr;
	size_t seen;  /* this login's successful sign-ins found */
	size_t read;  /* events read */
};

/*
 * Walks the log newest first and stops at this login's second successful
 * sign-in, instead of reading all PREV_LOGIN_SCAN events into memory.
 */
static int find_previous_login(struct db *db, const char *login, struct prev_login *p,
			       struct err *e)
{
	struct db_stmt *st;
	memset(p, 0, sizeof *p);
	if (db_prepare(db, "SELECT at, addr, login, event FROM auth_event ORDER BY id DESC LIMIT ?",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, PREV_LOGIN_SCAN);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		const char *who = db_column_text(st, 2), *event = db_column_text(st, 3);
		p->read++;
		if (!event || strcmp(event, "login_ok") != 0 || !who || strcmp(who, login) != 0 ||
		    ++p->seen < 2)
			continue;
		p->at = col_dup(st, 0);
		p->addr = col_dup(st, 1);
		break;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static void previous_login(struct web_req *rq, struct buf *b)
{
	struct prev_login p;
	struct err e = {0};
	int failed = find_previous_login(rq->db, rq->user->account.login, &p, &e);
	buf_puts(b, "<section class=\"card\" aria-labelledby=\"prev\"><h2 id=\"prev\">前回ログイン</h2><p>");
	if (!failed && p.at) {
		layout_date(b, p.at);
		html_printf(b, " ・ 接続元 %s", p.addr && *p.addr ? p.addr : "不明");
	} else if (!failed && p.seen < 2 && p.read < PREV_LOGIN_SCAN) {
		buf_puts(b, "今回が初めてのログインです。");
	} else {
		buf_puts(b, "記録が見つかりません。");
	}
	buf_puts(b, "</p><p class=\"note\">心当たりのないログインがあれば、情報政策担当課に連絡してください。</p></section>\n");
	free(p.at);
	free(p.addr);
}

/* The chapter a finding belongs to, by its clause. */
static const char *chapter_of(const struct catalog *c, const struct finding *f)
{
	const struct catalog_entry *en = catalog_find(c, f->control);
	return en && en->chapter ? en->chapter : "その他";
}

/* Findings per chapter, in the order the chapters first appear. */
static void chapter_table(const struct catalog *c, const struct findings *f, struct buf *b)
{
	if (f->n == 0) {
		buf_puts(b, "<p>指摘はありません。</p>\n");
		return;
	}
	buf_puts(b, "<table class=\"list\"><thead><tr><th scope=\"col\">章</th>"
		    "<th scope=\"col\">指摘</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < f->n; i++) {
		const char *chapter = chapter_of(c, &f->v[i]);
		int seen = 0;
		size_t count = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(chapter_of(c, &f->v[j]), chapter) == 0;
		if (seen)
			continue;
		for (size_t j = i; j < f->n; j++)
			count += strcmp(chapter_of(c, &f->v[j]), chapter) == 0;
		html_printf(b, "<tr><td>%s</td><td class=\"num\">%zu</td></tr>\n", chapter, count);
	}
	buf_puts(b, "</tbody></table>\n<p><a href=\"/findings\">点検結果を見る</a></p>\n");
}

/* Runs the whole check: only when the cache (web/shared.h) is stale. */
static int compute_findings(struct db *db, const struct web_shared *s, char **html,
			    struct err *e)
{
	struct findings f = {0};
	struct buf b = BUF_INIT;
	if (check_run(db, &f, e)) {
		findings_free(&f);
		return e->code ? e->code : ERR_INTERNAL;
	}
	chapter_table(&s->catalog, &f, &b);
	network_web_unchecked_note(db, &b);
	findings_free(&f);
	*html = buf_take(&b);
	return 0;
}

/*
 * The summary is the same for everyone allowed to see it and changes only
 * with the data (every write appends to the journal) or the date, so it is
 * computed once per journal head rather than per page view.
 */
static void findings_by_chapter(struct web_req *rq, struct buf *b)
{
	struct err e = {0};
	buf_puts(b, "<section class=\"card\" aria-labelledby=\"fnd\"><h2 id=\"fnd\">点検結果（章ごと）</h2>\n");
	if (web_findings_cached(rq->shared, rq->db, compute_findings, b, &e))
		html_printf(b, "<p class=\"error\">点検を実行できませんでした：%s</p>\n", e.msg);
	buf_puts(b, "</section>\n");
}

static const char *type_label(const char *type)
{
	const struct request_type *t = request_type_find(type);
	return t ? t->label : type;
}

struct request_view {
	struct request_list requests;
	struct decision_list decisions;
	struct role_assignments roles; /* everyone's, for request_role_held */
};

static void request_view_free(struct request_view *v)
{
	request_list_free(&v->requests);
	decision_list_free(&v->decisions);
	role_assignments_free(&v->roles);
}

/* The items as a list, or a sentence saying there are none; frees items. */
static void list_or_none(struct buf *b, struct buf *items, size_t n, const char *none)
{
	if (n) {
		buf_puts(b, "<ul>\n");
		buf_append(b, buf_str(items), items->len);
		buf_puts(b, "</ul>\n");
	} else {
		html_printf(b, "<p>%s</p>\n", none);
	}
	buf_free(items);
}

/* "<li><a href=…>番号</a>": the item links to the request's page. */
static void request_item(struct buf *items, const struct request *r)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/requests/");
	url_encode(&href, r->request_no);
	html_printf(items, "<li><a href=\"%s\">%s</a>", buf_str(&href), r->request_no);
	buf_free(&href);
}

static void waiting_for_me(struct web_req *rq, struct buf *b, const struct request_view *v)
{
	size_t n = 0;
	long long me = rq->user->staff.id;
	struct buf items = BUF_INIT;
	buf_puts(b, "<section class=\"card\" aria-labelledby=\"wait\"><h2 id=\"wait\">あなたの決裁待ちの申請</h2>\n");
	for (size_t i = 0; i < v->requests.n; i++) {
		const struct request *r = &v->requests.v[i];
		if (strcmp(r->state, "filed") != 0)
			continue;
		const char *role = request_next_role(r, &v->decisions);
		if (!role || !request_role_held(&v->roles, &rq->user->units, r, me, role))
			continue;
		request_item(&items, r);
		html_printf(&items, "　%s（申請 %s）</li>\n", type_label(r->type),
			    r->filed_at ? r->filed_at : "");
		n++;
	}
	list_or_none(b, &items, n, "決裁待ちの申請はありません。");
	if (n)
		html_printf(b, "<p><a href=\"/requests?tab=waiting\">承認待ちの申請 %zu 件を申請・承認で開く</a></p>\n", n);
	buf_puts(b, "</section>\n");
}

static void overdue_returns(struct web_req *rq, struct buf *b, const struct request_view *v)
{
	char today[11];
	size_t n = 0;
	long long me = rq->user->staff.id;
	time_today(today);
	struct buf items = BUF_INIT;
	buf_puts(b, "<section class=\"card\" aria-labelledby=\"late\"><h2 id=\"late\">返却予定日を過ぎた持ち出し</h2>\n");
	for (size_t i = 0; i < v->requests.n; i++) {
		const struct request *r = &v->requests.v[i];
		if (!request_is_overdue(r, today))
			continue;
		if (r->requester_id != me &&
		    !request_role_held(&v->roles, &rq->user->units, r, me, "manager"))
			continue;
		request_item(&items, r);
		html_printf(&items, "　%s（返却予定日 ", type_label(r->type));
		layout_date(&items, r->due_on);
		buf_puts(&items, "）</li>\n");
		n++;
	}
	list_or_none(b, &items, n, "返却の遅れはありません。");
	if (n)
		html_printf(b, "<p><a href=\"/requests?tab=all&amp;state=overdue\">返却期限を過ぎた持ち出し %zu 件を申請・承認で開く</a></p>\n", n);
	buf_puts(b, "</section>\n");
}

void page_dashboard(struct web_req *rq, struct web_resp *rs)
{
	struct request_view v = {0};
	struct err e = {0};
	/* everyone's roles matter only when there is a request to decide on */
	if (request_load(rq->db, &v.requests, &e) ||
	    request_decisions_load(rq->db, &v.decisions, &e) ||
	    (v.requests.n && role_load(rq->db, 1, &v.roles, &e))) {
		request_view_free(&v);
		web_internal_error(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, "ダッシュボード");
	struct buf *b = &rs->body;
	html_printf(b, "<h1>ダッシュボード</h1>\n<p>%s さん、こんにちは。</p>\n<div class=\"cards\">\n",
		    rq->user->staff.name);
	previous_login(rq, b);
	waiting_for_me(rq, b, &v);
	overdue_returns(rq, b, &v);
	dashboard_incidents(rq, b);
	dashboard_cycle(rq, b);
	dashboard_year(rq, b);
	if (web_user_has_any(rq->user, web_roles_findings))
		findings_by_chapter(rq, b);
	buf_puts(b, "</div>\n");
	layout_end(b);
	request_view_free(&v);
}
