/*
 * vio_view.h — violations as the pages, the CSV and the API read them: the
 * records with the people they name, the filtered and sorted selection
 * within the viewer's scope (case_scope.h), one record as JSON, and the
 * actions (steps, suspension, revocation, lifting) taken through the core.
 */
#ifndef MAMORI_WEB_VIO_VIEW_H
#define MAMORI_WEB_VIO_VIEW_H

#include "core/violation.h"
#include "util/json.h"
#include "web/case_list.h"
#include "web/case_view.h"

struct vio_view {
	struct case_view_refs refs;
	struct violation_list list;
};

int vio_view_load(struct db *db, struct vio_view *v, struct err *e);
void vio_view_free(struct vio_view *v);

enum { VIO_SORT_NO, VIO_SORT_PERSON, VIO_SORT_UNIT, VIO_SORT_CLAUSE, VIO_SORT_FOUND, VIO_SORT_STATE, VIO_NSORT };
extern const char *const vio_sort_names[VIO_NSORT];
#define VIO_NSTATES 6
extern const char *const vio_states[VIO_NSTATES + 1]; /* the state ids, then NULL */
int vio_state_known(const char *id);

void vio_select(const struct web_user *u, const struct vio_view *v, const struct case_query *q,
		struct case_rows *out);
const struct violation *vio_find_visible(struct web_req *rq, struct web_resp *rs, const struct vio_view *v);

/* One violation as a JSON object; with ev its timeline and rights actions. */
void vio_json(struct json_writer *w, const struct web_user *u, const struct vio_view *v,
	      const struct violation *x, const struct case_events *ev, const struct rights_actions *ra);

/*
 * Records a violation as the signed-in person: staff_no (within the
 * person's scope), clause (may be NULL) and description.  *no receives the
 * number, or o says why not (422 input, 403 the person).
 */
int vio_record(struct web_req *rq, const char *staff_no, const char *clause, const char *description,
	       char **no, struct case_outcome *o, struct err *e);
/*
 * Takes act on x with note; suspending, revoking and lifting then bring the
 * person's mamori account in line (violation_account_follow), as the CLI
 * does.  0 with o->status 0 when done, or o says why not.
 */
int vio_act(struct web_req *rq, const struct violation *x, enum violation_act act, const char *note,
	    struct case_outcome *o, struct err *e);

#endif
