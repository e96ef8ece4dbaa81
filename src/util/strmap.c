#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* FNV-1a: short keys, no adversarial input (keys come from our own journal). */
static unsigned long long hash_bytes(const char *p, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void strmap_init(struct strmap *m)
{
	m->cap = 1024;
	m->len = 0;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
}

void strmap_free(struct strmap *m, void (*free_value)(void *))
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->slots[i].key);
		if (free_value && m->slots[i].value)
			free_value(m->slots[i].value);
	}
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}

static struct strmap_slot *probe(struct strmap_slot *slots, size_t cap, const char *key,
				 size_t keylen, unsigned long long h)
{
	size_t i = (size_t)h & (cap - 1);
	for (;;) {
		struct strmap_slot *s = &slots[i];
		if (!s->key || (s->hash == h && s->keylen == keylen && memcmp(s->key, key, keylen) == 0))
			return s;
		i = (i + 1) & (cap - 1);
	}
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap * 2;
	struct strmap_slot *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < m->cap; i++) {
		struct strmap_slot *s = &m->slots[i];
		if (s->key)
			*probe(slots, cap, s->key, s->keylen, s->hash) = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

struct strmap_slot *strmap_upsert(struct strmap *m, const char *key, size_t keylen)
{
	/* at most half full: probes stay short, which verify's replay feels */
	if ((m->len + 1) * 2 > m->cap)
		grow(m);
	unsigned long long h = hash_bytes(key, keylen);
	struct strmap_slot *s = probe(m->slots, m->cap, key, keylen, h);
	if (!s->key) {
		s->key = xstrndup(key, keylen);
		s->keylen = keylen;
		s->hash = h;
		s->value = NULL;
		m->len++;
	}
	return s;
}

struct strmap_slot *strmap_find(const struct strmap *m, const char *key, size_t keylen)
{
	struct strmap_slot *s = probe(m->slots, m->cap, key, keylen, hash_bytes(key, keylen));
	return s->key ? s : NULL;
}
