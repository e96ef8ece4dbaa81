/*
 * netmodel.h — a municipality's network as the three-zone model (三層の対策,
 * guideline chapter 3) sees it: zones (領域), segments, hosts, external
 * peers, links between them and the firewall rules on those links.
 *
 * The model is read from the JSON file documented in docs/netcheck.md
 * (netmodel_parse); firewall rules may also come from real configurations
 * (`iptables-save` output, `nft -j list ruleset`) through the importers
 * below.  netcheck.h computes what can reach what and the violations.
 *
 * It lives in core (not tools) because the `check` rules read a registered
 * model, and core never calls upwards.
 */
#ifndef MAMORI_NETMODEL_H
#define MAMORI_NETMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

/* The 領域 a zone belongs to. */
enum net_area {
	AREA_MYNUMBER, /* マイナンバー利用事務系 */
	AREA_LGWAN,    /* LGWAN接続系 */
	AREA_INTERNET, /* インターネット接続系 */
	AREA_DMZ,      /* 公開セグメント (DMZ) */
	AREA_OTHER,    /* 管理用など、上のいずれでもない */
};

/* The three-zone model the municipality chose (3.3). */
enum net_model_kind { MODEL_ALPHA, MODEL_BETA, MODEL_BETA_PRIME };

enum host_role {
	ROLE_TERMINAL,       /* 端末 */
	ROLE_SERVER,         /* サーバ */
	ROLE_PRINTER,        /* プリンタ */
	ROLE_WIRELESS_AP,    /* 無線AP */
	ROLE_RELAY,          /* 中継サーバ */
	ROLE_SANITIZER,      /* 無害化装置 */
	ROLE_SCREEN_TRANSFER,/* 画面転送装置 */
	ROLE_UPDATE_SERVER,  /* 更新サーバ (WSUS, ウイルス定義) */
	ROLE_PUBLIC_SERVER,  /* 公開サーバ (Web, DNS, メール) */
	ROLE_FIREWALL,       /* ファイアウォール */
	ROLE_ROUTER,         /* ルータ・L3スイッチ */
};

/* The external peers the guideline names (kind), and anything else. */
enum peer_kind {
	PEER_JUKI,          /* 住基ネット */
	PEER_CHUKAN,        /* 中間サーバ */
	PEER_LGWAN_ASP,     /* LGWAN-ASP */
	PEER_CONVENIENCE,   /* コンビニ交付 */
	PEER_SECURITY_CLOUD,/* 自治体情報セキュリティクラウド */
	PEER_INTERNET,      /* インターネット */
	PEER_LGWAN,         /* LGWAN (全国の行政ネットワーク) */
	PEER_OTHER,         /* その他 (名前で識別) */
};

/* An IPv4 or IPv6 prefix; v4 is stored as ::ffff:a.b.c.d (prefix + 96). */
struct net_prefix {
	uint8_t addr[16];
	uint8_t len; /* 0..128 */
};

struct net_prefixes {
	size_t n;
	struct net_prefix *v;
};

struct net_zone {
	char *id;
	char *name; /* Japanese, for people */
	enum net_area area;
};

struct net_wifi {
	int present;
	char *ssid;
	char *security; /* as written: "WPA2-Enterprise", "WPA3-Enterprise", "WPA2-PSK"… */
};

struct net_segment {
	char *id;
	char *name;
	size_t zone; /* index into zones */
	struct net_prefixes cidrs;
	struct net_wifi wifi;
};

struct net_host {
	char *name;
	size_t segment; /* index into segments */
	struct net_prefixes addresses;
	char *mac;      /* may be NULL */
	enum host_role role;
	int usb_export; /* USB メモリ等への書出しができる */
	/* the wireless security of an AP host, as for a segment */
	struct net_wifi wifi;
	/* Zones this host also has an interface in (a multi-homed relay or a
	   printer shared across zones); indexes into segments. */
	size_t nextra;
	size_t *extra_segments;
};

struct net_peer {
	char *id;
	char *name;
	enum peer_kind kind;
	struct net_prefixes addresses;
};

/* What a rule's from/to names, resolved after parsing. */
enum endpoint_kind { EP_ANY, EP_ZONE, EP_SEGMENT, EP_HOST, EP_PEER, EP_PREFIX };

struct net_endpoint {
	enum endpoint_kind kind;
	size_t index;            /* into zones/segments/hosts/peers */
	struct net_prefixes pfx; /* EP_PREFIX (also filled for others when known) */
	char *text;              /* as written, for messages */
};

enum net_proto { PROTO_ANY, PROTO_TCP, PROTO_UDP, PROTO_ICMP, PROTO_OTHER };

struct net_ports {
	int any; /* no port restriction */
	size_t n;
	struct { uint16_t lo, hi; } *v;
};

struct net_rule {
	char *id;          /* from the file, or "fw1#12" for imported rules */
	int allow;         /* 1 allow/accept, 0 deny/drop/reject */
	struct net_endpoint from, to;
	enum net_proto proto;
	struct net_ports ports; /* destination ports */
	int specific;      /* declared a 特定通信 (3.1.1) */
	char *origin;      /* "model" or "iptables-save:fw1.rules:34" */
};

/* An interface of a firewall and the segment or peer behind it, so that
   imported rules written with -i/-o (iptables) or iifname/oifname (nft)
   name places of the model. */
struct net_iface {
	char *name;
	struct net_endpoint place;
};

struct net_firewall {
	char *name;     /* a host of role firewall/router, or just a name */
	int default_allow; /* policy when no rule matches (iptables -P ACCEPT) */
	size_t nifaces;
	struct net_iface *ifaces;
	size_t nrules;
	struct net_rule *rules;
};

/* A connection between two places; filtered by a firewall, or not. */
struct net_link {
	struct net_endpoint a, b; /* segments or peers */
	long firewall;            /* index into firewalls, or -1 (unfiltered) */
};

struct net_external_check {
	int present;
	char *date; /* YYYY-MM-DD */
	char *by;
};

struct netmodel {
	char *municipality;
	enum net_model_kind model;
	struct net_external_check external_check;
	size_t nzones, nsegments, nhosts, npeers, nlinks, nfirewalls;
	struct net_zone *zones;
	struct net_segment *segments;
	struct net_host *hosts;
	struct net_peer *peers;
	struct net_link *links;
	struct net_firewall *firewalls;
	/* peers a 特定通信 from the マイナンバー利用事務系 may go to (3.1.1);
	   kinds, defaulting to 住基ネット, 中間サーバ, コンビニ交付 */
	size_t nallowed_specific;
	enum peer_kind *allowed_specific;
};

/*
 * Parses a model.  base_dir is where relative "import" file names of
 * firewalls are resolved (NULL: imports are refused, as for a model that
 * arrives over the web).  Errors name the JSON path, e.g.
 * 「hosts[12].segment: 「seg-x」というセグメントはありません」.
 */
int netmodel_parse(struct netmodel *m, const char *json, size_t len, const char *base_dir,
		   struct err *e);
void netmodel_free(struct netmodel *m);

/* The model written back as JSON, with imported rules inlined (so that a
   registered model needs no other file). */
void netmodel_to_json(const struct netmodel *m, struct buf *out);

/*
 * Importers: append the rules of a real configuration to firewall fw of m.
 * Addresses become EP_PREFIX endpoints (resolved to segments by netcheck);
 * interface names given in the model's "interfaces" map become segments.
 * origin_name is the file name for rule origins and messages.  Refused
 * input sets e with the line (iptables) or JSON path (nft) and appends
 * nothing.
 */
int netmodel_import_iptables(struct netmodel *m, size_t fw, const char *text, size_t len,
			     const char *origin_name, struct err *e);
int netmodel_import_nft_json(struct netmodel *m, size_t fw, const char *json, size_t len,
			     const char *origin_name, struct err *e);

/* Prefix helpers (netmodel_addr.c). */
int net_prefix_parse(const char *text, struct net_prefix *p); /* 0 ok, -1 bad */
int net_prefix_contains(const struct net_prefix *outer, const struct net_prefix *inner);
int net_prefix_overlaps(const struct net_prefix *a, const struct net_prefix *b);

/* Japanese labels. */
const char *net_area_label(enum net_area a);
const char *net_role_label(enum host_role r);
const char *net_peer_label(enum peer_kind k);
const char *net_model_label(enum net_model_kind k); /* "α" "β" "β′" */

/* The ASCII names the JSON file uses ("mynumber", "terminal", "juki",
   "beta-prime"); netmodel_to_json writes these. */
const char *net_area_name(enum net_area a);
const char *net_role_name(enum host_role r);
const char *net_peer_name(enum peer_kind k);
const char *net_model_name(enum net_model_kind k);
const char *net_proto_name(enum net_proto p);

/* Reads a value written in ASCII or Japanese ("mynumber" or
   "マイナンバー利用事務系", "beta-prime", "β'" or "β′").  0 or -1. */
int net_area_parse(const char *s, enum net_area *out);
int net_role_parse(const char *s, enum host_role *out);
int net_peer_parse(const char *s, enum peer_kind *out);
int net_model_parse(const char *s, enum net_model_kind *out);

/* "10.0.0.0/24", "192.0.2.1/32", "2001:db8::/32" (always with a length). */
void net_prefix_format(const struct net_prefix *p, char out[64]);
/* Ports as in the file: "any", "443", "80,443", "1024-2048"; 0 or -1. */
int net_ports_parse(const char *text, struct net_ports *out);
void net_ports_format(const struct net_ports *p, struct buf *out);
/* Frees what one rule owns (for importers that build rules). */
void net_rule_free(struct net_rule *r);
void net_endpoint_free(struct net_endpoint *ep);

#endif
