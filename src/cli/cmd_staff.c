/*
 * cmd_staff.c — `mamori staff add|import|list|show|transfer|retire`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/org.h"
#include "core/role.h"
#include "core/staff.h"
#include "core/staff_import.h"
#include "core/vocab.h"
#include "util/fold.h"
#include "util/json.h"
#include "util/timeutil.h"

static int resolve_unit(struct db *db, const char *text, long long *id, struct err *e)
{
	struct org_units units;
	const struct org_unit *u;
	if (org_units_load(db, &units, e))
		return e->code;
	int rc = org_unit_resolve(&units, text, &u, e);
	if (!rc && !org_unit_is_open(u))
		rc = err_set(e, ERR_INPUT, "組織「%s」は廃止されています", u->name);
	if (!rc)
		*id = u->id;
	org_units_free(&units);
	return rc;
}

struct add_args {
	struct staff *s;
	const char *unit;
};

static int do_staff_add(struct tx *tx, void *arg, struct err *e)
{
	const struct add_args *a = arg;
	struct staff *s = a->s;
	if (staff_validate(s, NULL, e) || resolve_unit(tx->db, a->unit, &s->unit_id, e))
		return e->code;
	s->unit_since = s->started_on ? xstrdup(s->started_on) : NULL;
	return staff_insert(tx, s, "staff.add", e);
}

static char *opt_dup(const char *v)
{
	return v ? xstrdup(v) : NULL;
}

static int staff_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"no", 1, NULL},     {"name", 1, NULL},       {"kana", 1, NULL},
			     {"unit", 1, NULL},   {"employment", 1, NULL}, {"phone", 1, NULL},
			     {"email", 1, NULL},  {"started", 1, NULL}};
	char *pos[1], done[512];
	int npos;
	if (cli_parse("staff add", argc, argv, opts, 8, pos, 0, &npos))
		return EXIT_ERROR;
	if (!opts[0].value || !opts[1].value || !opts[3].value)
		return cli_usage("staff add: --no（職員番号）、--name（氏名）、--unit（所属）を指定してください");
	struct staff s = {0};
	s.staff_no = opt_dup(opts[0].value);
	s.name = opt_dup(opts[1].value);
	s.kana = opt_dup(opts[2].value);
	s.employment = opt_dup(opts[4].value);
	s.phone = opt_dup(opts[5].value);
	s.email = opt_dup(opts[6].value);
	s.started_on = opt_dup(opts[7].value);
	struct add_args a = {&s, opts[3].value};
	snprintf(done, sizeof done, "職員 %s %s を追加しました", opts[0].value, opts[1].value);
	int rc = cli_one_write(c, do_staff_add, &a, done);
	staff_free(&s);
	return rc;
}

static int staff_import_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"full", 0, NULL}, {"date", 1, NULL}, {"dry-run", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct staff_import_result res;
	char date[11];
	if (cli_parse("staff import", argc, argv, opts, 3, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("staff import: 取り込むファイル（.csv または .xlsx）を指定してください");
	if (opts[1].value && date_parse(opts[1].value, date, &e))
		return cli_fail(&e);
	struct staff_import_opts io = {opts[0].value != NULL, opts[1].value ? date : NULL,
				       opts[2].value != NULL};
	if (cli_open(c, 0))
		return EXIT_ERROR;
	int rc = staff_import(c->db, c->actor, pos[0], &io, &res, &e);
	if (rc) {
		staff_import_result_free(&res);
		return cli_fail(&e);
	}
	if (io.dry_run)
		fputs(buf_str(&res.diff), stdout);
	fputs(buf_str(&res.warnings), stderr);
	printf("%s%s: %lld 行 — 追加 %lld、変更 %lld、異動 %lld、離任 %lld、再任 %lld、変更なし %lld\n",
	       io.dry_run ? "（試行のみ・書き込みなし）" : "取り込みました ", pos[0], res.rows, res.added,
	       res.changed, res.transferred, res.retired, res.rehired, res.unchanged);
	staff_import_result_free(&res);
	return EXIT_OK;
}

static int matches_search(const struct staff *s, const char *folded_query)
{
	char *name = fold_key(s->name), *kana = fold_key(s->kana ? s->kana : "");
	int hit = strstr(name, folded_query) || strstr(kana, folded_query) ||
		  strcmp(s->staff_no, folded_query) == 0;
	free(name);
	free(kana);
	return hit;
}

static void list_row_json(struct json_writer *w, const struct staff *s, const struct org_unit *u)
{
	jw_object_begin(w);
	jw_kv_string(w, "email", s->email);
	jw_kv_string(w, "employment", s->employment);
	jw_kv_string(w, "kana", s->kana);
	jw_kv_string(w, "left_on", s->left_on);
	jw_kv_string(w, "name", s->name);
	jw_kv_string(w, "phone", s->phone);
	jw_kv_string(w, "staff_no", s->staff_no);
	jw_kv_string(w, "started_on", s->started_on);
	jw_kv_string(w, "unit", u ? u->code : NULL);
	jw_kv_string(w, "unit_name", u ? u->name : NULL);
	jw_kv_string(w, "unit_since", s->unit_since);
	jw_object_end(w);
}

static void list_row_csv(struct buf *b, const struct staff *s, const struct org_unit *u)
{
	buf_csv_field(b, s->staff_no, 0);
	buf_csv_field(b, s->name, 0);
	buf_csv_field(b, s->kana, 0);
	buf_csv_field(b, u ? u->code : "", 0);
	buf_csv_field(b, vocab_label(&vocab_employment, s->employment), 0);
	buf_csv_field(b, s->phone, 0);
	buf_csv_field(b, s->email, 0);
	buf_csv_field(b, s->started_on, 0);
	buf_csv_field(b, s->left_on, 1);
}

static int staff_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"unit", 1, NULL}, {"search", 1, NULL}, {"all", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct staff_list l;
	struct org_units units;
	const struct org_unit *scope = NULL;
	if (cli_parse("staff list", argc, argv, opts, 3, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (org_units_load(c->db, &units, &e))
		return cli_fail(&e);
	if (opts[0].value && org_unit_resolve(&units, opts[0].value, &scope, &e)) {
		org_units_free(&units);
		return cli_fail(&e);
	}
	if (staff_load(c->db, opts[2].value ? "" : "left_on IS NULL", &l, &e)) {
		org_units_free(&units);
		return cli_fail(&e);
	}
	char *query = opts[1].value ? fold_key(opts[1].value) : NULL;
	struct list_out out;
	list_begin(&out, c, "staff", "職員番号,氏名,カナ,所属,雇用区分,連絡先,メール,着任日,離任日");
	size_t shown = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct staff *s = &l.v[i];
		if (scope && !org_unit_within(&units, s->unit_id, scope->id))
			continue;
		if (query && !matches_search(s, query))
			continue;
		const struct org_unit *u = org_unit_by_id(&units, s->unit_id);
		shown++;
		if (c->format == FMT_JSON)
			list_row_json(&out.w, s, u);
		else if (c->format == FMT_CSV)
			list_row_csv(&out.b, s, u);
		else
			buf_printf(&out.b, "%s\t%s\t%s\t%s%s%s\n", s->staff_no, s->name, u ? u->name : "?",
				   vocab_label(&vocab_employment, s->employment), s->left_on ? "\t離任 " : "",
				   s->left_on ? s->left_on : "");
	}
	if (c->format == FMT_TEXT)
		buf_printf(&out.b, "（%zu 人）\n", shown);
	list_end(&out);
	free(query);
	staff_list_free(&l);
	org_units_free(&units);
	return EXIT_OK;
}

static void show_roles(struct cli *c, const struct staff *s, struct err *e)
{
	struct role_assignments roles;
	if (role_load(c->db, 0, &roles, e))
		return;
	for (size_t i = 0; i < roles.n; i++) {
		const struct role_assignment *a = &roles.v[i];
		if (a->staff_id != s->id)
			continue;
		printf("役割      %s（割当番号 %lld）%s〜%s\n", vocab_label(&vocab_role, a->role), a->id,
		       a->started_on, a->ended_on ? a->ended_on : "");
	}
	role_assignments_free(&roles);
}

static int staff_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos, found;
	struct err e = {0};
	struct staff s;
	struct org_units units;
	char d1[64], d2[64];
	if (cli_parse("staff show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("staff show: 職員番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (staff_find(c->db, pos[0], &s, &found, &e))
		return cli_fail(&e);
	if (!found) {
		err_set(&e, ERR_INPUT, "職員番号「%s」は登録されていません", pos[0]);
		return cli_fail(&e);
	}
	if (org_units_load(c->db, &units, &e)) {
		staff_free(&s);
		return cli_fail(&e);
	}
	char *path = org_unit_path(&units, s.unit_id);
	cli_date_with_wareki(s.started_on, d1, sizeof d1);
	cli_date_with_wareki(s.left_on, d2, sizeof d2);
	printf("職員番号  %s\n氏名      %s\nカナ      %s\n所属      %s（%s から）\n雇用区分  %s\n"
	       "連絡先    %s\nメール    %s\n着任日    %s\n離任日    %s\n",
	       s.staff_no, s.name, s.kana ? s.kana : "", path, s.unit_since ? s.unit_since : "?",
	       vocab_label(&vocab_employment, s.employment), s.phone ? s.phone : "",
	       s.email ? s.email : "", d1, d2);
	show_roles(c, &s, &e);
	printf("（異動・変更の履歴: mamori journal --subject staff/%lld）\n", s.id);
	free(path);
	org_units_free(&units);
	staff_free(&s);
	return EXIT_OK;
}

struct move_args {
	const char *staff_no, *unit, *date;
};

static int do_transfer(struct tx *tx, void *arg, struct err *e)
{
	const struct move_args *a = arg;
	long long unit_id;
	if (resolve_unit(tx->db, a->unit, &unit_id, e))
		return e->code;
	return staff_transfer(tx, a->staff_no, unit_id, a->date, e);
}

static int do_retire(struct tx *tx, void *arg, struct err *e)
{
	const struct move_args *a = arg;
	return staff_retire(tx, a->staff_no, a->date, e);
}

static int staff_move_cmd(struct cli *c, int argc, char **argv, int retire)
{
	struct opt opts[] = {{"unit", 1, NULL}, {"date", 1, NULL}};
	char *pos[1], today[11], done[256];
	int npos;
	if (cli_parse(retire ? "staff retire" : "staff transfer", argc, argv, opts, 2, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1 || (!retire && !opts[0].value))
		return cli_usage(retire ? "staff retire: 職員番号を指定してください（--date 離任日）"
					: "staff transfer: 職員番号と --unit（異動先）を指定してください");
	time_today(today);
	struct move_args a = {pos[0], opts[0].value, opts[1].value ? opts[1].value : today};
	snprintf(done, sizeof done, "職員 %s の%sを記録しました", pos[0], retire ? "離任" : "異動");
	return cli_one_write(c, retire ? do_retire : do_transfer, &a, done);
}

static int staff_transfer_cmd(struct cli *c, int argc, char **argv)
{
	return staff_move_cmd(c, argc, argv, 0);
}

static int staff_retire_cmd(struct cli *c, int argc, char **argv)
{
	return staff_move_cmd(c, argc, argv, 1);
}

int cmd_staff(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", staff_add_cmd},         {"import", staff_import_cmd},
		{"list", staff_list_cmd},       {"show", staff_show_cmd},
		{"transfer", staff_transfer_cmd}, {"retire", staff_retire_cmd},
	};
	return cli_dispatch(c, "staff", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
