/*
 * netmodel_json.c — a model written back as its JSON file, with the rules
 * of imported configurations inlined, so that `netcheck --expand` shows
 * what was checked and a registered model needs no other file.
 */
#include <string.h>

#include "core/netmodel.h"
#include "util/json.h"

static void prefixes(struct json_writer *w, const char *key, const struct net_prefixes *p)
{
	jw_key(w, key);
	jw_array_begin(w);
	for (size_t i = 0; i < p->n; i++) {
		char text[64];
		net_prefix_format(&p->v[i], text);
		jw_string(w, text);
	}
	jw_array_end(w);
}

static void wifi(struct json_writer *w, const struct net_wifi *wf)
{
	if (!wf->present)
		return;
	jw_key(w, "wifi");
	jw_object_begin(w);
	jw_kv_string(w, "ssid", wf->ssid);
	jw_kv_string(w, "security", wf->security);
	jw_object_end(w);
}

static void header(struct json_writer *w, const struct netmodel *m)
{
	jw_kv_string(w, "municipality", m->municipality);
	jw_kv_string(w, "model", net_model_name(m->model));
	if (m->external_check.present) {
		jw_key(w, "external_check");
		jw_object_begin(w);
		jw_kv_string(w, "date", m->external_check.date);
		jw_kv_string(w, "by", m->external_check.by);
		jw_object_end(w);
	}
	jw_key(w, "allowed_specific_peers");
	jw_array_begin(w);
	for (size_t i = 0; i < m->nallowed_specific; i++)
		jw_string(w, net_peer_name(m->allowed_specific[i]));
	jw_array_end(w);
}

static void zones_segments(struct json_writer *w, const struct netmodel *m)
{
	jw_key(w, "zones");
	jw_array_begin(w);
	for (size_t i = 0; i < m->nzones; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "id", m->zones[i].id);
		if (m->zones[i].name)
			jw_kv_string(w, "name", m->zones[i].name);
		jw_kv_string(w, "area", net_area_name(m->zones[i].area));
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_key(w, "segments");
	jw_array_begin(w);
	for (size_t i = 0; i < m->nsegments; i++) {
		const struct net_segment *s = &m->segments[i];
		jw_object_begin(w);
		jw_kv_string(w, "id", s->id);
		if (s->name)
			jw_kv_string(w, "name", s->name);
		jw_kv_string(w, "zone", m->zones[s->zone].id);
		prefixes(w, "cidr", &s->cidrs);
		wifi(w, &s->wifi);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void host(struct json_writer *w, const struct netmodel *m, const struct net_host *h)
{
	jw_object_begin(w);
	jw_kv_string(w, "name", h->name);
	jw_kv_string(w, "segment", m->segments[h->segment].id);
	prefixes(w, "addresses", &h->addresses);
	if (h->mac)
		jw_kv_string(w, "mac", h->mac);
	jw_kv_string(w, "role", net_role_name(h->role));
	if (h->usb_export) {
		jw_key(w, "usb_export");
		jw_raw(w, "true");
	}
	wifi(w, &h->wifi);
	if (h->nextra) {
		jw_key(w, "also_in");
		jw_array_begin(w);
		for (size_t k = 0; k < h->nextra; k++)
			jw_string(w, m->segments[h->extra_segments[k]].id);
		jw_array_end(w);
	}
	jw_object_end(w);
}

static void hosts_peers(struct json_writer *w, const struct netmodel *m)
{
	jw_key(w, "hosts");
	jw_array_begin(w);
	for (size_t i = 0; i < m->nhosts; i++)
		host(w, m, &m->hosts[i]);
	jw_array_end(w);
	jw_key(w, "peers");
	jw_array_begin(w);
	for (size_t i = 0; i < m->npeers; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "id", m->peers[i].id);
		if (m->peers[i].name)
			jw_kv_string(w, "name", m->peers[i].name);
		jw_kv_string(w, "kind", net_peer_name(m->peers[i].kind));
		prefixes(w, "addresses", &m->peers[i].addresses);
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* An endpoint by the model's own names, so the expanded file parses again
   whatever text an importer kept. */
static void endpoint(struct json_writer *w, const struct netmodel *m, const char *key,
		     const struct net_endpoint *ep)
{
	char text[64];
	switch (ep->kind) {
	case EP_ZONE: jw_kv_string(w, key, m->zones[ep->index].id); return;
	case EP_SEGMENT: jw_kv_string(w, key, m->segments[ep->index].id); return;
	case EP_HOST: jw_kv_string(w, key, m->hosts[ep->index].name); return;
	case EP_PEER: jw_kv_string(w, key, m->peers[ep->index].id); return;
	case EP_PREFIX:
		if (ep->pfx.n == 1) {
			net_prefix_format(&ep->pfx.v[0], text);
			jw_kv_string(w, key, text);
			return;
		}
		break;
	default: break;
	}
	jw_kv_string(w, key, "any");
}

static void rule(struct json_writer *w, const struct netmodel *m, const struct net_rule *r)
{
	jw_object_begin(w);
	jw_kv_string(w, "id", r->id);
	jw_kv_string(w, "action", r->allow ? "allow" : "deny");
	endpoint(w, m, "from", &r->from);
	endpoint(w, m, "to", &r->to);
	/* "other" protocols of imported rules are kept as "any": the wider
	   reading, so an expanded model never checks as safer than it is. */
	jw_kv_string(w, "protocol", r->proto == PROTO_OTHER ? "any" : net_proto_name(r->proto));
	if (r->proto == PROTO_TCP || r->proto == PROTO_UDP) {
		struct buf b = BUF_INIT;
		net_ports_format(&r->ports, &b);
		jw_kv_string(w, "ports", buf_str(&b));
		buf_free(&b);
	}
	if (r->specific) {
		jw_key(w, "specific");
		jw_raw(w, "true");
	}
	if (r->origin && strcmp(r->origin, "model") != 0)
		jw_kv_string(w, "comment", r->origin);
	jw_object_end(w);
}

static void firewalls(struct json_writer *w, const struct netmodel *m)
{
	jw_key(w, "firewalls");
	jw_array_begin(w);
	for (size_t i = 0; i < m->nfirewalls; i++) {
		const struct net_firewall *fw = &m->firewalls[i];
		jw_object_begin(w);
		jw_kv_string(w, "name", fw->name);
		jw_kv_string(w, "default", fw->default_allow ? "allow" : "deny");
		if (fw->nifaces) {
			jw_key(w, "interfaces");
			jw_object_begin(w);
			for (size_t k = 0; k < fw->nifaces; k++)
				endpoint(w, m, fw->ifaces[k].name, &fw->ifaces[k].place);
			jw_object_end(w);
		}
		jw_key(w, "rules");
		jw_array_begin(w);
		for (size_t k = 0; k < fw->nrules; k++)
			rule(w, m, &fw->rules[k]);
		jw_array_end(w);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void links(struct json_writer *w, const struct netmodel *m)
{
	jw_key(w, "links");
	jw_array_begin(w);
	for (size_t i = 0; i < m->nlinks; i++) {
		jw_object_begin(w);
		endpoint(w, m, "a", &m->links[i].a);
		endpoint(w, m, "b", &m->links[i].b);
		if (m->links[i].firewall >= 0)
			jw_kv_string(w, "firewall", m->firewalls[m->links[i].firewall].name);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void netmodel_to_json(const struct netmodel *m, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_object_begin(&w);
	header(&w, m);
	zones_segments(&w, m);
	hosts_peers(&w, m);
	firewalls(&w, m);
	links(&w, m);
	jw_object_end(&w);
	buf_putc(out, '\n');
}
