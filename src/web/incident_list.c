/*
 * incident_list.c — the filters shared by the incident list page, its CSV
 * and GET /api/v1/incidents (incident_list.h).
 */
#include "web/incident_list.h"

#include <stdio.h>
#include <string.h>

#include "util/timeutil.h"
#include "web/incident_scope.h"
#include "web/response.h"
#include "web/url.h"

static const char *given(const struct form *query, const char *name)
{
	const char *v = form_get(query, name);
	return v && *v ? v : NULL;
}

/* "1", "true", "on" and "yes" switch the overdue filter on. */
static int truthy(const char *v)
{
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0 ||
		     strcmp(v, "yes") == 0);
}

int incident_listq_read(struct web_req *rq, struct web_resp *rs, struct incident_listq *q)
{
	const char *state = given(&rq->query, "state"), *category = given(&rq->query, "category");
	memset(q, 0, sizeof *q);
	if (state && !(q->state = incident_state_id_public(state))) {
		web_error(rq, rs, 400, "bad_parameter",
			  "状態（state）は received, responding, investigating, prevention, closed, not_incident（受付・対応中・原因究明・再発防止策・完了・非該当）のいずれかです");
		return -1;
	}
	if (category) {
		const struct incident_category *c = incident_category_find(category);
		if (!c) {
			web_error(rq, rs, 400, "bad_parameter",
				  "区分（category）が正しくありません（GET /api/v1/incident-categories で一覧）");
			return -1;
		}
		q->category = c->id;
	}
	q->overdue = truthy(given(&rq->query, "overdue"));
	time_now_rfc3339(q->now);
	q->f.state = q->state;
	q->f.category = q->category;
	q->f.overdue = q->overdue;
	q->f.now = q->now;
	q->f.newest_first = 1;
	q->f.scope = incident_scope_of(rq->user, &q->scope_store);
	return 0;
}

void incident_listq_free(struct incident_listq *q)
{
	if (q->f.scope)
		incident_scope_release(&q->scope_store);
	q->f.scope = NULL;
}

void incident_listq_url(struct buf *b, const struct incident_listq *q, long offset, int csv)
{
	char num[24];
	buf_puts(b, "/incidents");
	url_param(b, "state", q->state);
	url_param(b, "category", q->category);
	url_param(b, "overdue", q->overdue ? "1" : NULL);
	if (offset > 0) {
		fmt_int(offset, num);
		url_param(b, "offset", num);
	}
	if (csv)
		url_param(b, "format", "csv");
}

void incident_jst(const char *at, char out[17])
{
	if (!at || time_jst_text(at, out))
		snprintf(out, 17, "%s", at ? at : "");
}
