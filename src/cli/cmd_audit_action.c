/*
 * cmd_audit_action.c — `mamori --as 職員番号 action done|verify|list|show`:
 * the corrective actions (改善措置, core/corrective.h) filed from audit
 * findings (`audit finding action`) and from self-inspection, reported done
 * by the 課 and verified by the audit lead, the 統括 or the CISO.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cli.h"
#include "cli/cmd_audit.h"
#include "core/audit.h"
#include "core/corrective.h"
#include "util/timeutil.h"

struct step_args {
	int verify, ok;
	const char *no, *actor, *note;
};

static int do_step(struct tx *tx, void *arg, struct err *e)
{
	struct step_args *a = arg;
	if (a->verify)
		return corrective_verify(tx, a->no, a->actor, a->ok, a->note, e);
	return corrective_done(tx, a->no, a->actor, a->note, e);
}

static int action_done_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"note", 1, NULL}};
	char *pos[1], done[128];
	int npos;
	if (audit_cli_need_actor(c, "action done") || cli_parse("action done", argc, argv, o, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("action done: 改善措置の番号を指定してください");
	struct step_args a = {0, 0, pos[0], c->actor_no, o[0].value};
	snprintf(done, sizeof done, "改善措置 %s の完了を報告しました。確認を待っています", pos[0]);
	return cli_one_write(c, do_step, &a, done);
}

static int action_verify_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"note", 1, NULL}, {"reject", 0, NULL}};
	char *pos[1], done[128];
	int npos;
	if (audit_cli_need_actor(c, "action verify") || cli_parse("action verify", argc, argv, o, 2, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("action verify: 改善措置の番号を指定してください");
	struct step_args a = {1, !o[1].value, pos[0], c->actor_no, o[0].value};
	snprintf(done, sizeof done, o[1].value ? "改善措置 %s を差し戻しました" : "改善措置 %s の有効性を確認しました", pos[0]);
	return cli_one_write(c, do_step, &a, done);
}

struct view {
	char today[11];
	struct case_refs refs;
	struct audit_findings findings;
};

static int view_load(struct db *db, struct view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	time_today(v->today);
	if (case_refs_load(db, &v->refs, e) || audit_findings_load(db, NULL, &v->findings, e))
		return e->code;
	return 0;
}

static void view_free(struct view *v)
{
	case_refs_free(&v->refs);
	audit_findings_free(&v->findings);
}

static const char *finding_no(const struct view *v, long long id)
{
	for (size_t i = 0; id && i < v->findings.n; i++)
		if (v->findings.v[i].id == id)
			return v->findings.v[i].finding_no;
	return NULL;
}

static void json_one(struct json_writer *w, const struct view *v, const struct corrective_action *a)
{
	jw_object_begin(w);
	jw_kv_string(w, "action_no", a->action_no);
	jw_kv_string(w, "clause", a->clause);
	jw_kv_string(w, "created_at", a->created_at);
	jw_kv_string(w, "created_by", case_staff_no(&v->refs, a->created_by));
	jw_kv_string(w, "done_at", a->done_at);
	jw_kv_string(w, "done_note", a->done_note);
	jw_kv_string(w, "due_on", a->due_on);
	jw_kv_string(w, "finding_no", finding_no(v, a->finding_id));
	jw_kv_string(w, "measure", a->measure);
	jw_key(w, "overdue");
	jw_raw(w, corrective_is_overdue(a, v->today) ? "true" : "false");
	jw_kv_string(w, "owner", case_staff_no(&v->refs, a->owner_id));
	jw_kv_string(w, "owner_name", case_staff_name(&v->refs, a->owner_id));
	jw_kv_string(w, "problem", a->problem);
	jw_kv_string(w, "source", a->source);
	jw_kv_string(w, "state", a->state);
	jw_kv_string(w, "state_label", corrective_state_label(a->state));
	jw_kv_string(w, "unit", audit_cli_unit_name(&v->refs, a->unit_id));
	jw_kv_string(w, "verified_at", a->verified_at);
	jw_kv_string(w, "verified_by", case_staff_no(&v->refs, a->verified_by));
	jw_object_end(w);
}

static void list_one(struct list_out *out, const struct view *v, const struct corrective_action *a)
{
	const char *state = corrective_is_overdue(a, v->today) ? "期限超過" : corrective_state_label(a->state);
	if (out->format == FMT_JSON) {
		json_one(&out->w, v, a);
	} else if (out->format == FMT_CSV) {
		const char *cells[] = {a->action_no, strcmp(a->source, "audit") == 0 ? "監査" : "自己点検",
				       finding_no(v, a->finding_id), audit_cli_unit_name(&v->refs, a->unit_id), a->clause, a->problem,
				       a->measure, case_staff_name(&v->refs, a->owner_id), a->due_on, state,
				       a->done_note, case_staff_name(&v->refs, a->verified_by)};
		size_t n = sizeof cells / sizeof cells[0];
		for (size_t i = 0; i < n; i++)
			buf_csv_field(&out->b, cells[i] ? cells[i] : "", i + 1 == n);
	} else {
		buf_printf(&out->b, "%s\t%s\t%s\t%s\t期限 %s\t%s\t%s\n", a->action_no,
			   strcmp(a->source, "audit") == 0 ? "監査" : "自己点検", audit_cli_unit_name(&v->refs, a->unit_id),
			   case_staff_name(&v->refs, a->owner_id), a->due_on ? a->due_on : "—", state, a->measure);
	}
}

static int action_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"source", 1, NULL}, {"state", 1, NULL}, {"unit", 1, NULL}, {"year", 1, NULL},
			  {"overdue", 0, NULL}};
	char *pos[1];
	int npos, fy;
	struct err e = {0};
	struct view v;
	struct corrective_list l;
	if (cli_parse("action list", argc, argv, o, 5, pos, 0, &npos) || audit_cli_year(o[3].value, &fy))
		return EXIT_ERROR;
	if (o[0].value && strcmp(o[0].value, "audit") != 0 && strcmp(o[0].value, "inspect") != 0)
		return cli_usage("action list: --source は audit か inspect です");
	static const char *const states[] = {"open", "done", "verified", "reopened", "unverified"};
	int state_ok = !o[1].value;
	for (size_t i = 0; i < 5 && !state_ok; i++)
		state_ok = strcmp(o[1].value, states[i]) == 0;
	if (!state_ok)
		return cli_usage("action list: --state は open、done、verified、reopened、unverified のいずれかです");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (view_load(c->db, &v, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	const struct org_unit *u = o[2].value ? org_unit_by_code(&v.refs.units, o[2].value) : NULL;
	if (o[2].value && !u) {
		view_free(&v);
		err_set(&e, ERR_INPUT, "組織コード「%s」は登録されていません", o[2].value);
		return cli_fail(&e);
	}
	struct corrective_filter f = {o[0].value, o[1].value, u ? u->id : 0, fy};
	if (corrective_list(c->db, &f, &l, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "actions", "番号,発端,指摘事項,課,条項,問題点,措置内容,担当者,期限,状態,完了報告,確認者");
	for (size_t i = 0; i < l.n; i++)
		if (!o[4].value || corrective_is_overdue(&l.v[i], v.today))
			list_one(&out, &v, &l.v[i]);
	list_end(&out);
	corrective_list_free(&l);
	view_free(&v);
	return EXIT_OK;
}

static void print_timeline(const struct view *v, const struct case_events *ev)
{
	for (size_t i = 0; i < ev->n; i++) {
		char at[17];
		case_jst(ev->v[i].at, at);
		printf("経過      %s %s（%s）%s\n", at, corrective_step_label(ev->v[i].kind),
		       case_staff_name(&v->refs, ev->v[i].actor_id), ev->v[i].body);
	}
}

static int action_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	struct corrective_action a;
	struct case_events ev;
	if (cli_parse("action show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("action show: 改善措置の番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (corrective_load(c->db, pos[0], &a, &e))
		return cli_fail(&e);
	if (view_load(c->db, &v, &e) || case_events_load(c->db, CASE_CORRECTIVE, a.id, &ev, &e)) {
		view_free(&v);
		corrective_action_free(&a);
		return cli_fail(&e);
	}
	if (c->format == FMT_JSON) {
		struct buf b = BUF_INIT;
		struct json_writer w;
		jw_init(&w, &b);
		json_one(&w, &v, &a);
		audit_cli_json_out(&b);
	} else {
		const char *fno = finding_no(&v, a.finding_id);
		printf("番号      %s\n発端      %s%s%s\n課        %s\n条項      %s\n問題点    %s\n措置内容  %s\n"
		       "担当者    %s\n期限      %s\n状態      %s%s\n",
		       a.action_no, strcmp(a.source, "audit") == 0 ? "監査" : "自己点検", fno ? " " : "", fno ? fno : "",
		       audit_cli_unit_name(&v.refs, a.unit_id), a.clause ? a.clause : "—", a.problem, a.measure,
		       case_staff_name(&v.refs, a.owner_id), a.due_on ? a.due_on : "—", corrective_state_label(a.state),
		       corrective_is_overdue(&a, v.today) ? "（期限超過）" : "");
		if (a.done_note)
			printf("完了報告  %s\n", a.done_note);
		if (a.verified_at)
			printf("確認者    %s\n", case_staff_name(&v.refs, a.verified_by));
		print_timeline(&v, &ev);
	}
	case_events_free(&ev);
	corrective_action_free(&a);
	view_free(&v);
	return EXIT_OK;
}

int cmd_action(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"done", action_done_cmd},
		{"verify", action_verify_cmd},
		{"list", action_list_cmd},
		{"show", action_show_cmd},
	};
	return cli_dispatch(c, "action", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
