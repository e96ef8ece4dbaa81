/*
 * case_event.c — the timeline of incidents, exceptions and violations
 * (case_event.h).
 */
#include "core/case_event.h"

#include <stdlib.h>
#include <string.h>

#include "core/rows.h"

/*
 * The journal kind of a step: a string literal, because a bulk transaction
 * (tx_bulk_begin) keeps the kind it is given until its batch is written.
 * The step's own kind is in the row, so nothing is lost.
 */
static const char *journal_kind(const char *case_kind)
{
	if (strcmp(case_kind, CASE_INCIDENT) == 0)
		return "incident.step";
	if (strcmp(case_kind, CASE_EXCEPTION) == 0)
		return "exception.step";
	if (strcmp(case_kind, CASE_VIOLATION) == 0)
		return "violation.step";
	return "case.step";
}

int case_event_add(struct tx *tx, const char *case_kind, long long case_id, long long actor_id,
		   const char *kind, const char *body_json, long long *id, struct err *e)
{
	long long new_id;
	struct row r;
	if (tx_next_id(tx, "case_event", &new_id, e))
		return e->code;
	row_init(&r, "case_event");
	row_int(&r, "id", new_id);
	row_text(&r, "case_kind", case_kind);
	row_int(&r, "case_id", case_id);
	row_text(&r, "at", tx->at);
	row_id_ref(&r, "actor_id", actor_id);
	row_text(&r, "kind", kind);
	row_text(&r, "body", body_json ? body_json : "{}");
	if (tx_put_row(tx, journal_kind(case_kind), &r, 1, e))
		return e->code;
	if (id)
		*id = new_id;
	return 0;
}

static void read_event(struct db_stmt *st, struct case_event *ev)
{
	ev->id = db_column_int(st, 0);
	ev->case_kind = col_dup(st, 1);
	ev->case_id = db_column_int(st, 2);
	ev->at = col_dup(st, 3);
	ev->actor_id = col_id(st, 4);
	ev->kind = col_dup(st, 5);
	ev->body = col_dup(st, 6);
}

int case_events_load(struct db *db, const char *case_kind, long long case_id,
		     struct case_events *out, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, "SELECT id, case_kind, case_id, at, actor_id, kind, body FROM case_event"
			   " WHERE case_kind = ? AND case_id = ? ORDER BY id", &st, e))
		return e->code;
	db_bind_text(st, 1, case_kind);
	db_bind_int(st, 2, case_id);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 16;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		read_event(st, &out->v[out->n++]);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		case_events_free(out);
		return e->code;
	}
	return 0;
}

void case_events_free(struct case_events *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].case_kind);
		free(l->v[i].at);
		free(l->v[i].kind);
		free(l->v[i].body);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
