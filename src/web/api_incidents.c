/*
 * api_incidents.c — incidents in the JSON API (docs/api.md): the list with
 * the page's filters and scope, filing a 第一報 with the form's fields, and
 * the categories.  The code paths are the pages' (incident_list.h,
 * incident_form.h), so the API can neither see nor do more than the browser.
 */
#include <stdlib.h>
#include <string.h>

#include "core/incident_json.h"
#include "util/json.h"
#include "web/api_json.h"
#include "web/incident_form.h"
#include "web/incident_list.h"
#include "web/pages.h"
#include "web/response.h"

void api_incidents_list(struct web_req *rq, struct web_resp *rs)
{
	struct incident_listq q;
	struct incident_rows rows = {0};
	struct json_writer w;
	struct err e = {0};
	long long total = 0;
	if (incident_listq_read(rq, rs, &q))
		return;
	if (api_paging(rq, rs, INCIDENT_PAGE, 500, &q.limit, &q.offset)) {
		incident_listq_free(&q);
		return;
	}
	q.f.limit = q.limit;
	q.f.offset = q.offset;
	if (incident_query(rq->db, &q.f, &rows, &e) || incident_count(rq->db, &q.f, &total, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		api_json_begin(rs, 200, &w);
		jw_key(&w, "incidents");
		jw_array_begin(&w);
		for (size_t i = 0; i < rows.n; i++)
			incident_row_json(&w, &rows.v[i], 1);
		jw_array_end(&w);
		jw_kv_int(&w, "limit", q.limit);
		jw_kv_int(&w, "offset", q.offset);
		jw_kv_int(&w, "total", total);
		api_json_end(rs, &w);
	}
	incident_rows_free(&rows);
	incident_listq_free(&q);
}

static void notices_json(struct json_writer *w, const struct incident_notice *v, size_t n)
{
	jw_key(w, "notices");
	jw_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		const struct incident_notice_rule *r = incident_notice_rule_find(v[i].party);
		jw_object_begin(w);
		jw_kv_string(w, "done_at", v[i].done_at);
		jw_kv_string(w, "due_at", v[i].due_at);
		jw_kv_string(w, "label", r ? r->label : v[i].party);
		jw_kv_string(w, "party", v[i].party);
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* 201 with the filed incident: its number, what the engine decided
 * (severity, state) and the notices it now requires. */
static void filed(struct web_req *rq, struct web_resp *rs, const char *no)
{
	struct incident inc;
	struct incident_notice *notices = NULL;
	size_t nn = 0;
	struct json_writer w;
	struct err e = {0};
	if (incident_load(rq->db, no, &inc, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (incident_notices_load(rq->db, inc.id, &notices, &nn, &e)) {
		web_internal_error(rq, rs, &e);
		incident_free(&inc);
		return;
	}
	api_json_begin(rs, 201, &w);
	jw_key(&w, "incident");
	jw_object_begin(&w);
	jw_kv_string(&w, "category", inc.category);
	jw_kv_string(&w, "detected_at", inc.detected_at);
	jw_kv_string(&w, "incident_no", inc.incident_no);
	notices_json(&w, notices, nn);
	jw_kv_string(&w, "reported_at", inc.reported_at);
	jw_kv_string(&w, "severity", inc.severity);
	jw_kv_string(&w, "state", inc.state);
	jw_kv_string(&w, "title", inc.title);
	jw_object_end(&w);
	api_json_end(rs, &w);
	incident_notices_free(notices, nn);
	incident_free(&inc);
}

void api_incident_file(struct web_req *rq, struct web_resp *rs)
{
	struct incident_form f;
	struct err e = {0};
	char *no = NULL;
	incident_form_init(&f, &rq->body);
	incident_form_check(&f);
	if (f.nproblems) {
		struct buf msg = BUF_INIT;
		for (size_t i = 0; i < f.nproblems; i++)
			buf_printf(&msg, "%s%s", i ? "; " : "", f.problems[i].msg);
		web_error(rq, rs, 400, "validation", buf_str(&msg));
		buf_free(&msg);
	} else {
		int rc = incident_form_file(rq, &f, &no, &e);
		if (!rc)
			filed(rq, rs, no);
		else if (rc == ERR_INPUT)
			web_error(rq, rs, 400, "validation", e.msg);
		else
			web_internal_error(rq, rs, &e);
	}
	free(no);
	incident_form_free(&f);
}

void api_incident_categories(struct web_req *rq, struct web_resp *rs)
{
	size_t n;
	const struct incident_category *c = incident_categories(&n);
	struct json_writer w;
	(void)rq;
	api_json_begin(rs, 200, &w);
	jw_key(&w, "categories");
	jw_array_begin(&w);
	for (size_t i = 0; i < n; i++) {
		jw_object_begin(&w);
		jw_kv_int(&w, "crime", c[i].crime);
		jw_kv_int(&w, "cyber", c[i].cyber);
		jw_kv_string(&w, "id", c[i].id);
		jw_kv_string(&w, "label", c[i].label);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	api_json_end(rs, &w);
}
