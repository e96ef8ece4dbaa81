/*
 * router.c — matching and access control (router.h).
 */
#include "web/router.h"

#include <sodium.h>
#include <string.h>

#include "web/response.h"

/* The longest {id} segment a route takes when text follows it ("/edit"). */
#define ROUTE_ID_MAX 256

/*
 * Matches path against pattern; *id points into path for a route ending in
 * "{id}", or into idbuf (ROUTE_ID_MAX bytes) for one like "/assets/{id}/edit",
 * since the segment is not NUL-terminated inside path there.
 */
static int route_match(const char *pattern, const char *path, const char **id, char *idbuf)
{
	const char *brace = strstr(pattern, "{id}");
	*id = NULL;
	if (!brace)
		return strcmp(pattern, path) == 0;
	size_t prefix = (size_t)(brace - pattern);
	if (strncmp(pattern, path, prefix) != 0)
		return 0;
	const char *rest = path + prefix, *suffix = brace + 4;
	size_t rlen = strlen(rest), slen = strlen(suffix);
	if (rlen <= slen || strcmp(rest + rlen - slen, suffix) != 0)
		return 0;
	size_t idlen = rlen - slen;
	if (memchr(rest, '/', idlen))
		return 0;
	if (!slen) {
		*id = rest;
		return 1;
	}
	if (idlen >= ROUTE_ID_MAX)
		return 0;
	memcpy(idbuf, rest, idlen);
	idbuf[idlen] = '\0';
	*id = idbuf;
	return 1;
}

static int same_secret(const char *a, const char *b)
{
	size_t n = a ? strlen(a) : 0;
	if (!a || !b || n == 0 || strlen(b) != n)
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

/* The page a half-way session must finish first. */
static const char *stage_page(int stage)
{
	switch (stage) {
	case SESSION_NEED_TOTP: return "/login/totp";
	case SESSION_MUST_CHANGE: return "/password";
	case SESSION_ENROL_TOTP: return "/totp/setup";
	case SESSION_FULL: return "/";
	default: return "/login";
	}
}

static void deny_anonymous(struct web_req *rq, struct web_resp *rs)
{
	if (rq->is_api) {
		web_error(rq, rs, 401, "unauthenticated",
			  "認証が必要です（Authorization: Bearer トークンを指定してください）");
		return;
	}
	web_redirect(rs, rq->has_session ? stage_page(rq->session.stage) : "/login");
}

/* Whether the route lets this request in; otherwise rs holds the refusal. */
static int access_ok(const struct route *r, struct web_req *rq, struct web_resp *rs)
{
	switch (r->access) {
	case ACCESS_PUBLIC:
		return 1;
	case ACCESS_ANY_SESSION:
		if (rq->has_session)
			return 1;
		break;
	case ACCESS_STAGE:
		if (rq->has_session && rq->session.stage == r->stage)
			return 1;
		break;
	case ACCESS_SIGNED_IN:
	case ACCESS_ROLES:
		if (!rq->user)
			break;
		if (r->access == ACCESS_SIGNED_IN || web_user_has_any(rq->user, r->roles))
			return 1;
		web_error(rq, rs, 403, "forbidden", "このページを見る権限がありません");
		return 0;
	}
	deny_anonymous(rq, rs);
	return 0;
}

static int csrf_ok(const struct route *r, const struct web_req *rq, const char *prelogin)
{
	if (strcmp(rq->method, "POST") != 0)
		return 1;
	if (r->access == ACCESS_PUBLIC)
		return same_secret(prelogin, form_get(&rq->body, "csrf"));
	/* An API token is sent by a script on purpose, never attached by a
	 * browser on its own, so a request made with one cannot be forged
	 * across sites; web_auth ignores the cookie when a token is given. */
	if (rq->is_api && rq->bearer && rq->user && !rq->has_session)
		return 1;
	return web_csrf_ok(rq);
}

void router_dispatch(struct web_req *rq, struct web_resp *rs, const char *prelogin)
{
	int path_known = 0;
	char idbuf[ROUTE_ID_MAX]; /* outlives the handler call below */
	for (size_t i = 0; i < web_nroutes; i++) {
		const struct route *r = &web_routes[i];
		const char *id = NULL;
		if (!route_match(r->pattern, rq->path, &id, idbuf))
			continue;
		path_known = 1;
		if (strcmp(r->method, rq->method) != 0)
			continue;
		rq->id = id;
		if (!access_ok(r, rq, rs))
			return;
		if (!csrf_ok(r, rq, prelogin)) {
			web_error(rq, rs, 403, "csrf",
				  "フォームの有効期限が切れたか、不正な送信です。ページを開き直してください");
			return;
		}
		r->handler(rq, rs);
		return;
	}
	if (path_known)
		web_error(rq, rs, 405, "method_not_allowed", "この操作はできません");
	else
		web_error(rq, rs, 404, "not_found", "ページが見つかりません");
}

void router_describe(struct buf *out)
{
	static const char *const who[] = {"public", "session", "stage", "signed_in", "roles"};
	for (size_t i = 0; i < web_nroutes; i++) {
		const struct route *r = &web_routes[i];
		buf_printf(out, "%s %s ", r->method, r->pattern);
		if (r->access != ACCESS_ROLES) {
			buf_printf(out, "%s\n", who[r->access]);
			continue;
		}
		for (size_t k = 0; r->roles[k]; k++)
			buf_printf(out, "%s%s", k ? "," : "", r->roles[k]);
		buf_putc(out, '\n');
	}
}
