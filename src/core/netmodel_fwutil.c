/*
 * netmodel_fwutil.c — conditions of imported firewall rules and how they
 * become model rules (netmodel_fw.h states the safety principle).
 */
#include <stdlib.h>
#include <string.h>

#include "core/netmodel_fw.h"

void fw_cond_init(struct fw_cond *c)
{
	memset(c, 0, sizeof *c);
	c->proto = PROTO_ANY;
	c->proto_number = -1;
	c->dports.any = 1;
}

void fw_cond_free(struct fw_cond *c)
{
	free(c->iif);
	free(c->oif);
	free(c->dports.v);
	fw_cond_init(c);
}

static void ports_copy(struct net_ports *dst, const struct net_ports *src)
{
	*dst = *src;
	dst->v = NULL;
	if (src->n) {
		dst->v = xmalloc(src->n * sizeof *src->v);
		memcpy(dst->v, src->v, src->n * sizeof *src->v);
	}
}

void fw_cond_copy(struct fw_cond *dst, const struct fw_cond *src)
{
	*dst = *src;
	dst->iif = src->iif ? xstrdup(src->iif) : NULL;
	dst->oif = src->oif ? xstrdup(src->oif) : NULL;
	ports_copy(&dst->dports, &src->dports);
}

int fw_cond_is_all(const struct fw_cond *c)
{
	return !c->iif && !c->oif && !c->has_src && !c->has_dst && c->proto == PROTO_ANY &&
	       c->dports.any && !c->inexact && !c->never_new;
}

void fw_ports_add(struct net_ports *p, unsigned lo, unsigned hi)
{
	if (p->any) {
		p->any = 0;
		p->n = 0;
	}
	p->v = xrealloc(p->v, (p->n + 1) * sizeof *p->v);
	p->v[p->n].lo = (uint16_t)lo;
	p->v[p->n].hi = (uint16_t)hi;
	p->n++;
}

int fw_proto_set(struct fw_cond *c, const char *name)
{
	static const struct {
		const char *name;
		enum net_proto proto;
		int number;
	} names[] = {
		{"tcp", PROTO_TCP, 6},	    {"udp", PROTO_UDP, 17},	  {"icmp", PROTO_ICMP, 1},
		{"ipv6-icmp", PROTO_ICMP, 58}, {"icmpv6", PROTO_ICMP, 58}, {"all", PROTO_ANY, 0},
		{"6", PROTO_TCP, 6},	    {"17", PROTO_UDP, 17},	  {"1", PROTO_ICMP, 1},
		{"58", PROTO_ICMP, 58},	    {"0", PROTO_ANY, 0},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, name) == 0) {
			c->proto = names[i].proto;
			c->proto_number = names[i].number;
			return 0;
		}
	static const struct {
		const char *name;
		int number;
	} others[] = {{"sctp", 132}, {"gre", 47}, {"esp", 50}, {"ah", 51}, {"udplite", 136},
		      {"dccp", 33},  {"ipip", 4}, {"ospf", 89}, {"vrrp", 112}, {"igmp", 2}};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		if (strcmp(others[i].name, name) == 0) {
			c->proto = PROTO_OTHER;
			c->proto_number = others[i].number;
			return 0;
		}
	char *end;
	long v = strtol(name, &end, 10);
	if (*name >= '0' && *name <= '9' && !*end && v >= 0 && v <= 255) {
		c->proto = PROTO_OTHER;
		c->proto_number = (int)v;
		return 0;
	}
	return -1;
}

/* The wildcard form "eth+": 1 and the length of the fixed part. */
static int iface_wild(const char *s, size_t *fixed)
{
	size_t n = strlen(s);
	*fixed = n && s[n - 1] == '+' ? n - 1 : n;
	return *fixed != n;
}

/* Whether an interface name (possibly a wildcard) from a rule covers the
   concrete name of the model's interfaces map. */
static int iface_matches(const char *rule, const char *name)
{
	size_t fixed;
	if (iface_wild(rule, &fixed))
		return strncmp(rule, name, fixed) == 0;
	return strcmp(rule, name) == 0;
}

/* The narrower of two interface conditions: 0 with *out set (NULL: any),
   or -1 when they exclude each other. */
static int iface_meet(const char *a, const char *b, char **out)
{
	*out = NULL;
	if (!a || !b) {
		const char *one = a ? a : b;
		*out = one ? xstrdup(one) : NULL;
		return 0;
	}
	size_t fa, fb;
	int wa = iface_wild(a, &fa), wb = iface_wild(b, &fb);
	if (!wa && !wb)
		return strcmp(a, b) == 0 ? (*out = xstrdup(a), 0) : -1;
	if (wa && (!wb || fb >= fa))
		return strncmp(a, b, fa) == 0 ? (*out = xstrdup(b), 0) : -1;
	return strncmp(a, b, fb) == 0 ? (*out = xstrdup(a), 0) : -1;
}

static int prefix_meet(int has_a, const struct net_prefix *a, int has_b,
		       const struct net_prefix *b, int *has_out, struct net_prefix *out)
{
	*has_out = has_a || has_b;
	if (!has_a || !has_b) {
		if (*has_out)
			*out = has_a ? *a : *b;
		return 0;
	}
	if (net_prefix_contains(a, b))
		*out = *b;
	else if (net_prefix_contains(b, a))
		*out = *a;
	else
		return -1;
	return 0;
}

static int ports_meet(const struct net_ports *a, const struct net_ports *b, struct net_ports *out)
{
	if (a->any || b->any) {
		ports_copy(out, a->any ? b : a);
		return 0;
	}
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++) {
			unsigned lo = a->v[i].lo > b->v[j].lo ? a->v[i].lo : b->v[j].lo;
			unsigned hi = a->v[i].hi < b->v[j].hi ? a->v[i].hi : b->v[j].hi;
			if (lo <= hi)
				fw_ports_add(out, lo, hi);
		}
	return out->n ? 0 : -1;
}

static int proto_meet(const struct fw_cond *a, const struct fw_cond *b, struct fw_cond *out)
{
	if (a->proto == PROTO_ANY || b->proto == PROTO_ANY) {
		const struct fw_cond *one = a->proto == PROTO_ANY ? b : a;
		out->proto = one->proto;
		out->proto_number = one->proto_number;
		return 0;
	}
	if (a->proto != b->proto)
		return -1;
	if (a->proto_number >= 0 && b->proto_number >= 0 && a->proto_number != b->proto_number &&
	    a->proto != PROTO_ICMP)
		return -1;
	out->proto = a->proto;
	out->proto_number = a->proto_number;
	return 0;
}

int fw_cond_meet(const struct fw_cond *a, const struct fw_cond *b, struct fw_cond *out)
{
	fw_cond_init(out);
	if (a->family && b->family && a->family != b->family)
		return -1;
	out->family = a->family ? a->family : b->family;
	out->inexact = a->inexact || b->inexact;
	out->never_new = a->never_new || b->never_new;
	if (prefix_meet(a->has_src, &a->src, b->has_src, &b->src, &out->has_src, &out->src) ||
	    prefix_meet(a->has_dst, &a->dst, b->has_dst, &b->dst, &out->has_dst, &out->dst) ||
	    proto_meet(a, b, out))
		return -1;
	out->dports.any = 0;
	if (ports_meet(&a->dports, &b->dports, &out->dports) || iface_meet(a->iif, b->iif, &out->iif) ||
	    iface_meet(a->oif, b->oif, &out->oif)) {
		fw_cond_free(out);
		return -1;
	}
	return 0;
}

void fw_rules_init(struct fw_rules *r, const struct netmodel *m, size_t fw)
{
	memset(r, 0, sizeof *r);
	r->m = m;
	r->fw = fw;
}

void fw_rules_free(struct fw_rules *r)
{
	for (size_t i = 0; i < r->n; i++)
		net_rule_free(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

static int prefixes_contain(const struct net_prefixes *ps, const struct net_prefix *p)
{
	for (size_t i = 0; i < ps->n; i++)
		if (net_prefix_contains(&ps->v[i], p))
			return 1;
	return 0;
}

/* Whether every address of p lies in the place an interface leads to, so
   that naming p alone says no more than "p, arriving through it". */
static int place_contains(const struct netmodel *m, const struct net_endpoint *place,
			  const struct net_prefix *p)
{
	switch (place->kind) {
	case EP_ANY:
		return 1;
	case EP_SEGMENT:
		return place->index < m->nsegments && prefixes_contain(&m->segments[place->index].cidrs, p);
	case EP_HOST:
		return place->index < m->nhosts && prefixes_contain(&m->hosts[place->index].addresses, p);
	case EP_PEER:
		return place->index < m->npeers && prefixes_contain(&m->peers[place->index].addresses, p);
	case EP_ZONE:
		for (size_t i = 0; i < m->nsegments; i++)
			if (m->segments[i].zone == place->index &&
			    prefixes_contain(&m->segments[i].cidrs, p))
				return 1;
		return 0;
	case EP_PREFIX:
		return prefixes_contain(&place->pfx, p);
	}
	return 0;
}

static void endpoint_copy(struct net_endpoint *dst, const struct net_endpoint *src)
{
	*dst = *src;
	dst->pfx.v = NULL;
	if (src->pfx.n) {
		dst->pfx.v = xmalloc(src->pfx.n * sizeof *src->pfx.v);
		memcpy(dst->pfx.v, src->pfx.v, src->pfx.n * sizeof *src->pfx.v);
	}
	dst->text = src->text ? xstrdup(src->text) : NULL;
}

static void endpoint_prefix(struct net_endpoint *ep, const struct net_prefix *p)
{
	char text[64];
	net_prefix_format(p, text);
	memset(ep, 0, sizeof *ep);
	ep->kind = EP_PREFIX;
	ep->pfx.n = 1;
	ep->pfx.v = xmalloc(sizeof *p);
	ep->pfx.v[0] = *p;
	ep->text = xstrdup(text);
}

static void endpoint_any(struct net_endpoint *ep)
{
	memset(ep, 0, sizeof *ep);
	ep->kind = EP_ANY;
	ep->text = xstrdup("any");
}

struct side {
	size_t n;
	struct net_endpoint v[64];
	int capped; /* more places than v holds: read as any */
};

/* The places one side of a rule (interface and address) stands for.  An
   empty list means the rule cannot be represented safely (a deny only). */
static void side_places(const struct fw_rules *r, const char *ifname, int has_addr,
			const struct net_prefix *addr, int allow, struct side *s, struct buf *note)
{
	const struct netmodel *m = r->m;
	const struct net_firewall *f = &m->firewalls[r->fw];
	s->n = 0;
	s->capped = 0;
	if (!ifname) {
		if (has_addr)
			endpoint_prefix(&s->v[s->n++], addr);
		else
			endpoint_any(&s->v[s->n++]);
		return;
	}
	size_t matched = 0;
	for (size_t i = 0; i < f->nifaces; i++) {
		if (!iface_matches(ifname, f->ifaces[i].name))
			continue;
		matched++;
		const struct net_endpoint *place = &f->ifaces[i].place;
		if (s->n == sizeof s->v / sizeof s->v[0]) {
			s->capped = 1;
			break;
		}
		if (!has_addr)
			endpoint_copy(&s->v[s->n++], place);
		else if (place_contains(m, place, addr))
			endpoint_prefix(&s->v[s->n++], addr);
		else if (allow) /* where the packet really comes from, forged or not */
			endpoint_copy(&s->v[s->n++], place);
	}
	if (matched == 0 && allow) {
		buf_printf(note, " [インタフェース「%s」は interfaces にないため、どこでもよいとみなす]",
			   ifname);
		if (has_addr)
			endpoint_prefix(&s->v[s->n++], addr);
		else
			endpoint_any(&s->v[s->n++]);
	}
	if (s->capped) {
		for (size_t i = 0; i < s->n; i++)
			net_endpoint_free(&s->v[i]);
		s->n = 0;
		if (allow)
			endpoint_any(&s->v[s->n++]);
	}
}

static void side_free(struct side *s)
{
	for (size_t i = 0; i < s->n; i++)
		net_endpoint_free(&s->v[i]);
	s->n = 0;
}

static void push_rule(struct fw_rules *r, const struct net_endpoint *from,
		      const struct net_endpoint *to, const struct fw_cond *c, int allow,
		      const char *origin)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	struct net_rule *nr = &r->v[r->n++];
	memset(nr, 0, sizeof *nr);
	nr->allow = allow;
	endpoint_copy(&nr->from, from);
	endpoint_copy(&nr->to, to);
	nr->proto = c->proto == PROTO_OTHER ? PROTO_ANY : c->proto;
	ports_copy(&nr->ports, &c->dports);
	nr->origin = xstrdup(origin);
}

int fw_rules_emit(struct fw_rules *r, const struct fw_cond *c, int allow, const char *origin,
		  struct err *e)
{
	if (c->never_new)
		return 0;
	/* A rule of one address family with no address to show it: the model
	   cannot say "IPv4 only", so a deny of it would cover the other family. */
	int family_unsaid = r->mixed_families && c->family && !c->has_src && !c->has_dst;
	/* The model names tcp, udp and icmp only: another protocol (gre, esp…)
	   widens an allow to any protocol and cannot carry a deny. */
	int other = c->proto == PROTO_OTHER;
	if (!allow && (c->inexact || family_unsaid || other))
		return 0;
	struct buf note = BUF_INIT;
	buf_puts(&note, origin);
	if (allow && (c->inexact || other))
		buf_puts(&note, " [表せない条件を除いて広めに解釈]");
	struct side from, to;
	side_places(r, c->iif, c->has_src, &c->src, allow, &from, &note);
	side_places(r, c->oif, c->has_dst, &c->dst, allow, &to, &note);
	int rc = 0;
	if (r->n + from.n * to.n > FW_RULES_LIMIT) {
		rc = err_set(e, ERR_INPUT,
			     "展開した規則が %d 件を超えます（ユーザ定義チェーンやセットの組合せが多すぎます）",
			     FW_RULES_LIMIT);
	} else {
		for (size_t i = 0; i < from.n; i++)
			for (size_t j = 0; j < to.n; j++)
				push_rule(r, &from.v[i], &to.v[j], c, allow, buf_str(&note));
	}
	side_free(&from);
	side_free(&to);
	buf_free(&note);
	return rc;
}

void fw_rules_commit(struct netmodel *m, struct fw_rules *r)
{
	struct net_firewall *f = &m->firewalls[r->fw];
	f->rules = xrealloc(f->rules, (f->nrules + r->n + 1) * sizeof *f->rules);
	for (size_t i = 0; i < r->n; i++) {
		struct net_rule *nr = &f->rules[f->nrules];
		*nr = r->v[i];
		nr->id = xasprintf("%s#%zu", f->name ? f->name : "fw", f->nrules + 1);
		f->nrules++;
	}
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}
