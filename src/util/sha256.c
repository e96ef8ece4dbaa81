#include "util/sha256.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/hex.h"

struct sha256 {
	EVP_MD *md; /* fetched once: fetching per message costs more than hashing */
	EVP_MD_CTX *ctx;
};

struct sha256 *sha256_new(void)
{
	struct sha256 *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	h->ctx = EVP_MD_CTX_new();
	if (!h->md || !h->ctx) {
		fputs("mamori: OpenSSL の SHA-256 を初期化できません\n", stderr);
		abort();
	}
	return h;
}

void sha256_free(struct sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	EVP_MD_free(h->md);
	free(h);
}

void sha256_begin(struct sha256 *h)
{
	EVP_DigestInit_ex2(h->ctx, h->md, NULL);
}

void sha256_update(struct sha256 *h, const void *p, size_t n)
{
	EVP_DigestUpdate(h->ctx, p, n);
}

void sha256_end_raw(struct sha256 *h, unsigned char raw[32])
{
	unsigned int n = 32;
	EVP_DigestFinal_ex(h->ctx, raw, &n);
}

void sha256_end_hex(struct sha256 *h, char hex[65])
{
	unsigned char raw[32];
	sha256_end_raw(h, raw);
	hex_encode(raw, sizeof raw, hex);
}

void sha256_hex(const void *p, size_t n, char hex[65])
{
	struct sha256 *h = sha256_new();
	sha256_begin(h);
	sha256_update(h, p, n);
	sha256_end_hex(h, hex);
	sha256_free(h);
}
