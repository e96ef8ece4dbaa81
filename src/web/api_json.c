/*
 * api_json.c — the JSON answer frame and paging (api_json.h).
 */
#include "web/api_json.h"

#include <stdlib.h>

#include "web/response.h"

void api_json_begin(struct web_resp *rs, int status, struct json_writer *w)
{
	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
	rs->no_store = 1;
	jw_init(w, &rs->body);
	jw_object_begin(w);
}

void api_json_end(struct web_resp *rs, struct json_writer *w)
{
	jw_object_end(w);
	buf_putc(&rs->body, '\n');
}

/* A whole decimal number in [lo, hi] into *out; -1 otherwise. */
static int number_in(const char *s, long lo, long hi, long *out)
{
	char *end;
	if (!s || !*s)
		return 0;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int api_paging(struct web_req *rq, struct web_resp *rs, long def, long max, long *limit,
	       long *offset)
{
	*limit = def;
	*offset = 0;
	if (number_in(form_get(&rq->query, "limit"), 1, max, limit)) {
		web_error(rq, rs, 400, "bad_parameter", "limit は 1 以上の整数で指定してください");
		return -1;
	}
	if (number_in(form_get(&rq->query, "offset"), 0, 1000000000L, offset)) {
		web_error(rq, rs, 400, "bad_parameter", "offset は 0 以上の整数で指定してください");
		return -1;
	}
	return 0;
}
