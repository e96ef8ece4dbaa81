/*
 * page_totp_setup.c — enrolling the second factor (guideline 6.2: privileged
 * roles sign in with more than a password).  The key is shown as text and as
 * an otpauth:// URI to type or paste into an authenticator app; no QR code,
 * since nothing may be fetched from outside and the page has no script.
 * The recovery codes are shown once, on the page that confirms enrolment.
 */
#include <stdlib.h>

#include "web/auth.h"
#include "web/layout.h"
#include "web/pages.h"

static void setup_form(struct web_req *rq, struct web_resp *rs, const char *message)
{
	char *secret = NULL, *uri = NULL;
	struct err e = {0};
	if (account_totp_begin(rq->db, rq->session.account_id, &secret, &uri, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, "2段階認証の設定");
	buf_puts(&rs->body, "<h1>2段階認証の設定</h1>\n"
			    "<p>あなたの役割では、パスワードに加えて確認コードによる認証が必要です。"
			    "認証アプリに次の鍵を登録し、表示された6桁のコードを入力してください。</p>\n");
	if (message)
		html_printf(&rs->body, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	html_printf(&rs->body,
		    "<dl class=\"facts\"><dt>鍵</dt><dd><code class=\"secret\">%s</code></dd>"
		    "<dt>URI</dt><dd><code class=\"uri\">%s</code></dd></dl>\n",
		    secret, uri);
	buf_puts(&rs->body, "<form method=\"post\" action=\"/totp/setup\" class=\"stack\">");
	layout_csrf_field(&rs->body, rq);
	buf_puts(&rs->body, "<label for=\"code\">確認コード</label>"
			    "<input id=\"code\" name=\"code\" inputmode=\"numeric\" "
			    "autocomplete=\"one-time-code\" required>"
			    "<button type=\"submit\">登録する</button></form>\n");
	layout_end(&rs->body);
	free(secret);
	free(uri);
}

void page_totp_setup_get(struct web_req *rq, struct web_resp *rs)
{
	setup_form(rq, rs, NULL);
}

static void show_recovery(struct web_req *rq, struct web_resp *rs, char **codes, size_t n)
{
	buf_reset(&rs->body);
	page_begin(rq, rs, "リカバリーコード");
	buf_puts(&rs->body, "<h1>2段階認証を設定しました</h1>\n"
			    "<p>認証アプリを使えなくなったときのためのリカバリーコードです。"
			    "それぞれ1回だけ使えます。この画面は二度と表示されないので、"
			    "印刷するなどして安全な場所に保管してください。</p>\n<ul class=\"codes\">\n");
	for (size_t i = 0; i < n; i++)
		html_printf(&rs->body, "<li><code>%s</code></li>\n", codes[i]);
	buf_puts(&rs->body, "</ul>\n<p><a href=\"/\">ダッシュボードへ進む</a></p>\n");
	layout_end(&rs->body);
}

void page_totp_setup_post(struct web_req *rq, struct web_resp *rs)
{
	const char *code = form_get(&rq->body, "code");
	char **codes = NULL;
	size_t n = 0;
	struct err e = {0};
	if (!code || !*code) {
		setup_form(rq, rs, "確認コードを入力してください。");
		return;
	}
	if (account_totp_confirm(rq->db, rq->session.account_id, code, &codes, &n, &e)) {
		if (e.code == ERR_INPUT)
			setup_form(rq, rs, "確認コードが正しくありません。鍵を登録し直してください。");
		else
			web_internal_error(rq, rs, &e);
		return;
	}
	/* signed in now: rotate the token and show the codes on this answer */
	login_enter_stage(rq, rs, rq->session.account_id, SESSION_FULL);
	if (rs->status == 303) {
		int ok = 0;
		free(rs->location);
		rs->location = NULL;
		/* the header (person, sign-out) as on every signed-in page */
		if (!rq->user &&
		    web_user_load(rq->db, rq->units_cache, rq->session.account_id, &rq->user, &ok, &e))
			err_clear(&e);
		show_recovery(rq, rs, codes, n);
	}
	account_recovery_free(codes, n);
}
