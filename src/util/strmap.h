/*
 * strmap.h — a hash map from strings to pointers (open addressing, linear
 * probing).  Keys are copied; values are the caller's.
 */
#ifndef MAMORI_STRMAP_H
#define MAMORI_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	char *key;
	size_t keylen;
	unsigned long long hash;
	void *value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap; /* power of two */
	size_t len;
};

void strmap_init(struct strmap *m);
/* Frees keys; calls free_value on each value when it is not NULL. */
void strmap_free(struct strmap *m, void (*free_value)(void *));
/* Returns the slot for key, inserting an empty one (value NULL) if absent. */
struct strmap_slot *strmap_upsert(struct strmap *m, const char *key, size_t keylen);
struct strmap_slot *strmap_find(const struct strmap *m, const char *key, size_t keylen);

#endif
