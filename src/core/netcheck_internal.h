/*
 * netcheck_internal.h — what the checker's files share: the places of a
 * model, each firewall's verdict per pair of places, and the reachability
 * matrices (docs/netcheck.md, "検査の考え方").
 */
#ifndef MAMORI_NETCHECK_INTERNAL_H
#define MAMORI_NETCHECK_INTERNAL_H

#include <stdint.h>

#include "core/netcheck.h"

/* Places are numbered segments first, then peers, then the hosts that
   matter on their own; segments and peers are the nodes traffic crosses,
   hosts are only ends (a relay forwards by the closure, not by routing). */
enum place_kind { PL_SEGMENT, PL_PEER, PL_HOST };

struct place {
	enum place_kind kind;
	size_t index; /* into segments, peers or hosts */
	long zone;    /* the zone (a host's first segment's), or -1 for peers */
};

/* A firewall's verdict for (src, dst): FW_NONE, FW_DEFAULT, or the index
   of the first allow rule that opens the pair. */
enum { FW_NONE = -1, FW_DEFAULT = -2 };

struct nc {
	const struct netmodel *m;
	size_t np, ntransit; /* places; the first ntransit are segments and peers */
	struct place *pl;
	long *host_place;   /* host → its own place, or -1 (its segment stands for it) */
	int32_t **fw_allow; /* [firewall][src * np + dst] */
	/* adjacency of the transit nodes: link indexes touching each node */
	size_t *adj_start, *adj; /* CSR: adj[adj_start[n] .. adj_start[n+1]) */
	unsigned char *direct;   /* [src * np + dst]: through links and rules alone */
	unsigned char *plain;    /* also through relays that do not sanitise */
	unsigned char *all;      /* also through 無害化装置 and 画面転送装置 */
	int32_t *via_plain, *via_all; /* the relay place of the closure, or -1 */
	struct netcheck_result *r;
};

/* netcheck_places.c */
void nc_places(struct nc *c);
/* The places endpoint ep touches (cover = 0) or wholly covers (cover = 1),
   into out (room for np); returns how many. */
size_t nc_endpoint_places(const struct nc *c, const struct net_endpoint *ep, int cover,
			  size_t *out);

/* netcheck_reach.c */
void nc_firewalls(struct nc *c);
void nc_reach(struct nc *c);
void nc_free(struct nc *c);
int nc_sanitizing(const struct nc *c, size_t place);
int nc_relay(const struct nc *c, size_t place);
const char *nc_place_name(const struct nc *c, size_t place);
/* A place's transit nodes: the segment or peer itself, or a host's
   segments; returns how many were written to out (room for 1 + nextra). */
size_t nc_place_nodes(const struct nc *c, size_t place, size_t *out);
/* One path from src to dst, in words, naming firewalls and rule ids:
   "seg-a →〔fw1: r3〕→ seg-b" (relays included).  Appends to out. */
void nc_describe(const struct nc *c, size_t src, size_t dst, int allow_sanitizer, struct buf *out);
/* The same for a direct path that does not cross the nodes marked in skip. */
void nc_describe_avoiding(const struct nc *c, size_t src, size_t dst, const unsigned char *skip,
			  struct buf *out);
/* Marks the firewalls on some usable path from src to dst (on[fw] = 1);
   returns 1 when a path exists that passes no firewall at all. */
int nc_path_firewalls(const struct nc *c, size_t src, size_t dst, unsigned char *on);
/* Whether src reaches dst directly while the transit nodes marked in
   skip are not crossed, and (when only_open) only over unfiltered links. */
int nc_reaches_avoiding(const struct nc *c, size_t src, size_t dst, const unsigned char *skip,
			int only_open);
/* Whether endpoint ep of a rule touches place p (any overlap). */
int nc_touches(const struct nc *c, const struct net_endpoint *ep, size_t p);

/* netcheck.c */
void nc_violation(struct nc *c, const char *control, const char *rule, const char *from,
		  const char *to, char *message);

/* netcheck_rules.c */
void nc_rules(struct nc *c, const char *today);

#endif
