/*
 * router.h — the table of routes and the one place that decides whether a
 * request may reach its handler.
 *
 * Deny by default: a path not in the table is 404; a route that needs a
 * signed-in person sends everyone else to /login (pages) or answers 401
 * (API); a route limited to roles answers 403 to other people.  Every POST
 * must carry the CSRF token of its session (or, for the sign-in form, of
 * the pre-login cookie).  Organisational scope is checked by each handler
 * (web/scope.h), since only the handler knows which record is asked for.
 */
#ifndef MAMORI_WEB_ROUTER_H
#define MAMORI_WEB_ROUTER_H

#include "web/web.h"

enum access {
	ACCESS_PUBLIC,      /* anyone (sign-in page, CSS) */
	ACCESS_ANY_SESSION, /* a session in any stage (sign-out) */
	ACCESS_STAGE,       /* a session in exactly route.stage (half-way sign-in) */
	ACCESS_SIGNED_IN,   /* a full session or an API token */
	ACCESS_ROLES,       /* signed in and holding one of route.roles */
};

typedef void (*web_handler)(struct web_req *rq, struct web_resp *rs);

struct route {
	const char *method;
	const char *pattern; /* exact, or with one "{id}" segment ("/assets/{id}/edit") */
	web_handler handler;
	enum access access;
	const char *const *roles; /* ACCESS_ROLES: NULL-terminated */
	int stage;                /* ACCESS_STAGE */
};

extern const struct route web_routes[];
extern const size_t web_nroutes;

/* The pre-login cookie that protects the sign-in form against CSRF. */
#define WEB_PRELOGIN_COOKIE "mamori_pre"

/*
 * The route table as text, one route a line: "METHOD PATTERN WHO", WHO being
 * public, session, stage, signed_in or the roles joined by commas
 * (`mamori serve --routes`; the access walk test compares it with its table).
 */
void router_describe(struct buf *out);

/* Matches, checks access and runs the handler; fills rs in every case.
 * prelogin is the pre-login cookie's value or NULL. */
void router_dispatch(struct web_req *rq, struct web_resp *rs, const char *prelogin);

#endif
