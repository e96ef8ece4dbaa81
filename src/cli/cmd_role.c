/*
 * cmd_role.c — `mamori role assign|end|list` and `mamori system add|list|retire`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/check.h"
#include "core/vocab.h"
#include "util/json.h"

struct assign_args {
	struct role_input in;
	long long id; /* out */
};

static int do_assign(struct tx *tx, void *arg, struct err *e)
{
	struct assign_args *a = arg;
	return role_assign(tx, &a->in, &a->id, e);
}

static int role_assign_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"unit", 1, NULL}, {"system", 1, NULL}, {"date", 1, NULL},
			     {"note", 1, NULL}};
	char *pos[2];
	int npos;
	if (cli_parse("role assign", argc, argv, opts, 4, pos, 2, &npos))
		return EXIT_ERROR;
	if (npos != 2)
		return cli_usage("role assign: 役割と職員番号を指定してください（例: mamori role assign manager 100234 --unit S012）");
	struct assign_args a = {{pos[0], pos[1], opts[0].value, opts[1].value, opts[2].value,
				 opts[3].value}, 0};
	int rc = cli_one_write(c, do_assign, &a, NULL);
	if (rc == EXIT_OK)
		printf("役割を割り当てました（割当番号 %lld）\n", a.id);
	return rc;
}

struct end_args {
	long long id;
	const char *date;
};

static int do_end(struct tx *tx, void *arg, struct err *e)
{
	const struct end_args *a = arg;
	return role_end(tx, a->id, a->date, e);
}

static int role_end_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"date", 1, NULL}};
	char *pos[1], *end;
	int npos;
	if (cli_parse("role end", argc, argv, opts, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("role end: 割当番号を指定してください（mamori role list で確認できます）");
	struct end_args a = {strtoll(pos[0], &end, 10), opts[0].value};
	if (*end || a.id <= 0)
		return cli_usage("role end: 割当番号「%s」は数字で指定してください", pos[0]);
	return cli_one_write(c, do_end, &a, "役割を終了しました");
}

static const char *scope_name(const struct check_ctx *x, const struct role_assignment *a)
{
	if (a->unit_id) {
		const struct org_unit *u = org_unit_by_id(&x->units, a->unit_id);
		return u ? u->name : "?";
	}
	if (a->system_id) {
		const struct info_system *s = infosys_by_id(&x->systems, a->system_id);
		return s ? s->name : "?";
	}
	return "";
}

static void role_row(struct list_out *out, const struct check_ctx *x, const struct role_assignment *a)
{
	const struct staff *s = check_staff_by_id(x, a->staff_id);
	struct json_writer *w = &out->w;
	struct buf *b = &out->b;
	if (out->format == FMT_JSON) {
		jw_object_begin(w);
		jw_kv_string(w, "ended_on", a->ended_on);
		jw_kv_int(w, "id", a->id);
		jw_kv_string(w, "name", s ? s->name : NULL);
		jw_kv_string(w, "note", a->note);
		jw_kv_string(w, "role", a->role);
		jw_kv_string(w, "scope", scope_name(x, a));
		jw_kv_string(w, "staff_no", s ? s->staff_no : NULL);
		jw_kv_string(w, "started_on", a->started_on);
		jw_object_end(w);
	} else if (out->format == FMT_CSV) {
		char id[24];
		snprintf(id, sizeof id, "%lld", a->id);
		buf_csv_field(b, id, 0);
		buf_csv_field(b, vocab_label(&vocab_role, a->role), 0);
		buf_csv_field(b, scope_name(x, a), 0);
		buf_csv_field(b, s ? s->staff_no : "", 0);
		buf_csv_field(b, s ? s->name : "", 0);
		buf_csv_field(b, a->started_on, 0);
		buf_csv_field(b, a->ended_on, 0);
		buf_csv_field(b, a->note, 1);
	} else {
		buf_printf(b, "%lld\t%s%s%s\t%s %s\t%s〜%s\n", a->id, vocab_label(&vocab_role, a->role),
			   *scope_name(x, a) ? "・" : "", scope_name(x, a), s ? s->staff_no : "?",
			   s ? s->name : "?", a->started_on, a->ended_on ? a->ended_on : "");
	}
}

static int role_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"all", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct check_ctx x;
	if (cli_parse("role list", argc, argv, opts, 1, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (check_ctx_load(c->db, &x, &e))
		return cli_fail(&e);
	if (opts[0].value) { /* the snapshot holds active ones; --all wants history too */
		role_assignments_free(&x.roles);
		if (role_load(c->db, 0, &x.roles, &e)) {
			check_ctx_free(&x);
			return cli_fail(&e);
		}
	}
	struct list_out out;
	list_begin(&out, c, "assignments", "割当番号,役割,担当,職員番号,氏名,開始日,終了日,備考");
	for (size_t i = 0; i < x.roles.n; i++)
		role_row(&out, &x, &x.roles.v[i]);
	list_end(&out);
	check_ctx_free(&x);
	return EXIT_OK;
}

int cmd_role(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"assign", role_assign_cmd},
		{"end", role_end_cmd},
		{"list", role_list_cmd},
	};
	return cli_dispatch(c, "role", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}

static int do_system_add(struct tx *tx, void *arg, struct err *e)
{
	long long id;
	return infosys_add(tx, arg, &id, e);
}

static int system_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"code", 1, NULL}, {"name", 1, NULL}, {"unit", 1, NULL}, {"zone", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("system add", argc, argv, opts, 4, pos, 0, &npos))
		return EXIT_ERROR;
	if (!opts[0].value || !opts[1].value || !opts[2].value || !opts[3].value)
		return cli_usage("system add: --code、--name、--unit（所管課）、--zone（ネットワーク領域）を指定してください");
	struct info_system_input in = {opts[0].value, opts[1].value, opts[2].value, opts[3].value};
	return cli_one_write(c, do_system_add, &in, "情報システムを追加しました");
}

struct retire_args {
	const char *code, *date;
};

static int do_system_retire(struct tx *tx, void *arg, struct err *e)
{
	const struct retire_args *a = arg;
	return infosys_retire(tx, a->code, a->date, e);
}

static int system_retire_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"date", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("system retire", argc, argv, opts, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1 || !opts[0].value)
		return cli_usage("system retire: システムコードと --date（廃止日）を指定してください");
	struct retire_args a = {pos[0], opts[0].value};
	return cli_one_write(c, do_system_retire, &a, "情報システムを廃止しました");
}

static int system_list_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct check_ctx x;
	if (cli_parse("system list", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (check_ctx_load(c->db, &x, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "systems", "システムコード,システム名,所管課,ネットワーク領域,廃止日");
	struct json_writer *w = &out.w;
	struct buf *b = &out.b;
	for (size_t i = 0; i < x.systems.n; i++) {
		const struct info_system *s = &x.systems.v[i];
		const struct org_unit *u = org_unit_by_id(&x.units, s->unit_id);
		if (c->format == FMT_JSON) {
			jw_object_begin(w);
			jw_kv_string(w, "code", s->code);
			jw_kv_string(w, "name", s->name);
			jw_kv_string(w, "retired_on", s->retired_on);
			jw_kv_string(w, "unit", u ? u->code : NULL);
			jw_kv_string(w, "zone", s->zone);
			jw_object_end(w);
		} else if (c->format == FMT_CSV) {
			buf_csv_field(b, s->code, 0);
			buf_csv_field(b, s->name, 0);
			buf_csv_field(b, u ? u->name : "", 0);
			buf_csv_field(b, vocab_label(&vocab_zone, s->zone), 0);
			buf_csv_field(b, s->retired_on, 1);
		} else {
			buf_printf(b, "%s\t%s\t%s\t%s%s%s\n", s->code, s->name, u ? u->name : "?",
				   vocab_label(&vocab_zone, s->zone), s->retired_on ? "\t廃止 " : "",
				   s->retired_on ? s->retired_on : "");
		}
	}
	list_end(&out);
	check_ctx_free(&x);
	return EXIT_OK;
}

int cmd_system(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", system_add_cmd},
		{"list", system_list_cmd},
		{"retire", system_retire_cmd},
	};
	return cli_dispatch(c, "system", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
