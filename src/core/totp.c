/*
 * totp.c — RFC 6238 codes through liboath (totp.h).
 *
 * liboath wants oath_init() before use.  With the gnulib crypto Debian
 * builds it with, oath_init and oath_done do nothing and keep no state, so
 * each function calls oath_init itself instead of relying on a process-wide
 * setup that every caller (CLI, server, tests) would have to remember.
 */
#include "core/totp.h"

#include <liboath/oath.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

int totp_new_secret(char **b32, struct err *e)
{
	unsigned char key[TOTP_KEY_BYTES];
	char *out = NULL;
	size_t outlen = 0;
	*b32 = NULL;
	randombytes_buf(key, sizeof key);
	int rc = oath_init();
	if (rc == OATH_OK)
		rc = oath_base32_encode((const char *)key, sizeof key, &out, &outlen);
	sodium_memzero(key, sizeof key);
	if (rc != OATH_OK)
		return err_set(e, ERR_INTERNAL, "TOTP の鍵を作成できません: %s", oath_strerror(rc));
	*b32 = out;
	return 0;
}

/* The raw key of a base32 secret; caller wipes and frees. */
static int decode(const char *b32, char **raw, size_t *len)
{
	*raw = NULL;
	*len = 0;
	if (!b32 || oath_init() != OATH_OK)
		return -1;
	return oath_base32_decode(b32, strlen(b32), raw, len) == OATH_OK ? 0 : -1;
}

static void wipe(char *raw, size_t len)
{
	if (raw)
		sodium_memzero(raw, len);
	free(raw);
}

static int is_code(const char *code)
{
	return code && strlen(code) == TOTP_DIGITS && strspn(code, "0123456789") == TOTP_DIGITS;
}

int totp_check(const char *b32, const char *code, time_t now, long long after_step,
	       long long *step)
{
	char *raw;
	size_t len;
	int pos = 0;
	uint64_t counter = 0;
	*step = 0;
	if (!is_code(code) || decode(b32, &raw, &len))
		return 0;
	int rc = oath_totp_validate3(raw, len, now, TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME, 1, &pos,
				     &counter, code);
	wipe(raw, len);
	if (rc < 0 || (long long)counter <= after_step)
		return 0;
	*step = (long long)counter;
	return 1;
}

int totp_code(const char *b32, time_t t, char out[TOTP_DIGITS + 1], struct err *e)
{
	char *raw;
	size_t len;
	out[0] = '\0';
	if (decode(b32, &raw, &len))
		return err_set(e, ERR_INPUT, "TOTP の鍵（base32）が正しくありません");
	int rc = oath_totp_generate(raw, len, t, TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME,
				    TOTP_DIGITS, out);
	wipe(raw, len);
	if (rc != OATH_OK)
		return err_set(e, ERR_INTERNAL, "TOTP のコードを計算できません: %s", oath_strerror(rc));
	return 0;
}

/* RFC 3986 unreserved characters pass; everything else is %XX. */
static void put_escaped(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

char *totp_uri(const char *login, const char *b32)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "otpauth://totp/mamori:");
	put_escaped(&b, login);
	buf_puts(&b, "?secret=");
	buf_puts(&b, b32);
	buf_puts(&b, "&issuer=mamori");
	return buf_take(&b);
}
