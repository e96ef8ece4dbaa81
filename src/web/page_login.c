/*
 * page_login.c — signing in and out (guideline 6.2(4)): the banner, the
 * password form, the second factor, and the stage changes between them.
 *
 * Every stage change rotates the session token (session_promote), so a token
 * seen before sign-in is worthless after it.  Unknown IDs and wrong
 * passwords get the very same answer, so the form does not reveal which IDs
 * exist.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/router.h"

static const char bad_login[] = "ログインIDまたはパスワードが正しくありません。";

void web_internal_error(struct web_req *rq, struct web_resp *rs, const struct err *e)
{
	fprintf(stderr, "mamori serve: %s %s: %s\n", rq->method, rq->path, e->msg);
	web_error(rq, rs, 500, "internal", "サーバーでエラーが発生しました");
}

/*
 * The pre-login token of the form at `path` (/login, /report): reused from
 * the form just posted there (the router has checked it against the cookie),
 * or a new one, set as a cookie for that path only.
 *
 * Each form gets its own cookie scoped to its own path rather than one
 * cookie for Path=/: the public reporting page is open to anyone and its
 * token is handed to every visitor, so it must never be the token that
 * protects the sign-in form; and a Path=/ cookie would ride along on every
 * request of the signed-in application for no purpose.  A browser sends a
 * cookie only to the path it was set for, so the two never mix.
 */
void web_prelogin_token(struct web_req *rq, struct web_resp *rs, const char *path, char out[65])
{
	const char *have = form_get(&rq->body, "csrf");
	if (have && strlen(have) == 64 && strcmp(rq->path, path) == 0 &&
	    strcmp(rq->method, "POST") == 0) {
		memcpy(out, have, 65);
		return;
	}
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 65, raw, sizeof raw);
	free(rs->set_cookie);
	rs->set_cookie = xasprintf("%s=%s; HttpOnly; SameSite=Strict; Path=%s",
				   WEB_PRELOGIN_COOKIE, out, path);
}

static void banner(struct buf *b)
{
	buf_puts(b, "<section class=\"banner\" aria-labelledby=\"banner-title\">"
		    "<h2 id=\"banner-title\">ご利用にあたって</h2>"
		    "<p>このシステムは、利用を認められた職員等が業務のために使うものです。"
		    "認められていない利用は禁止されています。</p>"
		    "<p>ログインと操作の内容は記録され、必要に応じて確認されます。</p>"
		    "</section>\n");
}

static void login_form(struct web_req *rq, struct web_resp *rs, const char *message)
{
	char token[65];
	web_prelogin_token(rq, rs, "/login", token);
	rs->status = 200;
	layout_begin(&rs->body, rq, "ログイン");
	buf_puts(&rs->body, "<h1>ログイン</h1>\n");
	banner(&rs->body);
	if (message)
		html_printf(&rs->body, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	html_printf(&rs->body,
		    "<form method=\"post\" action=\"/login\" class=\"stack\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<label for=\"login\">ログインID（職員番号）</label>"
		    "<input id=\"login\" name=\"login\" autocomplete=\"username\" required>"
		    "<label for=\"password\">パスワード</label>"
		    "<input id=\"password\" name=\"password\" type=\"password\" "
		    "autocomplete=\"current-password\" required>"
		    "<button type=\"submit\">ログイン</button></form>\n",
		    token);
	layout_end(&rs->body);
}

void page_login_get(struct web_req *rq, struct web_resp *rs)
{
	if (rq->user) {
		web_redirect(rs, "/");
		return;
	}
	login_form(rq, rs, NULL);
}

void login_enter_stage(struct web_req *rq, struct web_resp *rs, long long account_id,
		       int stage)
{
	char token[SESSION_TOKEN_HEX + 1];
	struct err e = {0};
	if (rq->has_session && rq->session.account_id == account_id) {
		if (session_promote(rq->db, rq->session.id, stage, token, &e)) {
			web_internal_error(rq, rs, &e);
			return;
		}
	} else {
		struct session s = {0};
		if (rq->has_session)
			session_end(rq->db, rq->session.id, &e);
		if (session_start(rq->db, account_id, stage, rq->addr, token, &s, &e)) {
			web_internal_error(rq, rs, &e);
			return;
		}
		session_free(&s);
	}
	web_set_session_cookie(rs, token);
	switch (stage) {
	case SESSION_NEED_TOTP: web_redirect(rs, "/login/totp"); break;
	case SESSION_MUST_CHANGE: web_redirect(rs, "/password"); break;
	case SESSION_ENROL_TOTP: web_redirect(rs, "/totp/setup"); break;
	default: web_redirect(rs, "/"); break;
	}
}

int login_next_stage(struct web_req *rq, long long account_id, struct err *e)
{
	struct account a = {0};
	int found = 0, needs = 0, stage = SESSION_FULL;
	if (account_by_id(rq->db, account_id, &a, &found, e))
		return -1;
	if (found && account_needs_totp(rq->db, &a, &needs, e)) {
		account_free(&a);
		return -1;
	}
	if (found && needs && !a.totp_enrolled)
		stage = SESSION_ENROL_TOTP;
	account_free(&a);
	return stage;
}

static void locked_message(struct web_req *rq, struct web_resp *rs, const char *until)
{
	struct buf m = BUF_INIT;
	buf_printf(&m, "ログインの失敗が続いたため、このIDは一時的にロックされています（%s まで）。",
		   until ? until : "しばらくの間");
	login_form(rq, rs, buf_str(&m));
	buf_free(&m);
}

/* Acts on the outcome of account_login for account a (the login form and
 * the second-factor form share this). */
static void after_login(struct web_req *rq, struct web_resp *rs, enum login_result r,
			struct account *a, struct err *e)
{
	int stage;
	switch (r) {
	case LOGIN_OK:
		stage = login_next_stage(rq, a->id, e);
		if (stage < 0)
			web_internal_error(rq, rs, e);
		else
			login_enter_stage(rq, rs, a->id, stage);
		return;
	case LOGIN_MUST_CHANGE:
		login_enter_stage(rq, rs, a->id, SESSION_MUST_CHANGE);
		return;
	case LOGIN_NEED_TOTP:
		login_enter_stage(rq, rs, a->id, SESSION_NEED_TOTP);
		return;
	case LOGIN_LOCKED:
		locked_message(rq, rs, a->locked_until);
		return;
	case LOGIN_BAD:
	case LOGIN_DISABLED:
		break;
	}
	login_form(rq, rs, bad_login);
}

void page_login_post(struct web_req *rq, struct web_resp *rs)
{
	const char *login = form_get(&rq->body, "login");
	const char *password = form_get(&rq->body, "password");
	struct account a = {0};
	struct err e = {0};
	if (!login || !password || !*login || !*password) {
		login_form(rq, rs, bad_login);
		return;
	}
	enum login_result r = account_login(rq->db, login, password, NULL, rq->addr, &a, &e);
	if (e.code)
		web_internal_error(rq, rs, &e);
	else
		after_login(rq, rs, r, &a, &e);
	account_free(&a);
}

static void totp_form(struct web_req *rq, struct web_resp *rs, const char *message)
{
	page_begin(rq, rs, "確認コード");
	buf_puts(&rs->body, "<h1>確認コードの入力</h1>\n"
			    "<p>認証アプリに表示されている6桁の確認コード（またはリカバリーコード）を"
			    "入力してください。</p>\n");
	if (message)
		html_printf(&rs->body, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	buf_puts(&rs->body, "<form method=\"post\" action=\"/login/totp\" class=\"stack\">");
	layout_csrf_field(&rs->body, rq);
	buf_puts(&rs->body,
		 "<label for=\"code\">確認コード</label>"
		 "<input id=\"code\" name=\"code\" inputmode=\"numeric\" "
		 "autocomplete=\"one-time-code\" required>"
		 "<button type=\"submit\">確認</button></form>\n");
	layout_end(&rs->body);
}

void page_login_totp_get(struct web_req *rq, struct web_resp *rs)
{
	totp_form(rq, rs, NULL);
}

void page_login_totp_post(struct web_req *rq, struct web_resp *rs)
{
	const char *code = form_get(&rq->body, "code");
	struct account a = {0};
	struct err e = {0};
	if (!code || !*code) {
		totp_form(rq, rs, "確認コードを入力してください。");
		return;
	}
	enum login_result r =
		account_login_code(rq->db, rq->session.account_id, code, rq->addr, &a, &e);
	if (e.code) {
		web_internal_error(rq, rs, &e);
	} else if (r == LOGIN_BAD || r == LOGIN_NEED_TOTP) {
		totp_form(rq, rs, "確認コードが正しくありません。");
	} else if (r == LOGIN_LOCKED || r == LOGIN_DISABLED) {
		/* the half-way session is over: start again from the password */
		session_end(rq->db, rq->session.id, &e);
		rq->has_session = 0;
		if (r == LOGIN_LOCKED)
			locked_message(rq, rs, a.locked_until);
		else
			login_form(rq, rs, bad_login);
		if (!rs->set_cookie)
			web_set_session_cookie(rs, NULL);
	} else {
		after_login(rq, rs, r, &a, &e);
	}
	account_free(&a);
}

void page_logout_post(struct web_req *rq, struct web_resp *rs)
{
	struct err e = {0};
	if (session_end(rq->db, rq->session.id, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	web_set_session_cookie(rs, NULL);
	web_redirect(rs, "/login");
}
