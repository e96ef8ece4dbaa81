/*
 * account_login.c — signing in (account.h: account_login and
 * account_login_code): password, second factor, failure counting and
 * lockout (guideline 6.2(4)), the sign-in log and the 前回ログイン record.
 *
 * The password is checked before any transaction (Argon2id is slow on
 * purpose); the outcome is then settled in one transaction that reads the
 * account again, so two attempts at once count two failures and a TOTP step
 * or recovery code is used once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "util/buf.h"
#include "util/fold.h"

/* ---- failures and lockout ---- */

static int locked_now(const struct acct_row *r, time_t now)
{
	time_t until;
	return r->a.locked_until && acct_parse_time(r->a.locked_until, &until) == 0 && now < until;
}

/* A new count starts after the window, or once a lock has run out. */
static int fresh_count(const struct acct_row *r, const struct account_rules *rules, time_t now)
{
	time_t first;
	if (r->a.locked_until)
		return 1;
	return !r->first_failure_at || acct_parse_time(r->first_failure_at, &first) != 0 ||
	       now - first > (time_t)rules->failure_window_min * 60;
}

static int store_failures(struct db *db, long long id, int failures, const char *first,
			  const char *locked_until, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, "UPDATE account SET failures = ?, first_failure_at = ?, locked_until = ?"
			   " WHERE id = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, failures);
	db_bind_text(st, 2, first);
	db_bind_text(st, 3, locked_until);
	db_bind_int(st, 4, id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

/* Counts one failure of r (read inside this transaction); *locked when it locked the account. */
static int record_failure(struct db *db, const struct acct_row *r, const struct account_rules *rules,
			  time_t now, const char *at, const char *addr, const char *event,
			  int *locked, char until[32], struct err *e)
{
	int fresh = fresh_count(r, rules, now);
	int failures = fresh ? 1 : r->failures + 1;
	char detail[64];
	*locked = failures >= rules->max_failures;
	snprintf(detail, sizeof detail, "%d 回目の失敗", failures);
	if (acct_log(db, at, r->a.login, addr, event, detail, e))
		return e->code;
	if (!*locked)
		return store_failures(db, r->a.id, failures, fresh ? at : r->first_failure_at, NULL, e);
	acct_format_time(now + (time_t)rules->lock_minutes * 60, until);
	snprintf(detail, sizeof detail, "%d 回の失敗で %d 分間ロック", failures, rules->lock_minutes);
	if (store_failures(db, r->a.id, 0, NULL, until, e))
		return e->code;
	return acct_log(db, at, r->a.login, addr, "lockout", detail, e);
}

/* ---- settling an attempt ---- */

struct settle {
	/* in */
	long long id;
	const struct account_rules *rules;
	const char *addr;
	const char *event;    /* failure event, when the password was wrong; else NULL */
	const char *code;     /* second factor to check, or NULL */
	const char *new_hash; /* a stronger hash of the right password, or NULL */
	/* out */
	enum login_result result;
	struct account a;
};

static int record_success(struct db *db, const struct acct_row *r, struct settle *s,
			  const char *at, const char *how, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, "UPDATE account SET failures = 0, first_failure_at = NULL, locked_until = NULL,"
			   " last_login_at = ?, last_login_addr = ?, pw_hash = COALESCE(?, pw_hash)"
			   " WHERE id = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, at);
	db_bind_text(st, 2, s->addr);
	db_bind_text(st, 3, s->new_hash);
	db_bind_int(st, 4, r->a.id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	if (!rc)
		rc = acct_log(db, at, r->a.login, s->addr, "login_ok", how, e);
	s->result = r->a.must_change ? LOGIN_MUST_CHANGE : LOGIN_OK;
	return rc;
}

static const char *how_label(const char *what)
{
	if (!what)
		return "パスワード";
	return strcmp(what, "totp") == 0 ? "パスワード＋TOTP" : "パスワード＋回復コード";
}

static int settle_row(struct db *db, struct acct_row *r, struct settle *s, struct err *e)
{
	char at[32], until[32];
	time_t now = acct_now(at);
	int ok = s->event == NULL, locked = 0;
	const char *what = NULL, *event = s->event ? s->event : "login_bad_code";
	if (locked_now(r, now)) { /* locked meanwhile by a concurrent attempt */
		s->result = LOGIN_LOCKED;
		return acct_log(db, at, r->a.login, s->addr, "login_locked", NULL, e);
	}
	if (ok && s->code && acct_check_code(db, r, s->code, now, at, &ok, &what, e))
		return e->code;
	if (ok)
		return record_success(db, r, s, at, how_label(what), e);
	if (record_failure(db, r, s->rules, now, at, s->addr, event, &locked, until, e))
		return e->code;
	s->result = locked ? LOGIN_LOCKED : LOGIN_BAD;
	if (locked) {
		free(r->a.locked_until);
		r->a.locked_until = xstrdup(until);
	}
	return 0;
}

static int settle_fn(struct db *db, void *arg, struct err *e)
{
	struct settle *s = arg;
	struct acct_row r;
	int found;
	if (acct_row_load(db, NULL, s->id, &r, &found, e))
		return e->code;
	int rc = found ? settle_row(db, &r, s, e) : 0;
	if (!found)
		s->result = LOGIN_BAD;
	/* The row read before this sign-in: its last_login_* are the previous ones. */
	if (!rc && s->result != LOGIN_BAD)
		acct_row_take_account(&r, &s->a);
	acct_row_free(&r);
	return rc;
}

static enum login_result settle(struct db *db, struct settle *s, struct account *a, struct err *e)
{
	s->result = LOGIN_BAD;
	memset(&s->a, 0, sizeof s->a);
	if (acct_write(db, settle_fn, s, e)) {
		account_free(&s->a);
		return LOGIN_BAD;
	}
	*a = s->a;
	return s->result;
}

/* ---- the steps of a sign-in ---- */

static enum login_result refuse(struct db *db, struct acct_row *r, enum login_result result,
				const char *event, const char *addr, struct account *a,
				struct err *e)
{
	acct_log_now(db, r->a.login, addr, event, NULL, e);
	if (result == LOGIN_LOCKED || result == LOGIN_NEED_TOTP)
		acct_row_take_account(r, a);
	return result;
}

/*
 * After the password was accepted.  Whoever has a TOTP key gives a code,
 * whether or not a role demands it now; one who needs a key but has none
 * signs in and is sent to enrol by the caller (account.h).
 */
static enum login_result second_step(struct db *db, struct acct_row *r, const char *code,
				     const char *new_hash, const char *addr,
				     const struct account_rules *rules, struct account *a,
				     struct err *e)
{
	if (acct_row_inactive(r))
		return refuse(db, r, LOGIN_DISABLED, "login_disabled", addr, a, e);
	int ask = r->a.totp_enrolled;
	if (ask && (!code || !*code))
		return refuse(db, r, LOGIN_NEED_TOTP, "login_need_code", addr, a, e);
	struct settle s = {r->a.id, rules, addr, NULL, ask ? code : NULL, new_hash,
			   LOGIN_BAD, {0}};
	return settle(db, &s, a, e);
}

/* A hash made with weaker limits than today's is replaced while the password is at hand. */
static char *stronger_hash(const struct acct_row *r, const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	struct err ignored = {0};
	if (crypto_pwhash_str_needs_rehash(r->pw_hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
					   crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ||
	    acct_hash_password(password, hash, &ignored))
		return NULL;
	char *out = xstrdup(hash);
	sodium_memzero(hash, sizeof hash);
	return out;
}

static enum login_result with_row(struct db *db, struct acct_row *r, const char *password,
				  const char *code, const char *addr,
				  const struct account_rules *rules, struct account *a,
				  struct err *e)
{
	if (locked_now(r, acct_now(NULL)))
		return refuse(db, r, LOGIN_LOCKED, "login_locked", addr, a, e);
	if (!acct_verify_password(r->pw_hash, password)) {
		struct settle s = {r->a.id, rules, addr, "login_bad_password", NULL, NULL, LOGIN_BAD, {0}};
		return settle(db, &s, a, e);
	}
	char *new_hash = stronger_hash(r, password);
	enum login_result res = second_step(db, r, code, new_hash, addr, rules, a, e);
	acct_free_secret(new_hash);
	return res;
}

enum login_result account_login(struct db *db, const char *login, const char *password,
				const char *code, const char *addr, struct account *a,
				struct err *e)
{
	struct account_rules rules;
	struct acct_row r;
	int found = 0;
	err_clear(e);
	memset(a, 0, sizeof *a);
	if (!login)
		login = "";
	/* No password is longer (account_password.c allows 256 characters): an
	 * over-long one is simply wrong, and costs no more to check. */
	if (!password || strlen(password) > ACCT_PASSWORD_MAX_BYTES)
		password = "";
	memset(&r, 0, sizeof r);
	/* Not UTF-8: no account has that login, and PostgreSQL would refuse the query. */
	if (account_rules_load(db, &rules, e) ||
	    (utf8_valid(login, -1) && acct_row_load(db, login, 0, &r, &found, e)))
		return LOGIN_BAD;
	enum login_result res = LOGIN_BAD;
	if (found) {
		res = with_row(db, &r, password, code, addr, &rules, a, e);
	} else {
		acct_verify_password(NULL, password); /* as long as a real check */
		acct_log_now(db, login, addr, "login_unknown", NULL, e);
	}
	acct_row_free(&r);
	return res;
}

enum login_result account_login_code(struct db *db, long long account_id, const char *code,
				     const char *addr, struct account *a, struct err *e)
{
	struct account_rules rules;
	struct acct_row r;
	int found = 0;
	err_clear(e);
	memset(a, 0, sizeof *a);
	if (account_rules_load(db, &rules, e) || acct_row_load(db, NULL, account_id, &r, &found, e))
		return LOGIN_BAD;
	enum login_result res = LOGIN_BAD;
	if (!found)
		res = LOGIN_BAD;
	else if (locked_now(&r, acct_now(NULL)))
		res = refuse(db, &r, LOGIN_LOCKED, "login_locked", addr, a, e);
	else if (acct_row_inactive(&r))
		res = refuse(db, &r, LOGIN_DISABLED, "login_disabled", addr, a, e);
	else if (r.a.totp_enrolled) {
		/* An empty code is a wrong code here: the password step is over. */
		struct settle s = {r.a.id, &rules, addr, NULL, code ? code : "", NULL, LOGIN_BAD, {0}};
		res = settle(db, &s, a, e);
	}
	acct_row_free(&r);
	return res;
}
