/*
 * page_inspect_show.c — /inspect/{id}: one campaign as the person may see
 * it (inspect_scope_of): its state and period, progress by 課, the
 * respondents (paged in SQL, ?pending=1 for 未提出 only), and for those who
 * manage campaigns the forms to open or close it, remind, issue one-time
 * links and file improvement measures (page_inspect_action.c).  The counts
 * by 課, chapter and clause are on /inspect/{id}/results, so this page never
 * reads the answers themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/corrective.h"
#include "core/mail.h"
#include "core/profile.h"
#include "core/vocab.h"
#include "web/inspect_web.h"
#include "web/layout.h"
#include "web/listui.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"

struct show_q {
	const char *no;
	int pending;
	long offset;
};

static void page_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	const struct show_q *q = ctx;
	(void)col, (void)desc;
	buf_puts(u, "/inspect/");
	url_encode(u, q->no);
	if (q->pending)
		url_param(u, "pending", "1");
	if (offset) {
		char n[24];
		snprintf(n, sizeof n, "%ld", offset);
		url_param(u, "offset", n);
	}
	buf_puts(u, "#respondents");
}

static void base_href(struct buf *b, const char *no, const char *tail)
{
	buf_puts(b, "/inspect/");
	url_encode(b, no);
	buf_puts(b, tail);
}

static void summary(struct buf *b, const struct inspect_campaign *c, const struct inspect_web_progress *p)
{
	html_printf(b, "<h1>%s</h1>\n<dl class=\"ins-meta\"><dt>番号</dt><dd>%s</dd><dt>状態</dt><dd>%s</dd>"
		       "<dt>期間</dt><dd>%s〜%s</dd><dt>提出</dt><dd>%lld / %lld 人</dd></dl>\n",
		    c->title, c->campaign_no, inspect_state_label(c->state), c->opens_on, c->due_on, p->submitted,
		    p->respondents);
}

static void flash(struct buf *b, const struct web_req *rq)
{
	static const char *const done[][2] = {
		{"created", "自己点検を作成しました（準備中）。内容を確かめて「開始する」を押してください。"},
		{"opened", "自己点検を開始しました。回答者は回答できるようになりました。"},
		{"closed", "自己点検を終了しました。"},
		{"reminded", "未提出の回答者に督促を記録しました。"},
		{"measure", "改善措置を登録しました（是正措置として管理されます）。"},
	};
	const char *d = form_get(&rq->query, "done");
	for (size_t i = 0; d && i < sizeof done / sizeof done[0]; i++)
		if (strcmp(d, done[i][0]) == 0)
			html_printf(b, "<p class=\"ins-notice\" role=\"status\">%s</p>\n", done[i][1]);
}

static void units_table(struct buf *b, const struct inspect_web_units *u)
{
	buf_puts(b, "<section aria-labelledby=\"ins-units\"><h2 id=\"ins-units\">課ごとの進捗</h2>\n");
	if (!u->n) {
		buf_puts(b, "<p>あなたが見られる回答者はいません。</p></section>\n");
		return;
	}
	buf_puts(b, "<table class=\"list\"><thead><tr><th>課</th><th>提出 / 回答者</th><th>提出率</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < u->n; i++) {
		const struct inspect_web_unit *x = &u->v[i];
		long long pct = x->p.respondents ? x->p.submitted * 100 / x->p.respondents : 0;
		html_printf(b, "<tr><td>%s</td><td class=\"num\">%lld / %lld 人</td><td class=\"num\">%lld%%</td></tr>\n",
			    x->name, x->p.submitted, x->p.respondents, pct);
	}
	buf_puts(b, "</tbody></table></section>\n");
}

static void resp_row(struct buf *b, const struct inspect_web_resp *r)
{
	html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%lld / %lld</td><td>",
		    r->staff_no ? r->staff_no : "", r->name ? r->name : "", r->unit ? r->unit : "",
		    vocab_label(&vocab_role, r->role), r->answered, r->questions);
	if (r->submitted_at)
		layout_date(b, r->submitted_at);
	else
		buf_puts(b, "未提出");
	html_printf(b, "</td><td class=\"num\">%lld 回</td></tr>\n", r->reminders);
}

static void resps_section(struct buf *b, const struct show_q *q, const struct inspect_web_resps *l)
{
	struct buf all = BUF_INIT, pending = BUF_INIT;
	base_href(&all, q->no, "#respondents");
	base_href(&pending, q->no, "?pending=1#respondents");
	buf_puts(b, "<section aria-labelledby=\"respondents\"><h2 id=\"respondents\">回答者</h2>\n<p class=\"ins-filter\">");
	if (q->pending)
		html_printf(b, "<a href=\"%s\">すべて</a> ・ <strong>未提出のみ</strong>", buf_str(&all));
	else
		html_printf(b, "<strong>すべて</strong> ・ <a href=\"%s\">未提出のみ</a>", buf_str(&pending));
	buf_puts(b, "</p>\n");
	buf_free(&all);
	buf_free(&pending);
	html_printf(b, "<p class=\"meta\">該当 %lld 人</p>\n", l->total);
	if (l->n) {
		buf_puts(b, "<table class=\"list\"><thead><tr><th>職員番号</th><th>氏名</th><th>課</th><th>役割</th>"
			    "<th>回答</th><th>提出</th><th>督促</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < l->n; i++)
			resp_row(b, &l->v[i]);
		buf_puts(b, "</tbody></table>\n");
	}
	listui_pager(b, &(struct listui_sort){page_url, q, -1, 0}, (size_t)l->total, l->n, q->offset, INSPECT_WEB_PAGE);
	buf_puts(b, "</section>\n");
}

static void post_button(struct buf *b, const struct web_req *rq, const char *no, const char *tail, const char *label)
{
	struct buf href = BUF_INIT;
	base_href(&href, no, tail);
	html_printf(b, "<form method=\"post\" action=\"%s\" class=\"ins-inline\">", buf_str(&href));
	layout_csrf_field(b, rq);
	html_printf(b, "<button type=\"submit\">%s</button></form>\n", label);
	buf_free(&href);
}

/* The improvement measures (9.2.3) filed for the campaign: corrective
 * actions of source "inspect", a handful per campaign. */
static void measures_section(struct web_req *rq, struct buf *b, const struct inspect_campaign *c)
{
	struct corrective_filter f = {.source = "inspect"};
	struct corrective_list l;
	struct err e = {0};
	if (corrective_list(rq->db, &f, &l, &e)) {
		html_printf(b, "<p class=\"error\">改善措置を読み込めませんでした: %s</p>\n", e.msg);
		return;
	}
	buf_puts(b, "<section aria-labelledby=\"ins-measures\"><h2 id=\"ins-measures\">改善措置（9.2.3）</h2>\n");
	size_t shown = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct corrective_action *a = &l.v[i];
		if (a->campaign_id != c->id)
			continue;
		if (!shown++)
			buf_puts(b, "<table class=\"list\"><thead><tr><th>番号</th><th>課</th><th>条項</th><th>問題</th>"
				    "<th>措置</th><th>期限</th><th>状態</th></tr></thead><tbody>\n");
		const struct org_unit *u = org_unit_by_id(&rq->user->units, a->unit_id);
		struct buf href = BUF_INIT;
		buf_puts(&href, "/actions/");
		url_encode(&href, a->action_no);
		html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
			       "<td>%s</td></tr>\n",
			    buf_str(&href), a->action_no, u ? u->name : "", a->clause ? a->clause : "", a->problem,
			    a->measure, a->due_on ? a->due_on : "", corrective_state_label(a->state));
		buf_free(&href);
	}
	if (shown)
		buf_puts(b, "</tbody></table>\n");
	else
		buf_puts(b, "<p>この自己点検の改善措置はまだありません。</p>\n");
	buf_puts(b, "</section>\n");
	corrective_list_free(&l);
}

/* What the refused form had in field name ("" on a GET). */
static const char *posted(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v ? v : "";
}

static void manage_section(struct web_req *rq, struct buf *b, const struct inspect_campaign *c,
			   const struct inspect_web_units *u)
{
	struct profile p;
	struct err e = {0};
	int mail = 0, base = 0;
	if (!profile_load(rq->db, &p, &e)) {
		mail = mail_enabled(&p);
		base = p.base_url && *p.base_url;
		profile_free(&p);
	}
	buf_puts(b, "<section class=\"ins-manage\" aria-labelledby=\"ins-manage\"><h2 id=\"ins-manage\">管理</h2>\n");
	if (strcmp(c->state, "draft") == 0)
		post_button(b, rq, c->campaign_no, "/open", "開始する（回答の受付を始める）");
	if (strcmp(c->state, "open") == 0) {
		post_button(b, rq, c->campaign_no, "/close", "終了する（回答の受付を締め切る）");
		struct buf href = BUF_INIT;
		base_href(&href, c->campaign_no, "/remind");
		html_printf(b, "<h3>督促</h3><form method=\"post\" action=\"%s\" class=\"stack\">", buf_str(&href));
		layout_csrf_field(b, rq);
		buf_puts(b, "<p>未提出の回答者に督促を記録し、督促の一覧を表示します。</p>");
		if (mail)
			buf_puts(b, "<label class=\"ins-check\"><input type=\"checkbox\" name=\"mail\" value=\"1\"> "
				    "メールアドレスのある人にはメールでも督促する</label>");
		buf_puts(b, "<button type=\"submit\">督促する</button></form>\n");
		buf_reset(&href);
		base_href(&href, c->campaign_no, "/links");
		html_printf(b, "<h3>一回限りのリンク</h3><form method=\"post\" action=\"%s\" class=\"stack\">", buf_str(&href));
		layout_csrf_field(b, rq);
		buf_puts(b, "<p>サインインせずに回答できるリンクを、未提出の回答者ごとに発行します。発行し直すと、"
			    "使われていない古いリンクは使えなくなります。配布用の一覧（CSV）がダウンロードされます。</p>"
			    "<label for=\"ins-expires\">有効期限（空欄なら回答期限の7日後）</label>"
			    "<input id=\"ins-expires\" name=\"expires\" type=\"date\"");
		html_printf(b, " value=\"%s\">", posted(rq, "expires"));
		if (mail)
			buf_puts(b, "<label class=\"ins-check\"><input type=\"checkbox\" name=\"mail\" value=\"1\"> "
				    "メールアドレスのある人にはメールでも送る</label>");
		if (!base)
			buf_puts(b, "<p class=\"error\">リンクの起点となる URL が設定されていません"
				    "（mamori profile set base_url https://…）。</p>");
		buf_puts(b, "<button type=\"submit\">リンクを発行する</button></form>\n");
		buf_free(&href);
	}
	struct buf href = BUF_INIT;
	base_href(&href, c->campaign_no, "/measures");
	html_printf(b, "<h3>改善措置（9.2.3）</h3><form method=\"post\" action=\"%s\" class=\"stack\">", buf_str(&href));
	layout_csrf_field(b, rq);
	buf_puts(b, "<label for=\"ins-m-unit\">課</label><select id=\"ins-m-unit\" name=\"unit\" required>");
	for (size_t i = 0; i < u->n; i++)
		if (*u->v[i].code)
			html_printf(b, "<option value=\"%s\"%s>%s</option>", u->v[i].code,
				    strcmp(posted(rq, "unit"), u->v[i].code) == 0 ? " selected" : "", u->v[i].name);
	html_printf(b, "</select><label for=\"ins-m-clause\">条項（任意、例: 2.2.2）</label>"
		       "<input id=\"ins-m-clause\" name=\"clause\" maxlength=\"40\" value=\"%s\">"
		       "<label for=\"ins-m-problem\">見つかった問題</label>"
		       "<textarea id=\"ins-m-problem\" name=\"problem\" rows=\"3\" required>%s</textarea>"
		       "<label for=\"ins-m-measure\">改善の措置</label>"
		       "<textarea id=\"ins-m-measure\" name=\"measure\" rows=\"3\" required>%s</textarea>"
		       "<label for=\"ins-m-owner\">担当者の職員番号（空欄なら課の情報セキュリティ管理者）</label>"
		       "<input id=\"ins-m-owner\" name=\"owner\" maxlength=\"40\" value=\"%s\">"
		       "<label for=\"ins-m-due\">期限（任意）</label><input id=\"ins-m-due\" name=\"due\" type=\"date\" "
		       "value=\"%s\"><button type=\"submit\">改善措置を登録する</button></form>\n</section>\n",
		    posted(rq, "clause"), posted(rq, "problem"), posted(rq, "measure"), posted(rq, "owner"), posted(rq, "due"));
	buf_free(&href);
}

static void links_section(struct buf *b, const struct inspect_campaign *c, const struct inspect_respondents *mine)
{
	struct buf h = BUF_INIT;
	buf_puts(b, "<nav class=\"ins-links\" aria-label=\"関連\"><ul>");
	base_href(&h, c->campaign_no, "/results");
	html_printf(b, "<li><a href=\"%s\">結果（課別・章別・条項別、前年度との比較）</a></li>", buf_str(&h));
	for (size_t i = 0; i < mine->n; i++) {
		buf_reset(&h);
		base_href(&h, c->campaign_no, "/answer");
		url_param(&h, "role", mine->v[i].role);
		html_printf(b, "<li><a href=\"%s\">あなたの点検表（%s、%d / %d 問回答済み%s）</a></li>", buf_str(&h),
			    vocab_label(&vocab_role, mine->v[i].role), mine->v[i].answered, mine->v[i].questions,
			    mine->v[i].submitted_at ? "、提出済み" : "");
	}
	buf_puts(b, "</ul></nav>\n");
	buf_free(&h);
}

static long offset_of(const struct web_req *rq)
{
	const char *o = form_get(&rq->query, "offset");
	char *end = NULL;
	long v = o ? strtol(o, &end, 10) : 0;
	return o && *o && !*end && v >= 0 && v < 100000000L ? v : 0;
}

void page_inspect_show(struct web_req *rq, struct web_resp *rs)
{
	inspect_web_show(rq, rs, 200, NULL);
}

void inspect_web_show(struct web_req *rq, struct web_resp *rs, int status, const char *error)
{
	struct inspect_campaign c;
	struct inspect_scope s;
	struct err e = {0};
	if (inspect_web_campaign(rq, rs, &c, &s))
		return;
	struct show_q q = {c.campaign_no, inspect_web_pending_asked(rq), offset_of(rq)};
	struct inspect_web_overview o;
	struct inspect_respondents mine = {0};
	int rc = inspect_web_overview_load(rq->db, c.id, &s, q.pending, INSPECT_WEB_PAGE, q.offset, &o, &e);
	if (!rc)
		rc = inspect_respondents_of(rq->db, c.id, rq->user->staff.id, &mine, &e);
	if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		page_begin(rq, rs, c.title);
		rs->status = status;
		struct buf *b = &rs->body;
		flash(b, rq);
		if (error)
			html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
		summary(b, &c, &o.progress);
		if (!s.all)
			buf_puts(b, "<p class=\"note\">あなたが見られる範囲（担当する課、またはあなた自身）の回答者だけを表示しています。</p>\n");
		links_section(b, &c, &mine);
		units_table(b, &o.units);
		resps_section(b, &q, &o.resps);
		if (s.all)
			measures_section(rq, b, &c);
		if (inspect_may_manage(&rq->user->roles, rq->user->staff.id))
			manage_section(rq, b, &c, &o.units);
		layout_end(b);
	}
	inspect_respondents_free(&mine);
	inspect_web_overview_free(&o);
	inspect_scope_free(&s);
	inspect_campaign_free(&c);
}
