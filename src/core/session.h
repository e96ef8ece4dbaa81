/*
 * session.h — signed-in sessions of the web UI and tokens of the API.
 *
 * A session token is 32 random bytes (libsodium), given to the browser once
 * as a cookie and stored only as its SHA-256, so a copy of the database does
 * not let anyone in.  Tokens rotate at sign-in; a session ends at sign-out,
 * after the idle timeout (30 minutes, 15 for privileged roles) or when its
 * account is disabled.  Each session carries a CSRF token for its forms.
 * API tokens are the same kind of secret, long-lived, named, revocable.
 */
#ifndef MAMORI_SESSION_H
#define MAMORI_SESSION_H

#include <stddef.h>

#include "store/db.h"
#include "util/err.h"

#define SESSION_TOKEN_HEX 64

struct session {
	long long id;
	long long account_id;
	int stage;             /* SESSION_FULL, or a half-way state (below) */
	char csrf[SESSION_TOKEN_HEX + 1];
	int idle_minutes;      /* the account's limit when the session started */
	char *created_at, *last_seen_at;
};

enum {
	SESSION_FULL = 0,        /* signed in */
	SESSION_NEED_TOTP = 1,   /* password given, second factor still due */
	SESSION_MUST_CHANGE = 2, /* may only change the temporary password */
	SESSION_ENROL_TOTP = 3,  /* may only set up TOTP (privileged, not enrolled yet) */
};

void session_free(struct session *s);

/* Starts a session; *token (hex, SESSION_TOKEN_HEX chars) goes into the cookie.
 * The session keeps its account's idle limit (account_idle_minutes: 30, or
 * 15 for those who need TOTP).  out may be NULL; otherwise session_free it. */
int session_start(struct db *db, long long account_id, int stage, const char *addr,
		  char token[SESSION_TOKEN_HEX + 1], struct session *out, struct err *e);
/*
 * The live session of a cookie token: found=0 when unknown, ended, idle too
 * long (idle_minutes, or when 0 the limit the session started with; the
 * session is then ended) or its account disabled or
 * its person retired; otherwise last_seen_at is refreshed.  The refresh is
 * written at most once a minute, as one statement outside any transaction,
 * so a page view does not take the write lock; a session may therefore
 * expire up to a minute early, never late.
 */
int session_lookup(struct db *db, const char *token, int idle_minutes, struct session *out,
		   int *found, struct err *e);
/* Moves a session to another stage with a new token (rotation); the old
 * token stops working.  The CSRF token stays.  ERR_INPUT if the session ended. */
int session_promote(struct db *db, long long session_id, int stage,
		    char token[SESSION_TOKEN_HEX + 1], struct err *e);
int session_end(struct db *db, long long session_id, struct err *e);

/* API tokens: created for an account with a name; the token is shown once. */
int api_token_create(struct db *db, long long account_id, const char *name,
		     char token[SESSION_TOKEN_HEX + 1], struct err *e);
int api_token_lookup(struct db *db, const char *token, long long *account_id, int *found,
		     struct err *e);
int api_token_revoke(struct db *db, long long account_id, const char *name, struct err *e);

/* An account's API tokens (never the token itself), oldest first. */
struct api_token_info {
	long long id;
	char *name, *created_at, *revoked_at;
};
int api_token_list(struct db *db, long long account_id, struct api_token_info **v, size_t *n,
		   struct err *e);
void api_token_list_free(struct api_token_info *v, size_t n);

#endif
