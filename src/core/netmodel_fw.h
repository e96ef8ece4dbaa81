/*
 * netmodel_fw.h — what the iptables-save and nftables importers share: the
 * conditions of one firewall rule as far as the model can express them,
 * and turning them into model rules under the one safety principle of the
 * importers (docs/netcheck.md, 実機の設定の取込み):
 *
 *   the checker must never miss a reachability, so an allow may be read
 *   wider than it is, and a deny only narrower than it is (or not at all).
 *
 * Whatever the model cannot express (a negation, an unknown match module,
 * a source port, a rate limit) therefore widens an allow by being ignored
 * and makes a deny be left out (inexact).  A rule that only matches packets
 * of established connections opens no new reachability and is left out
 * whatever its verdict (never_new).
 */
#ifndef MAMORI_NETMODEL_FW_H
#define MAMORI_NETMODEL_FW_H

#include "core/netmodel.h"
#include "util/buf.h"
#include "util/err.h"

/* An upper bound on the rules one import may produce once user chains are
   inlined and sets expanded: a ruleset beyond it is refused rather than
   allowed to exhaust memory. */
#define FW_RULES_LIMIT 200000

struct fw_cond {
	/* Interface names; NULL: any.  A name ending in '+' matches every
	   name that begins with the rest (iptables "eth+", nft "eth*"). */
	char *iif, *oif;
	int has_src, has_dst;
	struct net_prefix src, dst;
	int family;              /* 0 both, 4 or 6: the table's address family */
	enum net_proto proto;    /* PROTO_ANY: no condition */
	int proto_number;        /* for PROTO_OTHER: the number, or -1 */
	struct net_ports dports; /* any = 1: no condition */
	int inexact;             /* a condition the model cannot express narrows it */
	int never_new;           /* matches no packet that opens a connection */
};

void fw_cond_init(struct fw_cond *c);
void fw_cond_free(struct fw_cond *c);
void fw_cond_copy(struct fw_cond *dst, const struct fw_cond *src);
/* No condition at all: matches every packet. */
int fw_cond_is_all(const struct fw_cond *c);
/* out = a and b; 0, or -1 (out left empty) when no packet matches both. */
int fw_cond_meet(const struct fw_cond *a, const struct fw_cond *b, struct fw_cond *out);

/* "tcp", "udp", "icmp", "ipv6-icmp", "all", a number: into c (0), -1 unknown. */
int fw_proto_set(struct fw_cond *c, const char *name);
/* Adds the range lo..hi to a port list that starts as any. */
void fw_ports_add(struct net_ports *p, unsigned lo, unsigned hi);

/* The rules an import builds before it commits them all at once. */
struct fw_rules {
	const struct netmodel *m;
	size_t fw;
	int mixed_families; /* both an IPv4 and an IPv6 rule set are imported */
	size_t n, cap;
	struct net_rule *v;
};

void fw_rules_init(struct fw_rules *r, const struct netmodel *m, size_t fw);
/*
 * Appends the model rules for one firewall rule with conditions c and the
 * verdict allow (1) or deny (0), applying the safety principle: interfaces
 * become the places the firewall's "interfaces" map names (one rule per
 * place a wildcard matches), addresses become prefixes.  origin is the
 * rule's origin text; notes on approximations are added to it.  Fails
 * only past FW_RULES_LIMIT.
 */
int fw_rules_emit(struct fw_rules *r, const struct fw_cond *c, int allow, const char *origin,
		  struct err *e);
/* Moves the rules into the firewall (they get ids "fw1#N"). */
void fw_rules_commit(struct netmodel *m, struct fw_rules *r);
void fw_rules_free(struct fw_rules *r);

#endif
