/*
 * page_password.c — replacing the temporary password at first sign-in
 * (guideline 6.2: a first password is temporary and must be changed).
 */
#include <string.h>

#include "web/layout.h"
#include "web/pages.h"

static void password_form(struct web_req *rq, struct web_resp *rs, const char *message)
{
	page_begin(rq, rs, "パスワードの変更");
	buf_puts(&rs->body, "<h1>パスワードの変更</h1>\n"
			    "<p>仮のパスワードでログインしました。新しいパスワードを設定してください。"
			    "12文字以上で、ログインIDや氏名、よく使われるパスワード、"
			    "最近使ったパスワードは使えません。</p>\n");
	if (message)
		html_printf(&rs->body, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	buf_puts(&rs->body, "<form method=\"post\" action=\"/password\" class=\"stack\">");
	layout_csrf_field(&rs->body, rq);
	buf_puts(&rs->body,
		 "<label for=\"old\">現在の（仮の）パスワード</label>"
		 "<input id=\"old\" name=\"old\" type=\"password\" "
		 "autocomplete=\"current-password\" required>"
		 "<label for=\"new\">新しいパスワード</label>"
		 "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" "
		 "required>"
		 "<label for=\"again\">新しいパスワード（確認）</label>"
		 "<input id=\"again\" name=\"again\" type=\"password\" "
		 "autocomplete=\"new-password\" required>"
		 "<button type=\"submit\">変更する</button></form>\n");
	layout_end(&rs->body);
}

void page_password_get(struct web_req *rq, struct web_resp *rs)
{
	password_form(rq, rs, NULL);
}

void page_password_post(struct web_req *rq, struct web_resp *rs)
{
	const char *old = form_get(&rq->body, "old");
	const char *new_pw = form_get(&rq->body, "new");
	const char *again = form_get(&rq->body, "again");
	struct err e = {0};
	if (!old || !new_pw || !again || !*old || !*new_pw) {
		password_form(rq, rs, "すべての欄を入力してください。");
		return;
	}
	if (strcmp(new_pw, again) != 0) {
		password_form(rq, rs, "新しいパスワードが確認欄と一致しません。");
		return;
	}
	if (account_set_password(rq->db, rq->session.account_id, old, new_pw, &e)) {
		if (e.code == ERR_INPUT)
			password_form(rq, rs, e.msg);
		else
			web_internal_error(rq, rs, &e);
		return;
	}
	int stage = login_next_stage(rq, rq->session.account_id, &e);
	if (stage < 0)
		web_internal_error(rq, rs, &e);
	else
		login_enter_stage(rq, rs, rq->session.account_id, stage);
}
