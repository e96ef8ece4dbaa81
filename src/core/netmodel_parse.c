/*
 * netmodel_parse.c — the model file (docs/netcheck.md) into struct netmodel.
 *
 * Strict on purpose: unknown or repeated keys, unknown names and malformed
 * addresses or ports are refused with the JSON path, because a typo that
 * was silently ignored ("alow", a misspelt segment) would weaken the check
 * and the report would look clean.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/netmodel.h"
#include "util/fdio.h"
#include "util/strmap.h"
#include "util/timeutil.h"

/* What a name in the shared namespace stands for. */
enum name_kind { NAME_ZONE = 1, NAME_SEGMENT, NAME_HOST, NAME_PEER, NAME_FIREWALL };

struct pctx {
	struct netmodel *m;
	struct strmap names;     /* zones, segments, hosts, peers */
	struct strmap firewalls; /* firewall names (their own namespace) */
	const char *base_dir;
	struct err *e;
};

#define PATH_MAX_LEN 160
#define IMPORT_LIMIT (64u << 20)

static int fail(struct pctx *c, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(struct pctx *c, const char *path, const char *fmt, ...)
{
	char msg[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(c->e, ERR_INPUT, "%s: %s", path, msg);
}

/* fail at path.key; the path is only built when something failed, since
   models run to tens of thousands of rules. */
static int fail_key(struct pctx *c, const char *path, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int fail_key(struct pctx *c, const char *path, const char *key, const char *fmt, ...)
{
	char msg[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(c->e, ERR_INPUT, "%s%s%s: %s", path, *path && key ? "." : "", key ? key : "",
		       msg);
}

/* A JSON path, cut at PATH_MAX_LEN (paths name places, never data). */
static void pathf(char out[PATH_MAX_LEN], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void pathf(char out[PATH_MAX_LEN], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, PATH_MAX_LEN, fmt, ap);
	va_end(ap);
}

static void subpath(char out[PATH_MAX_LEN], const char *path, const char *key)
{
	pathf(out, "%s%s%s", path, *path ? "." : "", key);
}

static void itempath(char out[PATH_MAX_LEN], const char *path, int i)
{
	pathf(out, "%s[%d]", path, i);
}

/* obj is an object whose keys are all in allowed (NULL-terminated), each
   at most once. */
static int check_keys(struct pctx *c, const cJSON *obj, const char *path,
		      const char *const *allowed)
{
	if (!cJSON_IsObject(obj))
		return fail(c, *path ? path : "(最上位)", "オブジェクト（{…}）でなければなりません");
	for (const cJSON *it = obj->child; it; it = it->next) {
		int known = 0;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, it->string) == 0)
				known = 1;
		char p[PATH_MAX_LEN];
		subpath(p, path, it->string);
		if (!known)
			return fail(c, p, "「%s」という項目はありません（綴りを確かめてください。"
					  "知らない項目は検査を弱めないよう拒否します）",
				    it->string);
		for (const cJSON *o = obj->child; o != it; o = o->next)
			if (strcmp(o->string, it->string) == 0)
				return fail(c, p, "項目が重複しています");
	}
	return 0;
}

/* A string member; absent → *out NULL (error when required). */
static int get_string(struct pctx *c, const cJSON *obj, const char *key, const char *path,
		      int required, const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NULL;
	if (!v)
		return required ? fail_key(c, path, key, "必須の項目がありません") : 0;
	if (!cJSON_IsString(v) || !v->valuestring)
		return fail_key(c, path, key, "文字列でなければなりません");
	if (required && !*v->valuestring)
		return fail_key(c, path, key, "空にはできません");
	*out = v->valuestring;
	return 0;
}

static int dup_string(struct pctx *c, const cJSON *obj, const char *key, const char *path,
		      int required, char **out)
{
	const char *s;
	if (get_string(c, obj, key, path, required, &s))
		return -1;
	*out = s ? xstrdup(s) : NULL;
	return 0;
}

static int get_bool(struct pctx *c, const cJSON *obj, const char *key, const char *path,
		    int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = 0;
	if (!v)
		return 0;
	if (!cJSON_IsBool(v))
		return fail_key(c, path, key, "true か false でなければなりません");
	*out = cJSON_IsTrue(v);
	return 0;
}

/* An array member (NULL when absent and optional). */
static int get_array(struct pctx *c, const cJSON *obj, const char *key, const char *path,
		     int required, const cJSON **out)
{
	*out = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!*out)
		return required ? fail_key(c, path, key, "必須の項目がありません") : 0;
	if (!cJSON_IsArray(*out))
		return fail_key(c, path, key, "配列（[…]）でなければなりません");
	return 0;
}

static void *name_value(enum name_kind k, size_t index)
{
	return (void *)(uintptr_t)((index + 1) << 3 | (uintptr_t)k);
}

static int lookup(const struct strmap *map, const char *name, enum name_kind *k, size_t *index)
{
	const struct strmap_slot *s = strmap_find(map, name, strlen(name));
	if (!s || !s->value)
		return -1;
	uintptr_t v = (uintptr_t)s->value;
	*k = (enum name_kind)(v & 7);
	*index = (size_t)(v >> 3) - 1;
	return 0;
}

/* Adds a zone, segment, host or peer name; the four share one namespace
   because rules name any of them. */
static int register_name(struct pctx *c, struct strmap *map, const char *name, enum name_kind k,
			 size_t index, const char *path)
{
	struct net_prefix p;
	if (strcmp(name, "any") == 0 || net_prefix_parse(name, &p) == 0)
		return fail(c, path, "「%s」は any やアドレスと紛らわしいので名前に使えません", name);
	struct strmap_slot *s = strmap_upsert(map, name, strlen(name));
	if (s->value)
		return fail(c, path, "「%s」という名前は既に使われています（ゾーン、セグメント、"
				     "ホスト、接続先の名前は互いに重ならないようにしてください）",
			    name);
	s->value = name_value(k, index);
	return 0;
}

/* A list of addresses or prefixes. */
static int parse_prefixes(struct pctx *c, const cJSON *arr, const char *path,
			  struct net_prefixes *out)
{
	int n = cJSON_GetArraySize(arr), i = 0;
	out->v = xcalloc((size_t)n + 1, sizeof *out->v);
	for (const cJSON *it = arr->child; it; it = it->next, i++) {
		char p[PATH_MAX_LEN];
		itempath(p, path, i);
		if (!cJSON_IsString(it) || net_prefix_parse(it->valuestring, &out->v[out->n]) != 0)
			return fail(c, p, "アドレスまたは CIDR（例 10.1.0.0/24、2001:db8::/64）として"
					  "読めません（ホスト部が 0 でないものも拒否します）");
		out->n++;
	}
	return 0;
}

static int parse_wifi(struct pctx *c, const cJSON *obj, const char *path, struct net_wifi *w)
{
	static const char *const keys[] = {"ssid", "security", "comment", NULL};
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "wifi");
	if (!v)
		return 0;
	char p[PATH_MAX_LEN];
	subpath(p, path, "wifi");
	if (check_keys(c, v, p, keys) || dup_string(c, v, "ssid", p, 1, &w->ssid) ||
	    dup_string(c, v, "security", p, 1, &w->security))
		return -1;
	w->present = 1;
	return 0;
}

static int parse_header(struct pctx *c, const cJSON *root)
{
	struct netmodel *m = c->m;
	const char *model;
	if (dup_string(c, root, "municipality", "", 1, &m->municipality) ||
	    get_string(c, root, "model", "", 1, &model))
		return -1;
	if (net_model_parse(model, &m->model) != 0)
		return fail(c, "model", "「%s」は α / β / β′（alpha / beta / beta-prime）のいずれでもありません",
			    model);
	const cJSON *ec = cJSON_GetObjectItemCaseSensitive(root, "external_check");
	if (!ec)
		return 0;
	static const char *const keys[] = {"date", "by", "comment", NULL};
	if (check_keys(c, ec, "external_check", keys) ||
	    dup_string(c, ec, "date", "external_check", 1, &m->external_check.date) ||
	    dup_string(c, ec, "by", "external_check", 1, &m->external_check.by))
		return -1;
	if (!date_valid(m->external_check.date))
		return fail(c, "external_check.date", "「%s」は YYYY-MM-DD の日付ではありません",
			    m->external_check.date);
	m->external_check.present = 1;
	return 0;
}

/* 3.1.1 commentary: a 特定通信 goes to a trusted, specific counterpart
   (住基ネット, 中間サーバ, コンビニ交付, LGWAN-ASP) and never to the LGWAN
   or Internet zones, so those kinds cannot be put on the list. */
static int parse_allowed_specific(struct pctx *c, const cJSON *root)
{
	static const enum peer_kind dflt[] = {PEER_JUKI, PEER_CHUKAN, PEER_CONVENIENCE,
					      PEER_LGWAN_ASP};
	struct netmodel *m = c->m;
	const cJSON *arr;
	if (get_array(c, root, "allowed_specific_peers", "", 0, &arr))
		return -1;
	if (!arr) {
		m->nallowed_specific = sizeof dflt / sizeof dflt[0];
		m->allowed_specific = xcalloc(m->nallowed_specific, sizeof *m->allowed_specific);
		memcpy(m->allowed_specific, dflt, sizeof dflt);
		return 0;
	}
	m->allowed_specific = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *m->allowed_specific);
	int i = 0;
	for (const cJSON *it = arr->child; it; it = it->next, i++) {
		char p[PATH_MAX_LEN];
		itempath(p, "allowed_specific_peers", i);
		enum peer_kind k;
		if (!cJSON_IsString(it) || net_peer_parse(it->valuestring, &k) != 0)
			return fail(c, p, "接続先の種類（juki, chukan, convenience, lgwan-asp, other …）ではありません");
		if (k == PEER_INTERNET || k == PEER_LGWAN || k == PEER_SECURITY_CLOUD)
			return fail(c, p, "マイナンバー利用事務系は LGWAN やインターネットと特定通信として"
					  "接続してはなりません（ガイドライン 3.1.1 解説）");
		m->allowed_specific[m->nallowed_specific++] = k;
	}
	return 0;
}

static int parse_zones(struct pctx *c, const cJSON *root)
{
	static const char *const keys[] = {"id", "name", "area", "comment", NULL};
	const cJSON *arr;
	if (get_array(c, root, "zones", "", 1, &arr))
		return -1;
	struct netmodel *m = c->m;
	m->zones = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *m->zones);
	int i = 0;
	for (const cJSON *it = arr->child; it; it = it->next, i++) {
		char p[PATH_MAX_LEN], pa[PATH_MAX_LEN];
		itempath(p, "zones", i);
		struct net_zone *z = &m->zones[m->nzones++];
		const char *area;
		if (check_keys(c, it, p, keys) || dup_string(c, it, "id", p, 1, &z->id) ||
		    dup_string(c, it, "name", p, 0, &z->name) || get_string(c, it, "area", p, 1, &area))
			return -1;
		subpath(pa, p, "area");
		if (net_area_parse(area, &z->area) != 0)
			return fail(c, pa, "「%s」は領域（mynumber, lgwan, internet, dmz, other）ではありません", area);
		subpath(pa, p, "id");
		if (register_name(c, &c->names, z->id, NAME_ZONE, (size_t)i, pa))
			return -1;
	}
	return 0;
}

/* A name that must be of kind want; index out. */
static int resolve_as(struct pctx *c, const char *name, enum name_kind want, const char *path,
		      const char *what, size_t *index)
{
	enum name_kind k;
	if (lookup(&c->names, name, &k, index) != 0 || k != want)
		return fail(c, path, "「%s」という%sはありません", name, what);
	return 0;
}

static int segments_overlap_check(struct pctx *c)
{
	const struct netmodel *m = c->m;
	for (size_t a = 0; a < m->nsegments; a++)
		for (size_t b = a + 1; b < m->nsegments; b++)
			for (size_t i = 0; i < m->segments[a].cidrs.n; i++)
				for (size_t j = 0; j < m->segments[b].cidrs.n; j++)
					if (net_prefix_overlaps(&m->segments[a].cidrs.v[i],
								&m->segments[b].cidrs.v[j])) {
						char p[PATH_MAX_LEN];
						pathf(p, "segments[%zu].cidr[%zu]", b, j);
						return fail(c, p, "セグメント「%s」のアドレス範囲と重なっています"
								  "（どちらのセグメントか決められません）",
							    m->segments[a].id);
					}
	return 0;
}

static int parse_segments(struct pctx *c, const cJSON *root)
{
	static const char *const keys[] = {"id", "name", "zone", "cidr", "wifi", "comment", NULL};
	const cJSON *arr;
	if (get_array(c, root, "segments", "", 1, &arr))
		return -1;
	struct netmodel *m = c->m;
	m->segments = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *m->segments);
	int i = 0;
	for (const cJSON *it = arr->child; it; it = it->next, i++) {
		char p[PATH_MAX_LEN], pk[PATH_MAX_LEN];
		itempath(p, "segments", i);
		struct net_segment *s = &m->segments[m->nsegments++];
		const char *zone;
		const cJSON *cidr;
		if (check_keys(c, it, p, keys) || dup_string(c, it, "id", p, 1, &s->id) ||
		    dup_string(c, it, "name", p, 0, &s->name) || get_string(c, it, "zone", p, 1, &zone) ||
		    get_array(c, it, "cidr", p, 1, &cidr))
			return -1;
		subpath(pk, p, "zone");
		if (resolve_as(c, zone, NAME_ZONE, pk, "ゾーン", &s->zone))
			return -1;
		subpath(pk, p, "cidr");
		if (parse_prefixes(c, cidr, pk, &s->cidrs))
			return -1;
		if (s->cidrs.n == 0)
			return fail(c, pk, "アドレス範囲が一つもありません");
		if (parse_wifi(c, it, p, &s->wifi))
			return -1;
		subpath(pk, p, "id");
		if (register_name(c, &c->names, s->id, NAME_SEGMENT, (size_t)i, pk))
			return -1;
	}
	return segments_overlap_check(c);
}

static int parse_peers(struct pctx *c, const cJSON *root)
{
	static const char *const keys[] = {"id", "name", "kind", "addresses", "comment", NULL};
	const cJSON *arr;
	if (get_array(c, root, "peers", "", 0, &arr))
		return -1;
	if (!arr)
		return 0;
	struct netmodel *m = c->m;
	m->peers = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *m->peers);
	int i = 0;
	for (const cJSON *it = arr->child; it; it = it->next, i++) {
		char p[PATH_MAX_LEN], pk[PATH_MAX_LEN];
		itempath(p, "peers", i);
		struct net_peer *pe = &m->peers[m->npeers++];
		const char *kind;
		const cJSON *addrs;
		if (check_keys(c, it, p, keys) || dup_string(c, it, "id", p, 1, &pe->id) ||
		    dup_string(c, it, "name", p, 0, &pe->name) || get_string(c, it, "kind", p, 1, &kind) ||
		    get_array(c, it, "addresses", p, 0, &addrs))
			return -1;
		subpath(pk, p, "kind");
		if (net_peer_parse(kind, &pe->kind) != 0)
			return fail(c, pk, "「%s」は接続先の種類（juki, chukan, lgwan-asp, convenience, "
					   "security-cloud, internet, lgwan, other）ではありません",
				    kind);
		subpath(pk, p, "addresses");
		if (addrs && parse_prefixes(c, addrs, pk, &pe->addresses))
			return -1;
		subpath(pk, p, "id");
		if (register_name(c, &c->names, pe->id, NAME_PEER, (size_t)i, pk))
			return -1;
	}
	return 0;
}

/* Every address of a host lies in one of its segments: rules written with
   addresses are placed by these ranges, so a host outside them would be
   checked as if it were somewhere else.  Refused rather than warned. */
static int host_addresses_check(struct pctx *c, const struct net_host *h, const char *path)
{
	const struct netmodel *m = c->m;
	for (size_t a = 0; a < h->addresses.n; a++) {
		int inside = 0;
		for (size_t k = 0; k <= h->nextra && !inside; k++) {
			size_t seg = k == 0 ? h->segment : h->extra_segments[k - 1];
			for (size_t j = 0; j < m->segments[seg].cidrs.n; j++)
				if (net_prefix_contains(&m->segments[seg].cidrs.v[j], &h->addresses.v[a]))
					inside = 1;
		}
		if (!inside) {
			char p[PATH_MAX_LEN];
			pathf(p, "%s.addresses[%zu]", path, a);
			return fail(c, p, "セグメント「%s」のアドレス範囲の外です",
				    m->segments[h->segment].id);
		}
	}
	return 0;
}

static int valid_mac(const char *s)
{
	if (strlen(s) != 17)
		return 0;
	for (int i = 0; i < 17; i++) {
		char ch = s[i];
		if (i % 3 == 2 ? (ch != ':' && ch != '-')
			       : !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
				   (ch >= 'A' && ch <= 'F')))
			return 0;
	}
	return 1;
}

static int parse_also_in(struct pctx *c, const cJSON *it, const char *p, struct net_host *h)
{
	const cJSON *also;
	if (get_array(c, it, "also_in", p, 0, &also))
		return -1;
	if (!also)
		return 0;
	h->extra_segments = xcalloc((size_t)cJSON_GetArraySize(also) + 1, sizeof *h->extra_segments);
	int j = 0;
	for (const cJSON *s = also->child; s; s = s->next, j++) {
		char pk[PATH_MAX_LEN];
		pathf(pk, "%s.also_in[%d]", p, j);
		size_t seg = 0;
		if (!cJSON_IsString(s))
			return fail(c, pk, "セグメントの id（文字列）でなければなりません");
		if (resolve_as(c, s->valuestring, NAME_SEGMENT, pk, "セグメント", &seg))
			return -1;
		if (seg == h->segment)
			return fail(c, pk, "主たるセグメントと同じです");
		for (size_t k = 0; k < h->nextra; k++)
			if (h->extra_segments[k] == seg)
				return fail(c, pk, "重複しています");
		h->extra_segments[h->nextra++] = seg;
	}
	return 0;
}

static int parse_host(struct pctx *c, const cJSON *it, const char *p, size_t i)
{
	static const char *const keys[] = {"name", "segment", "addresses", "mac", "role",
					   "usb_export", "wifi", "also_in", "comment", NULL};
	struct net_host *h = &c->m->hosts[i];
	const char *seg, *role;
	const cJSON *addrs;
	char pk[PATH_MAX_LEN];
	if (check_keys(c, it, p, keys) || dup_string(c, it, "name", p, 1, &h->name) ||
	    get_string(c, it, "segment", p, 1, &seg) || get_string(c, it, "role", p, 1, &role) ||
	    get_array(c, it, "addresses", p, 0, &addrs) || dup_string(c, it, "mac", p, 0, &h->mac) ||
	    get_bool(c, it, "usb_export", p, &h->usb_export) || parse_wifi(c, it, p, &h->wifi))
		return -1;
	subpath(pk, p, "segment");
	if (resolve_as(c, seg, NAME_SEGMENT, pk, "セグメント", &h->segment))
		return -1;
	subpath(pk, p, "role");
	if (net_role_parse(role, &h->role) != 0)
		return fail(c, pk, "「%s」は役割（terminal, server, printer, wireless-ap, relay, sanitizer, "
				   "screen-transfer, update-server, public-server, firewall, router）ではありません",
			    role);
	subpath(pk, p, "mac");
	if (h->mac && !valid_mac(h->mac))
		return fail(c, pk, "「%s」は MAC アドレス（例 00:11:22:33:44:55）ではありません", h->mac);
	subpath(pk, p, "addresses");
	if ((addrs && parse_prefixes(c, addrs, pk, &h->addresses)) || parse_also_in(c, it, p, h) ||
	    host_addresses_check(c, h, p))
		return -1;
	subpath(pk, p, "name");
	return register_name(c, &c->names, h->name, NAME_HOST, i, pk);
}

/* Runs parse over every item of arr (the array at key), counting each in
   *count before it is parsed, so that a failure still frees what it began. */
static int each_item(struct pctx *c, const cJSON *arr, const char *key, size_t *count,
		     int (*parse)(struct pctx *c, const cJSON *it, const char *p, size_t i))
{
	int i = 0;
	for (const cJSON *it = arr->child; it; it = it->next, i++) {
		char p[PATH_MAX_LEN];
		itempath(p, key, i);
		(*count)++;
		if (parse(c, it, p, (size_t)i))
			return -1;
	}
	return 0;
}

static int parse_hosts(struct pctx *c, const cJSON *root)
{
	const cJSON *arr;
	if (get_array(c, root, "hosts", "", 0, &arr))
		return -1;
	if (!arr)
		return 0;
	struct netmodel *m = c->m;
	m->hosts = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *m->hosts);
	return each_item(c, arr, "hosts", &m->nhosts, parse_host);
}

/* A rule's from/to: "any", a name, or an address/CIDR. */
static int resolve_endpoint(struct pctx *c, const char *text, const char *path, const char *key,
			    struct net_endpoint *ep)
{
	enum name_kind k;
	size_t index;
	ep->text = xstrdup(text);
	if (strcmp(text, "any") == 0) {
		ep->kind = EP_ANY;
		return 0;
	}
	if (lookup(&c->names, text, &k, &index) == 0) {
		static const enum endpoint_kind kinds[] = {EP_ANY, EP_ZONE, EP_SEGMENT, EP_HOST, EP_PEER};
		ep->kind = kinds[k];
		ep->index = index;
		return 0;
	}
	struct net_prefix p;
	if (net_prefix_parse(text, &p) == 0) {
		ep->kind = EP_PREFIX;
		ep->pfx.v = xmalloc(sizeof p);
		ep->pfx.v[0] = p;
		ep->pfx.n = 1;
		return 0;
	}
	return fail_key(c, path, key, "「%s」はゾーン、セグメント、ホスト、接続先の名前でも、アドレスでもありません",
			text);
}

/* A place a link or an interface joins: a segment or a peer. */
static int resolve_place(struct pctx *c, const char *text, const char *path,
			 struct net_endpoint *ep)
{
	if (resolve_endpoint(c, text, path, NULL, ep))
		return -1;
	if (ep->kind != EP_SEGMENT && ep->kind != EP_PEER)
		return fail(c, path, "「%s」はセグメントでも接続先でもありません", text);
	return 0;
}

static int parse_proto(struct pctx *c, const cJSON *it, const char *p, struct net_rule *r)
{
	const char *proto;
	if (get_string(c, it, "protocol", p, 0, &proto))
		return -1;
	if (!proto || strcmp(proto, "any") == 0)
		r->proto = PROTO_ANY;
	else if (strcmp(proto, "tcp") == 0)
		r->proto = PROTO_TCP;
	else if (strcmp(proto, "udp") == 0)
		r->proto = PROTO_UDP;
	else if (strcmp(proto, "icmp") == 0)
		r->proto = PROTO_ICMP;
	else
		return fail_key(c, p, "protocol", "「%s」は tcp, udp, icmp, any のいずれでもありません", proto);
	const cJSON *ports = cJSON_GetObjectItemCaseSensitive(it, "ports");
	char num[24];
	const char *text = "any";
	if (cJSON_IsNumber(ports)) {
		snprintf(num, sizeof num, "%.0f", ports->valuedouble);
		if (ports->valuedouble < 0 || ports->valuedouble > 65535 ||
		    ports->valuedouble != (double)(long)ports->valuedouble)
			return fail_key(c, p, "ports", "ポート番号は 0〜65535 です");
		text = num;
	} else if (cJSON_IsString(ports)) {
		text = ports->valuestring;
	} else if (ports) {
		return fail_key(c, p, "ports", "\"443\"、\"80,443\"、\"1024-2048\"、\"any\" のように書いてください");
	}
	if (net_ports_parse(text, &r->ports) != 0)
		return fail_key(c, p, "ports", "「%s」はポートの指定（\"443\"、\"80,443\"、\"1024-2048\"、\"any\"）として読めません",
			    text);
	if (!r->ports.any && r->proto != PROTO_TCP && r->proto != PROTO_UDP)
		return fail_key(c, p, "ports", "ポートは protocol が tcp か udp のときだけ指定できます");
	return 0;
}

static int parse_rule(struct pctx *c, const cJSON *it, const char *p, struct net_firewall *fw,
		      struct strmap *ids)
{
	static const char *const keys[] = {"id", "action", "from", "to", "protocol", "ports",
					   "specific", "comment", NULL};
	struct net_rule *r = &fw->rules[fw->nrules++];
	const char *action, *from, *to;
	if (check_keys(c, it, p, keys) || dup_string(c, it, "id", p, 1, &r->id) ||
	    get_string(c, it, "action", p, 1, &action) || get_string(c, it, "from", p, 1, &from) ||
	    get_string(c, it, "to", p, 1, &to) || get_bool(c, it, "specific", p, &r->specific))
		return -1;
	r->origin = xstrdup("model");
	struct strmap_slot *seen = strmap_upsert(ids, r->id, strlen(r->id));
	if (seen->value)
		return fail_key(c, p, "id", "規則 id「%s」はこのファイアウォールで重複しています", r->id);
	seen->value = r;
	if (strcmp(action, "allow") == 0)
		r->allow = 1;
	else if (strcmp(action, "deny") != 0)
		return fail_key(c, p, "action", "「%s」は allow か deny でなければなりません", action);
	if (resolve_endpoint(c, from, p, "from", &r->from) || resolve_endpoint(c, to, p, "to", &r->to))
		return -1;
	return parse_proto(c, it, p, r);
}

static int parse_interfaces(struct pctx *c, const cJSON *it, const char *p,
			    struct net_firewall *fw)
{
	const cJSON *ifs = cJSON_GetObjectItemCaseSensitive(it, "interfaces");
	if (!ifs)
		return 0;
	char pk[PATH_MAX_LEN];
	subpath(pk, p, "interfaces");
	if (!cJSON_IsObject(ifs))
		return fail(c, pk, "{\"インターフェース名\": \"セグメントか接続先の id\"} の形で書いてください");
	fw->ifaces = xcalloc((size_t)cJSON_GetArraySize(ifs) + 1, sizeof *fw->ifaces);
	for (const cJSON *i = ifs->child; i; i = i->next) {
		char pi[PATH_MAX_LEN];
		subpath(pi, pk, i->string);
		for (size_t k = 0; k < fw->nifaces; k++)
			if (strcmp(fw->ifaces[k].name, i->string) == 0)
				return fail(c, pi, "項目が重複しています");
		struct net_iface *f = &fw->ifaces[fw->nifaces++];
		f->name = xstrdup(i->string);
		if (!cJSON_IsString(i))
			return fail(c, pi, "セグメントか接続先の id（文字列）でなければなりません");
		if (resolve_place(c, i->valuestring, pi, &f->place))
			return -1;
	}
	return 0;
}

/* A relative path below the model's directory: a registered model must not
   read arbitrary files of the server. */
static int safe_relative(const char *file)
{
	if (!*file || file[0] == '/')
		return 0;
	for (const char *s = file; *s; s++)
		if (s[0] == '.' && s[1] == '.' && (s == file || s[-1] == '/') && (s[2] == '/' || !s[2]))
			return 0;
	return 1;
}

static int read_file(const char *path, char **out, size_t *len)
{
	struct buf b = BUF_INIT;
	if (fd_read_path(path, IMPORT_LIMIT, &b) != 0) {
		buf_free(&b);
		return -1;
	}
	*len = b.len;
	*out = b.data ? buf_take(&b) : xstrdup("");
	return 0;
}

static int parse_import(struct pctx *c, const cJSON *it, const char *p, size_t fw)
{
	static const char *const keys[] = {"format", "file", "comment", NULL};
	const char *format, *file;
	char pk[PATH_MAX_LEN];
	if (check_keys(c, it, p, keys) || get_string(c, it, "format", p, 1, &format) ||
	    get_string(c, it, "file", p, 1, &file))
		return -1;
	subpath(pk, p, "format");
	int iptables = strcmp(format, "iptables-save") == 0;
	if (!iptables && strcmp(format, "nft-json") != 0)
		return fail(c, pk, "「%s」は iptables-save か nft-json でなければなりません", format);
	subpath(pk, p, "file");
	if (!c->base_dir)
		return fail(c, pk, "この経路（Web など）ではファイルを取り込めません。mamori netcheck MODEL.json "
				   "--expand で規則を展開したモデルを使うか、mamori netcheck register MODEL.json "
				   "で登録してください");
	if (!safe_relative(file))
		return fail(c, pk, "「%s」: モデルファイルのあるディレクトリからの相対パス（.. を含まない）で"
				   "書いてください",
			    file);
	char *full = xasprintf("%s/%s", c->base_dir, file), *text;
	size_t len;
	int rc = read_file(full, &text, &len);
	free(full);
	if (rc != 0)
		return fail(c, pk, "「%s」を読めません", file);
	rc = iptables ? netmodel_import_iptables(c->m, fw, text, len, file, c->e)
		      : netmodel_import_nft_json(c->m, fw, text, len, file, c->e);
	free(text);
	if (rc != 0) {
		if (!c->e->code)
			err_set(c->e, ERR_INPUT, "取り込めません");
		err_prefix(c->e, "%s（%s）", pk, file);
		c->e->code = ERR_INPUT;
		return -1;
	}
	return 0;
}

static int parse_firewall(struct pctx *c, const cJSON *it, const char *p, size_t index)
{
	static const char *const keys[] = {"name", "default", "interfaces", "rules", "import",
					   "comment", NULL};
	struct net_firewall *fw = &c->m->firewalls[index];
	const char *dflt;
	const cJSON *rules, *imports;
	char pk[PATH_MAX_LEN];
	if (check_keys(c, it, p, keys) || dup_string(c, it, "name", p, 1, &fw->name) ||
	    get_string(c, it, "default", p, 0, &dflt) || get_array(c, it, "rules", p, 0, &rules) ||
	    get_array(c, it, "import", p, 0, &imports) || parse_interfaces(c, it, p, fw))
		return -1;
	subpath(pk, p, "default");
	if (dflt && strcmp(dflt, "allow") == 0)
		fw->default_allow = 1;
	else if (dflt && strcmp(dflt, "deny") != 0)
		return fail(c, pk, "「%s」は deny か allow でなければなりません", dflt);
	subpath(pk, p, "name");
	struct strmap_slot *s = strmap_upsert(&c->firewalls, fw->name, strlen(fw->name));
	if (s->value)
		return fail(c, pk, "ファイアウォール「%s」は既にあります", fw->name);
	s->value = name_value(NAME_FIREWALL, index);
	if (rules) {
		/* rule ids are unique within a firewall: a map, as real rule
		   bases run to tens of thousands */
		struct strmap ids;
		strmap_init(&ids);
		fw->rules = xcalloc((size_t)cJSON_GetArraySize(rules) + 1, sizeof *fw->rules);
		int i = 0, rc = 0;
		for (const cJSON *r = rules->child; r && !rc; r = r->next, i++) {
			char pr[PATH_MAX_LEN];
			pathf(pr, "%s.rules[%d]", p, i);
			rc = parse_rule(c, r, pr, fw, &ids);
		}
		strmap_free(&ids, NULL);
		if (rc)
			return -1;
	}
	int i = 0;
	for (const cJSON *im = imports ? imports->child : NULL; im; im = im->next, i++) {
		char pi[PATH_MAX_LEN];
		pathf(pi, "%s.import[%d]", p, i);
		if (parse_import(c, im, pi, index))
			return -1;
	}
	return 0;
}

static int parse_firewalls(struct pctx *c, const cJSON *root)
{
	const cJSON *arr;
	if (get_array(c, root, "firewalls", "", 0, &arr))
		return -1;
	if (!arr)
		return 0;
	struct netmodel *m = c->m;
	m->firewalls = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *m->firewalls);
	return each_item(c, arr, "firewalls", &m->nfirewalls, parse_firewall);
}

static int parse_links(struct pctx *c, const cJSON *root)
{
	static const char *const keys[] = {"a", "b", "firewall", "comment", NULL};
	const cJSON *arr;
	if (get_array(c, root, "links", "", 0, &arr))
		return -1;
	if (!arr)
		return 0;
	struct netmodel *m = c->m;
	m->links = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *m->links);
	int i = 0;
	for (const cJSON *it = arr->child; it; it = it->next, i++) {
		char p[PATH_MAX_LEN], pk[PATH_MAX_LEN];
		itempath(p, "links", i);
		struct net_link *l = &m->links[m->nlinks++];
		l->firewall = -1;
		const char *a, *b, *fw;
		if (check_keys(c, it, p, keys) || get_string(c, it, "a", p, 1, &a) ||
		    get_string(c, it, "b", p, 1, &b) || get_string(c, it, "firewall", p, 0, &fw))
			return -1;
		subpath(pk, p, "a");
		if (resolve_place(c, a, pk, &l->a))
			return -1;
		subpath(pk, p, "b");
		if (resolve_place(c, b, pk, &l->b))
			return -1;
		if (l->a.kind == l->b.kind && l->a.index == l->b.index)
			return fail(c, pk, "a と b が同じです");
		if (fw) {
			enum name_kind k;
			size_t index;
			subpath(pk, p, "firewall");
			if (lookup(&c->firewalls, fw, &k, &index) != 0)
				return fail(c, pk, "「%s」というファイアウォールはありません", fw);
			l->firewall = (long)index;
		}
	}
	return 0;
}

static int parse_root(struct pctx *c, const cJSON *root)
{
	static const char *const keys[] = {"municipality", "model", "external_check", "zones",
					   "segments", "hosts", "peers", "allowed_specific_peers",
					   "links", "firewalls", "comment", NULL};
	/* Order matters: later parts name what earlier parts defined. */
	return check_keys(c, root, "", keys) || parse_header(c, root) ||
	       parse_allowed_specific(c, root) || parse_zones(c, root) || parse_segments(c, root) ||
	       parse_peers(c, root) || parse_hosts(c, root) || parse_firewalls(c, root) ||
	       parse_links(c, root);
}

int netmodel_parse(struct netmodel *m, const char *json, size_t len, const char *base_dir,
		   struct err *e)
{
	memset(m, 0, sizeof *m);
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		long off = at && at >= json && at <= json + len ? (long)(at - json) : -1;
		return err_set(e, ERR_INPUT, "JSON として読めません（%ld バイト目付近）", off);
	}
	struct pctx c = {.m = m, .base_dir = base_dir, .e = e};
	strmap_init(&c.names);
	strmap_init(&c.firewalls);
	int rc = parse_root(&c, root);
	strmap_free(&c.names, NULL);
	strmap_free(&c.firewalls, NULL);
	cJSON_Delete(root);
	if (rc) {
		netmodel_free(m);
		return e->code ? e->code : ERR_INPUT;
	}
	return 0;
}
