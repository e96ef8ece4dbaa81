/*
 * case_event.h — the timeline of a case: who did what, when, for incidents,
 * exceptions (例外措置) and violations alike.
 *
 * Each step is one journaled row of case_event (migration 7): the kind of
 * case and its id, the time (the transaction's), the staff member who acted
 * (0 = not a member of staff: a resident's report, the system itself), a
 * kind of step, and a body of canonical JSON with the step's details.  The
 * modules name their own step kinds (docs/incidents.md lists them).
 */
#ifndef MAMORI_CASE_EVENT_H
#define MAMORI_CASE_EVENT_H

#include <stddef.h>

#include "store/tx.h"

#define CASE_INCIDENT "incident"
#define CASE_EXCEPTION "exception"
#define CASE_VIOLATION "violation"

struct case_event {
	long long id, case_id, actor_id;
	char *case_kind, *at, *kind, *body;
};

struct case_events {
	size_t n;
	struct case_event *v; /* in the order they happened (by id) */
};

/*
 * Appends a step to the case's timeline inside tx, journaled with the kind
 * "<case_kind>.step" (the step's kind is in the row); safe inside a bulk
 * transaction.  body_json must be a canonical JSON object (util/json.h
 * writes one); NULL means {}.  *id (may be NULL) receives the row id.
 */
int case_event_add(struct tx *tx, const char *case_kind, long long case_id, long long actor_id,
		   const char *kind, const char *body_json, long long *id, struct err *e);
/* The case's timeline, oldest first. */
int case_events_load(struct db *db, const char *case_kind, long long case_id,
		     struct case_events *out, struct err *e);
void case_events_free(struct case_events *l);

#endif
