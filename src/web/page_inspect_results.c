/*
 * page_inspect_results.c — /inspect/{id}/results: the counts of a campaign
 * by 課, chapter and clause beside the previous 年度 (inspect_results_load
 * with the person's scope: one streamed pass over the answers in core),
 * and /inspect/{id}/download?format=xlsx|pdf|html|oscal: the same bytes as
 * `inspect results --format xlsx`, `inspect report --format pdf|html` and
 * `report oscal --campaign`.  The report and OSCAL describe the whole
 * campaign, so only those who see every respondent may download them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/oscal_results.h"
#include "util/timeutil.h"
#include "web/inspect_web.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/private_tmp.h"
#include "web/response.h"
#include "web/url.h"

static void rate_cell(struct buf *b, double rate)
{
	if (rate < 0)
		buf_puts(b, "<td class=\"num\">—</td>");
	else
		buf_printf(b, "<td class=\"num\">%.1f%%</td>", rate * 100.0); /* a number: nothing to escape */
}

static void count_row(struct buf *b, const struct inspect_count *k, int with_key)
{
	buf_puts(b, "<tr>");
	if (with_key)
		html_printf(b, "<td>%s</td><td>%s</td>", k->key ? k->key : "", k->label ? k->label : "");
	for (int i = 0; i < NANS; i++)
		html_printf(b, "<td class=\"num\">%lld</td>", k->n[i]);
	rate_cell(b, k->rate);
	rate_cell(b, k->prev_rate);
	buf_puts(b, "</tr>\n");
}

static void counts_table(struct buf *b, const char *id, const char *title, const char *key, const char *label,
			 const struct inspect_counts *l)
{
	html_printf(b, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>\n", id, id, title);
	if (!l->n) {
		buf_puts(b, "<p>まだ数えるものがありません。</p></section>\n");
		return;
	}
	html_printf(b, "<div class=\"ins-scroll\"><table class=\"list ins-results\"><thead><tr><th>%s</th><th>%s</th>"
		       "<th>実施</th><th>一部実施</th><th>未実施</th><th>該当なし</th><th>未回答</th><th>実施率</th>"
		       "<th>前年度</th></tr></thead><tbody>\n",
		    key, label);
	for (size_t i = 0; i < l->n; i++)
		count_row(b, &l->v[i], 1);
	buf_puts(b, "</tbody></table></div></section>\n");
}

static void downloads(struct buf *b, const char *no, int all)
{
	static const char *const formats[][2] = {
		{"xlsx", "結果（Excel、課別・章別・条項別）"},
		{"pdf", "委員会への報告（PDF）"},
		{"html", "委員会への報告（HTML）"},
		{"oscal", "OSCAL assessment-results（JSON）"},
	};
	buf_puts(b, "<section aria-labelledby=\"ins-dl\"><h2 id=\"ins-dl\">ダウンロード</h2><ul>");
	for (size_t i = 0; i < (all ? 4u : 1u); i++) {
		struct buf h = BUF_INIT;
		buf_puts(&h, "/inspect/");
		url_encode(&h, no);
		buf_puts(&h, "/download");
		url_param(&h, "format", formats[i][0]);
		html_printf(b, "<li><a href=\"%s\">%s</a></li>", buf_str(&h), formats[i][1]);
		buf_free(&h);
	}
	buf_puts(b, "</ul></section>\n");
}

void page_inspect_results(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_campaign c;
	struct inspect_scope s;
	struct inspect_results r;
	struct err e = {0};
	if (inspect_web_campaign(rq, rs, &c, &s))
		return;
	if (inspect_results_load(rq->db, c.campaign_no, &s, &r, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		char *title = xasprintf("%s の結果", c.title);
		page_begin(rq, rs, title);
		free(title);
		struct buf *b = &rs->body;
		struct buf back = BUF_INIT;
		buf_puts(&back, "/inspect/");
		url_encode(&back, c.campaign_no);
		html_printf(b, "<p><a href=\"%s\">← %s</a></p>\n<h1>%s の結果</h1>\n", buf_str(&back), c.campaign_no,
			    c.title);
		buf_free(&back);
		html_printf(b, "<p class=\"meta\">回答者 %lld 人（提出 %lld 人）。比較する前年度: %s</p>\n"
			       "<p class=\"note\">実施率 = (実施 + 一部実施 × 0.5) ÷ (実施 + 一部実施 + 未実施)。"
			       "該当なしと未回答は率に含めません。</p>\n",
			    r.respondents, r.submitted, r.prev_no ? r.prev_no : "なし");
		if (!s.all)
			buf_puts(b, "<p class=\"note\">あなたが見られる範囲（担当する課、またはあなた自身）の回答だけを数えています。</p>\n");
		buf_puts(b, "<section aria-labelledby=\"ins-total\"><h2 id=\"ins-total\">全体</h2><table class=\"list ins-results\">"
			    "<thead><tr><th>実施</th><th>一部実施</th><th>未実施</th><th>該当なし</th><th>未回答</th>"
			    "<th>実施率</th><th>前年度</th></tr></thead><tbody>\n");
		count_row(b, &r.total, 0);
		buf_puts(b, "</tbody></table></section>\n");
		counts_table(b, "ins-by-unit", "課別", "課コード", "課", &r.by_unit);
		counts_table(b, "ins-by-chapter", "章別", "章", "表題", &r.by_chapter);
		counts_table(b, "ins-by-clause", "条項別", "条項", "表題", &r.by_clause);
		downloads(b, c.campaign_no, s.all);
		layout_end(b);
		inspect_results_free(&r);
	}
	inspect_scope_free(&s);
	inspect_campaign_free(&c);
}

static int write_xlsx(const void *arg, const char *path, struct err *e)
{
	return inspect_results_xlsx(arg, path, e);
}

/* The .xlsx goes through a private file: its writer takes a path. */
static int xlsx_bytes(const struct inspect_results *r, struct buf *out, struct err *e)
{
	return private_tmp_bytes("inspect", "results.xlsx", write_xlsx, r, out, e);
}

static int whole_report(struct web_req *rq, const char *no, const char *format, struct buf *out, struct err *e)
{
	struct inspect_results r;
	char today[11];
	if (inspect_results_load(rq->db, no, NULL, &r, e))
		return e->code;
	time_today(today);
	int rc = inspect_report_bytes(rq->db, &r, format, today, out, e);
	inspect_results_free(&r);
	return rc;
}

static int scoped_xlsx(struct web_req *rq, const char *no, const struct inspect_scope *s, struct buf *out,
		       struct err *e)
{
	struct inspect_results r;
	if (inspect_results_load(rq->db, no, s, &r, e))
		return e->code;
	int rc = xlsx_bytes(&r, out, e);
	inspect_results_free(&r);
	return rc;
}

void page_inspect_download(struct web_req *rq, struct web_resp *rs)
{
	static const char *const kinds[][3] = {
		{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "results.xlsx"},
		{"pdf", "application/pdf", "report.pdf"},
		{"html", "text/html; charset=utf-8", "report.html"},
		{"oscal", "application/json; charset=utf-8", "assessment-results.json"},
	};
	struct inspect_campaign c;
	struct inspect_scope s;
	struct err e = {0};
	const char *format = form_get(&rq->query, "format");
	size_t k = 0;
	while (format && k < 4 && strcmp(format, kinds[k][0]) != 0)
		k++;
	if (!format || k == 4) {
		web_error(rq, rs, 400, "bad_parameter", "format は xlsx、pdf、html、oscal のいずれかで指定してください");
		return;
	}
	if (inspect_web_campaign(rq, rs, &c, &s))
		return;
	int rc = 0;
	if (k > 0 && !s.all) {
		web_error(rq, rs, 403, "forbidden", "報告書と OSCAL は、すべての回答者を見られる人だけがダウンロードできます");
	} else {
		struct buf body = BUF_INIT;
		if (k == 0)
			rc = scoped_xlsx(rq, c.campaign_no, &s, &body, &e);
		else if (k == 3)
			rc = oscal_results_campaign(rq->db, c.campaign_no, &body, &e);
		else
			rc = whole_report(rq, c.campaign_no, kinds[k][0], &body, &e);
		if (rc) {
			web_internal_error(rq, rs, &e);
		} else {
			rs->status = 200;
			rs->content_type = kinds[k][1];
			rs->no_store = 1;
			rs->disposition = xasprintf("attachment; filename=\"inspect-%s-%s\"", c.campaign_no, kinds[k][2]);
			buf_free(&rs->body);
			rs->body = body;
			body = (struct buf)BUF_INIT;
		}
		buf_free(&body);
	}
	inspect_scope_free(&s);
	inspect_campaign_free(&c);
}
