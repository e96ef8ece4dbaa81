/*
 * page_training_report.c — 統括の分析 and the CISO's yearly report to the
 * committee (5.2.2.6, 5.2.2.7; /training/report?fy=): the analysis as
 * tables (the trend against the previous 年度, new hires, drills, each
 * course, the score distribution), the report's downloads (?format=xlsx,
 * pdf, html, json: the bytes of `mamori training report committee`), the
 * reports recorded, and the form that records the report to the committee
 * (CISO, 副CISO).  Organisation-wide figures: the roles that see every 課.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/annual_report.h"
#include "core/training_report.h"
#include "core/training_write.h"
#include "web/fiscal_param.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/private_tmp.h"
#include "web/response.h"
#include "web/training_web.h"
#include "web/write.h"

static const struct {
	const char *format, *content_type, *ext;
} downloads[] = {
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
	{"pdf", "application/pdf", "pdf"},
	{"html", "text/html; charset=utf-8", "html"},
	{"json", "application/json", "json"},
};

static int refuse(struct web_req *rq, struct web_resp *rs)
{
	if (training_web_sees_all(rq->user))
		return 0;
	web_error(rq, rs, 403, "forbidden", "研修の分析と委員会への報告を見られるのは、CISO・副CISO・統括・監査統括と委員会の委員だけです");
	return 1;
}

static int write_xlsx(const void *r, const char *path, struct err *e)
{
	return training_report_xlsx(r, path, e);
}

/* The .xlsx goes through a private file: its writer takes a path. */
static int xlsx_bytes(const struct training_report *r, struct buf *out, struct err *e)
{
	return private_tmp_bytes("training", "training.xlsx", write_xlsx, r, out, e);
}

static int report_bytes(const struct training_report *r, const char *format, struct buf *out, struct err *e)
{
	if (strcmp(format, "xlsx") == 0)
		return xlsx_bytes(r, out, e);
	if (strcmp(format, "json") == 0) {
		struct json_writer w;
		jw_init(&w, out);
		training_report_json(&w, r);
		buf_putc(out, '\n');
		return 0;
	}
	return training_report_bytes(r, format, out, e);
}

/* Answers the download of ?format=; 0 when no format was asked for. */
static int download(struct web_req *rq, struct web_resp *rs, const struct training_report *r)
{
	const char *format = form_get(&rq->query, "format");
	struct err e = {0};
	if (!format)
		return 0;
	for (size_t k = 0; k < sizeof downloads / sizeof downloads[0]; k++) {
		if (strcmp(format, downloads[k].format) != 0)
			continue;
		if (report_bytes(r, format, &rs->body, &e)) {
			buf_reset(&rs->body);
			web_internal_error(rq, rs, &e);
			return 1;
		}
		rs->status = 200;
		rs->content_type = downloads[k].content_type;
		rs->no_store = 1;
		rs->disposition = xasprintf("attachment; filename=\"training-report-%d.%s\"", r->fiscal_year,
					    downloads[k].ext);
		return 1;
	}
	web_error(rq, rs, 400, "bad_parameter", "format は xlsx、pdf、html、json のいずれかです");
	return 1;
}

static void totals(struct buf *b, const struct training_report *r)
{
	const struct training_year *y = &r->now, *p = &r->prev;
	char prev[32];
	training_web_fy_label(p->fiscal_year, prev, sizeof prev);
	html_printf(b, "<section class=\"tr-totals\"><h2>全体（%s まで）</h2>\n<dl class=\"tr-facts\">"
		       "<dt>受講率</dt><dd>%.1f%%（%ld / %ld 人）</dd>",
		    y->as_of, training_rate(y->attended, y->staff), y->attended, y->staff);
	if (p->sessions)
		buf_printf(b, "<dt>%s</dt><dd>%.1f%%（%+.1f ポイント）</dd>", prev, training_rate(p->attended, p->staff),
			    training_rate(y->attended, y->staff) - training_rate(p->attended, p->staff));
	else
		buf_printf(b, "<dt>%s</dt><dd>記録なし</dd>", prev);
	buf_printf(b, "<dt>新規採用者</dt><dd>%ld 人（期限内に受講 %ld 人、期限超過 %ld 人）</dd>"
		       "<dt>緊急時対応訓練</dt><dd>%ld 回</dd><dt>実施回</dt><dd>%ld 回</dd></dl></section>\n",
		    y->new_hires, y->new_hires_trained, y->new_hires_overdue, y->drills, y->sessions);
}

static void courses(struct buf *b, const struct training_year *y)
{
	buf_puts(b, "<section><h2>研修別</h2>\n<table class=\"list tr-table\"><thead><tr><th scope=\"col\">研修・訓練</th>"
		    "<th scope=\"col\">回数</th><th scope=\"col\">受講者</th><th scope=\"col\">平均点</th>"
		    "<th scope=\"col\">合格率</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < y->ncourses; i++) {
		const struct training_course_stat *c = &y->courses[i];
		html_printf(b, "<tr><td>%s %s</td>", c->code, c->title);
		buf_printf(b, "<td>%ld</td><td>%ld</td>", c->sessions, c->attendees);
		if (c->scored)
			buf_printf(b, "<td>%.1f 点</td>", (double)c->score_sum / (double)c->scored);
		else
			buf_puts(b, "<td></td>");
		if (c->has_pass_mark && c->scored)
			buf_printf(b, "<td>%.1f%%</td></tr>\n", training_rate(c->passed, c->scored));
		else
			buf_puts(b, "<td></td></tr>\n");
	}
	if (!y->ncourses)
		buf_puts(b, "<tr><td colspan=\"5\">この年度の実施回はありません。</td></tr>\n");
	buf_puts(b, "</tbody></table></section>\n<section><h2>得点分布</h2>\n<table class=\"list tr-table\"><tbody>\n");
	for (int k = 0; k < TRAINING_BANDS; k++)
		buf_printf(b, "<tr><th scope=\"row\">%s</th><td>%ld 人</td></tr>\n", training_band_label(k), y->bands[k]);
	buf_puts(b, "</tbody></table></section>\n");
}

static void units(struct buf *b, const struct training_year *y)
{
	buf_puts(b, "<section><h2>課室別</h2>\n<table class=\"list tr-table\"><thead><tr><th scope=\"col\">課室</th>"
		    "<th scope=\"col\">受講率</th><th scope=\"col\">未受講</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		html_printf(b, "<tr><td>%s %s</td>", u->code, u->name);
		buf_printf(b, "<td>%.1f%%</td><td>%zu 人</td></tr>\n", training_rate(u->attended, u->staff), u->nuntrained);
	}
	buf_puts(b, "</tbody></table></section>\n");
}

static void records(struct buf *b, struct web_req *rq, int fy)
{
	struct committee_reports l;
	struct err e = {0};
	buf_puts(b, "<section class=\"tr-records\"><h2>委員会への報告（5.2.2.7）</h2>\n");
	if (committee_reports_load(rq->db, fy, "training", &l, &e) == 0) {
		if (!l.n)
			buf_puts(b, "<p>この年度の報告はまだ記録されていません。</p>\n");
		for (size_t i = 0; i < l.n; i++)
			html_printf(b, "<p>%s 報告　%s　内容の SHA-256 <code>%s</code></p>\n", l.v[i].reported_on,
				    l.v[i].note ? l.v[i].note : "", l.v[i].content_hash ? l.v[i].content_hash : "");
		committee_reports_free(&l);
	}
	if (training_web_may(rq, TRAINING_REPORT)) {
		html_printf(b, "<form method=\"post\" action=\"/training/report/record?fy=%d\" class=\"tr-inline\">", fy);
		layout_csrf_field(b, rq);
		buf_puts(b, "<label for=\"tr-on\">報告日</label><input id=\"tr-on\" type=\"date\" name=\"reported_on\">"
			    "<label for=\"tr-rnote\">備考（例: 第2回委員会）</label><input id=\"tr-rnote\" name=\"note\">"
			    "<button type=\"submit\">委員会へ報告したことを記録する</button></form>\n");
	}
	buf_puts(b, "</section>\n");
}

void page_training_report(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	struct training_report r;
	struct err e = {0};
	char label[32], title[96];
	if (fiscal_param(rq, rs, &fy) || refuse(rq, rs))
		return;
	if (training_report_gather(rq->db, fy, 0, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (!download(rq, rs, &r)) {
		training_web_fy_label(fy, label, sizeof label);
		snprintf(title, sizeof title, "研修の分析と委員会への報告 %s", label);
		page_begin(rq, rs, title);
		struct buf *b = &rs->body;
		html_printf(b, "<p class=\"crumbs\"><a href=\"/training?fy=%d\">研修・訓練</a></p>\n<h1>%s</h1>\n", fy, title);
		training_web_menu(b, rq, fy, "/training/report");
		html_printf(b, "<p class=\"tr-downloads\">委員会への報告書: <a href=\"/training/report?fy=%d&amp;format=xlsx\">Excel（.xlsx）</a>"
			       "　<a href=\"/training/report?fy=%d&amp;format=pdf\">PDF</a>"
			       "　<a href=\"/training/report?fy=%d&amp;format=html\">HTML</a>"
			       "　<a href=\"/training/report?fy=%d&amp;format=json\">JSON</a></p>\n",
			    fy, fy, fy, fy);
		totals(b, &r);
		courses(b, &r.now);
		units(b, &r.now);
		records(b, rq, fy);
		layout_end(b);
	}
	training_report_free(&r);
}

void page_training_report_record(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	struct err e = {0};
	if (fiscal_param(rq, rs, &fy))
		return;
	if (!training_web_may(rq, TRAINING_REPORT)) {
		web_error(rq, rs, 403, "forbidden", "委員会への報告を記録できるのは CISO と副CISO だけです");
		return;
	}
	const char *on = form_get(&rq->body, "reported_on"), *note = form_get(&rq->body, "note");
	struct training_reporting w = {rq->user->staff.staff_no, on && *on ? on : NULL, note && *note ? note : NULL, fy, ""};
	if (web_write(rq, training_report_record_write, &w, &e) == 0) {
		char *to = xasprintf("/training/report?fy=%d", fy);
		web_redirect(rs, to);
		free(to);
	} else {
		training_web_refused(rq, rs, &e);
	}
}
