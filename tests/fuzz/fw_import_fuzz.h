/*
 * fw_import_fuzz.h — what the iptables and nftables fuzz targets share: the
 * model built in code (one firewall with two interfaces, each in a segment)
 * and the promises of netmodel.h checked after every import.  A refusal sets
 * an ERR_INPUT message and appends nothing; a success gives every rule an
 * id, an origin and endpoints with text.  A broken promise traps.
 */
#ifndef MAMORI_FW_IMPORT_FUZZ_H
#define MAMORI_FW_IMPORT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/netmodel.h"
#include "util/buf.h"

/* The signature both importers share (netmodel_import_iptables, _nft_json). */
typedef int (*fw_importer)(struct netmodel *m, size_t fw, const char *text, size_t len,
			   const char *name, struct err *e);

static struct net_prefix fw_fuzz_pfx(const char *text)
{
	struct net_prefix p;
	if (net_prefix_parse(text, &p) != 0)
		__builtin_trap();
	return p;
}

static void fw_fuzz_segment(struct net_segment *s, const char *id, const char *cidr)
{
	s->id = xstrdup(id);
	s->cidrs.n = 1;
	s->cidrs.v = xmalloc(sizeof *s->cidrs.v);
	s->cidrs.v[0] = fw_fuzz_pfx(cidr);
}

static void fw_fuzz_iface(struct net_iface *f, const char *name, size_t seg, const char *text)
{
	f->name = xstrdup(name);
	f->place.kind = EP_SEGMENT;
	f->place.index = seg;
	f->place.text = xstrdup(text);
}

static void fw_fuzz_build(struct netmodel *m)
{
	memset(m, 0, sizeof *m);
	m->municipality = xstrdup("試験市");
	m->nzones = 1;
	m->zones = xcalloc(1, sizeof *m->zones);
	m->zones[0].id = xstrdup("z");
	m->nsegments = 2;
	m->segments = xcalloc(2, sizeof *m->segments);
	fw_fuzz_segment(&m->segments[0], "seg-a", "10.20.0.0/16");
	fw_fuzz_segment(&m->segments[1], "seg-b", "172.16.0.0/16");
	m->nfirewalls = 1;
	m->firewalls = xcalloc(1, sizeof *m->firewalls);
	struct net_firewall *f = &m->firewalls[0];
	f->name = xstrdup("fw1");
	f->nifaces = 2;
	f->ifaces = xcalloc(2, sizeof *f->ifaces);
	fw_fuzz_iface(&f->ifaces[0], "eth0", 0, "seg-a");
	fw_fuzz_iface(&f->ifaces[1], "eth1", 1, "seg-b");
}

static void fw_fuzz_check(const struct netmodel *m, int rc, const struct err *e)
{
	const struct net_firewall *f = &m->firewalls[0];
	if (rc != 0) {
		if (rc != ERR_INPUT || e->code != rc || !e->msg[0] || f->nrules != 0)
			__builtin_trap();
		return;
	}
	for (size_t i = 0; i < f->nrules; i++) {
		const struct net_rule *r = &f->rules[i];
		if (!r->id || !r->origin || !r->from.text || !r->to.text ||
		    (!r->ports.any && r->ports.n == 0) || r->proto == PROTO_OTHER)
			__builtin_trap();
		if (r->from.kind == EP_PREFIX && r->from.pfx.n != 1)
			__builtin_trap();
	}
}

/* One fuzz input through one importer, as the file name of firewall fw1. */
static int fw_fuzz_one(fw_importer import, const char *name, const uint8_t *data, size_t size)
{
	struct netmodel m;
	fw_fuzz_build(&m);
	struct err e = {0, ""};
	int rc = import(&m, 0, (const char *)data, size, name, &e);
	fw_fuzz_check(&m, rc, &e);
	netmodel_free(&m);
	return 0;
}

#endif
