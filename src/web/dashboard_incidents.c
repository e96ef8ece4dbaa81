/*
 * dashboard_incidents.c — the dashboard's インシデント card: the incidents
 * the person may see whose notices are past due, newest first.  A notice
 * that is late is the one thing about an incident that gets worse by the
 * hour (5.3: 直ちに報告), so it is put in front of everyone concerned.
 */
#include "web/dashboard_incidents.h"

#include "core/incident.h"
#include "util/html.h"
#include "util/timeutil.h"
#include "web/incident_scope.h"
#include "web/url.h"

#define DASHBOARD_INCIDENTS 5

static void incident_item(struct buf *b, const struct incident_row *r)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/incidents/");
	url_encode(&href, r->incident_no);
	html_printf(b, "<li><a href=\"%s\">%s</a>　%s（%s・期限超過の連絡 %lld 件）</li>\n",
		    buf_str(&href), r->incident_no, r->title, incident_state_label(r->state),
		    r->overdue_notices);
	buf_free(&href);
}

static void overdue_list(struct buf *b, const struct incident_rows *rows, long long total)
{
	if (total == 0) {
		buf_puts(b, "<p>期限を過ぎた連絡はありません。</p>\n");
		return;
	}
	buf_puts(b, "<ul>\n");
	for (size_t i = 0; i < rows->n; i++)
		incident_item(b, &rows->v[i]);
	buf_puts(b, "</ul>\n");
	html_printf(b, "<p><a href=\"/incidents?overdue=1\">連絡の期限を過ぎたインシデント %lld 件を開く</a></p>\n",
		    total);
}

void dashboard_incidents(struct web_req *rq, struct buf *b)
{
	struct incident_scope s;
	struct incident_rows rows = {0};
	struct err e = {0};
	char now[32];
	long long total = 0;
	time_now_rfc3339(now);
	struct incident_filter f = {.overdue = 1, .now = now, .limit = DASHBOARD_INCIDENTS,
				    .newest_first = 1, .scope = incident_scope_of(rq->user, &s)};
	int rc = incident_count(rq->db, &f, &total, &e);
	if (!rc && total)
		rc = incident_query(rq->db, &f, &rows, &e);
	if (f.scope)
		incident_scope_release(&s);
	buf_puts(b, "<section class=\"card\" aria-labelledby=\"inc\"><h2 id=\"inc\">連絡が遅れているインシデント</h2>\n");
	if (rc)
		html_printf(b, "<p class=\"error\">インシデントを読み込めませんでした：%s</p>\n", e.msg);
	else
		overdue_list(b, &rows, total);
	buf_puts(b, "<p><a href=\"/incidents/tasks\">自分の対応を見る</a>・<a href=\"/incidents/new\">インシデントを報告する</a></p>\n</section>\n");
	incident_rows_free(&rows);
}
