/*
 * incident_report_web.c — POST /incidents/{id}/report: the 第一報, 経過報告
 * or 最終報告 as HTML, PDF or .xlsx, the same bytes `mamori incident report`
 * writes for the same incident at the same time (docs/incidents.md
 * "Reports").
 *
 * Why a POST: producing a report is recorded — the CLI adds a "report" step
 * to the timeline, so the record shows which report went out when — and a
 * GET must not write.  As in the CLI, the report is built in full first and
 * the step is journaled only then; a refused report (a final report before
 * 完了, a bad kind or format) writes nothing.  Only the responders make
 * reports: they are what goes to the prefecture and 総務省.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/incident_report.h"
#include "util/timeutil.h"
#include "web/incident_action.h"
#include "web/incident_scope.h"
#include "web/incident_view.h"
#include "web/pages.h"
#include "web/private_tmp.h"
#include "web/response.h"
#include "web/url.h"
#include "web/write.h"

struct report_format {
	const char *id, *content_type;
};

static const struct report_format formats[] = {
	{"html", "text/html; charset=utf-8"},
	{"pdf", "application/pdf"},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
};

static const struct report_format *format_find(const char *id)
{
	for (size_t i = 0; id && i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i].id, id) == 0)
			return &formats[i];
	return NULL;
}

struct xlsx_args {
	const struct incident_report *r;
	const struct incident_report_people *p;
	enum incident_report_kind k;
	const char *today;
};

static int write_xlsx(const void *arg, const char *path, struct err *e)
{
	const struct xlsx_args *a = arg;
	return incident_report_xlsx(a->r, a->p, a->k, a->today, path, e);
}

/* The .xlsx goes through a private file: its writer takes a path. */
static int xlsx_bytes(const struct incident_report *r, const struct incident_report_people *p,
		      enum incident_report_kind k, const char *today, struct buf *out, struct err *e)
{
	struct xlsx_args a = {r, p, k, today};
	return private_tmp_bytes("report", "report.xlsx", write_xlsx, &a, out, e);
}

/* The report's bytes, laid out as cmd_incident_report.c's render does. */
static int render(const struct incident_report *r, const struct incident_report_people *p,
		  enum incident_report_kind k, const char *format, struct buf *out, struct err *e)
{
	char today[11];
	time_today(today);
	if (strcmp(format, "xlsx") == 0)
		return xlsx_bytes(r, p, k, today, out, e);
	return incident_report_bytes(r, p, k, format, today, out, e);
}

struct journal_args {
	long long incident_id, actor_id;
	const char *kind, *format;
};

/* The "report" step, with the body the CLI writes. */
static int do_journal(struct tx *tx, void *arg, struct err *e)
{
	struct journal_args *a = arg;
	return incident_report_journal(tx, a->incident_id, a->actor_id, a->kind, a->format, e);
}

/* attachment; filename="mamori-incident-I2026-000001-first.pdf";
 * filename*=UTF-8''I2026-000001_第一報.pdf (RFC 6266). */
static char *disposition(const char *no, enum incident_report_kind k, const char *ext)
{
	struct buf b = BUF_INIT, name = BUF_INIT;
	buf_puts(&b, "attachment; filename=\"mamori-incident-");
	/* only letters, digits and "-" in the quoted name, which old clients read */
	for (const char *p = no; *p; p++)
		buf_putc(&b, (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || *p == '-' ? *p : '_');
	buf_printf(&b, "-%s.%s\"; filename*=UTF-8''", incident_report_kind_id(k), ext);
	buf_printf(&name, "%s_%s.%s", no, incident_report_kind_label(k), ext);
	url_encode(&b, buf_str(&name));
	buf_free(&name);
	return buf_take(&b);
}

/* Gathers, checks, renders and journals; answers rs in every case. */
static void make_report(struct web_req *rq, struct web_resp *rs, const struct incident *inc,
			enum incident_report_kind k, const struct report_format *f)
{
	struct incident_report r;
	struct incident_report_people p;
	struct err e = {0};
	if (incident_report_gather(rq->db, inc->incident_no, &r, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (incident_report_allowed(&r, k, &e)) {
		incident_report_free(&r);
		if (e.code == ERR_INPUT)
			incident_page_refused(rq, rs, 409, "conflict", e.msg);
		else
			web_internal_error(rq, rs, &e);
		return;
	}
	if (incident_report_people_load(rq->db, &p, &e)) {
		incident_report_free(&r);
		web_internal_error(rq, rs, &e);
		return;
	}
	struct buf out = BUF_INIT;
	struct journal_args a = {r.inc.id, rq->user->staff.id, incident_report_kind_id(k), f->id};
	if (render(&r, &p, k, f->id, &out, &e) || web_write(rq, do_journal, &a, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		rs->status = 200;
		rs->content_type = f->content_type;
		rs->no_store = 1;
		rs->disposition = disposition(r.inc.incident_no, k, f->id);
		buf_free(&rs->body);
		rs->body = out;
		out = (struct buf)BUF_INIT;
	}
	buf_free(&out);
	incident_report_people_free(&p);
	incident_report_free(&r);
}

void page_incident_report(struct web_req *rq, struct web_resp *rs)
{
	struct incident inc;
	if (incident_find(rq, rs, rq->id, &inc))
		return;
	int kind = incident_report_kind_parse(form_get(&rq->body, "kind"));
	const struct report_format *f = format_find(form_get(&rq->body, "format"));
	if (!incident_web_is_responder(rq->user))
		incident_page_refused(rq, rs, 403, "forbidden",
				      "報告書を作成できるのは CSIRT・統括情報セキュリティ責任者・CISO・副CISO です");
	else if (kind < 0)
		incident_page_refused(rq, rs, 422, "validation",
				      "報告の種類は first（第一報）、progress（経過報告）、final（最終報告）のいずれかです");
	else if (!f)
		incident_page_refused(rq, rs, 422, "validation", "報告書の形式は html、pdf、xlsx のいずれかです");
	else
		make_report(rq, rs, &inc, (enum incident_report_kind)kind, f);
	incident_free(&inc);
}
