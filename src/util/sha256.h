/*
 * sha256.h — SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA
 * extensions (libsodium's implementation does not).  A context is reused
 * across many small messages because verify hashes a million journal entries.
 */
#ifndef MAMORI_SHA256_H
#define MAMORI_SHA256_H

#include <stddef.h>

struct sha256;

struct sha256 *sha256_new(void);
void sha256_free(struct sha256 *h);
void sha256_begin(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *p, size_t n);
/* Writes 64 lowercase hex digits and a NUL into hex[65]. */
void sha256_end_hex(struct sha256 *h, char hex[65]);
void sha256_end_raw(struct sha256 *h, unsigned char raw[32]);
/* One-shot convenience. */
void sha256_hex(const void *p, size_t n, char hex[65]);

#endif
