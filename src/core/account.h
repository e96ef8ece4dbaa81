/*
 * account.h — who may sign in to mamori's web UI and API, and how
 * (guideline 5.4 and 6.2: IDs and passwords, multi-factor authentication,
 * login attempts, the login screen).
 *
 * An account belongs to one staff member (login = 職員番号) and takes its
 * roles from role_assignment, so moving or retiring the person changes what
 * the account may do without touching it.  Passwords are Argon2id hashes
 * (libsodium); privileged roles (ciso, chief_officer, system_admin,
 * audit_lead) and mamori administrators must also give a TOTP code
 * (liboath, RFC 6238), with single-use recovery codes for a lost device.
 *
 * Accounts, sessions and the sign-in log are kept out of the journal: they
 * hold secrets (hashes, TOTP keys) that must not be copied into every backup
 * of the record, and a session is not a record of the municipality.  What a
 * signed-in person does is journaled as before, with actor "staff:<no>".
 *
 * Each writing function runs its own transaction (db_begin): call it
 * outside one.  Password hashing happens before the transaction, so a
 * sign-in never holds the write lock for the ~0.1 s Argon2id takes.
 */
#ifndef MAMORI_ACCOUNT_H
#define MAMORI_ACCOUNT_H

#include <stddef.h>

#include "store/db.h"
#include "util/err.h"

struct account {
	long long id;
	long long staff_id;
	char *login;          /* the staff number */
	int is_admin;         /* may manage accounts; always needs TOTP */
	int must_change;      /* the password is temporary (first login, reset) */
	int totp_enrolled;    /* a TOTP key is set up */
	char *last_login_at;  /* the previous successful sign-in, or NULL */
	char *last_login_addr;
	char *locked_until;   /* RFC 3339 UTC, or NULL */
	char *disabled_at;    /* NULL while the account may sign in */
	char *created_at;
};

void account_free(struct account *a);

/*
 * The outcome of a sign-in attempt (account_login).  A database error also
 * returns LOGIN_BAD, with e->code set: callers tell "refused" (e->code == 0)
 * from "failed" (e->code != 0) by the struct err, which login clears first.
 */
enum login_result {
	LOGIN_OK,           /* signed in */
	LOGIN_NEED_TOTP,    /* password right; a TOTP or recovery code is needed */
	LOGIN_MUST_CHANGE,  /* signed in, but only to change the temporary password */
	LOGIN_BAD,          /* unknown login or wrong password or code (one message for all) */
	LOGIN_LOCKED,       /* too many failures: locked until a.locked_until (password not checked) */
	LOGIN_DISABLED,     /* disabled, or the person has left; said only after the right password */
};

/* Account policy; the password length comes from the profile (5.4.3.3). */
struct account_rules {
	int min_length;          /* profile password_min_length, default 12 */
	int max_failures;        /* lock after this many failures … (default 5) */
	int failure_window_min;  /* … within this many minutes (15) */
	int lock_minutes;        /* locked for this long (15) */
	int history;             /* a new password may not be one of the last N (5) */
	/* Idle timeout of a session: twice the profile's idle_lock_minutes
	 * (30), and idle_lock_minutes itself (15) for accounts that need TOTP. */
	int idle_minutes;
	int idle_minutes_privileged;
};
void account_rules_default(struct account_rules *r);
/* The defaults with the profile's password_min_length, lockout_attempts and
 * idle_lock_minutes (plain defaults while no municipality is registered). */
int account_rules_load(struct db *db, struct account_rules *r, struct err *e);

/* Roles whose holders must use a second factor (and admins). */
int account_role_needs_totp(const char *role);
/* Whether this account must give a TOTP code: admin or holds such a role now. */
int account_needs_totp(struct db *db, const struct account *a, int *needs, struct err *e);
/* The idle timeout for this account's sessions (rules, and account_needs_totp). */
int account_idle_minutes(struct db *db, const struct account *a, const struct account_rules *r,
			 int *minutes, struct err *e);

/*
 * Creates the account of staff `staff_no` with a random temporary password
 * (returned in *temp_password, caller frees; shown once, never stored).
 */
int account_create(struct db *db, const char *staff_no, int is_admin, char **temp_password,
		   struct err *e);
/* A new temporary password (must_change set, TOTP kept), unlocks the account
 * and ends its sessions. */
int account_reset(struct db *db, const char *login, char **temp_password, struct err *e);
/* Disabling ends the account's sessions and revokes its API tokens. */
int account_disable(struct db *db, const char *login, struct err *e);
int account_enable(struct db *db, const char *login, struct err *e);
int account_find(struct db *db, const char *login, struct account *out, int *found,
		 struct err *e);
int account_by_id(struct db *db, long long id, struct account *out, int *found, struct err *e);

/*
 * Checks a password (and, when the account has a TOTP key, a TOTP or
 * recovery code; pass NULL to learn whether it is needed) from address
 * `addr` (may be NULL).
 * Counts failures, locks, and writes the sign-in log; on LOGIN_OK /
 * LOGIN_MUST_CHANGE fills *a (the previous login time and address are the
 * ones before this sign-in, for the 前回ログイン display) and records this one.
 * *a is also filled on LOGIN_NEED_TOTP (a.id for the half-way session) and
 * LOGIN_LOCKED (a.locked_until); otherwise it is zeroed.  account_free(a)
 * is safe in every case.
 *
 * Every account with a TOTP key gives a code.  An account that needs TOTP
 * but has not enrolled yet signs in with the password alone (LOGIN_OK or
 * LOGIN_MUST_CHANGE): the caller sees a.totp_enrolled == 0 with
 * account_needs_totp and allows only enrolment (SESSION_ENROL_TOTP).  A
 * temporary password is changed after the code.
 *
 * Codes: 6 digits (TOTP, 30 s steps, one step either way, each step
 * accepted once) or a recovery code; full-width digits and spaces are
 * accepted.  The clock is time_now_rfc3339's, so MAMORI_NOW pins it for
 * tests (and an authenticator app then disagrees).
 */
enum login_result account_login(struct db *db, const char *login, const char *password,
				const char *code, const char *addr, struct account *a,
				struct err *e);
/*
 * The second step of a sign-in whose password was accepted (LOGIN_NEED_TOTP,
 * session stage SESSION_NEED_TOTP): checks the TOTP or recovery code of
 * account `account_id`.  Results and *a as account_login; a wrong code counts
 * as a failure towards the lockout.
 */
enum login_result account_login_code(struct db *db, long long account_id, const char *code,
				     const char *addr, struct account *a, struct err *e);
/*
 * Sets a new password after checking the rules: length, not the login or the
 * person's name, not a common password, none of the last `history`.
 * The error message says which rule failed.
 */
int account_set_password(struct db *db, long long account_id, const char *old_password,
			 const char *new_password, struct err *e);

/* TOTP enrolment: a new base32 key (caller frees) and its otpauth:// URI. */
int account_totp_begin(struct db *db, long long account_id, char **secret_b32, char **uri,
		       struct err *e);
/* Confirms enrolment with a current code; returns 10 recovery codes (caller frees each and the array). */
int account_totp_confirm(struct db *db, long long account_id, const char *code,
			 char ***recovery, size_t *nrecovery, struct err *e);
/* Frees what account_totp_confirm returned, wiping the codes first. */
void account_recovery_free(char **recovery, size_t n);
/* Unused recovery codes left. */
int account_recovery_left(struct db *db, long long account_id, int *left, struct err *e);
/* An administrator's remedy for a lost device: forgets the TOTP key and the
 * recovery codes, so the next sign-in enrols again. */
int account_totp_remove(struct db *db, const char *login, struct err *e);

/* The account list for administrators: no hash, key or code in it. */
struct account_info {
	struct account a;
	char *name;     /* the staff member's name */
	int privileged; /* holds a role that needs TOTP */
	int tokens;     /* API tokens not revoked */
};
int account_list(struct db *db, struct account_info **v, size_t *n, struct err *e);
void account_list_free(struct account_info *v, size_t n);

/*
 * The sign-in log (table auth_event), newest first: every sign-in attempt,
 * lockout, password change, TOTP enrolment, reset, token change and
 * sign-out.  Never a password or code.  `login` is as typed for unknown
 * logins (like sshd's "invalid user").
 */
struct auth_event {
	long long id;
	char *at, *login, *addr, *event, *detail;
};
int auth_log_load(struct db *db, int limit, struct auth_event **v, size_t *n, struct err *e);
void auth_log_free(struct auth_event *v, size_t n);
/* The Japanese label of an event id ("login_ok" → "ログイン成功"). */
const char *auth_event_label(const char *event);

#endif
