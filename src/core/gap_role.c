/*
 * gap_role.c — who a passage is about: the actors it names as its subject
 * ("統括情報セキュリティ責任者及び情報システム管理者は、…").
 *
 * The guideline has near-identical rules for different roles (the malware
 * measures of the 統括情報セキュリティ責任者 and of the 情報システム管理者);
 * when a policy drops one group, the other still matches it word for word.
 * Only the subject tells them apart.
 *
 * Municipalities call the roles by their own posts (所属長, 情報政策課長,
 * システム所管課長 …), so a name is first looked up among the guideline's
 * role names (vocab_role, the whole name only: 統括情報セキュリティ管理者 is
 * not an 情報セキュリティ管理者), and otherwise learned from the document
 * itself: the roles of the clauses that its passages match best.  A name
 * neither known nor learned says nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "core/gap_internal.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/fold.h"

#define SUBJECT_BYTES 150 /* a "は、" further in ends a clause, not the subject */
#define NAME_CHARS 20     /* a longer "name" is a description of someone */

int gap_role_bit(const char *role_id)
{
	for (int i = 0; i < vocab_role.n && i < 32; i++)
		if (strcmp(vocab_role.entries[i].id, role_id) == 0)
			return i;
	return -1;
}

void gap_names_free(struct gap_names *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].key);
	free(t->v);
	memset(t, 0, sizeof *t);
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Hiragana (U+3041–U+309F, E3 81 81 – E3 82 9F in UTF-8): a post's name is
 * kanji and katakana; "機密性2以上の情報を運搬する者" is a description. */
static int has_hiragana(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		const unsigned char *u = (const unsigned char *)s + i;
		if (u[0] == 0xE3 && ((u[1] == 0x81 && u[2] >= 0x81) || (u[1] == 0x82 && u[2] <= 0x9F)))
			return 1;
	}
	return 0;
}

static int ends_with(const char *s, size_t n, const char *tail)
{
	size_t k = strlen(tail);
	return n >= k && memcmp(s + n - k, tail, k) == 0;
}

/* Whether a piece of a subject looks like the name of a post or a body: the
 * endings of Japanese post names (…者, …長, …員, …委員会, …課), with 等. */
static int post_like(const char *s, size_t n)
{
	static const char *const tails[] = {"者", "長", "員", "会", "課", "室", "部門", "官",
					    "班", "係", "チーム", "CSIRT", "CISO"};
	if (ends_with(s, n, "等"))
		n -= strlen("等");
	for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++)
		if (ends_with(s, n, tails[k]))
			return 1;
	return 0;
}

/* The entry of a piece of a subject, made on first sight: every distinct
 * piece is looked up and judged once per document. */
static int name_id(struct gap_names *t, const char *piece, size_t n)
{
	char *raw = xstrndup(piece, n);
	char *key = fold_key(raw);
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0) {
			free(key);
			free(raw);
			return (int)i;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	struct gap_name *nm = &t->v[t->n];
	memset(nm, 0, sizeof *nm);
	nm->key = key;
	const struct vocab_entry *en = vocab_find(&vocab_role, raw);
	free(raw);
	if (en) {
		int bit = gap_role_bit(en->id);
		nm->prior = bit >= 0 ? 1u << bit : 0;
	}
	nm->actor = en || (!has_hiragana(piece, n) && post_like(piece, n) &&
			   utf8_chars(piece, n) <= NAME_CHARS);
	return (int)t->n++;
}

/* The pieces of "A及びB又はC" (and 並びに, 若しくは, 、, ・). */
static const char *next_sep(const char *s, const char *end, size_t *seplen)
{
	static const char *const seps[] = {"及び", "又は", "並びに", "若しくは", "、", "，", "・", ","};
	const char *best = end;
	for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
		const char *h = strstr(s, seps[k]);
		if (h && h < best) {
			best = h;
			*seplen = strlen(seps[k]);
		}
	}
	return best;
}

static int trim(const char **s, const char *end)
{
	while (*s < end && (**s == ' ' || **s == '\t'))
		(*s)++;
	if ((size_t)(end - *s) >= 3 && memcmp(*s, "　", 3) == 0) {
		*s += 3;
		return trim(s, end);
	}
	return 0;
}

/*
 * Reads the actors of s[0, len) into ids (at most max); returns how many, or
 * 0 when any piece is not the name of a post (then the phrase is not a list
 * of actors: "当該違反行為が…場合は").
 */
static int read_names(struct gap_names *t, const char *s, size_t len, int *ids, int max)
{
	char *phrase = xstrndup(s, len);
	const char *p = phrase, *end = phrase + len;
	int n = 0, ok = 1;
	while (p < end && ok) {
		size_t seplen = 0;
		const char *sep = next_sep(p, end, &seplen);
		trim(&p, sep);
		const char *q = sep;
		while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		size_t n_bytes = (size_t)(q - p);
		if (n_bytes > 0) {
			int id = name_id(t, p, n_bytes);
			if (!t->v[id].actor)
				ok = 0;
			else if (n < max)
				ids[n++] = id;
		}
		p = sep + seplen;
	}
	free(phrase);
	return ok ? n : 0;
}

int gap_subject(struct gap_names *t, const char *text, int *ids, int max)
{
	static const char *const marks[] = {"は、", "は，", "は "};
	const char *best = NULL;
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
		const char *h = strstr(text, marks[k]);
		if (h && (size_t)(h - text) <= SUBJECT_BYTES && (!best || h < best))
			best = h;
	}
	return best ? read_names(t, text, (size_t)(best - text), ids, max) : 0;
}

int gap_caption_subject(struct gap_names *t, const char *caption, int *ids, int max)
{
	/* "統括情報セキュリティ責任者の措置事項", "職員等の遵守事項" */
	const char *of = strstr(caption, "の");
	size_t len = of ? (size_t)(of - caption) : strlen(caption);
	if (len == 0 || len > SUBJECT_BYTES)
		return 0;
	return read_names(t, caption, len, ids, max);
}

void gap_names_learn(struct gap_names *t, const int *ids, int n, uint32_t roles)
{
	for (int i = 0; i < n; i++) {
		struct gap_name *nm = &t->v[ids[i]];
		nm->seen++;
		for (int b = 0; b < 32; b++)
			if (roles & (1u << b))
				nm->count[b]++;
	}
}

void gap_names_settle(struct gap_names *t, double min_seen, double share)
{
	for (size_t i = 0; i < t->n; i++) {
		struct gap_name *nm = &t->v[i];
		nm->roles = nm->prior;
		if (nm->prior || nm->seen < min_seen)
			continue;
		for (int b = 0; b < 32; b++)
			if (nm->count[b] >= share * nm->seen)
				nm->roles |= 1u << b;
	}
}

uint32_t gap_names_roles(const struct gap_names *t, const int *ids, int n)
{
	uint32_t roles = 0;
	for (int i = 0; i < n; i++) {
		if (!t->v[ids[i]].roles)
			return 0; /* one unknown actor: the passage may be anyone's */
		roles |= t->v[ids[i]].roles;
	}
	return roles;
}
