/*
 * case_view.h — what the 例外措置 and violation pages share: the people and
 * systems their records name (loaded once per page), the timeline of a
 * case, the action forms' frame and the outcome of an action (a refusal by
 * the core becomes a status and a Japanese message).
 */
#ifndef MAMORI_WEB_CASE_VIEW_H
#define MAMORI_WEB_CASE_VIEW_H

#include "core/case_event.h"
#include "core/infosys.h"
#include "core/staff.h"
#include "web/web.h"
#include "web/write.h"

struct case_view_refs {
	struct staff_list staff; /* everyone, retired too: old records name them */
	struct info_systems systems;
	char today[11];          /* JST */
};

int case_view_refs_load(struct db *db, struct case_view_refs *r, struct err *e);
void case_view_refs_free(struct case_view_refs *r);
const struct staff *case_view_staff(const struct case_view_refs *r, long long id);
/* "氏名（職員番号）" of staff id into tmp (emptied first); "" when unknown. */
const char *case_view_person(const struct case_view_refs *r, long long id, struct buf *tmp);

/* The timeline: JST time, the step as people read it, who, and its details. */
void case_view_timeline(struct buf *b, const struct case_view_refs *r, const struct case_events *ev);

/* <form method=post action="base/<no>/action"> with the CSRF field. */
void case_view_form_open(struct buf *b, const struct web_req *rq, const char *base, const char *no,
			 const char *action);

/*
 * The outcome of a write: status 0 when it was done; else the HTTP status
 * and the stable code (docs/api.md) with the message to show.
 */
struct case_outcome {
	int status;
	const char *code;
	char *msg;
};
void case_outcome_set(struct case_outcome *o, int status, const char *code, const char *msg);
void case_outcome_free(struct case_outcome *o);
/*
 * Runs fn through web_write.  The core's ERR_INPUT becomes `refused_status`
 * (403 when the person's role was the reason, 409 for the state, 422 for
 * input) with its message; returns nonzero only for an internal failure
 * (e says why).
 */
int case_view_write(struct web_req *rq, web_write_fn fn, void *arg, int refused_status,
		    struct case_outcome *o, struct err *e);

/* The 課 filter's <option>s: each unit of ids (n of them, repeats and 0s
 * allowed) once, in the order first met; the one whose code is chosen selected. */
void case_view_unit_options(struct buf *b, const struct org_units *units, const long long *ids, size_t n,
			    const char *chosen);

/* The first max characters of s (UTF-8) into b, with "…" when cut. */
void case_view_short(struct buf *b, const char *s, int max);

/* The "YYYY-MM-DD" part of a stored time, for short columns. */
void case_view_day(const char *at, char out[11]);

#endif
