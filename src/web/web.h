/*
 * web.h — what the server, the router and every page share: one request as
 * the handlers see it, the response they fill, and the signed-in person.
 *
 * A request is handled on one of the server's worker threads with that
 * thread's database connection (rq->db), so a handler needs no locking:
 * everything it touches is in rq, constant data, or rq->shared (the parsed
 * catalog, read-only; the findings cache, behind its own mutex).
 */
#ifndef MAMORI_WEB_H
#define MAMORI_WEB_H

#include "core/account.h"
#include "core/org.h"
#include "core/role.h"
#include "core/session.h"
#include "core/staff.h"
#include "store/db.h"
#include "util/buf.h"
#include "web/form.h"
#include "web/multipart.h"
#include "web/shared.h"
#include "web/units_cache.h"

#define WEB_COOKIE "mamori_session"

/* The signed-in person: their account, staff record and current roles. */
struct web_user {
	struct account account;
	struct staff staff;
	struct role_assignments roles; /* this person's active assignments only */
	struct org_units units;        /* the tree, for scope decisions */
	int units_borrowed;            /* units is the worker's cached tree: not freed with u */
	int privileged;                /* holds a role that needs TOTP (or is admin) */
};

struct web_req {
	const char *method;     /* "GET", "POST" */
	const char *path;       /* without the query string */
	const char *id;         /* the {id} segment of the route, or NULL */
	struct form query;
	struct form body;       /* a POSTed form's text fields (empty otherwise) */
	struct web_uploads files; /* the files of a multipart form */
	char addr[64];          /* the client's address, for the sign-in log */
	const char *cookie;     /* the session cookie's token, or NULL */
	const char *bearer;     /* an Authorization: Bearer token, or NULL */
	int is_api;             /* under /api/: answers are JSON */
	struct db *db;          /* the worker thread's connection: never close it */
	struct units_cache *units_cache; /* the worker thread's organisation tree */
	struct web_shared *shared;
	struct session session; /* valid when has_session */
	int has_session;
	struct web_user *user;  /* set for a full session or an API token */
};

struct web_resp {
	int status;
	const char *content_type; /* NULL = HTML */
	struct buf body;
	char *location;           /* a redirect's target */
	char *set_cookie;         /* a complete Set-Cookie value */
	int no_store;             /* Cache-Control: no-store */
	char *disposition;        /* a complete Content-Disposition value, or NULL */
};

void web_resp_free(struct web_resp *rs);

/* Redirects (303 See Other: a POST is followed by a GET). */
void web_redirect(struct web_resp *rs, const char *location);
/* Sets the session cookie to token, or clears it when token is NULL. */
void web_set_session_cookie(struct web_resp *rs, const char *token);

/* Whether the signed-in person holds role (any scope). */
int web_user_has_role(const struct web_user *u, const char *role);
/* Holds one of the NULL-terminated roles. */
int web_user_has_any(const struct web_user *u, const char *const *roles);
void web_user_free(struct web_user *u);

/* The uploaded file of form field `field`, or NULL. */
const struct web_upload *web_upload_get(const struct web_req *rq, const char *field);

/* Whether a POST carries the session's CSRF token. */
int web_csrf_ok(const struct web_req *rq);

#endif
