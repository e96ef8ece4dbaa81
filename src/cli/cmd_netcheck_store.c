/*
 * cmd_netcheck_store.c — `mamori netcheck register MODEL.json [--note T]`
 * and `mamori netcheck show [--version N]`: the network model stored for
 * the municipality (core/netmodel_store.h), which `check` and the web's
 * /network page read.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_netcheck.h"
#include "core/netmodel_store.h"
#include "util/fdio.h"
#include "util/timeutil.h"

/* A model of 10,000 hosts and 50,000 rules is a few MiB; this is far above. */
#define MODEL_MAX ((size_t)64 * 1024 * 1024)

static int read_model(const char *path, char **data, size_t *len, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc = fd_read_path(path, MODEL_MAX, &b);
	if (rc) {
		buf_free(&b);
		if (rc > 0)
			return err_set(e, ERR_INPUT, "%s: %zu MiB を超えています", path,
				       MODEL_MAX / (1024 * 1024));
		return err_set(e, ERR_INPUT, "%s: 読み込めません（%s）", path, strerror(errno));
	}
	*len = b.len;
	*data = buf_take(&b);
	return 0;
}

struct register_args {
	const char *json;
	size_t len;
	const char *base_dir;
	const char *note;
	struct net_model_registered done;
};

static int do_register(struct tx *tx, void *arg, struct err *e)
{
	struct register_args *a = arg;
	return netmodel_register(tx, a->json, a->len, a->base_dir, a->note, &a->done, e);
}

int cmd_netcheck_register(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"note", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	char *json = NULL;
	size_t len = 0;
	if (cli_parse("netcheck register", argc - 1, argv + 1, o, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("netcheck register: ネットワーク構成ファイル（JSON）を指定してください");
	if (read_model(pos[0], &json, &len, &e))
		return cli_fail(&e);
	/* imports are named relative to the model file, as `netcheck MODEL` reads them */
	char *path_copy = xstrdup(pos[0]);
	struct register_args a = {json, len, dirname(path_copy), o[0].value, {0}};
	int rc = cli_one_write(c, do_register, &a, NULL);
	if (rc == EXIT_OK)
		printf("ネットワーク構成を第%d版として登録しました（違反 %zu 件、SHA-256 %s）\n", a.done.version,
		       a.done.nviolations, a.done.sha256);
	free(path_copy);
	free(json);
	return rc;
}

static void show_header(const struct net_model_checked *m, struct buf *b)
{
	buf_printf(b, "ネットワーク構成 第%d版（%s 登録、%s）\n", m->meta.version, m->meta.registered_at,
		   m->meta.registered_by);
	if (m->meta.note && *m->meta.note)
		buf_printf(b, "メモ: %s\n", m->meta.note);
	buf_printf(b, "SHA-256: %s\n\n", m->meta.sha256);
}

int cmd_netcheck_show(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"version", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	int version = 0;
	if (cli_parse("netcheck show", argc - 1, argv + 1, o, 1, pos, 0, &npos))
		return EXIT_ERROR;
	if (o[0].value) {
		char *end;
		long v = strtol(o[0].value, &end, 10);
		if (*end || v < 1 || v > 1000000)
			return cli_usage("netcheck show: --version は 1 以上の版番号です（「%s」は使えません）", o[0].value);
		version = (int)v;
	}
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct net_model_checked m;
	int found;
	char today[11];
	time_today(today);
	if (netmodel_checked_load(c->db, version, today, &m, &found, &e))
		return cli_fail(&e);
	if (!found) {
		if (version)
			err_set(&e, ERR_INPUT, "ネットワーク構成の第%d版はありません", version);
		else
			err_set(&e, ERR_INPUT, "ネットワーク構成は登録されていません（mamori netcheck register MODEL.json で登録します）");
		return cli_fail(&e);
	}
	struct buf b = BUF_INIT;
	if (c->format == FMT_JSON) {
		netcheck_json(&m.model, &m.result, &b);
	} else {
		show_header(&m, &b);
		netcheck_text(&m.model, &m.result, &b);
	}
	cli_write(&b);
	buf_free(&b);
	int rc = m.result.nviolations ? EXIT_FINDINGS : EXIT_OK;
	netmodel_checked_free(&m);
	return rc;
}
