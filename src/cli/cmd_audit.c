/*
 * cmd_audit.c — `mamori --as 職員番号 audit …` (情報セキュリティ監査, guideline
 * 9.1; docs/audit.md): audits themselves (new, list, show, close), their
 * auditors and items here; the plan, evidence, findings, requests to other
 * 課, reports and corrective actions in cmd_audit_*.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cmd_audit.h"
#include "core/audit.h"
#include "core/audit_json.h"
#include "core/audit_report.h"
#include "core/catalog.h"
#include "util/timeutil.h"

/* ---- new, close ---- */

struct new_args {
	struct audit_new in;
	char *no;
};

static int do_new(struct tx *tx, void *arg, struct err *e)
{
	struct new_args *a = arg;
	return audit_create(tx, &a->in, &a->no, e);
}

static int audit_new_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"title", 1, NULL},      {"target", 1, NULL},         {"unit", 1, NULL},
			  {"system", 1, NULL},     {"contractor", 1, NULL},     {"subcontractors", 1, NULL},
			  {"starts", 1, NULL},     {"ends", 1, NULL}};
	char *pos[1];
	int npos;
	if (audit_cli_need_actor(c, "audit new") || cli_parse("audit new", argc, argv, o, 8, pos, 0, &npos))
		return EXIT_ERROR;
	struct new_args a = {{o[0].value, o[1].value, o[2].value, o[3].value, o[4].value, o[5].value, o[6].value,
			      o[7].value, c->actor_no},
			     NULL};
	int rc = cli_one_write(c, do_new, &a, NULL);
	if (rc == EXIT_OK)
		printf("監査 %s を登録しました。監査人（audit member add）と監査項目（audit item add）を加えてください\n", a.no);
	free(a.no);
	return rc;
}

struct close_args {
	const char *no, *actor, *conclusion;
};

static int do_close(struct tx *tx, void *arg, struct err *e)
{
	struct close_args *a = arg;
	return audit_close(tx, a->no, a->actor, a->conclusion, e);
}

static int audit_close_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"conclusion", 1, NULL}};
	char *pos[1], done[96];
	int npos;
	if (audit_cli_need_actor(c, "audit close") || cli_parse("audit close", argc, argv, o, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit close: 監査番号を指定してください");
	struct close_args a = {pos[0], c->actor_no, o[0].value};
	snprintf(done, sizeof done, "監査 %s を終了しました", pos[0]);
	return cli_one_write(c, do_close, &a, done);
}

/* ---- members ---- */

struct member_args {
	const char *no, *staff, *external, *role, *actor;
};

static int do_member(struct tx *tx, void *arg, struct err *e)
{
	struct member_args *a = arg;
	return audit_member_add(tx, a->no, a->staff, a->external, a->role, a->actor, e);
}

static int member_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"staff", 1, NULL}, {"external", 1, NULL}, {"role", 1, NULL}};
	char *pos[1], done[96];
	int npos;
	if (audit_cli_need_actor(c, "audit member add") || cli_parse("audit member add", argc, argv, o, 3, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit member add: 監査番号を指定してください");
	struct member_args a = {pos[0], o[0].value, o[1].value, o[2].value, c->actor_no};
	snprintf(done, sizeof done, "監査 %s に監査人を加えました", pos[0]);
	return cli_one_write(c, do_member, &a, done);
}

static int audit_member_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {{"add", member_add_cmd}};
	return cli_dispatch(c, "audit member", subs, 1, argc, argv);
}

/* ---- items ---- */

struct items_args {
	const char *no, *method, *actor;
	const char *const *clauses;
	size_t n;
	int added;
};

static int do_items(struct tx *tx, void *arg, struct err *e)
{
	struct items_args *a = arg;
	return audit_items_add(tx, a->no, a->clauses, a->n, a->method, a->actor, &a->added, e);
}

#define MAX_ITEM_ARGS 64

static int item_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"method", 1, NULL}};
	char *pos[MAX_ITEM_ARGS + 1];
	int npos;
	if (audit_cli_need_actor(c, "audit item add") ||
	    cli_parse("audit item add", argc, argv, o, 1, pos, MAX_ITEM_ARGS + 1, &npos))
		return EXIT_ERROR;
	if (npos < 2)
		return cli_usage("audit item add: 監査番号と、条項番号（例: 6.1.1）か章・節（例: 6、6.2）を指定してください");
	struct items_args a = {pos[0], o[0].value, c->actor_no, (const char *const *)pos + 1, (size_t)npos - 1, 0};
	int rc = cli_one_write(c, do_items, &a, NULL);
	if (rc == EXIT_OK)
		printf("監査 %s に監査項目を %d 件加えました\n", pos[0], a.added);
	return rc;
}

struct set_args {
	const char *no, *clause, *result, *method, *note, *actor;
};

static int do_set(struct tx *tx, void *arg, struct err *e)
{
	struct set_args *a = arg;
	return audit_item_set(tx, a->no, a->clause, a->result, a->method, a->note, a->actor, e);
}

static int item_set_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"result", 1, NULL}, {"method", 1, NULL}, {"note", 1, NULL}};
	char *pos[2], done[128];
	int npos;
	if (audit_cli_need_actor(c, "audit item set") || cli_parse("audit item set", argc, argv, o, 3, pos, 2, &npos))
		return EXIT_ERROR;
	if (npos != 2)
		return cli_usage("audit item set: 監査番号と条項番号を指定してください");
	struct set_args a = {pos[0], pos[1], o[0].value, o[1].value, o[2].value, c->actor_no};
	snprintf(done, sizeof done, "監査 %s の条項 %s の結果を記録しました", pos[0], pos[1]);
	return cli_one_write(c, do_set, &a, done);
}

static int audit_item_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {{"add", item_add_cmd}, {"set", item_set_cmd}};
	return cli_dispatch(c, "audit item", subs, 2, argc, argv);
}

/* ---- list, show ---- */

static void audit_json(struct json_writer *w, const struct audit_report *r)
{
	const struct audit *a = &r->a;
	char *name, *subs;
	audit_contractor_parts(a, &name, &subs);
	jw_object_begin(w);
	jw_kv_string(w, "audit_no", a->audit_no);
	jw_kv_string(w, "closed_at", a->closed_at);
	jw_kv_string(w, "conclusion", a->conclusion);
	jw_kv_string(w, "contractor", name);
	jw_kv_string(w, "ends_on", a->ends_on);
	jw_kv_int(w, "fiscal_year", a->fiscal_year);
	jw_key(w, "findings");
	jw_array_begin(w);
	for (size_t i = 0; i < r->findings.n; i++) {
		const struct audit_finding *f = &r->findings.v[i];
		jw_object_begin(w);
		jw_kv_string(w, "clause", f->clause);
		jw_kv_string(w, "description", f->description);
		jw_kv_string(w, "directive", f->directive);
		jw_kv_string(w, "finding_no", f->finding_no);
		jw_kv_string(w, "severity", f->severity);
		jw_kv_string(w, "state", f->state);
		jw_kv_string(w, "unit", audit_report_unit_name(r, f->unit_id));
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_key(w, "evidence");
	audit_evidence_json(w, &r->evidence);
	jw_key(w, "items");
	audit_items_json(w, &r->items);
	jw_kv_string(w, "lead", audit_report_staff_name(r, a->lead_id));
	jw_key(w, "members");
	audit_members_json(w, &r->members, &r->staff);
	jw_kv_string(w, "starts_on", a->starts_on);
	jw_kv_string(w, "state", a->state);
	jw_key(w, "subcontractors");
	jw_array_begin(w);
	for (char *p = subs; p && *p;) {
		char *sep = strstr(p, "、");
		if (sep)
			*sep = '\0';
		jw_string(w, p);
		p = sep ? sep + strlen("、") : NULL;
	}
	jw_array_end(w);
	const struct info_system *sys = a->system_id ? infosys_by_id(&r->systems, a->system_id) : NULL;
	jw_kv_string(w, "system", sys ? sys->code : NULL);
	jw_kv_string(w, "target_kind", a->target_kind);
	jw_kv_string(w, "title", a->title);
	jw_kv_string(w, "unit", audit_report_unit_name(r, a->unit_id));
	jw_object_end(w);
	free(name);
	free(subs);
}

static int audit_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}, {"state", 1, NULL}, {"unit", 1, NULL}};
	char *pos[1];
	int npos, fy;
	struct err e = {0};
	struct audit_list l;
	struct case_refs refs;
	if (cli_parse("audit list", argc, argv, o, 3, pos, 0, &npos) || audit_cli_year(o[0].value, &fy))
		return EXIT_ERROR;
	if (o[1].value && strcmp(o[1].value, "open") != 0 && strcmp(o[1].value, "closed") != 0)
		return cli_usage("audit list: --state は open（実施中）か closed（終了）です");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (case_refs_load(c->db, &refs, &e)) {
		case_refs_free(&refs);
		return cli_fail(&e);
	}
	const struct org_unit *u = o[2].value ? org_unit_by_code(&refs.units, o[2].value) : NULL;
	struct audit_filter f = {fy, o[1].value, u ? u->id : 0};
	if (o[2].value && !u) {
		case_refs_free(&refs);
		err_set(&e, ERR_INPUT, "組織コード「%s」は登録されていません", o[2].value);
		return cli_fail(&e);
	}
	if (audit_list_load(c->db, &f, &l, &e)) {
		case_refs_free(&refs);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "audits", "監査番号,年度,件名,対象の種類,課,情報システム,委託先,開始日,終了予定日,状態");
	for (size_t i = 0; i < l.n; i++) {
		const struct audit *a = &l.v[i];
		const struct org_unit *au = org_unit_by_id(&refs.units, a->unit_id);
		const struct info_system *s = a->system_id ? infosys_by_id(&refs.systems, a->system_id) : NULL;
		char *name, *subs, year[16];
		audit_contractor_parts(a, &name, &subs);
		snprintf(year, sizeof year, "%d", a->fiscal_year);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "audit_no", a->audit_no);
			jw_kv_string(&out.w, "contractor", name);
			jw_kv_int(&out.w, "fiscal_year", a->fiscal_year);
			jw_kv_string(&out.w, "starts_on", a->starts_on);
			jw_kv_string(&out.w, "state", a->state);
			jw_kv_string(&out.w, "system", s ? s->code : NULL);
			jw_kv_string(&out.w, "target_kind", a->target_kind);
			jw_kv_string(&out.w, "title", a->title);
			jw_kv_string(&out.w, "unit", au ? au->code : NULL);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {a->audit_no, year, a->title, audit_target_label(a->target_kind), au ? au->name : "",
					       s ? s->name : "", name, a->starts_on, a->ends_on, audit_state_label(a->state)};
			for (size_t k = 0; k < 10; k++)
				buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 9);
		} else {
			buf_printf(&out.b, "%s\t%s\t%s\t%s\t%s\n", a->audit_no, audit_target_label(a->target_kind),
				   name ? name : s ? s->name : au ? au->name : "", a->title, audit_state_label(a->state));
		}
		free(name);
		free(subs);
	}
	list_end(&out);
	audit_list_free(&l);
	case_refs_free(&refs);
	return EXIT_OK;
}

static void show_text(const struct audit_report *r, const struct case_events *ev)
{
	char *target = audit_report_target_text(r);
	const struct audit *a = &r->a;
	printf("監査番号  %s\n件名      %s\n年度      %d\n対象      %s（%s）\n期間      %s〜%s\n統括責任者 %s\n状態      %s\n",
	       a->audit_no, a->title, a->fiscal_year, target, audit_target_label(a->target_kind), a->starts_on,
	       a->ends_on ? a->ends_on : "", audit_report_staff_name(r, a->lead_id), audit_state_label(a->state));
	free(target);
	for (size_t i = 0; i < r->members.n; i++) {
		const struct audit_member *m = &r->members.v[i];
		printf("監査人    %s%s%s\n", m->staff_id ? audit_report_staff_name(r, m->staff_id) : m->external_name,
		       m->staff_id ? "" : "（外部）", strcmp(m->role, "lead") == 0 ? "（主任）" : "");
	}
	for (size_t i = 0; i < r->items.n; i++)
		printf("項目      %s\t%s\t%s\n", r->items.v[i].clause, audit_result_label(r->items.v[i].result),
		       r->items.v[i].method ? r->items.v[i].method : "");
	for (size_t i = 0; i < r->evidence.n; i++)
		printf("証跡      %lld\t%s\t%s\t%lld バイト\t%s\n", r->evidence.v[i].id, r->evidence.v[i].kind,
		       r->evidence.v[i].filename, r->evidence.v[i].size, r->evidence.v[i].sha256);
	for (size_t i = 0; i < r->findings.n; i++)
		printf("指摘      %s\t%s\t%s\t%s\t%s\n", r->findings.v[i].finding_no,
		       audit_severity_label(r->findings.v[i].severity), r->findings.v[i].clause,
		       audit_finding_state_label(r->findings.v[i].state), r->findings.v[i].description);
	if (a->conclusion)
		printf("結論      %s\n", a->conclusion);
	for (size_t i = 0; i < ev->n; i++) {
		char at[17];
		case_jst(ev->v[i].at, at);
		printf("経過      %s %s（%s）%s\n", at, audit_step_label(ev->v[i].kind),
		       audit_report_staff_name(r, ev->v[i].actor_id), ev->v[i].body);
	}
}

static int audit_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct audit_report r;
	struct case_events ev;
	if (cli_parse("audit show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit show: 監査番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (audit_report_gather(c->db, pos[0], &r, &e))
		return cli_fail(&e);
	if (case_events_load(c->db, CASE_AUDIT, r.a.id, &ev, &e)) {
		audit_report_free(&r);
		return cli_fail(&e);
	}
	if (c->format == FMT_JSON) {
		struct buf b = BUF_INIT;
		struct json_writer w;
		jw_init(&w, &b);
		audit_json(&w, &r);
		audit_cli_json_out(&b);
	} else {
		show_text(&r, &ev);
	}
	case_events_free(&ev);
	audit_report_free(&r);
	return EXIT_OK;
}

int cmd_audit(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"plan", audit_plan_cmd},       {"new", audit_new_cmd},         {"list", audit_list_cmd},
		{"show", audit_show_cmd},       {"close", audit_close_cmd},     {"member", audit_member_cmd},
		{"item", audit_item_cmd},       {"evidence", audit_evidence_cmd}, {"finding", audit_finding_cmd},
		{"spread", audit_spread_cmd},   {"report", audit_report_cmd},   {"action", cmd_action},
	};
	if (c->format != FMT_TEXT && c->format != FMT_JSON && c->format != FMT_CSV &&
	    !(argc > 0 && strcmp(argv[0], "report") == 0))
		return cli_usage("audit: --format %s は audit report でだけ使えます", c->format == FMT_PDF ? "pdf" : "html/xlsx");
	return cli_dispatch(c, "audit", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
