/*
 * cmd_plan.c — `mamori plan …`: the 緊急時対応計画 (guideline 7.3).
 *
 *   init                                   version 1 from the template
 *   set FIELD (--file F | --text T)        a new version with one part replaced
 *   contact add --party P [--person N] [--phone T] [--email M] [--note X] [--staff 職員番号]
 *   contact remove N                       a new version without contact N
 *   review --date D                        a new version reviewed on D
 *   approve N                              the CISO's 決裁 (--as 職員番号)
 *   show [N]                               the whole plan with the 庁内 contacts (text|json)
 *   list                                   the versions (text|json|csv)
 *   render [N] [-o FILE]                   the document (--format md|html|pdf)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_doc.h"
#include "core/policy_pdf.h"
#include "core/policy_write.h"
#include "core/response_plan.h"
#include "core/response_plan_edit.h"
#include "store/tx.h"
#include "util/durable.h"
#include "util/fold.h"
#include "util/textfile.h"
#include "util/timeutil.h"

/* The version number of an argument ("3" or "第3版"). */
static int parse_version(const char *cmd, const char *s, long long *v)
{
	char *end;
	const char *p = strncmp(s, "第", strlen("第")) == 0 ? s + strlen("第") : s;
	*v = strtoll(p, &end, 10);
	if (end == p || (*end && strcmp(end, "版") != 0) || *v <= 0)
		return cli_usage("%s: 版の番号「%s」は数字で指定してください（mamori plan list で確認できます）", cmd, s);
	return 0;
}

static void print_version(const char *what, long long version)
{
	printf("緊急時対応計画の第%lld版を作成しました（%s。未決裁）\n", version, what);
}

static int plan_init_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	long long version = 0;
	if (cli_parse("plan init", argc, argv, NULL, 0, pos, 0, &npos))
		return EXIT_ERROR;
	int rc = cli_one_write(c, plan_edit_init, &version, NULL);
	if (rc == EXIT_OK)
		print_version("ひな形から作成", version);
	return rc;
}

/* A text file of at most 64 KiB, UTF-8, into a malloc'd string. */
static char *read_text(const char *path, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		err_set(e, ERR_INPUT, "ファイル「%s」を開けません", path);
		return NULL;
	}
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= 64 * 1024)
		buf_append(&b, chunk, n);
	fclose(f);
	if (b.len > 64 * 1024) {
		err_set(e, ERR_INPUT, "ファイル「%s」が大きすぎます（64 KiB まで）", path);
	} else if (!text_refuse_binary(path, buf_str(&b), b.len, "文書", e) && !utf8_valid(buf_str(&b), (long)b.len)) {
		err_set(e, ERR_INPUT, "ファイル「%s」は UTF-8 のテキストではありません", path);
	}
	if (e->code) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

static int plan_set_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"file", 1, NULL}, {"text", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	if (cli_parse("plan set", argc, argv, opts, 2, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1 || !opts[0].value == !opts[1].value)
		return cli_usage("plan set: 項目と --file ファイル か --text 文章 のどちらか一つを指定してください（例: mamori plan set measures --file 対応措置.txt）");
	char *file_text = NULL;
	if (opts[0].value && !(file_text = read_text(opts[0].value, &e)))
		return cli_fail(&e);
	struct plan_field_edit a = {pos[0], file_text ? file_text : opts[1].value, 0};
	int rc = cli_one_write(c, plan_edit_field, &a, NULL);
	if (rc == EXIT_OK)
		print_version(pos[0], a.version);
	free(file_text);
	return rc;
}

static char *or_empty(const char *s)
{
	return (char *)(s ? s : "");
}

static int plan_contact_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"party", 1, NULL}, {"person", 1, NULL}, {"phone", 1, NULL},
			     {"email", 1, NULL}, {"note", 1, NULL},   {"staff", 1, NULL}};
	char *pos[2];
	int npos;
	if (cli_parse("plan contact", argc, argv, opts, 6, pos, 2, &npos))
		return EXIT_ERROR;
	struct plan_contact_edit a = {{or_empty(opts[0].value), or_empty(opts[1].value), or_empty(opts[2].value),
				  or_empty(opts[3].value), or_empty(opts[4].value), or_empty(opts[5].value)},
				 0, 0};
	if (npos == 1 && strcmp(pos[0], "add") == 0) {
		/* checked by plan_contact_add */
	} else if (npos == 2 && strcmp(pos[0], "remove") == 0) {
		char *end;
		a.remove = strtoll(pos[1], &end, 10);
		if (*end || a.remove <= 0)
			return cli_usage("plan contact remove: 連絡先の番号「%s」は 1 以上の数字です（mamori plan show で確認できます）", pos[1]);
	} else {
		return cli_usage("plan contact: add --party 相手先 [--person 担当者] [--phone 電話] [--email メール] [--note 備考] [--staff 職員番号] か remove 番号 を指定してください");
	}
	int rc = cli_one_write(c, plan_edit_contact, &a, NULL);
	if (rc == EXIT_OK)
		print_version(a.remove ? "連絡先を削除" : "連絡先を追加", a.version);
	return rc;
}

static int plan_review_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"date", 1, NULL}};
	char *pos[1];
	int npos;
	char today[11];
	if (cli_parse("plan review", argc, argv, opts, 1, pos, 0, &npos))
		return EXIT_ERROR;
	time_today(today);
	struct plan_review_edit a = {opts[0].value ? opts[0].value : today, 0};
	int rc = cli_one_write(c, plan_edit_review, &a, NULL);
	if (rc == EXIT_OK)
		print_version("見直しを記録", a.version);
	return rc;
}

static int plan_approve_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct plan_approval a = {0, c->actor_no};
	if (cli_parse("plan approve", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("plan approve: 版の番号を指定してください（例: mamori --as 100001 plan approve 2）");
	if (parse_version("plan approve", pos[0], &a.version))
		return EXIT_ERROR;
	int rc = cli_one_write(c, plan_edit_approve, &a, NULL);
	if (rc == EXIT_OK)
		printf("緊急時対応計画の第%lld版を決裁しました\n", a.version);
	return rc;
}

/* Loads the context and version N (0: the latest), then calls show(). */
static int with_version(struct cli *c, const char *cmd, int npos, char **pos,
			int (*show)(struct cli *c, const struct check_ctx *x, const struct plan_version *v,
				    void *arg, struct err *e),
			void *arg)
{
	long long version = 0;
	struct err e = {0};
	if (npos == 1 && parse_version(cmd, pos[0], &version))
		return EXIT_ERROR;
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct plan_versions l;
	struct check_ctx x;
	if (plan_versions_load(c->db, &l, &e))
		return cli_fail(&e);
	const struct plan_version *v = version ? plan_by_version(&l, version) : plan_latest(&l);
	int rc;
	if (!v && version)
		rc = err_set(&e, ERR_INPUT, "緊急時対応計画の第%lld版はありません（mamori plan list で確認できます）", version);
	else if (!v)
		rc = err_set(&e, ERR_INPUT, "緊急時対応計画がまだありません（mamori plan init で作成します）");
	else if (!(rc = check_ctx_load(c->db, &x, &e))) {
		rc = show(c, &x, v, arg, &e);
		check_ctx_free(&x);
	}
	plan_versions_free(&l);
	return rc ? cli_fail(&e) : EXIT_OK;
}

/* The text of `plan show`: the document's blocks as plain lines. */
static void doc_text(const struct pdoc *d, struct buf *out)
{
	buf_printf(out, "%s\n%s\n", d->title, d->subtitle ? d->subtitle : "");
	for (size_t i = 0; i < d->n; i++) {
		const struct pdoc_block *b = &d->v[i];
		if (b->kind == PD_CHAPTER)
			buf_printf(out, "\n%s. %s\n", b->label, b->text);
		else if (b->kind == PD_SECTION)
			buf_printf(out, "\n［%s］\n", b->text);
		else if (b->kind == PD_ITEM)
			buf_printf(out, "  %s %s\n", b->label ? b->label : "", b->text);
		else
			buf_printf(out, "  %s\n", b->text);
	}
}

static int show_one(struct cli *c, const struct check_ctx *x, const struct plan_version *v, void *arg,
		    struct err *e)
{
	(void)arg;
	struct buf out = BUF_INIT;
	int rc = 0;
	if (c->format == FMT_JSON) {
		rc = plan_json(x, v, &out, e);
	} else {
		struct pdoc d;
		if (!(rc = plan_document(x, v, &d, e))) {
			doc_text(&d, &out);
			pdoc_free(&d);
		}
	}
	if (!rc)
		cli_write(&out);
	buf_free(&out);
	return rc;
}

static int plan_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	if (cli_parse("plan show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (c->format != FMT_TEXT && c->format != FMT_JSON)
		return cli_usage("plan show: 形式は text か json です（文書は mamori plan render で書き出します）");
	return with_version(c, "plan show", npos, pos, show_one, NULL);
}

static int render_one(struct cli *c, const struct check_ctx *x, const struct plan_version *v, void *arg,
		      struct err *e)
{
	const char *path = arg;
	struct pdoc d;
	if (plan_document(x, v, &d, e))
		return e->code;
	return cli_doc_output(&d, c->format, path, e);
}

static int plan_render_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"o", 1, NULL}, {"output", 1, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("plan render", argc, argv, opts, 2, pos, 1, &npos))
		return EXIT_ERROR;
	if (c->format != FMT_TEXT && c->format != FMT_MD && c->format != FMT_HTML && c->format != FMT_PDF)
		return cli_usage("plan render: 文書の形式は md、html、pdf のいずれかです");
	const char *path = opts[0].value ? opts[0].value : opts[1].value;
	if (!path && c->format == FMT_PDF && isatty(STDOUT_FILENO))
		return cli_usage("plan render: PDF は -o ファイル名 で書き出してください");
	return with_version(c, "plan render", npos, pos, render_one, (void *)path);
}

static void list_row(struct cli *c, struct list_out *out, const struct plan_version *v, const char *approver)
{
	if (c->format == FMT_JSON) {
		jw_object_begin(&out->w);
		jw_kv_string(&out->w, "approved_at", v->approved_at);
		jw_kv_string(&out->w, "approved_by", approver);
		jw_kv_string(&out->w, "created_at", v->created_at);
		jw_kv_string(&out->w, "reviewed_on", v->reviewed_on);
		jw_kv_int(&out->w, "version", v->version);
		jw_object_end(&out->w);
	} else if (c->format == FMT_CSV) {
		char num[24];
		fmt_int(v->version, num);
		const char *f[] = {num, v->created_at, v->reviewed_on, approver ? approver : "",
				   v->approved_at ? v->approved_at : ""};
		for (int k = 0; k < 5; k++)
			buf_csv_field(&out->b, f[k], k == 4);
	} else {
		char jst[17] = "", approved[17] = "";
		time_jst_text(v->created_at, jst);
		if (v->approved_at)
			time_jst_text(v->approved_at, approved);
		buf_printf(&out->b, "第%lld版  作成 %s  見直し日 %s  %s%s%s\n", v->version, jst, v->reviewed_on,
			   approver ? approved : "未決裁", approver ? " 決裁 " : "", approver ? approver : "");
	}
}

static int plan_list_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct plan_versions l;
	struct staff_list staff;
	struct err e = {0};
	if (cli_parse("plan list", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (plan_versions_load(c->db, &l, &e))
		return cli_fail(&e);
	if (staff_load(c->db, "", &staff, &e)) {
		plan_versions_free(&l);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "versions", "version,created_at,reviewed_on,approved_by,approved_at");
	for (size_t i = 0; i < l.n; i++) {
		const struct staff *s = l.v[i].approved_by ? staff_by_id(&staff, l.v[i].approved_by) : NULL;
		list_row(c, &out, &l.v[i], s ? s->staff_no : NULL);
	}
	if (c->format == FMT_TEXT && l.n == 0)
		buf_puts(&out.b, "緊急時対応計画はまだありません（mamori plan init で作成します）\n");
	list_end(&out);
	staff_list_free(&staff);
	plan_versions_free(&l);
	return EXIT_OK;
}

int cmd_plan(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"init", plan_init_cmd},       {"set", plan_set_cmd},       {"contact", plan_contact_cmd},
		{"review", plan_review_cmd},   {"approve", plan_approve_cmd}, {"show", plan_show_cmd},
		{"list", plan_list_cmd},       {"render", plan_render_cmd},
	};
	return cli_dispatch(c, "plan", subs, sizeof subs / sizeof subs[0], argc, argv);
}
