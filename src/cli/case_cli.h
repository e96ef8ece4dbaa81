/*
 * case_cli.h — what the exception and violation commands share: the acting
 * person check, the reference lists their list/show output names people,
 * 課 and systems from, and the printed timeline.
 */
#ifndef MAMORI_CASE_CLI_H
#define MAMORI_CASE_CLI_H

#include "cli/cli.h"
#include "core/case_event.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/staff.h"

/* Usage error (and nonzero) unless --as gave the acting person. */
int case_need_actor(const struct cli *c, const char *cmd);

/* Staff, 課 and systems, loaded once per list or show. */
struct case_refs {
	struct staff_list staff;
	struct org_units units;
	struct info_systems systems;
};

/* Loads r (zeroed first); on error the caller still calls case_refs_free. */
int case_refs_load(struct db *db, struct case_refs *r, struct err *e);
void case_refs_free(struct case_refs *r);
/* The 職員番号 of staff id, or NULL (JSON null) when unknown. */
const char *case_staff_no(const struct case_refs *r, long long id);
/* The name of staff id, or "" when unknown. */
const char *case_staff_name(const struct case_refs *r, long long id);

/* An RFC 3339 time in JST for text output; the stored text if unreadable. */
void case_jst(const char *at, char out[17]);
/* Prints the timeline's steps as "経過" lines (JST, label, who, body). */
void case_print_timeline(const struct case_refs *r, const struct case_events *ev);

#endif
