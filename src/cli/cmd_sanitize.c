/*
 * cmd_sanitize.c — `mamori sanitize mail …` and `mamori sanitize file …`.
 * Neither opens the database: a 無害化 host in the インターネット接続系 runs
 * them on their own (docs/sanitize.md).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd_sanitize.h"

int cmd_sanitize(struct cli *c, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "mail") == 0)
		return cmd_sanitize_mail(c, argc - 1, argv + 1);
	if (argc >= 1 && strcmp(argv[0], "file") == 0)
		return cmd_sanitize_file(c, argc - 1, argv + 1);
	return cli_usage("使い方: mamori sanitize mail IN.eml -o OUT.eml | sanitize file IN -o OUT（docs/sanitize.md）");
}

void sanitize_print_report(const struct cli *c, const struct san_report *r, const char *kind,
			   const char *in, const char *out, FILE *to)
{
	struct buf b = BUF_INIT;
	if (c->format == FMT_JSON)
		san_report_json(r, kind, in, out, &b);
	else
		san_report_text(r, kind, in, out, &b);
	fwrite(buf_str(&b), 1, b.len, to);
	buf_free(&b);
}
