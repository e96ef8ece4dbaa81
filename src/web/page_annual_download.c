/*
 * page_annual_download.c — GET /annual-report/download?fy=&format= (the
 * annual report as PDF, HTML, .xlsx or JSON) and GET /annual-report/oscal
 * (?campaign= or ?audit=: OSCAL assessment results), the same bytes
 * `mamori report annual` and `mamori report oscal` write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/annual_report.h"
#include "core/oscal_results.h"
#include "util/timeutil.h"
#include "web/annual_web.h"
#include "web/fiscal_param.h"
#include "web/pages.h"
#include "web/private_tmp.h"
#include "web/response.h"
#include "web/url.h"

struct report_format {
	const char *id, *content_type;
};

static const struct report_format formats[] = {
	{"html", "text/html; charset=utf-8"},
	{"pdf", "application/pdf"},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"json", "application/json; charset=utf-8"},
};

const char *annual_web_content_type(const char *format)
{
	for (size_t i = 0; format && i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i].id, format) == 0)
			return formats[i].content_type;
	return NULL;
}

static int write_xlsx(const void *r, const char *path, struct err *e)
{
	return annual_report_xlsx(r, path, e);
}

/* The .xlsx goes through a private file: its writer takes a path. */
static int xlsx_bytes(const struct annual_report *r, struct buf *out, struct err *e)
{
	return private_tmp_bytes("annual", "report.xlsx", write_xlsx, r, out, e);
}

int annual_web_bytes(const struct annual_report *r, const char *format, struct buf *out, struct err *e)
{
	if (strcmp(format, "xlsx") == 0)
		return xlsx_bytes(r, out, e);
	return annual_report_bytes(r, format, out, e);
}

/* attachment; filename="mamori-annual-report-2026.pdf";
 * filename*=UTF-8''令和8年度_年次報告.pdf (RFC 6266). */
static char *disposition(int fy, const char *ext)
{
	struct buf b = BUF_INIT, name = BUF_INIT;
	char wareki[32];
	wareki_fiscal_year(fy, wareki, sizeof wareki);
	buf_printf(&b, "attachment; filename=\"mamori-annual-report-%d.%s\"; filename*=UTF-8''", fy, ext);
	buf_printf(&name, "%s_年次報告.%s", wareki, ext);
	url_encode(&b, buf_str(&name));
	buf_free(&name);
	return buf_take(&b);
}

static void send(struct web_resp *rs, struct buf *bytes, const char *content_type, char *disp)
{
	rs->status = 200;
	rs->content_type = content_type;
	rs->no_store = 1;
	rs->disposition = disp;
	buf_free(&rs->body);
	rs->body = *bytes;
	*bytes = (struct buf)BUF_INIT;
}

void page_annual_download(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	if (fiscal_param(rq, rs, &fy))
		return;
	const char *format = form_get(&rq->query, "format");
	const char *type = annual_web_content_type(format);
	if (!type) {
		web_error(rq, rs, 400, "bad_format", "形式（format）は pdf、html、xlsx、json のいずれかを指定してください");
		return;
	}
	struct annual_report r;
	struct err e = {0};
	struct buf bytes = BUF_INIT;
	if (annual_report_gather(rq->db, fy, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (annual_web_bytes(&r, format, &bytes, &e))
		web_internal_error(rq, rs, &e);
	else
		send(rs, &bytes, type, disposition(fy, format));
	buf_free(&bytes);
	annual_report_free(&r);
}

/* attachment; filename="oscal-results-S2026-01.json": the number is kept
 * to letters, digits and "-" so the quoted name needs no escaping. */
static char *oscal_disposition(const char *no)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "attachment; filename=\"oscal-results-");
	for (const char *p = no; *p; p++)
		buf_putc(&b, (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
				     *p == '-'
			     ? *p
			     : '_');
	buf_puts(&b, ".json\"");
	return buf_take(&b);
}

void page_annual_oscal(struct web_req *rq, struct web_resp *rs)
{
	const char *campaign = form_get(&rq->query, "campaign"), *audit = form_get(&rq->query, "audit");
	if (campaign && !*campaign)
		campaign = NULL;
	if (audit && !*audit)
		audit = NULL;
	if (!campaign == !audit) {
		web_error(rq, rs, 400, "bad_parameter",
			  "自己点検の番号（campaign）か監査の番号（audit）のどちらか一つを指定してください");
		return;
	}
	struct buf bytes = BUF_INIT;
	struct err e = {0};
	int rc = campaign ? oscal_results_campaign(rq->db, campaign, &bytes, &e)
			  : oscal_results_audit(rq->db, audit, &bytes, &e);
	if (rc == ERR_INPUT)
		web_error(rq, rs, 404, "not_found", e.msg);
	else if (rc)
		web_internal_error(rq, rs, &e);
	else
		send(rs, &bytes, "application/json; charset=utf-8", oscal_disposition(campaign ? campaign : audit));
	buf_free(&bytes);
}
