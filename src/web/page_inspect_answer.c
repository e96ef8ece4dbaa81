/*
 * page_inspect_answer.c — /inspect/{id}/answer: the signed-in person's own
 * checklist in campaign {id} (GET), and saving or submitting it (POST →
 * 303 back to the page).  ?role= picks the checklist when the person is
 * asked in more than one role.  A person who was not asked answers 404,
 * like a campaign that does not exist; answers refused by core come back
 * with the values kept (422), and a campaign that does not take answers
 * now answers 409; nothing is written in either case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "web/inspect_web.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"
#include "web/write.h"

/* The person's checklist in campaign rq->id for ?role= (or the form's
 * role, else the first); answers 404 / 500 itself and returns -1 when
 * there is none. */
static int checklist_of(struct web_req *rq, struct web_resp *rs, struct inspect_checklist *cl)
{
	const char *role = form_get(&rq->body, "role");
	if (!role)
		role = form_get(&rq->query, "role");
	return inspect_web_my_checklist(rq, rs, role, 0, cl);
}

static void action_path(struct buf *b, const struct inspect_checklist *cl)
{
	buf_puts(b, "/inspect/");
	url_encode(b, cl->campaign.campaign_no);
	buf_puts(b, "/answer");
}

/* The page; the role rides along in the form's action URL. */
static void show(struct web_req *rq, struct web_resp *rs, const struct inspect_checklist *cl, int status,
		 const struct form *shown, const char *error)
{
	struct buf action = BUF_INIT;
	action_path(&action, cl);
	url_param(&action, "role", cl->resp.role);
	const char *token = rq->has_session ? rq->session.csrf : "";
	struct inspect_web_view view = {cl, buf_str(&action), token, shown, error, status, 0};
	inspect_web_answer_page(rq, rs, &view);
	buf_free(&action);
}

void page_inspect_answer_get(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_checklist cl;
	if (checklist_of(rq, rs, &cl))
		return;
	show(rq, rs, &cl, 200, NULL, NULL);
	inspect_checklist_free(&cl);
}

void page_inspect_answer_post(struct web_req *rq, struct web_resp *rs)
{
	struct inspect_checklist cl;
	struct err e = {0};
	if (checklist_of(rq, rs, &cl))
		return;
	if (inspect_may_answer(&cl.campaign, &cl.resp, &e)) {
		show(rq, rs, &cl, 409, &rq->body, e.msg);
		inspect_checklist_free(&cl);
		return;
	}
	struct inspect_answering a = {cl.resp.id, NULL, NULL, 0, inspect_web_wants_submit(&rq->body)};
	struct inspect_answer_in *v = NULL;
	int rc = inspect_web_answers_read(&rq->body, &cl, &v, &a.n, &e);
	a.v = v;
	if (!rc)
		rc = web_write(rq, inspect_answer_write, &a, &e);
	if (rc == ERR_INPUT) {
		show(rq, rs, &cl, 422, &rq->body, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		struct buf to = BUF_INIT;
		char part[24];
		snprintf(part, sizeof part, "%zu", inspect_web_part(rq, &cl));
		action_path(&to, &cl);
		url_param(&to, "role", cl.resp.role);
		url_param(&to, "part", part);
		url_param(&to, "done", a.submit ? "submitted" : "saved");
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	free(v);
	inspect_checklist_free(&cl);
}
