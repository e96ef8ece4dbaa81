/*
 * incident_view.h — the parts of one incident's page (docs/web.md
 * 「インシデント（詳細・対応・報告書）」): the 第一報 fields, targets and
 * exposure, the notices and the timeline (incident_view.c), and the action
 * forms the person may use (incident_forms.c).
 */
#ifndef MAMORI_WEB_INCIDENT_VIEW_H
#define MAMORI_WEB_INCIDENT_VIEW_H

#include "core/incident.h"
#include "web/web.h"

/* The facts, the 第一報 fields, the targets and the exposure. */
void incident_view_facts(struct buf *b, const struct web_req *rq, const struct incident_report *r);
/* The notices, each with its 「連絡済みにする」 form when may_notify. */
void incident_view_notices(struct buf *b, const struct web_req *rq, const struct incident_report *r,
			   int may_notify);
/* The timeline, oldest first, each step as 経過 #ID. */
void incident_view_timeline(struct buf *b, struct db *db, const struct incident_report *r);

/* Whether cut-off step `id` has its after-the-fact report in r's timeline. */
int incident_view_cutoff_reported(const struct incident_report *r, long long id);
/* Whether the step's body marks an emergency cut-off. */
int incident_view_is_emergency(const struct incident_report_step *s);

/*
 * The step, target and report forms the person may use.  kept: the posted
 * form whose values are shown again after a refusal (NULL: none);
 * kept_form: which form it was ("step:<kind>", "targets").
 */
void incident_forms(struct buf *b, struct web_req *rq, const struct incident_report *r,
		    const struct form *kept, const char *kept_form);
/* The incident page of rq->id again, with status and a refusal above it
 * (page_incident_show.c). */
void incident_page_refused(struct web_req *rq, struct web_resp *rs, int status, const char *code,
			   const char *msg);
/* "/incidents/<no>/<what>" (what "" for the page itself), URL-encoded. */
void incident_href(struct buf *b, const char *no, const char *what);

#endif
