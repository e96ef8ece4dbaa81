/*
 * netmodel_nft.c — firewall rules from nftables' JSON (`nft -j list
 * ruleset`) into the network model.
 *
 * The chains that decide what passes between the zones are the base
 * chains of type filter on the forward hook, in the families ip, ip6 and
 * inet.  They are read in priority order, with the chains they jump to
 * inlined and the named and anonymous sets expanded, under the principle
 * of netmodel_fw.h (an allow may only grow, a deny only shrink).
 *
 * Several forward chains: a packet passes only if every one of them lets
 * it through.  Concatenating them in priority order is then safe: a deny
 * anywhere is a real deny for the packets that reach it, and an accept of
 * an early chain can only make the list allow more than the kernel does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/netmodel_fw.h"

#define NFT_MAX_DEPTH 64
#define NFT_MAX_ALTS 4096

struct nft_chain {
	const char *family, *table, *name;
	const cJSON *hook, *type;
	long prio;
	int policy_accept;
	int base;
	size_t item; /* index in the "nftables" array, for messages */
	size_t nrules;
	size_t *rules; /* indexes of its rules in the "nftables" array */
	int visiting;
};

struct nft_ctx {
	const char *file;
	const cJSON *items; /* the "nftables" array */
	size_t nitems;
	const cJSON **item; /* items by index */
	size_t nchains;
	struct nft_chain *chains;
	struct fw_rules out;
	int depth;
	char via[160];
};

/* Alternatives: the rule matches if any of them does. */
struct alts {
	size_t n;
	struct fw_cond *v;
};

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int family_number(const char *family)
{
	if (!family)
		return -1;
	if (strcmp(family, "ip") == 0)
		return 4;
	if (strcmp(family, "ip6") == 0)
		return 6;
	if (strcmp(family, "inet") == 0)
		return 0;
	return -1; /* arp, bridge, netdev: not routed traffic */
}

static struct nft_chain *chain_find(struct nft_ctx *x, const char *family, const char *table,
				    const char *name)
{
	for (size_t i = 0; i < x->nchains; i++) {
		struct nft_chain *c = &x->chains[i];
		if (strcmp(c->family, family) == 0 && strcmp(c->table, table) == 0 &&
		    strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

static int bad(struct nft_ctx *x, struct err *e, const char *path, const char *what)
{
	return err_set(e, ERR_INPUT, "%s: %s: %s", x->file, path, what);
}

/* ---- the ruleset's objects ---- */

static int read_chain(struct nft_ctx *x, size_t i, const cJSON *c, struct err *e)
{
	char path[64];
	snprintf(path, sizeof path, "nftables[%zu].chain", i);
	const char *family = str_of(c, "family"), *table = str_of(c, "table"), *name = str_of(c, "name");
	if (!family || !table || !name)
		return bad(x, e, path, "family, table, name のいずれかがありません");
	if (chain_find(x, family, table, name))
		return bad(x, e, path, "同じチェーンが二度あります");
	x->chains = xrealloc(x->chains, (x->nchains + 1) * sizeof *x->chains);
	struct nft_chain *ch = &x->chains[x->nchains++];
	memset(ch, 0, sizeof *ch);
	ch->family = family;
	ch->table = table;
	ch->name = name;
	ch->item = i;
	const char *hook = str_of(c, "hook"), *type = str_of(c, "type"), *policy = str_of(c, "policy");
	const cJSON *prio = cJSON_GetObjectItemCaseSensitive(c, "prio");
	ch->base = hook && type && strcmp(hook, "forward") == 0 && strcmp(type, "filter") == 0 &&
		   family_number(family) >= 0;
	ch->prio = cJSON_IsNumber(prio) ? prio->valueint : 0; /* cJSON saturates it */
	if (policy && strcmp(policy, "accept") != 0 && strcmp(policy, "drop") != 0)
		return bad(x, e, path, "policy は accept か drop です");
	ch->policy_accept = !policy || strcmp(policy, "accept") == 0;
	return 0;
}

static int read_rule(struct nft_ctx *x, size_t i, const cJSON *r, struct err *e)
{
	char path[64];
	snprintf(path, sizeof path, "nftables[%zu].rule", i);
	const char *family = str_of(r, "family"), *table = str_of(r, "table"), *chain = str_of(r, "chain");
	if (!family || !table || !chain)
		return bad(x, e, path, "family, table, chain のいずれかがありません");
	if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r, "expr")))
		return bad(x, e, path, "expr の配列がありません");
	struct nft_chain *ch = chain_find(x, family, table, chain);
	if (!ch)
		return bad(x, e, path, "規則のチェーンが宣言されていません");
	ch->rules = xrealloc(ch->rules, (ch->nrules + 1) * sizeof *ch->rules);
	ch->rules[ch->nrules++] = i;
	return 0;
}

static int read_ruleset(struct nft_ctx *x, struct err *e)
{
	x->nitems = (size_t)cJSON_GetArraySize(x->items);
	x->item = xcalloc(x->nitems + 1, sizeof *x->item);
	size_t i = 0;
	for (const cJSON *it = x->items->child; it; it = it->next)
		x->item[i++] = it;
	/* chains first: a rule may come before its chain in a hand-made file */
	for (i = 0; i < x->nitems; i++) {
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(x->item[i], "chain");
		if (c && cJSON_IsObject(c) && read_chain(x, i, c, e))
			return e->code;
	}
	for (i = 0; i < x->nitems; i++) {
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(x->item[i], "rule");
		if (r && cJSON_IsObject(r) && read_rule(x, i, r, e))
			return e->code;
	}
	return 0;
}

static const cJSON *set_elems(struct nft_ctx *x, const char *family, const char *table,
			      const char *name)
{
	for (size_t i = 0; i < x->nitems; i++) {
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(x->item[i], "set");
		if (!s)
			s = cJSON_GetObjectItemCaseSensitive(x->item[i], "map");
		const char *f = str_of(s, "family"), *t = str_of(s, "table"), *n = str_of(s, "name");
		if (f && t && n && strcmp(f, family) == 0 && strcmp(t, table) == 0 &&
		    strcmp(n, name) == 0) {
			const cJSON *elem = cJSON_GetObjectItemCaseSensitive(s, "elem");
			/* a set without "elem" is empty: its name (not an array)
			   says "found, nothing in it" */
			return elem ? elem : cJSON_GetObjectItemCaseSensitive(s, "name");
		}
	}
	return NULL;
}

/* ---- values ---- */

static void alts_free(struct alts *a)
{
	for (size_t i = 0; i < a->n; i++)
		fw_cond_free(&a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

static struct fw_cond *alts_push(struct alts *a)
{
	a->v = xrealloc(a->v, (a->n + 1) * sizeof *a->v);
	fw_cond_init(&a->v[a->n]);
	return &a->v[a->n++];
}

/* a = a and (any of b) */
static int alts_meet(struct alts *a, const struct alts *b, struct nft_ctx *x, const char *path,
		     struct err *e)
{
	if (a->n * b->n > NFT_MAX_ALTS)
		return bad(x, e, path, "セットの組合せが多すぎます");
	struct alts out = {0, NULL};
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++) {
			struct fw_cond c;
			if (fw_cond_meet(&a->v[i], &b->v[j], &c) == 0) {
				*alts_push(&out) = c;
			}
		}
	alts_free(a);
	*a = out;
	return 0;
}

/* The addresses lo..hi (same family) as the fewest prefixes. */
static void range_prefixes(struct net_prefix lo, const struct net_prefix *hi, int v4, struct alts *out,
			   int dst)
{
	for (int guard = 0; guard < 256; guard++) {
		int len = 128;
		/* the largest block starting at lo that stays within hi */
		while (len > (v4 ? 96 : 0)) {
			int bit = len - 1;
			if (lo.addr[bit / 8] & (0x80 >> (bit % 8)))
				break;
			struct net_prefix last = lo;
			for (int b = len - 1; b < 128; b++)
				last.addr[b / 8] |= (uint8_t)(0x80 >> (b % 8));
			if (memcmp(last.addr, hi->addr, 16) > 0)
				break;
			len--;
		}
		lo.len = (uint8_t)len;
		struct fw_cond *c = alts_push(out);
		if (dst) {
			c->has_dst = 1;
			c->dst = lo;
		} else {
			c->has_src = 1;
			c->src = lo;
		}
		/* lo = end of this block + 1 */
		struct net_prefix next = lo;
		for (int b = len; b < 128; b++)
			next.addr[b / 8] |= (uint8_t)(0x80 >> (b % 8));
		if (memcmp(next.addr, hi->addr, 16) >= 0)
			return;
		int k = 15;
		while (k >= 0 && ++next.addr[k] == 0)
			k--;
		lo = next;
	}
}

static int parse_addr(const cJSON *v, struct net_prefix *p)
{
	if (cJSON_IsString(v))
		return net_prefix_parse(v->valuestring, p);
	const cJSON *pre = cJSON_GetObjectItemCaseSensitive(v, "prefix");
	if (pre) {
		const char *a = str_of(pre, "addr");
		const cJSON *len = cJSON_GetObjectItemCaseSensitive(pre, "len");
		if (!a || !cJSON_IsNumber(len) || len->valuedouble < 0 || len->valuedouble > 128 ||
		    strchr(a, '/'))
			return -1;
		char text[80];
		snprintf(text, sizeof text, "%s/%d", a, (int)len->valuedouble);
		return net_prefix_parse(text, p);
	}
	return -1;
}

static int is_v4(const struct net_prefix *p)
{
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	return memcmp(p->addr, mapped, 12) == 0 && p->len >= 96;
}

/* One element of a set or the right side of a match: address alternatives. */
static int addr_alts(const cJSON *v, int dst, struct alts *out)
{
	const cJSON *el = cJSON_GetObjectItemCaseSensitive(v, "elem");
	if (el)
		return addr_alts(cJSON_GetObjectItemCaseSensitive(el, "val"), dst, out);
	const cJSON *range = cJSON_GetObjectItemCaseSensitive(v, "range");
	if (range) {
		struct net_prefix lo, hi;
		if (cJSON_GetArraySize(range) != 2 ||
		    parse_addr(cJSON_GetArrayItem(range, 0), &lo) ||
		    parse_addr(cJSON_GetArrayItem(range, 1), &hi) || is_v4(&lo) != is_v4(&hi) ||
		    memcmp(lo.addr, hi.addr, 16) > 0)
			return -1;
		range_prefixes(lo, &hi, is_v4(&lo), out, dst);
		return 0;
	}
	struct net_prefix p;
	if (parse_addr(v, &p))
		return -1;
	struct fw_cond *c = alts_push(out);
	if (dst) {
		c->has_dst = 1;
		c->dst = p;
	} else {
		c->has_src = 1;
		c->src = p;
	}
	return 0;
}

static int port_value(const cJSON *v, long *out)
{
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= 65535 &&
	    v->valuedouble == (double)(long)v->valuedouble) {
		*out = (long)v->valuedouble;
		return 0;
	}
	return -1;
}

/* Ports: a number, a range, or (inside a set) several; 0 ok, -1 not ports. */
static int port_alts(const cJSON *v, struct net_ports *p)
{
	const cJSON *el = cJSON_GetObjectItemCaseSensitive(v, "elem");
	if (el)
		return port_alts(cJSON_GetObjectItemCaseSensitive(el, "val"), p);
	const cJSON *range = cJSON_GetObjectItemCaseSensitive(v, "range");
	long lo, hi;
	if (range) {
		if (cJSON_GetArraySize(range) != 2 || port_value(cJSON_GetArrayItem(range, 0), &lo) ||
		    port_value(cJSON_GetArrayItem(range, 1), &hi) || lo > hi)
			return -1;
	} else if (port_value(v, &lo) == 0) {
		hi = lo;
	} else {
		return -1;
	}
	fw_ports_add(p, (unsigned)lo, (unsigned)hi);
	return 0;
}

enum left_kind { L_SADDR, L_DADDR, L_DPORT, L_PROTO, L_IIF, L_OIF, L_CTSTATE, L_FAMILY, L_OTHER };

/* What the left side of a match reads; *proto set when the header implies
   a protocol ("tcp dport" matches tcp only). */
static enum left_kind left_kind(const cJSON *left, const char **proto)
{
	*proto = NULL;
	const cJSON *pl = cJSON_GetObjectItemCaseSensitive(left, "payload");
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(left, "meta");
	const cJSON *ct = cJSON_GetObjectItemCaseSensitive(left, "ct");
	if (pl) {
		const char *p = str_of(pl, "protocol"), *f = str_of(pl, "field");
		if (!p || !f)
			return L_OTHER;
		int ip = strcmp(p, "ip") == 0 || strcmp(p, "ip6") == 0;
		if (ip && strcmp(f, "saddr") == 0)
			return L_SADDR;
		if (ip && strcmp(f, "daddr") == 0)
			return L_DADDR;
		if ((strcmp(p, "ip") == 0 && strcmp(f, "protocol") == 0) ||
		    (strcmp(p, "ip6") == 0 && strcmp(f, "nexthdr") == 0))
			return L_PROTO;
		if (strcmp(p, "tcp") == 0 || strcmp(p, "udp") == 0)
			*proto = p;
		if (strcmp(f, "dport") == 0)
			return L_DPORT;
		return L_OTHER;
	}
	if (meta) {
		const char *k = str_of(meta, "key");
		if (!k)
			return L_OTHER;
		if (strcmp(k, "iifname") == 0 || strcmp(k, "iif") == 0)
			return L_IIF;
		if (strcmp(k, "oifname") == 0 || strcmp(k, "oif") == 0)
			return L_OIF;
		if (strcmp(k, "l4proto") == 0)
			return L_PROTO;
		if (strcmp(k, "nfproto") == 0)
			return L_FAMILY;
		return L_OTHER;
	}
	if (ct) {
		const char *k = str_of(ct, "key");
		if (k && strcmp(k, "state") == 0 && !cJSON_GetObjectItemCaseSensitive(ct, "dir"))
			return L_CTSTATE;
	}
	return L_OTHER;
}

/* The list of values a right side stands for: a set, a named set, an
   array of flags, or one value.  NULL with *unknown_set when "@x" names
   no set. */
static const cJSON *right_values(struct nft_ctx *x, const struct nft_chain *ch, const cJSON *right,
				 int *single, int *unknown_set)
{
	*single = 0;
	*unknown_set = 0;
	if (cJSON_IsString(right) && right->valuestring[0] == '@') {
		const cJSON *el = set_elems(x, ch->family, ch->table, right->valuestring + 1);
		if (!el)
			*unknown_set = 1;
		return el && cJSON_IsArray(el) ? el->child : NULL;
	}
	const cJSON *set = cJSON_GetObjectItemCaseSensitive(right, "set");
	if (set && cJSON_IsArray(set))
		return set->child;
	if (set) {
		*single = 1;
		return set;
	}
	if (cJSON_IsArray(right))
		return right->child;
	*single = 1;
	return right;
}

/* Whether a ct state list names one state. */
static int states_has(const cJSON *first, int single, const char *state)
{
	for (const cJSON *v = first; v; v = single ? NULL : v->next)
		if (cJSON_IsString(v) && strcmp(v->valuestring, state) == 0)
			return 1;
	return 0;
}

static int one_value(enum left_kind k, const cJSON *v, const char *proto, struct alts *vals,
		     int *inexact)
{
	switch (k) {
	case L_SADDR:
	case L_DADDR:
		return addr_alts(v, k == L_DADDR, vals);
	case L_IIF:
	case L_OIF: {
		if (!cJSON_IsString(v) || !v->valuestring[0])
			return -1;
		struct fw_cond *c = alts_push(vals);
		char *name = xstrdup(v->valuestring);
		size_t n = strlen(name);
		if (name[n - 1] == '*')
			name[n - 1] = '+'; /* nft's wildcard, as iptables writes it */
		*(k == L_IIF ? &c->iif : &c->oif) = name;
		return 0;
	}
	case L_PROTO: {
		char num[16];
		const char *name = cJSON_IsString(v) ? v->valuestring : NULL;
		if (cJSON_IsNumber(v)) {
			snprintf(num, sizeof num, "%d", v->valueint);
			name = num;
		}
		struct fw_cond *c = alts_push(vals);
		if (!name || fw_proto_set(c, name) != 0) {
			vals->n--;
			fw_cond_free(&vals->v[vals->n]);
			*inexact = 1; /* a protocol this reader does not know */
		}
		return 0;
	}
	case L_DPORT: {
		struct fw_cond *c = vals->n ? &vals->v[0] : alts_push(vals);
		if (proto)
			fw_proto_set(c, proto);
		if (port_alts(v, &c->dports) != 0)
			*inexact = 1; /* a service name or an expression: not expressible */
		return 0;
	}
	default:
		return 0;
	}
}

/* One match expression into alternatives a (and *never_new). */
static int match_expr(struct nft_ctx *x, const struct nft_chain *ch, const cJSON *m,
		      const char *path, struct alts *a, struct err *e)
{
	const cJSON *left = cJSON_GetObjectItemCaseSensitive(m, "left");
	const cJSON *right = cJSON_GetObjectItemCaseSensitive(m, "right");
	const char *op = str_of(m, "op");
	if (!left || !right || !op)
		return bad(x, e, path, "match には op, left, right が要ります");
	const char *proto;
	enum left_kind k = left_kind(left, &proto);
	int neg = strcmp(op, "!=") == 0;
	int eq = strcmp(op, "==") == 0 || strcmp(op, "in") == 0;
	struct alts vals = {0, NULL};
	int inexact = 0, rc = 0;
	if (k == L_OTHER || k == L_FAMILY) {
		struct fw_cond *c = alts_push(&vals);
		if (proto)
			fw_proto_set(c, proto);
		if (k == L_FAMILY && eq && cJSON_IsString(right))
			c->family = strcmp(right->valuestring, "ipv4") == 0   ? 4
				    : strcmp(right->valuestring, "ipv6") == 0 ? 6
									      : 0;
		c->inexact = !(k == L_FAMILY && c->family);
		goto meet;
	}
	if (k == L_DPORT && !eq && !neg && cJSON_IsNumber(right)) {
		/* tcp dport < 1024 and the like */
		struct fw_cond *c = alts_push(&vals);
		if (proto)
			fw_proto_set(c, proto);
		/* clamped before converting: the JSON may hold any number */
		double v = right->valuedouble;
		v = v < -1 ? -1 : v > 65536 ? 65536 : v;
		long lo = 0, hi = 65535;
		if (strcmp(op, "<") == 0)
			hi = (long)v - 1;
		else if (strcmp(op, "<=") == 0)
			hi = (long)v;
		else if (strcmp(op, ">") == 0)
			lo = (long)v + 1;
		else if (strcmp(op, ">=") == 0)
			lo = (long)v;
		else
			c->inexact = 1;
		if (lo > hi || lo < 0 || hi > 65535)
			vals.n = (fw_cond_free(c), 0); /* matches no port */
		else if (!c->inexact)
			fw_ports_add(&c->dports, (unsigned)lo, (unsigned)hi);
		goto meet;
	}
	int single, unknown_set;
	const cJSON *first = right_values(x, ch, right, &single, &unknown_set);
	if (unknown_set) {
		char p[160];
		snprintf(p, sizeof p, "%s.right", path);
		return bad(x, e, p, "名前付きセットが見つかりません");
	}
	if (k == L_CTSTATE) {
		struct fw_cond *c = alts_push(&vals);
		if (eq)
			c->never_new = !states_has(first, single, "new") &&
				       !states_has(first, single, "untracked");
		else if (neg) /* every state but the named ones */
			c->never_new = states_has(first, single, "new") &&
				       states_has(first, single, "untracked");
		else
			c->inexact = 1;
		goto meet;
	}
	if (neg || !eq) {
		struct fw_cond *c = alts_push(&vals);
		if (proto)
			fw_proto_set(c, proto);
		c->inexact = 1; /* a negation is not expressible: any for an allow */
		goto meet;
	}
	for (const cJSON *v = first; v && !rc; v = single ? NULL : v->next)
		if (one_value(k, v, proto, &vals, &inexact) != 0) {
			char p[160];
			snprintf(p, sizeof p, "%s.right", path);
			rc = bad(x, e, p, "値が読めません（アドレス・インタフェース名・ポート）");
		}
	if (rc) {
		alts_free(&vals);
		return rc;
	}
	if (inexact) {
		if (vals.n == 0)
			alts_push(&vals);
		for (size_t i = 0; i < vals.n; i++) {
			vals.v[i].inexact = 1;
			if (k == L_DPORT) { /* some ports unread: any port, never fewer */
				free(vals.v[i].dports.v);
				vals.v[i].dports = (struct net_ports){1, 0, NULL};
			}
			if (k == L_PROTO) {
				vals.v[i].proto = PROTO_ANY;
				vals.v[i].proto_number = -1;
			}
		}
	}
meet:
	rc = alts_meet(a, &vals, x, path, e);
	alts_free(&vals);
	return rc;
}

/* ---- walking the chains ---- */

static int walk_chain(struct nft_ctx *x, struct nft_chain *ch, const struct fw_cond *J,
		      int denies_ok, struct err *e);

static const char *rule_comment(const cJSON *rule)
{
	return str_of(rule, "comment");
}

static int emit(struct nft_ctx *x, const cJSON *rule, const struct fw_cond *c, int allow,
		int denies_ok, const char *note, struct err *e)
{
	if (!allow && !denies_ok)
		return 0;
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(rule, "handle");
	struct buf b = BUF_INIT;
	buf_printf(&b, "nft:%s:rule handle %ld", x->file, cJSON_IsNumber(h) ? (long)h->valueint : -1L);
	if (x->via[0])
		buf_printf(&b, " (handle %s のジャンプから)", x->via);
	if (rule_comment(rule))
		buf_printf(&b, " 「%s」", rule_comment(rule));
	if (note)
		buf_printf(&b, " (%s)", note);
	int rc = fw_rules_emit(&x->out, c, allow, buf_str(&b), e);
	buf_free(&b);
	return rc;
}

static int jump_to(struct nft_ctx *x, struct nft_chain *from, const cJSON *rule, const char *target,
		   const char *path, const struct fw_cond *c, int denies_ok, struct err *e)
{
	struct nft_chain *to = target ? chain_find(x, from->family, from->table, target) : NULL;
	if (!to)
		return bad(x, e, path, "ジャンプ先のチェーンがありません");
	if (to->visiting)
		return bad(x, e, path, "チェーンのジャンプが輪になっています");
	if (x->depth >= NFT_MAX_DEPTH)
		return bad(x, e, path, "ジャンプが深すぎます");
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(rule, "handle");
	size_t mark = strlen(x->via);
	int room = (int)(sizeof x->via - mark);
	if (snprintf(x->via + mark, (size_t)room, "%s%ld", mark ? "→" : "",
		     cJSON_IsNumber(h) ? (long)h->valueint : -1L) >= room)
		x->via[mark] = '\0';
	x->depth++;
	int rc = walk_chain(x, to, c, denies_ok, e);
	x->depth--;
	x->via[mark] = '\0';
	return rc;
}

enum verdict { V_NONE, V_ACCEPT, V_DROP, V_RETURN, V_JUMP, V_GOTO, V_MAYBE_ACCEPT };

static enum verdict verdict_of(const cJSON *st, const char **target)
{
	*target = NULL;
	const char *k = st->child ? st->child->string : NULL;
	if (!k)
		return V_NONE;
	if (strcmp(k, "accept") == 0)
		return V_ACCEPT;
	if (strcmp(k, "drop") == 0 || strcmp(k, "reject") == 0)
		return V_DROP;
	if (strcmp(k, "return") == 0)
		return V_RETURN;
	if (strcmp(k, "jump") == 0 || strcmp(k, "goto") == 0) {
		*target = str_of(st->child, "target");
		return k[0] == 'j' ? V_JUMP : V_GOTO;
	}
	if (strcmp(k, "queue") == 0)
		return V_MAYBE_ACCEPT;
	return V_NONE;
}

/* A statement that neither matches nor decides. */
static int goes_on(const char *k)
{
	static const char *const go_on[] = {"counter", "log",  "mangle", "notrack", "continue",
					    "set",     "map",  "flow",   "dup",     "ct helper",
					    "meter",   "synproxy", "tproxy", "secmark", "ct timeout",
					    "ct expectation", "snat", "dnat", "masquerade", "redirect"};
	for (size_t i = 0; i < sizeof go_on / sizeof go_on[0]; i++)
		if (strcmp(k, go_on[i]) == 0)
			return 1;
	return 0;
}

/* One verdict on the conditions c of a rule.  See netmodel_iptables.c
   walk_rule for *stop and *denies_ok. */
static int decide(struct nft_ctx *x, struct nft_chain *ch, const cJSON *rule, enum verdict v,
		  const char *target, const char *path, const struct fw_cond *c, int all,
		  int *denies_ok, int *stop, struct err *e)
{
	if (c->never_new)
		return 0;
	switch (v) {
	case V_ACCEPT:
		return emit(x, rule, c, 1, *denies_ok, NULL, e);
	case V_DROP:
		return emit(x, rule, c, 0, *denies_ok, NULL, e);
	case V_MAYBE_ACCEPT:
		return emit(x, rule, c, 1, *denies_ok, "queue は許可とみなす", e);
	case V_RETURN:
		if (ch->base)
			return emit(x, rule, c, ch->policy_accept, *denies_ok, NULL, e);
		if (!all)
			*denies_ok = 0;
		*stop |= all;
		return 0;
	case V_JUMP:
	case V_GOTO: {
		int rc = jump_to(x, ch, rule, target, path, c, *denies_ok, e);
		if (v == V_GOTO) {
			if (!all)
				*denies_ok = 0;
			*stop |= all;
		}
		return rc;
	}
	default:
		return 0;
	}
}

/* A verdict map: one decision per element, its key added to the rule's
   conditions (the keys exclude each other, so their order does not matter). */
static int vmap(struct nft_ctx *x, struct nft_chain *ch, const cJSON *rule, const cJSON *vm,
		const char *path, const struct alts *a, int *denies_ok, int *stop, struct err *e)
{
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(vm, "key");
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(vm, "data");
	int single, unknown_set;
	const cJSON *first = right_values(x, ch, data, &single, &unknown_set);
	if (!key || unknown_set)
		return bad(x, e, path, "vmap の key か data が読めません");
	int rc = 0, sub_stop = 0;
	for (const cJSON *el = first; el && !rc; el = single ? NULL : el->next) {
		const cJSON *pair = cJSON_GetObjectItemCaseSensitive(el, "elem");
		pair = pair ? cJSON_GetObjectItemCaseSensitive(pair, "val") : el;
		if (!cJSON_IsArray(pair) || cJSON_GetArraySize(pair) != 2 ||
		    !cJSON_IsObject(cJSON_GetArrayItem(pair, 1)))
			return bad(x, e, path, "vmap の要素が [値, 判定] ではありません");
		cJSON *m = cJSON_CreateObject();
		cJSON_AddItemReferenceToObject(m, "left", (cJSON *)key);
		cJSON_AddItemReferenceToObject(m, "right", cJSON_GetArrayItem(pair, 0));
		cJSON_AddStringToObject(m, "op", "==");
		struct alts sub = {0, NULL};
		for (size_t i = 0; i < a->n; i++)
			fw_cond_copy(alts_push(&sub), &a->v[i]);
		rc = match_expr(x, ch, m, path, &sub, e);
		cJSON_Delete(m);
		const char *target;
		enum verdict v = verdict_of(cJSON_GetArrayItem(pair, 1), &target);
		for (size_t i = 0; i < sub.n && !rc; i++)
			rc = decide(x, ch, rule, v, target, path, &sub.v[i], 0, denies_ok, &sub_stop, e);
		alts_free(&sub);
	}
	(void)stop; /* a map decides only for its keys: the chain goes on */
	return rc;
}

static int walk_rule(struct nft_ctx *x, struct nft_chain *ch, size_t item, const struct fw_cond *J,
		     int *denies_ok, int *stop, struct err *e)
{
	const cJSON *rule = cJSON_GetObjectItemCaseSensitive(x->item[item], "rule");
	const cJSON *expr = cJSON_GetObjectItemCaseSensitive(rule, "expr");
	struct alts a = {0, NULL};
	fw_cond_copy(alts_push(&a), J);
	int rc = 0, idx = 0, decided = 0, all = 1;
	char path[128];
	for (const cJSON *st = expr->child; st && !rc && !decided; st = st->next, idx++) {
		snprintf(path, sizeof path, "nftables[%zu].rule.expr[%d]", item, idx);
		const char *k = cJSON_IsObject(st) && st->child ? st->child->string : NULL;
		const char *target;
		enum verdict v = k ? verdict_of(st, &target) : V_NONE;
		if (!k) {
			rc = bad(x, e, path, "式がオブジェクトではありません");
		} else if (strcmp(k, "match") == 0) {
			char mpath[160];
			snprintf(mpath, sizeof mpath, "%s.match", path);
			rc = match_expr(x, ch, st->child, mpath, &a, e);
			all = 0;
		} else if (strcmp(k, "vmap") == 0) {
			snprintf(path + strlen(path), sizeof path - strlen(path), ".vmap");
			rc = vmap(x, ch, rule, st->child, path, &a, denies_ok, stop, e);
			decided = 1;
		} else if (v != V_NONE) {
			if (v == V_JUMP || v == V_GOTO)
				snprintf(path + strlen(path), sizeof path - strlen(path), ".%s.target", k);
			for (size_t i = 0; i < a.n && !rc; i++)
				rc = decide(x, ch, rule, v, target, path, &a.v[i], all, denies_ok, stop, e);
			decided = 1;
		} else if (!goes_on(k)) {
			/* limit, quota, xt, or a statement unknown here: it may narrow */
			for (size_t i = 0; i < a.n; i++)
				a.v[i].inexact = 1;
			all = 0;
		}
	}
	alts_free(&a);
	return rc;
}

static int walk_chain(struct nft_ctx *x, struct nft_chain *ch, const struct fw_cond *J,
		      int denies_ok, struct err *e)
{
	ch->visiting = 1;
	int rc = 0, stop = 0;
	for (size_t i = 0; i < ch->nrules && !rc && !stop; i++)
		rc = walk_rule(x, ch, ch->rules[i], J, &denies_ok, &stop, e);
	ch->visiting = 0;
	return rc;
}

static int by_priority(const void *a, const void *b)
{
	const struct nft_chain *const *ca = a, *const *cb = b;
	if ((*ca)->prio != (*cb)->prio)
		return (*ca)->prio < (*cb)->prio ? -1 : 1;
	return (*ca)->item < (*cb)->item ? -1 : (*ca)->item > (*cb)->item;
}

/* The forward base chains in priority order, and the default: a family
   passes by default only if every chain it goes through accepts it. */
static int walk_forward(struct nft_ctx *x, int *default_allow, struct err *e)
{
	struct nft_chain **base = xcalloc(x->nchains + 1, sizeof *base);
	size_t n = 0;
	int has4 = 0, has6 = 0, pass4 = 1, pass6 = 1;
	for (size_t i = 0; i < x->nchains; i++) {
		struct nft_chain *c = &x->chains[i];
		if (!c->base)
			continue;
		base[n++] = c;
		int f = family_number(c->family);
		if (f != 6) {
			has4 = 1;
			pass4 &= c->policy_accept;
		}
		if (f != 4) {
			has6 = 1;
			pass6 &= c->policy_accept;
		}
	}
	int rc = 0;
	if (n == 0)
		rc = err_set(e, ERR_INPUT, "%s: forward フックの filter チェーン（ip・ip6・inet）がありません",
			     x->file);
	qsort(base, n, sizeof *base, by_priority);
	x->out.mixed_families = has4 && has6;
	for (size_t i = 0; i < n && !rc; i++) {
		struct fw_cond all;
		fw_cond_init(&all);
		all.family = family_number(base[i]->family);
		rc = walk_chain(x, base[i], &all, 1, e);
	}
	*default_allow = (has4 && pass4) || (has6 && pass6);
	free(base);
	return rc;
}

int netmodel_import_nft_json(struct netmodel *m, size_t fw, const char *json, size_t len,
			     const char *origin_name, struct err *e)
{
	struct nft_ctx x = {.file = origin_name ? origin_name : "nft"};
	if (fw >= m->nfirewalls)
		return err_set(e, ERR_INTERNAL, "ファイアウォールの番号 %zu がありません", fw);
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (!root)
		return err_set(e, ERR_INPUT, "%s: JSON として読めません（nft -j list ruleset の出力を使ってください）",
			       x.file);
	x.items = cJSON_GetObjectItemCaseSensitive(root, "nftables");
	if (!cJSON_IsArray(x.items)) {
		cJSON_Delete(root);
		return err_set(e, ERR_INPUT, "%s: nftables: 配列がありません", x.file);
	}
	fw_rules_init(&x.out, m, fw);
	int default_allow = 0;
	int rc = read_ruleset(&x, e);
	if (!rc)
		rc = walk_forward(&x, &default_allow, e);
	if (!rc) {
		m->firewalls[fw].default_allow = default_allow;
		fw_rules_commit(m, &x.out);
	}
	fw_rules_free(&x.out);
	for (size_t i = 0; i < x.nchains; i++)
		free(x.chains[i].rules);
	free(x.chains);
	free(x.item);
	cJSON_Delete(root);
	return rc;
}
