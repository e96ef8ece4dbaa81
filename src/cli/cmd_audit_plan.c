/*
 * cmd_audit_plan.c — `mamori --as 職員番号 audit plan draft|approve|show|list`:
 * the 年度 audit plan (9.1.3), drafted by the audit lead and approved on the
 * committee's behalf.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cmd_audit.h"
#include "core/audit.h"
#include "util/timeutil.h"

struct draft_args {
	struct audit_plan_new in;
	int version;
};

static int do_draft(struct tx *tx, void *arg, struct err *e)
{
	struct draft_args *a = arg;
	return audit_plan_draft(tx, &a->in, &a->version, e);
}

static int plan_draft_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL},    {"title", 1, NULL},    {"scope", 1, NULL},
			  {"targets", 1, NULL}, {"schedule", 1, NULL}, {"method", 1, NULL}};
	char *pos[1];
	int npos, fy;
	if (audit_cli_need_actor(c, "audit plan draft") || cli_parse("audit plan draft", argc, argv, o, 6, pos, 0, &npos) ||
	    audit_cli_year(o[0].value, &fy))
		return EXIT_ERROR;
	struct draft_args a = {{fy, o[1].value, o[2].value, o[3].value, o[4].value, o[5].value, c->actor_no}, 0};
	int rc = cli_one_write(c, do_draft, &a, NULL);
	if (rc == EXIT_OK)
		printf("監査計画 第%d版を作成しました。承認: CISO または情報セキュリティ委員会（audit plan approve）\n", a.version);
	return rc;
}

struct approve_args {
	int fy;
	const char *actor;
};

static int do_approve(struct tx *tx, void *arg, struct err *e)
{
	struct approve_args *a = arg;
	return audit_plan_approve(tx, a->fy, a->actor, e);
}

static int plan_approve_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1];
	int npos, fy;
	if (audit_cli_need_actor(c, "audit plan approve") || cli_parse("audit plan approve", argc, argv, o, 1, pos, 0, &npos) ||
	    audit_cli_year(o[0].value, &fy))
		return EXIT_ERROR;
	struct approve_args a = {fy, c->actor_no};
	return cli_one_write(c, do_approve, &a, "監査計画を承認しました");
}

static void plan_json(struct json_writer *w, const struct case_refs *refs, const struct audit_plan *p)
{
	static const char *const keys[] = {"method", "schedule", "scope", "targets"};
	jw_object_begin(w);
	jw_kv_string(w, "approved_at", p->approved_at);
	jw_kv_string(w, "approved_by", case_staff_no(refs, p->approved_by));
	jw_kv_string(w, "created_at", p->created_at);
	jw_kv_string(w, "created_by", case_staff_no(refs, p->created_by));
	jw_kv_int(w, "fiscal_year", p->fiscal_year);
	for (size_t i = 0; i < 4; i++) {
		char *v = audit_plan_field(p, keys[i]);
		jw_kv_string(w, keys[i], v);
		free(v);
	}
	jw_kv_string(w, "title", p->title);
	jw_kv_int(w, "version", p->version);
	jw_object_end(w);
}

static int plans_out(struct cli *c, int fy, int show)
{
	struct err e = {0};
	struct audit_plans plans;
	struct case_refs refs;
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (audit_plans_load(c->db, fy, &plans, &e))
		return cli_fail(&e);
	if (case_refs_load(c->db, &refs, &e)) {
		case_refs_free(&refs);
		audit_plans_free(&plans);
		return cli_fail(&e);
	}
	char label[32];
	wareki_fiscal_year(fy, label, sizeof label);
	int rc = EXIT_OK;
	if (show && plans.n == 0) {
		err_set(&e, ERR_INPUT, "%sの監査計画はまだありません（audit plan draft で作成してください）", label);
		rc = cli_fail(&e);
	} else if (c->format == FMT_JSON || !show) {
		struct list_out out;
		list_begin(&out, c, "plans", "年度,版,件名,作成者,作成日時,承認者,承認日時");
		for (size_t i = 0; i < plans.n; i++) {
			const struct audit_plan *p = &plans.v[i];
			char year[16], version[16];
			if (out.format == FMT_JSON) {
				plan_json(&out.w, &refs, p);
				continue;
			}
			snprintf(year, sizeof year, "%d", p->fiscal_year);
			snprintf(version, sizeof version, "%d", p->version);
			if (out.format == FMT_CSV) {
				const char *cells[] = {year, version, p->title, case_staff_name(&refs, p->created_by), p->created_at,
						       case_staff_name(&refs, p->approved_by), p->approved_at};
				for (size_t k = 0; k < 7; k++)
					buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 6);
			} else {
				buf_printf(&out.b, "%s年度\t第%s版\t%s\t%s\n", year, version, p->title,
					   p->approved_at ? "承認済み" : "未承認");
			}
		}
		list_end(&out);
	} else {
		const struct audit_plan *p = audit_plan_latest(&plans, fy);
		const struct audit_plan *ok = audit_plan_approved(&plans, fy);
		char *scope = audit_plan_field(p, "scope"), *targets = audit_plan_field(p, "targets");
		char *schedule = audit_plan_field(p, "schedule"), *method = audit_plan_field(p, "method");
		printf("%s 監査計画 第%d版\n件名      %s\n範囲      %s\n対象      %s\n日程      %s\n方法      %s\n作成      %s\n",
		       label, p->version, p->title, scope, targets, schedule, method, case_staff_name(&refs, p->created_by));
		if (p->approved_at)
			printf("承認      %s（%s）\n", case_staff_name(&refs, p->approved_by), p->approved_at);
		else if (ok)
			printf("承認      未承認（承認済みの版は第%d版）\n", ok->version);
		else
			printf("承認      未承認\n");
		free(scope);
		free(targets);
		free(schedule);
		free(method);
	}
	case_refs_free(&refs);
	audit_plans_free(&plans);
	return rc;
}

static int plan_show_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1], today[11];
	int npos, fy;
	if (cli_parse("audit plan show", argc, argv, o, 1, pos, 0, &npos) || audit_cli_year(o[0].value, &fy))
		return EXIT_ERROR;
	time_today(today);
	return plans_out(c, fy ? fy : fiscal_year(today), 1);
}

static int plan_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1];
	int npos, fy;
	if (cli_parse("audit plan list", argc, argv, o, 1, pos, 0, &npos) || audit_cli_year(o[0].value, &fy))
		return EXIT_ERROR;
	return plans_out(c, fy, 0);
}

int audit_plan_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"draft", plan_draft_cmd},
		{"approve", plan_approve_cmd},
		{"show", plan_show_cmd},
		{"list", plan_list_cmd},
	};
	return cli_dispatch(c, "audit plan", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
