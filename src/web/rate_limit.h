/*
 * rate_limit.h — how often the public reporting page (/report) accepts a
 * report: a few per client address and a ceiling for everyone together,
 * both over a sliding hour.  The page has no sign-in, so this is what keeps
 * one script from burying CSIRT under invented incidents.
 *
 * The table is small and fixed (RATE_SLOTS addresses); when it is full the
 * address seen longest ago is forgotten.  One mutex guards it: the server's
 * worker threads share one table (web_shared).  The caller passes the time,
 * so tests pin it (the server uses the app's clock, which honours
 * MAMORI_NOW).
 */
#ifndef MAMORI_WEB_RATE_LIMIT_H
#define MAMORI_WEB_RATE_LIMIT_H

#include <pthread.h>
#include <stddef.h>
#include <time.h>

/* Addresses remembered at once; a flood of new addresses evicts the oldest,
 * and the overall ceiling still holds for them. */
#define RATE_SLOTS 1024
/* A resident who has something to report sends one report, perhaps a
 * correction or two: three an hour from one address is plenty. */
#define RATE_PER_ADDR 3
/* A municipality gets a handful of outside reports a year; thirty in an
 * hour means an attack (many addresses, or many people behind one proxy),
 * and past that the page asks people to telephone instead. */
#define RATE_TOTAL 30
#define RATE_WINDOW_SECONDS 3600

/* The longest key: an IPv6 address as text. */
#define RATE_KEY_MAX 64

struct rate_slot {
	char key[RATE_KEY_MAX];      /* "" = free */
	time_t times[RATE_PER_ADDR]; /* accepted reports, a ring */
	size_t next;                 /* where the next one goes */
	time_t last;                 /* the latest, for eviction */
};

struct rate_limit {
	pthread_mutex_t lock;
	struct rate_slot *slots;  /* RATE_SLOTS of them */
	time_t total[RATE_TOTAL]; /* the latest accepted reports of anyone, a ring */
	size_t total_next;
};

enum rate_verdict {
	RATE_OK,        /* allowed, and counted */
	RATE_ADDR_FULL, /* this address used its share for the hour */
	RATE_ALL_FULL,  /* everyone together did */
};

/* Returns 0, or -1 when the mutex or memory cannot be had. */
int rate_limit_init(struct rate_limit *r);
void rate_limit_free(struct rate_limit *r);

/*
 * The key an address is counted under: an IPv4 address as it is; an IPv6
 * address by its /64 network, since one household or phone is given a whole
 * /64 and could otherwise step through addresses at will.
 */
void rate_limit_key(const char *addr, char out[RATE_KEY_MAX]);

/* Whether a report from addr at `now` is allowed; an allowed one is counted
 * against both limits, a refused one against neither. */
enum rate_verdict rate_limit_take(struct rate_limit *r, const char *addr, time_t now);
/* Whether addr used its share for the hour (RATE_ADDR_FULL), without
 * counting anything: the one-time link page (page_inspect_link.c) counts
 * only refused tokens and asks this before it looks a token up. */
int rate_limit_addr_full(struct rate_limit *r, const char *addr, time_t now);

#endif
