/*
 * shared.h — what the server's worker threads share: the catalog, parsed
 * once at start and only read afterwards, and the dashboard's findings
 * summary, cached until the journal head or the date changes.  This is the
 * server's only mutable state shared between threads; the cache has its own
 * mutex.  The public reporting page's limits (rate_limit.h) are shared
 * too, behind a mutex of their own.
 */
#ifndef MAMORI_WEB_SHARED_H
#define MAMORI_WEB_SHARED_H

#include <pthread.h>

#include "core/catalog.h"
#include "store/db.h"
#include "store/journal.h"
#include "util/buf.h"
#include "web/rate_limit.h"

struct findings_cache {
	pthread_mutex_t lock;
	int valid;
	struct journal_head head; /* the journal when html was computed */
	char today[11];           /* rules compare dates with today */
	char *html;
};

struct web_shared {
	struct catalog catalog; /* read-only once web_shared_init returned */
	struct findings_cache findings;
	struct rate_limit reports; /* the public reporting page's limits, own mutex */
	struct rate_limit inspect_links; /* refused one-time link tokens (page_inspect_link.c) */
};

int web_shared_init(struct web_shared *s, struct err *e);
void web_shared_free(struct web_shared *s);

/*
 * Appends the cached HTML of the findings summary to out, first running
 * compute(db, shared, &html) when the journal moved on (a write) or the day
 * changed since it was cached.  compute returns 0 or an error; on error
 * nothing is cached and the error is returned.
 */
typedef int (*findings_compute_fn)(struct db *db, const struct web_shared *s, char **html,
				   struct err *e);
int web_findings_cached(struct web_shared *s, struct db *db, findings_compute_fn compute,
			struct buf *out, struct err *e);

#endif
