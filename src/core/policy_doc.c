/*
 * policy_doc.c — the block list of a policy document: appending and freeing.
 *
 * The document owns title, subtitle and every block's label, text and
 * clause id (a stored version is rebuilt without the catalog).
 */
#include "core/policy_doc.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Capacity is implied by n (8, then doubling), since struct pdoc carries no
 * cap field: a 400-article document then reallocates 7 times, not 1200. */
static void grow(struct pdoc *d)
{
	size_t n = d->n;
	if (n == 0)
		d->v = xrealloc(d->v, 8 * sizeof *d->v);
	else if (n >= 8 && (n & (n - 1)) == 0)
		d->v = xrealloc(d->v, 2 * n * sizeof *d->v);
}

void pdoc_add(struct pdoc *d, enum pdoc_kind kind, int depth, const char *label, const char *text,
	      const char *clause)
{
	grow(d);
	struct pdoc_block *b = &d->v[d->n++];
	b->kind = kind;
	b->depth = depth;
	b->label = label ? xstrdup(label) : NULL;
	b->text = xstrdup(text ? text : "");
	b->clause = clause ? xstrdup(clause) : NULL;
}

void pdoc_free(struct pdoc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].label);
		free(d->v[i].text);
		free(d->v[i].clause);
	}
	free(d->v);
	free(d->title);
	free(d->subtitle);
	memset(d, 0, sizeof *d);
}
