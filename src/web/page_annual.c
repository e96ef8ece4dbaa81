/*
 * page_annual.c — GET /annual-report?fy=: the annual report to the
 * 情報セキュリティ委員会 (guideline 9.3) shown in the page, with its
 * downloads, the OSCAL results of the 年度's campaigns and audits, the form
 * that records it as reported and the history of what was reported.
 *
 * The sections are the core's own (annual_report_html_body), so the page,
 * the files and `mamori report annual` always say the same thing; their
 * charts are SVG with presentation attributes only, which the CSP allows.
 */
#include <stdio.h>
#include <string.h>

#include "core/annual_report.h"
#include "core/audit.h"
#include "core/inspect.h"
#include "util/timeutil.h"
#include "web/annual_web.h"
#include "web/fiscal_param.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/url.h"

static void year_picker(struct buf *b, int fy)
{
	char prev[32], next[32];
	wareki_fiscal_year(fy - 1, prev, sizeof prev);
	wareki_fiscal_year(fy + 1, next, sizeof next);
	html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/annual-report\">"
		       "<label for=\"ar-fy\">年度</label><input id=\"ar-fy\" name=\"fy\" value=\"%d\" size=\"8\">"
		       "<button type=\"submit\">表示</button></form>\n",
		    fy);
	html_printf(b, "<p class=\"ar-years\"><a href=\"/annual-report?fy=%d\">← %s</a>　"
		       "<a href=\"/annual-report?fy=%d\">%s →</a></p>\n",
		    fy - 1, prev, fy + 1, next);
}

static void downloads(struct buf *b, int fy)
{
	static const char *const fmts[] = {"pdf", "html", "xlsx", "json"};
	static const char *const labels[] = {"PDF", "HTML（印刷用の一つのファイル）", "Excel（.xlsx、節ごとのシート）",
					     "JSON"};
	buf_puts(b, "<section class=\"ar-downloads\" aria-labelledby=\"ar-dl\"><h2 id=\"ar-dl\">ダウンロード</h2>\n"
		    "<ul class=\"actions\">");
	for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		html_printf(b, "<li><a href=\"/annual-report/download?fy=%d&amp;format=%s\">%s</a></li>", fy, fmts[i],
			    labels[i]);
	buf_puts(b, "</ul>\n<p class=\"note\">どの形式も <code>mamori report annual</code> と同じ内容です。"
		    "点検（check）の指摘は作成した時点の状態です。</p>\n</section>\n");
}

static void oscal_link(struct buf *b, const char *kind, const char *no, const char *title, const char *state)
{
	struct buf href = BUF_INIT;
	html_printf(&href, "/annual-report/oscal?%s=", kind);
	url_encode(&href, no);
	html_printf(b, "<li><a href=\"%s\">%s</a>　%s（%s）</li>\n", buf_str(&href), no, title, state);
	buf_free(&href);
}

/* The 年度's campaigns and audits, each a link to its OSCAL results. */
static int oscal_section(struct web_req *rq, struct buf *b, int fy, struct err *e)
{
	struct inspect_campaigns c;
	struct audit_list a;
	struct audit_filter f = {.fiscal_year = fy};
	if (inspect_campaigns_load(rq->db, fy, &c, e))
		return e->code;
	if (audit_list_load(rq->db, &f, &a, e)) {
		inspect_campaigns_free(&c);
		return e->code;
	}
	buf_puts(b, "<section aria-labelledby=\"ar-oscal\"><h2 id=\"ar-oscal\">OSCAL の評価結果（assessment-results）</h2>\n");
	if (!c.n && !a.n)
		buf_puts(b, "<p>この年度の自己点検と監査はありません。</p>\n");
	else
		buf_puts(b, "<p class=\"note\">自己点検・監査の結果を OSCAL 1.1.3 の JSON で取り出せます"
			    "（<code>mamori report oscal</code> と同じ内容）。</p>\n<ul class=\"ar-oscal\">\n");
	for (size_t i = 0; i < c.n; i++)
		oscal_link(b, "campaign", c.v[i].campaign_no, c.v[i].title, inspect_state_label(c.v[i].state));
	for (size_t i = 0; i < a.n; i++)
		oscal_link(b, "audit", a.v[i].audit_no, a.v[i].title, audit_state_label(a.v[i].state));
	if (c.n || a.n)
		buf_puts(b, "</ul>\n");
	buf_puts(b, "</section>\n");
	inspect_campaigns_free(&c);
	audit_list_free(&a);
	return 0;
}

static const char *kept_value(const struct form *kept, const char *name, const char *def)
{
	const char *v = kept ? form_get(kept, name) : NULL;
	return v ? v : def;
}

static void record_form(struct web_req *rq, struct buf *b, int fy, const char *error, const struct form *kept)
{
	static const char *const fmts[] = {"pdf", "html", "json"};
	static const char *const labels[] = {"PDF", "HTML", "JSON"};
	const char *fmt = kept_value(kept, "format", "pdf");
	buf_puts(b, "<section class=\"ar-record\" aria-labelledby=\"ar-rec\"><h2 id=\"ar-rec\">委員会への報告を記録する</h2>\n"
		    "<p class=\"note\">委員会に提出した日と形式を記録します。記録には、その形式のファイルの SHA-256 が残ります"
		    "（同じ日に同じ形式でダウンロードしたファイルと一致します）。</p>\n");
	if (error)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
	buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/annual-report/record\">");
	layout_csrf_field(b, rq);
	html_printf(b, "<input type=\"hidden\" name=\"fy\" value=\"%d\">", fy);
	buf_puts(b, "<label for=\"ar-format\">形式</label><select id=\"ar-format\" name=\"format\">");
	for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		html_printf(b, strcmp(fmt, fmts[i]) == 0 ? "<option value=\"%s\" selected>%s</option>"
							 : "<option value=\"%s\">%s</option>",
			    fmts[i], labels[i]);
	html_printf(b, "</select><label for=\"ar-on\">報告日（空欄なら今日）</label>"
		       "<input id=\"ar-on\" name=\"reported_on\" value=\"%s\" placeholder=\"2026-07-10\">"
		       "<label for=\"ar-note\">備考（例: 第2回委員会）</label>"
		       "<input id=\"ar-note\" name=\"note\" value=\"%s\">"
		       "<button type=\"submit\">報告したことを記録する</button></form>\n</section>\n",
		    kept_value(kept, "reported_on", ""), kept_value(kept, "note", ""));
}

void annual_page_render(struct web_req *rq, struct web_resp *rs, int fy, int status, const char *error,
			const struct form *kept)
{
	struct annual_report r;
	struct err e = {0};
	if (annual_report_gather(rq->db, fy, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, r.title);
	rs->status = status;
	struct buf *b = &rs->body;
	html_printf(b, "<h1>%s</h1>\n<p class=\"meta\">%s　情報セキュリティ委員会 報告資料（ガイドライン 9.3）　作成日 ",
		    r.title, r.municipality);
	layout_date(b, r.today);
	buf_puts(b, "</p>\n");
	const char *done = form_get(&rq->query, "r");
	if (done && strcmp(done, "recorded") == 0)
		buf_puts(b, "<p class=\"ok\" role=\"status\">委員会への報告として記録しました。</p>\n");
	year_picker(b, fy);
	buf_puts(b, "<p><a href=\"/proposals\">ポリシー改定の提案</a></p>\n");
	downloads(b, fy);
	if (oscal_section(rq, b, fy, &e))
		html_printf(b, "<p class=\"error\">自己点検・監査を読み込めませんでした：%s</p>\n", e.msg);
	if (annual_report_may(&rq->user->roles, rq->user->staff.id))
		record_form(rq, b, fy, error, kept);
	annual_page_history(rq, b, fy);
	buf_puts(b, "<div class=\"ar-report\">\n");
	annual_report_html_body(&r, b);
	buf_puts(b, "</div>\n");
	layout_end(b);
	annual_report_free(&r);
}

void page_annual_report(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	if (fiscal_param(rq, rs, &fy))
		return;
	annual_page_render(rq, rs, fy, 200, NULL, NULL);
}
