/*
 * gap_text.c — text as the matcher sees it: normalised code points, their
 * character bigrams, and TF-IDF vectors over them.
 *
 * Japanese has no spaces between words, and a policy rewords the guideline
 * freely; overlapping character pairs (情報, 報資, 資産 …) still match the
 * compounds that carry the meaning (電磁的記録媒体, 機密性2以上) however
 * the sentence around them is built, without a dictionary.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/gap_internal.h"
#include "util/buf.h"

static int keep_cp(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: /* ー, 々 */
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

void gap_text_append(struct gap_text *t, const char *utf8)
{
	utf8proc_uint8_t *norm = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)utf8, 0, &norm,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
						  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	if (n < 0)
		return; /* invalid UTF-8 cannot reach here: the readers decode first */
	t->cp = xrealloc(t->cp, (t->n + (size_t)n + 1) * sizeof *t->cp);
	for (utf8proc_ssize_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t used = utf8proc_iterate(norm + i, n - i, &c);
		if (used <= 0)
			break;
		i += used;
		if (keep_cp(c))
			t->cp[t->n++] = (uint32_t)c;
	}
	free(norm);
}

void gap_text_make(struct gap_text *t, const char *utf8)
{
	t->cp = NULL;
	t->n = 0;
	gap_text_append(t, utf8);
}

void gap_text_free(struct gap_text *t)
{
	free(t->cp);
	t->cp = NULL;
	t->n = 0;
}

void gap_text_cat(struct gap_text *t, const struct gap_text *more)
{
	t->cp = xrealloc(t->cp, (t->n + more->n + 1) * sizeof *t->cp);
	if (more->n)
		memcpy(t->cp + t->n, more->cp, more->n * sizeof *t->cp);
	t->n += more->n;
}

int gap_text_contains(const struct gap_text *hay, const struct gap_text *needle)
{
	if (needle->n == 0 || needle->n > hay->n)
		return 0;
	for (size_t i = 0; i + needle->n <= hay->n; i++)
		if (hay->cp[i] == needle->cp[0] &&
		    memcmp(hay->cp + i, needle->cp, needle->n * sizeof *needle->cp) == 0)
			return 1;
	return 0;
}

/* ---- vocabulary ---------------------------------------------------------- */

uint64_t gap_bigram(uint32_t a, uint32_t b)
{
	/* code points fit 21 bits; +1 keeps 0 free as the empty slot */
	return ((uint64_t)a << 21 | b) + 1;
}

static size_t slot_of(uint64_t key, size_t cap)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 17) & (cap - 1);
}

void gap_vocab_init(struct gap_vocab *v)
{
	memset(v, 0, sizeof *v);
	v->cap = 4096;
	v->keys = xcalloc(v->cap, sizeof *v->keys);
	v->ids = xcalloc(v->cap, sizeof *v->ids);
}

void gap_vocab_free(struct gap_vocab *v)
{
	free(v->keys);
	free(v->ids);
	free(v->idf);
	memset(v, 0, sizeof *v);
}

long gap_vocab_lookup(const struct gap_vocab *v, uint64_t key)
{
	for (size_t i = slot_of(key, v->cap);; i = (i + 1) & (v->cap - 1)) {
		if (v->keys[i] == key)
			return v->ids[i];
		if (v->keys[i] == 0)
			return -1;
	}
}

static void grow(struct gap_vocab *v)
{
	size_t oldcap = v->cap;
	uint64_t *ok = v->keys;
	uint32_t *oi = v->ids;
	v->cap *= 2;
	v->keys = xcalloc(v->cap, sizeof *v->keys);
	v->ids = xcalloc(v->cap, sizeof *v->ids);
	for (size_t i = 0; i < oldcap; i++) {
		if (!ok[i])
			continue;
		size_t j = slot_of(ok[i], v->cap);
		while (v->keys[j])
			j = (j + 1) & (v->cap - 1);
		v->keys[j] = ok[i];
		v->ids[j] = oi[i];
	}
	free(ok);
	free(oi);
}

long gap_vocab_intern(struct gap_vocab *v, uint64_t key)
{
	if ((v->n + 1) * 2 > v->cap)
		grow(v);
	size_t i = slot_of(key, v->cap);
	for (; v->keys[i]; i = (i + 1) & (v->cap - 1))
		if (v->keys[i] == key)
			return v->ids[i];
	v->keys[i] = key;
	v->ids[i] = (uint32_t)v->n;
	return (long)v->n++;
}

/* ---- vectors ------------------------------------------------------------- */

struct acc {
	uint32_t term;
	float tf;
};

static int by_term(const void *a, const void *b)
{
	uint32_t x = ((const struct acc *)a)->term, y = ((const struct acc *)b)->term;
	return (x > y) - (x < y);
}

void gap_vec_build(struct gap_vec *out, const struct gap_vocab *v, const struct gap_part *parts,
		   size_t nparts)
{
	memset(out, 0, sizeof *out);
	size_t total = 0;
	for (size_t p = 0; p < nparts; p++)
		total += parts[p].t->n;
	/* every bigram of every part, with the part's weight, then merged */
	struct acc *a = xmalloc((total + 1) * sizeof *a);
	size_t na = 0;
	double oov2 = 0;
	for (size_t p = 0; p < nparts; p++) {
		const struct gap_text *t = parts[p].t;
		for (size_t i = 0; i + 1 < t->n; i++) {
			long id = gap_vocab_lookup(v, gap_bigram(t->cp[i], t->cp[i + 1]));
			if (id < 0)
				oov2 += parts[p].weight * parts[p].weight;
			else
				a[na++] = (struct acc){(uint32_t)id, (float)parts[p].weight};
		}
	}
	qsort(a, na, sizeof *a, by_term);
	out->term = xmalloc((na + 1) * sizeof *out->term);
	out->w = xmalloc((na + 1) * sizeof *out->w);
	double norm2 = 0;
	for (size_t i = 0; i < na;) {
		size_t j = i;
		double tf = 0;
		while (j < na && a[j].term == a[i].term)
			tf += a[j++].tf;
		/* log scaling: a word said five times is not five times the topic */
		double w = (tf >= 1 ? 1 + log(tf) : tf) * v->idf[a[i].term];
		out->term[out->n] = a[i].term;
		out->w[out->n++] = (float)w;
		norm2 += w * w;
		i = j;
	}
	/* Bigrams the catalog never uses cannot match, but a passage full of
	 * them is about something else: they count in its length, each as if
	 * said once. */
	out->norm2_extra = oov2 * v->oov_idf * v->oov_idf;
	norm2 += out->norm2_extra;
	double norm = norm2 > 0 ? sqrt(norm2) : 1;
	for (size_t i = 0; i < out->n; i++)
		out->w[i] = (float)(out->w[i] / norm);
	free(a);
}

void gap_vec_free(struct gap_vec *x)
{
	free(x->term);
	free(x->w);
	memset(x, 0, sizeof *x);
}
