/*
 * account_password.c — the password rules (guideline 5.4(3): length, not
 * guessable, not reused) and account_set_password.
 *
 * Comparisons are made on fold_key() forms (NFKC, case folded, kana
 * unified, spaces dropped), so "ＰａｓｓＷｏｒｄ" is as common as "password"
 * and "山田 太郎" is found in "山田太郎2026".
 */
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "util/buf.h"
#include "util/fold.h"

/* Name parts shorter than this (林, 森) would forbid too much. */
#define MIN_NAME_PART 2

static size_t count_chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* Whether the folded password contains the folded form of `part`. */
static int contains_folded(const char *folded, const char *part)
{
	char *f = fold_key(part);
	int hit = f && count_chars(f) >= MIN_NAME_PART && strstr(folded, f) != NULL;
	free(f);
	return hit;
}

/* The whole name and each part of it (split at ASCII or ideographic spaces). */
static int contains_name(const char *folded, const char *name)
{
	if (!name || !*name)
		return 0;
	if (contains_folded(folded, name))
		return 1;
	char *copy = xstrdup(name);
	int hit = 0;
	for (char *p = copy; *p && !hit;) {
		size_t len = 0;
		while (p[len] && p[len] != ' ' && strncmp(p + len, "\u3000", 3) != 0)
			len++;
		char saved = p[len];
		p[len] = '\0';
		hit = len > 0 && contains_folded(folded, p);
		p[len] = saved;
		p += len;
		if (*p == ' ')
			p++;
		else if (*p)
			p += 3; /* U+3000 */
	}
	free(copy);
	return hit;
}

static int check_folded(const struct acct_row *r, const char *folded, struct err *e)
{
	char *login = r->a.login ? fold_key(r->a.login) : NULL;
	int rc = 0;
	if (login && *login && strstr(folded, login))
		rc = err_set(e, ERR_INPUT, "パスワードに ID（職員番号）を含めることはできません");
	else if (contains_name(folded, r->name) || contains_name(folded, r->kana))
		rc = err_set(e, ERR_INPUT, "パスワードに氏名を含めることはできません");
	else if (acct_password_is_common(folded))
		rc = err_set(e, ERR_INPUT,
			     "よく使われるパスワードや推測しやすい並び（password、qwerty、12345…）は使えません");
	free(login);
	return rc;
}

int acct_password_check(const struct account_rules *rules, const struct acct_row *r,
			const char *password, struct err *e)
{
	if (!password || !*password)
		return err_set(e, ERR_INPUT, "新しいパスワードを入力してください");
	if (!utf8_valid(password, -1))
		return err_set(e, ERR_INPUT, "パスワードに使えない文字が含まれています");
	size_t n = count_chars(password);
	if (n < (size_t)rules->min_length)
		return err_set(e, ERR_INPUT, "パスワードは %d 文字以上にしてください（入力は %zu 文字）",
			       rules->min_length, n);
	if (n > ACCT_PASSWORD_MAX_CHARS)
		return err_set(e, ERR_INPUT, "パスワードは %d 文字以内にしてください", ACCT_PASSWORD_MAX_CHARS);
	char *folded = fold_key(password);
	int rc = check_folded(r, folded ? folded : "", e);
	acct_free_secret(folded);
	return rc;
}

/* ---- history ---- */

/* Whether password matches the current hash or one of the last `history`. */
static int reused(struct db *db, const struct acct_row *r, int history, const char *password,
		  int *hit, struct err *e)
{
	struct db_stmt *st;
	int current_seen = 0;
	*hit = 0;
	if (db_prepare(db, "SELECT pw_hash FROM account_password_history WHERE account_id = ?"
			   " ORDER BY id DESC LIMIT ?", &st, e))
		return e->code;
	db_bind_int(st, 1, r->a.id);
	db_bind_int(st, 2, history);
	enum db_step_result res = DB_DONE;
	while (!*hit && (res = db_step(st, e)) == DB_ROW) {
		const char *h = db_column_text(st, 0);
		current_seen |= h && r->pw_hash && strcmp(h, r->pw_hash) == 0;
		*hit = acct_verify_password(h, password);
	}
	db_finalize(st);
	if (!*hit && res == DB_ERROR)
		return e->code;
	/* A temporary password is not in the history but must not be kept either. */
	if (!*hit && !current_seen)
		*hit = acct_verify_password(r->pw_hash, password);
	return 0;
}

struct store_args {
	long long id;
	const char *login;
	const char *hash;
	int history;
};

static int store_fn(struct db *db, void *arg, struct err *e)
{
	const struct store_args *s = arg;
	char at[32];
	long long hid;
	struct db_stmt *st;
	acct_now(at);
	if (db_prepare(db, "UPDATE account SET pw_hash = ?, must_change = 0 WHERE id = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, s->hash);
	db_bind_int(st, 2, s->id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	if (!rc)
		rc = acct_next_id(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM account_password_history", &hid, e);
	if (!rc && !(rc = db_prepare(db, "INSERT INTO account_password_history(id, account_id, pw_hash,"
					 " set_at) VALUES (?, ?, ?, ?)", &st, e))) {
		db_bind_int(st, 1, hid);
		db_bind_int(st, 2, s->id);
		db_bind_text(st, 3, s->hash);
		db_bind_text(st, 4, at);
		rc = db_step(st, e) == DB_ERROR ? e->code : 0;
		db_finalize(st);
	}
	/* Older hashes serve no rule and are one more thing a thief could crack. */
	if (!rc && !(rc = db_prepare(db, "DELETE FROM account_password_history WHERE account_id = ? AND id NOT IN"
					 " (SELECT id FROM account_password_history WHERE account_id = ?"
					 " ORDER BY id DESC LIMIT ?)", &st, e))) {
		db_bind_int(st, 1, s->id);
		db_bind_int(st, 2, s->id);
		db_bind_int(st, 3, s->history);
		rc = db_step(st, e) == DB_ERROR ? e->code : 0;
		db_finalize(st);
	}
	return rc ? rc : acct_log(db, at, s->login, NULL, "password_changed", NULL, e);
}

static int check_and_store(struct db *db, const struct acct_row *r, const char *old_password,
			   const char *new_password, struct err *e)
{
	struct account_rules rules;
	char hash[crypto_pwhash_STRBYTES];
	int hit;
	if (account_rules_load(db, &rules, e) || acct_password_check(&rules, r, new_password, e))
		return e->code;
	if (!old_password || !acct_verify_password(r->pw_hash, old_password)) {
		err_set(e, ERR_INPUT, "現在のパスワードが正しくありません");
		struct err ignored = {0};
		acct_log_now(db, r->a.login, NULL, "password_change_failed", "現在のパスワードの誤り",
			     &ignored);
		return e->code;
	}
	if (reused(db, r, rules.history, new_password, &hit, e))
		return e->code;
	if (hit)
		return err_set(e, ERR_INPUT, "現在のパスワードや直近 %d 回に使ったパスワードは使えません",
			       rules.history);
	if (acct_hash_password(new_password, hash, e))
		return e->code;
	struct store_args s = {r->a.id, r->a.login, hash, rules.history};
	int rc = acct_write(db, store_fn, &s, e);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

int account_set_password(struct db *db, long long account_id, const char *old_password,
			 const char *new_password, struct err *e)
{
	struct acct_row r;
	int found;
	if (acct_row_load(db, NULL, account_id, &r, &found, e))
		return e->code;
	int rc = found ? check_and_store(db, &r, old_password, new_password, e)
		       : err_set(e, ERR_INPUT, "アカウント %lld はありません", account_id);
	acct_row_free(&r);
	return rc;
}
