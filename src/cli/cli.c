#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store/schema.h"
#include "store/tx.h"
#include "util/timeutil.h"

int cli_fail(const struct err *e)
{
	fprintf(stderr, "mamori: %s\n", e->msg[0] ? e->msg : "不明なエラー");
	return EXIT_ERROR;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("mamori: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n（mamori help で使い方を表示します）\n", stderr);
	return EXIT_ERROR;
}

int cli_year(const char *cmd, const char *text, int *fy)
{
	if (text && fiscal_year_parse(text, fy))
		return cli_usage("%s: --year「%s」は年度の開始年（2026）か令和の年度（令和8年度、R8）で指定してください",
				 cmd, text);
	return 0;
}

static struct opt *find_opt(struct opt *opts, int nopts, const char *name, size_t len)
{
	for (int i = 0; i < nopts; i++)
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
			return &opts[i];
	return NULL;
}

int cli_parse(const char *cmd, int argc, char **argv, struct opt *opts, int nopts,
	      char **positional, int max_positional, int *npositional)
{
	*npositional = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		/* "-o" is short for an option named "o" (the usual output flag) */
		int is_short = a[0] == '-' && a[1] && a[1] != '-' && !a[2] && find_opt(opts, nopts, a + 1, 1);
		if (!is_short && (strncmp(a, "--", 2) != 0 || strlen(a) == 2)) {
			if (*npositional >= max_positional)
				return cli_usage("%s: 余分な引数「%s」があります", cmd, a);
			positional[(*npositional)++] = argv[i];
			continue;
		}
		const char *name = a + (is_short ? 1 : 2), *eq = is_short ? NULL : strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		struct opt *o = find_opt(opts, nopts, name, len);
		if (!o)
			return cli_usage("%s: 不明なオプション「%s」です", cmd, a);
		if (!o->takes_value) {
			if (eq)
				return cli_usage("%s: --%s は値をとりません", cmd, o->name);
			o->value = "1";
		} else if (eq) {
			o->value = eq + 1;
		} else if (i + 1 < argc) {
			o->value = argv[++i];
		} else {
			return cli_usage("%s: %s には値が必要です", cmd, a);
		}
	}
	return 0;
}

const char *opt_get(const struct opt *opts, int nopts, const char *name)
{
	for (int i = 0; i < nopts; i++)
		if (strcmp(opts[i].name, name) == 0)
			return opts[i].value;
	return NULL;
}

static int is_url(const char *t)
{
	return strncmp(t, "postgres://", 11) == 0 || strncmp(t, "postgresql://", 13) == 0;
}

int cli_open(struct cli *c, int create)
{
	struct err e = {0};
	struct stat sb;
	if (!create && !is_url(c->db_target) && stat(c->db_target, &sb) != 0) {
		fprintf(stderr, "mamori: データベース %s がありません（mamori init で作成するか、--db で指定してください）\n",
			c->db_target);
		return EXIT_ERROR;
	}
	if (db_open(c->db_target, &c->db, &e) || schema_migrate(c->db, &e)) {
		cli_close(c);
		return cli_fail(&e);
	}
	return 0;
}

void cli_close(struct cli *c)
{
	db_close(c->db);
	c->db = NULL;
}


void cli_write(const struct buf *b)
{
	fwrite(buf_str(b), 1, b->len, stdout);
}

void cli_date_with_wareki(const char *ymd, char *out, size_t n)
{
	char w[64];
	if (!ymd || !*ymd) {
		snprintf(out, n, "%s", "");
		return;
	}
	wareki_date(ymd, w, sizeof w);
	snprintf(out, n, "%s（%s）", ymd, w);
}

void list_begin(struct list_out *o, const struct cli *c, const char *json_key,
		const char *csv_header)
{
	memset(o, 0, sizeof *o);
	o->format = c->format;
	jw_init(&o->w, &o->b);
	if (o->format == FMT_JSON) {
		jw_object_begin(&o->w);
		jw_key(&o->w, json_key);
		jw_array_begin(&o->w);
	} else if (o->format == FMT_CSV) {
		buf_puts(&o->b, csv_header);
		buf_puts(&o->b, "\r\n");
	}
}

void list_end(struct list_out *o)
{
	if (o->format == FMT_JSON) {
		jw_array_end(&o->w);
		jw_object_end(&o->w);
		buf_putc(&o->b, '\n');
	}
	cli_write(&o->b);
	buf_free(&o->b);
}

int cli_dispatch(struct cli *c, const char *group, const struct subcommand *subs, int nsubs,
		 int argc, char **argv)
{
	struct buf names = BUF_INIT;
	for (int i = 0; argc > 0 && i < nsubs; i++)
		if (strcmp(argv[0], subs[i].name) == 0)
			return subs[i].run(c, argc - 1, argv + 1);
	for (int i = 0; i < nsubs; i++)
		buf_printf(&names, "%s%s", i ? "、" : "", subs[i].name);
	int rc = argc > 0 ? cli_usage("%s: 不明なサブコマンド「%s」です（%s）", group, argv[0], buf_str(&names))
			  : cli_usage("%s: %s のいずれかを指定してください", group, buf_str(&names));
	buf_free(&names);
	return rc;
}

int cli_one_write(struct cli *c, int (*fn)(struct tx *tx, void *arg, struct err *e),
		  void *arg, const char *done)
{
	if (cli_open(c, 0))
		return EXIT_ERROR;
	return cli_tx_write(c, fn, arg, done);
}

int cli_tx_write(struct cli *c, int (*fn)(struct tx *tx, void *arg, struct err *e),
		 void *arg, const char *done)
{
	struct err e = {0};
	struct tx tx;
	if (tx_begin(&tx, c->db, c->actor, &e))
		return cli_fail(&e);
	if (fn(&tx, arg, &e)) {
		tx_rollback(&tx);
		return cli_fail(&e);
	}
	if (tx_commit(&tx, &e))
		return cli_fail(&e);
	if (done)
		puts(done);
	return EXIT_OK;
}
