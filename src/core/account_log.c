/*
 * account_log.c — reading the sign-in log (table auth_event, account.h).
 * The rows are written by acct_log (account_util.c) from every account,
 * sign-in and session operation.
 */
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "core/rows.h"
#include "util/buf.h"

static const struct {
	const char *id, *label;
} labels[] = {
	{"account_created", "アカウント作成"},
	{"account_disabled", "アカウント無効化"},
	{"account_enabled", "アカウント再有効化"},
	{"lockout", "アカウントロック"},
	{"login_bad_code", "確認コードの誤り"},
	{"login_bad_password", "パスワードの誤り"},
	{"login_disabled", "無効なアカウントでのログイン試行"},
	{"login_locked", "ロック中のログイン試行"},
	{"login_need_code", "パスワード確認（確認コード待ち）"},
	{"login_ok", "ログイン成功"},
	{"login_unknown", "未登録の ID でのログイン試行"},
	{"logout", "ログアウト"},
	{"password_change_failed", "パスワード変更の失敗"},
	{"password_changed", "パスワード変更"},
	{"password_reset", "仮パスワードの再発行"},
	{"token_created", "API トークン発行"},
	{"token_revoked", "API トークン失効"},
	{"totp_enrolled", "2 要素認証（TOTP）の登録"},
	{"totp_removed", "2 要素認証（TOTP）の解除"},
};

const char *auth_event_label(const char *event)
{
	for (size_t i = 0; event && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, event) == 0)
			return labels[i].label;
	return event ? event : "";
}

static void read_event(struct db_stmt *st, void *elem)
{
	struct auth_event *ev = elem;
	ev->id = db_column_int(st, 0);
	ev->at = col_dup(st, 1);
	ev->login = col_dup(st, 2);
	ev->addr = col_dup(st, 3);
	ev->event = col_dup(st, 4);
	ev->detail = col_dup(st, 5);
}

void auth_log_free(struct auth_event *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].login);
		free(v[i].addr);
		free(v[i].event);
		free(v[i].detail);
	}
	free(v);
}

int auth_log_load(struct db *db, int limit, struct auth_event **v, size_t *n, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT id, at, login, addr, event, detail FROM auth_event"
			   " ORDER BY id DESC LIMIT ?", &st, e))
		return e->code;
	db_bind_int(st, 1, limit > 0 ? limit : 100);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*v = xrealloc(*v, cap * sizeof **v);
		}
		memset(&(*v)[*n], 0, sizeof **v);
		read_event(st, &(*v)[(*n)++]);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		auth_log_free(*v, *n);
		*v = NULL;
		*n = 0;
		return e->code;
	}
	return 0;
}
