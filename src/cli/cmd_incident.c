/*
 * cmd_incident.c — `mamori incident new|step|notify|list|show|categories|report`
 * (docs/incidents.md).  Staff act with --as 職員番号; residents' and outside
 * parties' reports are entered with --source and --reporter-name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/incident.h"
#include "core/incident_json.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/timeutil.h"

#define MAX_TARGETS 64

static void jst(const char *at, char out[17])
{
	if (!at || time_jst_text(at, out))
		snprintf(out, 17, "%s", at ? at : "");
}

static int do_new(struct tx *tx, void *arg, struct err *e)
{
	struct incident_new *in = arg;
	char *no = NULL;
	int rc = incident_file(tx, in, &no, e);
	if (!rc)
		in->title = no; /* handed back to the caller, which frees it */
	return rc;
}

struct target_args {
	const char *assets[MAX_TARGETS], *systems[MAX_TARGETS];
	int na, ns;
};

/* --asset and --system repeat: they are taken out before the generic parser,
 * which gets the rest (returned; free it). */
static char **split_targets(int argc, char **argv, struct target_args *t, int *nrest)
{
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	t->na = t->ns = *nrest = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--asset") == 0 && i + 1 < argc && t->na < MAX_TARGETS)
			t->assets[t->na++] = argv[++i];
		else if (strcmp(argv[i], "--system") == 0 && i + 1 < argc && t->ns < MAX_TARGETS)
			t->systems[t->ns++] = argv[++i];
		else
			rest[(*nrest)++] = argv[i];
	}
	return rest;
}

static int incident_new_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"title", 1, NULL},     {"category", 1, NULL},  {"severity", 1, NULL},
			  {"situation", 1, NULL}, {"cause", 1, NULL},     {"damage", 1, NULL},
			  {"record", 1, NULL},    {"detected", 1, NULL},  {"unit", 1, NULL},
			  {"source", 1, NULL},    {"reporter-name", 1, NULL}, {"reporter-contact", 1, NULL},
			  {"origin", 1, NULL}};
	struct target_args t;
	int nrest, npos;
	char *pos[1];
	char **rest = split_targets(argc, argv, &t, &nrest);
	int rc = cli_parse("incident new", nrest, rest, o, 13, pos, 0, &npos);
	free(rest);
	if (rc)
		return EXIT_ERROR;
	struct incident_new in = {c->actor_no, o[9].value, o[10].value, o[11].value, o[0].value,
				  o[1].value, o[2].value, o[3].value, o[4].value, o[5].value,
				  o[6].value, o[7].value, o[8].value, t.assets, t.na, t.systems, t.ns,
				  o[12].value};
	const char *title = in.title;
	rc = cli_one_write(c, do_new, &in, NULL);
	if (rc == EXIT_OK) {
		char *no = (char *)in.title;
		struct incident_report r;
		struct err e = {0};
		printf("インシデント %s（%s）を受け付けました。\n", no, title);
		if (!incident_report_gather(c->db, no, &r, &e)) {
			static const char *personal[] = {"なし", "個人情報", "特定個人情報"};
			printf("重大度: %s　最高機密性: %s%d　個人情報: %s\n", incident_severity_label(r.inc.severity),
			       r.exposure.max_confidentiality ? "機密性" : "不明",
			       r.exposure.max_confidentiality, personal[r.exposure.personal]);
			for (size_t i = 0; i < r.nnotices; i++) {
				const struct incident_notice_rule *nr = incident_notice_rule_find(r.notices[i].party);
				char due[17];
				jst(r.notices[i].due_at, due);
				printf("  通知: %s　期限 %s\n", nr ? nr->label : r.notices[i].party, due);
			}
			incident_report_free(&r);
		}
		free(no);
	}
	return rc;
}

static int do_step(struct tx *tx, void *arg, struct err *e)
{
	return incident_step(tx, arg, e);
}

static int incident_step_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"kind", 1, NULL},   {"note", 1, NULL},       {"incident", 1, NULL},
			  {"target", 1, NULL}, {"reason", 1, NULL},     {"ordered-by", 1, NULL},
			  {"emergency", 0, NULL}, {"ref", 1, NULL},     {"severity", 1, NULL}};
	char *pos[1], done[160];
	int npos;
	if (cli_parse("incident step", argc, argv, o, 9, pos, 1, &npos))
		return EXIT_ERROR;
	if (!c->actor_no)
		return cli_usage("incident step: 操作する職員を --as 職員番号 で指定してください");
	if (npos != 1 || !o[0].value)
		return cli_usage("incident step: インシデント番号と --kind を指定してください");
	struct incident_step_in in = {pos[0], c->actor_no, o[0].value, o[1].value, o[2].value,
				      o[3].value, o[4].value, o[5].value, o[6].value != NULL,
				      o[7].value ? atoll(o[7].value) : 0, o[8].value};
	snprintf(done, sizeof done, "インシデント %s に「%s」を記録しました", pos[0], incident_step_label(o[0].value));
	return cli_one_write(c, do_step, &in, done);
}

static int do_targets(struct tx *tx, void *arg, struct err *e)
{
	return incident_add_targets(tx, arg, e);
}

static int incident_targets_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"note", 1, NULL}};
	struct target_args t;
	int nrest, npos;
	char *pos[1], done[160];
	char **rest = split_targets(argc, argv, &t, &nrest);
	int rc = cli_parse("incident targets", nrest, rest, o, 1, pos, 1, &npos);
	free(rest);
	if (rc)
		return EXIT_ERROR;
	if (!c->actor_no)
		return cli_usage("incident targets: 操作する職員を --as 職員番号 で指定してください");
	if (npos != 1 || t.na + t.ns == 0)
		return cli_usage("incident targets: インシデント番号と --asset 資産番号 または --system システムコードを指定してください");
	struct incident_targets_in in = {pos[0], c->actor_no, o[0].value, t.assets, t.na, t.systems, t.ns};
	snprintf(done, sizeof done, "インシデント %s に対象を%d件追加しました", pos[0], t.na + t.ns);
	return cli_one_write(c, do_targets, &in, done);
}

struct notify_args {
	const char *no, *party, *actor, *channel, *note;
};

static int do_notify(struct tx *tx, void *arg, struct err *e)
{
	struct notify_args *a = arg;
	return incident_notify_done(tx, a->no, a->party, a->actor, a->channel, a->note, e);
}

static int incident_notify_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"done", 0, NULL}, {"channel", 1, NULL}, {"note", 1, NULL}};
	char *pos[2], done[160];
	int npos;
	if (cli_parse("incident notify", argc, argv, o, 3, pos, 2, &npos))
		return EXIT_ERROR;
	if (!c->actor_no)
		return cli_usage("incident notify: 操作する職員を --as 職員番号 で指定してください");
	if (npos != 2 || !o[0].value)
		return cli_usage("incident notify: インシデント番号・通知先と --done を指定してください");
	struct notify_args a = {pos[0], pos[1], c->actor_no, o[1].value, o[2].value};
	snprintf(done, sizeof done, "インシデント %s の通知（%s）を記録しました", pos[0], pos[1]);
	return cli_one_write(c, do_notify, &a, done);
}

static void list_row(struct list_out *out, const struct incident_row *r)
{
	const struct incident_category *cat = incident_category_find(r->category);
	char det[17];
	jst(r->detected_at, det);
	if (out->format == FMT_JSON) {
		incident_row_json(&out->w, r, 0);
	} else if (out->format == FMT_CSV) {
		char n1[24], n2[24];
		snprintf(n1, sizeof n1, "%lld", r->open_notices);
		snprintf(n2, sizeof n2, "%lld", r->overdue_notices);
		const char *cells[] = {r->incident_no, r->title, cat ? cat->label : r->category,
				       incident_severity_label(r->severity), incident_state_label(r->state),
				       det, n1, n2};
		for (int k = 0; k < 8; k++)
			buf_csv_field(&out->b, cells[k], k == 7);
	} else {
		buf_printf(&out->b, "%s\t%s\t%s\t%s\t%s\t%s%s\n", r->incident_no, incident_state_label(r->state),
			   cat ? cat->label : r->category, incident_severity_label(r->severity), det, r->title,
			   r->overdue_notices ? "\t［通知期限超過］" : "");
	}
}

static int incident_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"state", 1, NULL}, {"category", 1, NULL}, {"overdue", 0, NULL}, {"mine", 0, NULL}};
	char *pos[1], now[32];
	int npos;
	struct err e = {0};
	if (cli_parse("incident list", argc, argv, o, 4, pos, 0, &npos))
		return EXIT_ERROR;
	struct incident_filter f = {0};
	if (o[0].value && !(f.state = incident_state_id_public(o[0].value)))
		return cli_usage("incident list: 状態「%s」はありません（受付・対応中・原因究明・再発防止策・完了・非該当）", o[0].value);
	const struct incident_category *cat = NULL;
	if (o[1].value && !(cat = incident_category_find(o[1].value)))
		return cli_usage("incident list: 分類「%s」はありません", o[1].value);
	f.category = cat ? cat->id : NULL;
	f.overdue = o[2].value != NULL;
	if (o[3].value && !c->actor_no)
		return cli_usage("incident list --mine: 職員を --as 職員番号 で指定してください");
	time_now_rfc3339(now);
	f.now = now;
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (o[3].value) {
		struct staff s;
		int found;
		if (staff_find(c->db, c->actor_no, &s, &found, &e))
			return cli_fail(&e);
		if (!found) {
			err_set(&e, ERR_INPUT, "職員番号「%s」は登録されていません", c->actor_no);
			return cli_fail(&e);
		}
		f.mine = s.id;
		staff_free(&s);
	}
	struct incident_rows rows;
	if (incident_query(c->db, &f, &rows, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "incidents", "インシデント番号,件名,分類,重大度,状態,検知日時,未了の通知,期限超過の通知");
	for (size_t i = 0; i < rows.n; i++)
		list_row(&out, &rows.v[i]);
	list_end(&out);
	incident_rows_free(&rows);
	return EXIT_OK;
}

static void show_json(const struct incident_report *r)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	incident_report_json(&w, r);
	printf("%s\n", buf_str(&b));
	buf_free(&b);
}

static void show_text(const struct incident_report *r)
{
	static const char *personal[] = {"なし", "個人情報", "特定個人情報"};
	const struct incident_category *cat = incident_category_find(r->inc.category);
	char det[17], rep[17];
	jst(r->inc.detected_at, det);
	jst(r->inc.reported_at, rep);
	printf("インシデント番号  %s\n件名              %s\n分類              %s\n状態              %s\n"
	       "重大度            %s\nインシデント該当  %s\n検知日時          %s\n受付日時          %s\n"
	       "報告者            %s%s%s\n発生した課        %s\n状況              %s\n推定原因          %s\n"
	       "被害範囲          %s\n記録              %s\n最高機密性        %d\n個人情報          %s\n",
	       r->inc.incident_no, r->inc.title, cat ? cat->label : r->inc.category,
	       incident_state_label(r->inc.state), incident_severity_label(r->inc.severity),
	       r->inc.is_incident < 0 ? "未評価" : r->inc.is_incident ? "インシデント" : "非該当", det, rep,
	       r->reporter ? r->reporter : "", r->inc.reporter_contact ? "　連絡先: " : "",
	       r->inc.reporter_contact ? r->inc.reporter_contact : "", r->unit_name ? r->unit_name : "",
	       r->inc.situation ? r->inc.situation : "", r->inc.cause ? r->inc.cause : "",
	       r->inc.damage ? r->inc.damage : "", r->inc.record ? r->inc.record : "",
	       r->exposure.max_confidentiality, personal[r->exposure.personal]);
	for (size_t i = 0; i < r->ntargets; i++)
		printf("対象              %s %s（機密性%d）\n",
		       r->targets[i].asset_no ? r->targets[i].asset_no : r->targets[i].system_code,
		       r->targets[i].asset_no ? r->targets[i].asset_name : r->targets[i].system_name,
		       r->targets[i].confidentiality);
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct incident_notice_rule *nr = incident_notice_rule_find(r->notices[i].party);
		char due[17], done[17];
		jst(r->notices[i].due_at, due);
		jst(r->notices[i].done_at, done);
		printf("通知              %s　期限 %s　%s%s\n", nr ? nr->label : r->notices[i].party, due,
		       r->notices[i].done_at ? "済 " : "未了", r->notices[i].done_at ? done : "");
	}
	for (size_t i = 0; i < r->nsteps; i++) {
		char at[17];
		jst(r->steps[i].at, at);
		printf("経過 #%lld %s %s（%s）%s\n", r->steps[i].id, at, incident_step_label(r->steps[i].kind),
		       r->steps[i].actor_name ? r->steps[i].actor_name : "—", r->steps[i].body);
	}
}

static int incident_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct incident_report r;
	if (cli_parse("incident show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("incident show: インシデント番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (incident_report_gather(c->db, pos[0], &r, &e))
		return cli_fail(&e);
	if (c->format == FMT_JSON)
		show_json(&r);
	else
		show_text(&r);
	incident_report_free(&r);
	return EXIT_OK;
}

int cmd_incident(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"new", incident_new_cmd},   {"step", incident_step_cmd}, {"notify", incident_notify_cmd},
		{"list", incident_list_cmd}, {"show", incident_show_cmd},
		{"report", incident_report_cmd}, {"targets", incident_targets_cmd},
	};
	/* html, pdf and xlsx are the report's formats only (cmd_incident_report.c) */
	if ((c->format == FMT_HTML || c->format == FMT_PDF || c->format == FMT_XLSX) &&
	    !(argc > 0 && strcmp(argv[0], "report") == 0))
		return cli_usage("incident: --format html、pdf、xlsx は incident report でのみ使えます");
	return cli_dispatch(c, "incident", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
