/*
 * cmd_report.c — `mamori report annual|oscal|history|proposal …`: the annual
 * report to the 情報セキュリティ委員会 (guideline 9.3), OSCAL assessment
 * results, and the record of what was reported (docs/annual-report.md).
 *
 * Every refusal (a bad 年度 or format, a missing -o, --record by someone
 * who may not report) comes before anything is written.  With --record the
 * file and the committee_report row go together: the file is written under
 * a scratch name, the row committed, and only then is the file put in place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd_report.h"
#include "core/annual_report.h"
#include "core/oscal_results.h"
#include "core/staff.h"
#include "store/tx.h"
#include "util/durable.h"
#include "util/sha256.h"
#include "util/timeutil.h"

/* html|pdf|xlsx|json from --format; html when none was given. */
static const char *format_of(const struct cli *c)
{
	if (!c->format_given)
		return "html";
	switch (c->format) {
	case FMT_HTML: return "html";
	case FMT_PDF: return "pdf";
	case FMT_XLSX: return "xlsx";
	case FMT_JSON: return "json";
	default: return NULL;
	}
}

static int file_hash(const char *path, char hex[65], struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "%s を読めません", path);
	struct sha256 *h = sha256_new();
	unsigned char chunk[65536];
	size_t n;
	sha256_begin(h);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sha256_update(h, chunk, n);
	int bad = ferror(f);
	fclose(f);
	sha256_end_hex(h, hex);
	sha256_free(h);
	return bad ? err_set(e, ERR_IO, "%s を読めません", path) : 0;
}

struct record_opts {
	int on;
	const char *reported_on, *note;
};

/* Writes the report to path (through a scratch file when recording) or
 * stdout, and records it when asked; nothing is left behind on failure. */
static int emit(struct cli *c, const struct annual_report *r, const char *format, const char *path,
		const struct record_opts *rec, struct err *e)
{
	struct buf bytes = BUF_INIT;
	char hex[65] = "", *scratch = path ? xasprintf("%s.part", path) : NULL;
	int rc = 0;
	if (strcmp(format, "xlsx") == 0) {
		rc = annual_report_xlsx(r, scratch, e);
		if (!rc)
			rc = file_hash(scratch, hex, e);
	} else {
		rc = annual_report_bytes(r, format, &bytes, e);
		if (!rc)
			sha256_hex(bytes.data ? bytes.data : "", bytes.len, hex);
		if (!rc && path)
			rc = durable_write_file(scratch, bytes.data ? bytes.data : "", bytes.len, e);
	}
	struct tx tx;
	int in_tx = 0;
	long long id = 0;
	if (!rc && rec->on) {
		rc = tx_begin(&tx, c->db, c->actor, e);
		in_tx = !rc;
		if (!rc)
			rc = annual_report_record(&tx, r->fiscal_year, c->actor_no, rec->reported_on, hex, rec->note, &id, e);
	}
	if (!rc && path)
		rc = durable_publish(scratch, path, e);
	if (in_tx) {
		if (rc)
			tx_rollback(&tx);
		else if ((rc = tx_commit(&tx, e)) != 0 && path)
			unlink(path);
	}
	if (rc && scratch)
		unlink(scratch);
	if (!rc && !path)
		cli_write(&bytes);
	if (!rc && path)
		printf("%s を %s に書き出しました（SHA-256 %s）%s\n", r->title, path, hex,
		       rec->on ? "。委員会への報告として記録しました" : "");
	free(scratch);
	buf_free(&bytes);
	return rc;
}

static int annual_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL},	{"o", 1, NULL},	   {"output", 1, NULL},
			  {"record", 0, NULL},	{"reported-on", 1, NULL}, {"note", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("report annual", argc, argv, o, 6, pos, 0, &npos))
		return EXIT_ERROR;
	int year = 0;
	if (cli_year("report annual", o[0].value, &year))
		return EXIT_ERROR;
	const char *format = format_of(c);
	if (!format)
		return cli_usage("report annual: 報告書の形式（--format）は html、pdf、xlsx、json のいずれかです");
	const char *path = o[1].value ? o[1].value : o[2].value;
	if (!path && strcmp(format, "xlsx") == 0)
		return cli_usage("report annual: xlsx は -o ファイル名 で書き出してください");
	if (!path && strcmp(format, "pdf") == 0 && isatty(STDOUT_FILENO))
		return cli_usage("report annual: PDF は -o ファイル名 で書き出してください");
	struct record_opts rec = {o[3].value != NULL, o[4].value, o[5].value};
	if (rec.on && !c->actor_no)
		return cli_usage("report annual: --record には報告する人の職員番号を --as で指定してください");
	if (!rec.on && (rec.reported_on || rec.note))
		return cli_usage("report annual: --reported-on と --note は --record と一緒に使います");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct err e = {0};
	struct annual_report r;
	if (!year) {
		char today[11];
		time_today(today);
		year = fiscal_year(today);
	}
	if (annual_report_gather(c->db, year, &r, &e))
		return cli_fail(&e);
	int rc = emit(c, &r, format, path, &rec, &e) ? cli_fail(&e) : EXIT_OK;
	annual_report_free(&r);
	return rc;
}

static int oscal_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"campaign", 1, NULL}, {"audit", 1, NULL}, {"o", 1, NULL}, {"output", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("report oscal", argc, argv, o, 4, pos, 0, &npos))
		return EXIT_ERROR;
	if (!o[0].value == !o[1].value)
		return cli_usage("report oscal: --campaign 自己点検の番号 か --audit 監査の番号 のどちらか一つを指定してください");
	if (c->format_given && c->format != FMT_JSON && c->format != FMT_OSCAL)
		return cli_usage("report oscal: 出力は OSCAL の JSON だけです（--format は付けないでください）");
	const char *path = o[2].value ? o[2].value : o[3].value;
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct err e = {0};
	struct buf b = BUF_INIT;
	int rc = o[0].value ? oscal_results_campaign(c->db, o[0].value, &b, &e) : oscal_results_audit(c->db, o[1].value, &b, &e);
	if (!rc && path)
		rc = durable_write_file(path, b.data, b.len, &e);
	if (rc) {
		buf_free(&b);
		return cli_fail(&e);
	}
	if (path)
		printf("OSCAL assessment-results を %s に書き出しました\n", path);
	else
		cli_write(&b);
	buf_free(&b);
	return EXIT_OK;
}

static int history_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("report history", argc, argv, o, 1, pos, 0, &npos) || report_data_format(c, "report history"))
		return EXIT_ERROR;
	int year = 0;
	if (cli_year("report history", o[0].value, &year))
		return EXIT_ERROR;
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct err e = {0};
	struct committee_reports l;
	struct staff_list staff;
	if (committee_reports_load(c->db, year, NULL, &l, &e))
		return cli_fail(&e);
	if (staff_load(c->db, "", &staff, &e)) {
		committee_reports_free(&l);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "reports", "年度,種類,報告日,報告者,SHA-256,備考");
	for (size_t i = 0; i < l.n; i++) {
		const struct committee_report *r = &l.v[i];
		const struct staff *s = staff_by_id(&staff, r->reported_by);
		char fy[24];
		fmt_int(r->fiscal_year, fy);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "content_hash", r->content_hash);
			jw_kv_int(&out.w, "fiscal_year", r->fiscal_year);
			jw_kv_string(&out.w, "kind", r->kind);
			jw_kv_string(&out.w, "note", r->note);
			jw_kv_string(&out.w, "reported_by", s ? s->staff_no : NULL);
			jw_kv_string(&out.w, "reported_on", r->reported_on);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {fy, r->kind, r->reported_on, s ? s->name : "", r->content_hash, r->note};
			for (size_t k = 0; k < 6; k++)
				buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 5);
		} else {
			buf_printf(&out.b, "%s\t%s\t%s\t%s\t%s\n", fy, r->kind, r->reported_on, s ? s->name : "",
				   r->content_hash ? r->content_hash : "");
		}
	}
	list_end(&out);
	staff_list_free(&staff);
	committee_reports_free(&l);
	return EXIT_OK;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"annual", annual_cmd},
		{"oscal", oscal_cmd},
		{"history", history_cmd},
		{"proposal", report_proposal_cmd},
	};
	return cli_dispatch(c, "report", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
