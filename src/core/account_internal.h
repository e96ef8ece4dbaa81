/*
 * account_internal.h — what account*.c, totp.c and session.c share and
 * nobody else needs: the clock, the sign-in log, ids, random tokens, the
 * account row with its secrets, and password hashing.
 */
#ifndef MAMORI_ACCOUNT_INTERNAL_H
#define MAMORI_ACCOUNT_INTERNAL_H

#include <sodium.h>
#include <time.h>

#include "core/account.h"

/* ---- time: time_now_rfc3339's clock (MAMORI_NOW pins it) in seconds ---- */

/* Now, as seconds and (when at is not NULL) as RFC 3339 UTC. */
time_t acct_now(char at[32]);
void acct_format_time(time_t t, char out[32]);
/* 0 and *t for "YYYY-MM-DDTHH:MM:SSZ"; -1 otherwise. */
int acct_parse_time(const char *s, time_t *t);

/* ---- writes ---- */

/* Runs fn inside db_begin/db_commit (rolled back on error). */
int acct_write(struct db *db, int (*fn)(struct db *db, void *arg, struct err *e), void *arg,
	       struct err *e);
/* MAX(id)+1 of a table, by a constant query such as
 * "SELECT COALESCE(MAX(id), 0) + 1 FROM session"; inside a transaction. */
int acct_next_id(struct db *db, const char *max_sql, long long *id, struct err *e);
/* One row of the sign-in log; inside a transaction.  login, addr, detail may be NULL. */
int acct_log(struct db *db, const char *at, const char *login, const char *addr,
	     const char *event, const char *detail, struct err *e);
/* acct_log in its own transaction, for events with nothing else to write. */
int acct_log_now(struct db *db, const char *login, const char *addr, const char *event,
		 const char *detail, struct err *e);

/* ---- secrets ---- */

/* 32 random bytes as 64 lowercase hex digits. */
void acct_random_hex(char out[65]);
/* n characters drawn uniformly from `alphabet`, NUL-terminated into out[n+1]. */
void acct_random_chars(const char *alphabet, size_t n, char *out);
/* Letters and digits that cannot be mistaken for each other (no 0/O, 1/l/I). */
#define ACCT_UNAMBIGUOUS "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

/* The longest password accepted: 256 characters of up to 4 bytes. */
#define ACCT_PASSWORD_MAX_CHARS 256
#define ACCT_PASSWORD_MAX_BYTES (4 * ACCT_PASSWORD_MAX_CHARS)

/* Argon2id (libsodium, interactive limits) into out. */
int acct_hash_password(const char *password, char out[crypto_pwhash_STRBYTES], struct err *e);
/* Whether password matches the stored hash; a NULL hash verifies against a
 * dummy so that an unknown login takes as long as a known one. */
int acct_verify_password(const char *hash, const char *password);
/* A temporary password (16 unambiguous characters); caller frees with acct_free_secret. */
char *acct_temp_password(void);
/* Wipes and frees a secret string. */
void acct_free_secret(char *s);

/* ---- the stored account ---- */

/* The account with what only this module may see. */
struct acct_row {
	struct account a;
	char *pw_hash;
	int failures;
	char *first_failure_at;
	char *totp_secret;
	char *totp_pending;
	long long totp_last_step; /* the last accepted TOTP step, 0 = none */
	char *name, *kana;        /* the staff member's */
	char *left_on;            /* the staff member's last day, or NULL */
};
void acct_row_free(struct acct_row *r);
/* By login (login != NULL) or id. */
int acct_row_load(struct db *db, const char *login, long long id, struct acct_row *r, int *found,
		  struct err *e);
/* Disabled, or the person has left (their last day is before today). */
int acct_inactive(const char *disabled_at, const char *left_on);
int acct_row_inactive(const struct acct_row *r);
/* Moves r->a into out (out owns it afterwards). */
void acct_row_take_account(struct acct_row *r, struct account *out);
/* Creates an account with a given password (the demo's known ones) and,
 * when totp_secret is not NULL, an enrolled TOTP key. */
int acct_create_with_password(struct db *db, const char *staff_no, int is_admin,
			      const char *password, int must_change, const char *totp_secret,
			      struct err *e);
/* Ends every open session of the account; inside a transaction. */
int acct_end_sessions(struct db *db, long long account_id, const char *at, struct err *e);

/* ---- password rules (account_password.c) ---- */

/* The rules that need no database: length, login, name, common passwords.
 * The message says which failed. */
int acct_password_check(const struct account_rules *rules, const struct acct_row *r,
			const char *password, struct err *e);
/* Whether the folded password is a common one (account_wordlist.c). */
int acct_password_is_common(const char *folded);

/* ---- second factor (account_totp.c) ---- */

/*
 * Checks a TOTP or recovery code for r inside the caller's transaction and,
 * when right, marks it used (the TOTP step, or the recovery code).  *ok = 1
 * when accepted; *what names what was used for the log.
 */
int acct_check_code(struct db *db, const struct acct_row *r, const char *code, time_t now,
		    const char *at, int *ok, const char **what, struct err *e);

#endif
