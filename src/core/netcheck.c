/*
 * netcheck.c — runs the check: places, firewall verdicts, reachability,
 * then the rules (netcheck_rules.c) and the zone-to-zone summary.
 */
#include <stdlib.h>
#include <string.h>

#include "core/netcheck_internal.h"

void nc_violation(struct nc *c, const char *control, const char *rule, const char *from,
		  const char *to, char *message)
{
	struct netcheck_result *r = c->r;
	r->violations = xrealloc(r->violations, (r->nviolations + 1) * sizeof *r->violations);
	r->violations[r->nviolations++] = (struct net_violation){
		control, rule, xstrdup(from ? from : ""), xstrdup(to ? to : ""), message};
}

/* What one ordered pair of zones has seen so far. */
struct zone_pair {
	int any, direct, plain;
	size_t ex_s, ex_d;
};

/* Zone to zone, over places that are not themselves sanitisers (a
   無害化装置 sits between zones by design; it is the way, not an end). */
static void zone_reach(struct nc *c)
{
	const struct netmodel *m = c->m;
	size_t np = c->np, nz = m->nzones;
	struct netcheck_result *r = c->r;
	struct zone_pair *zp = xcalloc(nz * nz + 1, sizeof *zp);
	for (size_t s = 0; s < np; s++) {
		if (c->pl[s].zone < 0 || nc_sanitizing(c, s))
			continue;
		for (size_t d = 0; d < np; d++) {
			size_t cell = s * np + d;
			if (c->pl[d].zone < 0 || c->pl[d].zone == c->pl[s].zone || nc_sanitizing(c, d) ||
			    !c->all[cell])
				continue;
			struct zone_pair *z = &zp[(size_t)c->pl[s].zone * nz + (size_t)c->pl[d].zone];
			/* the example: a path without sanitiser when there is one */
			if (!z->any || (!z->plain && c->plain[cell])) {
				z->ex_s = s;
				z->ex_d = d;
			}
			z->any = 1;
			z->direct |= c->direct[cell];
			z->plain |= c->plain[cell];
		}
	}
	for (size_t a = 0; a < nz; a++)
		for (size_t b = 0; b < nz; b++) {
			const struct zone_pair *z = &zp[a * nz + b];
			if (!z->any)
				continue;
			struct buf ex = BUF_INIT;
			nc_describe(c, z->ex_s, z->ex_d, !z->plain, &ex);
			r->reach = xrealloc(r->reach, (r->nreach + 1) * sizeof *r->reach);
			r->reach[r->nreach++] = (struct net_reach){a, b, z->direct, !z->plain, buf_take(&ex)};
		}
	free(zp);
	r->reach_peer = xcalloc(nz * m->npeers + 1, 1);
	for (size_t s = 0; s < np; s++) {
		if (c->pl[s].zone < 0 || nc_sanitizing(c, s))
			continue;
		for (size_t p = 0; p < m->npeers; p++)
			if (c->all[s * np + m->nsegments + p])
				r->reach_peer[(size_t)c->pl[s].zone * m->npeers + p] = 1;
	}
}

/* The work is all pairs of places, per firewall on a link: bounded so that
   a model arriving over the web cannot take the server's memory.  Real
   models have tens to a few hundred places. */
#define MAX_PLACES 2000
#define MAX_ZONES 1000
#define MAX_FIREWALL_CELLS (1u << 25)

static int check_size(const struct nc *c, struct err *e)
{
	const struct netmodel *m = c->m;
	if (c->np > MAX_PLACES)
		return err_set(e, ERR_INPUT,
			       "検査する場所（セグメント・接続先・個別に扱うホスト）が %zu あり、上限の %d を超えています",
			       c->np, MAX_PLACES);
	if (m->nzones > MAX_ZONES)
		return err_set(e, ERR_INPUT, "ゾーンが %zu あり、上限の %d を超えています", m->nzones,
			       MAX_ZONES);
	unsigned char *used = xcalloc(m->nfirewalls + 1, 1);
	size_t nused = 0;
	for (size_t l = 0; l < m->nlinks; l++)
		if (m->links[l].firewall >= 0 && !used[m->links[l].firewall]) {
			used[m->links[l].firewall] = 1;
			nused++;
		}
	free(used);
	if (nused * c->np * c->np > MAX_FIREWALL_CELLS)
		return err_set(e, ERR_INPUT,
			       "リンク上のファイアウォール %zu 台 × 場所 %zu の組合せが多すぎます（上限 %u）",
			       nused, c->np, MAX_FIREWALL_CELLS);
	return 0;
}

int netcheck_run(const struct netmodel *m, const char *today, struct netcheck_result *r,
		 struct err *e)
{
	memset(r, 0, sizeof *r);
	struct nc c = {.m = m, .r = r};
	nc_places(&c);
	if (check_size(&c, e)) {
		nc_free(&c);
		return e->code;
	}
	nc_firewalls(&c);
	nc_reach(&c);
	nc_rules(&c, today);
	zone_reach(&c);
	nc_free(&c);
	return 0;
}

void netcheck_result_free(struct netcheck_result *r)
{
	for (size_t i = 0; i < r->nviolations; i++) {
		free(r->violations[i].from);
		free(r->violations[i].to);
		free(r->violations[i].message);
	}
	for (size_t i = 0; i < r->nreach; i++)
		free(r->reach[i].example);
	free(r->violations);
	free(r->reach);
	free(r->reach_peer);
	memset(r, 0, sizeof *r);
}
