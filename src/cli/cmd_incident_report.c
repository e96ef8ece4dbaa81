/*
 * cmd_incident_report.c — `mamori incident report NO --kind first|progress|final
 * [--format html|pdf|xlsx] [-o FILE]` (docs/incidents.md "Reports").
 *
 * The report is built in full before anything is written; a refused report
 * (a final report before 完了, a bad kind or format) writes no file and no
 * journal entry.  Producing a report adds a "report" step to the incident's
 * timeline, so the record shows which report went out when.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_doc.h"
#include "core/incident_report.h"
#include "core/staff.h"
#include "store/tx.h"
#include "util/durable.h"
#include "util/timeutil.h"

struct journal_arg {
	long long incident_id;
	const char *actor_no, *kind, *format;
};

static int do_journal(struct tx *tx, void *arg, struct err *e)
{
	struct journal_arg *a = arg;
	long long actor = 0;
	if (a->actor_no) {
		struct staff s;
		int found;
		if (staff_find(tx->db, a->actor_no, &s, &found, e))
			return e->code;
		if (!found)
			return err_set(e, ERR_INPUT, "職員番号「%s」の職員はいません", a->actor_no);
		actor = s.id;
		staff_free(&s);
	}
	return incident_report_journal(tx, a->incident_id, actor, a->kind, a->format, e);
}

/* The journal step, in one transaction on the database already open. */
static int journal(struct cli *c, struct journal_arg *a)
{
	struct err e = {0};
	struct tx tx;
	if (tx_begin(&tx, c->db, c->actor, &e))
		return cli_fail(&e);
	if (do_journal(&tx, a, &e)) {
		tx_rollback(&tx);
		return cli_fail(&e);
	}
	if (tx_commit(&tx, &e))
		return cli_fail(&e);
	return EXIT_OK;
}

/* html|pdf|xlsx from --format; html when none was given. */
static const char *format_of(const struct cli *c)
{
	if (!c->format_given)
		return "html";
	return c->format == FMT_HTML ? "html" : c->format == FMT_PDF ? "pdf" : c->format == FMT_XLSX ? "xlsx" : NULL;
}

/* Writes the report (file or stdout); path NULL means stdout. */
static int render(const struct incident_report *r, const struct incident_report_people *p,
		  enum incident_report_kind k, const char *format, const char *path, struct err *e)
{
	char today[11];
	time_today(today);
	if (strcmp(format, "xlsx") == 0)
		return incident_report_xlsx(r, p, k, today, path, e);
	struct pdoc d;
	incident_report_document(r, p, k, today, &d);
	return cli_doc_output(&d, strcmp(format, "pdf") == 0 ? FMT_PDF : FMT_HTML, path, e);
}

int incident_report_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"kind", 1, NULL}, {"o", 1, NULL}, {"output", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("incident report", argc, argv, o, 3, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("incident report: インシデント番号を指定してください");
	int kind = incident_report_kind_parse(o[0].value);
	if (kind < 0)
		return cli_usage("incident report: --kind は first（第一報）、progress（経過報告）、final（最終報告）"
				 "のいずれかです（「%s」は使えません）", o[0].value ? o[0].value : "");
	const char *format = format_of(c);
	if (!format)
		return cli_usage("incident report: 報告書の形式は html、pdf、xlsx のいずれかです");
	const char *path = o[1].value ? o[1].value : o[2].value;
	if (!path && strcmp(format, "xlsx") == 0)
		return cli_usage("incident report: xlsx は -o ファイル名 で書き出してください");
	if (!path && strcmp(format, "pdf") == 0 && isatty(STDOUT_FILENO))
		return cli_usage("incident report: PDF は -o ファイル名 で書き出してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct err e = {0};
	struct incident_report r;
	struct incident_report_people p;
	if (incident_report_gather(c->db, pos[0], &r, &e))
		return cli_fail(&e);
	if (incident_report_allowed(&r, (enum incident_report_kind)kind, &e) ||
	    incident_report_people_load(c->db, &p, &e)) {
		incident_report_free(&r);
		return cli_fail(&e);
	}
	/* Built to a file first (stdout only after the journal), so a failed
	 * journal write leaves no report that the record does not show. */
	int rc = path ? render(&r, &p, (enum incident_report_kind)kind, format, path, &e) : 0;
	struct journal_arg a = {r.inc.id, c->actor_no, incident_report_kind_id((enum incident_report_kind)kind), format};
	if (rc) {
		if (path)
			unlink(path);
		rc = cli_fail(&e);
	} else {
		rc = journal(c, &a);
		if (rc != EXIT_OK && path)
			unlink(path);
		else if (rc == EXIT_OK && !path && render(&r, &p, (enum incident_report_kind)kind, format, NULL, &e))
			rc = cli_fail(&e);
		else if (rc == EXIT_OK && path)
			printf("%s の%sを %s に書き出しました。\n", r.inc.incident_no,
			       incident_report_kind_label((enum incident_report_kind)kind), path);
	}
	incident_report_people_free(&p);
	incident_report_free(&r);
	return rc;
}
