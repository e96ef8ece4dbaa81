/*
 * exc_view.h — the 例外措置 register as the pages, the CSV and the API
 * read it: the records with the people and systems they name, the filtered
 * and sorted selection within the viewer's scope (case_scope.h), and one
 * record as JSON.
 */
#ifndef MAMORI_WEB_EXC_VIEW_H
#define MAMORI_WEB_EXC_VIEW_H

#include "core/exception.h"
#include "util/json.h"
#include "web/case_list.h"
#include "web/case_view.h"

struct exc_view {
	struct case_view_refs refs;
	struct exception_list list;
};

int exc_view_load(struct db *db, struct exc_view *v, struct err *e);
void exc_view_free(struct exc_view *v);

/* The sort keys: no clause target period state requester decided. */
enum { EXC_SORT_NO, EXC_SORT_CLAUSE, EXC_SORT_TARGET, EXC_SORT_PERIOD, EXC_SORT_STATE,
       EXC_SORT_REQUESTER, EXC_SORT_DECIDED, EXC_NSORT };
extern const char *const exc_sort_names[EXC_NSORT];

/* The state filter's values with their labels (the last is 期限切れ). */
extern const struct case_choice exc_states[];
extern const size_t exc_nstates;
int exc_state_known(const char *id);

/* The visible records matching q, sorted as q asks. */
void exc_select(const struct web_user *u, const struct exc_view *v, const struct case_query *q,
		struct case_rows *out);
/* "課名" or "システム名（課名）" into b. */
void exc_target(struct buf *b, const struct web_user *u, const struct exc_view *v,
		const struct exception_req *x);
const char *exc_unit_code(const struct web_user *u, const struct exception_req *x);

/* The record of the URL's number if the viewer may see it; else answers 404. */
const struct exception_req *exc_find_visible(struct web_req *rq, struct web_resp *rs,
					     const struct exc_view *v);

/* One exception as a JSON object (with its timeline when ev is given). */
void exc_json(struct json_writer *w, const struct web_user *u, const struct exc_view *v,
	      const struct exception_req *x, const struct case_events *ev);

/*
 * Takes action act on x as the signed-in person with the posted decision
 * (permit | reject) and note: 0 with o->status 0 when done, or o says why
 * not (403 the person, 409 the state, 422 the input); nonzero only for an
 * internal failure.  In page_exception_show.c; the API uses it too.
 */
int exc_act(struct web_req *rq, const struct exception_req *x, enum exception_act act,
	    struct case_outcome *o, struct err *e);

/*
 * Files a 例外措置 as the signed-in person from the posted fields (clause,
 * reason, scope, measures, starts_on, ends_on, emergency) for the 課 unit
 * or the system (one of them): *no receives its number, or o says why not.
 * In page_exception_new.c; the API uses it too.
 */
int exc_file(struct web_req *rq, const struct info_systems *systems, const char *unit, const char *system,
	     char **no, struct case_outcome *o, struct err *e);

#endif
