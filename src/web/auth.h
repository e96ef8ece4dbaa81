/*
 * auth.h — who is asking: the session cookie or an API bearer token turned
 * into rq->session and rq->user.
 */
#ifndef MAMORI_WEB_AUTH_H
#define MAMORI_WEB_AUTH_H

#include "web/web.h"

/*
 * Fills rq->session/has_session (any stage) and rq->user (full session or
 * valid token).  Unknown, expired or disabled credentials simply leave both
 * empty: the router then treats the request as anonymous.
 */
int web_auth(struct web_req *rq, struct err *e);
/* Loads the person behind an account (for a new full session); the tree
 * comes from cache when one is given (the worker's, see units_cache.h). */
int web_user_load(struct db *db, struct units_cache *cache, long long account_id,
		  struct web_user **out, int *ok, struct err *e);

#endif
