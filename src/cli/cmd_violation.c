/*
 * cmd_violation.c — `mamori --as 職員番号 violation record|step|suspend|revoke|
 * lift|list|show` (違反への対応, guideline 7.2(3), 7.6).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cli.h"
#include "core/case_event.h"
#include "core/case_util.h"
#include "core/case_write.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/staff.h"
#include "core/violation.h"
#include "util/timeutil.h"

static int violation_record_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"staff", 1, NULL}, {"clause", 1, NULL}, {"description", 1, NULL}};
	char *pos[1];
	int npos;
	if (case_need_actor(c, "violation record") || cli_parse("violation record", argc, argv, o, 3, pos, 0, &npos))
		return EXIT_ERROR;
	if (!o[0].value)
		return cli_usage("violation record: 違反した職員を --staff 職員番号 で指定してください");
	struct violation_recording a = {{c->actor_no, o[0].value, o[1].value, o[2].value}, NULL};
	int rc = cli_one_write(c, violation_record_write, &a, NULL);
	if (rc == EXIT_OK)
		printf("違反 %s を記録し、所属課の情報セキュリティ管理者への通知を記録しました\n", a.no);
	free(a.no);
	return rc;
}

enum act_kind { ACT_STEP, ACT_SUSPEND, ACT_REVOKE, ACT_LIFT };

struct act_args {
	enum act_kind kind;
	const char *no, *actor, *step_kind, *note;
};

static int do_act(struct tx *tx, void *arg, struct err *e)
{
	struct act_args *a = arg;
	switch (a->kind) {
	case ACT_STEP:
		return violation_step(tx, a->no, a->actor, a->step_kind, a->note, e);
	case ACT_SUSPEND:
	case ACT_REVOKE:
		return violation_restrict(tx, a->no, a->actor, a->kind == ACT_REVOKE, a->note, e);
	case ACT_LIFT:
		return violation_lift(tx, a->no, a->actor, a->note, e);
	}
	return 0;
}

static int act_cmd(struct cli *c, int argc, char **argv, enum act_kind kind)
{
	static const char *const names[] = {"step", "suspend", "revoke", "lift"};
	static const char *const done_words[] = {"経過", "利用権の停止", "利用権の剥奪", "利用停止の解除"};
	struct opt o[] = {{"note", 1, NULL}, {"kind", 1, NULL}};
	char *pos[1], cmd[32], done[200];
	int npos;
	snprintf(cmd, sizeof cmd, "violation %s", names[kind]);
	if (case_need_actor(c, cmd) || cli_parse(cmd, argc, argv, o, kind == ACT_STEP ? 2 : 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: 違反の番号を指定してください", cmd);
	if (kind == ACT_STEP && !o[1].value)
		return cli_usage("violation step: --kind guidance|corrected|note を指定してください");
	struct act_args a = {kind, pos[0], c->actor_no, o[1].value, o[0].value};
	snprintf(done, sizeof done, "違反 %s の%sを記録しました%s", pos[0], done_words[kind],
		 kind == ACT_SUSPEND || kind == ACT_REVOKE ? "（CISO と情報セキュリティ管理者への通知を記録）" : "");
	int rc = cli_one_write(c, do_act, &a, done);
	if (rc == EXIT_OK && kind != ACT_STEP) {
		struct err e = {0};
		if (violation_account_follow(c->db, pos[0], &e))
			return cli_fail(&e);
	}
	return rc;
}

static int violation_step_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_STEP); }
static int violation_suspend_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_SUSPEND); }
static int violation_revoke_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_REVOKE); }
static int violation_lift_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_LIFT); }

struct view {
	struct violation_list list;
	struct rights_actions rights;
	struct case_refs refs;
};

static int view_load(struct db *db, struct view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	if (violation_load(db, &v->list, e) || rights_actions_load(db, &v->rights, e) ||
	    case_refs_load(db, &v->refs, e))
		return e->code;
	return 0;
}

static void view_free(struct view *v)
{
	violation_list_free(&v->list);
	rights_actions_free(&v->rights);
	case_refs_free(&v->refs);
}

static void json_rights(struct json_writer *w, const struct view *v, const struct violation *x)
{
	jw_key(w, "rights");
	jw_array_begin(w);
	for (size_t i = 0; i < v->rights.n; i++) {
		const struct rights_action *r = &v->rights.v[i];
		if (r->violation_id != x->id)
			continue;
		const struct info_system *s = r->system_id ? infosys_by_id(&v->refs.systems, r->system_id) : NULL;
		jw_object_begin(w);
		jw_kv_string(w, "action", r->action);
		jw_kv_string(w, "at", r->at);
		jw_kv_string(w, "lifted_at", r->lifted_at);
		jw_kv_string(w, "staff", case_staff_no(&v->refs, r->staff_id));
		jw_kv_string(w, "system", s ? s->code : NULL);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void list_one(struct list_out *out, const struct view *v, const struct violation *x,
		     const struct case_events *ev)
{
	const struct org_unit *u = org_unit_by_id(&v->refs.units, x->unit_id);
	const char *label = violation_state_label(x->state);
	if (out->format == FMT_JSON) {
		struct json_writer *w = &out->w;
		jw_object_begin(w);
		jw_kv_string(w, "clause", x->clause);
		jw_kv_string(w, "closed_at", x->closed_at);
		jw_kv_string(w, "description", x->description);
		if (ev)
			case_events_json(w, ev, &v->refs.staff);
		jw_kv_string(w, "found_at", x->found_at);
		jw_kv_string(w, "found_by", case_staff_no(&v->refs, x->found_by));
		if (ev)
			json_rights(w, v, x);
		jw_kv_string(w, "staff", case_staff_no(&v->refs, x->staff_id));
		jw_kv_string(w, "state", x->state);
		jw_kv_string(w, "state_label", label);
		jw_kv_string(w, "unit", u ? u->code : NULL);
		jw_kv_string(w, "violation_no", x->violation_no);
		jw_object_end(w);
	} else if (out->format == FMT_CSV) {
		const char *cells[] = {x->violation_no, case_staff_name(&v->refs, x->staff_id), u ? u->name : "",
				       x->clause, x->description, case_staff_name(&v->refs, x->found_by), x->found_at,
				       label, x->closed_at};
		size_t n = sizeof cells / sizeof cells[0];
		for (size_t i = 0; i < n; i++)
			buf_csv_field(&out->b, cells[i] ? cells[i] : "", i + 1 == n);
	} else {
		buf_printf(&out->b, "%s\t%s\t%s\t%s\t%s\n", x->violation_no, case_staff_name(&v->refs, x->staff_id),
			   u ? u->name : "?", x->clause ? x->clause : "", label);
	}
}

static int violation_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"state", 1, NULL}, {"open", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	if (cli_parse("violation list", argc, argv, o, 2, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (view_load(c->db, &v, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "violations", "番号,職員,課,条項,内容,確認者,記録日時,状態,完了日時");
	for (size_t i = 0; i < v.list.n; i++) {
		const struct violation *x = &v.list.v[i];
		if (o[1].value && x->closed_at)
			continue;
		if (o[0].value && strcmp(o[0].value, x->state) != 0 &&
		    strcmp(o[0].value, violation_state_label(x->state)) != 0)
			continue;
		list_one(&out, &v, x, NULL);
	}
	list_end(&out);
	view_free(&v);
	return EXIT_OK;
}

static void show_text(const struct view *v, const struct violation *x, const struct case_events *ev)
{
	const struct org_unit *u = org_unit_by_id(&v->refs.units, x->unit_id);
	char at[17];
	case_jst(x->found_at, at);
	printf("番号      %s\n職員      %s（%s）\n課        %s\n条項      %s\n内容      %s\n確認者    %s\n"
	       "記録日時  %s\n状態      %s\n", x->violation_no, case_staff_name(&v->refs, x->staff_id),
	       case_staff_no(&v->refs, x->staff_id) ? case_staff_no(&v->refs, x->staff_id) : "", u ? u->name : "",
	       x->clause ? x->clause : "", x->description, case_staff_name(&v->refs, x->found_by), at,
	       violation_state_label(x->state));
	for (size_t i = 0; i < v->rights.n; i++) {
		const struct rights_action *r = &v->rights.v[i];
		if (r->violation_id != x->id)
			continue;
		const struct info_system *s = r->system_id ? infosys_by_id(&v->refs.systems, r->system_id) : NULL;
		printf("利用権    %s %s%s\n", strcmp(r->action, "revoke") == 0 ? "剥奪" : "停止",
		       s ? s->name : "ネットワーク・情報システムの利用", r->lifted_at ? "（解除済み）" : "");
	}
	case_print_timeline(&v->refs, ev);
}

static int violation_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	struct case_events ev;
	if (cli_parse("violation show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("violation show: 違反の番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (view_load(c->db, &v, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	const struct violation *x = violation_by_no(&v.list, pos[0]);
	if (!x) {
		view_free(&v);
		err_set(&e, ERR_INPUT, "違反の番号「%s」はありません", pos[0]);
		return cli_fail(&e);
	}
	if (case_events_load(c->db, CASE_VIOLATION, x->id, &ev, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	if (c->format == FMT_JSON) {
		struct list_out out;
		list_begin(&out, c, "violations", "");
		list_one(&out, &v, x, &ev);
		list_end(&out);
	} else {
		show_text(&v, x, &ev);
	}
	case_events_free(&ev);
	view_free(&v);
	return EXIT_OK;
}

int cmd_violation(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"record", violation_record_cmd}, {"step", violation_step_cmd},
		{"suspend", violation_suspend_cmd}, {"revoke", violation_revoke_cmd},
		{"lift", violation_lift_cmd},     {"list", violation_list_cmd},
		{"show", violation_show_cmd},
	};
	return cli_dispatch(c, "violation", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
