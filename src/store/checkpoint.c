#include "store/checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/hex.h"

#define KEY_MAGIC "mamori-ed25519-v1"

char *checkpoint_key_path(const struct db *db)
{
	const char *env = getenv("MAMORI_KEY");
	if (env && *env)
		return xstrdup(env);
	if (db_file_path(db))
		return xasprintf("%s.key", db_file_path(db));
	return xstrdup("mamori.key");
}

int checkpoint_load_key(const char *path, struct signing_key *key, int *found, struct err *e)
{
	char line1[64] = "", line2[256] = "";
	*found = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, ERR_IO, "署名鍵 %s を読めません: %s", path, strerror(errno));
	}
	*found = 1;
	int ok = fgets(line1, sizeof line1, f) && fgets(line2, sizeof line2, f);
	fclose(f);
	line1[strcspn(line1, "\r\n")] = '\0';
	line2[strcspn(line2, "\r\n")] = '\0';
	if (!ok || strcmp(line1, KEY_MAGIC) != 0 || hex_decode(line2, key->sk, sizeof key->sk))
		return err_set(e, ERR_INPUT, "署名鍵 %s の形式が正しくありません", path);
	crypto_sign_ed25519_sk_to_pk(key->pk, key->sk);
	sodium_memzero(line2, sizeof line2);
	return 0;
}

static int create_key(const char *path, struct err *e)
{
	struct signing_key key;
	char hex[2 * CHECKPOINT_SK_BYTES + 1];
	crypto_sign_keypair(key.pk, key.sk);
	hex_encode(key.sk, sizeof key.sk, hex);
	/* O_EXCL: never overwrite a key another process just made. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return err_set(e, ERR_IO, "署名鍵 %s を作成できません: %s", path, strerror(errno));
	}
	char *text = xasprintf("%s\n%s\n", KEY_MAGIC, hex);
	size_t len = strlen(text);
	int ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
	close(fd);
	sodium_memzero(text, len);
	sodium_memzero(hex, sizeof hex);
	sodium_memzero(&key, sizeof key);
	free(text);
	if (!ok)
		return err_set(e, ERR_IO, "署名鍵 %s を書き込めません", path);
	return 0;
}

int checkpoint_load_or_create_key(const char *path, struct signing_key *key, struct err *e)
{
	int found;
	if (checkpoint_load_key(path, key, &found, e))
		return e->code;
	if (found)
		return 0;
	if (create_key(path, e))
		return e->code;
	if (checkpoint_load_key(path, key, &found, e))
		return e->code;
	return found ? 0 : err_set(e, ERR_IO, "署名鍵 %s を作成できません", path);
}

/* The signed message for (seq, hash). */
static void checkpoint_message(long long seq, const char *hash, char *out, size_t n)
{
	snprintf(out, n, "mamori checkpoint\n%lld\n%s", seq, hash);
}

int checkpoint_write(struct db *db, const struct signing_key *key, long long seq,
		     const char *hash, const char *at, struct err *e)
{
	char msg[160], sig_hex[2 * crypto_sign_BYTES + 1], pk_hex[2 * CHECKPOINT_PK_BYTES + 1];
	unsigned char sig[crypto_sign_BYTES];
	checkpoint_message(seq, hash, msg, sizeof msg);
	crypto_sign_detached(sig, NULL, (const unsigned char *)msg, strlen(msg), key->sk);
	hex_encode(sig, sizeof sig, sig_hex);
	hex_encode(key->pk, sizeof key->pk, pk_hex);
	struct db_stmt *st;
	if (db_prepare(db, "INSERT INTO checkpoint(seq, at, hash, public_key, signature)"
			   " VALUES (?, ?, ?, ?, ?)", &st, e))
		return e->code;
	db_bind_int(st, 1, seq);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, hash);
	db_bind_text(st, 4, pk_hex);
	db_bind_text(st, 5, sig_hex);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

int checkpoint_signature_ok(const unsigned char pk[CHECKPOINT_PK_BYTES], long long seq,
			    const char *hash, const char *signature_hex)
{
	char msg[160];
	unsigned char sig[crypto_sign_BYTES];
	if (hex_decode(signature_hex, sig, sizeof sig))
		return 0;
	checkpoint_message(seq, hash, msg, sizeof msg);
	return crypto_sign_verify_detached(sig, (const unsigned char *)msg, strlen(msg), pk) == 0;
}
