/*
 * training_web_attend.h — one session looked up by the route's {id}, and one
 * attendance recorded from a form, for the session page and the API alike.
 */
#ifndef MAMORI_WEB_TRAINING_WEB_ATTEND_H
#define MAMORI_WEB_TRAINING_WEB_ATTEND_H

#include "core/training.h"
#include "web/refusal.h"
#include "web/web.h"

/*
 * Loads every session into all and points *s at rq->id's.  Returns 0; or
 * answers 404 (unknown or malformed number) or 500 and returns -1 (all is
 * then freed).
 */
int training_web_session(struct web_req *rq, struct web_resp *rs, struct training_sessions *all,
			 const struct training_session **s);
/*
 * Records the attendance posted in rq->body (staff_no, score, passed: "" /
 * "1" / "0") in session sid as the signed-in person.  Returns 0 with
 * why->status 0 when recorded, or a refusal: 403 when the person may not
 * record attendance at all (training_web_may_record_some) or not that
 * attendee, 422 (the API says 400) for bad input; nothing is
 * written then.  -1 with e for a failure of the store.
 */
int training_web_attend(struct web_req *rq, long long sid, struct web_refusal *why, struct err *e);

#endif
