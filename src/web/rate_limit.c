/*
 * rate_limit.c — the public reporting page's limits (rate_limit.h).
 */
#include "web/rate_limit.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rate_limit_init(struct rate_limit *r)
{
	memset(r, 0, sizeof *r);
	r->slots = calloc(RATE_SLOTS, sizeof *r->slots);
	if (!r->slots)
		return -1;
	if (pthread_mutex_init(&r->lock, NULL) != 0) {
		free(r->slots);
		r->slots = NULL;
		return -1;
	}
	return 0;
}

void rate_limit_free(struct rate_limit *r)
{
	if (!r->slots)
		return;
	pthread_mutex_destroy(&r->lock);
	free(r->slots);
	memset(r, 0, sizeof *r);
}

void rate_limit_key(const char *addr, char out[RATE_KEY_MAX])
{
	unsigned char in6[16];
	if (strchr(addr, ':') && inet_pton(AF_INET6, addr, in6) == 1) {
		memset(in6 + 8, 0, 8);
		char text[INET6_ADDRSTRLEN];
		if (inet_ntop(AF_INET6, in6, text, sizeof text)) {
			snprintf(out, RATE_KEY_MAX, "%s/64", text);
			return;
		}
	}
	snprintf(out, RATE_KEY_MAX, "%s", addr);
}

/* How many of the n times lie inside the hour before now. */
static size_t recent(const time_t *times, size_t n, time_t now)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += times[i] && times[i] > now - RATE_WINDOW_SECONDS && times[i] <= now;
	return k;
}

/* How willing we are to give slot s to a new address: a free slot first,
 * then one with nothing inside the hour, then any (the oldest wins ties). */
static int reuse_rank(const struct rate_slot *s, time_t now)
{
	if (!s->key[0])
		return 0;
	return s->last <= now - RATE_WINDOW_SECONDS ? 1 : 2;
}

/* The slot of key, or a slot reused for it (rate_limit.h: oldest evicted). */
static struct rate_slot *slot_for(struct rate_limit *r, const char *key, time_t now)
{
	struct rate_slot *reuse = NULL;
	for (size_t i = 0; i < RATE_SLOTS; i++) {
		struct rate_slot *s = &r->slots[i];
		if (s->key[0] && strcmp(s->key, key) == 0)
			return s;
		if (!reuse || reuse_rank(s, now) < reuse_rank(reuse, now) ||
		    (reuse_rank(s, now) == reuse_rank(reuse, now) && s->last < reuse->last))
			reuse = s;
	}
	memset(reuse, 0, sizeof *reuse);
	snprintf(reuse->key, sizeof reuse->key, "%s", key);
	return reuse;
}

enum rate_verdict rate_limit_take(struct rate_limit *r, const char *addr, time_t now)
{
	char key[RATE_KEY_MAX];
	enum rate_verdict v = RATE_OK;
	rate_limit_key(addr, key);
	pthread_mutex_lock(&r->lock);
	if (recent(r->total, RATE_TOTAL, now) >= RATE_TOTAL) {
		v = RATE_ALL_FULL;
	} else {
		struct rate_slot *s = slot_for(r, key, now);
		if (recent(s->times, RATE_PER_ADDR, now) >= RATE_PER_ADDR) {
			v = RATE_ADDR_FULL;
		} else {
			s->times[s->next] = now;
			s->next = (s->next + 1) % RATE_PER_ADDR;
			s->last = now;
			r->total[r->total_next] = now;
			r->total_next = (r->total_next + 1) % RATE_TOTAL;
		}
	}
	pthread_mutex_unlock(&r->lock);
	return v;
}

int rate_limit_addr_full(struct rate_limit *r, const char *addr, time_t now)
{
	char key[RATE_KEY_MAX];
	int full = 0;
	rate_limit_key(addr, key);
	pthread_mutex_lock(&r->lock);
	for (size_t i = 0; i < RATE_SLOTS; i++) {
		const struct rate_slot *s = &r->slots[i];
		if (s->key[0] && strcmp(s->key, key) == 0) {
			full = recent(s->times, RATE_PER_ADDR, now) >= RATE_PER_ADDR;
			break;
		}
	}
	pthread_mutex_unlock(&r->lock);
	return full;
}
