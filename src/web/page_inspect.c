/*
 * page_inspect.c — /inspect: the 自己点検 campaigns of one 年度 (?fy=) with
 * their progress counted in the person's scope (inspect_scope_of), and for
 * everyone signed in, the checklists they still have to answer.
 *
 * Who sees which campaign: those who see every respondent or some units see
 * every campaign; others only those they were asked in.  Drafts (準備中)
 * are shown only to those who manage campaigns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "util/timeutil.h"
#include "web/fiscal_param.h"
#include "web/inspect_web.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"

static void campaign_href(struct buf *b, const char *no, const char *tail)
{
	buf_puts(b, "/inspect/");
	url_encode(b, no);
	buf_puts(b, tail);
}

static void mine_section(struct web_req *rq, struct buf *b)
{
	struct inspect_web_mines mine;
	struct err e = {0};
	buf_puts(b, "<section class=\"ins-mine\" aria-labelledby=\"ins-mine-title\"><h2 id=\"ins-mine-title\">"
		    "あなたが回答する点検表</h2>\n");
	if (inspect_web_mine_load(rq->db, rq->user->staff.id, &mine, &e)) {
		html_printf(b, "<p class=\"error\">読み込めませんでした: %s</p></section>\n", e.msg);
		return;
	}
	if (mine.n == 0) {
		buf_puts(b, "<p>回答を待っている点検表はありません。</p></section>\n");
		inspect_web_mines_free(&mine);
		return;
	}
	buf_puts(b, "<table class=\"list\"><thead><tr><th>番号</th><th>件名</th><th>役割</th><th>回答済み</th>"
		    "<th>回答期限</th><th></th></tr></thead><tbody>\n");
	for (size_t i = 0; i < mine.n; i++) {
		const struct inspect_web_mine *m = &mine.v[i];
		struct buf href = BUF_INIT;
		campaign_href(&href, m->campaign_no, "/answer");
		url_param(&href, "role", m->role);
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%lld / %lld 問</td><td>",
			    m->campaign_no, m->title, vocab_label(&vocab_role, m->role), m->answered, m->questions);
		layout_date(b, m->due_on);
		html_printf(b, "</td><td><a class=\"button\" href=\"%s\">回答する</a></td></tr>\n", buf_str(&href));
		buf_free(&href);
	}
	buf_puts(b, "</tbody></table></section>\n");
	inspect_web_mines_free(&mine);
}

static void fy_nav(struct buf *b, int fy)
{
	char label[32], prev[32], next[32];
	wareki_fiscal_year(fy, label, sizeof label);
	wareki_fiscal_year(fy - 1, prev, sizeof prev);
	wareki_fiscal_year(fy + 1, next, sizeof next);
	html_printf(b, "<nav class=\"ins-fy\" aria-label=\"年度\"><a href=\"/inspect?fy=%d\">← %s</a> "
		       "<strong>%s（%d年度）</strong> <a href=\"/inspect?fy=%d\">%s →</a></nav>\n",
		    fy - 1, prev, label, fy, fy + 1, next);
}

/* One campaign's row; returns 0 when the person has nothing to see in it. */
static int campaign_row(struct web_req *rq, struct buf *b, const struct inspect_campaign *c,
			const struct inspect_scope *s, int manager, struct err *e)
{
	struct inspect_web_progress p;
	int listed = inspect_web_listed(rq->db, c, s, manager, &p, e);
	if (listed <= 0)
		return listed;
	struct buf href = BUF_INIT;
	campaign_href(&href, c->campaign_no, "");
	html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>%s〜%s</td>"
		       "<td class=\"num\">%lld / %lld 人</td><td><progress class=\"ins-progress\" max=\"%lld\" value=\"%lld\">"
		       "</progress></td></tr>\n",
		    buf_str(&href), c->campaign_no, c->title, inspect_state_label(c->state), c->opens_on, c->due_on,
		    p.submitted, p.respondents, p.respondents ? p.respondents : 1, p.submitted);
	buf_free(&href);
	return 1;
}

static int campaigns_table(struct web_req *rq, struct buf *b, int fy, struct err *e)
{
	struct inspect_campaigns l;
	struct inspect_scope s;
	if (inspect_campaigns_load(rq->db, fy, &l, e))
		return e->code;
	inspect_web_scope(rq, &s);
	int manager = inspect_may_manage(&rq->user->roles, rq->user->staff.id), shown = 0, rc = 0;
	struct buf rows = BUF_INIT;
	for (size_t i = 0; i < l.n && rc >= 0; i++) {
		rc = campaign_row(rq, &rows, &l.v[i], &s, manager, e);
		shown += rc > 0;
	}
	if (rc >= 0) {
		if (!s.all)
			buf_puts(b, "<p class=\"note\">進捗は、あなたが見られる範囲（担当する課、またはあなた自身）で数えています。</p>\n");
		if (!shown) {
			buf_puts(b, "<p>この年度の自己点検はありません。</p>\n");
		} else {
			buf_puts(b, "<table class=\"list\"><caption>自己点検の一覧</caption><thead><tr><th>番号</th>"
				    "<th>件名</th><th>状態</th><th>期間</th><th>提出 / 回答者</th><th>進捗</th></tr></thead>"
				    "<tbody>\n");
			buf_append(b, rows.data, rows.len);
			buf_puts(b, "</tbody></table>\n");
		}
	}
	buf_free(&rows);
	inspect_scope_free(&s);
	inspect_campaigns_free(&l);
	return rc < 0 ? e->code : 0;
}

void page_inspect_list(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	struct err e = {0};
	if (fiscal_param(rq, rs, &fy))
		return;
	page_begin(rq, rs, "自己点検");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>自己点検</h1>\n");
	if (inspect_may_manage(&rq->user->roles, rq->user->staff.id))
		buf_puts(b, "<p><a class=\"button\" href=\"/inspect/new\">自己点検を作成</a></p>\n");
	mine_section(rq, b);
	buf_puts(b, "<section aria-labelledby=\"ins-list-title\"><h2 id=\"ins-list-title\">年度の自己点検</h2>\n");
	fy_nav(b, fy);
	if (campaigns_table(rq, b, fy, &e)) {
		buf_free(b);
		web_internal_error(rq, rs, &e);
		return;
	}
	buf_puts(b, "</section>\n");
	layout_end(b);
}
