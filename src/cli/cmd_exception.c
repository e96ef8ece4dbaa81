/*
 * cmd_exception.c — `mamori --as 職員番号 exception request|apply|permit|reject|
 * report|review|end|list|show` (例外措置, guideline 7.4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cli.h"
#include "core/case_event.h"
#include "core/case_util.h"
#include "core/case_write.h"
#include "core/exception.h"
#include "core/exception_json.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/staff.h"
#include "util/timeutil.h"

static int file_cmd(struct cli *c, int argc, char **argv, int apply)
{
	struct opt o[] = {{"clause", 1, NULL},  {"reason", 1, NULL}, {"scope", 1, NULL},
			  {"measures", 1, NULL}, {"starts", 1, NULL}, {"ends", 1, NULL},
			  {"unit", 1, NULL},     {"system", 1, NULL}, {"emergency", 0, NULL}};
	char *pos[1];
	int npos;
	const char *cmd = apply ? "exception apply" : "exception request";
	if (case_need_actor(c, cmd) || cli_parse(cmd, argc, argv, o, 9, pos, 0, &npos))
		return EXIT_ERROR;
	if (apply && !o[8].value)
		return cli_usage("exception apply: 先に実施する緊急時の例外措置には --emergency を付けてください");
	if (!apply && o[8].value)
		return cli_usage("exception request: 緊急時は exception apply --emergency を使ってください");
	struct exception_filing a = {{c->actor_no, o[0].value, o[1].value, o[2].value, o[3].value, o[4].value,
				      o[5].value, o[6].value, o[7].value, apply}, NULL};
	int rc = cli_one_write(c, exception_file_write, &a, NULL);
	if (rc == EXIT_OK)
		printf(apply ? "緊急時の例外措置 %s を記録しました。速やかに CISO へ報告してください（exception report）\n"
			     : "例外措置 %s を申請しました。決裁: CISO\n", a.no);
	free(a.no);
	return rc;
}

static int exception_request_cmd(struct cli *c, int argc, char **argv)
{
	return file_cmd(c, argc, argv, 0);
}

static int exception_apply_cmd(struct cli *c, int argc, char **argv)
{
	return file_cmd(c, argc, argv, 1);
}

enum act_kind { ACT_PERMIT, ACT_REJECT, ACT_REPORT, ACT_REVIEW, ACT_END };

struct act_args {
	enum act_kind kind;
	const char *no, *actor, *note;
};

static int do_act(struct tx *tx, void *arg, struct err *e)
{
	struct act_args *a = arg;
	switch (a->kind) {
	case ACT_PERMIT:
	case ACT_REJECT:
		return exception_decide(tx, a->no, a->actor, a->kind == ACT_PERMIT, a->note, e);
	case ACT_REPORT:
		return exception_report(tx, a->no, a->actor, a->note, e);
	case ACT_REVIEW:
		return exception_review(tx, a->no, a->actor, a->note, e);
	case ACT_END:
		return exception_end(tx, a->no, a->actor, a->note, e);
	}
	return 0;
}

static int act_cmd(struct cli *c, int argc, char **argv, enum act_kind kind)
{
	static const char *const names[] = {"permit", "reject", "report", "review", "end"};
	static const char *const done_words[] = {"許可", "却下", "CISO への報告", "定期確認", "終了"};
	struct opt o[] = {{"note", 1, NULL}};
	char *pos[1], cmd[32], done[160];
	int npos;
	snprintf(cmd, sizeof cmd, "exception %s", names[kind]);
	if (case_need_actor(c, cmd) || cli_parse(cmd, argc, argv, o, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: 例外措置の番号を指定してください", cmd);
	struct act_args a = {kind, pos[0], c->actor_no, o[0].value};
	snprintf(done, sizeof done, "例外措置 %s の%sを記録しました", pos[0], done_words[kind]);
	return cli_one_write(c, do_act, &a, done);
}

static int exception_permit_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_PERMIT); }
static int exception_reject_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_REJECT); }
static int exception_report_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_REPORT); }
static int exception_review_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_REVIEW); }
static int exception_end_cmd(struct cli *c, int argc, char **argv) { return act_cmd(c, argc, argv, ACT_END); }

struct view {
	char today[11];
	struct exception_list list;
	struct case_refs refs;
};

static int view_load(struct db *db, struct view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	time_today(v->today);
	if (exception_load(db, &v->list, e) || case_refs_load(db, &v->refs, e))
		return e->code;
	return 0;
}

static void view_free(struct view *v)
{
	exception_list_free(&v->list);
	case_refs_free(&v->refs);
}

static void list_one(struct list_out *out, const struct view *v, const struct exception_req *x,
		     const struct case_events *ev)
{
	const struct org_unit *u = org_unit_by_id(&v->refs.units, x->unit_id);
	const struct info_system *s = x->system_id ? infosys_by_id(&v->refs.systems, x->system_id) : NULL;
	const char *label = exception_state_label(x, v->today);
	if (out->format == FMT_JSON) {
		exception_json(&out->w, x, v->today, &v->refs.staff, &v->refs.units, &v->refs.systems, ev);
	} else if (out->format == FMT_CSV) {
		const char *cells[] = {x->exception_no, x->emergency ? "緊急" : "通常", x->clause,
				       u ? u->name : "", s ? s->name : "", case_staff_name(&v->refs, x->requester_id),
				       x->reason, x->scope, x->measures, x->starts_on, x->ends_on, x->filed_at,
				       x->applied_at, x->reported_at, label, case_staff_name(&v->refs, x->decided_by),
				       x->decided_at, x->decision_note, x->reviewed_at};
		size_t n = sizeof cells / sizeof cells[0];
		for (size_t i = 0; i < n; i++)
			buf_csv_field(&out->b, cells[i] ? cells[i] : "", i + 1 == n);
	} else {
		buf_printf(&out->b, "%s\t%s\t%s\t%s\t%s〜%s\t%s\n", x->exception_no, x->clause,
			   s ? s->name : (u ? u->name : "?"), case_staff_name(&v->refs, x->requester_id), x->starts_on,
			   x->ends_on, label);
	}
}

static int exception_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"state", 1, NULL}, {"expired", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	if (cli_parse("exception list", argc, argv, o, 2, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (view_load(c->db, &v, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "exceptions",
		   "番号,区分,条項,課,情報システム,申請者,理由,範囲,代替措置,開始日,終了日,申請日時,緊急実施日時,"
		   "報告日時,状態,決裁者,決裁日時,決裁の意見,定期確認日時");
	for (size_t i = 0; i < v.list.n; i++) {
		const struct exception_req *x = &v.list.v[i];
		if (o[1].value && !exception_is_expired(x, v.today))
			continue;
		if (o[0].value && strcmp(o[0].value, x->state) != 0 &&
		    strcmp(o[0].value, exception_state_label(x, v.today)) != 0)
			continue;
		list_one(&out, &v, x, NULL);
	}
	list_end(&out);
	view_free(&v);
	return EXIT_OK;
}

static int exception_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	struct case_events ev;
	if (cli_parse("exception show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("exception show: 例外措置の番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (view_load(c->db, &v, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	const struct exception_req *x = exception_by_no(&v.list, pos[0]);
	if (!x) {
		view_free(&v);
		err_set(&e, ERR_INPUT, "例外措置の番号「%s」はありません", pos[0]);
		return cli_fail(&e);
	}
	if (case_events_load(c->db, CASE_EXCEPTION, x->id, &ev, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	if (c->format == FMT_JSON) {
		struct list_out out;
		list_begin(&out, c, "exceptions", "");
		list_one(&out, &v, x, &ev);
		list_end(&out);
	} else {
		const struct org_unit *u = org_unit_by_id(&v.refs.units, x->unit_id);
		const struct info_system *s = x->system_id ? infosys_by_id(&v.refs.systems, x->system_id) : NULL;
		char filed[17];
		case_jst(x->filed_at, filed);
		printf("番号      %s%s\n条項      %s\n課        %s\n", x->exception_no, x->emergency ? "（緊急）" : "",
		       x->clause, u ? u->name : "");
		if (s)
			printf("システム  %s（%s）\n", s->name, s->code);
		printf("申請者    %s\n申請日時  %s\n理由      %s\n範囲      %s\n代替措置  %s\n期間      %s〜%s\n状態      %s\n",
		       case_staff_name(&v.refs, x->requester_id), filed, x->reason, x->scope, x->measures, x->starts_on,
		       x->ends_on, exception_state_label(x, v.today));
		if (x->decided_at)
			printf("決裁      %s（%s）%s\n", strcmp(x->state, "rejected") == 0 ? "却下" : "許可",
			       case_staff_name(&v.refs, x->decided_by), x->decision_note ? x->decision_note : "");
		case_print_timeline(&v.refs, &ev);
	}
	case_events_free(&ev);
	view_free(&v);
	return EXIT_OK;
}

int cmd_exception(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"request", exception_request_cmd}, {"apply", exception_apply_cmd},
		{"permit", exception_permit_cmd},   {"reject", exception_reject_cmd},
		{"report", exception_report_cmd},   {"review", exception_review_cmd},
		{"end", exception_end_cmd},         {"list", exception_list_cmd},
		{"show", exception_show_cmd},
	};
	return cli_dispatch(c, "exception", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
