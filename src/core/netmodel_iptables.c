/*
 * netmodel_iptables.c — firewall rules from `iptables-save` (and
 * `ip6tables-save`, the same format) into the network model.
 *
 * Only the filter table's FORWARD chain decides what passes between the
 * zones (traffic through the firewall, not to it), so that chain is read,
 * with its policy, and the user chains it reaches by -j or -g are inlined
 * at the jump with the jump's conditions added.  Everything the model
 * cannot express is handled by the principle of netmodel_fw.h: an allow may
 * only grow, a deny may only shrink or vanish.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/netmodel_fw.h"

#define IPT_MAX_DEPTH 64

struct ipt_rule {
	struct fw_cond cond;
	char *target; /* NULL: no target (a counting rule) */
	int is_goto;
	int line;
	char *comment;
};

struct ipt_chain {
	char *name;
	int builtin, policy_accept;
	size_t n, cap;
	struct ipt_rule *v;
	int visiting; /* on the current path of jumps: a loop if reached again */
};

struct ipt_table {
	int family; /* 4 or 6 */
	size_t n;
	struct ipt_chain *v;
};

struct ipt_ctx {
	const char *file;
	struct ipt_table *tables; /* the filter tables only */
	size_t ntables;
	struct fw_rules out;
};

/* ---- reading the text ---- */

static void words_free(char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

/* Splits a line into words as iptables-save quotes them ("a b", \"). */
static int split_words(const char *s, char ***words, size_t *n)
{
	*words = NULL;
	*n = 0;
	struct buf w = BUF_INIT;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s)
			break;
		buf_reset(&w);
		buf_puts(&w, "");
		while (*s && *s != ' ' && *s != '\t' && *s != '\r') {
			if (*s == '"') {
				s++;
				while (*s && *s != '"') {
					if (*s == '\\' && s[1])
						s++;
					buf_putc(&w, *s++);
				}
				if (*s != '"') {
					buf_free(&w);
					words_free(*words, *n);
					*words = NULL;
					*n = 0;
					return -1;
				}
				s++;
			} else {
				buf_putc(&w, *s++);
			}
		}
		*words = xrealloc(*words, (*n + 1) * sizeof **words);
		(*words)[(*n)++] = xstrdup(buf_str(&w));
	}
	buf_free(&w);
	return 0;
}

static struct ipt_chain *chain_find(struct ipt_table *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	return NULL;
}

static void chain_free(struct ipt_chain *c)
{
	for (size_t i = 0; i < c->n; i++) {
		fw_cond_free(&c->v[i].cond);
		free(c->v[i].target);
		free(c->v[i].comment);
	}
	free(c->v);
	free(c->name);
}

static void ctx_free(struct ipt_ctx *x)
{
	for (size_t i = 0; i < x->ntables; i++) {
		for (size_t k = 0; k < x->tables[i].n; k++)
			chain_free(&x->tables[i].v[k]);
		free(x->tables[i].v);
	}
	free(x->tables);
	fw_rules_free(&x->out);
}

/* "80", "1024:65535", ":1023", "1024:" and lists of them joined by ','. */
static int ports_parse(const char *s, struct net_ports *p)
{
	while (*s) {
		const char *end = strchr(s, ',');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char part[32];
		if (n == 0 || n >= sizeof part)
			return -1;
		memcpy(part, s, n);
		part[n] = '\0';
		char *colon = strchr(part, ':');
		long lo = 0, hi = 65535;
		char *e1 = part, *e2;
		if (colon)
			*colon = '\0';
		if (*part)
			lo = strtol(part, &e1, 10);
		if (*e1 || (!colon && !*part))
			return -1;
		if (colon && colon[1]) {
			hi = strtol(colon + 1, &e2, 10);
			if (*e2)
				return -1;
		} else if (!colon) {
			hi = lo;
		}
		if (lo < 0 || hi > 65535 || lo > hi || part[0] == '-' || part[0] == '+')
			return -1;
		fw_ports_add(p, (unsigned)lo, (unsigned)hi);
		s += n;
		if (*s == ',')
			s++;
		if (end && !*s)
			return -1;
	}
	return p->any ? -1 : 0;
}

/* Connection tracking states: whether a packet in them can open a new
   connection (NEW, and DNAT/SNAT/UNTRACKED which say nothing against it). */
static int states_may_be_new(const char *list)
{
	static const char *const opening[] = {"NEW", "DNAT", "SNAT", "UNTRACKED"};
	char *copy = xstrdup(list), *save = NULL;
	int found = 0;
	for (char *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save))
		for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
			if (strcmp(s, opening[i]) == 0)
				found = 1;
	free(copy);
	return found;
}

static int is_opt(const char *w, const char *a, const char *b)
{
	return strcmp(w, a) == 0 || (b && strcmp(w, b) == 0);
}

/* The options this reader knows that take a value. */
static int needs_value(const char *o)
{
	static const char *const with_value[] = {
		"-s", "--source", "--src", "-d", "--destination", "--dst", "-i", "--in-interface",
		"-o", "--out-interface", "-p", "--protocol", "--dport", "--destination-port",
		"--dports", "--destination-ports", "--state", "--ctstate", "--comment", "-j",
		"--jump", "-g", "--goto", "-m", "--match", "-c", "--set-counters",
	};
	for (size_t i = 0; i < sizeof with_value / sizeof with_value[0]; i++)
		if (strcmp(o, with_value[i]) == 0)
			return 1;
	return 0;
}

/* One address option; a negated address is not expressible. */
static int take_addr(struct ipt_ctx *x, int line, const char *w, int neg, int *has,
		     struct net_prefix *p, struct err *e)
{
	struct net_prefix tmp;
	if (net_prefix_parse(w, &tmp) != 0)
		return err_set(e, ERR_INPUT,
			       "%s:%d: アドレス「%s」を読めません（ホスト名は使えません。iptables-save "
			       "の出力をそのまま使ってください）",
			       x->file, line, w);
	if (!neg) {
		*has = 1;
		*p = tmp;
	}
	return 0;
}

/* The options of one "-A CHAIN …" line (after the chain). */
static int parse_rule(struct ipt_ctx *x, int line, char **w, size_t n, struct ipt_rule *r,
		      struct err *e)
{
	struct fw_cond *c = &r->cond;
	int neg = 0;
	for (size_t i = 0; i < n; i++) {
		const char *o = w[i];
		if (strcmp(o, "!") == 0) {
			neg = 1;
			continue;
		}
		const char *arg = i + 1 < n ? w[i + 1] : NULL;
		int takes = needs_value(o);
		if (takes && !arg)
			return err_set(e, ERR_INPUT, "%s:%d: 「%s」に値がありません", x->file, line, o);
		if (is_opt(o, "-s", "--source") || is_opt(o, "--src", NULL)) {
			if (take_addr(x, line, arg, neg, &c->has_src, &c->src, e))
				return e->code;
			c->inexact |= neg;
		} else if (is_opt(o, "-d", "--destination") || is_opt(o, "--dst", NULL)) {
			if (take_addr(x, line, arg, neg, &c->has_dst, &c->dst, e))
				return e->code;
			c->inexact |= neg;
		} else if (is_opt(o, "-i", "--in-interface") || is_opt(o, "-o", "--out-interface")) {
			char **slot = o[1] == 'i' || o[2] == 'i' ? &c->iif : &c->oif;
			if (neg)
				c->inexact = 1;
			else {
				free(*slot);
				*slot = xstrdup(arg);
			}
		} else if (is_opt(o, "-p", "--protocol")) {
			struct fw_cond tmp;
			fw_cond_init(&tmp);
			if (fw_proto_set(&tmp, arg) != 0)
				return err_set(e, ERR_INPUT, "%s:%d: プロトコル「%s」を読めません", x->file,
					       line, arg);
			if (neg)
				c->inexact = 1;
			else {
				c->proto = tmp.proto;
				c->proto_number = tmp.proto_number;
			}
		} else if (is_opt(o, "--dport", "--destination-port") ||
			   is_opt(o, "--dports", "--destination-ports")) {
			struct net_ports p = {1, 0, NULL};
			if (ports_parse(arg, &p) != 0) {
				free(p.v);
				return err_set(e, ERR_INPUT, "%s:%d: ポート「%s」を読めません", x->file,
					       line, arg);
			}
			if (neg || !c->dports.any) {
				free(p.v); /* a second port condition narrows: not expressible */
				c->inexact = 1;
			} else {
				c->dports = p;
			}
		} else if (is_opt(o, "--state", "--ctstate")) {
			int may_new = states_may_be_new(arg);
			if (neg ? may_new : !may_new)
				c->never_new = 1;
		} else if (is_opt(o, "--comment", NULL)) {
			free(r->comment);
			r->comment = xstrdup(arg);
		} else if (is_opt(o, "-j", "--jump") || is_opt(o, "-g", "--goto")) {
			free(r->target);
			r->target = xstrdup(arg);
			r->is_goto = o[1] == 'g' || o[2] == 'g';
		} else if (is_opt(o, "-m", "--match") || is_opt(o, "-c", "--set-counters")) {
			if (o[1] == 'c' || o[2] == 's')
				i++; /* -c takes two numbers */
		} else if (is_opt(o, "--syn", NULL) || is_opt(o, "-4", "--ipv4") ||
			   is_opt(o, "-6", "--ipv6")) {
			c->inexact |= neg;
		} else if (strncmp(o, "--", 2) == 0) {
			/* an option the model cannot express; after the target it is
			   one of the target's own and narrows nothing */
			if (!r->target)
				c->inexact = 1;
			while (i + 1 < n && w[i + 1][0] != '-' && strcmp(w[i + 1], "!") != 0)
				i++;
		} else if (o[0] == '-' && !r->target) {
			/* -f and single-letter options iptables-save does not write */
			if (!is_opt(o, "-f", "--fragment"))
				return err_set(e, ERR_INPUT, "%s:%d: 「%s」は読めない指定です", x->file,
					       line, o);
			c->inexact = 1;
		} else {
			return err_set(e, ERR_INPUT, "%s:%d: 「%s」が読めません", x->file, line, o);
		}
		if (takes)
			i++;
		neg = 0;
	}
	return 0;
}

static struct ipt_table *current_table(struct ipt_ctx *x)
{
	return &x->tables[x->ntables - 1];
}

static int parse_chain_decl(struct ipt_ctx *x, int line, char **w, size_t n, struct err *e)
{
	struct ipt_table *t = current_table(x);
	const char *name = w[0] + 1;
	if (!*name || n < 2)
		return err_set(e, ERR_INPUT, "%s:%d: チェーンの宣言が読めません", x->file, line);
	if (chain_find(t, name))
		return err_set(e, ERR_INPUT, "%s:%d: チェーン「%s」が二度宣言されています", x->file,
			       line, name);
	t->v = xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	struct ipt_chain *c = &t->v[t->n++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->builtin = strcmp(w[1], "-") != 0;
	if (c->builtin && strcmp(w[1], "ACCEPT") != 0 && strcmp(w[1], "DROP") != 0)
		return err_set(e, ERR_INPUT, "%s:%d: 既定の方針「%s」が読めません", x->file, line,
			       w[1]);
	c->policy_accept = strcmp(w[1], "ACCEPT") == 0;
	return 0;
}

static int parse_append(struct ipt_ctx *x, int line, char **w, size_t n, struct err *e)
{
	if (n < 2)
		return err_set(e, ERR_INPUT, "%s:%d: -A にチェーンがありません", x->file, line);
	struct ipt_chain *c = chain_find(current_table(x), w[1]);
	if (!c)
		return err_set(e, ERR_INPUT, "%s:%d: チェーン「%s」が宣言されていません", x->file,
			       line, w[1]);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	struct ipt_rule *r = &c->v[c->n++];
	memset(r, 0, sizeof *r);
	fw_cond_init(&r->cond);
	r->cond.family = current_table(x)->family;
	r->line = line;
	return parse_rule(x, line, w + 2, n - 2, r, e);
}

/* One line inside or outside a table.  in_filter: -1 outside any table,
   0 in a table other than filter (skipped), 1 in filter. */
static int parse_line(struct ipt_ctx *x, int line, const char *s, int *in_filter, int *next_v6,
		      struct err *e)
{
	if (*s == '#') {
		if (strstr(s, "ip6tables-save"))
			*next_v6 = 1;
		return 0;
	}
	char **w;
	size_t n;
	if (split_words(s, &w, &n) != 0)
		return err_set(e, ERR_INPUT, "%s:%d: 引用符が閉じていません", x->file, line);
	int rc = 0;
	size_t skip = n && w[0][0] == '[' ? 1 : 0; /* "[0:0] -A …" of iptables-save -c */
	if (n == 0) {
		rc = 0;
	} else if (w[0][0] == '*') {
		if (*in_filter >= 0)
			rc = err_set(e, ERR_INPUT, "%s:%d: COMMIT の前に次の表が始まっています", x->file,
				     line);
		*in_filter = strcmp(w[0], "*filter") == 0;
		if (*in_filter) {
			x->tables = xrealloc(x->tables, (x->ntables + 1) * sizeof *x->tables);
			x->tables[x->ntables++] = (struct ipt_table){*next_v6 ? 6 : 4, 0, NULL};
		}
		*next_v6 = 0;
	} else if (*in_filter < 0) {
		rc = err_set(e, ERR_INPUT, "%s:%d: 表（*filter など）の外に「%s」があります", x->file,
			     line, w[0]);
	} else if (strcmp(w[0], "COMMIT") == 0) {
		*in_filter = -1;
	} else if (*in_filter == 0) {
		rc = 0; /* nat, mangle, raw, security: not zone reachability */
	} else if (w[0][0] == ':') {
		rc = parse_chain_decl(x, line, w, n, e);
	} else if (n > skip && strcmp(w[skip], "-A") == 0) {
		rc = parse_append(x, line, w + skip, n - skip, e);
	} else {
		rc = err_set(e, ERR_INPUT, "%s:%d: 「%s」で始まる行は読めません", x->file, line, w[0]);
	}
	words_free(w, n);
	return rc;
}

static int parse_text(struct ipt_ctx *x, const char *text, size_t len, struct err *e)
{
	int in_filter = -1, next_v6 = 0, line = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		line++;
		if (memchr(text + pos, '\0', n))
			return err_set(e, ERR_INPUT, "%s:%d: NUL 文字があります", x->file, line);
		char *s = xstrndup(text + pos, n);
		int rc = parse_line(x, line, s, &in_filter, &next_v6, e);
		free(s);
		if (rc)
			return rc;
		pos += n + 1;
	}
	if (in_filter >= 0)
		return err_set(e, ERR_INPUT, "%s:%d: 最後の表に COMMIT がありません", x->file, line);
	return 0;
}

/* ---- inlining the chains into one ordered list ---- */

static int is_deciding_elsewhere(const char *target)
{
	/* targets that change or log a packet and let the chain go on */
	static const char *const go_on[] = {
		"LOG", "NFLOG", "ULOG", "TCPMSS", "MARK", "CONNMARK", "CLASSIFY", "DSCP", "TOS", "TTL",
		"HL", "CT", "NOTRACK", "TRACE", "SET", "AUDIT", "CHECKSUM", "SECMARK", "CONNSECMARK",
		"IDLETIMER", "LED", "RATEEST", "TEE", "HMARK", "TCPOPTSTRIP", "SYNPROXY",
	};
	for (size_t i = 0; i < sizeof go_on / sizeof go_on[0]; i++)
		if (strcmp(target, go_on[i]) == 0)
			return 1;
	return 0;
}

struct walk {
	struct ipt_table *t;
	int depth;
	char via[160]; /* the lines of the jumps that led here */
};

static int walk_chain(struct ipt_ctx *x, struct walk *wk, struct ipt_chain *ch,
		      const struct fw_cond *J, int denies_ok, struct err *e);

static char *origin_of(struct ipt_ctx *x, const struct walk *wk, const struct ipt_rule *r)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "iptables-save:%s:%d", x->file, r->line);
	if (wk->via[0])
		buf_printf(&b, " (%s行目のジャンプから)", wk->via);
	if (r->comment)
		buf_printf(&b, " 「%s」", r->comment);
	return buf_take(&b);
}

static int emit(struct ipt_ctx *x, const struct walk *wk, const struct ipt_rule *r,
		const struct fw_cond *c, int allow, int denies_ok, struct err *e)
{
	if (!allow && !denies_ok)
		return 0;
	char *origin = origin_of(x, wk, r);
	int rc = fw_rules_emit(&x->out, c, allow, origin, e);
	free(origin);
	return rc;
}

static int jump(struct ipt_ctx *x, struct walk *wk, struct ipt_chain *ch, const struct ipt_rule *r,
		const struct fw_cond *c, int denies_ok, struct err *e)
{
	struct ipt_chain *to = chain_find(wk->t, r->target);
	if (to->visiting)
		return err_set(e, ERR_INPUT,
			       "%s:%d: チェーン「%s」から「%s」へのジャンプが輪になっています", x->file,
			       r->line, ch->name, to->name);
	if (to->builtin)
		return err_set(e, ERR_INPUT, "%s:%d: 組込みのチェーン「%s」へはジャンプできません",
			       x->file, r->line, to->name);
	if (wk->depth >= IPT_MAX_DEPTH)
		return err_set(e, ERR_INPUT, "%s:%d: ジャンプが %d 段を超えて深すぎます", x->file,
			       r->line, IPT_MAX_DEPTH);
	size_t mark = strlen(wk->via);
	int room = (int)(sizeof wk->via - mark);
	int w = snprintf(wk->via + mark, (size_t)room, "%s%d", mark ? "→" : "", r->line);
	if (w >= room)
		wk->via[mark] = '\0';
	wk->depth++;
	int rc = walk_chain(x, wk, to, c, denies_ok, e);
	wk->depth--;
	wk->via[mark] = '\0';
	return rc;
}

/* One rule of a chain reached with conditions J.  *stop: the rest of the
   chain is never reached; *denies_ok cleared when the rest is reached only
   by some of the packets the flat list will show it (after a conditional
   RETURN or goto, a later deny would cover packets that left). */
static int walk_rule(struct ipt_ctx *x, struct walk *wk, struct ipt_chain *ch,
		     const struct ipt_rule *r, const struct fw_cond *J, int *denies_ok, int *stop,
		     struct err *e)
{
	struct fw_cond c;
	if (!r->target || fw_cond_meet(J, &r->cond, &c) != 0)
		return 0; /* only counts, or matches nothing */
	int rc = 0;
	int all = fw_cond_is_all(&r->cond);
	const char *t = r->target;
	if (c.never_new) {
		rc = 0; /* only packets of connections already open */
	} else if (strcmp(t, "ACCEPT") == 0) {
		rc = emit(x, wk, r, &c, 1, *denies_ok, e);
	} else if (strcmp(t, "DROP") == 0 || strcmp(t, "REJECT") == 0) {
		rc = emit(x, wk, r, &c, 0, *denies_ok, e);
	} else if (strcmp(t, "RETURN") == 0) {
		if (ch->builtin) /* back to the policy */
			rc = emit(x, wk, r, &c, ch->policy_accept, *denies_ok, e);
		else if (!all)
			*denies_ok = 0;
		*stop = all;
	} else if (chain_find(wk->t, t)) {
		rc = jump(x, wk, ch, r, &c, *denies_ok, e);
		if (r->is_goto) {
			if (!all)
				*denies_ok = 0;
			*stop = all;
		}
	} else if (!is_deciding_elsewhere(t)) {
		/* QUEUE, NFQUEUE or a target unknown here: it may accept */
		struct ipt_rule noted = *r;
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s%s(%s は許可とみなす)", r->comment ? r->comment : "",
			   r->comment ? " " : "", t);
		noted.comment = b.data;
		rc = emit(x, wk, &noted, &c, 1, *denies_ok, e);
		buf_free(&b);
	}
	fw_cond_free(&c);
	return rc;
}

static int walk_chain(struct ipt_ctx *x, struct walk *wk, struct ipt_chain *ch,
		      const struct fw_cond *J, int denies_ok, struct err *e)
{
	ch->visiting = 1;
	int rc = 0, stop = 0;
	for (size_t i = 0; i < ch->n && !rc && !stop; i++)
		rc = walk_rule(x, wk, ch, &ch->v[i], J, &denies_ok, &stop, e);
	ch->visiting = 0;
	return rc;
}

int netmodel_import_iptables(struct netmodel *m, size_t fw, const char *text, size_t len,
			     const char *origin_name, struct err *e)
{
	struct ipt_ctx x = {.file = origin_name ? origin_name : "iptables-save"};
	fw_rules_init(&x.out, m, fw);
	if (fw >= m->nfirewalls) {
		fw_rules_free(&x.out);
		return err_set(e, ERR_INTERNAL, "ファイアウォールの番号 %zu がありません", fw);
	}
	int rc = parse_text(&x, text, len, e);
	int have4 = 0, have6 = 0, any_accept = 0, forwards = 0;
	for (size_t i = 0; !rc && i < x.ntables; i++) {
		struct ipt_chain *f = chain_find(&x.tables[i], "FORWARD");
		if (!f)
			continue;
		forwards++;
		any_accept |= f->policy_accept;
		have4 |= x.tables[i].family == 4;
		have6 |= x.tables[i].family == 6;
	}
	if (!rc && !forwards)
		rc = err_set(e, ERR_INPUT, "%s: filter 表の FORWARD チェーンがありません", x.file);
	x.out.mixed_families = have4 && have6;
	for (size_t i = 0; !rc && i < x.ntables; i++) {
		struct walk wk = {.t = &x.tables[i]};
		struct ipt_chain *f = chain_find(&x.tables[i], "FORWARD");
		struct fw_cond all;
		fw_cond_init(&all);
		all.family = x.tables[i].family;
		if (f)
			rc = walk_chain(&x, &wk, f, &all, 1, e);
	}
	if (!rc) {
		m->firewalls[fw].default_allow = any_accept;
		fw_rules_commit(m, &x.out);
	}
	ctx_free(&x);
	return rc;
}
