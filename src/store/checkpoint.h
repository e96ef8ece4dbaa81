/*
 * checkpoint.h — Ed25519-signed checkpoints of the journal head.
 *
 * A hash chain alone cannot stop someone who rewrites the whole chain from
 * the first entry.  A checkpoint signs (seq, hash) of the journal head with a
 * key kept outside the database, so such a rewrite (or a truncation of the
 * tail) no longer matches a signature.
 *
 * The key lives in a file beside the database: "<db file>.key" for SQLite,
 * or the file named by the environment variable MAMORI_KEY (which the CLI's
 * --key sets, and which PostgreSQL deployments must use; default
 * "./mamori.key").  It is created, mode 0600, on the first write.
 */
#ifndef MAMORI_CHECKPOINT_H
#define MAMORI_CHECKPOINT_H

#include <stddef.h>

#include "store/db.h"

#define CHECKPOINT_SK_BYTES 64
#define CHECKPOINT_PK_BYTES 32

struct signing_key {
	unsigned char sk[CHECKPOINT_SK_BYTES];
	unsigned char pk[CHECKPOINT_PK_BYTES];
};

/* The key file for this database; caller frees. */
char *checkpoint_key_path(const struct db *db);
/* Loads the key; *found = 0 (and no error) when the file does not exist. */
int checkpoint_load_key(const char *path, struct signing_key *key, int *found, struct err *e);
/* Loads the key, creating it first if it does not exist. */
int checkpoint_load_or_create_key(const char *path, struct signing_key *key, struct err *e);

/* Signs the journal head and inserts a checkpoint row (inside the caller's transaction). */
int checkpoint_write(struct db *db, const struct signing_key *key, long long seq,
		     const char *hash, const char *at, struct err *e);
/* Whether signature_hex is pk's valid signature of (seq, hash). */
int checkpoint_signature_ok(const unsigned char pk[CHECKPOINT_PK_BYTES], long long seq,
			    const char *hash, const char *signature_hex);

#endif
