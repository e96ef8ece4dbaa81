/*
 * layout.c — page chrome (layout.h).
 *
 * No inline script or style attribute anywhere: the CSP forbids them, and
 * the pages must work without JavaScript.
 */
#include "web/layout.h"

#include <string.h>

#include "util/timeutil.h"
#include "web/annual_web.h"
#include "web/case_scope.h"
#include "web/network_web.h"
#include "web/pages.h"

struct nav_item {
	const char *href;
	const char *label;
	/* NULL: everyone signed in; otherwise the route's own roles, so a link
	 * is shown exactly to those the router lets through */
	const char *const *roles;
};

static const struct nav_item nav[] = {
	{"/", "ダッシュボード", NULL},
	{"/findings", "点検結果", web_roles_findings},
	{"/assets", "情報資産台帳", NULL},
	{"/requests", "申請・承認", NULL},
	{"/incidents", "インシデント", NULL},
	{"/exceptions", "例外措置", NULL},
	{"/violations", "違反への対応", case_roles_violations},
	{"/training", "研修・訓練", NULL},
	{"/inspect", "自己点検", NULL},
	{"/audits", "監査", NULL},
	{"/actions", "改善措置", NULL},
	{"/annual-report", "年次報告", annual_web_roles_report},
	{"/proposals", "改定提案", annual_web_roles_proposal},
	{"/network", "ネットワーク", network_web_roles_view},
	{"/plan", "緊急時対応計画", NULL},
	{"/org", "組織・職員", NULL},
	{"/catalog", "カタログ", NULL},
	{"/policy", "ポリシー", NULL},
	{"/journal", "記録", web_roles_journal},
};

static int nav_current(const char *path, const char *href)
{
	size_t n = strlen(href);
	if (n == 1)
		return strcmp(path, "/") == 0;
	return strncmp(path, href, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static void write_header(struct buf *b, const struct web_req *rq)
{
	struct municipality m = {0};
	struct err e = {0};
	int found = 0;
	if (rq->db)
		municipality_get(rq->db, &m, &found, &e);
	html_printf(b, "<header class=\"site\"><div class=\"brand\"><a href=\"/\">mamori</a>"
		       "<span class=\"org\">%s</span></div>\n",
		    found ? m.name : "");
	municipality_free(&m);
	if (rq->user) {
		html_printf(b, "<div class=\"who\"><span>%s（%s）</span>"
			       "<form method=\"post\" action=\"/logout\">",
			    rq->user->staff.name, rq->user->account.login);
		layout_csrf_field(b, rq);
		buf_puts(b, "<button type=\"submit\">ログアウト</button></form></div>\n");
	}
	buf_puts(b, "</header>\n");
	if (!rq->user)
		return;
	buf_puts(b, "<nav class=\"site\" aria-label=\"主なページ\"><ul>\n");
	for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
		if (nav[i].roles && !web_user_has_any(rq->user, nav[i].roles))
			continue;
		html_printf(b, nav_current(rq->path, nav[i].href)
				       ? "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>\n"
				       : "<li><a href=\"%s\">%s</a></li>\n",
			    nav[i].href, nav[i].label);
	}
	buf_puts(b, "</ul></nav>\n");
}

void layout_begin(struct buf *b, const struct web_req *rq, const char *title)
{
	html_printf(b, "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<title>%s — mamori</title>\n"
		       "<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
		       "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
		       "<a class=\"skip\" href=\"#main\">本文へ移動</a>\n",
		    title);
	write_header(b, rq);
	buf_puts(b, "<main id=\"main\" tabindex=\"-1\">\n");
}

void layout_end(struct buf *b)
{
	buf_puts(b, "</main>\n<footer class=\"site\">mamori — 情報セキュリティ管理</footer>\n"
		    "</body>\n</html>\n");
}

void layout_csrf_field(struct buf *b, const struct web_req *rq)
{
	if (rq->has_session)
		html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
			    rq->session.csrf);
}

void page_begin(struct web_req *rq, struct web_resp *rs, const char *title)
{
	rs->status = 200;
	rs->content_type = NULL;
	rs->no_store = 1;
	layout_begin(&rs->body, rq, title);
}

void layout_date(struct buf *b, const char *when)
{
	char ymd[11], w[64], local[17];
	if (!when || strlen(when) < 10) {
		html_escape(b, when);
		return;
	}
	/* an instant (2026-06-01T01:00:00Z) is shown in JST, a date as it is */
	int instant = time_jst_text(when, local) == 0;
	memcpy(ymd, instant ? local : when, 10);
	ymd[10] = '\0';
	if (!date_valid(ymd)) {
		html_escape(b, when);
		return;
	}
	wareki_date(ymd, w, sizeof w);
	html_escape(b, instant ? local : when);
	html_printf(b, "（%s）", w);
}
