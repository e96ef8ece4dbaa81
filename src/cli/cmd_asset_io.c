/*
 * cmd_asset_io.c — `mamori asset import FILE [--dry-run]` and
 * `mamori asset export FILE [--as-format csv|xlsx]` (dispatched by cmd_asset.c).
 *
 * The export format comes from the file's extension; --as-format is for
 * names without one (the global --format means the output format of listings).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_asset.h"
#include "core/asset_io.h"

int asset_import_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"dry-run", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct asset_import_result res;
	if (cli_parse("asset import", argc, argv, opts, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("asset import: 取り込むファイル（.csv または .xlsx）を指定してください");
	struct asset_import_opts io = {.dry_run = opts[0].value != NULL};
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (asset_import(c->db, c->actor, pos[0], &io, &res, &e)) {
		asset_import_result_free(&res);
		return cli_fail(&e);
	}
	if (io.dry_run)
		fputs(buf_str(&res.diff), stdout);
	fputs(buf_str(&res.warnings), stderr);
	printf("%s%s: %lld 行 — 追加 %lld、変更 %lld、変更なし %lld\n",
	       io.dry_run ? "（試行のみ・書き込みなし）" : "取り込みました ", pos[0], res.rows, res.added,
	       res.changed, res.unchanged);
	asset_import_result_free(&res);
	return EXIT_OK;
}

static int export_format(const char *path, const char *given, enum asset_export_format *fmt)
{
	if (!given) {
		if (asset_export_format_of(path, fmt) == 0)
			return 0;
		return cli_usage("asset export: 「%s」の形式が分かりません（拡張子を .csv か .xlsx にするか、"
				 "--as-format csv|xlsx を指定してください）", path);
	}
	if (strcmp(given, "csv") == 0)
		*fmt = ASSET_EXPORT_CSV;
	else if (strcmp(given, "xlsx") == 0)
		*fmt = ASSET_EXPORT_XLSX;
	else
		return cli_usage("asset export: --as-format は csv か xlsx です（「%s」は使えません）", given);
	return 0;
}

int asset_export_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"as-format", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	enum asset_export_format fmt;
	long long rows;
	if (cli_parse("asset export", argc, argv, opts, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("asset export: 書き出すファイル（.csv または .xlsx）を指定してください");
	if (export_format(pos[0], opts[0].value, &fmt) || cli_open(c, 0))
		return EXIT_ERROR;
	if (asset_export_rows(c->db, pos[0], fmt, &rows, &e))
		return cli_fail(&e);
	printf("情報資産台帳を %s に書き出しました（%lld 件）\n", pos[0], rows);
	return EXIT_OK;
}
