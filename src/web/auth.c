/*
 * auth.c — sessions, tokens and the signed-in person (auth.h, web.h).
 */
#include "web/auth.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/rows.h"

void web_user_free(struct web_user *u)
{
	if (!u)
		return;
	account_free(&u->account);
	staff_free(&u->staff);
	role_assignments_free(&u->roles);
	if (!u->units_borrowed)
		org_units_free(&u->units);
	free(u);
}

/*
 * The person's active assignments (role_load(db, 1, …) filtered to them),
 * through the staff_id index rather than reading everyone's on every request.
 */
static int load_own_roles(struct db *db, long long staff_id, struct role_assignments *out,
			  struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, "SELECT id, staff_id, role, unit_id, system_id, started_on, ended_on,"
			   " note FROM role_assignment WHERE staff_id = ? AND ended_on IS NULL"
			   " ORDER BY id", &st, e))
		return e->code;
	db_bind_int(st, 1, staff_id);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 8;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		memset(&out->v[out->n], 0, sizeof out->v[0]);
		role_read_assignment(st, &out->v[out->n++]);
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

/* The organisation tree: the worker's cached one when there is a cache. */
static int load_units(struct db *db, struct units_cache *cache, struct web_user *u,
		      struct err *e)
{
	const struct org_units *cached;
	if (!cache)
		return org_units_load(db, &u->units, e);
	if (units_cache_get(cache, db, &cached, e))
		return e->code;
	u->units = *cached; /* shares the arrays; valid for this request */
	u->units_borrowed = 1;
	return 0;
}

int web_user_load(struct db *db, struct units_cache *cache, long long account_id,
		  struct web_user **out, int *ok, struct err *e)
{
	struct web_user *u = xcalloc(1, sizeof *u);
	int found = 0, needs = 0;
	*ok = 0;
	*out = NULL;
	if (account_by_id(db, account_id, &u->account, &found, e))
		goto fail;
	if (!found || u->account.disabled_at) {
		web_user_free(u);
		return 0;
	}
	if (staff_find(db, u->account.login, &u->staff, &found, e))
		goto fail;
	if (!found || u->staff.left_on) {
		web_user_free(u);
		return 0;
	}
	if (load_own_roles(db, u->staff.id, &u->roles, e) || load_units(db, cache, u, e))
		goto fail;
	/* account_needs_totp's rule, on the roles just read (no second query) */
	needs = u->account.is_admin;
	for (size_t i = 0; i < u->roles.n && !needs; i++)
		needs = account_role_needs_totp(u->roles.v[i].role);
	u->privileged = needs;
	*out = u;
	*ok = 1;
	return 0;
fail:
	web_user_free(u);
	return e->code ? e->code : ERR_INTERNAL;
}

/*
 * Idle timeout (6.2): each session keeps the limit of its account when it
 * started (30 minutes, 15 for privileged roles: account_idle_minutes), and
 * session_lookup with 0 applies that limit and ends a session idle longer.
 */
static int lookup_session(struct web_req *rq, struct err *e)
{
	int found = 0;
	if (session_lookup(rq->db, rq->cookie, 0, &rq->session, &found, e))
		return e->code;
	rq->has_session = found;
	return 0;
}

int web_auth(struct web_req *rq, struct err *e)
{
	int ok = 0, found = 0;
	if (rq->bearer) {
		long long account_id = 0;
		if (api_token_lookup(rq->db, rq->bearer, &account_id, &found, e))
			return e->code;
		if (found && web_user_load(rq->db, rq->units_cache, account_id, &rq->user, &ok, e))
			return e->code;
		return 0;
	}
	if (!rq->cookie || strlen(rq->cookie) != SESSION_TOKEN_HEX)
		return 0;
	if (lookup_session(rq, e))
		return e->code;
	if (!rq->has_session || rq->session.stage != SESSION_FULL)
		return 0;
	if (web_user_load(rq->db, rq->units_cache, rq->session.account_id, &rq->user, &ok, e))
		return e->code;
	if (!ok) {
		/* the account was disabled or its holder left: end the session */
		session_end(rq->db, rq->session.id, e);
		session_free(&rq->session);
		memset(&rq->session, 0, sizeof rq->session);
		rq->has_session = 0;
	}
	return e->code;
}

int web_user_has_role(const struct web_user *u, const char *role)
{
	for (size_t i = 0; u && i < u->roles.n; i++)
		if (strcmp(u->roles.v[i].role, role) == 0)
			return 1;
	return 0;
}

int web_user_has_any(const struct web_user *u, const char *const *roles)
{
	for (size_t i = 0; roles && roles[i]; i++)
		if (web_user_has_role(u, roles[i]))
			return 1;
	return 0;
}

int web_csrf_ok(const struct web_req *rq)
{
	const char *given = form_get(&rq->body, "csrf");
	size_t n = strlen(rq->session.csrf);
	if (!rq->has_session || !given || n == 0 || strlen(given) != n)
		return 0;
	return sodium_memcmp(given, rq->session.csrf, n) == 0;
}

const struct web_upload *web_upload_get(const struct web_req *rq, const char *field)
{
	for (size_t i = 0; i < rq->files.n; i++)
		if (strcmp(rq->files.v[i].field, field) == 0)
			return &rq->files.v[i];
	return NULL;
}

void web_resp_free(struct web_resp *rs)
{
	buf_free(&rs->body);
	free(rs->location);
	free(rs->set_cookie);
	free(rs->disposition);
}

void web_redirect(struct web_resp *rs, const char *location)
{
	rs->status = 303;
	free(rs->location);
	rs->location = xstrdup(location);
	rs->no_store = 1;
}

/*
 * HttpOnly: no script can read the token.  SameSite=Strict: no other site's
 * page can send it.  There is no TLS in this build (mamori runs on
 * 127.0.0.1 or behind a TLS-terminating proxy), so Secure is not set; see
 * docs/web.md.
 */
void web_set_session_cookie(struct web_resp *rs, const char *token)
{
	free(rs->set_cookie);
	if (token)
		rs->set_cookie = xasprintf("%s=%s; HttpOnly; SameSite=Strict; Path=/", WEB_COOKIE,
					   token);
	else
		rs->set_cookie = xasprintf("%s=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0",
					   WEB_COOKIE);
}
