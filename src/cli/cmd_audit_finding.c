/*
 * cmd_audit_finding.c — `mamori --as 職員番号 audit finding add|direct|action|
 * list|show` and `audit spread ask|answer|list` (guideline 9.1.7): findings,
 * the CISO's directive to the owning 課, corrective actions from them, and
 * requests to other 課 to look for the same problem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cmd_audit.h"
#include "core/audit.h"
#include "core/corrective.h"

/* ---- finding add, direct, action ---- */

struct add_args {
	struct audit_finding_new in;
	char *no;
};

static int do_add(struct tx *tx, void *arg, struct err *e)
{
	struct add_args *a = arg;
	return audit_finding_add(tx, &a->in, &a->no, e);
}

static int finding_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"clause", 1, NULL}, {"severity", 1, NULL}, {"description", 1, NULL}, {"unit", 1, NULL}};
	char *pos[1];
	int npos;
	if (audit_cli_need_actor(c, "audit finding add") || cli_parse("audit finding add", argc, argv, o, 4, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit finding add: 監査番号を指定してください");
	struct add_args a = {{pos[0], o[0].value, o[1].value, o[2].value, o[3].value, c->actor_no}, NULL};
	int rc = cli_one_write(c, do_add, &a, NULL);
	if (rc == EXIT_OK)
		printf("指摘事項 %s を登録しました。CISO の指示: audit finding direct\n", a.no);
	free(a.no);
	return rc;
}

struct direct_args {
	const char *no, *directive, *actor;
};

static int do_direct(struct tx *tx, void *arg, struct err *e)
{
	struct direct_args *a = arg;
	return audit_finding_direct(tx, a->no, a->directive, a->actor, e);
}

static int finding_direct_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"directive", 1, NULL}};
	char *pos[1], done[128];
	int npos;
	if (audit_cli_need_actor(c, "audit finding direct") ||
	    cli_parse("audit finding direct", argc, argv, o, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit finding direct: 指摘事項の番号を指定してください");
	struct direct_args a = {pos[0], o[0].value, c->actor_no};
	snprintf(done, sizeof done, "指摘事項 %s への対応を指示しました", pos[0]);
	return cli_one_write(c, do_direct, &a, done);
}

struct action_args {
	const char *no, *unit, *measure, *owner, *due, *actor;
	char *action_no;
};

static int do_action(struct tx *tx, void *arg, struct err *e)
{
	struct action_args *a = arg;
	return audit_finding_action(tx, a->no, a->unit, a->measure, a->owner, a->due, a->actor, &a->action_no, e);
}

static int finding_action_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"measure", 1, NULL}, {"unit", 1, NULL}, {"owner", 1, NULL}, {"due", 1, NULL}};
	char *pos[1];
	int npos;
	if (audit_cli_need_actor(c, "audit finding action") ||
	    cli_parse("audit finding action", argc, argv, o, 4, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit finding action: 指摘事項の番号を指定してください");
	struct action_args a = {pos[0], o[1].value, o[0].value, o[2].value, o[3].value, c->actor_no, NULL};
	int rc = cli_one_write(c, do_action, &a, NULL);
	if (rc == EXIT_OK)
		printf("改善措置 %s を登録しました（指摘事項 %s）。完了報告: action done\n", a.action_no, pos[0]);
	free(a.action_no);
	return rc;
}

/* ---- finding list, show ---- */

struct view {
	struct case_refs refs;
	struct audit_list audits;
};

static int view_load(struct db *db, struct view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	if (case_refs_load(db, &v->refs, e) || audit_list_load(db, NULL, &v->audits, e))
		return e->code;
	return 0;
}

static void view_free(struct view *v)
{
	case_refs_free(&v->refs);
	audit_list_free(&v->audits);
}

static void finding_json(struct json_writer *w, const struct view *v, const struct audit_finding *f)
{
	const struct org_unit *u = org_unit_by_id(&v->refs.units, f->unit_id);
	jw_object_begin(w);
	jw_kv_string(w, "clause", f->clause);
	jw_kv_string(w, "closed_at", f->closed_at);
	jw_kv_string(w, "created_at", f->created_at);
	jw_kv_string(w, "description", f->description);
	jw_kv_string(w, "directed_at", f->directed_at);
	jw_kv_string(w, "directed_by", f->directed_by ? case_staff_no(&v->refs, f->directed_by) : NULL);
	jw_kv_string(w, "directive", f->directive);
	jw_kv_string(w, "finding_no", f->finding_no);
	jw_kv_string(w, "severity", f->severity);
	jw_kv_string(w, "state", f->state);
	jw_kv_string(w, "state_label", audit_finding_state_label(f->state));
	jw_kv_string(w, "unit", u ? u->code : NULL);
	jw_kv_string(w, "unit_name", u ? u->name : NULL);
	jw_object_end(w);
}

static int finding_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}, {"state", 1, NULL}, {"unit", 1, NULL}, {"audit", 1, NULL}};
	char *pos[1];
	int npos, fy;
	struct err e = {0};
	struct view v;
	struct audit_findings l;
	if (cli_parse("audit finding list", argc, argv, o, 4, pos, 0, &npos) || audit_cli_year(o[0].value, &fy))
		return EXIT_ERROR;
	if (o[1].value && strcmp(o[1].value, "open") != 0 && strcmp(o[1].value, "directed") != 0 &&
	    strcmp(o[1].value, "closed") != 0)
		return cli_usage("audit finding list: --state は open、directed、closed のいずれかです");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (view_load(c->db, &v, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	const struct org_unit *u = o[2].value ? org_unit_by_code(&v.refs.units, o[2].value) : NULL;
	long long audit_id = 0;
	for (size_t i = 0; o[3].value && i < v.audits.n; i++)
		if (strcmp(v.audits.v[i].audit_no, o[3].value) == 0)
			audit_id = v.audits.v[i].id;
	if ((o[2].value && !u) || (o[3].value && !audit_id)) {
		err_set(&e, ERR_INPUT, o[2].value && !u ? "組織コード「%s」は登録されていません" : "監査の番号「%s」はありません",
			o[2].value && !u ? o[2].value : o[3].value);
		view_free(&v);
		return cli_fail(&e);
	}
	struct audit_finding_filter f = {audit_id, u ? u->id : 0, o[1].value, fy};
	if (audit_findings_load(c->db, &f, &l, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "findings", "番号,重大度,条項,課,内容,CISO の指示,状態");
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_finding *x = &l.v[i];
		if (out.format == FMT_JSON) {
			finding_json(&out.w, &v, x);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {x->finding_no, audit_severity_label(x->severity), x->clause,
					       audit_cli_unit_name(&v.refs, x->unit_id), x->description, x->directive,
					       audit_finding_state_label(x->state)};
			for (size_t k = 0; k < 7; k++)
				buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 6);
		} else {
			buf_printf(&out.b, "%s\t%s\t%s\t%s\t%s\t%s\n", x->finding_no, audit_severity_label(x->severity),
				   x->clause ? x->clause : "", audit_cli_unit_name(&v.refs, x->unit_id), audit_finding_state_label(x->state),
				   x->description);
		}
	}
	list_end(&out);
	audit_findings_free(&l);
	view_free(&v);
	return EXIT_OK;
}

static int finding_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	struct audit_finding f;
	struct audit_spreads s;
	struct corrective_list acts;
	struct corrective_filter cf = {"audit", NULL, 0, 0};
	if (cli_parse("audit finding show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit finding show: 指摘事項の番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (audit_finding_load(c->db, pos[0], &f, &e))
		return cli_fail(&e);
	if (view_load(c->db, &v, &e) || audit_spreads_load(c->db, f.id, 0, &s, &e) || corrective_list(c->db, &cf, &acts, &e)) {
		view_free(&v);
		audit_finding_free(&f);
		return cli_fail(&e);
	}
	if (c->format == FMT_JSON) {
		struct buf b = BUF_INIT;
		struct json_writer w;
		jw_init(&w, &b);
		finding_json(&w, &v, &f);
		audit_cli_json_out(&b);
	} else {
		printf("番号      %s\n重大度    %s\n条項      %s\n課        %s\n内容      %s\n状態      %s\n", f.finding_no,
		       audit_severity_label(f.severity), f.clause ? f.clause : "—", audit_cli_unit_name(&v.refs, f.unit_id),
		       f.description, audit_finding_state_label(f.state));
		if (f.directive)
			printf("CISO 指示 %s（%s）\n", f.directive, case_staff_name(&v.refs, f.directed_by));
		for (size_t i = 0; i < acts.n; i++)
			if (acts.v[i].finding_id == f.id)
				printf("改善措置  %s\t%s\t%s\t%s\n", acts.v[i].action_no, audit_cli_unit_name(&v.refs, acts.v[i].unit_id),
				       corrective_state_label(acts.v[i].state), acts.v[i].measure);
		for (size_t i = 0; i < s.n; i++)
			printf("他課確認  %s\t%s\t%s\n", audit_cli_unit_name(&v.refs, s.v[i].unit_id), audit_spread_state_label(s.v[i].state),
			       s.v[i].answer ? s.v[i].answer : "");
	}
	corrective_list_free(&acts);
	audit_spreads_free(&s);
	audit_finding_free(&f);
	view_free(&v);
	return EXIT_OK;
}

int audit_finding_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", finding_add_cmd},   {"direct", finding_direct_cmd}, {"action", finding_action_cmd},
		{"list", finding_list_cmd}, {"show", finding_show_cmd},
	};
	return cli_dispatch(c, "audit finding", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}

/* ---- spread ---- */

#define MAX_UNITS 64

struct ask_args {
	const char *no, *actor;
	const char *const *units;
	size_t n;
};

static int do_ask(struct tx *tx, void *arg, struct err *e)
{
	struct ask_args *a = arg;
	return audit_spread_ask(tx, a->no, a->units, a->n, a->actor, e);
}

static int spread_ask_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[MAX_UNITS + 1], done[128];
	int npos;
	if (audit_cli_need_actor(c, "audit spread ask") ||
	    cli_parse("audit spread ask", argc, argv, NULL, 0, pos, MAX_UNITS + 1, &npos))
		return EXIT_ERROR;
	if (npos < 2)
		return cli_usage("audit spread ask: 指摘事項の番号と、確認を依頼する課の組織コード（複数可）を指定してください");
	struct ask_args a = {pos[0], c->actor_no, (const char *const *)pos + 1, (size_t)npos - 1};
	snprintf(done, sizeof done, "指摘事項 %s について %d 課に確認を依頼しました", pos[0], npos - 1);
	return cli_one_write(c, do_ask, &a, done);
}

struct answer_args {
	const char *no, *unit, *answer, *actor;
	int found;
};

static int do_answer(struct tx *tx, void *arg, struct err *e)
{
	struct answer_args *a = arg;
	return audit_spread_answer(tx, a->no, a->unit, a->found, a->answer, a->actor, e);
}

static int spread_answer_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"unit", 1, NULL}, {"found", 0, NULL}, {"not-found", 0, NULL}, {"answer", 1, NULL}};
	char *pos[1], done[128];
	int npos;
	if (audit_cli_need_actor(c, "audit spread answer") ||
	    cli_parse("audit spread answer", argc, argv, o, 4, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit spread answer: 指摘事項の番号を指定してください");
	if (!o[1].value == !o[2].value)
		return cli_usage("audit spread answer: --found（同様の問題あり）か --not-found（なし）のどちらかを指定してください");
	struct answer_args a = {pos[0], o[0].value, o[3].value, c->actor_no, o[1].value != NULL};
	snprintf(done, sizeof done, "指摘事項 %s の確認結果を回答しました", pos[0]);
	return cli_one_write(c, do_answer, &a, done);
}

static int spread_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"unit", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	struct audit_spreads s;
	struct audit_findings fl;
	struct audit_finding f = {0};
	if (cli_parse("audit spread list", argc, argv, o, 1, pos, 1, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (npos == 1 && audit_finding_load(c->db, pos[0], &f, &e))
		return cli_fail(&e);
	if (view_load(c->db, &v, &e) || audit_findings_load(c->db, NULL, &fl, &e)) {
		view_free(&v);
		audit_finding_free(&f);
		return cli_fail(&e);
	}
	const struct org_unit *u = o[0].value ? org_unit_by_code(&v.refs.units, o[0].value) : NULL;
	int rc = EXIT_OK;
	if (o[0].value && !u) {
		err_set(&e, ERR_INPUT, "組織コード「%s」は登録されていません", o[0].value);
		rc = cli_fail(&e);
	} else if (audit_spreads_load(c->db, f.id, u ? u->id : 0, &s, &e)) {
		rc = cli_fail(&e);
	} else {
		struct list_out out;
		list_begin(&out, c, "requests", "指摘事項,課,管理者,状態,回答,依頼日時,回答日時");
		for (size_t i = 0; i < s.n; i++) {
			const struct audit_spread *x = &s.v[i];
			const char *fno = "";
			for (size_t k = 0; k < fl.n; k++)
				if (fl.v[k].id == x->finding_id)
					fno = fl.v[k].finding_no;
			const struct org_unit *xu = org_unit_by_id(&v.refs.units, x->unit_id);
			if (out.format == FMT_JSON) {
				jw_object_begin(&out.w);
				jw_kv_string(&out.w, "answer", x->answer);
				jw_kv_string(&out.w, "answered_at", x->answered_at);
				jw_kv_string(&out.w, "asked_at", x->asked_at);
				jw_kv_string(&out.w, "finding_no", fno);
				jw_kv_string(&out.w, "manager", x->manager_id ? case_staff_no(&v.refs, x->manager_id) : NULL);
				jw_kv_string(&out.w, "state", x->state);
				jw_kv_string(&out.w, "unit", xu ? xu->code : NULL);
				jw_object_end(&out.w);
			} else if (out.format == FMT_CSV) {
				const char *cells[] = {fno, xu ? xu->name : "", case_staff_name(&v.refs, x->manager_id),
						       audit_spread_state_label(x->state), x->answer, x->asked_at, x->answered_at};
				for (size_t k = 0; k < 7; k++)
					buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 6);
			} else {
				buf_printf(&out.b, "%s\t%s\t%s\t%s\n", fno, xu ? xu->name : "", audit_spread_state_label(x->state),
					   x->answer ? x->answer : "");
			}
		}
		list_end(&out);
		audit_spreads_free(&s);
	}
	audit_findings_free(&fl);
	audit_finding_free(&f);
	view_free(&v);
	return rc;
}

int audit_spread_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"ask", spread_ask_cmd},
		{"answer", spread_answer_cmd},
		{"list", spread_list_cmd},
	};
	return cli_dispatch(c, "audit spread", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
