/*
 * page_incident_new.c — インシデントを報告: the 第一報 form for any member of
 * staff who is signed in (5.3.1: whoever notices must report at once).  The
 * reporter is the signed-in person; on success the browser goes to the new
 * incident's page, which the reporter may always open.
 */
#include <stdlib.h>

#include "web/incident_form.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"

void page_incident_new_get(struct web_req *rq, struct web_resp *rs)
{
	struct incident_form f;
	struct err e = {0};
	incident_form_init(&f, &rq->query); /* a link may fill it in */
	if (incident_form_show(rq, rs, &f, 200, &e))
		web_internal_error(rq, rs, &e);
	incident_form_free(&f);
}

void page_incident_new_post(struct web_req *rq, struct web_resp *rs)
{
	struct incident_form f;
	struct err e = {0};
	char *no = NULL;
	incident_form_init(&f, &rq->body);
	incident_form_check(&f);
	if (!f.nproblems) {
		int rc = incident_form_file(rq, &f, &no, &e);
		if (!rc) {
			struct buf to = BUF_INIT;
			buf_puts(&to, "/incidents/");
			url_encode(&to, no);
			web_redirect(rs, buf_str(&to));
			buf_free(&to);
			free(no);
			incident_form_free(&f);
			return;
		}
		if (rc != ERR_INPUT) {
			web_internal_error(rq, rs, &e);
			incident_form_free(&f);
			return;
		}
		incident_form_problem(&f, NULL, e.msg);
	}
	struct err e2 = {0};
	if (incident_form_show(rq, rs, &f, 422, &e2))
		web_internal_error(rq, rs, &e2);
	incident_form_free(&f);
}
