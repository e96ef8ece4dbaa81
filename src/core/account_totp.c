/*
 * account_totp.c — the second factor of an account: enrolling a TOTP key,
 * recovery codes, and checking a code at sign-in (account.h).
 *
 * The key is kept in clear (the server must compute the codes), the last
 * accepted step beside it so that a code works once, and recovery codes
 * only as salted SHA-256: they are random (about 50 bits), so a slow hash
 * would add nothing but time.
 */
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "core/totp.h"
#include "util/buf.h"
#include "util/fold.h"
#include "util/sha256.h"

#define RECOVERY_CODES 10
#define RECOVERY_LEN 10
/* Lower case (fold_key lowers what is typed), without 0/o, 1/l/i. */
#define RECOVERY_ALPHABET "abcdefghjkmnpqrstuvwxyz23456789"
#define SALT_BYTES 16

/* What was typed, as a code: NFKC (full-width digits), no spaces or hyphens. */
static char *normalise_code(const char *code)
{
	char *f = code ? fold_key(code) : NULL;
	if (!f)
		return xstrdup("");
	char *w = f;
	for (const char *p = f; *p; p++)
		if (*p != '-')
			*w++ = *p;
	*w = '\0';
	return f;
}

/* "<salt hex>:<sha256 hex of salt bytes and code>" */
static void recovery_hash(const unsigned char salt[SALT_BYTES], const char *code,
			  char out[2 * SALT_BYTES + 1 + 65])
{
	struct sha256 *h = sha256_new();
	char hex[65];
	sha256_begin(h);
	sha256_update(h, salt, SALT_BYTES);
	sha256_update(h, code, strlen(code));
	sha256_end_hex(h, hex);
	sha256_free(h);
	sodium_bin2hex(out, 2 * SALT_BYTES + 1, salt, SALT_BYTES);
	out[2 * SALT_BYTES] = ':';
	memcpy(out + 2 * SALT_BYTES + 1, hex, 65);
}

static int recovery_matches(const char *stored, const char *code)
{
	unsigned char salt[SALT_BYTES];
	char want[2 * SALT_BYTES + 1 + 65];
	size_t len;
	if (!stored || strlen(stored) != sizeof want - 1 ||
	    sodium_hex2bin(salt, sizeof salt, stored, 2 * SALT_BYTES, NULL, &len, NULL) != 0 ||
	    len != SALT_BYTES)
		return 0;
	recovery_hash(salt, code, want);
	return sodium_memcmp(want, stored, sizeof want - 1) == 0;
}

/* ---- checking a code at sign-in ---- */

static int use_totp_step(struct db *db, long long id, long long step, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, "UPDATE account SET totp_last_step = ? WHERE id = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, step);
	db_bind_int(st, 2, id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

/* The id of the unused recovery code matching `code`, or 0. */
static int find_recovery(struct db *db, long long account_id, const char *code, long long *id,
			 struct err *e)
{
	struct db_stmt *st;
	*id = 0;
	if (db_prepare(db, "SELECT id, code_hash FROM account_recovery_code"
			   " WHERE account_id = ? AND used_at IS NULL ORDER BY id", &st, e))
		return e->code;
	db_bind_int(st, 1, account_id);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW)
		if (!*id && recovery_matches(db_column_text(st, 1), code))
			*id = db_column_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int use_recovery(struct db *db, long long id, const char *at, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, "UPDATE account_recovery_code SET used_at = ? WHERE id = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, at);
	db_bind_int(st, 2, id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

int acct_check_code(struct db *db, const struct acct_row *r, const char *code, time_t now,
		    const char *at, int *ok, const char **what, struct err *e)
{
	char *c = normalise_code(code);
	long long step, rid;
	int rc = 0;
	*ok = 0;
	*what = NULL;
	if (strlen(c) == TOTP_DIGITS) {
		*ok = r->totp_secret && totp_check(r->totp_secret, c, now, r->totp_last_step, &step);
		if (*ok) {
			*what = "totp";
			rc = use_totp_step(db, r->a.id, step, e);
		}
	} else if (strlen(c) == RECOVERY_LEN) {
		rc = find_recovery(db, r->a.id, c, &rid, e);
		*ok = !rc && rid != 0;
		if (*ok) {
			*what = "recovery";
			rc = use_recovery(db, rid, at, e);
		}
	}
	acct_free_secret(c);
	return rc;
}

/* ---- enrolment ---- */

static int load_active(struct db *db, long long account_id, struct acct_row *r, struct err *e)
{
	int found;
	if (acct_row_load(db, NULL, account_id, r, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "アカウント %lld はありません", account_id);
	if (acct_row_inactive(r))
		return err_set(e, ERR_INPUT, "アカウント %s は無効です", r->a.login);
	return 0;
}

struct pending_args {
	long long id;
	const char *secret;
};

static int pending_fn(struct db *db, void *arg, struct err *e)
{
	const struct pending_args *p = arg;
	struct db_stmt *st;
	if (db_prepare(db, "UPDATE account SET totp_pending = ? WHERE id = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, p->secret);
	db_bind_int(st, 2, p->id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

/* The new key waits in totp_pending: a working key is replaced only when
 * the new one is confirmed, so an abandoned enrolment locks nobody out. */
int account_totp_begin(struct db *db, long long account_id, char **secret_b32, char **uri,
		       struct err *e)
{
	struct acct_row r;
	char *secret = NULL;
	*secret_b32 = *uri = NULL;
	int rc = load_active(db, account_id, &r, e);
	if (!rc)
		rc = totp_new_secret(&secret, e);
	struct pending_args p = {account_id, secret};
	if (!rc)
		rc = acct_write(db, pending_fn, &p, e);
	if (!rc) {
		*uri = totp_uri(r.a.login, secret);
		*secret_b32 = secret;
	} else {
		acct_free_secret(secret);
	}
	acct_row_free(&r);
	return rc;
}

struct confirm_args {
	const struct acct_row *r;
	long long step;
	char **codes;
};

static int insert_codes(struct db *db, long long account_id, char **codes, struct err *e)
{
	long long id;
	struct db_stmt *st;
	if (acct_next_id(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM account_recovery_code", &id, e) ||
	    db_prepare(db, "INSERT INTO account_recovery_code(id, account_id, code_hash) VALUES (?, ?, ?)",
		       &st, e))
		return e->code;
	int rc = 0;
	for (int i = 0; !rc && i < RECOVERY_CODES; i++) {
		unsigned char salt[SALT_BYTES];
		char hash[2 * SALT_BYTES + 1 + 65];
		randombytes_buf(salt, sizeof salt);
		recovery_hash(salt, codes[i], hash);
		db_reset(st);
		db_bind_int(st, 1, id + i);
		db_bind_int(st, 2, account_id);
		db_bind_text(st, 3, hash);
		rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	}
	db_finalize(st);
	return rc;
}

static int run_by_id(struct db *db, const char *sql, long long id, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	db_bind_int(st, 1, id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

static int confirm_fn(struct db *db, void *arg, struct err *e)
{
	const struct confirm_args *c = arg;
	char at[32];
	struct db_stmt *st;
	acct_now(at);
	if (db_prepare(db, "UPDATE account SET totp_secret = totp_pending, totp_pending = NULL,"
			   " totp_enrolled = 1, totp_last_step = ? WHERE id = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, c->step);
	db_bind_int(st, 2, c->r->a.id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	if (!rc)
		rc = run_by_id(db, "DELETE FROM account_recovery_code WHERE account_id = ?", c->r->a.id, e);
	if (!rc)
		rc = insert_codes(db, c->r->a.id, c->codes, e);
	return rc ? rc : acct_log(db, at, c->r->a.login, NULL, "totp_enrolled", NULL, e);
}

void account_recovery_free(char **recovery, size_t n)
{
	for (size_t i = 0; recovery && i < n; i++)
		acct_free_secret(recovery[i]);
	free(recovery);
}

static char **new_codes(void)
{
	char **codes = xcalloc(RECOVERY_CODES, sizeof *codes);
	for (int i = 0; i < RECOVERY_CODES; i++) {
		codes[i] = xmalloc(RECOVERY_LEN + 1);
		acct_random_chars(RECOVERY_ALPHABET, RECOVERY_LEN, codes[i]);
	}
	return codes;
}

static int confirm(struct db *db, const struct acct_row *r, const char *code, char ***recovery,
		   size_t *nrecovery, struct err *e)
{
	char *c = normalise_code(code);
	long long step;
	int right = r->totp_pending && totp_check(r->totp_pending, c, acct_now(NULL), 0, &step);
	acct_free_secret(c);
	if (!r->totp_pending)
		return err_set(e, ERR_INPUT, "TOTP の設定が開始されていません");
	if (!right)
		return err_set(e, ERR_INPUT,
			       "確認コードが正しくありません（認証アプリの時刻設定も確認してください）");
	struct confirm_args args = {r, step, new_codes()};
	if (acct_write(db, confirm_fn, &args, e)) {
		account_recovery_free(args.codes, RECOVERY_CODES);
		return e->code;
	}
	*recovery = args.codes;
	*nrecovery = RECOVERY_CODES;
	return 0;
}

int account_totp_confirm(struct db *db, long long account_id, const char *code,
			 char ***recovery, size_t *nrecovery, struct err *e)
{
	struct acct_row r;
	*recovery = NULL;
	*nrecovery = 0;
	int rc = load_active(db, account_id, &r, e);
	if (!rc)
		rc = confirm(db, &r, code, recovery, nrecovery, e);
	acct_row_free(&r);
	return rc;
}

int account_recovery_left(struct db *db, long long account_id, int *left, struct err *e)
{
	struct db_stmt *st;
	*left = 0;
	if (db_prepare(db, "SELECT count(*) FROM account_recovery_code WHERE account_id = ? AND used_at IS NULL",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, account_id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*left = (int)db_column_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int remove_fn(struct db *db, void *arg, struct err *e)
{
	const struct account *a = arg;
	char at[32];
	acct_now(at);
	if (run_by_id(db, "UPDATE account SET totp_secret = NULL, totp_pending = NULL, totp_enrolled = 0,"
			  " totp_last_step = NULL WHERE id = ?", a->id, e) ||
	    run_by_id(db, "DELETE FROM account_recovery_code WHERE account_id = ?", a->id, e) ||
	    acct_end_sessions(db, a->id, at, e))
		return e->code;
	return acct_log(db, at, a->login, NULL, "totp_removed", NULL, e);
}

int account_totp_remove(struct db *db, const char *login, struct err *e)
{
	struct account a;
	int found;
	if (account_find(db, login, &a, &found, e))
		return e->code;
	int rc = !found ? err_set(e, ERR_INPUT, "職員番号「%s」のアカウントはありません", login ? login : "")
			: acct_write(db, remove_fn, &a, e);
	account_free(&a);
	return rc;
}
