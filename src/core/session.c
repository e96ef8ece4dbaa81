/*
 * session.c — sessions of the web UI and API tokens (session.h).
 *
 * Both are 32 random bytes shown once and stored as their SHA-256: a fast
 * hash is enough for random secrets, and it lets every request find its
 * session by an indexed equality on the hash.
 */
#include "core/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "core/rows.h"
#include "util/buf.h"
#include "util/fold.h"
#include "util/sha256.h"

/* A refresh of last_seen_at younger than this is not written again. */
#define REFRESH_SECONDS 60
#define TOKEN_NAME_MAX 64

void session_free(struct session *s)
{
	if (!s)
		return;
	free(s->created_at);
	free(s->last_seen_at);
	memset(s, 0, sizeof *s);
}

static int well_formed(const char *token)
{
	return token && strlen(token) == SESSION_TOKEN_HEX &&
	       strspn(token, "0123456789abcdef") == SESSION_TOKEN_HEX;
}

static void new_token(char token[SESSION_TOKEN_HEX + 1], char hash[65])
{
	acct_random_hex(token);
	sha256_hex(token, SESSION_TOKEN_HEX, hash);
}

/* One statement on a session by id with one text parameter. */
static int session_update(struct db *db, const char *sql, const char *text, long long id,
			  struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	db_bind_text(st, 1, text);
	db_bind_int(st, 2, id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

/* ---- start ---- */

struct start_args {
	long long account_id;
	int stage;
	int idle_minutes;
	const char *addr;
	const char *hash;
	struct session *s;
};

static int start_fn(struct db *db, void *arg, struct err *e)
{
	struct start_args *a = arg;
	char at[32];
	struct db_stmt *st;
	acct_now(at);
	if (acct_next_id(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM session", &a->s->id, e) ||
	    db_prepare(db, "INSERT INTO session(id, account_id, token_hash, stage, csrf, idle_minutes,"
			   " created_at, last_seen_at, addr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e))
		return e->code;
	db_bind_int(st, 1, a->s->id);
	db_bind_int(st, 2, a->account_id);
	db_bind_text(st, 3, a->hash);
	db_bind_int(st, 4, a->stage);
	db_bind_text(st, 5, a->s->csrf);
	db_bind_int(st, 6, a->idle_minutes);
	db_bind_text(st, 7, at);
	db_bind_text(st, 8, at);
	db_bind_text(st, 9, a->addr);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	if (!rc) {
		a->s->created_at = xstrdup(at);
		a->s->last_seen_at = xstrdup(at);
	}
	return rc;
}

static int valid_stage(int stage)
{
	return stage >= SESSION_FULL && stage <= SESSION_ENROL_TOTP;
}

/* Fixed at the start, so a page view needs no role query. */
static int idle_limit(struct db *db, long long account_id, int *minutes, struct err *e)
{
	struct account_rules rules;
	struct account a;
	int found;
	if (account_rules_load(db, &rules, e) || account_by_id(db, account_id, &a, &found, e))
		return e->code;
	int rc = found ? account_idle_minutes(db, &a, &rules, minutes, e)
		       : err_set(e, ERR_INPUT, "アカウント %lld はありません", account_id);
	account_free(&a);
	return rc;
}

int session_start(struct db *db, long long account_id, int stage, const char *addr,
		  char token[SESSION_TOKEN_HEX + 1], struct session *out, struct err *e)
{
	struct session s;
	char hash[65];
	memset(&s, 0, sizeof s);
	token[0] = '\0';
	if (!valid_stage(stage))
		return err_set(e, ERR_INTERNAL, "セッションの段階 %d は不正です", stage);
	if (idle_limit(db, account_id, &s.idle_minutes, e))
		return e->code;
	new_token(token, hash);
	acct_random_hex(s.csrf);
	s.account_id = account_id;
	s.stage = stage;
	struct start_args a = {account_id, stage, s.idle_minutes, addr, hash, &s};
	int rc = acct_write(db, start_fn, &a, e);
	if (rc)
		sodium_memzero(token, SESSION_TOKEN_HEX + 1);
	if (!rc && out)
		*out = s;
	else
		session_free(&s);
	return rc;
}

/* ---- lookup ---- */

static int end_now(struct db *db, long long id, struct err *e)
{
	char at[32];
	acct_now(at);
	return session_update(db, "UPDATE session SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
			      at, id, e);
}

/* A session row as found, before judging it. */
struct found_row {
	long long id, account_id;
	int stage, idle_minutes;
	char *csrf, *created_at, *last_seen_at, *disabled_at, *left_on;
};

static void found_free(struct found_row *f)
{
	free(f->csrf);
	free(f->created_at);
	free(f->last_seen_at);
	free(f->disabled_at);
	free(f->left_on);
}

/* Decides on a found, open session: *live, and last_seen_at refreshed. */
static int judge(struct db *db, const struct found_row *f, int idle_minutes, struct session *out,
		 int *live, struct err *e)
{
	time_t now = acct_now(NULL), seen;
	char at[32];
	int limit = idle_minutes > 0 ? idle_minutes : f->idle_minutes;
	*live = 0;
	if (acct_inactive(f->disabled_at, f->left_on) || acct_parse_time(f->last_seen_at, &seen) != 0 ||
	    now - seen > (time_t)limit * 60)
		return end_now(db, f->id, e);
	out->id = f->id;
	out->account_id = f->account_id;
	out->stage = f->stage;
	out->idle_minutes = f->idle_minutes;
	snprintf(out->csrf, sizeof out->csrf, "%s", f->csrf ? f->csrf : "");
	out->created_at = xstrdup(f->created_at ? f->created_at : "");
	*live = 1;
	if (now - seen < REFRESH_SECONDS) {
		out->last_seen_at = xstrdup(f->last_seen_at);
		return 0;
	}
	acct_format_time(now, at);
	out->last_seen_at = xstrdup(at);
	return session_update(db, "UPDATE session SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL",
			      at, f->id, e);
}

static int find_open(struct db *db, const char *hash, struct found_row *f, int *found,
		     struct err *e)
{
	struct db_stmt *st;
	memset(f, 0, sizeof *f);
	*found = 0;
	if (db_prepare(db, "SELECT s.id, s.account_id, s.stage, s.csrf, s.created_at, s.last_seen_at,"
			   " a.disabled_at, p.left_on, s.idle_minutes FROM session s JOIN account a ON a.id = s.account_id"
			   " JOIN staff p ON p.id = a.staff_id WHERE s.token_hash = ? AND s.ended_at IS NULL",
		       &st, e))
		return e->code;
	db_bind_text(st, 1, hash);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW) {
		*found = 1;
		f->id = db_column_int(st, 0);
		f->account_id = db_column_int(st, 1);
		f->stage = (int)db_column_int(st, 2);
		f->csrf = col_dup(st, 3);
		f->created_at = col_dup(st, 4);
		f->last_seen_at = col_dup(st, 5);
		f->disabled_at = col_dup(st, 6);
		f->left_on = col_dup(st, 7);
		f->idle_minutes = (int)db_column_int(st, 8);
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

int session_lookup(struct db *db, const char *token, int idle_minutes, struct session *out,
		   int *found, struct err *e)
{
	struct found_row f;
	char hash[65];
	int open = 0;
	memset(out, 0, sizeof *out);
	*found = 0;
	if (!well_formed(token))
		return 0;
	sha256_hex(token, SESSION_TOKEN_HEX, hash);
	int rc = find_open(db, hash, &f, &open, e);
	if (!rc && open)
		rc = judge(db, &f, idle_minutes, out, found, e);
	found_free(&f);
	if (rc || !*found) {
		session_free(out);
		*found = 0;
	}
	return rc;
}

/* ---- promote, end ---- */

struct promote_args {
	long long id;
	int stage;
	const char *hash;
};

static int promote_fn(struct db *db, void *arg, struct err *e)
{
	const struct promote_args *p = arg;
	char at[32];
	long long open;
	struct db_stmt *st;
	acct_now(at);
	if (db_prepare(db, "SELECT count(*) FROM session WHERE id = ? AND ended_at IS NULL", &st, e))
		return e->code;
	db_bind_int(st, 1, p->id);
	enum db_step_result r = db_step(st, e);
	open = r == DB_ROW ? db_column_int(st, 0) : 0;
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (!open)
		return err_set(e, ERR_INPUT, "セッションは終了しています。もう一度ログインしてください");
	if (db_prepare(db, "UPDATE session SET token_hash = ?, stage = ?, last_seen_at = ? WHERE id = ?",
		       &st, e))
		return e->code;
	db_bind_text(st, 1, p->hash);
	db_bind_int(st, 2, p->stage);
	db_bind_text(st, 3, at);
	db_bind_int(st, 4, p->id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

int session_promote(struct db *db, long long session_id, int stage,
		    char token[SESSION_TOKEN_HEX + 1], struct err *e)
{
	char hash[65];
	token[0] = '\0';
	if (!valid_stage(stage))
		return err_set(e, ERR_INTERNAL, "セッションの段階 %d は不正です", stage);
	new_token(token, hash);
	struct promote_args p = {session_id, stage, hash};
	int rc = acct_write(db, promote_fn, &p, e);
	if (rc)
		sodium_memzero(token, SESSION_TOKEN_HEX + 1);
	return rc;
}

static int end_fn(struct db *db, void *arg, struct err *e)
{
	long long id = *(const long long *)arg;
	char at[32];
	struct db_stmt *st;
	acct_now(at);
	if (db_prepare(db, "SELECT a.login, s.addr FROM session s JOIN account a ON a.id = s.account_id"
			   " WHERE s.id = ? AND s.ended_at IS NULL", &st, e))
		return e->code;
	db_bind_int(st, 1, id);
	enum db_step_result r = db_step(st, e);
	char *login = r == DB_ROW ? col_dup(st, 0) : NULL;
	char *addr = r == DB_ROW ? col_dup(st, 1) : NULL;
	db_finalize(st);
	int rc = r == DB_ERROR ? e->code : 0;
	if (!rc && r == DB_ROW)
		rc = session_update(db, "UPDATE session SET ended_at = ? WHERE id = ?", at, id, e);
	if (!rc && r == DB_ROW)
		rc = acct_log(db, at, login, addr, "logout", NULL, e);
	free(login);
	free(addr);
	return rc;
}

/* Ending an ended or unknown session does nothing: sign-out is idempotent. */
int session_end(struct db *db, long long session_id, struct err *e)
{
	return acct_write(db, end_fn, &session_id, e);
}

/* ---- API tokens ---- */

static int check_name(const char *name, struct err *e)
{
	size_t chars = 0;
	if (!name || !*name)
		return err_set(e, ERR_INPUT, "API トークンの名前（--name）を指定してください");
	if (!utf8_valid(name, -1))
		return err_set(e, ERR_INPUT, "API トークンの名前に使えない文字が含まれています");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return err_set(e, ERR_INPUT, "API トークンの名前に制御文字は使えません");
		chars += (*p & 0xC0) != 0x80;
	}
	if (chars > TOKEN_NAME_MAX)
		return err_set(e, ERR_INPUT, "API トークンの名前は %d 文字以内にしてください", TOKEN_NAME_MAX);
	return 0;
}

/* The id of the account's live token called `name`, or 0. */
static int live_token(struct db *db, long long account_id, const char *name, long long *id,
		      struct err *e)
{
	struct db_stmt *st;
	*id = 0;
	if (db_prepare(db, "SELECT id FROM api_token WHERE account_id = ? AND name = ? AND revoked_at IS NULL",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, account_id);
	db_bind_text(st, 2, name);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*id = db_column_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

struct token_args {
	long long account_id;
	const char *name;
	const char *hash;
};

static int create_fn(struct db *db, void *arg, struct err *e)
{
	const struct token_args *t = arg;
	struct acct_row r;
	char at[32];
	long long existing, id;
	struct db_stmt *st;
	int found;
	acct_now(at);
	if (acct_row_load(db, NULL, t->account_id, &r, &found, e))
		return e->code;
	int rc = !found ? err_set(e, ERR_INPUT, "アカウント %lld はありません", t->account_id)
	       : acct_row_inactive(&r) ? err_set(e, ERR_INPUT, "アカウント %s は無効です", r.a.login)
				       : live_token(db, t->account_id, t->name, &existing, e);
	if (!rc && existing)
		rc = err_set(e, ERR_INPUT, "API トークン「%s」は既にあります（先に失効させてください）", t->name);
	if (!rc)
		rc = acct_next_id(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM api_token", &id, e);
	if (!rc && !(rc = db_prepare(db, "INSERT INTO api_token(id, account_id, name, token_hash, created_at)"
					 " VALUES (?, ?, ?, ?, ?)", &st, e))) {
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, t->account_id);
		db_bind_text(st, 3, t->name);
		db_bind_text(st, 4, t->hash);
		db_bind_text(st, 5, at);
		rc = db_step(st, e) == DB_ERROR ? e->code : 0;
		db_finalize(st);
	}
	if (!rc)
		rc = acct_log(db, at, r.a.login, NULL, "token_created", t->name, e);
	acct_row_free(&r);
	return rc;
}

int api_token_create(struct db *db, long long account_id, const char *name,
		     char token[SESSION_TOKEN_HEX + 1], struct err *e)
{
	char hash[65];
	token[0] = '\0';
	if (check_name(name, e))
		return e->code;
	new_token(token, hash);
	struct token_args t = {account_id, name, hash};
	int rc = acct_write(db, create_fn, &t, e);
	if (rc)
		sodium_memzero(token, SESSION_TOKEN_HEX + 1);
	return rc;
}

int api_token_lookup(struct db *db, const char *token, long long *account_id, int *found,
		     struct err *e)
{
	struct db_stmt *st;
	char hash[65];
	*account_id = 0;
	*found = 0;
	if (!well_formed(token))
		return 0;
	sha256_hex(token, SESSION_TOKEN_HEX, hash);
	if (db_prepare(db, "SELECT t.account_id, a.disabled_at, p.left_on FROM api_token t"
			   " JOIN account a ON a.id = t.account_id JOIN staff p ON p.id = a.staff_id"
			   " WHERE t.token_hash = ? AND t.revoked_at IS NULL", &st, e))
		return e->code;
	db_bind_text(st, 1, hash);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW && !acct_inactive(db_column_text(st, 1), db_column_text(st, 2))) {
		*account_id = db_column_int(st, 0);
		*found = 1;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int revoke_fn(struct db *db, void *arg, struct err *e)
{
	const struct token_args *t = arg;
	char at[32];
	long long id;
	struct account a;
	int found;
	acct_now(at);
	if (live_token(db, t->account_id, t->name, &id, e))
		return e->code;
	if (!id)
		return err_set(e, ERR_INPUT, "有効な API トークン「%s」はありません", t->name);
	if (session_update(db, "UPDATE api_token SET revoked_at = ? WHERE id = ?", at, id, e) ||
	    account_by_id(db, t->account_id, &a, &found, e))
		return e->code;
	int rc = acct_log(db, at, a.login, NULL, "token_revoked", t->name, e);
	account_free(&a);
	return rc;
}

int api_token_revoke(struct db *db, long long account_id, const char *name, struct err *e)
{
	if (check_name(name, e))
		return e->code;
	struct token_args t = {account_id, name, NULL};
	return acct_write(db, revoke_fn, &t, e);
}

void api_token_list_free(struct api_token_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].created_at);
		free(v[i].revoked_at);
	}
	free(v);
}

int api_token_list(struct db *db, long long account_id, struct api_token_info **v, size_t *n,
		   struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT id, name, created_at, revoked_at FROM api_token WHERE account_id = ?"
			   " ORDER BY id", &st, e))
		return e->code;
	db_bind_int(st, 1, account_id);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*v = xrealloc(*v, cap * sizeof **v);
		}
		struct api_token_info *t = &(*v)[(*n)++];
		t->id = db_column_int(st, 0);
		t->name = col_dup(st, 1);
		t->created_at = col_dup(st, 2);
		t->revoked_at = col_dup(st, 3);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		api_token_list_free(*v, *n);
		*v = NULL;
		*n = 0;
		return e->code;
	}
	return 0;
}
