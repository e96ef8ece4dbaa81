/*
 * cmd_check.c — `mamori check`, `mamori verify` and `mamori journal`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/check.h"
#include "core/netmodel_store.h"
#include "store/journal.h"
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

/* Without a registered network model chapter 3 was not checked at all: the
   text says so, so that "no findings" is not read as compliance there. */
static void net_unchecked_note(struct db *db, struct buf *b)
{
	int version;
	struct err e = {0};
	if (netmodel_current_version(db, &version, &e) == 0 && version == 0)
		buf_puts(b, "（ネットワーク構成が登録されていないため、三層の対策（第3章）は点検していません。"
			    "mamori netcheck register MODEL.json で登録できます）\n");
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
		net_unchecked_note(c->db, &b);
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

/* One entry as read: the columns of the journal that are shown. */
struct shown_entry {
	long long seq;
	const char *at, *actor, *kind, *subject;
	const char *body;
	size_t body_len;
};

static void emit_entry(struct list_out *out, enum out_format format, const struct shown_entry *x)
{
	struct json_writer *w = &out->w;
	if (format == FMT_JSON) {
		jw_object_begin(w);
		jw_kv_string(w, "actor", x->actor);
		jw_kv_string(w, "at", x->at);
		jw_key(w, "body");
		jw_raw_n(w, x->body, x->body_len);
		jw_kv_string(w, "kind", x->kind);
		jw_kv_int(w, "seq", x->seq);
		jw_kv_string(w, "subject", x->subject);
		jw_object_end(w);
		return;
	}
	if (format == FMT_CSV) {
		const char *cols[5] = {NULL, x->at, x->actor, x->kind, x->subject};
		char seq[24];
		fmt_int(x->seq, seq);
		cols[0] = seq;
		for (int i = 0; i < 5; i++)
			buf_csv_field(&out->b, cols[i], 0);
		char *body = xstrndup(x->body, x->body_len);
		buf_csv_field(&out->b, body, 1);
		free(body);
		return;
	}
	buf_printf(&out->b, "%lld\t%s\t%s\t%s\t%s\n\t%.*s\n", x->seq, x->at, x->actor, x->kind,
		   x->subject, (int)x->body_len, x->body);
}

/* A batch entry listed as a whole: its rows are counted, not printed, on a
 * terminal (a batch carries up to 1,000 rows); JSON and CSV keep the body. */
static void emit_batch_summary(struct list_out *out, enum out_format format, struct shown_entry *x)
{
	if (format != FMT_TEXT) {
		emit_entry(out, format, x);
		return;
	}
	struct journal_batch b;
	struct buf row = BUF_INIT;
	long long id, n = 0, lo = 0, hi = 0;
	if (journal_batch_open(&b, x->body) == 0)
		while (journal_batch_next(&b, &row, &id) == 1) {
			lo = n == 0 || id < lo ? id : lo;
			hi = id > hi ? id : hi;
			n++;
		}
	buf_free(&row);
	buf_printf(&out->b, "%lld\t%s\t%s\t%s\t%s\n\t（一括記録 %lld 行: id %lld〜%lld。"
		   "1件ずつは mamori journal --subject %s/<id>）\n", x->seq, x->at, x->actor, x->kind,
		   x->subject, n, lo, hi, x->subject);
}

/*
 * With --subject T/ID, batch entries of table T (tx_bulk_begin) are searched
 * too and shown as the one row of T/ID they carry; an entry not carrying it is
 * skipped.  Returns 1 when x was emitted.
 */
static int emit_matching(struct list_out *out, enum out_format format, struct shown_entry *x,
			 const char *want)
{
	x->body_len = strlen(x->body);
	if (!journal_is_batch_subject(x->subject)) {
		emit_entry(out, format, x);
		return 1;
	}
	if (!want) {
		emit_batch_summary(out, format, x);
		return 1;
	}
	long long want_id = strtoll(strchr(want, '/') + 1, NULL, 10), id;
	struct journal_batch b;
	struct buf row = BUF_INIT, found = BUF_INIT;
	if (journal_batch_open(&b, x->body) == 0)
		while (journal_batch_next(&b, &row, &id) == 1)
			if (id == want_id) { /* the last one wins, as in replay */
				buf_reset(&found);
				buf_append(&found, row.data, row.len);
			}
	int shown = found.len > 0;
	if (shown) {
		x->subject = want;
		x->body = found.data;
		x->body_len = found.len;
		emit_entry(out, format, x);
	}
	buf_free(&row);
	buf_free(&found);
	return shown;
}

/* "staff/12" → "staff" into table[]; NULL when s is not "<table>/<id>". */
static const char *subject_table(const char *s, char *table, size_t size)
{
	const char *slash = s ? strchr(s, '/') : NULL;
	if (!slash || (size_t)(slash - s) >= size || slash[1] < '1' || slash[1] > '9')
		return NULL;
	memcpy(table, s, (size_t)(slash - s));
	table[slash - s] = '\0';
	return journal_is_batch_subject(table) ? table : NULL;
}

int cmd_journal(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"subject", 1, NULL}, {"limit", 1, NULL}, {"since", 1, NULL}};
	char *pos[1], *end;
	int npos;
	struct err e = {0};
	struct db_stmt *st;
	char since[32] = "", tbuf[64];
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
	const char *want = opts[0].value;
	const char *table = subject_table(want, tbuf, sizeof tbuf);
	if (cli_open(c, 0))
		return EXIT_ERROR;
	/* CAST(? AS TEXT) IS NULL: PostgreSQL cannot type a bare "? IS NULL".
	 * No LIMIT in SQL: batch entries not carrying the subject are skipped. */
	if (db_prepare(c->db, "SELECT seq, at, actor, kind, subject, body FROM journal"
			      " WHERE (CAST(? AS TEXT) IS NULL OR subject = ? OR subject = ?)"
			      " AND (CAST(? AS TEXT) IS NULL OR at >= ?)"
			      " ORDER BY seq DESC", &st, &e))
		return cli_fail(&e);
	db_bind_text(st, 1, want);
	db_bind_text(st, 2, want);
	db_bind_text(st, 3, table);
	db_bind_text(st, 4, since[0] ? since : NULL);
	db_bind_text(st, 5, since[0] ? since : NULL);
	struct list_out out;
	list_begin(&out, c, "entries", "seq,at,actor,kind,subject,body");
	enum db_step_result r = DB_DONE;
	long long shown = 0;
	while (shown < limit && (r = db_step(st, &e)) == DB_ROW) {
		struct shown_entry x = {db_column_int(st, 0), db_column_text(st, 1), db_column_text(st, 2),
					db_column_text(st, 3), db_column_text(st, 4), db_column_text(st, 5), 0};
		shown += emit_matching(&out, c->format, &x, table ? want : NULL);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		buf_free(&out.b);
		return cli_fail(&e);
	}
	list_end(&out);
	return EXIT_OK;
}
