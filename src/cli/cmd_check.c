/*
 * cmd_check.c — `mamori check`, `mamori verify` and `mamori journal`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/check.h"
#include "store/verify.h"
#include "util/json.h"
#include "util/timeutil.h"

static const char *severity_id(enum severity s)
{
	return s == SEV_ERROR ? "error" : "warning";
}

static void findings_json(const struct findings *f, struct buf *b)
{
	struct json_writer w;
	jw_init(&w, b);
	jw_object_begin(&w);
	jw_key(&w, "findings");
	jw_array_begin(&w);
	for (size_t i = 0; i < f->n; i++) {
		jw_object_begin(&w);
		jw_kv_string(&w, "control", f->v[i].control);
		jw_kv_string(&w, "message", f->v[i].message);
		jw_kv_string(&w, "rule", f->v[i].rule);
		jw_kv_string(&w, "severity", severity_id(f->v[i].severity));
		jw_kv_string(&w, "subject", f->v[i].subject);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(b, '\n');
}

/* Orders findings by clause id, keeping rule order within a clause. */
static size_t *by_control(const struct findings *f)
{
	size_t *order = xmalloc((f->n ? f->n : 1) * sizeof *order);
	for (size_t i = 0; i < f->n; i++) {
		size_t j = i;
		while (j > 0 && strcmp(f->v[order[j - 1]].control, f->v[i].control) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	return order;
}

/* Text: grouped by clause. */
static void findings_text(const struct findings *f, struct buf *b)
{
	size_t errors = 0;
	const char *group = NULL;
	size_t *order = by_control(f);
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[order[i]];
		if (!group || strcmp(group, x->control) != 0) {
			group = x->control;
			buf_printf(b, "■ 対策基準 %s\n", x->control);
		}
		buf_printf(b, "  [%s] %s（%s）\n", x->severity == SEV_ERROR ? "要対応" : "注意", x->message,
			   x->rule);
		errors += x->severity == SEV_ERROR;
	}
	free(order);
	if (f->n == 0)
		buf_puts(b, "指摘事項はありません。\n");
	else
		buf_printf(b, "指摘 %zu 件（要対応 %zu、注意 %zu）\n", f->n, errors, f->n - errors);
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct findings f;
	struct buf b = BUF_INIT;
	if (cli_parse("check", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (check_run(c->db, &f, &e))
		return cli_fail(&e);
	if (c->format == FMT_JSON) {
		findings_json(&f, &b);
	} else if (c->format == FMT_CSV) {
		buf_puts(&b, "rule,control,severity,subject,message\r\n");
		for (size_t i = 0; i < f.n; i++) {
			buf_csv_field(&b, f.v[i].rule, 0);
			buf_csv_field(&b, f.v[i].control, 0);
			buf_csv_field(&b, severity_id(f.v[i].severity), 0);
			buf_csv_field(&b, f.v[i].subject, 0);
			buf_csv_field(&b, f.v[i].message, 1);
		}
	} else {
		findings_text(&f, &b);
	}
	cli_write(&b);
	buf_free(&b);
	int rc = f.n ? EXIT_FINDINGS : EXIT_OK;
	findings_free(&f);
	return rc;
}

int cmd_verify(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct verify_report r;
	if (cli_parse("verify", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (verify_run(c->db, &r, &e)) {
		verify_report_free(&r);
		return cli_fail(&e);
	}
	if (c->format == FMT_JSON) {
		struct buf b = BUF_INIT;
		struct json_writer w;
		jw_init(&w, &b);
		jw_object_begin(&w);
		jw_kv_int(&w, "checkpoints", r.checkpoints);
		jw_kv_int(&w, "entries", r.entries);
		jw_key(&w, "first_bad_seq");
		if (r.first_bad_seq)
			jw_int(&w, r.first_bad_seq);
		else
			jw_raw(&w, "null");
		jw_key(&w, "intact");
		jw_raw(&w, r.nproblems ? "false" : "true");
		jw_kv_string(&w, "problems", buf_str(&r.problems));
		jw_kv_int(&w, "rows", r.rows);
		jw_object_end(&w);
		buf_putc(&b, '\n');
		cli_write(&b);
		buf_free(&b);
	} else if (r.nproblems) {
		printf("改ざんを検出しました（%d 件%s）\n%s", r.nproblems,
		       r.first_bad_seq ? "" : "、記録外の変更", buf_str(&r.problems));
		if (r.first_bad_seq)
			printf("最初の不正な記録: seq %lld\n", r.first_bad_seq);
	} else {
		printf("改ざんはありません: 記録 %lld 件のハッシュ連鎖、表 %lld 行の再生照合、署名付きチェックポイント %lld 件を確認しました\n",
		       r.entries, r.rows, r.checkpoints);
	}
	int rc = r.nproblems ? EXIT_FINDINGS : EXIT_OK;
	verify_report_free(&r);
	return rc;
}

int cmd_journal(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"subject", 1, NULL}, {"limit", 1, NULL}, {"since", 1, NULL}};
	char *pos[1], *end;
	int npos;
	struct err e = {0};
	struct db_stmt *st;
	char since[32] = "";
	if (cli_parse("journal", argc, argv, opts, 3, pos, 0, &npos))
		return EXIT_ERROR;
	if (opts[2].value) { /* a date in JST → the instant it starts, in UTC */
		char day[11];
		if (date_parse(opts[2].value, day, &e))
			return cli_fail(&e);
		char prev[11];
		date_add_days(day, -1, prev);
		snprintf(since, sizeof since, "%sT15:00:00Z", prev);
	}
	long long limit = opts[1].value ? strtoll(opts[1].value, &end, 10) : 50;
	if (opts[1].value && (*end || limit <= 0))
		return cli_usage("journal: --limit は正の整数です");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	/* CAST(? AS TEXT) IS NULL: PostgreSQL cannot type a bare "? IS NULL" */
	if (db_prepare(c->db, "SELECT seq, at, actor, kind, subject, body FROM journal"
			      " WHERE (CAST(? AS TEXT) IS NULL OR subject = ?)"
			      " AND (CAST(? AS TEXT) IS NULL OR at >= ?)"
			      " ORDER BY seq DESC LIMIT ?", &st, &e))
		return cli_fail(&e);
	db_bind_text(st, 1, opts[0].value);
	db_bind_text(st, 2, opts[0].value);
	db_bind_text(st, 3, since[0] ? since : NULL);
	db_bind_text(st, 4, since[0] ? since : NULL);
	db_bind_int(st, 5, limit);
	struct list_out out;
	list_begin(&out, c, "entries", "seq,at,actor,kind,subject,body");
	struct json_writer *w = &out.w;
	enum db_step_result r;
	while ((r = db_step(st, &e)) == DB_ROW) {
		if (c->format == FMT_JSON) {
			jw_object_begin(w);
			jw_kv_string(w, "actor", db_column_text(st, 2));
			jw_kv_string(w, "at", db_column_text(st, 1));
			jw_key(w, "body");
			jw_raw(w, db_column_text(st, 5));
			jw_kv_string(w, "kind", db_column_text(st, 3));
			jw_kv_int(w, "seq", db_column_int(st, 0));
			jw_kv_string(w, "subject", db_column_text(st, 4));
			jw_object_end(w);
		} else if (c->format == FMT_CSV) {
			for (int i = 0; i < 6; i++)
				buf_csv_field(&out.b, db_column_text(st, i), i == 5);
		} else {
			buf_printf(&out.b, "%lld\t%s\t%s\t%s\t%s\n\t%s\n", db_column_int(st, 0), db_column_text(st, 1),
				   db_column_text(st, 2), db_column_text(st, 3), db_column_text(st, 4),
				   db_column_text(st, 5));
		}
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		buf_free(&out.b);
		return cli_fail(&e);
	}
	list_end(&out);
	return EXIT_OK;
}
