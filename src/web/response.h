/*
 * response.h — turning a filled web_resp into an HTTP response with the
 * headers every answer carries, and the error answers (HTML or JSON).
 */
#ifndef MAMORI_WEB_RESPONSE_H
#define MAMORI_WEB_RESPONSE_H

#include "web/web.h"

struct MHD_Response;

/* Builds the MHD response (body copied) with the security headers. */
struct MHD_Response *response_build(const struct web_resp *rs);

/*
 * An error: for the API {"error":{"code":…,"message":…}}, otherwise a page
 * with the message.  code is a stable English id, message Japanese.
 */
void web_error(struct web_req *rq, struct web_resp *rs, int status, const char *code,
	       const char *message);

#endif
