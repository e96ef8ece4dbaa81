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
	*fy = 0;
	return cli_year("audit", s, fy);
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
