/*
 * cmd_report_proposal.c — `mamori --as 職員番号 report proposal
 * add|list|show|adopt|reject` (ポリシー改定の提案, docs/annual-report.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cli.h"
#include "cli/cmd_report.h"
#include "core/case_event.h"
#include "core/proposal_json.h"
#include "core/proposal_write.h"
#include "store/tx.h"

int report_data_format(const struct cli *c, const char *cmd)
{
	if (c->format == FMT_TEXT || c->format == FMT_JSON || c->format == FMT_CSV)
		return 0;
	return cli_usage("%s: --format は text、json、csv のいずれかです", cmd);
}

static int add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL},   {"clause", 1, NULL}, {"proposal", 1, NULL},
			  {"reason", 1, NULL}, {"source", 1, NULL}, {"ref", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("report proposal add", argc, argv, o, 6, pos, 0, &npos))
		return EXIT_ERROR;
	if (!c->actor_no)
		return cli_usage("report proposal add: 提案する人の職員番号を --as で指定してください");
	int year = 0;
	if (cli_year("report proposal add", o[0].value, &year))
		return EXIT_ERROR;
	struct proposal_adding a = {{c->actor_no, year, o[1].value, o[2].value, o[3].value, o[4].value, o[5].value}, NULL};
	int rc = cli_one_write(c, proposal_add_write, &a, NULL);
	if (rc == EXIT_OK)
		printf("ポリシー改定の提案 %s を登録しました。採否: CISO・委員会（report proposal adopt|reject）\n", a.no);
	free(a.no);
	return rc;
}

static void list_one(struct list_out *out, const struct proposal *p)
{
	if (out->format == FMT_JSON) {
		proposal_json(&out->w, p);
		return;
	}
	char base[24] = "", adopted[24] = "";
	if (p->base_version_id)
		fmt_int(p->base_version_id, base);
	if (p->adopted_version_id)
		fmt_int(p->adopted_version_id, adopted);
	if (out->format == FMT_CSV) {
		const char *cells[] = {p->proposal_no, p->clause, p->proposal, p->reason, proposal_source_label(p->source),
				       p->source_ref, proposal_state_label(p->state), base, adopted};
		size_t n = sizeof cells / sizeof cells[0];
		for (size_t i = 0; i < n; i++)
			buf_csv_field(&out->b, cells[i] ? cells[i] : "", i + 1 == n);
		return;
	}
	buf_printf(&out->b, "%s\t%s\t%s\t%s\t%s\t提案時 第%s版\t採用 %s%s\n", p->proposal_no, p->clause,
		   proposal_state_label(p->state), proposal_source_label(p->source), p->proposal, *base ? base : "—",
		   *adopted ? "第" : "—", *adopted ? adopted : "");
}

static int list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}, {"state", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("report proposal list", argc, argv, o, 2, pos, 0, &npos) ||
	    report_data_format(c, "report proposal list"))
		return EXIT_ERROR;
	int year = 0;
	if (cli_year("report proposal list", o[0].value, &year))
		return EXIT_ERROR;
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct err e = {0};
	struct proposal_list l;
	if (proposal_list_load(c->db, year, &l, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "proposals", "番号,条項,提案,理由,きっかけ,参照,状態,提案時の版,採用した版");
	for (size_t i = 0; i < l.n; i++)
		if (!o[1].value || strcmp(o[1].value, l.v[i].state) == 0 ||
		    strcmp(o[1].value, proposal_state_label(l.v[i].state)) == 0)
			list_one(&out, &l.v[i]);
	list_end(&out);
	proposal_list_free(&l);
	return EXIT_OK;
}

static int show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	if (cli_parse("report proposal show", argc, argv, NULL, 0, pos, 1, &npos) ||
	    report_data_format(c, "report proposal show"))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("report proposal show: 提案の番号（R2026-01 など）を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct err e = {0};
	struct proposal_list l;
	struct case_refs refs;
	struct case_events ev;
	if (proposal_list_load(c->db, 0, &l, &e))
		return cli_fail(&e);
	const struct proposal *p = proposal_by_no(&l, pos[0]);
	if (!p) {
		proposal_list_free(&l);
		err_set(&e, ERR_INPUT, "改定提案の番号「%s」はありません", pos[0]);
		return cli_fail(&e);
	}
	if (c->format == FMT_JSON) {
		struct list_out out;
		list_begin(&out, c, "proposals", "");
		list_one(&out, p);
		list_end(&out);
		proposal_list_free(&l);
		return EXIT_OK;
	}
	if (case_refs_load(c->db, &refs, &e) || case_events_load(c->db, CASE_PROPOSAL, p->id, &ev, &e)) {
		proposal_list_free(&l);
		return cli_fail(&e);
	}
	printf("番号      %s（%d年度）\n条項      %s\n提案      %s\n理由      %s\nきっかけ  %s%s%s\n状態      %s\n",
	       p->proposal_no, p->fiscal_year, p->clause, p->proposal, p->reason, proposal_source_label(p->source),
	       p->source_ref ? "　" : "", p->source_ref ? p->source_ref : "", proposal_state_label(p->state));
	if (p->base_version_id)
		printf("提案時    第%lld版\n", p->base_version_id);
	if (p->adopted_version_id)
		printf("採用した版 第%lld版\n", p->adopted_version_id);
	case_print_timeline(&refs, &ev);
	case_events_free(&ev);
	case_refs_free(&refs);
	proposal_list_free(&l);
	return EXIT_OK;
}

static int decide_cmd(struct cli *c, int argc, char **argv, int adopt)
{
	struct opt o[] = {{"version", 1, NULL}, {"note", 1, NULL}};
	char *pos[1], done[160];
	int npos;
	const char *cmd = adopt ? "report proposal adopt" : "report proposal reject";
	if (cli_parse(cmd, argc, argv, o, 2, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: 提案の番号（R2026-01 など）を指定してください", cmd);
	if (!c->actor_no)
		return cli_usage("%s: 決定する人の職員番号を --as で指定してください", cmd);
	long long version = 0;
	if (adopt) {
		char *end = NULL;
		version = o[0].value ? strtoll(o[0].value, &end, 10) : 0;
		if (!o[0].value || !*o[0].value || *end || version <= 0)
			return cli_usage("%s: 提案を取り入れたポリシーの版を --version 番号 で指定してください", cmd);
	} else if (o[0].value) {
		return cli_usage("%s: --version は adopt でだけ使えます", cmd);
	}
	struct proposal_deciding a = {pos[0], c->actor_no, o[1].value, version, adopt};
	snprintf(done, sizeof done, "改定提案 %s を%sとしました", pos[0], adopt ? "採用" : "不採用");
	return cli_one_write(c, proposal_decide_write, &a, done);
}

static int adopt_cmd(struct cli *c, int argc, char **argv)
{
	return decide_cmd(c, argc, argv, 1);
}

static int reject_cmd(struct cli *c, int argc, char **argv)
{
	return decide_cmd(c, argc, argv, 0);
}

int report_proposal_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", add_cmd}, {"list", list_cmd}, {"show", show_cmd}, {"adopt", adopt_cmd}, {"reject", reject_cmd}};
	return cli_dispatch(c, "report proposal", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
