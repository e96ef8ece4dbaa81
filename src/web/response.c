/*
 * response.c — security headers and error answers (response.h).
 *
 * The headers are set here and nowhere else, so no page can forget them:
 * the CSP allows only mamori's own embedded CSS and script (no inline code,
 * no framing, forms post only to mamori), and nothing a signed-in person
 * saw is kept in a shared or browser cache.
 */
#include "web/response.h"

#include <microhttpd.h>
#include <stdlib.h>

#include "util/json.h"
#include "web/layout.h"

static const char csp[] =
	"default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

struct MHD_Response *response_build(const struct web_resp *rs)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		rs->body.len, (void *)buf_str(&rs->body), MHD_RESPMEM_MUST_COPY);
	if (!r)
		return NULL;
	MHD_add_response_header(r, "Content-Type",
				rs->content_type ? rs->content_type : "text/html; charset=utf-8");
	if (rs->disposition)
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	if (rs->no_store)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	if (rs->location)
		MHD_add_response_header(r, "Location", rs->location);
	if (rs->set_cookie)
		MHD_add_response_header(r, "Set-Cookie", rs->set_cookie);
	return r;
}

void web_error(struct web_req *rq, struct web_resp *rs, int status, const char *code,
	       const char *message)
{
	rs->status = status;
	buf_reset(&rs->body);
	rs->no_store = 1;
	if (rq->is_api) {
		struct json_writer w;
		rs->content_type = "application/json; charset=utf-8";
		jw_init(&w, &rs->body);
		jw_object_begin(&w);
		jw_key(&w, "error");
		jw_object_begin(&w);
		jw_key(&w, "code");
		jw_string(&w, code);
		jw_key(&w, "message");
		jw_string(&w, message);
		jw_object_end(&w);
		jw_object_end(&w);
		buf_putc(&rs->body, '\n');
		return;
	}
	rs->content_type = NULL;
	layout_begin(&rs->body, rq, message);
	html_printf(&rs->body, "<h1>%s</h1>\n<p><a href=\"/\">ダッシュボードへ戻る</a></p>\n",
		    message);
	layout_end(&rs->body);
}
