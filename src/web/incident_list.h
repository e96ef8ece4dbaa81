/*
 * incident_list.h — the incident list as the page, its CSV and the JSON API
 * read it: the filters of the query string (状態, 区分, 期限超過のみ),
 * checked the same way everywhere, turned into an incident_filter in the
 * signed-in person's scope (incident_scope.h).
 */
#ifndef MAMORI_WEB_INCIDENT_LIST_H
#define MAMORI_WEB_INCIDENT_LIST_H

#include "core/incident.h"
#include "web/web.h"

#define INCIDENT_PAGE 50

struct incident_listq {
	const char *state;    /* state id, or NULL */
	const char *category; /* category id, or NULL */
	int overdue;
	long limit, offset;
	char now[32];
	struct incident_scope scope_store;
	struct incident_filter f; /* f.scope points into scope_store or is NULL */
};

/*
 * Reads ?state= ?category= ?overdue= (ids or Japanese labels) into q for
 * rq's person.  Returns 0, or -1 after answering 400 `bad_parameter` for a
 * state or category that does not exist.  Paging is the caller's (the page
 * takes ?offset=, the API api_paging); release with incident_listq_free.
 */
int incident_listq_read(struct web_req *rq, struct web_resp *rs, struct incident_listq *q);
void incident_listq_free(struct incident_listq *q);
/* "/incidents?state=…" with q's filters and the offset (0 leaves it out). */
void incident_listq_url(struct buf *b, const struct incident_listq *q, long offset, int csv);
/* "2026-06-01 10:00" (JST) for an RFC 3339 time; the text as is otherwise. */
void incident_jst(const char *at, char out[17]);

#endif
