/*
 * cmd_policy.c — `mamori policy …`: the municipality's own policy documents.
 *
 *   render [--edition public|internal] [-o FILE]   write (and keep as a version)
 *   list                                           the versions and their 決裁
 *   show N [-o FILE]                               print a kept version again
 *   approve N                                      record the 決裁 (--as: the CISO)
 *   diff A B                                       what changed, clause by clause
 *   gap FILE                                       rate an existing policy (cmd_gap.c)
 *
 * Documents are written in the global --format: md (the default), html,
 * pdf, or json (the blocks).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/policy_build.h"
#include "core/policy_diff.h"
#include "core/policy_store.h"
#include "core/policy_version.h"
#include "core/staff.h"
#include "store/tx.h"
#include "util/durable.h"

/* The version number of a command line argument ("3" or "第3版"). */
static int parse_version(const char *cmd, const char *s, long long *id)
{
	char *end;
	const char *p = strncmp(s, "第", strlen("第")) == 0 ? s + strlen("第") : s;
	*id = strtoll(p, &end, 10);
	if (end == p || (*end && strcmp(end, "版") != 0) || *id <= 0)
		return cli_usage("%s: 版の番号「%s」は数字で指定してください（mamori policy list で確認できます）", cmd, s);
	return 0;
}

/* The CLI's --format as a document format (check_format refused the rest). */
static enum policy_format doc_format(enum out_format format)
{
	switch (format) {
	case FMT_HTML: return POLICY_HTML;
	case FMT_PDF: return POLICY_PDF;
	case FMT_JSON: return POLICY_JSON;
	default: return POLICY_MD;
	}
}

/*
 * Version `id` as a document in `format`, into out, and written to path when
 * one is given (so a render whose file cannot be written is rolled back).
 */
static int version_document(struct db *db, long long id, enum out_format format, const char *path,
			    struct buf *out, struct err *e)
{
	struct policy_versions l;
	if (policy_versions_load(db, &l, e))
		return e->code;
	const struct policy_version *v = policy_version_by_id(&l, id);
	int rc;
	if (!v) {
		rc = err_set(e, ERR_INPUT, "ポリシーの第%lld版はありません（mamori policy list で確認できます）", id);
	} else if (!(rc = policy_version_write(db, v, doc_format(format), out, e)) && path) {
		rc = durable_write_file(path, out->data, out->len, e);
	}
	policy_versions_free(&l);
	return rc;
}

static int check_format(const struct cli *c, const char *cmd)
{
	if (c->format == FMT_CSV || c->format == FMT_OSCAL)
		return cli_usage("%s: 文書の形式は md、html、pdf、json のいずれかです", cmd);
	return 0;
}

struct render_args {
	enum policy_edition edition;
	enum out_format format;
	const char *path;
	long long id;
	int created;
	struct buf out;
};

static int do_render(struct tx *tx, void *arg, struct err *e)
{
	struct render_args *a = arg;
	struct catalog cat;
	if (catalog_load(&cat, e))
		return e->code;
	int rc = policy_render(tx, &cat, a->edition, &a->id, &a->created, e);
	if (!rc)
		rc = version_document(tx->db, a->id, a->format, a->path, &a->out, e);
	catalog_free(&cat);
	return rc;
}

static const char *output_path(const struct cli *c, const char *cmd, const struct opt *o, const struct opt *output,
			       int *bad)
{
	const char *path = o->value ? o->value : output->value;
	*bad = !path && c->format == FMT_PDF && isatty(STDOUT_FILENO);
	if (*bad)
		cli_usage("%s: PDF は -o ファイル名 で書き出してください", cmd);
	return path;
}

static int policy_render_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"edition", 1, NULL}, {"o", 1, NULL}, {"output", 1, NULL}};
	char *pos[1];
	int npos, bad;
	if (cli_parse("policy render", argc, argv, opts, 3, pos, 0, &npos) || check_format(c, "policy render"))
		return EXIT_ERROR;
	int edition = opts[0].value ? policy_edition_parse(opts[0].value) : EDITION_INTERNAL;
	if (edition < 0)
		return cli_usage("policy render: --edition は public（公開版: 基本方針）か internal（内部版: 全体）です（「%s」は使えません）",
				 opts[0].value);
	struct render_args a = {(enum policy_edition)edition, c->format, NULL, 0, 0, BUF_INIT};
	a.path = output_path(c, "policy render", &opts[1], &opts[2], &bad);
	if (bad)
		return EXIT_ERROR;
	int rc = cli_one_write(c, do_render, &a, NULL);
	if (rc == EXIT_OK) {
		fprintf(stderr, a.created ? "ポリシー第%lld版として記録しました（未決裁）\n"
					  : "内容は第%lld版と同じです（新しい版は作りません）\n",
			a.id);
		if (!a.path)
			cli_write(&a.out);
	}
	buf_free(&a.out);
	return rc;
}

static int policy_show_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"o", 1, NULL}, {"output", 1, NULL}};
	char *pos[1];
	int npos, bad;
	long long id;
	struct err e = {0};
	if (cli_parse("policy show", argc, argv, opts, 2, pos, 1, &npos) || check_format(c, "policy show"))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("policy show: 版の番号を指定してください（例: mamori policy show 3）");
	const char *path = output_path(c, "policy show", &opts[0], &opts[1], &bad);
	if (bad || parse_version("policy show", pos[0], &id) || cli_open(c, 0))
		return EXIT_ERROR;
	struct buf out = BUF_INIT;
	int rc = version_document(c->db, id, c->format, path, &out, &e);
	if (!rc && !path)
		cli_write(&out);
	buf_free(&out);
	return rc ? cli_fail(&e) : EXIT_OK;
}

static int policy_list_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct policy_versions l;
	struct err e = {0};
	if (cli_parse("policy list", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (policy_versions_load(c->db, &l, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "versions", "version,edition,title,rendered_at,rendered_by,content_hash,approved_by,approved_at");
	for (size_t i = 0; i < l.n; i++) {
		const struct policy_version *v = &l.v[i];
		if (c->format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "approved_at", v->approved_at);
			jw_kv_int(&out.w, "approved_by", v->approved_by);
			jw_kv_string(&out.w, "content_hash", v->content_hash);
			jw_kv_string(&out.w, "edition", v->edition);
			jw_kv_string(&out.w, "rendered_at", v->rendered_at);
			jw_kv_string(&out.w, "rendered_by", v->rendered_by);
			jw_kv_string(&out.w, "title", v->title);
			jw_kv_int(&out.w, "version", v->id);
			jw_object_end(&out.w);
		} else if (c->format == FMT_CSV) {
			char id[24], by[24];
			fmt_int(v->id, id);
			fmt_int(v->approved_by, by);
			const char *f[] = {id, v->edition, v->title, v->rendered_at, v->rendered_by, v->content_hash,
					   v->approved_by ? by : "", v->approved_at ? v->approved_at : ""};
			for (int k = 0; k < 8; k++)
				buf_csv_field(&out.b, f[k], k == 7);
		} else {
			char *sub = policy_version_subtitle(c->db, v);
			buf_printf(&out.b, "第%lld版  %s  %s（%s 作成: %s）\n", v->id, v->title, sub, v->rendered_at,
				   v->rendered_by);
			free(sub);
		}
	}
	if (c->format == FMT_TEXT && l.n == 0)
		buf_puts(&out.b, "ポリシーの版はまだありません（mamori policy render で作成します）\n");
	list_end(&out);
	policy_versions_free(&l);
	return EXIT_OK;
}

/* The staff id of --as, who must hold the 決裁 (policy_approver_check). */
static int approver_id(struct db *db, const char *staff_no, long long *id, struct err *e)
{
	struct staff s;
	int found;
	if (!staff_no)
		return err_set(e, ERR_INPUT, "決裁する職員を --as 職員番号 で指定してください（CISO または副CISO）");
	if (staff_find(db, staff_no, &s, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "職員番号「%s」の職員はいません", staff_no);
	*id = s.id;
	staff_free(&s);
	return policy_approver_check(db, *id, staff_no, e);
}

struct approve_args {
	long long version;
	const char *staff_no;
};

static int do_approve(struct tx *tx, void *arg, struct err *e)
{
	const struct approve_args *a = arg;
	long long staff_id = 0;
	if (approver_id(tx->db, a->staff_no, &staff_id, e))
		return e->code;
	return policy_approve(tx, a->version, staff_id, e);
}

static int policy_approve_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct approve_args a = {0, c->actor_no};
	if (cli_parse("policy approve", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("policy approve: 版の番号を指定してください（例: mamori --as 100001 policy approve 3）");
	if (parse_version("policy approve", pos[0], &a.version))
		return EXIT_ERROR;
	int rc = cli_one_write(c, do_approve, &a, NULL);
	if (rc == EXIT_OK)
		printf("ポリシー第%lld版を決裁しました\n", a.version);
	return rc;
}

static void diff_text(const struct policy_diff *d, long long a, long long b, struct buf *out)
{
	size_t count[3] = {0};
	for (size_t i = 0; i < d->n; i++)
		count[d->v[i].change]++;
	buf_printf(out, "第%lld版 → 第%lld版: 追加 %zu、削除 %zu、変更 %zu\n", a, b, count[CHANGE_ADDED],
		   count[CHANGE_REMOVED], count[CHANGE_CHANGED]);
	static const char *const marks[] = {"＋ 追加", "－ 削除", "＊ 変更"};
	for (size_t i = 0; i < d->n; i++) {
		const struct policy_diff_item *x = &d->v[i];
		const char *where = x->where_to ? x->where_to : x->where_from;
		buf_printf(out, "\n%s %s（%s）\n", marks[x->change], x->clause, where ? where : "");
		if (x->from)
			buf_printf(out, "  旧: %s\n", x->from->text);
		if (x->to)
			buf_printf(out, "  新: %s\n", x->to->text);
	}
}

static void diff_json(const struct policy_diff *d, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_object_begin(&w);
	jw_key(&w, "changes");
	jw_array_begin(&w);
	for (size_t i = 0; i < d->n; i++) {
		const struct policy_diff_item *x = &d->v[i];
		jw_object_begin(&w);
		jw_kv_string(&w, "change", policy_change_ids[x->change]);
		jw_kv_string(&w, "clause", x->clause);
		jw_kv_string(&w, "from", x->from ? x->from->text : NULL);
		jw_kv_string(&w, "to", x->to ? x->to->text : NULL);
		jw_kv_string(&w, "where_from", x->where_from);
		jw_kv_string(&w, "where_to", x->where_to);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(out, '\n');
}

static int policy_diff_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[2];
	int npos;
	long long a, b;
	struct err e = {0};
	if (cli_parse("policy diff", argc, argv, NULL, 0, pos, 2, &npos))
		return EXIT_ERROR;
	if (npos != 2)
		return cli_usage("policy diff: 比べる二つの版の番号を指定してください（例: mamori policy diff 2 3）");
	if (parse_version("policy diff", pos[0], &a) || parse_version("policy diff", pos[1], &b) ||
	    cli_open(c, 0))
		return EXIT_ERROR;
	struct policy_versions l;
	if (policy_versions_load(c->db, &l, &e))
		return cli_fail(&e);
	const struct policy_version *va = policy_version_by_id(&l, a), *vb = policy_version_by_id(&l, b);
	struct pdoc da, db;
	int rc = EXIT_OK;
	if (!va || !vb) {
		rc = cli_usage("ポリシーの第%lld版はありません（mamori policy list で確認できます）", va ? b : a);
	} else if (pdoc_from_version(va, &da, &e)) {
		rc = cli_fail(&e);
	} else {
		if (pdoc_from_version(vb, &db, &e)) {
			rc = cli_fail(&e);
		} else {
			struct policy_diff d;
			struct buf out = BUF_INIT;
			policy_diff(&da, &db, &d);
			if (c->format == FMT_JSON)
				diff_json(&d, &out);
			else
				diff_text(&d, a, b, &out);
			cli_write(&out);
			buf_free(&out);
			policy_diff_free(&d);
			pdoc_free(&db);
		}
		pdoc_free(&da);
	}
	policy_versions_free(&l);
	return rc;
}

int cmd_policy(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"render", policy_render_cmd}, {"list", policy_list_cmd}, {"show", policy_show_cmd},
		{"approve", policy_approve_cmd}, {"diff", policy_diff_cmd}, {"gap", cmd_policy_gap},
	};
	return cli_dispatch(c, "policy", subs, sizeof subs / sizeof subs[0], argc, argv);
}
