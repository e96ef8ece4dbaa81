/*
 * cmd_account.c — `mamori account add|list|reset|disable|enable|token|log`:
 * the administrator's side of web sign-in accounts (core/account.h).
 *
 * A temporary password or API token is printed once, when it is made, and
 * never again: nothing else here prints a hash, key or code.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/account.h"
#include "core/session.h"
#include "util/timeutil.h"

/* One positional 職員番号 and the options given. */
static int parse_login(const char *cmd, int argc, char **argv, struct opt *opts, int nopts,
		       const char **login)
{
	char *pos[1];
	int npos;
	if (cli_parse(cmd, argc, argv, opts, nopts, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: 職員番号を指定してください", cmd);
	*login = pos[0];
	return 0;
}

/* A secret shown once: text for people, JSON for scripts. */
static void print_secret(const struct cli *c, const char *login, const char *key,
			 const char *secret, const char *text)
{
	if (c->format == FMT_JSON) {
		struct buf b = BUF_INIT;
		struct json_writer w;
		jw_init(&w, &b);
		jw_object_begin(&w);
		jw_kv_string(&w, "login", login);
		jw_kv_string(&w, key, secret);
		jw_object_end(&w);
		buf_putc(&b, '\n');
		cli_write(&b);
		buf_free(&b);
		return;
	}
	printf("%s\n  %s\n（この表示限りです。本人に安全な方法で渡してください）\n", text, secret);
}

static int account_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"admin", 0, NULL}};
	const char *login = NULL;
	char *temp;
	struct err e = {0};
	if (parse_login("account add", argc, argv, opts, 1, &login) || cli_open(c, 0))
		return EXIT_ERROR;
	if (account_create(c->db, login, opts[0].value != NULL, &temp, &e))
		return cli_fail(&e);
	char *text = xasprintf("アカウント %s%s を作成しました。仮パスワード（初回ログイン時に変更が必要）:",
			       login, opts[0].value ? "（mamori 管理者）" : "");
	print_secret(c, login, "temporary_password", temp, text);
	free(text);
	sodium_memzero(temp, strlen(temp));
	free(temp);
	return EXIT_OK;
}

static int account_reset_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"totp", 0, NULL}};
	const char *login = NULL;
	char *temp;
	struct err e = {0};
	if (parse_login("account reset", argc, argv, opts, 1, &login) || cli_open(c, 0))
		return EXIT_ERROR;
	/* The TOTP key goes first: a reset that printed a password but kept a
	 * lost device's key would still lock the person out. */
	if ((opts[0].value && account_totp_remove(c->db, login, &e)) ||
	    account_reset(c->db, login, &temp, &e))
		return cli_fail(&e);
	char *text = xasprintf("アカウント %s の仮パスワードを再発行しました%s。仮パスワード:", login,
			       opts[0].value ? "（2 要素認証は次回ログイン時に再登録）" : "");
	print_secret(c, login, "temporary_password", temp, text);
	free(text);
	sodium_memzero(temp, strlen(temp));
	free(temp);
	return EXIT_OK;
}

static int account_disable_cmd(struct cli *c, int argc, char **argv)
{
	const char *login = NULL;
	struct err e = {0};
	if (parse_login("account disable", argc, argv, NULL, 0, &login) || cli_open(c, 0))
		return EXIT_ERROR;
	if (account_disable(c->db, login, &e))
		return cli_fail(&e);
	printf("アカウント %s を無効にしました（セッションを終了し、API トークンを失効させました）\n", login);
	return EXIT_OK;
}

static int account_enable_cmd(struct cli *c, int argc, char **argv)
{
	const char *login = NULL;
	struct err e = {0};
	if (parse_login("account enable", argc, argv, NULL, 0, &login) || cli_open(c, 0))
		return EXIT_ERROR;
	if (account_enable(c->db, login, &e))
		return cli_fail(&e);
	printf("アカウント %s を有効に戻しました\n", login);
	return EXIT_OK;
}

/* ---- list ---- */

static const char *state_of(const struct account *a, const char *now)
{
	if (a->disabled_at)
		return "無効";
	if (a->locked_until && strcmp(a->locked_until, now) > 0)
		return "ロック中";
	if (a->must_change)
		return "仮パスワード";
	return "有効";
}

static void account_row(struct list_out *o, const struct account_info *i, const char *now)
{
	const struct account *a = &i->a;
	const char *locked = a->locked_until && strcmp(a->locked_until, now) > 0 ? a->locked_until : NULL;
	int needs = a->is_admin || i->privileged;
	if (o->format == FMT_JSON) {
		jw_object_begin(&o->w);
		jw_kv_string(&o->w, "created_at", a->created_at);
		jw_kv_string(&o->w, "disabled_at", a->disabled_at);
		jw_kv_int(&o->w, "is_admin", a->is_admin);
		jw_kv_string(&o->w, "last_login_addr", a->last_login_addr);
		jw_kv_string(&o->w, "last_login_at", a->last_login_at);
		jw_kv_string(&o->w, "locked_until", locked);
		jw_kv_string(&o->w, "login", a->login);
		jw_kv_int(&o->w, "must_change", a->must_change);
		jw_kv_string(&o->w, "name", i->name);
		jw_kv_int(&o->w, "needs_totp", needs);
		jw_kv_int(&o->w, "tokens", i->tokens);
		jw_kv_int(&o->w, "totp_enrolled", a->totp_enrolled);
		jw_object_end(&o->w);
	} else if (o->format == FMT_CSV) {
		char tokens[24];
		snprintf(tokens, sizeof tokens, "%d", i->tokens);
		buf_csv_field(&o->b, a->login, 0);
		buf_csv_field(&o->b, i->name, 0);
		buf_csv_field(&o->b, state_of(a, now), 0);
		buf_csv_field(&o->b, a->is_admin ? "管理者" : "", 0);
		buf_csv_field(&o->b, needs ? (a->totp_enrolled ? "登録済み" : "未登録（必須）")
					   : (a->totp_enrolled ? "登録済み" : ""), 0);
		buf_csv_field(&o->b, a->last_login_at, 0);
		buf_csv_field(&o->b, a->last_login_addr, 0);
		buf_csv_field(&o->b, tokens, 0);
		buf_csv_field(&o->b, a->created_at, 1);
	} else {
		buf_printf(&o->b, "%s\t%s\t%s%s%s\t前回ログイン %s%s%s%s\n", a->login, i->name ? i->name : "",
			   state_of(a, now), a->is_admin ? "・管理者" : "",
			   needs ? (a->totp_enrolled ? "・TOTP" : "・TOTP未登録") : "",
			   a->last_login_at ? a->last_login_at : "なし",
			   a->last_login_addr ? "（" : "", a->last_login_addr ? a->last_login_addr : "",
			   a->last_login_addr ? "）" : "");
	}
}

static int account_list_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1], now[32];
	int npos;
	struct err e = {0};
	struct account_info *v;
	size_t n;
	if (cli_parse("account list", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (account_list(c->db, &v, &n, &e))
		return cli_fail(&e);
	time_now_rfc3339(now);
	struct list_out out;
	list_begin(&out, c, "accounts",
		   "職員番号,氏名,状態,管理者,2要素認証,前回ログイン,前回ログイン元,APIトークン数,作成日時");
	for (size_t i = 0; i < n; i++)
		account_row(&out, &v[i], now);
	list_end(&out);
	account_list_free(v, n);
	return EXIT_OK;
}

/* ---- API tokens ---- */

static int find_account(struct cli *c, const char *login, struct account *a, struct err *e)
{
	int found;
	if (account_find(c->db, login, a, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "職員番号「%s」のアカウントはありません", login);
	return 0;
}

static int token_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"name", 1, NULL}};
	const char *login = NULL;
	char token[SESSION_TOKEN_HEX + 1];
	struct account a;
	struct err e = {0};
	if (parse_login("account token add", argc, argv, opts, 1, &login))
		return EXIT_ERROR;
	if (!opts[0].value)
		return cli_usage("account token add: --name（トークンの名前）を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (find_account(c, login, &a, &e))
		return cli_fail(&e);
	int rc = api_token_create(c->db, a.id, opts[0].value, token, &e);
	account_free(&a);
	if (rc)
		return cli_fail(&e);
	char *text = xasprintf("アカウント %s の API トークン「%s」を発行しました"
			       "（Authorization: Bearer で送ります）:", login, opts[0].value);
	print_secret(c, login, "token", token, text);
	free(text);
	sodium_memzero(token, sizeof token);
	return EXIT_OK;
}

static int token_revoke_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"name", 1, NULL}};
	const char *login = NULL;
	struct account a;
	struct err e = {0};
	if (parse_login("account token revoke", argc, argv, opts, 1, &login))
		return EXIT_ERROR;
	if (!opts[0].value)
		return cli_usage("account token revoke: --name（トークンの名前）を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (find_account(c, login, &a, &e))
		return cli_fail(&e);
	int rc = api_token_revoke(c->db, a.id, opts[0].value, &e);
	account_free(&a);
	if (rc)
		return cli_fail(&e);
	printf("アカウント %s の API トークン「%s」を失効させました\n", login, opts[0].value);
	return EXIT_OK;
}

static int token_list_cmd(struct cli *c, int argc, char **argv)
{
	const char *login = NULL;
	struct account a;
	struct api_token_info *v;
	size_t n;
	struct err e = {0};
	if (parse_login("account token list", argc, argv, NULL, 0, &login) || cli_open(c, 0))
		return EXIT_ERROR;
	if (find_account(c, login, &a, &e))
		return cli_fail(&e);
	int rc = api_token_list(c->db, a.id, &v, &n, &e);
	account_free(&a);
	if (rc)
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "tokens", "名前,発行日時,失効日時");
	for (size_t i = 0; i < n; i++) {
		if (c->format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "created_at", v[i].created_at);
			jw_kv_string(&out.w, "name", v[i].name);
			jw_kv_string(&out.w, "revoked_at", v[i].revoked_at);
			jw_object_end(&out.w);
		} else if (c->format == FMT_CSV) {
			buf_csv_field(&out.b, v[i].name, 0);
			buf_csv_field(&out.b, v[i].created_at, 0);
			buf_csv_field(&out.b, v[i].revoked_at, 1);
		} else {
			buf_printf(&out.b, "%s\t発行 %s%s%s\n", v[i].name, v[i].created_at,
				   v[i].revoked_at ? "\t失効 " : "", v[i].revoked_at ? v[i].revoked_at : "");
		}
	}
	list_end(&out);
	api_token_list_free(v, n);
	return EXIT_OK;
}

static int account_token_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", token_add_cmd},
		{"list", token_list_cmd},
		{"revoke", token_revoke_cmd},
	};
	return cli_dispatch(c, "account token", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}

/* ---- the sign-in log ---- */

static void event_row(struct list_out *o, const struct auth_event *ev)
{
	if (o->format == FMT_JSON) {
		jw_object_begin(&o->w);
		jw_kv_string(&o->w, "addr", ev->addr);
		jw_kv_string(&o->w, "at", ev->at);
		jw_kv_string(&o->w, "detail", ev->detail);
		jw_kv_string(&o->w, "event", ev->event);
		jw_kv_int(&o->w, "id", ev->id);
		jw_kv_string(&o->w, "login", ev->login);
		jw_object_end(&o->w);
	} else if (o->format == FMT_CSV) {
		buf_csv_field(&o->b, ev->at, 0);
		buf_csv_field(&o->b, ev->login, 0);
		buf_csv_field(&o->b, ev->addr, 0);
		buf_csv_field(&o->b, auth_event_label(ev->event), 0);
		buf_csv_field(&o->b, ev->detail, 1);
	} else {
		buf_printf(&o->b, "%s\t%s\t%s\t%s%s%s\n", ev->at, ev->login ? ev->login : "-",
			   ev->addr ? ev->addr : "-", auth_event_label(ev->event),
			   ev->detail ? "\t" : "", ev->detail ? ev->detail : "");
	}
}

static int account_log_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"limit", 1, NULL}};
	char *pos[1], *end;
	int npos;
	long limit = 100;
	struct err e = {0};
	struct auth_event *v;
	size_t n;
	if (cli_parse("account log", argc, argv, opts, 1, pos, 0, &npos))
		return EXIT_ERROR;
	if (opts[0].value) {
		limit = strtol(opts[0].value, &end, 10);
		if (*end || limit <= 0 || limit > 1000000)
			return cli_usage("account log: --limit は 1 以上の整数で指定してください（「%s」）",
					 opts[0].value);
	}
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (auth_log_load(c->db, (int)limit, &v, &n, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "events", "日時,ID,接続元,出来事,詳細");
	for (size_t i = 0; i < n; i++)
		event_row(&out, &v[i]);
	list_end(&out);
	auth_log_free(v, n);
	return EXIT_OK;
}

int cmd_account(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", account_add_cmd},
		{"list", account_list_cmd},
		{"reset", account_reset_cmd},
		{"disable", account_disable_cmd},
		{"enable", account_enable_cmd},
		{"token", account_token_cmd},
		{"log", account_log_cmd},
	};
	return cli_dispatch(c, "account", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
