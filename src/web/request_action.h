/*
 * request_action.h — what a person may do to a request from the browser or
 * the API: decide (承認・却下), record it carried out (実施済) and confirm
 * a return (返却), each in one journaled transaction through the engine.
 *
 * Before the engine runs, the web refuses what it never offers: deciding
 * one's own request (1.8.1 自己承認; the CLI's やむを得ない理由 override is
 * not available here), deciding when the request does not wait for a role
 * the person holds, and acting on a settled request.  The engine then
 * checks everything again.
 */
#ifndef MAMORI_WEB_REQUEST_ACTION_H
#define MAMORI_WEB_REQUEST_ACTION_H

#include "web/refusal.h"
#include "web/request_view.h"



/* May u decide r now (the buttons), and if not, why. */
int request_may_decide(const struct web_user *u, const struct request_view *v,
		       const struct request *r, struct web_refusal *why);
int request_may_done(const struct web_user *u, const struct request_view *v,
		     const struct request *r);
int request_may_return(const struct web_user *u, const struct request *r);

/* Each returns 0 and leaves why->status 0 on success; refusals fill why.
 * A database failure returns its error code (e filled). */
int request_act_decide(struct web_req *rq, const struct request_view *v, const struct request *r,
		       const char *decision, const char *note, struct web_refusal *why,
		       struct err *e);
int request_act_done(struct web_req *rq, const struct request_view *v, const struct request *r,
		     const char *method, const char *date, struct web_refusal *why,
		     struct err *e);
int request_act_return(struct web_req *rq, const struct request *r, const char *date,
		       struct web_refusal *why, struct err *e);

/*
 * Files the request a checked form describes, as rq's person.  Returns 0 with
 * *request_no (caller frees) and *not_required (the type needs no approval
 * at this classification), ERR_INPUT when the engine refused (e says why), or
 * another error code.
 */
struct request_form;
int request_act_file(struct web_req *rq, struct request_form *f, char **request_no,
		     int *not_required, struct err *e);

#endif
