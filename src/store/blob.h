/*
 * blob.h — the file store: bytes of evidence and working papers kept in the
 * table file_blob (migration 9), addressed by the lowercase hex SHA-256 of
 * the bytes and stored as base64 text so both backends hold them the same
 * way.  The table is not journaled: the journaled row that refers to a blob
 * (audit_evidence) carries its hash, so a blob changed behind mamori's back
 * no longer hashes to it, and blob_check_all (run by `mamori verify`) says so.
 */
#ifndef MAMORI_BLOB_H
#define MAMORI_BLOB_H

#include <stddef.h>

#include "store/db.h"

/* Stores the bytes unless a blob with the same hash is there already; hex
 * gets the hash.  Call inside the transaction that records the reference. */
int blob_put(struct db *db, const unsigned char *data, size_t len, char hex[65], struct err *e);
/*
 * The bytes of blob `hex` (caller frees *data), re-hashed: ERR_TAMPER when
 * the blob is missing, does not decode, or hashes to something else.
 */
int blob_get(struct db *db, const char *hex, unsigned char **data, size_t *len, struct err *e);
/*
 * Checks every hash that `sql` (one text column, no parameters) lists: each
 * must have a blob whose bytes hash to it.  bad(arg, hex, why) is called for
 * each failure; *checked counts the hashes looked at.
 */
int blob_check_all(struct db *db, const char *sql, void (*bad)(void *arg, const char *hex, const char *why),
		   void *arg, long long *checked, struct err *e);

#endif
