/*
 * cmd_org.c — `mamori org add|list|show|close|contacts`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/check.h"
#include "core/contacts.h"
#include "core/org.h"
#include "core/vocab.h"
#include "util/json.h"
#include "util/timeutil.h"

static int do_org_add(struct tx *tx, void *arg, struct err *e)
{
	long long id;
	return org_unit_add(tx, arg, &id, e);
}

static int org_add(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"code", 1, NULL}, {"name", 1, NULL}, {"kind", 1, NULL},
			     {"parent", 1, NULL}, {"opened", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("org add", argc, argv, opts, 5, pos, 0, &npos))
		return EXIT_ERROR;
	struct org_unit_input in = {opts[0].value, opts[1].value, opts[2].value, opts[3].value,
				    opts[4].value};
	if (!in.code || !in.name || !in.kind)
		return cli_usage("org add: --code、--name、--kind（部局・課室・係・出先機関…）を指定してください");
	char done[512];
	snprintf(done, sizeof done, "組織「%s」（%s）を追加しました", in.name, in.code);
	return cli_one_write(c, do_org_add, &in, done);
}

static void list_json(const struct org_units *u, struct buf *b)
{
	struct json_writer w;
	jw_init(&w, b);
	jw_object_begin(&w);
	jw_key(&w, "units");
	jw_array_begin(&w);
	for (size_t i = 0; i < u->n; i++) {
		const struct org_unit *x = &u->v[i];
		const struct org_unit *parent = org_unit_by_id(u, x->parent_id);
		jw_object_begin(&w);
		jw_kv_string(&w, "closed_on", x->closed_on);
		jw_kv_string(&w, "code", x->code);
		jw_kv_string(&w, "kind", x->kind);
		jw_kv_string(&w, "name", x->name);
		jw_kv_string(&w, "opened_on", x->opened_on);
		jw_kv_string(&w, "parent", parent ? parent->code : NULL);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(b, '\n');
}

static void list_text(const struct org_units *u, long long parent, int depth, int all,
		      struct buf *b)
{
	for (size_t i = 0; i < u->n; i++) {
		const struct org_unit *x = &u->v[i];
		if (x->parent_id != parent || (!all && !org_unit_is_open(x)))
			continue;
		for (int d = 0; d < depth; d++)
			buf_puts(b, "  ");
		buf_printf(b, "%s %s［%s］%s%s\n", x->code, x->name, vocab_label(&vocab_unit_kind, x->kind),
			   x->closed_on ? " 廃止 " : "", x->closed_on ? x->closed_on : "");
		list_text(u, x->id, depth + 1, all, b);
	}
}

static int org_list(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"all", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct org_units u;
	struct buf b = BUF_INIT;
	if (cli_parse("org list", argc, argv, opts, 1, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (org_units_load(c->db, &u, &e))
		return cli_fail(&e);
	if (c->format == FMT_JSON) {
		list_json(&u, &b);
	} else if (c->format == FMT_CSV) {
		buf_puts(&b, "組織コード,組織名,種類,上位組織コード,設置日,廃止日\r\n");
		for (size_t i = 0; i < u.n; i++) {
			const struct org_unit *x = &u.v[i], *p = org_unit_by_id(&u, x->parent_id);
			buf_csv_field(&b, x->code, 0);
			buf_csv_field(&b, x->name, 0);
			buf_csv_field(&b, vocab_label(&vocab_unit_kind, x->kind), 0);
			buf_csv_field(&b, p ? p->code : "", 0);
			buf_csv_field(&b, x->opened_on, 0);
			buf_csv_field(&b, x->closed_on, 1);
		}
	} else {
		list_text(&u, 0, 0, opts[0].value != NULL, &b);
	}
	cli_write(&b);
	buf_free(&b);
	org_units_free(&u);
	return EXIT_OK;
}

struct close_args {
	const char *code, *date;
};

static int do_org_close(struct tx *tx, void *arg, struct err *e)
{
	const struct close_args *a = arg;
	return org_unit_close(tx, a->code, a->date, e);
}

static int org_close(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"date", 1, NULL}};
	char *pos[1];
	int npos;
	char today[11], done[256];
	if (cli_parse("org close", argc, argv, opts, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("org close: 組織コードを指定してください（例: mamori org close S012 --date 2026-03-31）");
	time_today(today);
	struct close_args a = {pos[0], opts[0].value ? opts[0].value : today};
	snprintf(done, sizeof done, "組織 %s を廃止しました", pos[0]);
	return cli_one_write(c, do_org_close, &a, done);
}

static const char *person_field(const struct staff *s, int which)
{
	if (!s)
		return which == 0 ? "（未任命）" : "";
	const char *v[] = {s->name, s->staff_no, s->phone, s->email};
	return v[which] ? v[which] : "";
}

static void contacts_text(const struct contact_tree *t, struct buf *b)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct contact *ct = &t->v[i];
		for (int d = 0; d < ct->level; d++)
			buf_puts(b, "  ");
		buf_printf(b, "%s%s%s: %s", vocab_label(&vocab_role, ct->role), *ct->scope ? "・" : "",
			   ct->scope, person_field(ct->person, 0));
		if (ct->person)
			buf_printf(b, "（%s）%s%s%s%s", ct->person->staff_no,
				   ct->person->phone ? " " : "", ct->person->phone ? ct->person->phone : "",
				   ct->person->email ? " " : "", ct->person->email ? ct->person->email : "");
		buf_putc(b, '\n');
	}
}

static void contacts_json(const struct contact_tree *t, struct buf *b)
{
	struct json_writer w;
	jw_init(&w, b);
	jw_object_begin(&w);
	jw_key(&w, "contacts");
	jw_array_begin(&w);
	for (size_t i = 0; i < t->n; i++) {
		const struct contact *ct = &t->v[i];
		jw_object_begin(&w);
		jw_kv_string(&w, "email", ct->person ? ct->person->email : NULL);
		jw_kv_int(&w, "index", (long long)i);
		jw_kv_int(&w, "level", ct->level);
		jw_kv_string(&w, "name", ct->person ? ct->person->name : NULL);
		jw_key(&w, "parent");
		if (ct->parent >= 0)
			jw_int(&w, ct->parent);
		else
			jw_raw(&w, "null");
		jw_kv_string(&w, "phone", ct->person ? ct->person->phone : NULL);
		jw_kv_string(&w, "role", ct->role);
		jw_kv_string(&w, "scope", ct->scope);
		jw_kv_string(&w, "staff_no", ct->person ? ct->person->staff_no : NULL);
		jw_key(&w, "vacant");
		jw_raw(&w, ct->person ? "false" : "true");
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(b, '\n');
}

static void contacts_csv(const struct contact_tree *t, struct buf *b)
{
	buf_puts(b, "階層,役割,担当,氏名,職員番号,連絡先,メール,報告先\r\n");
	for (size_t i = 0; i < t->n; i++) {
		const struct contact *ct = &t->v[i];
		char level[16];
		snprintf(level, sizeof level, "%d", ct->level);
		buf_csv_field(b, level, 0);
		buf_csv_field(b, vocab_label(&vocab_role, ct->role), 0);
		buf_csv_field(b, ct->scope, 0);
		for (int k = 0; k < 4; k++)
			buf_csv_field(b, person_field(ct->person, k), 0);
		const struct contact *up = ct->parent >= 0 ? &t->v[ct->parent] : NULL;
		buf_csv_field(b, up && up->person ? up->person->name : "", 1);
	}
}

static int org_contacts(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct check_ctx ctx;
	struct contact_tree t;
	struct buf b = BUF_INIT;
	if (cli_parse("org contacts", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (check_ctx_load(c->db, &ctx, &e))
		return cli_fail(&e);
	contacts_build(&ctx, &t);
	if (c->format == FMT_JSON)
		contacts_json(&t, &b);
	else if (c->format == FMT_CSV)
		contacts_csv(&t, &b);
	else
		contacts_text(&t, &b);
	cli_write(&b);
	buf_free(&b);
	contacts_free(&t);
	check_ctx_free(&ctx);
	return EXIT_OK;
}

int cmd_org(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", org_add},
		{"list", org_list},
		{"close", org_close},
		{"contacts", org_contacts},
	};
	return cli_dispatch(c, "org", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
