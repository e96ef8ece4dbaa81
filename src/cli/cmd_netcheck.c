/*
 * cmd_netcheck.c — `mamori netcheck MODEL.json [--format text|json]
 * [--expand]`: checks a network model file against the three-zone model
 * (docs/netcheck.md).  Opens no database.  `register` and `show` are
 * dispatched to cmd_netcheck_store.c.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_netcheck.h"
#include "core/netcheck.h"
#include "util/timeutil.h"

#define MODEL_LIMIT (256u << 20)

static int read_model(const char *path, struct buf *b, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_INPUT, "%s: 開けません（%s）", path, strerror(errno));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b->len <= MODEL_LIMIT)
		buf_append(b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return err_set(e, ERR_IO, "%s: 読めません", path);
	if (b->len > MODEL_LIMIT)
		return err_set(e, ERR_INPUT, "%s: 大きすぎます（256 MiB まで）", path);
	return 0;
}

static int check_file(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"expand", 0, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("netcheck", argc, argv, opts, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("netcheck: モデルファイル（JSON）を一つ指定してください");
	struct err e = {0};
	struct buf in = BUF_INIT;
	if (read_model(pos[0], &in, &e)) {
		buf_free(&in);
		return cli_fail(&e);
	}
	char *copy = xstrdup(pos[0]);
	struct netmodel m;
	int rc = netmodel_parse(&m, in.data ? in.data : "", in.len, dirname(copy), &e);
	free(copy);
	buf_free(&in);
	if (rc) {
		err_prefix(&e, "%s", pos[0]);
		return cli_fail(&e);
	}
	struct buf out = BUF_INIT;
	int status = EXIT_OK;
	if (opts[0].value) {
		netmodel_to_json(&m, &out);
	} else {
		char today[11];
		time_today(today);
		struct netcheck_result r;
		if (netcheck_run(&m, today, &r, &e)) {
			netmodel_free(&m);
			return cli_fail(&e);
		}
		if (c->format == FMT_JSON)
			netcheck_json(&m, &r, &out);
		else
			netcheck_text(&m, &r, &out);
		status = r.nviolations ? EXIT_FINDINGS : EXIT_OK;
		netcheck_result_free(&r);
	}
	cli_write(&out);
	buf_free(&out);
	netmodel_free(&m);
	return status;
}

int cmd_netcheck(struct cli *c, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "register") == 0)
		return cmd_netcheck_register(c, argc, argv);
	if (argc >= 1 && strcmp(argv[0], "show") == 0)
		return cmd_netcheck_show(c, argc, argv);
	return check_file(c, argc, argv);
}
