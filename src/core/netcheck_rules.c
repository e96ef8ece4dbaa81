/*
 * netcheck_rules.c — the violations, each with its clause of the guideline
 * and a stable rule id (docs/netcheck.md lists them and why each clause).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/netcheck_internal.h"

enum side { SIDE_NONE, SIDE_MYNUMBER, SIDE_LGWAN, SIDE_INTERNET };

static enum side place_side(const struct nc *c, size_t p)
{
	const struct place *pl = &c->pl[p];
	if (pl->kind == PL_PEER) {
		switch (c->m->peers[pl->index].kind) {
		case PEER_LGWAN:
		case PEER_LGWAN_ASP: return SIDE_LGWAN;
		case PEER_INTERNET:
		case PEER_SECURITY_CLOUD: return SIDE_INTERNET;
		default: return SIDE_NONE;
		}
	}
	switch (c->m->zones[pl->zone].area) {
	case AREA_MYNUMBER: return SIDE_MYNUMBER;
	case AREA_LGWAN: return SIDE_LGWAN;
	case AREA_INTERNET:
	case AREA_DMZ: return SIDE_INTERNET;
	default: return SIDE_NONE;
	}
}

/* "LGWAN接続系の「seg-a」", "接続先 インターネット「inet」" */
static void place_words(const struct nc *c, size_t p, struct buf *out)
{
	const struct place *pl = &c->pl[p];
	if (pl->kind == PL_PEER) {
		buf_printf(out, "接続先（%s）の「%s」", net_peer_label(c->m->peers[pl->index].kind),
			   nc_place_name(c, p));
		return;
	}
	buf_printf(out, "%sの", net_area_label(c->m->zones[pl->zone].area));
	if (pl->kind == PL_HOST)
		buf_printf(out, "%s", net_role_label(c->m->hosts[pl->index].role));
	buf_printf(out, "「%s」", nc_place_name(c, p));
}

/* A violation about a path from s to d: "<s> から <d> へ<what>。経路: …" */
static void path_violation(struct nc *c, const char *control, const char *rule, size_t s,
			   size_t d, int allow_sanitizer, const char *what)
{
	struct buf msg = BUF_INIT;
	place_words(c, s, &msg);
	buf_puts(&msg, "から");
	place_words(c, d, &msg);
	buf_printf(&msg, "へ%s。経路: ", what);
	nc_describe(c, s, d, allow_sanitizer, &msg);
	nc_violation(c, control, rule, nc_place_name(c, s), nc_place_name(c, d), buf_take(&msg));
}

static int peer_allowed(const struct netmodel *m, enum peer_kind k)
{
	for (size_t i = 0; i < m->nallowed_specific; i++)
		if (m->allowed_specific[i] == k)
			return 1;
	return 0;
}

/* At most 256 addresses: a host, not a network. */
static int narrow(const struct net_endpoint *ep)
{
	if (ep->kind == EP_HOST)
		return 1;
	if (ep->kind != EP_PREFIX || ep->pfx.n == 0)
		return 0;
	for (size_t i = 0; i < ep->pfx.n; i++)
		if (ep->pfx.v[i].len < 120)
			return 0;
	return 1;
}

/* 3.1.1: a 特定通信 is limited by address on both ends and by port. */
static int pinned(const struct netmodel *m, const struct net_rule *r, int mynumber_is_from)
{
	const struct net_endpoint *own = mynumber_is_from ? &r->from : &r->to;
	const struct net_endpoint *peer = mynumber_is_from ? &r->to : &r->from;
	int peer_ok = narrow(peer) || (peer->kind == EP_PEER && m->peers[peer->index].addresses.n > 0);
	return (r->proto == PROTO_TCP || r->proto == PROTO_UDP) && !r->ports.any && narrow(own) &&
	       peer_ok;
}

/* The rules that open s → d on the firewalls of its paths and are not
   pinned; one violation naming them all. */
static void check_pinned(struct nc *c, size_t s, size_t d, int mynumber_is_from)
{
	const struct netmodel *m = c->m;
	unsigned char *on = xcalloc(m->nfirewalls + 1, 1);
	int open = nc_path_firewalls(c, s, d, on);
	struct buf ids = BUF_INIT;
	if (open)
		buf_puts(&ids, "ファイアウォールを通らない経路があります");
	for (size_t f = 0; f < m->nfirewalls; f++) {
		if (!on[f])
			continue;
		const struct net_firewall *fw = &m->firewalls[f];
		if (c->fw_allow[f][s * c->np + d] == FW_DEFAULT)
			buf_printf(&ids, "%s%s の既定の方針 allow", ids.len ? "、" : "", fw->name);
		for (size_t k = 0; k < fw->nrules; k++) {
			const struct net_rule *r = &fw->rules[k];
			if (r->allow && nc_touches(c, &r->from, s) && nc_touches(c, &r->to, d) &&
			    !pinned(m, r, mynumber_is_from))
				buf_printf(&ids, "%s%s の規則 %s", ids.len ? "、" : "", fw->name, r->id);
		}
	}
	free(on);
	if (!ids.len)
		return;
	struct buf what = BUF_INIT;
	buf_printf(&what, "の通信が、アドレス（両端）とポートに限定された特定通信になっていません（%s）",
		   buf_str(&ids));
	path_violation(c, "3.1.1", "net.specific.pinned", s, d, 0, buf_str(&what));
	buf_free(&ids);
	buf_free(&what);
}

static int host_touches_area(const struct netmodel *m, const struct net_host *h, enum net_area a);

/* A host with interfaces on both sides of a boundary (a shared printer):
   it forwards nothing, and check_shared judges whether it may be shared,
   so the reach to and from it is not reported again. */
static int straddles(const struct nc *c, size_t p, enum net_area a, enum net_area b)
{
	if (c->pl[p].kind != PL_HOST)
		return 0;
	const struct net_host *h = &c->m->hosts[c->pl[p].index];
	return h->nextra && host_touches_area(c->m, h, a) && host_touches_area(c->m, h, b);
}

static int straddles_mynumber(const struct nc *c, size_t p)
{
	return straddles(c, p, AREA_MYNUMBER, AREA_LGWAN) ||
	       straddles(c, p, AREA_MYNUMBER, AREA_INTERNET) ||
	       straddles(c, p, AREA_MYNUMBER, AREA_DMZ) || straddles(c, p, AREA_MYNUMBER, AREA_OTHER);
}

/* 3.1.1: nothing but pinned 特定通信 to allowed peers leaves or enters the
   マイナンバー利用事務系. */
static void check_mynumber(struct nc *c)
{
	size_t np = c->np;
	for (size_t s = 0; s < np; s++)
		for (size_t d = 0; d < np; d++) {
			if (s == d || !c->all[s * np + d])
				continue;
			int sm = place_side(c, s) == SIDE_MYNUMBER, dm = place_side(c, d) == SIDE_MYNUMBER;
			if (sm == dm)
				continue;
			size_t other = sm ? d : s;
			if (straddles_mynumber(c, s) || straddles_mynumber(c, d))
				continue;
			if (c->pl[other].kind == PL_PEER) {
				enum peer_kind k = c->m->peers[c->pl[other].index].kind;
				if (peer_allowed(c->m, k)) {
					if (c->direct[s * np + d])
						check_pinned(c, s, d, sm);
					continue;
				}
				if (k != PEER_INTERNET && k != PEER_LGWAN && k != PEER_SECURITY_CLOUD) {
					path_violation(c, "3.1.1", "net.specific.peer", s, d, 1,
						       "通信できますが、この接続先は特定通信の相手として認められていません"
						       "（allowed_specific_peers）");
					continue;
				}
			}
			path_violation(c, "3.1.1", "net.mynumber.isolated", s, d, 1,
				       "通信できます（マイナンバー利用事務系は他の領域から分離しなければなりません）");
		}
}

/* 3.2.1: between the LGWAN and Internet sides only through a 無害化装置
   or 画面転送装置. */
static void check_lgwan_internet(struct nc *c)
{
	size_t np = c->np;
	for (size_t s = 0; s < np; s++)
		for (size_t d = 0; d < np; d++) {
			if (s == d || !c->plain[s * np + d] || nc_sanitizing(c, s) || nc_sanitizing(c, d))
				continue;
			if (c->pl[s].kind == PL_PEER && c->pl[d].kind == PL_PEER)
				continue;
			if (straddles(c, s, AREA_LGWAN, AREA_INTERNET) ||
			    straddles(c, d, AREA_LGWAN, AREA_INTERNET))
				continue;
			enum side a = place_side(c, s), b = place_side(c, d);
			if ((a == SIDE_LGWAN && b == SIDE_INTERNET) || (a == SIDE_INTERNET && b == SIDE_LGWAN))
				path_violation(c, "3.2.1", "net.lgwan_internet.unsanitized", s, d, 0,
					       "無害化装置も画面転送装置も通らずに通信できます");
		}
}

/* 3.3.2: the Internet zone reaches the Internet only through the
   自治体情報セキュリティクラウド. */
static void check_security_cloud(struct nc *c)
{
	const struct netmodel *m = c->m;
	size_t np = c->np;
	unsigned char *skip = xcalloc(c->ntransit + 1, 1);
	for (size_t p = 0; p < m->npeers; p++)
		if (m->peers[p].kind == PEER_SECURITY_CLOUD)
			skip[m->nsegments + p] = 1;
	for (size_t s = 0; s < np; s++) {
		if (c->pl[s].kind == PL_PEER || m->zones[c->pl[s].zone].area != AREA_INTERNET)
			continue;
		for (size_t p = 0; p < m->npeers; p++) {
			size_t d = m->nsegments + p;
			if (m->peers[p].kind != PEER_INTERNET ||
			    !(c->direct[s * np + d] || c->direct[d * np + s]))
				continue;
			int out = nc_reaches_avoiding(c, s, d, skip, 0);
			int in = nc_reaches_avoiding(c, d, s, skip, 0);
			if (!out && !in)
				continue;
			size_t from = out ? s : d, to = out ? d : s;
			struct buf msg = BUF_INIT;
			place_words(c, from, &msg);
			buf_puts(&msg, "から");
			place_words(c, to, &msg);
			buf_puts(&msg, "へ自治体情報セキュリティクラウドを通らずに通信できます。経路: ");
			nc_describe_avoiding(c, from, to, skip, &msg);
			nc_violation(c, "3.3.2", "net.internet.security_cloud", nc_place_name(c, from),
				     nc_place_name(c, to), buf_take(&msg));
		}
	}
	free(skip);
}

static int enterprise(const char *security)
{
	int wpa = strcasestr(security, "WPA2") || strcasestr(security, "WPA3");
	int ent = strcasestr(security, "Enterprise") || strstr(security, "エンタープライズ") ||
		  strcasestr(security, "802.1X");
	return wpa && ent && !strcasestr(security, "WEP");
}

static void check_wifi_one(struct nc *c, const struct net_wifi *w, const char *where,
			   int in_mynumber)
{
	if (in_mynumber)
		nc_violation(c, "6.1.13.1", "net.mynumber.wifi", where, w->present ? w->ssid : "",
			     xasprintf("マイナンバー利用事務系の「%s」で無線LANが使われています"
				       "（マイナンバー利用事務系では無線LANを使いません）",
				       where));
	if (w->present && !enterprise(w->security))
		nc_violation(c, "6.1.13.1", "net.wifi.enterprise", where, w->ssid,
			     xasprintf("「%s」の無線LAN（SSID %s）の方式「%s」は WPA2/WPA3 エンタープライズ"
				       "（IEEE 802.1X 認証）ではありません",
				       where, w->ssid, w->security));
}

static int host_touches_area(const struct netmodel *m, const struct net_host *h, enum net_area a)
{
	if (m->zones[m->segments[h->segment].zone].area == a)
		return 1;
	for (size_t k = 0; k < h->nextra; k++)
		if (m->zones[m->segments[h->extra_segments[k]].zone].area == a)
			return 1;
	return 0;
}

/* 3.1.2.2 and 6.1.13.1: USB export and Wi-Fi. */
static void check_devices(struct nc *c)
{
	const struct netmodel *m = c->m;
	for (size_t i = 0; i < m->nsegments; i++) {
		const struct net_segment *s = &m->segments[i];
		if (s->wifi.present)
			check_wifi_one(c, &s->wifi, s->id, m->zones[s->zone].area == AREA_MYNUMBER);
	}
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct net_host *h = &m->hosts[i];
		int mn = host_touches_area(m, h, AREA_MYNUMBER);
		if (h->wifi.present || (mn && h->role == ROLE_WIRELESS_AP))
			check_wifi_one(c, &h->wifi, h->name, mn);
		if (mn && h->usb_export)
			nc_violation(c, "3.1.2.2", "net.mynumber.usb", h->name, "",
				     xasprintf("マイナンバー利用事務系の%s「%s」から USB メモリ等へ書き出せます"
					       "（媒体への持出しを無効にしてください）",
					       net_role_label(h->role), h->name));
	}
}

/* 3.1.1 and 3.2.1 commentary ((4) その他): a host with interfaces in
   several zones.  Terminals and servers are never shared with the
   マイナンバー利用事務系 (printers may be, with a port per network); nothing
   but a 無害化装置 or 画面転送装置 is shared between the Internet side and the
   マイナンバー利用事務系 or LGWAN接続系 (printers and update servers
   included). */
static void check_shared(struct nc *c)
{
	const struct netmodel *m = c->m;
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct net_host *h = &m->hosts[i];
		if (!h->nextra)
			continue;
		int mn = host_touches_area(m, h, AREA_MYNUMBER), lg = host_touches_area(m, h, AREA_LGWAN);
		int inet = host_touches_area(m, h, AREA_INTERNET) || host_touches_area(m, h, AREA_DMZ);
		int other = host_touches_area(m, h, AREA_OTHER) || lg || inet;
		int sanitizer = h->role == ROLE_SANITIZER || h->role == ROLE_SCREEN_TRANSFER;
		const char *why = NULL, *control = "3.1.1";
		if (mn && other && (h->role != ROLE_PRINTER || inet))
			why = "マイナンバー利用事務系と他の領域にまたがっています";
		else if (lg && inet && !sanitizer) {
			why = "LGWAN接続系とインターネット接続系にまたがっています";
			control = "3.2.1";
		}
		if (!why)
			continue;
		struct buf segs = BUF_INIT;
		buf_puts(&segs, m->segments[h->segment].id);
		for (size_t k = 0; k < h->nextra; k++)
			buf_printf(&segs, "、%s", m->segments[h->extra_segments[k]].id);
		nc_violation(c, control, "net.shared_device", h->name, m->segments[h->extra_segments[0]].id,
			     xasprintf("%s「%s」が%s（接続: %s）", net_role_label(h->role), h->name, why,
				       buf_str(&segs)));
		buf_free(&segs);
	}
}

/* today minus one year, as YYYY-MM-DD (29 February falls back to the 28th). */
static void year_before(const char *today, char out[11])
{
	memcpy(out, today, 10);
	out[10] = '\0';
	int y = atoi(today) - 1;
	for (int i = 3; i >= 0; i--, y /= 10)
		out[i] = (char)('0' + y % 10);
	if (strcmp(out + 4, "-02-29") == 0)
		out[9] = '8';
}

/* 3.3.3: β and β′ need an external check, unless the LGWAN and Internet
   sides are completely separated (then the commentary waives it). */
static void check_external(struct nc *c, const char *today)
{
	const struct netmodel *m = c->m;
	if (m->model == MODEL_ALPHA)
		return;
	size_t np = c->np;
	int joined = 0;
	for (size_t s = 0; s < np && !joined; s++)
		for (size_t d = 0; d < np && !joined; d++) {
			if (c->pl[s].kind == PL_PEER || c->pl[d].kind == PL_PEER || !c->all[s * np + d])
				continue;
			enum side a = place_side(c, s), b = place_side(c, d);
			joined = (a == SIDE_LGWAN && b == SIDE_INTERNET) || (a == SIDE_INTERNET && b == SIDE_LGWAN);
		}
	if (!joined)
		return;
	char floor[11];
	year_before(today, floor);
	const struct net_external_check *ec = &m->external_check;
	char *msg = NULL;
	if (!ec->present)
		msg = xasprintf("%sモデルですが、外部による確認（事前確認・定期的な外部監査）の記録がありません",
				net_model_label(m->model));
	else if (strcmp(ec->date, floor) < 0)
		msg = xasprintf("%sモデルの外部による確認（%s、%s）から1年を超えています。定期的な外部監査を受けてください",
				net_model_label(m->model), ec->date, ec->by);
	else if (strcmp(ec->date, today) > 0)
		msg = xasprintf("外部による確認の日付 %s が今日（%s）より後です", ec->date, today);
	if (msg)
		nc_violation(c, "3.3.3", "net.beta.external_check", "", "", msg);
}

/* 6.1.10.4: a public server sits in a DMZ that a firewall separates from
   the Internet. */
static void check_public(struct nc *c)
{
	const struct netmodel *m = c->m;
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct net_host *h = &m->hosts[i];
		if (h->role != ROLE_PUBLIC_SERVER)
			continue;
		size_t hp = (size_t)c->host_place[i];
		if (m->zones[m->segments[h->segment].zone].area != AREA_DMZ || h->nextra) {
			nc_violation(c, "6.1.10.4", "net.public.dmz", h->name, m->segments[h->segment].id,
				     xasprintf("公開サーバ「%s」が公開セグメント（DMZ）だけに置かれていません",
					       h->name));
			continue;
		}
		for (size_t p = 0; p < m->npeers; p++) {
			size_t d = m->nsegments + p;
			if (m->peers[p].kind == PEER_INTERNET && nc_reaches_avoiding(c, d, hp, NULL, 1)) {
				nc_violation(c, "6.1.10.4", "net.public.dmz", m->peers[p].id, h->name,
					     xasprintf("公開サーバ「%s」とインターネット「%s」の間にファイアウォールが"
						       "ありません",
						       h->name, m->peers[p].id));
				break;
			}
		}
	}
}

void nc_rules(struct nc *c, const char *today)
{
	check_mynumber(c);
	check_devices(c);
	check_lgwan_internet(c);
	check_security_cloud(c);
	check_shared(c);
	check_external(c, today);
	check_public(c);
}
