/*
 * page_annual_record.c — POST /annual-report/record: records that the
 * 年度's report went to the 情報セキュリティ委員会 (a committee_report row of
 * kind "annual" with the SHA-256 of the report's bytes in the chosen
 * format), as `mamori report annual --record` does; and the history of what
 * was reported, shown on the report's page.
 *
 * Only formats whose bytes do not change from one download to the next are
 * offered (PDF, HTML, JSON: the .xlsx zip carries times), so the file the
 * person downloads that day has the recorded hash.
 */
#include <stdio.h>
#include <string.h>

#include "core/annual_report.h"
#include "util/sha256.h"
#include "util/timeutil.h"
#include "web/annual_web.h"
#include "web/case_view.h"
#include "web/fiscal_param.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/write.h"

struct record_args {
	int fy;
	const char *actor_no, *reported_on, *hash, *note;
};

static int do_record(struct tx *tx, void *arg, struct err *e)
{
	struct record_args *a = arg;
	long long id = 0;
	return annual_report_record(tx, a->fy, a->actor_no, a->reported_on, a->hash, a->note, &id, e);
}

static const char *field(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v && *v ? v : NULL;
}

/* The bytes' hash, then the row; ERR_INPUT from the core is the person's input. */
static int record(struct web_req *rq, int fy, const char *format, struct err *e)
{
	struct annual_report r;
	struct buf bytes = BUF_INIT;
	char hex[65];
	if (annual_report_gather(rq->db, fy, &r, e))
		return e->code;
	int rc = annual_web_bytes(&r, format, &bytes, e);
	annual_report_free(&r);
	if (rc) {
		buf_free(&bytes);
		return rc;
	}
	sha256_hex(bytes.data ? bytes.data : "", bytes.len, hex);
	buf_free(&bytes);
	struct record_args a = {fy, rq->user->staff.staff_no, field(rq, "reported_on"), hex, field(rq, "note")};
	return web_write(rq, do_record, &a, e);
}

void page_annual_record(struct web_req *rq, struct web_resp *rs)
{
	int fy = 0;
	const char *fy_text = field(rq, "fy"), *format = field(rq, "format");
	if (!fy_text || fiscal_year_parse(fy_text, &fy)) {
		annual_page_render(rq, rs, fiscal_param_current(), 422, "年度を読めません（2026、令和8年度 など）", &rq->body);
		return;
	}
	if (!annual_report_may(&rq->user->roles, rq->user->staff.id)) {
		web_error(rq, rs, 403, "forbidden", "委員会への報告は CISO、副CISO、統括情報セキュリティ責任者が記録します");
		return;
	}
	if (!format || (strcmp(format, "pdf") != 0 && strcmp(format, "html") != 0 && strcmp(format, "json") != 0)) {
		annual_page_render(rq, rs, fy, 422, "形式は pdf、html、json のいずれかを選んでください", &rq->body);
		return;
	}
	struct err e = {0};
	int rc = record(rq, fy, format, &e);
	if (rc == ERR_INPUT) {
		annual_page_render(rq, rs, fy, 422, e.msg, &rq->body);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		char loc[64];
		snprintf(loc, sizeof loc, "/annual-report?fy=%d&r=recorded", fy);
		web_redirect(rs, loc);
	}
}

void annual_page_history(struct web_req *rq, struct buf *b, int fy)
{
	struct committee_reports l;
	struct err e = {0};
	buf_puts(b, "<section aria-labelledby=\"ar-hist\"><h2 id=\"ar-hist\">委員会への報告の記録</h2>\n");
	if (committee_reports_load(rq->db, fy, "annual", &l, &e)) {
		html_printf(b, "<p class=\"error\">記録を読み込めませんでした：%s</p>\n</section>\n", e.msg);
		return;
	}
	if (!l.n) {
		buf_puts(b, "<p>この年度の報告の記録はまだありません。</p>\n</section>\n");
		committee_reports_free(&l);
		return;
	}
	struct case_view_refs refs;
	int named = case_view_refs_load(rq->db, &refs, &e) == 0;
	struct buf who = BUF_INIT;
	buf_puts(b, "<table class=\"list ar-history\"><thead><tr><th scope=\"col\">報告日</th><th scope=\"col\">報告者</th>"
		    "<th scope=\"col\">SHA-256</th><th scope=\"col\">備考</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < l.n; i++) {
		const struct committee_report *c = &l.v[i];
		buf_puts(b, "<tr><td>");
		layout_date(b, c->reported_on);
		html_printf(b, "</td><td>%s</td><td><code class=\"ar-hash\">%s</code></td><td>%s</td></tr>\n",
			    named ? case_view_person(&refs, c->reported_by, &who) : "", c->content_hash ? c->content_hash : "",
			    c->note ? c->note : "");
	}
	buf_puts(b, "</tbody></table>\n</section>\n");
	buf_free(&who);
	if (named)
		case_view_refs_free(&refs);
	committee_reports_free(&l);
}
