/*
 * case_cli.c — helpers of the exception and violation commands
 * (case_cli.h), kept in one place so both print and refuse alike.
 */
#include "cli/case_cli.h"

#include <stdio.h>
#include <string.h>

#include "core/case_util.h"
#include "util/timeutil.h"

int case_need_actor(const struct cli *c, const char *cmd)
{
	if (c->actor_no)
		return 0;
	return cli_usage("%s: 操作する職員を --as 職員番号 で指定してください", cmd);
}

int case_refs_load(struct db *db, struct case_refs *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	if (staff_load(db, "", &r->staff, e) || org_units_load(db, &r->units, e) ||
	    infosys_load(db, &r->systems, e))
		return e->code;
	return 0;
}

void case_refs_free(struct case_refs *r)
{
	staff_list_free(&r->staff);
	org_units_free(&r->units);
	infosys_free(&r->systems);
}

const char *case_staff_no(const struct case_refs *r, long long id)
{
	const struct staff *s = staff_by_id(&r->staff, id);
	return s ? s->staff_no : NULL;
}

const char *case_staff_name(const struct case_refs *r, long long id)
{
	const struct staff *s = staff_by_id(&r->staff, id);
	return s ? s->name : "";
}

void case_jst(const char *at, char out[17])
{
	if (!at || time_jst_text(at, out))
		snprintf(out, 17, "%s", at ? at : "");
}

void case_print_timeline(const struct case_refs *r, const struct case_events *ev)
{
	for (size_t i = 0; i < ev->n; i++) {
		char at[17];
		case_jst(ev->v[i].at, at);
		printf("経過      %s %s（%s）%s\n", at, case_step_label(ev->v[i].kind),
		       case_staff_name(r, ev->v[i].actor_id), ev->v[i].body);
	}
}
