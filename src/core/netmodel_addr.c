/*
 * netmodel_addr.c — IPv4 and IPv6 prefixes of the network model.  IPv4 is
 * kept as an IPv4-mapped IPv6 prefix (::ffff:a.b.c.d, length + 96), so one
 * comparison serves both families and a v4 prefix never overlaps a v6 one
 * except through the mapped range, which is what the addresses mean.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "core/netmodel.h"

/* "24" → 24 within max; -1 for anything else (no sign, no spaces). */
static int parse_len(const char *s, int max)
{
	if (!*s || strlen(s) > 3)
		return -1;
	int v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v <= max ? v : -1;
}

/* Host bits must be zero: "10.0.0.1/24" is almost always a typo for an
   address or a network, and the model must say which. */
static int host_bits_zero(const struct net_prefix *p)
{
	for (int bit = p->len; bit < 128; bit++)
		if (p->addr[bit / 8] & (0x80 >> (bit % 8)))
			return 0;
	return 1;
}

int net_prefix_parse(const char *text, struct net_prefix *p)
{
	char tmp[64];
	size_t n = strlen(text);
	if (n == 0 || n >= sizeof tmp)
		return -1;
	memcpy(tmp, text, n + 1);
	char *slash = strchr(tmp, '/');
	if (slash)
		*slash = '\0';
	memset(p, 0, sizeof *p);
	unsigned char v4[4];
	int len;
	if (inet_pton(AF_INET, tmp, v4) == 1) {
		p->addr[10] = p->addr[11] = 0xff;
		memcpy(p->addr + 12, v4, 4);
		len = slash ? parse_len(slash + 1, 32) : 32;
		if (len < 0)
			return -1;
		p->len = (uint8_t)(len + 96);
	} else if (inet_pton(AF_INET6, tmp, p->addr) == 1) {
		len = slash ? parse_len(slash + 1, 128) : 128;
		if (len < 0)
			return -1;
		p->len = (uint8_t)len;
	} else {
		return -1;
	}
	return host_bits_zero(p) ? 0 : -1;
}

/* The first len bits of a and b are equal. */
static int same_bits(const uint8_t *a, const uint8_t *b, int len)
{
	int whole = len / 8, rest = len % 8;
	if (memcmp(a, b, (size_t)whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

int net_prefix_contains(const struct net_prefix *outer, const struct net_prefix *inner)
{
	return outer->len <= inner->len && same_bits(outer->addr, inner->addr, outer->len);
}

int net_prefix_overlaps(const struct net_prefix *a, const struct net_prefix *b)
{
	int len = a->len < b->len ? a->len : b->len;
	return same_bits(a->addr, b->addr, len);
}

void net_prefix_format(const struct net_prefix *p, char out[64])
{
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	char a[INET6_ADDRSTRLEN];
	int len = p->len;
	if (p->len >= 96 && memcmp(p->addr, mapped, 12) == 0) {
		inet_ntop(AF_INET, p->addr + 12, a, sizeof a);
		len -= 96;
	} else {
		inet_ntop(AF_INET6, p->addr, a, sizeof a);
	}
	size_t n = strlen(a);
	memcpy(out, a, n);
	out[n] = '/';
	int k = (int)n + 1;
	if (len >= 100)
		out[k++] = (char)('0' + len / 100);
	if (len >= 10)
		out[k++] = (char)('0' + len / 10 % 10);
	out[k++] = (char)('0' + len % 10);
	out[k] = '\0';
}
