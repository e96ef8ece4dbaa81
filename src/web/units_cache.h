/*
 * units_cache.h — the organisation tree kept between requests.
 *
 * Every request needs the whole tree to decide scope, and reading it costs
 * more than the rest of a typical API request.  Each worker thread keeps the
 * tree it read last with the journal head at that moment: every change to a
 * unit goes through the journal, so a head that has not moved means a tree
 * that has not changed, and checking the head is a one-row indexed query.
 * The cache belongs to one thread (server.c), so it needs no lock.
 */
#ifndef MAMORI_WEB_UNITS_CACHE_H
#define MAMORI_WEB_UNITS_CACHE_H

#include "core/org.h"
#include "store/journal.h"

struct units_cache {
	struct org_units units;
	struct journal_head head; /* the journal when units were read */
	int valid;
};

/*
 * The tree as of the journal's current head, read again only when the head
 * moved.  *out points into c and stays valid until the next call on c.
 */
int units_cache_get(struct units_cache *c, struct db *db, const struct org_units **out,
		    struct err *e);
/* Forgets the tree (a new connection may see another database). */
void units_cache_reset(struct units_cache *c);

#endif
