/*
 * netcheck_reach.c — what reaches what.  Each firewall's rules are read
 * once into a verdict per pair of places; then a pair is reachable when a
 * path of links joins them on which every firewall lets that pair through
 * (addresses are end to end: no NAT); relays then join paths (src → relay
 * and relay → dst), once with every relay and once without the sanitising
 * ones, so "only through a 無害化装置" is the difference of the two.
 */
#include <stdlib.h>
#include <string.h>

#include "core/netcheck_internal.h"

/* One firewall's rules in order, first match wins.  A deny settles a pair
   only when it covers both places wholly, for every protocol and port;
   narrower denies are ignored, which can only add reachability. */
static void firewall_matrix(struct nc *c, const struct net_firewall *fw, int32_t *allow,
			    size_t *from, size_t *to)
{
	size_t np = c->np;
	unsigned char *settled = xcalloc(np * np + 1, 1);
	for (size_t i = 0; i < np * np; i++)
		allow[i] = FW_NONE;
	for (size_t k = 0; k < fw->nrules; k++) {
		const struct net_rule *r = &fw->rules[k];
		int full_deny = !r->allow && r->proto == PROTO_ANY && r->ports.any;
		if (!r->allow && !full_deny)
			continue;
		size_t nf = nc_endpoint_places(c, &r->from, full_deny, from);
		if (nf == 0)
			continue;
		size_t nt = nc_endpoint_places(c, &r->to, full_deny, to);
		for (size_t a = 0; a < nf; a++)
			for (size_t b = 0; b < nt; b++) {
				size_t cell = from[a] * np + to[b];
				if (settled[cell] || from[a] == to[b])
					continue;
				settled[cell] = 1;
				if (r->allow)
					allow[cell] = (int32_t)k;
			}
	}
	if (fw->default_allow)
		for (size_t i = 0; i < np * np; i++)
			if (!settled[i])
				allow[i] = FW_DEFAULT;
	free(settled);
}

void nc_firewalls(struct nc *c)
{
	const struct netmodel *m = c->m;
	size_t *from = xcalloc(c->np + 1, sizeof *from), *to = xcalloc(c->np + 1, sizeof *to);
	c->fw_allow = xcalloc(m->nfirewalls + 1, sizeof *c->fw_allow);
	/* only firewalls that stand on a link filter anything */
	for (size_t l = 0; l < m->nlinks; l++) {
		long f = m->links[l].firewall;
		if (f < 0 || c->fw_allow[f])
			continue;
		c->fw_allow[f] = xcalloc(c->np * c->np + 1, sizeof **c->fw_allow);
		firewall_matrix(c, &m->firewalls[f], c->fw_allow[f], from, to);
	}
	free(from);
	free(to);
}

static size_t link_node(const struct nc *c, const struct net_endpoint *ep)
{
	return ep->kind == EP_PEER ? c->m->nsegments + ep->index : ep->index;
}

static void adjacency(struct nc *c)
{
	const struct netmodel *m = c->m;
	c->adj_start = xcalloc(c->ntransit + 2, sizeof *c->adj_start);
	c->adj = xcalloc(2 * m->nlinks + 1, sizeof *c->adj);
	for (size_t l = 0; l < m->nlinks; l++) {
		c->adj_start[link_node(c, &m->links[l].a) + 1]++;
		c->adj_start[link_node(c, &m->links[l].b) + 1]++;
	}
	for (size_t n = 0; n < c->ntransit; n++)
		c->adj_start[n + 1] += c->adj_start[n];
	size_t *fill = xcalloc(c->ntransit + 1, sizeof *fill);
	for (size_t l = 0; l < m->nlinks; l++) {
		size_t a = link_node(c, &m->links[l].a), b = link_node(c, &m->links[l].b);
		c->adj[c->adj_start[a] + fill[a]++] = l;
		c->adj[c->adj_start[b] + fill[b]++] = l;
	}
	free(fill);
}

/* Scratch space of one search over the transit nodes. */
struct walk {
	unsigned char *seen, *goal;
	size_t *queue;
	long *via_link; /* the link a node was reached by, for paths */
};

static void walk_init(struct walk *w, size_t n)
{
	w->seen = xcalloc(n + 1, 1);
	w->goal = xcalloc(n + 1, 1);
	w->queue = xcalloc(n + 1, sizeof *w->queue);
	w->via_link = xcalloc(n + 1, sizeof *w->via_link);
}

static void walk_free(struct walk *w)
{
	free(w->seen);
	free(w->goal);
	free(w->queue);
	free(w->via_link);
}

static int link_open(const struct nc *c, size_t l, size_t src, size_t dst, int only_open)
{
	long f = c->m->links[l].firewall;
	if (f < 0)
		return 1;
	return !only_open && c->fw_allow[f][src * c->np + dst] != FW_NONE;
}

static size_t link_other(const struct nc *c, size_t l, size_t node)
{
	size_t a = link_node(c, &c->m->links[l].a);
	return a == node ? link_node(c, &c->m->links[l].b) : a;
}

/* Breadth-first from src's nodes; returns the goal node reached + 1, or 0.
   Nodes marked in skip are not crossed (they may still start or end). */
static size_t search(const struct nc *c, struct walk *w, size_t src, size_t dst,
		     const unsigned char *skip, int only_open)
{
	size_t nodes[64], n, head = 0, tail = 0, found = 0;
	memset(w->seen, 0, c->ntransit);
	memset(w->goal, 0, c->ntransit);
	size_t extra_nodes = c->pl[dst].kind == PL_HOST ? c->m->hosts[c->pl[dst].index].nextra : 0;
	size_t *dn = extra_nodes + 1 > 64 ? xcalloc(extra_nodes + 1, sizeof *dn) : nodes;
	n = nc_place_nodes(c, dst, dn);
	for (size_t i = 0; i < n; i++)
		w->goal[dn[i]] = 1;
	if (dn != nodes)
		free(dn);
	size_t extra_src = c->pl[src].kind == PL_HOST ? c->m->hosts[c->pl[src].index].nextra : 0;
	size_t *sn = extra_src + 1 > 64 ? xcalloc(extra_src + 1, sizeof *sn) : nodes;
	n = nc_place_nodes(c, src, sn);
	for (size_t i = 0; i < n; i++) {
		if (w->goal[sn[i]]) {
			w->via_link[sn[i]] = -1;
			found = sn[i] + 1;
			break;
		}
		if (!w->seen[sn[i]]) {
			w->seen[sn[i]] = 1;
			w->via_link[sn[i]] = -1;
			w->queue[tail++] = sn[i];
		}
	}
	if (sn != nodes)
		free(sn);
	while (!found && head < tail) {
		size_t u = w->queue[head++];
		if (skip && skip[u] && w->via_link[u] >= 0)
			continue;
		for (size_t k = c->adj_start[u]; k < c->adj_start[u + 1] && !found; k++) {
			size_t l = c->adj[k], v = link_other(c, l, u);
			if (w->seen[v] || !link_open(c, l, src, dst, only_open))
				continue;
			w->seen[v] = 1;
			w->via_link[v] = (long)l;
			if (w->goal[v])
				found = v + 1;
			else
				w->queue[tail++] = v;
		}
	}
	return found;
}

int nc_reaches_avoiding(const struct nc *c, size_t src, size_t dst, const unsigned char *skip,
			int only_open)
{
	struct walk w;
	walk_init(&w, c->ntransit);
	int found = search(c, &w, src, dst, skip, only_open) != 0;
	walk_free(&w);
	return found;
}

/* Joins paths through relays (Floyd–Warshall over the relay places). */
static void closure(struct nc *c, unsigned char *r, int32_t *via, int with_sanitizers)
{
	size_t np = c->np;
	for (size_t k = 0; k < np; k++) {
		if (!nc_relay(c, k) || (!with_sanitizers && nc_sanitizing(c, k)))
			continue;
		for (size_t s = 0; s < np; s++) {
			if (s == k || !r[s * np + k])
				continue;
			for (size_t d = 0; d < np; d++)
				if (d != s && d != k && r[k * np + d] && !r[s * np + d]) {
					r[s * np + d] = 1;
					via[s * np + d] = (int32_t)k;
				}
		}
	}
}

void nc_reach(struct nc *c)
{
	size_t np = c->np;
	adjacency(c);
	c->direct = xcalloc(np * np + 1, 1);
	struct walk w;
	walk_init(&w, c->ntransit);
	for (size_t s = 0; s < np; s++)
		for (size_t d = 0; d < np; d++)
			if (s != d)
				c->direct[s * np + d] = search(c, &w, s, d, NULL, 0) != 0;
	walk_free(&w);
	c->plain = xmalloc(np * np + 1);
	c->all = xmalloc(np * np + 1);
	memcpy(c->plain, c->direct, np * np);
	memcpy(c->all, c->direct, np * np);
	c->via_plain = xmalloc((np * np + 1) * sizeof *c->via_plain);
	c->via_all = xmalloc((np * np + 1) * sizeof *c->via_all);
	for (size_t i = 0; i < np * np; i++)
		c->via_plain[i] = c->via_all[i] = -1;
	closure(c, c->plain, c->via_plain, 0);
	closure(c, c->all, c->via_all, 1);
}

static void describe_direct(const struct nc *c, size_t src, size_t dst, const unsigned char *skip,
			    struct buf *out)
{
	struct walk w;
	walk_init(&w, c->ntransit);
	size_t end = search(c, &w, src, dst, skip, 0);
	if (!end) {
		walk_free(&w);
		return;
	}
	/* collect the links from the end back to the start */
	size_t n = 0, node = end - 1;
	size_t *links = xcalloc(c->ntransit + 1, sizeof *links);
	while (w.via_link[node] >= 0 && n < c->ntransit) {
		links[n++] = (size_t)w.via_link[node];
		node = link_other(c, (size_t)w.via_link[node], node);
	}
	buf_puts(out, nc_place_name(c, src));
	if (c->pl[src].kind == PL_HOST && n > 0)
		buf_printf(out, " → %s", nc_place_name(c, node));
	for (size_t i = n; i-- > 0;) {
		size_t l = links[i];
		long f = c->m->links[l].firewall;
		node = link_other(c, l, node);
		if (f >= 0) {
			int32_t k = c->fw_allow[f][src * c->np + dst];
			const struct net_firewall *fw = &c->m->firewalls[f];
			if (k == FW_DEFAULT)
				buf_printf(out, " →〔%s の既定の方針 allow〕→ ", fw->name);
			else
				buf_printf(out, " →〔%s の規則 %s〕→ ", fw->name, fw->rules[k].id);
		} else {
			buf_puts(out, " → ");
		}
		buf_puts(out, c->m->nsegments > node ? c->m->segments[node].id
						     : c->m->peers[node - c->m->nsegments].id);
	}
	if (c->pl[dst].kind == PL_HOST || (n == 0 && c->pl[src].kind == PL_HOST))
		buf_printf(out, " → %s", nc_place_name(c, dst));
	free(links);
	walk_free(&w);
}

void nc_describe(const struct nc *c, size_t src, size_t dst, int allow_sanitizer, struct buf *out)
{
	const int32_t *via = allow_sanitizer ? c->via_all : c->via_plain;
	int32_t k = via[src * c->np + dst];
	if (k < 0) {
		describe_direct(c, src, dst, NULL, out);
		return;
	}
	nc_describe(c, src, (size_t)k, allow_sanitizer, out);
	buf_puts(out, "（中継）");
	struct buf rest = BUF_INIT;
	nc_describe(c, (size_t)k, dst, allow_sanitizer, &rest);
	/* the second part starts with the relay's name again */
	const char *s = buf_str(&rest);
	size_t skip = strlen(nc_place_name(c, (size_t)k));
	buf_puts(out, strlen(s) >= skip ? s + skip : s);
	buf_free(&rest);
}

void nc_describe_avoiding(const struct nc *c, size_t src, size_t dst, const unsigned char *skip,
			  struct buf *out)
{
	describe_direct(c, src, dst, skip, out);
}

/* Marks in seen every transit node reachable from place p's nodes over
   links open to the pair (src, dst). */
static void flood(const struct nc *c, unsigned char *seen, size_t *queue, size_t p, size_t src,
		  size_t dst)
{
	size_t head = 0, tail = 0;
	size_t n = c->pl[p].kind == PL_HOST ? c->m->hosts[c->pl[p].index].nextra + 1 : 1;
	size_t *nodes = xcalloc(n, sizeof *nodes);
	n = nc_place_nodes(c, p, nodes);
	for (size_t i = 0; i < n; i++)
		if (!seen[nodes[i]]) {
			seen[nodes[i]] = 1;
			queue[tail++] = nodes[i];
		}
	free(nodes);
	while (head < tail) {
		size_t u = queue[head++];
		for (size_t k = c->adj_start[u]; k < c->adj_start[u + 1]; k++) {
			size_t l = c->adj[k], v = link_other(c, l, u);
			if (!seen[v] && link_open(c, l, src, dst, 0)) {
				seen[v] = 1;
				queue[tail++] = v;
			}
		}
	}
}

int nc_path_firewalls(const struct nc *c, size_t src, size_t dst, unsigned char *on)
{
	unsigned char *fwd = xcalloc(c->ntransit + 1, 1), *back = xcalloc(c->ntransit + 1, 1);
	size_t *queue = xcalloc(c->ntransit + 1, sizeof *queue);
	flood(c, fwd, queue, src, src, dst);
	flood(c, back, queue, dst, src, dst);
	for (size_t l = 0; l < c->m->nlinks; l++) {
		long f = c->m->links[l].firewall;
		size_t a = link_node(c, &c->m->links[l].a), b = link_node(c, &c->m->links[l].b);
		if (f >= 0 && link_open(c, l, src, dst, 0) &&
		    ((fwd[a] && back[b]) || (fwd[b] && back[a])))
			on[f] = 1;
	}
	free(fwd);
	free(back);
	free(queue);
	return nc_reaches_avoiding(c, src, dst, NULL, 1);
}

void nc_free(struct nc *c)
{
	if (c->fw_allow)
		for (size_t f = 0; f < c->m->nfirewalls; f++)
			free(c->fw_allow[f]);
	free(c->fw_allow);
	free(c->pl);
	free(c->host_place);
	free(c->adj_start);
	free(c->adj);
	free(c->direct);
	free(c->plain);
	free(c->all);
	free(c->via_plain);
	free(c->via_all);
}
