/*
 * totp.h — time-based one-time passwords (RFC 6238) through liboath: the
 * six-digit codes of an authenticator app, 30-second steps, HMAC-SHA1, the
 * key shared as base32 in an otpauth:// URI (a QR code in the app).
 *
 * Nothing here touches the database; account_totp.c keeps the keys and
 * remembers the last step used so that a code works once.
 */
#ifndef MAMORI_TOTP_H
#define MAMORI_TOTP_H

#include <time.h>

#include "util/err.h"

#define TOTP_STEP 30
#define TOTP_DIGITS 6
#define TOTP_KEY_BYTES 20 /* 160 bits, RFC 4226's recommendation for SHA-1 */

/* A new random key as base32 (32 characters, no padding); caller frees. */
int totp_new_secret(char **b32, struct err *e);
/*
 * Whether `code` (TOTP_DIGITS ASCII digits) is the code of a step within one
 * of now's and later than after_step; *step gets the matching step.
 */
int totp_check(const char *b32, const char *code, time_t now, long long after_step,
	       long long *step);
/* The code for instant t (tests, and the demo's documentation). */
int totp_code(const char *b32, time_t t, char out[TOTP_DIGITS + 1], struct err *e);
/* otpauth://totp/mamori:<login>?secret=<b32>&issuer=mamori; caller frees. */
char *totp_uri(const char *login, const char *b32);

#endif
