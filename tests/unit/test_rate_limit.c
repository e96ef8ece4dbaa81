/*
 * test_rate_limit.c — the public reporting page's limits (web/rate_limit.c)
 * with the clock passed in: per address, overall, the sliding hour, IPv6
 * counted by its /64, and eviction when the table is full.  The limiter is
 * compiled in here directly (the unit tests do not link the web server).
 */
#include <stdio.h>
#include <string.h>

#include "web/rate_limit.c"

#include "check.h"

#define T0 ((time_t)1780000000)

static void test_per_address(void)
{
	struct rate_limit r;
	CHECK(rate_limit_init(&r) == 0);
	for (int i = 0; i < RATE_PER_ADDR; i++)
		CHECK(rate_limit_take(&r, "192.0.2.1", T0 + i) == RATE_OK);
	CHECK(rate_limit_take(&r, "192.0.2.1", T0 + 10) == RATE_ADDR_FULL);
	/* a refused attempt is not counted: the first report leaves the hour
	 * exactly an hour after it was sent, and one more is allowed */
	CHECK(rate_limit_take(&r, "192.0.2.1", T0 + RATE_WINDOW_SECONDS - 1) == RATE_ADDR_FULL);
	CHECK(rate_limit_take(&r, "192.0.2.1", T0 + RATE_WINDOW_SECONDS) == RATE_OK);
	CHECK(rate_limit_take(&r, "192.0.2.1", T0 + RATE_WINDOW_SECONDS) == RATE_ADDR_FULL);
	/* another address is not affected */
	CHECK(rate_limit_take(&r, "192.0.2.2", T0 + 10) == RATE_OK);
	rate_limit_free(&r);
}

static void test_overall(void)
{
	struct rate_limit r;
	char addr[64];
	CHECK(rate_limit_init(&r) == 0);
	for (int i = 0; i < RATE_TOTAL; i++) {
		snprintf(addr, sizeof addr, "198.51.100.%d", i);
		CHECK(rate_limit_take(&r, addr, T0 + i) == RATE_OK);
	}
	CHECK(rate_limit_take(&r, "203.0.113.9", T0 + 100) == RATE_ALL_FULL);
	/* the refused one used nothing up: once the first leaves the hour,
	 * exactly one more fits */
	CHECK(rate_limit_take(&r, "203.0.113.9", T0 + RATE_WINDOW_SECONDS) == RATE_OK);
	CHECK(rate_limit_take(&r, "203.0.113.10", T0 + RATE_WINDOW_SECONDS) == RATE_ALL_FULL);
	rate_limit_free(&r);
}

static void test_ipv6_network(void)
{
	char key[RATE_KEY_MAX];
	rate_limit_key("2001:db8:1:2:aaaa::1", key);
	CHECK(strcmp(key, "2001:db8:1:2::/64") == 0);
	rate_limit_key("192.0.2.7", key);
	CHECK(strcmp(key, "192.0.2.7") == 0);
	rate_limit_key("", key);
	CHECK(strcmp(key, "") == 0);
	struct rate_limit r;
	CHECK(rate_limit_init(&r) == 0);
	/* stepping through the addresses of one /64 does not escape the limit */
	CHECK(rate_limit_take(&r, "2001:db8:1:2::1", T0) == RATE_OK);
	CHECK(rate_limit_take(&r, "2001:db8:1:2::2", T0) == RATE_OK);
	CHECK(rate_limit_take(&r, "2001:db8:1:2:ffff::3", T0) == RATE_OK);
	CHECK(rate_limit_take(&r, "2001:db8:1:2::4", T0) == RATE_ADDR_FULL);
	CHECK(rate_limit_take(&r, "2001:db8:1:3::1", T0) == RATE_OK);
	rate_limit_free(&r);
}

/* A full table forgets the address seen longest ago, never one that is
 * in the middle of its hour while an older one exists. */
static void test_eviction(void)
{
	struct rate_limit r;
	char addr[64];
	CHECK(rate_limit_init(&r) == 0);
	/* fill the table over days, so the overall limit never bites */
	for (int i = 0; i < RATE_SLOTS; i++) {
		snprintf(addr, sizeof addr, "10.0.%d.%d", i / 256, i % 256);
		time_t when = T0 + (time_t)i * 2 * RATE_WINDOW_SECONDS;
		if (i == RATE_SLOTS - 1) {
			for (int k = 0; k < RATE_PER_ADDR; k++)
				CHECK(rate_limit_take(&r, addr, when) == RATE_OK);
		} else {
			CHECK(rate_limit_take(&r, addr, when) == RATE_OK);
		}
	}
	time_t now = T0 + (time_t)(RATE_SLOTS - 1) * 2 * RATE_WINDOW_SECONDS + 60;
	/* a new address takes the oldest slot (10.0.0.0), not the busy one */
	CHECK(rate_limit_take(&r, "172.16.0.1", now) == RATE_OK);
	snprintf(addr, sizeof addr, "10.0.%d.%d", (RATE_SLOTS - 1) / 256, (RATE_SLOTS - 1) % 256);
	CHECK(rate_limit_take(&r, addr, now) == RATE_ADDR_FULL);
	int found = 0;
	for (int i = 0; i < RATE_SLOTS; i++)
		found += strcmp(r.slots[i].key, "10.0.0.0") == 0;
	CHECK(found == 0);
	rate_limit_free(&r);
}

int main(void)
{
	test_per_address();
	test_overall();
	test_ipv6_network();
	test_eviction();
	return check_report();
}
