/*
 * cmd_request.c — `mamori --as 職員番号 request new|list|show|approve|reject|done|return|types`.
 * Every request command acts as the staff member named by --as.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/asset.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/request.h"
#include "core/role.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/timeutil.h"

#define MAX_FIELDS 16

static int need_actor(const struct cli *c, const char *cmd)
{
	if (c->actor_no)
		return 0;
	return cli_usage("%s: 操作する職員を --as 職員番号 で指定してください", cmd);
}

struct new_args {
	struct request_new in;
	char *request_no; /* out */
	int not_required; /* out */
};

static int do_new(struct tx *tx, void *arg, struct err *e)
{
	struct new_args *a = arg;
	return request_file(tx, &a->in, &a->request_no, &a->not_required, e);
}

static int request_new_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"asset", 1, NULL}, {"system", 1, NULL}};
	char *pos[1 + MAX_FIELDS * 2];
	const char *fields[MAX_FIELDS];
	int npos, nfields = 0;
	/* --field may repeat: take them out before the generic parser sees argv */
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int nrest = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--field") == 0 && i + 1 < argc && nfields < MAX_FIELDS)
			fields[nfields++] = argv[++i];
		else if (strncmp(argv[i], "--field=", 8) == 0 && nfields < MAX_FIELDS)
			fields[nfields++] = argv[i] + 8;
		else
			rest[nrest++] = argv[i];
	}
	int rc = need_actor(c, "request new") ||
		 cli_parse("request new", nrest, rest, o, 2, pos, 1, &npos);
	if (!rc && npos != 1)
		rc = cli_usage("request new: 申請の種類を指定してください（mamori request types で一覧）");
	if (rc) {
		free(rest);
		return EXIT_ERROR;
	}
	struct new_args a = {{pos[0], c->actor_no, o[0].value, o[1].value, fields, nfields}, NULL, 0};
	rc = cli_one_write(c, do_new, &a, NULL);
	free(rest);
	if (rc == EXIT_OK) {
		const struct request_type *t = request_type_find(pos[0]);
		printf("申請 %s（%s）を受け付けました。決裁: ", a.request_no, t->label);
		for (int i = 0; i < REQUEST_MAX_APPROVERS && t->approvers[i]; i++)
			printf("%s%s", i ? " → " : "", vocab_label(&vocab_role, t->approvers[i]));
		putchar('\n');
		if (a.not_required)
			puts("（この資産の分類では許可は不要ですが、申請は記録しました）");
	}
	free(a.request_no);
	return rc;
}

static int do_decide(struct tx *tx, void *arg, struct err *e)
{
	return request_decide(tx, arg, e);
}

static int decide_cmd(struct cli *c, int argc, char **argv, int approve)
{
	struct opt o[] = {{"on-behalf-of", 1, NULL}, {"note", 1, NULL}, {"override-reason", 1, NULL}};
	char *pos[1], done[128];
	int npos;
	const char *cmd = approve ? "request approve" : "request reject";
	if (need_actor(c, cmd) || cli_parse(cmd, argc, argv, o, 3, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: 申請番号を指定してください", cmd);
	struct request_decide_in in = {pos[0], c->actor_no, o[0].value, approve, o[1].value, o[2].value};
	snprintf(done, sizeof done, "申請 %s を%sしました", pos[0], approve ? "許可" : "却下");
	return cli_one_write(c, do_decide, &in, done);
}

static int request_approve_cmd(struct cli *c, int argc, char **argv)
{
	return decide_cmd(c, argc, argv, 1);
}

static int request_reject_cmd(struct cli *c, int argc, char **argv)
{
	return decide_cmd(c, argc, argv, 0);
}

struct done_args {
	const char *no, *actor, *method, *date;
	int returning;
};

static int do_done(struct tx *tx, void *arg, struct err *e)
{
	struct done_args *a = arg;
	if (a->returning)
		return request_return(tx, a->no, a->actor, a->date, e);
	return request_done(tx, a->no, a->actor, a->method, a->date, e);
}

static int finish_cmd(struct cli *c, int argc, char **argv, int returning)
{
	struct opt o[] = {{"method", 1, NULL}, {"date", 1, NULL}};
	char *pos[1], done[128];
	int npos;
	const char *cmd = returning ? "request return" : "request done";
	if (need_actor(c, cmd) || cli_parse(cmd, argc, argv, o, 2, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: 申請番号を指定してください", cmd);
	if (returning && o[0].value)
		return cli_usage("request return: --method は使えません");
	struct done_args a = {pos[0], c->actor_no, o[0].value, o[1].value, returning};
	snprintf(done, sizeof done, "申請 %s の%sを記録しました", pos[0], returning ? "返却" : "実施");
	return cli_one_write(c, do_done, &a, done);
}

static int request_done_cmd(struct cli *c, int argc, char **argv)
{
	return finish_cmd(c, argc, argv, 0);
}

static int request_return_cmd(struct cli *c, int argc, char **argv)
{
	return finish_cmd(c, argc, argv, 1);
}

/* What `request list` and `request show` look at. */
struct view {
	char today[11];
	struct request_list requests;
	struct decision_list decisions;
	struct staff_list staff;
	struct org_units units;
	struct role_assignments roles;
};

static int view_load(struct db *db, struct view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	time_today(v->today);
	if (request_load(db, &v->requests, e) || request_decisions_load(db, &v->decisions, e) ||
	    staff_load(db, "", &v->staff, e) || org_units_load(db, &v->units, e) ||
	    role_load(db, 1, &v->roles, e))
		return e->code;
	return 0;
}

static void view_free(struct view *v)
{
	request_list_free(&v->requests);
	decision_list_free(&v->decisions);
	staff_list_free(&v->staff);
	org_units_free(&v->units);
	role_assignments_free(&v->roles);
}

static const char *staff_name(const struct view *v, long long id)
{
	const struct staff *s = staff_by_id(&v->staff, id);
	return s ? s->name : "";
}

/* Whether `me` holds the approving role that `r` waits for now. */
static int waiting_for(const struct view *v, const struct request *r, long long me)
{
	const char *role = request_next_role(r, &v->decisions);
	return role && request_role_held(&v->roles, &v->units, r, me, role);
}

static int overdue(const struct view *v, const struct request *r)
{
	return request_is_overdue(r, v->today);
}

/* With one type chosen, its fields become columns: the record the policy asks
 * for (e.g. 持ち出し記録: 品目, 数量, 目的, 場所 …) reads like the paper one. */
static void csv_type_fields(struct buf *b, const struct request_type *t, const char *fields_json)
{
	cJSON *obj = cJSON_Parse(fields_json);
	for (int i = 0; i < REQUEST_MAX_FIELDS && t->fields[i].key; i++) {
		const cJSON *v = obj ? cJSON_GetObjectItemCaseSensitive(obj, t->fields[i].key) : NULL;
		buf_csv_field(b, cJSON_IsString(v) ? v->valuestring : "", 0);
	}
	cJSON_Delete(obj);
}

static void list_one(struct list_out *out, const struct view *v, const struct request *r,
		     const struct request_type *only)
{
	const struct request_type *t = request_type_find(r->type);
	const struct org_unit *u = org_unit_by_id(&v->units, r->unit_id);
	const struct staff *who = staff_by_id(&v->staff, r->requester_id);
	const char *state = overdue(v, r) ? "返却期限超過" : request_state_label(r, v->today);
	if (out->format == FMT_JSON) {
		struct json_writer *w = &out->w;
		jw_object_begin(w);
		jw_kv_string(w, "due_on", r->due_on);
		jw_key(w, "fields");
		jw_raw(w, r->fields);
		jw_kv_string(w, "filed_at", r->filed_at);
		jw_kv_string(w, "request_no", r->request_no);
		jw_kv_string(w, "requester", who ? who->staff_no : NULL);
		jw_kv_string(w, "returned_at", r->returned_at);
		jw_kv_string(w, "state", r->state);
		jw_kv_string(w, "state_label", state);
		jw_kv_string(w, "type", r->type);
		jw_kv_string(w, "unit", u ? u->code : NULL);
		jw_object_end(w);
	} else if (out->format == FMT_CSV) {
		buf_csv_field(&out->b, r->request_no, 0);
		buf_csv_field(&out->b, t ? t->label : r->type, 0);
		buf_csv_field(&out->b, u ? u->name : "", 0);
		buf_csv_field(&out->b, who ? who->name : "", 0);
		buf_csv_field(&out->b, r->filed_at, 0);
		if (only)
			csv_type_fields(&out->b, only, r->fields);
		buf_csv_field(&out->b, state, 0);
		buf_csv_field(&out->b, r->due_on, 0);
		buf_csv_field(&out->b, r->returned_at, 0);
		buf_csv_field(&out->b, staff_name(v, r->confirmed_by), 0);
		buf_csv_field(&out->b, r->fields, 1);
	} else {
		buf_printf(&out->b, "%s\t%s\t%s\t%s\t%s%s%s\n", r->request_no, t ? t->label : r->type,
			   who ? who->name : "?", u ? u->name : "?", state, r->due_on ? "\t返却予定 " : "",
			   r->due_on ? r->due_on : "");
	}
}

static int request_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"mine", 0, NULL}, {"waiting", 0, NULL}, {"type", 1, NULL},
			  {"overdue", 0, NULL}, {"state", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	if (cli_parse("request list", argc, argv, o, 5, pos, 0, &npos))
		return EXIT_ERROR;
	if ((o[0].value || o[1].value) && need_actor(c, "request list --mine/--waiting"))
		return EXIT_ERROR;
	const struct request_type *only = NULL;
	if (o[2].value && !(only = request_type_find(o[2].value)))
		return cli_usage("request list: 申請の種類「%s」はありません", o[2].value);
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (view_load(c->db, &v, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	long long me = 0;
	for (size_t i = 0; c->actor_no && i < v.staff.n; i++)
		if (strcmp(v.staff.v[i].staff_no, c->actor_no) == 0)
			me = v.staff.v[i].id;
	struct list_out out;
	struct buf header = BUF_INIT;
	buf_puts(&header, "申請番号,種類,所属,氏名,申請日時");
	for (int i = 0; only && i < REQUEST_MAX_FIELDS && only->fields[i].key; i++)
		buf_printf(&header, ",%s", only->fields[i].label);
	buf_puts(&header, ",状態,返却予定日,返却日,管理者確認,内容");
	list_begin(&out, c, "requests", buf_str(&header));
	buf_free(&header);
	for (size_t i = 0; i < v.requests.n; i++) {
		const struct request *r = &v.requests.v[i];
		if ((o[0].value && r->requester_id != me) || (o[1].value && !waiting_for(&v, r, me)) ||
		    (only && strcmp(r->type, only->id) != 0) || (o[3].value && !overdue(&v, r)) ||
		    (o[4].value && strcmp(o[4].value, r->state) != 0 &&
		     strcmp(o[4].value, request_state_label(r, v.today)) != 0))
			continue;
		list_one(&out, &v, r, only);
	}
	list_end(&out);
	view_free(&v);
	return EXIT_OK;
}

static int request_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct view v;
	if (cli_parse("request show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("request show: 申請番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (view_load(c->db, &v, &e)) {
		view_free(&v);
		return cli_fail(&e);
	}
	const struct request *r = request_by_no(&v.requests, pos[0]);
	if (!r) {
		view_free(&v);
		err_set(&e, ERR_INPUT, "申請番号「%s」はありません", pos[0]);
		return cli_fail(&e);
	}
	const struct request_type *t = request_type_find(r->type);
	const struct org_unit *u = org_unit_by_id(&v.units, r->unit_id);
	printf("申請番号  %s\n種類      %s（対策基準 %s）\n申請者    %s\n所属      %s\n申請日時  %s\n"
	       "状態      %s\n内容      %s\n", r->request_no, t ? t->label : r->type, t ? t->clause : "",
	       staff_name(&v, r->requester_id), u ? u->name : "", r->filed_at,
	       overdue(&v, r) ? "返却期限超過" : request_state_label(r, v.today), r->fields);
	if (r->valid_until)
		printf("許可期限  %s\n", r->valid_until);
	if (r->done_at)
		printf("実施日    %s\n", r->done_at);
	if (r->due_on)
		printf("返却予定  %s\n", r->due_on);
	if (r->returned_at)
		printf("返却日    %s（確認 %s）\n", r->returned_at, staff_name(&v, r->confirmed_by));
	for (size_t i = 0; i < v.decisions.n; i++) {
		const struct request_decision *d = &v.decisions.v[i];
		if (d->request_id != r->id)
			continue;
		printf("決裁      %s %s: %s%s%s%s%s%s%s\n", d->at, vocab_label(&vocab_role, d->role),
		       strcmp(d->decision, "approved") == 0 ? "許可" : "却下", "（", staff_name(&v, d->decided_by),
		       d->on_behalf_of ? "、代決: " : "", d->on_behalf_of ? staff_name(&v, d->on_behalf_of) : "", "）",
		       d->override_reason ? "［やむを得ない理由あり］" : "");
		if (d->note)
			printf("          %s\n", d->note);
		if (d->override_reason)
			printf("          理由: %s\n", d->override_reason);
	}
	view_free(&v);
	return EXIT_OK;
}

static int request_types_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	if (cli_parse("request types", argc, argv, NULL, 0, pos, 0, &npos))
		return EXIT_ERROR;
	struct list_out out;
	list_begin(&out, c, "types", "種類,名称,対策基準,決裁,条件,必要な項目");
	size_t ntypes;
	const struct request_type *types = request_types_all(&ntypes);
	for (size_t i = 0; i < ntypes; i++) {
		const struct request_type *t = &types[i];
		struct buf approvers = BUF_INIT, fields = BUF_INIT;
		for (int k = 0; k < REQUEST_MAX_APPROVERS && t->approvers[k]; k++)
			buf_printf(&approvers, "%s%s", k ? " → " : "", vocab_label(&vocab_role, t->approvers[k]));
		for (int k = 0; k < REQUEST_MAX_FIELDS && t->fields[k].key; k++)
			buf_printf(&fields, "%s%s", k ? "、" : "", t->fields[k].label);
		char cond[64] = "";
		if (t->min_confidentiality)
			snprintf(cond, sizeof cond, "機密性%d以上", t->min_confidentiality);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "approvers", buf_str(&approvers));
			jw_kv_string(&out.w, "clause", t->clause);
			jw_kv_string(&out.w, "condition", cond);
			jw_kv_string(&out.w, "fields", buf_str(&fields));
			jw_kv_string(&out.w, "id", t->id);
			jw_kv_string(&out.w, "label", t->label);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {t->id, t->label, t->clause, buf_str(&approvers), cond, buf_str(&fields)};
			for (int k = 0; k < 6; k++)
				buf_csv_field(&out.b, cells[k], k == 5);
		} else {
			buf_printf(&out.b, "%-18s %s（%s）決裁: %s%s%s\n  項目: %s\n", t->id, t->label, t->clause,
				   buf_str(&approvers), *cond ? "、条件: " : "", cond, buf_str(&fields));
		}
		buf_free(&approvers);
		buf_free(&fields);
	}
	list_end(&out);
	return EXIT_OK;
}

int cmd_request(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"new", request_new_cmd},         {"list", request_list_cmd},
		{"show", request_show_cmd},       {"approve", request_approve_cmd},
		{"reject", request_reject_cmd},   {"done", request_done_cmd},
		{"return", request_return_cmd},   {"types", request_types_cmd},
	};
	return cli_dispatch(c, "request", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
