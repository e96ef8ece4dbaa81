/*
 * netcheck.h — what can reach what in a network model, and where that
 * breaks the three-zone model (guideline chapter 3, 6.1.10.4, 6.1.13.1).
 *
 * Reachability is computed between places (segments, external peers, and
 * the hosts that matter on their own: relays, 無害化装置, 画面転送装置,
 * printers, update and public servers) through every link, firewall rule
 * and relay; docs/netcheck.md states the semantics.  Violations carry the
 * clause id and a stable rule id (JSON contract in DESIGN.md):
 * {"violations":[{"control":"3.1.1","rule":"…","from":"…","to":"…","message":"…"}]}
 */
#ifndef MAMORI_NETCHECK_H
#define MAMORI_NETCHECK_H

#include "core/netmodel.h"
#include "util/buf.h"

struct net_violation {
	const char *control; /* clause id, e.g. "3.1.1" */
	const char *rule;    /* stable id, e.g. "net.mynumber.isolated" */
	char *from;          /* place names as in the model ("" when none) */
	char *to;
	char *message;       /* Japanese, for people; names the firewall rule(s) */
};

/* One zone-to-zone reachability, for the picture and the text report. */
struct net_reach {
	size_t from_zone, to_zone; /* indexes into model zones */
	int direct;                /* through rules alone, no relay */
	int via_sanitizer;         /* only through a 無害化装置 or 画面転送装置 */
	char *example;             /* one path, e.g. "seg-a → fw1#3 → seg-b" */
};

struct netcheck_result {
	size_t nviolations;
	struct net_violation *violations;
	size_t nreach;
	struct net_reach *reach;
	/* peers reached from each zone: reach_peer[zone * npeers + peer] */
	unsigned char *reach_peer;
};

/* today (YYYY-MM-DD) dates the external check of β/β′ (3.3.3). */
int netcheck_run(const struct netmodel *m, const char *today, struct netcheck_result *r,
		 struct err *e);
void netcheck_result_free(struct netcheck_result *r);

/* The contract JSON: {"violations":[…]} (plus "reach" after it). */
void netcheck_json(const struct netmodel *m, const struct netcheck_result *r, struct buf *out);
/* Japanese text, one violation per paragraph, then the zone matrix. */
void netcheck_text(const struct netmodel *m, const struct netcheck_result *r, struct buf *out);
/* The zones and violations as an SVG picture (no style attributes, so the
   web's CSP holds; classes are in the web stylesheet). */
void netcheck_svg(const struct netmodel *m, const struct netcheck_result *r, struct buf *out);

#endif
