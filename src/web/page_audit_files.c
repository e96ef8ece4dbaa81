/*
 * page_audit_files.c — the files of one audit: an evidence file or working
 * paper, exactly the stored bytes after core has checked them against the
 * recorded SHA-256 (a missing or altered blob is refused, never served),
 * and the report to the committee in the bytes `mamori audit report` writes
 * for the same format (text, html, pdf; the .xlsx too, but for its zip
 * times).  Only for those who may see the
 * audit; the file is always an attachment of type octet-stream, so that an
 * uploaded HTML file is never rendered inside mamori's origin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_report.h"
#include "util/timeutil.h"
#include "web/audit_web.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/typed_input.h"
#include "web/private_tmp.h"
#include "web/url.h"

/* attachment; filename="ascii-only"; filename*=UTF-8''<name> (RFC 6266). */
static char *disposition(const char *fallback_prefix, const char *name)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "attachment; filename=\"%s", fallback_prefix);
	const char *dot = strrchr(name, '.');
	/* old clients read only the quoted name: keep the extension when it is plain */
	if (dot && strlen(dot) <= 8) {
		buf_putc(&b, '.');
		for (const char *p = dot + 1; *p; p++)
			buf_putc(&b, (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ? *p : '_');
	}
	buf_puts(&b, "\"; filename*=UTF-8''");
	url_encode(&b, name);
	return buf_take(&b);
}

void page_audit_evidence_get(struct web_req *rq, struct web_resp *rs)
{
	struct audit a;
	struct audit_evidence ev;
	struct err e = {0};
	unsigned char *data = NULL;
	size_t len = 0;
	if (audit_web_find(rq, rs, rq->id, &a))
		return;
	long long id = typed_decimal_id(form_get(&rq->query, "id"));
	memset(&ev, 0, sizeof ev);
	if (id <= 0) {
		web_error(rq, rs, 404, "not_found", "証跡が見つかりません");
	} else if (audit_evidence_get(rq->db, a.audit_no, id, &data, &len, &ev, &e)) {
		if (e.code == ERR_INPUT)
			web_error(rq, rs, 404, "not_found", "証跡が見つかりません");
		else if (e.code == ERR_TAMPER)
			web_error(rq, rs, 409, "tampered", e.msg);
		else
			web_internal_error(rq, rs, &e);
	} else {
		char prefix[64];
		snprintf(prefix, sizeof prefix, "mamori-evidence-%lld", id);
		rs->status = 200;
		rs->content_type = "application/octet-stream";
		rs->no_store = 1;
		rs->disposition = disposition(prefix, ev.filename ? ev.filename : "evidence");
		buf_reset(&rs->body);
		buf_append(&rs->body, data, len);
		audit_evidence_free(&ev);
	}
	free(data);
	audit_free(&a);
}

static const struct {
	const char *id, *ext, *type;
} formats[] = {{"text", "md", "text/markdown; charset=utf-8"},
	       {"html", "html", "text/html; charset=utf-8"},
	       {"pdf", "pdf", "application/pdf"},
	       {"xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};

/* The report's bytes: text, html and pdf directly; xlsx written to a
 * private directory and read back, as the CLI writes it to a file. */
struct xlsx_args {
	const struct audit_report *r;
	const char *today;
};

static int write_xlsx(const void *arg, const char *path, struct err *e)
{
	const struct xlsx_args *a = arg;
	return audit_report_xlsx(a->r, a->today, path, e);
}

static int render(const struct audit_report *r, const char *format, const char *today, struct buf *out,
		  struct err *e)
{
	if (strcmp(format, "xlsx") != 0)
		return audit_report_bytes(r, format, today, out, e);
	struct xlsx_args a = {r, today};
	return private_tmp_bytes("audit", "report.xlsx", write_xlsx, &a, out, e);
}

void page_audit_report(struct web_req *rq, struct web_resp *rs)
{
	struct audit a;
	struct audit_report r;
	struct err e = {0};
	const char *want = form_get(&rq->query, "format");
	size_t k = 0;
	while (k < sizeof formats / sizeof formats[0] && !(want && strcmp(want, formats[k].id) == 0))
		k++;
	if (audit_web_find(rq, rs, rq->id, &a))
		return;
	if (k == sizeof formats / sizeof formats[0]) {
		web_error(rq, rs, 400, "bad_parameter", "報告書の形式（format）は text、html、pdf、xlsx のいずれかです");
		audit_free(&a);
		return;
	}
	if (audit_report_gather(rq->db, a.audit_no, &r, &e)) {
		web_internal_error(rq, rs, &e);
		audit_free(&a);
		return;
	}
	char today[11];
	struct buf out = BUF_INIT;
	time_today(today);
	if (render(&r, formats[k].id, today, &out, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		char prefix[64], name[96];
		snprintf(prefix, sizeof prefix, "mamori-audit-%s", a.audit_no);
		snprintf(name, sizeof name, "%s_監査報告書.%s", a.audit_no, formats[k].ext);
		rs->status = 200;
		/* the HTML report is a document to keep, not a page of mamori: download it */
		rs->content_type = formats[k].type;
		rs->no_store = 1;
		rs->disposition = disposition(prefix, name);
		buf_free(&rs->body);
		rs->body = out;
		out = (struct buf)BUF_INIT;
	}
	buf_free(&out);
	audit_report_free(&r);
	audit_free(&a);
}
