/*
 * shared.c — state shared by the worker threads (shared.h).
 */
#include "web/shared.h"

#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"

int web_shared_init(struct web_shared *s, struct err *e)
{
	memset(s, 0, sizeof *s);
	if (catalog_load(&s->catalog, e))
		return e->code;
	if (pthread_mutex_init(&s->findings.lock, NULL) != 0) {
		catalog_free(&s->catalog);
		return err_set(e, ERR_INTERNAL, "ミューテックスを初期化できません");
	}
	if (rate_limit_init(&s->reports) != 0) {
		pthread_mutex_destroy(&s->findings.lock);
		catalog_free(&s->catalog);
		return err_set(e, ERR_INTERNAL, "報告窓口の送信制限を初期化できません");
	}
	if (rate_limit_init(&s->inspect_links) != 0) {
		rate_limit_free(&s->reports);
		pthread_mutex_destroy(&s->findings.lock);
		catalog_free(&s->catalog);
		return err_set(e, ERR_INTERNAL, "自己点検のリンクの試行制限を初期化できません");
	}
	return 0;
}

void web_shared_free(struct web_shared *s)
{
	catalog_free(&s->catalog);
	pthread_mutex_destroy(&s->findings.lock);
	free(s->findings.html);
	rate_limit_free(&s->reports);
	rate_limit_free(&s->inspect_links);
	memset(s, 0, sizeof *s);
}

static int cache_fresh(const struct findings_cache *c, const struct journal_head *h,
		       const char *today)
{
	return c->valid && c->head.seq == h->seq && strcmp(c->head.hash, h->hash) == 0 &&
	       strcmp(c->today, today) == 0;
}

/*
 * The head is read before computing, so a write landing during the
 * computation leaves a cache keyed to the older head: the next request sees
 * a newer head and computes again.  Computing under the lock means many
 * workers finding a stale cache at once run the check only once.
 */
int web_findings_cached(struct web_shared *s, struct db *db, findings_compute_fn compute,
			struct buf *out, struct err *e)
{
	struct findings_cache *c = &s->findings;
	struct journal_head head;
	char today[11];
	if (journal_head(db, &head, e))
		return e->code;
	time_today(today);
	pthread_mutex_lock(&c->lock);
	if (!cache_fresh(c, &head, today)) {
		char *html = NULL;
		if (compute(db, s, &html, e)) {
			pthread_mutex_unlock(&c->lock);
			free(html);
			return e->code ? e->code : ERR_INTERNAL;
		}
		free(c->html);
		c->html = html;
		c->head = head;
		memcpy(c->today, today, sizeof c->today);
		c->valid = 1;
	}
	buf_puts(out, c->html);
	pthread_mutex_unlock(&c->lock);
	return 0;
}
