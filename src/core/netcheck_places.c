/*
 * netcheck_places.c — the places of a model and which places a rule's
 * from/to stands for.  A rule "touches" a place when some of the traffic it
 * matches may come from (or go to) it, and "covers" it when all of the
 * place's traffic is matched; allows are read by touch and denies by cover,
 * so every approximation errs towards reporting reachability.
 */
#include <stdlib.h>
#include <string.h>

#include "core/netcheck_internal.h"

/* Hosts that are places of their own; the rest are represented by their
   segment, which keeps the all-pairs work small with many hosts. */
static int host_is_place(const struct net_host *h)
{
	switch (h->role) {
	case ROLE_RELAY:
	case ROLE_SANITIZER:
	case ROLE_SCREEN_TRANSFER:
	case ROLE_UPDATE_SERVER:
	case ROLE_PUBLIC_SERVER:
		return 1;
	default:
		return h->nextra > 0;
	}
}

void nc_places(struct nc *c)
{
	const struct netmodel *m = c->m;
	c->ntransit = m->nsegments + m->npeers;
	c->pl = xcalloc(c->ntransit + m->nhosts + 1, sizeof *c->pl);
	c->host_place = xcalloc(m->nhosts + 1, sizeof *c->host_place);
	size_t n = 0;
	for (size_t i = 0; i < m->nsegments; i++)
		c->pl[n++] = (struct place){PL_SEGMENT, i, (long)m->segments[i].zone};
	for (size_t i = 0; i < m->npeers; i++)
		c->pl[n++] = (struct place){PL_PEER, i, -1};
	for (size_t i = 0; i < m->nhosts; i++) {
		c->host_place[i] = -1;
		if (!host_is_place(&m->hosts[i]))
			continue;
		c->host_place[i] = (long)n;
		c->pl[n++] = (struct place){PL_HOST, i, (long)m->segments[m->hosts[i].segment].zone};
	}
	c->np = n;
}

const char *nc_place_name(const struct nc *c, size_t p)
{
	const struct place *pl = &c->pl[p];
	switch (pl->kind) {
	case PL_SEGMENT: return c->m->segments[pl->index].id;
	case PL_PEER: return c->m->peers[pl->index].id;
	default: return c->m->hosts[pl->index].name;
	}
}

size_t nc_place_nodes(const struct nc *c, size_t p, size_t *out)
{
	const struct place *pl = &c->pl[p];
	if (pl->kind != PL_HOST) {
		out[0] = p;
		return 1;
	}
	const struct net_host *h = &c->m->hosts[pl->index];
	out[0] = h->segment;
	for (size_t k = 0; k < h->nextra; k++)
		out[k + 1] = h->extra_segments[k];
	return h->nextra + 1;
}

int nc_relay(const struct nc *c, size_t p)
{
	if (c->pl[p].kind != PL_HOST)
		return 0;
	enum host_role r = c->m->hosts[c->pl[p].index].role;
	return r == ROLE_RELAY || r == ROLE_SANITIZER || r == ROLE_SCREEN_TRANSFER;
}

int nc_sanitizing(const struct nc *c, size_t p)
{
	if (c->pl[p].kind != PL_HOST)
		return 0;
	enum host_role r = c->m->hosts[c->pl[p].index].role;
	return r == ROLE_SANITIZER || r == ROLE_SCREEN_TRANSFER;
}

/* The prefixes a place owns: a segment's ranges, a peer's or host's
   addresses. */
static const struct net_prefixes *place_prefixes(const struct nc *c, size_t p)
{
	const struct place *pl = &c->pl[p];
	switch (pl->kind) {
	case PL_SEGMENT: return &c->m->segments[pl->index].cidrs;
	case PL_PEER: return &c->m->peers[pl->index].addresses;
	default: return &c->m->hosts[pl->index].addresses;
	}
}

/* The prefix lies inside a single range the model knows; otherwise part
   of it is somewhere unnamed, which the address-less peers (インターネット)
   stand for. */
static int prefix_known(const struct nc *c, const struct net_prefix *x)
{
	for (size_t p = 0; p < c->ntransit; p++) {
		const struct net_prefixes *ps = place_prefixes(c, p);
		for (size_t i = 0; i < ps->n; i++)
			if (net_prefix_contains(&ps->v[i], x))
				return 1;
	}
	return 0;
}

static int any_overlap(const struct net_prefixes *ps, const struct net_prefix *x)
{
	for (size_t i = 0; i < ps->n; i++)
		if (net_prefix_overlaps(&ps->v[i], x))
			return 1;
	return 0;
}

static int all_inside(const struct net_prefixes *ps, const struct net_prefix *x)
{
	if (ps->n == 0)
		return x->len == 0;
	for (size_t i = 0; i < ps->n; i++)
		if (!net_prefix_contains(x, &ps->v[i]))
			return 0;
	return 1;
}

static int host_in_zone(const struct netmodel *m, const struct net_host *h, size_t z, int every)
{
	int hit = m->segments[h->segment].zone == z;
	for (size_t k = 0; k < h->nextra; k++) {
		int in = m->segments[h->extra_segments[k]].zone == z;
		hit = every ? hit && in : hit || in;
	}
	return hit;
}

static int host_in_segment(const struct net_host *h, size_t seg, int every)
{
	int hit = h->segment == seg;
	for (size_t k = 0; k < h->nextra; k++) {
		int in = h->extra_segments[k] == seg;
		hit = every ? hit && in : hit || in;
	}
	return hit;
}

/* The prefix lies wholly inside the addresses of a host that is a place of
   its own: a rule naming a relay's address is about the relay, not about
   every machine of the relay's segment. */
static int prefix_of_host_place(const struct nc *c, const struct net_prefix *x)
{
	for (size_t p = c->ntransit; p < c->np; p++) {
		const struct net_prefixes *ps = place_prefixes(c, p);
		for (size_t i = 0; i < ps->n; i++)
			if (net_prefix_contains(&ps->v[i], x))
				return 1;
	}
	return 0;
}

/* What is known of an endpoint's prefixes as a whole, worked out once per
   endpoint rather than once per place. */
enum { EP_KNOWN = 1, EP_HOST_ONLY = 2 };

/* Prefix endpoint and place p; flags are endpoint_flags of the endpoint. */
static int prefix_place(const struct nc *c, const struct net_prefix *x, size_t p, int cover,
			int flags)
{
	const struct place *pl = &c->pl[p];
	const struct net_prefixes *ps = place_prefixes(c, p);
	int known = flags & EP_KNOWN;
	if (cover)
		return ps->n > 0 ? all_inside(ps, x) : (pl->kind == PL_PEER && x->len == 0);
	if (pl->kind == PL_SEGMENT && (flags & EP_HOST_ONLY))
		return 0;
	if (ps->n > 0)
		return any_overlap(ps, x);
	if (pl->kind == PL_PEER)
		return !known;
	if (pl->kind == PL_HOST) { /* no addresses: as wide as its segments */
		const struct net_host *h = &c->m->hosts[pl->index];
		if (any_overlap(&c->m->segments[h->segment].cidrs, x))
			return 1;
		for (size_t k = 0; k < h->nextra; k++)
			if (any_overlap(&c->m->segments[h->extra_segments[k]].cidrs, x))
				return 1;
	}
	return 0;
}

static int endpoint_place(const struct nc *c, const struct net_endpoint *ep, size_t p, int cover,
			  int flags)
{
	const struct netmodel *m = c->m;
	const struct place *pl = &c->pl[p];
	switch (ep->kind) {
	case EP_ANY:
		return 1;
	case EP_ZONE:
		if (pl->kind == PL_SEGMENT)
			return m->segments[pl->index].zone == ep->index;
		return pl->kind == PL_HOST && host_in_zone(m, &m->hosts[pl->index], ep->index, cover);
	case EP_SEGMENT:
		if (pl->kind == PL_SEGMENT)
			return pl->index == ep->index;
		return pl->kind == PL_HOST && host_in_segment(&m->hosts[pl->index], ep->index, cover);
	case EP_PEER:
		return pl->kind == PL_PEER && pl->index == ep->index;
	case EP_HOST: {
		long own = c->host_place[ep->index];
		if (own >= 0)
			return (size_t)own == p;
		/* an ordinary host: its segment stands for it, never wholly */
		return !cover && pl->kind == PL_SEGMENT && m->hosts[ep->index].segment == pl->index;
	}
	case EP_PREFIX:
		for (size_t i = 0; i < ep->pfx.n; i++)
			if (prefix_place(c, &ep->pfx.v[i], p, cover, flags))
				return 1;
		return 0;
	}
	return 0;
}

static int endpoint_flags(const struct nc *c, const struct net_endpoint *ep)
{
	if (ep->kind != EP_PREFIX)
		return EP_KNOWN;
	int known = 1, host_only = ep->pfx.n > 0;
	for (size_t i = 0; i < ep->pfx.n; i++) {
		known = known && prefix_known(c, &ep->pfx.v[i]);
		host_only = host_only && prefix_of_host_place(c, &ep->pfx.v[i]);
	}
	return (known ? EP_KNOWN : 0) | (host_only ? EP_HOST_ONLY : 0);
}

int nc_touches(const struct nc *c, const struct net_endpoint *ep, size_t p)
{
	return endpoint_place(c, ep, p, 0, endpoint_flags(c, ep));
}

/* The places ep touches (cover = 0) or covers (cover = 1), into out;
   returns how many. */
size_t nc_endpoint_places(const struct nc *c, const struct net_endpoint *ep, int cover,
			  size_t *out)
{
	size_t n = 0;
	if (ep->kind == EP_PEER) {
		out[n++] = c->m->nsegments + ep->index;
		return n;
	}
	if (ep->kind == EP_HOST) {
		long own = c->host_place[ep->index];
		if (own >= 0)
			out[n++] = (size_t)own;
		else if (!cover)
			out[n++] = c->m->hosts[ep->index].segment;
		return n;
	}
	int flags = endpoint_flags(c, ep);
	for (size_t p = 0; p < c->np; p++)
		if (endpoint_place(c, ep, p, cover, flags))
			out[n++] = p;
	return n;
}
