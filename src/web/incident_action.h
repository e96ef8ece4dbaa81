/*
 * incident_action.h — what a person does to an incident from the browser or
 * the API (docs/web.md 「インシデント（詳細・対応・報告書）」): a timeline
 * step, a notice recorded as given, targets added.  Each runs the core
 * (incident_step, incident_notify_done, incident_add_targets) in one
 * journaled transaction as the signed-in person.
 *
 * Before the core runs, the web refuses what it never offers, with 403: a
 * step incident_step_may does not allow this person in this state, a notice
 * by someone incident_notify_may refuses, targets by someone who may not add
 * a note (the same people: CSIRT and the reporter, while open).  The core
 * then checks everything again; its refusals (bad input) become 422.
 */
#ifndef MAMORI_WEB_INCIDENT_ACTION_H
#define MAMORI_WEB_INCIDENT_ACTION_H

#include "core/incident.h"
#include "web/refusal.h"
#include "web/web.h"


/* The roles that run the response (the core's responders): they send the
 * reports out and see a resident's contact details. */
extern const char *const incident_web_responders[];
int incident_web_is_responder(const struct web_user *u);

/* The step kinds a form or the API may name, in the order the page offers them. */
extern const char *const incident_web_step_kinds[];

/* Whether u may take a step of `kind` on inc now (role and state). */
int incident_web_may(struct web_req *rq, const struct incident *inc, const char *kind);

enum incident_action { INC_ACT_STEP, INC_ACT_NOTIFY, INC_ACT_TARGETS };

/*
 * Runs the action the fields of rq->body describe.  Returns 0 with
 * why->status 0 when it was recorded, 0 with why filled when refused
 * (nothing written), or a database failure's code (e filled).
 */
int incident_act(struct web_req *rq, const struct incident *inc, enum incident_action a,
		 struct web_refusal *why, struct err *e);

/* How the page or the API answers an action that ran: refused (why filled,
 * nothing written) or recorded. */
typedef void (*incident_refused_fn)(struct web_req *rq, struct web_resp *rs, enum incident_action a,
				    const struct web_refusal *why);
typedef void (*incident_done_fn)(struct web_req *rq, struct web_resp *rs, const struct incident *inc);

/*
 * A POST on /incidents/{no}/…, the page's or the API's: finds the incident
 * rq->id names (404 out of scope, as incident_find answers), runs action a
 * and answers through refused or done; a database failure answers 500.
 */
void incident_act_answer(struct web_req *rq, struct web_resp *rs, enum incident_action a,
			 incident_refused_fn refused, incident_done_fn done);

#endif
