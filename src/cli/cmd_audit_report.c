/*
 * cmd_audit_report.c — `mamori [--as 職員番号] audit report AUDIT
 * [--format text|html|pdf|xlsx] [-o FILE] [--submit [--reported-on 日付]]`:
 * the audit's report to the 情報セキュリティ委員会 (9.1.5).
 *
 * With --submit the report is also recorded as handed to the committee (a
 * committee_report row carrying the SHA-256 of exactly the bytes written);
 * when that record cannot be written, the file is removed, so no report
 * exists that the record does not show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd_audit.h"
#include "core/audit_report.h"
#include "store/tx.h"
#include "util/buf.h"
#include "util/durable.h"
#include "util/sha256.h"
#include "util/timeutil.h"

static const char *format_of(const struct cli *c)
{
	switch (c->format) {
	case FMT_TEXT:
		return "text";
	case FMT_HTML:
		return "html";
	case FMT_PDF:
		return "pdf";
	case FMT_XLSX:
		return "xlsx";
	default:
		return NULL;
	}
}

/* The report's bytes for text, html and pdf; xlsx is written to path and
 * read back, so the hash is of the file as handed over. */
static int render(const struct audit_report *r, const char *format, const char *path, struct buf *out, struct err *e)
{
	char today[11];
	time_today(today);
	if (strcmp(format, "xlsx") != 0)
		return audit_report_bytes(r, format, today, out, e);
	if (audit_report_xlsx(r, today, path, e))
		return e->code;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "%s: 書き出したファイルを読めません", path);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(out, chunk, n);
	fclose(f);
	return 0;
}

struct record_args {
	const char *no, *actor, *hash, *on;
};

/* The record, in one transaction on the database already open. */
static int record(struct cli *c, const struct record_args *a)
{
	struct err e = {0};
	struct tx tx;
	if (tx_begin(&tx, c->db, c->actor, &e))
		return cli_fail(&e);
	if (audit_report_record(&tx, a->no, a->actor, a->hash, a->on, &e)) {
		tx_rollback(&tx);
		return cli_fail(&e);
	}
	if (tx_commit(&tx, &e))
		return cli_fail(&e);
	return EXIT_OK;
}

int audit_report_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"o", 1, NULL}, {"output", 1, NULL}, {"submit", 0, NULL}, {"reported-on", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	if (cli_parse("audit report", argc, argv, o, 4, pos, 1, &npos))
		return EXIT_ERROR;
	const char *path = o[0].value ? o[0].value : o[1].value, *format = format_of(c);
	if (npos != 1)
		return cli_usage("audit report: 監査番号を指定してください");
	if (!format)
		return cli_usage("audit report: 報告書の形式（--format）は text、html、pdf、xlsx のいずれかです");
	if (!path && strcmp(format, "xlsx") == 0)
		return cli_usage("audit report: xlsx は -o ファイル名 で書き出してください");
	if (!path && strcmp(format, "pdf") == 0 && isatty(STDOUT_FILENO))
		return cli_usage("audit report: PDF は -o ファイル名 で書き出してください");
	if (o[2].value && audit_cli_need_actor(c, "audit report --submit"))
		return EXIT_ERROR;
	if (o[3].value && !o[2].value)
		return cli_usage("audit report: --reported-on は --submit と一緒に指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct audit_report r;
	struct buf out = BUF_INIT;
	if (audit_report_gather(c->db, pos[0], &r, &e))
		return cli_fail(&e);
	int rc = render(&r, format, path, &out, &e);
	if (!rc && path && strcmp(format, "xlsx") != 0)
		rc = durable_write_file(path, out.data, out.len, &e);
	rc = rc ? cli_fail(&e) : EXIT_OK;
	if (rc == EXIT_OK && o[2].value) {
		char hex[65];
		sha256_hex(out.data ? out.data : "", out.len, hex);
		struct record_args a = {r.a.audit_no, c->actor_no, hex, o[3].value};
		rc = record(c, &a);
		if (rc != EXIT_OK && path)
			unlink(path);
	}
	if (rc == EXIT_OK && !path)
		cli_write(&out);
	else if (rc == EXIT_OK)
		printf("監査 %s の報告書を %s に書き出しました%s\n", r.a.audit_no, path,
		       o[2].value ? "（委員会への報告として記録しました）" : "");
	buf_free(&out);
	audit_report_free(&r);
	return rc;
}
