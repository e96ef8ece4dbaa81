/*
 * api_json.h — the frame every JSON API answer shares (docs/api.md): the
 * content type, no caching, one top-level object and a closing newline;
 * and the limit/offset paging parameters read the same way everywhere.
 */
#ifndef MAMORI_WEB_API_JSON_H
#define MAMORI_WEB_API_JSON_H

#include "util/json.h"
#include "web/web.h"

/* Starts rs as JSON with `status` and opens the top-level object. */
void api_json_begin(struct web_resp *rs, int status, struct json_writer *w);
/* Closes the top-level object. */
void api_json_end(struct web_resp *rs, struct json_writer *w);

/*
 * ?limit= (1..max, default def) and ?offset= (0 or more).  Returns 0, or -1
 * after answering 400 `bad_parameter` for a value that is not a number in
 * range, so that a script's mistake is reported rather than guessed at.
 */
int api_paging(struct web_req *rq, struct web_resp *rs, long def, long max, long *limit,
	       long *offset);

#endif
