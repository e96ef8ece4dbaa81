/*
 * units_cache.c — the per-thread organisation tree (units_cache.h).
 */
#include "web/units_cache.h"

#include <string.h>

int units_cache_get(struct units_cache *c, struct db *db, const struct org_units **out,
		    struct err *e)
{
	struct journal_head now;
	*out = NULL;
	if (journal_head(db, &now, e))
		return e->code;
	if (!c->valid || now.seq != c->head.seq || strcmp(now.hash, c->head.hash) != 0) {
		units_cache_reset(c);
		if (org_units_load(db, &c->units, e))
			return e->code;
		c->head = now;
		c->valid = 1;
	}
	*out = &c->units;
	return 0;
}

void units_cache_reset(struct units_cache *c)
{
	if (c->valid)
		org_units_free(&c->units);
	memset(c, 0, sizeof *c);
}
