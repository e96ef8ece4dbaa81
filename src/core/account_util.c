/*
 * account_util.c — the small pieces the account and session code shares
 * (account_internal.h): the clock, transactions, ids, the sign-in log,
 * random secrets and password hashing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "util/buf.h"
#include "util/fold.h"
#include "util/timeutil.h"

/* ---- time ---- */

int acct_parse_time(const char *s, time_t *t)
{
	struct tm tm = {0};
	char z = 0;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			 &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 || z != 'Z')
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 0;
}

void acct_format_time(time_t t, char out[32])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Through time_now_rfc3339, so MAMORI_NOW pins lockouts and timeouts in tests. */
time_t acct_now(char at[32])
{
	char s[32];
	time_t t;
	time_now_rfc3339(s);
	if (acct_parse_time(s, &t))
		t = time(NULL);
	if (at)
		acct_format_time(t, at);
	return t;
}

/* ---- writes ---- */

int acct_write(struct db *db, int (*fn)(struct db *db, void *arg, struct err *e), void *arg,
	       struct err *e)
{
	if (db_begin(db, e))
		return e->code;
	int rc = fn(db, arg, e);
	if (!rc)
		rc = db_commit(db, e);
	if (rc)
		db_rollback(db);
	return rc;
}

/* Safe because db_begin serialises writers (as tx_next_id does for journaled tables). */
int acct_next_id(struct db *db, const char *max_sql, long long *id, struct err *e)
{
	return db_query_int(db, max_sql, NULL, id, e);
}

/* A login field is typed by anyone: keep the log readable and bounded
 * (64 bytes, cut at a character boundary). */
static char *log_safe(const char *login)
{
	size_t n = strnlen(login, 64);
	while (n > 0 && login[n] && ((unsigned char)login[n] & 0xC0) == 0x80)
		n--;
	char *s = xstrndup(login, n);
	int valid = utf8_valid(s, -1); /* PostgreSQL refuses invalid UTF-8 text */
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || (!valid && (unsigned char)*p >= 0x80))
			*p = '?';
	return s;
}

int acct_log(struct db *db, const char *at, const char *login, const char *addr,
	     const char *event, const char *detail, struct err *e)
{
	long long id;
	struct db_stmt *st;
	if (acct_next_id(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM auth_event", &id, e) ||
	    db_prepare(db, "INSERT INTO auth_event(id, at, login, addr, event, detail)"
			   " VALUES (?, ?, ?, ?, ?, ?)", &st, e))
		return e->code;
	char *shown = login ? log_safe(login) : NULL;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, shown);
	db_bind_text(st, 4, addr);
	db_bind_text(st, 5, event);
	db_bind_text(st, 6, detail);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	free(shown);
	return rc;
}

struct log_args {
	const char *login, *addr, *event, *detail;
};

static int log_fn(struct db *db, void *arg, struct err *e)
{
	const struct log_args *a = arg;
	char at[32];
	acct_now(at);
	return acct_log(db, at, a->login, a->addr, a->event, a->detail, e);
}

int acct_log_now(struct db *db, const char *login, const char *addr, const char *event,
		 const char *detail, struct err *e)
{
	struct log_args a = {login, addr, event, detail};
	return acct_write(db, log_fn, &a, e);
}

/* ---- secrets ---- */

void acct_random_hex(char out[65])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 65, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

void acct_random_chars(const char *alphabet, size_t n, char *out)
{
	uint32_t len = (uint32_t)strlen(alphabet);
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(len)];
	out[n] = '\0';
}

int acct_hash_password(const char *password, char out[crypto_pwhash_STRBYTES], struct err *e)
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return err_set(e, ERR_INTERNAL, "パスワードのハッシュを計算できません（メモリ不足）");
	return 0;
}

/*
 * A hash of a password nobody knows, with the same limits as real ones, so
 * that verifying against it costs what verifying a real account costs.
 */
static const char dummy_hash[] =
	"$argon2id$v=19$m=65536,t=2,p=1$oFwQ0zl2zshaG8PWGnsgrA$EfCiH6vs3CJNYTMkj4sCdSzDBGGy3baUxdGRFLYX2mo";

int acct_verify_password(const char *hash, const char *password)
{
	int known = hash != NULL;
	int ok = crypto_pwhash_str_verify(known ? hash : dummy_hash, password, strlen(password)) == 0;
	return known && ok;
}

char *acct_temp_password(void)
{
	char *p = xmalloc(17);
	acct_random_chars(ACCT_UNAMBIGUOUS, 16, p);
	return p;
}

void acct_free_secret(char *s)
{
	if (!s)
		return;
	sodium_memzero(s, strlen(s));
	free(s);
}
