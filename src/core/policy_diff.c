/*
 * policy_diff.c — clause-by-clause comparison of two policy documents
 * (policy_diff.h).
 */
#include "core/policy_diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

const char *const policy_change_ids[] = {"added", "removed", "changed"};

/* A clause block with the article it sits in and its occurrence number. */
struct keyed {
	const struct pdoc_block *b;
	const char *article;
	size_t pos; /* index in the document */
	size_t nth; /* 0 for the first block of its clause, 1 for the second … */
};

/*
 * Clause ids in document order: the 基本方針 (P…) first, then level by
 * level numerically, so 1.2 comes before 1.10.
 */
static int clause_cmp(const char *a, const char *b)
{
	if ((a[0] == 'P') != (b[0] == 'P'))
		return a[0] == 'P' ? -1 : 1;
	a += a[0] == 'P';
	b += b[0] == 'P';
	while (*a && *b) {
		char *ea, *eb;
		long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
		if (ea == a || eb == b)
			return strcmp(a, b); /* not a clause id: byte order, and no loop */
		if (x != y)
			return x < y ? -1 : 1;
		a = ea + (*ea == '.');
		b = eb + (*eb == '.');
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int cmp_by_position(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = clause_cmp(a->b->clause, b->b->clause);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

static int cmp_by_nth(const struct keyed *a, const struct keyed *b)
{
	int c = clause_cmp(a->b->clause, b->b->clause);
	return c ? c : (a->nth > b->nth) - (a->nth < b->nth);
}

/* The clause blocks of d, sorted by clause and then by position. */
static struct keyed *keyed_blocks(const struct pdoc *d, size_t *n)
{
	struct keyed *k = xmalloc((d->n ? d->n : 1) * sizeof *k);
	const char *article = NULL;
	*n = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct pdoc_block *b = &d->v[i];
		if (b->kind == PD_ARTICLE || b->kind == PD_CHAPTER)
			article = b->label; /* 第3条, or 別紙 for the annex */
		if (b->clause)
			k[(*n)++] = (struct keyed){b, article, i, 0};
	}
	qsort(k, *n, sizeof *k, cmp_by_position);
	for (size_t i = 1; i < *n; i++)
		if (strcmp(k[i].b->clause, k[i - 1].b->clause) == 0)
			k[i].nth = k[i - 1].nth + 1;
	return k;
}

static char *where(const struct keyed *k)
{
	if (!k->article)
		return k->b->label ? xstrdup(k->b->label) : NULL;
	if (k->b->kind == PD_ITEM && k->b->label)
		return xasprintf("%s %s", k->article, k->b->label);
	return xstrdup(k->article);
}

static void add(struct policy_diff *d, enum policy_change change, const struct keyed *from,
		const struct keyed *to)
{
	d->v = xrealloc(d->v, (d->n + 1) * sizeof *d->v);
	struct policy_diff_item *x = &d->v[d->n++];
	x->change = change;
	x->clause = (to ? to : from)->b->clause;
	x->from = from ? from->b : NULL;
	x->to = to ? to->b : NULL;
	x->where_from = from ? where(from) : NULL;
	x->where_to = to ? where(to) : NULL;
}

void policy_diff(const struct pdoc *a, const struct pdoc *b, struct policy_diff *out)
{
	size_t na, nb, i = 0, j = 0;
	struct keyed *ka = keyed_blocks(a, &na), *kb = keyed_blocks(b, &nb);
	memset(out, 0, sizeof *out);
	while (i < na || j < nb) {
		int c = i == na ? 1 : j == nb ? -1 : cmp_by_nth(&ka[i], &kb[j]);
		if (c < 0) {
			add(out, CHANGE_REMOVED, &ka[i++], NULL);
		} else if (c > 0) {
			add(out, CHANGE_ADDED, NULL, &kb[j++]);
		} else {
			if (strcmp(ka[i].b->text, kb[j].b->text) != 0)
				add(out, CHANGE_CHANGED, &ka[i], &kb[j]);
			i++, j++;
		}
	}
	free(ka);
	free(kb);
}

void policy_diff_free(struct policy_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].where_from);
		free(d->v[i].where_to);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}
