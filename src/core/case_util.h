/*
 * case_util.h — what the exception and violation modules share: finding the
 * checking a clause, testing a role, and small JSON bodies for their
 * timeline steps (case_event.h).
 */
#ifndef MAMORI_CASE_UTIL_H
#define MAMORI_CASE_UTIL_H

#include "core/case_event.h"
#include "core/role.h"
#include "core/staff.h"
#include "store/tx.h"

/* A new record's number: prefix ("I", "E", "V" or ""), the 年度 of today
 * (JST) and the id, e.g. "E2026-000001". */
void case_number(const char *prefix, long long id, char out[32]);

/* Reads the one row `sql` (one parameter: the number) selects into elem with
 * `read`; ERR_INPUT naming `what` ("例外措置", "違反") when no is empty or
 * unknown.  elem must be zeroed by the caller. */
int case_load_by_no(struct db *db, const char *sql, const char *what, const char *no,
		    void (*read)(struct db_stmt *, void *), void *elem, struct err *e);

/* ERR_INPUT unless clause `id` is in the catalog. */
int case_clause_known(const char *id, struct err *e);

/* Whether staff `id` holds `role` at all (unit_id and system_id 0), or for
 * that 課 (unit_id) or that system (system_id). */
int case_role_held(const struct role_assignments *roles, long long id, const char *role,
		   long long unit_id, long long system_id);

/* A canonical JSON object of string pairs; keys must be given in byte order
 * and a NULL value is left out.  n is the number of pairs. */
char *case_body(int n, ...);

/* A timeline step's kind as people read it (例: "permitted" → "許可"). */
const char *case_step_label(const char *kind);

/* The timeline as a JSON array under key "events": at, actor (職員番号),
 * kind, label and the step's body as it is stored. */
struct json_writer;
void case_events_json(struct json_writer *w, const struct case_events *ev, const struct staff_list *staff);

#endif
