/*
 * cmd_audit_util.c — small helpers the `audit` and `action` commands share
 * (cmd_audit.h).
 */
#include <stdlib.h>

#include "cli/case_cli.h"
#include "cli/cmd_audit.h"
#include "util/buf.h"

int audit_cli_year(const char *s, int *fy)
{
	char *end;
	*fy = 0;
	if (!s)
		return 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < 2000 || v > 2100)
		return cli_usage("--year は西暦で書いた年度です（例: 令和8年度は 2026）：「%s」", s);
	*fy = (int)v;
	return 0;
}

int audit_cli_need_actor(const struct cli *c, const char *cmd)
{
	if (c->actor_no)
		return 0;
	return cli_usage("%s: 操作する職員を --as 職員番号 で指定してください", cmd);
}

const char *audit_cli_unit_name(const struct case_refs *r, long long id)
{
	const struct org_unit *u = id ? org_unit_by_id(&r->units, id) : NULL;
	return u ? u->name : "";
}

void audit_cli_json_out(struct buf *b)
{
	buf_putc(b, '\n');
	cli_write(b);
	buf_free(b);
}
