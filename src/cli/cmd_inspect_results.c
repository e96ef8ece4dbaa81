/*
 * cmd_inspect_results.c — `inspect results NO [--by unit|chapter|clause]
 * [-o FILE]` (text, json, csv, xlsx), `inspect report NO --format
 * text|html|pdf [-o FILE] [--record [--reported-on DATE]]` (the summary to
 * the committee, 9.2.2) and `inspect measure add NO …` (9.2.3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cli.h"
#include "cli/cmd_inspect.h"
#include "core/inspect.h"
#include "core/inspect_write.h"
#include "core/org.h"
#include "core/role.h"
#include "core/staff.h"
#include "store/tx.h"
#include "util/durable.h"
#include "util/sha256.h"
#include "util/timeutil.h"

static void percent(double rate, char out[16])
{
	if (rate < 0)
		snprintf(out, 16, "—");
	else
		snprintf(out, 16, "%.1f%%", rate * 100);
}

static void text_rows(struct buf *b, const char *heading, const struct inspect_counts *c)
{
	buf_printf(b, "\n%s\n", heading);
	for (size_t i = 0; i < c->n; i++) {
		const struct inspect_count *k = &c->v[i];
		char now[16], prev[16];
		percent(k->rate, now);
		percent(k->prev_rate, prev);
		buf_printf(b, "  %-10s %s\t実施率 %s（前年度 %s）\t実施 %lld 一部 %lld 未実施 %lld 該当なし %lld 未回答 %lld\n",
			   k->key, k->label, now, prev, k->n[ANS_DONE], k->n[ANS_PARTIAL], k->n[ANS_NOT_DONE], k->n[ANS_NA],
			   k->n[ANS_NONE]);
	}
}

static void csv_rows(struct buf *b, const char *kind, const struct inspect_counts *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct inspect_count *k = &c->v[i];
		char n[NANS][24], rate[16], prev[16];
		for (int a = 0; a < NANS; a++)
			snprintf(n[a], sizeof n[a], "%lld", k->n[a]);
		if (k->rate >= 0)
			snprintf(rate, sizeof rate, "%.3f", k->rate);
		else
			rate[0] = '\0';
		if (k->prev_rate >= 0)
			snprintf(prev, sizeof prev, "%.3f", k->prev_rate);
		else
			prev[0] = '\0';
		const char *cells[] = {kind, k->key, k->label, n[0], n[1], n[2], n[3], n[4], rate, prev};
		for (size_t j = 0; j < 10; j++)
			buf_csv_field(b, cells[j], j == 9);
	}
}

/* --by: which tables to print (all three when not given). */
static int by_choice(const char *by, int *mask)
{
	if (!by) {
		*mask = 7;
		return 0;
	}
	static const char *const names[] = {"unit", "chapter", "clause"};
	static const char *const labels[] = {"課", "章", "条項"};
	for (int i = 0; i < 3; i++)
		if (strcmp(by, names[i]) == 0 || strcmp(by, labels[i]) == 0) {
			*mask = 1 << i;
			return 0;
		}
	return -1;
}

/* With --as, the results the person may see (inspect_scope_of): all, the
 * 課 they manage, or their own answers; without it, all (the CLI's
 * operator is trusted, as elsewhere). */
static int results_load(struct cli *c, const char *no, struct inspect_results *r, struct err *e)
{
	if (!c->actor_no)
		return inspect_results_load(c->db, no, NULL, r, e);
	struct staff s;
	struct role_assignments roles;
	struct org_units units;
	struct inspect_scope scope;
	if (staff_current(c->db, c->actor_no, "閲覧者", "--as", &s, e))
		return e->code;
	int rc = role_load(c->db, 1, &roles, e);
	if (!rc) {
		rc = org_units_load(c->db, &units, e);
		if (!rc) {
			inspect_scope_of(&roles, &units, s.id, &scope);
			rc = inspect_results_load(c->db, no, &scope, r, e);
			inspect_scope_free(&scope);
			org_units_free(&units);
		}
		role_assignments_free(&roles);
	}
	staff_free(&s);
	return rc;
}

int inspect_results_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"by", 1, NULL}, {"o", 1, NULL}};
	char *pos[1];
	int npos, mask;
	struct err e = {0};
	struct inspect_results r;
	if (cli_parse("inspect results", argc, argv, o, 2, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("inspect results: 自己点検の番号を指定してください");
	if (by_choice(o[0].value, &mask))
		return cli_usage("inspect results: --by は unit、chapter、clause のいずれかです（「%s」）", o[0].value);
	if (c->format == FMT_XLSX && !o[1].value)
		return cli_usage("inspect results: .xlsx は -o ファイル名 で書き出します");
	if (c->format != FMT_TEXT && c->format != FMT_JSON && c->format != FMT_CSV && c->format != FMT_XLSX)
		return cli_usage("inspect results: --format は text、json、csv、xlsx のいずれかです");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (results_load(c, pos[0], &r, &e))
		return cli_fail(&e);
	struct buf b = BUF_INIT;
	int rc = 0;
	const struct inspect_counts *tables[] = {&r.by_unit, &r.by_chapter, &r.by_clause};
	static const char *const kinds[] = {"課", "章", "条項"};
	if (c->format == FMT_XLSX) {
		rc = inspect_results_xlsx(&r, o[1].value, &e);
	} else if (c->format == FMT_JSON) {
		inspect_results_json(&r, &b);
		buf_putc(&b, '\n');
	} else if (c->format == FMT_CSV) {
		buf_puts(&b, "区分,キー,名称,実施,一部実施,未実施,該当なし,未回答,実施率,前年度の実施率\r\n");
		for (int i = 0; i < 3; i++)
			if (mask & 1 << i)
				csv_rows(&b, kinds[i], tables[i]);
	} else {
		char now[16], prev[16];
		percent(r.total.rate, now);
		percent(r.total.prev_rate, prev);
		buf_printf(&b, "%s %s（%s）\n回答者 %lld 人、提出 %lld 人\n全体の実施率 %s（前年度 %s%s%s%s）\n",
			   r.campaign.campaign_no, r.campaign.title, inspect_state_label(r.campaign.state), r.respondents,
			   r.submitted, now, prev, r.prev_no ? "、" : "", r.prev_no ? r.prev_no : "", "");
		static const char *const headings[] = {"課別", "章別", "条項別"};
		for (int i = 0; i < 3; i++)
			if (mask & 1 << i)
				text_rows(&b, headings[i], tables[i]);
	}
	if (!rc && c->format != FMT_XLSX) {
		if (o[1].value)
			rc = durable_write_file(o[1].value, b.data, b.len, &e);
		else
			cli_write(&b);
	}
	buf_free(&b);
	inspect_results_free(&r);
	return rc ? cli_fail(&e) : EXIT_OK;
}

/* ---- the report to the committee ---- */

struct record_args {
	const struct inspect_results *r;
	const char *actor, *on;
	char hash[65];
};

static int do_record(struct tx *tx, void *arg, struct err *e)
{
	struct record_args *a = arg;
	return inspect_report_record(tx, a->r, a->actor, a->on, a->hash, e);
}

int inspect_report_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"o", 1, NULL}, {"record", 0, NULL}, {"reported-on", 1, NULL}};
	char *pos[1], today[11];
	int npos;
	struct err e = {0};
	struct inspect_results r;
	if (cli_parse("inspect report", argc, argv, o, 3, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("inspect report: 自己点検の番号を指定してください");
	if (c->format != FMT_TEXT && c->format != FMT_HTML && c->format != FMT_PDF)
		return cli_usage("inspect report: --format は text、html、pdf のいずれかです");
	if (c->format == FMT_PDF && !o[0].value)
		return cli_usage("inspect report: PDF は -o ファイル名 で書き出します");
	if ((o[1].value || o[2].value) && case_need_actor(c, "inspect report --record"))
		return EXIT_ERROR;
	if (o[2].value && !o[1].value)
		return cli_usage("inspect report: --reported-on は --record と一緒に使います");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (inspect_results_load(c->db, pos[0], NULL, &r, &e))
		return cli_fail(&e);
	struct buf b = BUF_INIT;
	time_today(today);
	const char *format = c->format == FMT_PDF ? "pdf" : c->format == FMT_HTML ? "html" : "text";
	int rc = inspect_report_bytes(c->db, &r, format, today, &b, &e);
	struct record_args a = {&r, c->actor_no, o[2].value, {0}};
	if (!rc && o[1].value) {
		sha256_hex(b.data ? b.data : "", b.len, a.hash);
		/* the record first: a refused --record writes no file */
		if (inspect_cli_write(c, do_record, &a, NULL) != EXIT_OK) {
			buf_free(&b);
			inspect_results_free(&r);
			return EXIT_ERROR;
		}
	}
	if (!rc) {
		if (o[0].value)
			rc = durable_write_file(o[0].value, b.data, b.len, &e);
		else
			cli_write(&b);
	}
	if (!rc && o[1].value)
		fprintf(stderr, "委員会への報告を記録しました（SHA-256 %s）\n", a.hash);
	buf_free(&b);
	inspect_results_free(&r);
	return rc ? cli_fail(&e) : EXIT_OK;
}

/* ---- improvement measures ---- */

int inspect_measure_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"unit", 1, NULL},  {"clause", 1, NULL}, {"problem", 1, NULL},
			  {"measure", 1, NULL}, {"owner", 1, NULL}, {"due", 1, NULL}};
	char *pos[2];
	int npos;
	if (argc < 1 || strcmp(argv[0], "add") != 0)
		return cli_usage("inspect measure: 使い方は inspect measure add 番号 --unit 課 --problem … --measure … です");
	if (case_need_actor(c, "inspect measure add") ||
	    cli_parse("inspect measure add", argc - 1, argv + 1, o, 6, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("inspect measure add: 自己点検の番号を指定してください");
	struct inspect_measure_adding a = {pos[0],
				 {c->actor_no, o[0].value, o[1].value, o[2].value, o[3].value, o[4].value, o[5].value},
				 NULL};
	int rc = inspect_cli_write(c, inspect_measure_write, &a, NULL);
	if (rc == EXIT_OK)
		printf("改善措置 %s を登録しました（自己点検 %s）\n", a.action_no, pos[0]);
	free(a.action_no);
	return rc;
}
