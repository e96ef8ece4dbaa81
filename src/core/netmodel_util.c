/*
 * netmodel_util.c — names and labels of the model's vocabularies (ASCII for
 * the file, Japanese for people, both accepted when reading), ports, and
 * freeing a model.
 */
#include <stdlib.h>
#include <string.h>

#include "core/netmodel.h"

/* One vocabulary word: the ASCII name, the Japanese label, and more
   spellings people write. */
struct word {
	int value;
	const char *name, *label, *alt1, *alt2;
};

static const struct word areas[] = {
	{AREA_MYNUMBER, "mynumber", "マイナンバー利用事務系", "マイナンバー系", NULL},
	{AREA_LGWAN, "lgwan", "LGWAN接続系", "LGWAN系", NULL},
	{AREA_INTERNET, "internet", "インターネット接続系", "インターネット系", NULL},
	{AREA_DMZ, "dmz", "公開セグメント", "DMZ", NULL},
	{AREA_OTHER, "other", "その他", "管理系", NULL},
};

static const struct word roles[] = {
	{ROLE_TERMINAL, "terminal", "端末", NULL, NULL},
	{ROLE_SERVER, "server", "サーバ", NULL, NULL},
	{ROLE_PRINTER, "printer", "プリンタ", "複合機", NULL},
	{ROLE_WIRELESS_AP, "wireless-ap", "無線AP", "アクセスポイント", NULL},
	{ROLE_RELAY, "relay", "中継サーバ", NULL, NULL},
	{ROLE_SANITIZER, "sanitizer", "無害化装置", "無害化サーバ", NULL},
	{ROLE_SCREEN_TRANSFER, "screen-transfer", "画面転送装置", "画面転送サーバ", NULL},
	{ROLE_UPDATE_SERVER, "update-server", "更新サーバ", NULL, NULL},
	{ROLE_PUBLIC_SERVER, "public-server", "公開サーバ", NULL, NULL},
	{ROLE_FIREWALL, "firewall", "ファイアウォール", NULL, NULL},
	{ROLE_ROUTER, "router", "ルータ", "L3スイッチ", NULL},
};

static const struct word peers[] = {
	{PEER_JUKI, "juki", "住基ネット", "住民基本台帳ネットワーク", NULL},
	{PEER_CHUKAN, "chukan", "中間サーバ", NULL, NULL},
	{PEER_LGWAN_ASP, "lgwan-asp", "LGWAN-ASP", NULL, NULL},
	{PEER_CONVENIENCE, "convenience", "コンビニ交付", NULL, NULL},
	{PEER_SECURITY_CLOUD, "security-cloud", "自治体情報セキュリティクラウド", "セキュリティクラウド", NULL},
	{PEER_INTERNET, "internet", "インターネット", NULL, NULL},
	{PEER_LGWAN, "lgwan", "LGWAN", NULL, NULL},
	{PEER_OTHER, "other", "その他", NULL, NULL},
};

static const struct word models[] = {
	{MODEL_ALPHA, "alpha", "α", "α", "αモデル"},
	{MODEL_BETA, "beta", "β", "β", "βモデル"},
	{MODEL_BETA_PRIME, "beta-prime", "β′", "β'", "β’"},
};

#define NWORDS(a) (sizeof(a) / sizeof(a[0]))

static const struct word *find_value(const struct word *w, size_t n, int value)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].value == value)
			return &w[i];
	return &w[0];
}

static int find_text(const struct word *w, size_t n, const char *s, int *out)
{
	for (size_t i = 0; i < n; i++) {
		const char *all[] = {w[i].name, w[i].label, w[i].alt1, w[i].alt2};
		for (int k = 0; k < 4; k++)
			if (all[k] && strcmp(all[k], s) == 0) {
				*out = w[i].value;
				return 0;
			}
	}
	return -1;
}

const char *net_area_label(enum net_area a) { return find_value(areas, NWORDS(areas), a)->label; }
const char *net_role_label(enum host_role r) { return find_value(roles, NWORDS(roles), r)->label; }
const char *net_peer_label(enum peer_kind k) { return find_value(peers, NWORDS(peers), k)->label; }
const char *net_model_label(enum net_model_kind k) { return find_value(models, NWORDS(models), k)->label; }
const char *net_area_name(enum net_area a) { return find_value(areas, NWORDS(areas), a)->name; }
const char *net_role_name(enum host_role r) { return find_value(roles, NWORDS(roles), r)->name; }
const char *net_peer_name(enum peer_kind k) { return find_value(peers, NWORDS(peers), k)->name; }
const char *net_model_name(enum net_model_kind k) { return find_value(models, NWORDS(models), k)->name; }

const char *net_proto_name(enum net_proto p)
{
	switch (p) {
	case PROTO_TCP: return "tcp";
	case PROTO_UDP: return "udp";
	case PROTO_ICMP: return "icmp";
	case PROTO_OTHER: return "other";
	default: return "any";
	}
}

#define PARSE_FN(fn, type, table)                                  \
	int fn(const char *s, type *out)                           \
	{                                                          \
		int v;                                             \
		if (find_text(table, NWORDS(table), s, &v) != 0)  \
			return -1;                                 \
		*out = (type)v;                                    \
		return 0;                                          \
	}

PARSE_FN(net_area_parse, enum net_area, areas)
PARSE_FN(net_role_parse, enum host_role, roles)
PARSE_FN(net_peer_parse, enum peer_kind, peers)
PARSE_FN(net_model_parse, enum net_model_kind, models)

/* A decimal port 0..65535 between s and end; -1 otherwise. */
static long port_number(const char *s, const char *end)
{
	if (s == end || end - s > 5)
		return -1;
	long v = 0;
	for (const char *p = s; p < end; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v <= 65535 ? v : -1;
}

int net_ports_parse(const char *text, struct net_ports *out)
{
	memset(out, 0, sizeof *out);
	if (strcmp(text, "any") == 0) {
		out->any = 1;
		return 0;
	}
	const char *p = text;
	while (1) {
		const char *comma = strchr(p, ',');
		const char *end = comma ? comma : p + strlen(p);
		const char *dash = memchr(p, '-', (size_t)(end - p));
		long lo = port_number(p, dash ? dash : end);
		long hi = dash ? port_number(dash + 1, end) : lo;
		if (lo < 0 || hi < lo) {
			free(out->v);
			memset(out, 0, sizeof *out);
			return -1;
		}
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		out->v[out->n].lo = (uint16_t)lo;
		out->v[out->n].hi = (uint16_t)hi;
		out->n++;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

void net_ports_format(const struct net_ports *p, struct buf *out)
{
	if (p->any) {
		buf_puts(out, "any");
		return;
	}
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			buf_putc(out, ',');
		buf_put_int(out, p->v[i].lo);
		if (p->v[i].hi != p->v[i].lo) {
			buf_putc(out, '-');
			buf_put_int(out, p->v[i].hi);
		}
	}
}

void net_endpoint_free(struct net_endpoint *ep)
{
	free(ep->pfx.v);
	free(ep->text);
	memset(ep, 0, sizeof *ep);
}

void net_rule_free(struct net_rule *r)
{
	free(r->id);
	free(r->origin);
	net_endpoint_free(&r->from);
	net_endpoint_free(&r->to);
	free(r->ports.v);
	memset(r, 0, sizeof *r);
}

static void wifi_free(struct net_wifi *w)
{
	free(w->ssid);
	free(w->security);
}

static void firewall_free(struct net_firewall *fw)
{
	free(fw->name);
	for (size_t i = 0; i < fw->nifaces; i++) {
		free(fw->ifaces[i].name);
		net_endpoint_free(&fw->ifaces[i].place);
	}
	free(fw->ifaces);
	for (size_t i = 0; i < fw->nrules; i++)
		net_rule_free(&fw->rules[i]);
	free(fw->rules);
}

void netmodel_free(struct netmodel *m)
{
	free(m->municipality);
	free(m->external_check.date);
	free(m->external_check.by);
	for (size_t i = 0; i < m->nzones; i++) {
		free(m->zones[i].id);
		free(m->zones[i].name);
	}
	for (size_t i = 0; i < m->nsegments; i++) {
		free(m->segments[i].id);
		free(m->segments[i].name);
		free(m->segments[i].cidrs.v);
		wifi_free(&m->segments[i].wifi);
	}
	for (size_t i = 0; i < m->nhosts; i++) {
		free(m->hosts[i].name);
		free(m->hosts[i].addresses.v);
		free(m->hosts[i].mac);
		wifi_free(&m->hosts[i].wifi);
		free(m->hosts[i].extra_segments);
	}
	for (size_t i = 0; i < m->npeers; i++) {
		free(m->peers[i].id);
		free(m->peers[i].name);
		free(m->peers[i].addresses.v);
	}
	for (size_t i = 0; i < m->nlinks; i++) {
		net_endpoint_free(&m->links[i].a);
		net_endpoint_free(&m->links[i].b);
	}
	for (size_t i = 0; i < m->nfirewalls; i++)
		firewall_free(&m->firewalls[i]);
	free(m->zones);
	free(m->segments);
	free(m->hosts);
	free(m->peers);
	free(m->links);
	free(m->firewalls);
	free(m->allowed_specific);
	memset(m, 0, sizeof *m);
}
