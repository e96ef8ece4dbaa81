/*
 * cmd_inspect.c — `mamori inspect create|open|close|list|show|respondents|
 * checklist|answer|submit|links|remind|results|report|measure …`
 * (自己点検, guideline 9.2; docs/inspect.md).  This file holds the
 * campaign steps and answering; links and reminders are in
 * cmd_inspect_links.c, results, the report and measures in
 * cmd_inspect_results.c.
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
#include "core/staff.h"
#include "core/vocab.h"
#include "store/tx.h"
#include "util/sheet.h"
#include "util/timeutil.h"

int inspect_cli_write(struct cli *c, int (*fn)(struct tx *tx, void *arg, struct err *e), void *arg,
		      const char *done)
{
	if (!c->db)
		return cli_one_write(c, fn, arg, done);
	return cli_tx_write(c, fn, arg, done);
}

/* ---- create, open, close ---- */

static int create_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"title", 1, NULL}, {"opens", 1, NULL}, {"due", 1, NULL}, {"roles", 1, NULL},
			  {"clauses", 1, NULL}, {"units", 1, NULL}, {"year", 1, NULL}};
	char *pos[1];
	int npos;
	if (case_need_actor(c, "inspect create") || cli_parse("inspect create", argc, argv, o, 7, pos, 0, &npos))
		return EXIT_ERROR;
	int fy = 0;
	if (cli_year("inspect create", o[6].value, &fy))
		return EXIT_ERROR;
	struct inspect_creating a = {{c->actor_no, fy, o[0].value, o[1].value, o[2].value, o[3].value, o[4].value,
				      o[5].value},
				     NULL};
	int rc = inspect_cli_write(c, inspect_create_write, &a, NULL);
	if (rc == EXIT_OK)
		printf("自己点検 %s を作成しました（準備中）。inspect open %s で開始します\n", a.no, a.no);
	free(a.no);
	return rc;
}

static int step_cmd(struct cli *c, int argc, char **argv, int close)
{
	const char *cmd = close ? "inspect close" : "inspect open";
	char *pos[1], done[160];
	int npos;
	if (case_need_actor(c, cmd) || cli_parse(cmd, argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: 自己点検の番号を指定してください", cmd);
	struct inspect_stepping a = {pos[0], c->actor_no, close};
	snprintf(done, sizeof done, "自己点検 %s を%sしました", pos[0], close ? "終了" : "開始");
	return inspect_cli_write(c, inspect_step_write, &a, done);
}

static int open_cmd(struct cli *c, int argc, char **argv) { return step_cmd(c, argc, argv, 0); }
static int close_cmd(struct cli *c, int argc, char **argv) { return step_cmd(c, argc, argv, 1); }

/* ---- list, show ---- */

static void campaign_json(struct json_writer *w, const struct inspect_campaign *x)
{
	jw_object_begin(w);
	jw_kv_string(w, "campaign_no", x->campaign_no);
	jw_kv_string(w, "closed_at", x->closed_at);
	jw_kv_string(w, "created_at", x->created_at);
	jw_kv_string(w, "due_on", x->due_on);
	jw_kv_int(w, "fiscal_year", x->fiscal_year);
	jw_kv_string(w, "opened_at", x->opened_at);
	jw_kv_string(w, "opens_on", x->opens_on);
	jw_kv_string(w, "state", x->state);
	jw_kv_string(w, "state_label", inspect_state_label(x->state));
	jw_kv_string(w, "title", x->title);
	jw_object_end(w);
}

static int list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1];
	int npos, fy = 0;
	struct err e = {0};
	struct inspect_campaigns l;
	if (cli_parse("inspect list", argc, argv, o, 1, pos, 0, &npos))
		return EXIT_ERROR;
	if (cli_year("inspect list", o[0].value, &fy))
		return EXIT_ERROR;
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (inspect_campaigns_load(c->db, fy, &l, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "campaigns", "番号,年度,名称,開始日,回答期限,状態");
	for (size_t i = 0; i < l.n; i++) {
		const struct inspect_campaign *x = &l.v[i];
		char fyt[32];
		snprintf(fyt, sizeof fyt, "%d", x->fiscal_year);
		if (out.format == FMT_JSON) {
			campaign_json(&out.w, x);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {x->campaign_no, fyt, x->title, x->opens_on, x->due_on,
					       inspect_state_label(x->state)};
			for (size_t k = 0; k < 6; k++)
				buf_csv_field(&out.b, cells[k], k == 5);
		} else {
			buf_printf(&out.b, "%s\t%s\t%s〜%s\t%s\n", x->campaign_no, x->title, x->opens_on, x->due_on,
				   inspect_state_label(x->state));
		}
	}
	list_end(&out);
	inspect_campaigns_free(&l);
	return EXIT_OK;
}

static int show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct inspect_campaign x;
	struct inspect_questions qs;
	struct inspect_respondents rs;
	if (cli_parse("inspect show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("inspect show: 自己点検の番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (inspect_campaign_find(c->db, pos[0], &x, &e))
		return cli_fail(&e);
	if (inspect_questions_load(c->db, x.id, &qs, &e) || inspect_respondents_load(c->db, x.id, NULL, &rs, &e)) {
		inspect_campaign_free(&x);
		return cli_fail(&e);
	}
	long long submitted = 0;
	for (size_t i = 0; i < rs.n; i++)
		submitted += rs.v[i].submitted_at != NULL;
	if (c->format == FMT_JSON) {
		struct list_out out;
		list_begin(&out, c, "campaigns", "");
		campaign_json(&out.w, &x);
		list_end(&out);
	} else {
		char fy[32];
		wareki_fiscal_year(x.fiscal_year, fy, sizeof fy);
		printf("番号      %s\n名称      %s\n年度      %s\n期間      %s〜%s\n状態      %s\n", x.campaign_no, x.title, fy,
		       x.opens_on, x.due_on, inspect_state_label(x.state));
		printf("回答者    %zu 人（提出 %lld 人）\n設問      %zu 問\n", rs.n, submitted, qs.n);
		const char *last = "";
		for (size_t i = 0; i < qs.n; i++) {
			if (strcmp(last, qs.v[i].role) == 0)
				continue;
			last = qs.v[i].role;
			int n = 0;
			for (size_t k = i; k < qs.n && strcmp(qs.v[k].role, last) == 0; k++)
				n++;
			printf("  %s  %d 問\n", vocab_label(&vocab_role, last), n);
		}
	}
	inspect_respondents_free(&rs);
	inspect_questions_free(&qs);
	inspect_campaign_free(&x);
	return EXIT_OK;
}

/* ---- answering ---- */

static int checklist_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"role", 1, NULL}, {"token", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct inspect_checklist cl;
	long long rid;
	if (cli_parse("inspect checklist", argc, argv, o, 2, pos, 1, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (o[1].value) {
		if (inspect_token_checklist(c->db, o[1].value, &cl, &e))
			return cli_fail(&e);
	} else {
		if (case_need_actor(c, "inspect checklist"))
			return EXIT_ERROR;
		if (npos != 1)
			return cli_usage("inspect checklist: 自己点検の番号を指定してください");
		if (inspect_respondent_pick(c->db, pos[0], c->actor_no, o[0].value, &rid, &e) ||
		    inspect_checklist_load(c->db, rid, &cl, &e))
			return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "questions", "番号,条項,設問,回答,コメント");
	if (out.format == FMT_TEXT)
		buf_printf(&out.b, "%s %s（%s として、%d/%d 問回答%s）\n", cl.campaign.campaign_no, cl.campaign.title,
			   vocab_label(&vocab_role, cl.resp.role), cl.resp.answered, cl.resp.questions,
			   cl.resp.submitted_at ? "、提出済み" : "");
	for (size_t i = 0; i < cl.n; i++) {
		const struct inspect_item *it = &cl.v[i];
		char seq[16];
		snprintf(seq, sizeof seq, "%d", it->seq);
		const char *label = it->answer ? inspect_answer_label(it->answer) : "";
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "answer", it->answer);
			jw_kv_string(&out.w, "answer_label", it->answer ? label : NULL);
			jw_kv_string(&out.w, "chapter", it->chapter);
			jw_kv_string(&out.w, "clause", it->clause);
			jw_kv_string(&out.w, "comment", it->comment);
			jw_kv_int(&out.w, "seq", it->seq);
			jw_kv_string(&out.w, "text", it->text);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {seq, it->clause, it->text, label, it->comment ? it->comment : ""};
			for (size_t k = 0; k < 5; k++)
				buf_csv_field(&out.b, cells[k], k == 4);
		} else {
			buf_printf(&out.b, "%3d  [%s] %s\n     %s%s%s\n", it->seq, it->clause, it->text,
				   it->answer ? label : "（未回答）", it->comment ? "　" : "", it->comment ? it->comment : "");
		}
	}
	list_end(&out);
	inspect_checklist_free(&cl);
	return EXIT_OK;
}

/* Who answers: a token, or --as with the campaign number (and --role). */
static int answer_target(struct cli *c, const char *cmd, int npos, char **pos, const char *role, const char *token,
			 struct inspect_answering *a)
{
	struct err e = {0};
	if (token) {
		a->token = token;
		return cli_open(c, 0);
	}
	if (case_need_actor(c, cmd))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: 自己点検の番号を指定してください", cmd);
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (inspect_respondent_pick(c->db, pos[0], c->actor_no, role, &a->respondent_id, &e))
		return cli_fail(&e);
	return 0;
}

static int answer_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"role", 1, NULL}, {"token", 1, NULL},   {"q", 1, NULL},
			  {"answer", 1, NULL}, {"comment", 1, NULL}, {"file", 1, NULL}, {"submit", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct inspect_answering a = {0};
	struct inspect_answer_in one = {0};
	struct inspect_answer_file file = {0};
	if (cli_parse("inspect answer", argc, argv, o, 7, pos, 1, &npos))
		return EXIT_ERROR;
	if (!o[5].value == !o[2].value)
		return cli_usage("inspect answer: --q 設問番号 --answer 回答 か、--file 回答ファイル のどちらかを指定してください");
	if (o[2].value) {
		char *end;
		long seq = strtol(o[2].value, &end, 10);
		if (*end || seq < 1 || seq > 9999)
			return cli_usage("inspect answer: --q は設問番号（1 以上の整数）です（「%s」）", o[2].value);
		if (!o[3].value)
			return cli_usage("inspect answer: --answer 実施|一部実施|未実施|該当なし を指定してください");
		one = (struct inspect_answer_in){(int)seq, o[3].value, o[4].value};
		a.v = &one;
		a.n = 1;
	}
	int rc = answer_target(c, "inspect answer", npos, pos, o[0].value, o[1].value, &a);
	if (rc)
		return rc;
	if (o[5].value) {
		struct sheet s;
		if (sheet_read_file(o[5].value, &s, &e))
			return cli_fail(&e);
		rc = inspect_answer_file_parse(o[5].value, &s, &file, &e);
		sheet_free(&s);
		if (rc)
			return cli_fail(&e);
		a.v = file.v;
		a.n = file.n;
	}
	a.submit = o[6].value != NULL;
	char done[128];
	snprintf(done, sizeof done, "回答を %zu 件保存しました%s", a.n, a.submit ? "。提出しました" : "");
	rc = inspect_cli_write(c, inspect_answer_write, &a, done);
	inspect_answer_file_free(&file);
	return rc;
}

static int submit_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"role", 1, NULL}, {"token", 1, NULL}};
	char *pos[1];
	int npos;
	struct inspect_answering a = {0};
	if (cli_parse("inspect submit", argc, argv, o, 2, pos, 1, &npos))
		return EXIT_ERROR;
	int rc = answer_target(c, "inspect submit", npos, pos, o[0].value, o[1].value, &a);
	if (rc)
		return rc;
	a.submit = 1;
	return inspect_cli_write(c, inspect_answer_write, &a, "自己点検の回答を提出しました");
}

int cmd_inspect(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"create", create_cmd},       {"open", open_cmd},
		{"close", close_cmd},         {"list", list_cmd},
		{"show", show_cmd},           {"respondents", inspect_respondents_cmd},
		{"checklist", checklist_cmd}, {"answer", answer_cmd},
		{"submit", submit_cmd},       {"links", inspect_links_cmd},
		{"remind", inspect_remind_cmd}, {"results", inspect_results_cmd},
		{"report", inspect_report_cmd}, {"measure", inspect_measure_cmd},
	};
	return cli_dispatch(c, "inspect", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
