/*
 * gap.c — rating every catalog clause against a policy's passages (gap.h).
 *
 * 1. Vocabulary: the character bigrams of the catalog clauses (title,
 *    statement, key terms), each weighted by how few clauses use it (IDF), so
 *    "情報" counts for little and "耐震" for much.
 * 2. Each clause and each passage becomes a TF-IDF vector.  A passage is read
 *    with its context (the caption of its article, the item it belongs to):
 *    "（パスワードの取扱い）" says what the items under it are about.  A
 *    heading or a caption over items is context only, never a passage: it
 *    outlives the rules deleted under it.
 * 3. For each clause, an inverted index gives the passages sharing bigrams
 *    with it; the best few by cosine are re-scored with the clause's key
 *    terms found in them.
 * 4. A passage is usually the statement of one clause.  When the best passage
 *    for a clause is much better explained by another clause, the clause's
 *    own text is likely absent (a deleted clause borrows its neighbour's
 *    passage): the score is lowered by that margin.  Who acts counts too: a
 *    passage whose subject holds none of the clause's roles (learned from
 *    the document for local posts, gap_role.c) matches it less, and what the
 *    passage says beyond the closest other clause is a feature of its own.
 * 5. Thresholds give covered / partial / missing; a well-matched passage that
 *    softens the obligation or drops a level such as 機密性2以上 is partial.
 * 6. A clause that only introduces items (①(ア), (イ) …) is as covered as
 *    its items.
 * The thresholds were set on the labelled sets of tests/gap (docs/policy-gap.md).
 */
#include "core/gap.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/gap_internal.h"
#include "util/buf.h"

#define NCAND 8 /* passages re-scored per clause */
#define TITLE_CHARS 30 /* an unnumbered line up to this long without 。 is a title */

/* The tuned constants, in one place (docs/policy-gap.md gives the reasons). */
static const struct params {
	double w_title, w_statement, w_terms, w_group; /* parts of a clause's vector */
	double w_context;                              /* a passage's context */
	double term_share;      /* weight of key-term hits against the cosine */
	double own_share;       /* weight of the passage's own words without context */
	double w_questions;     /* the self-inspection questions: more ways to say it */
	double margin_power;    /* how hard a better-explained passage pulls a score down */
	double chain_floor;     /* matches below this do not fix the order of topics */
	double out_of_order;    /* factor for a candidate outside its window */
	double learn_from;      /* a passage this well matched teaches its actors' roles */
	double name_seen, name_share; /* how a local post name is settled (gap_role.c) */
	double other_role;      /* factor for a passage whose actors hold none of the
				 * clause's roles */
	/*
	 * P(absent) = logistic(bias + log(score)·a + terms·b + margin·c + cosine·d
	 *                      + specific·e),
	 * fitted on the clauses without items of the labelled sets set1–set3 of
	 * tests/gap and checked on the others (set4, set5, the hand-written
	 * town.txt, the 例文 itself); missing_from maximised F2 (recall counts
	 * double: a gap left unseen costs more than one checked in vain) on
	 * set1–set3.  The terms are collinear, so read no meaning into a single
	 * coefficient's sign.
	 */
	double bias, a_log_score, b_terms, c_margin, d_cosine, e_specific;
	double missing_from;    /* P(absent) from which a clause is missing */
	double partial_from;    /* … and from which a present one is only partial */
} P = {
	.w_title = 1.0, .w_statement = 1.0, .w_terms = 1.0, .w_group = 0.3,
	.w_context = 0.4,
	.term_share = 0.25,
	.own_share = 0.25,
	.w_questions = 0.5,
	.margin_power = 1.0,
	.chain_floor = 0.30,
	.out_of_order = 0.5,
	.learn_from = 0.35,
	.name_seen = 2,
	.name_share = 0.5,
	.other_role = 0.8,
	.bias = -14.951, .a_log_score = -11.336, .b_terms = 11.445, .c_margin = -12.212,
	.d_cosine = 20.958, .e_specific = -14.601,
	.missing_from = 0.2,
	.partial_from = 0.12,
};

struct cand {
	int p;
	double cosine;   /* with the passage read in its context */
	double own;      /* with the passage's own words only */
	double terms;    /* share of the key terms found in passage and context */
	double s;        /* the combined similarity */
};

struct clause {
	const struct catalog_entry *en;
	struct gap_vec vec;
	struct gap_text *terms;
	size_t nterms;
	struct gap_text levels[4]; /* "機密性2" … named by the statement */
	size_t nlevels;
	int soft;                  /* softeners in the clause's own words */
	uint32_t holds;            /* the roles whose duty it is (gap_role_bit) */
	int parent, nchildren;     /* the clause that introduces it (id prefix) */
	struct cand cand[NCAND];
	int ncand;
	int chained;               /* block of its passage in the order chain, or -1 */
	int win_lo, win_hi;        /* blocks its passage is expected between */
};

struct passage {
	int node;
	int block;           /* the article (or outline section) it sits in, in order */
	struct gap_vec vec;  /* own words and context */
	struct gap_vec own;  /* own words only */
	struct gap_text all; /* own words, for key terms: a term found only in the
			      * article's caption says nothing about this item */
	uint64_t *keys;      /* the bigrams of its own words, sorted, for key terms */
	size_t nkeys;
	int soft;
	int names[GAP_MAX_NAMES]; /* its actors, or those of the item or article above */
	int nnames;
	uint32_t roles;      /* what they stand for, 0 unknown */
	int intro;           /* it has items under it */
	double best[2];      /* the best score any leaf clause of each part gives it */
	int rival[2];        /* and which clause that is */
	double best2[2];     /* the runner-up, another clause */
	int second[2];       /* … and which, -1 for none */
};

struct gap {
	const struct catalog *cat;
	const struct policy_doc *doc;
	struct gap_vocab vocab;
	struct clause *c;
	size_t nc;
	struct passage *p;
	size_t np;
	struct gap_names names;
	int windowed;        /* the clauses' windows are known (order_windows) */
};

/* ---- clauses ------------------------------------------------------------- */

/* Level words a clause applies under (its conditions: 機密性2以上, 可用性2 …),
 * which a policy must keep for the rule to mean the same. */
static void find_levels(struct clause *c, const char *conditions)
{
	static const char *const dims[] = {"機密性", "完全性", "可用性"};
	struct gap_text t;
	gap_text_make(&t, conditions);
	for (size_t d = 0; d < 3; d++) {
		struct gap_text dim;
		gap_text_make(&dim, dims[d]);
		for (size_t i = 0; i + dim.n < t.n && c->nlevels < 4; i++) {
			if (memcmp(t.cp + i, dim.cp, dim.n * sizeof *t.cp) != 0)
				continue;
			uint32_t digit = t.cp[i + dim.n];
			if (digit < '1' || digit > '9')
				continue;
			struct gap_text *lv = &c->levels[c->nlevels++];
			lv->n = dim.n + 1;
			lv->cp = xmalloc(lv->n * sizeof *lv->cp);
			memcpy(lv->cp, t.cp + i, lv->n * sizeof *lv->cp);
			break;
		}
		gap_text_free(&dim);
	}
	gap_text_free(&t);
}

static void clause_texts(const struct catalog_entry *en, struct gap_text *title,
			 struct gap_text *statement, struct gap_text *group)
{
	gap_text_make(title, en->title);
	gap_text_make(statement, en->statement);
	gap_text_make(group, en->group ? en->group : "");
}

/* The self-inspection questions, all in one text. */
static void clause_questions(const struct catalog_entry *en, struct gap_text *t)
{
	const cJSON *q;
	gap_text_make(t, "");
	cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(en->json, "questions")) {
		const cJSON *text = cJSON_GetObjectItemCaseSensitive(q, "text");
		if (cJSON_IsString(text))
			gap_text_append(t, text->valuestring);
	}
}

static void load_terms(struct clause *c)
{
	const cJSON *terms = cJSON_GetObjectItemCaseSensitive(c->en->json, "terms"), *t;
	c->nterms = 0;
	c->terms = xcalloc((size_t)cJSON_GetArraySize(terms) + 1, sizeof *c->terms);
	cJSON_ArrayForEach(t, terms) {
		if (cJSON_IsString(t))
			gap_text_make(&c->terms[c->nterms++], t->valuestring);
	}
}

/* Vocabulary and IDF over every clause of the catalog, whichever part is
 * rated: the weights stay the same from one run to the next. */
static void build_vocab(struct gap *g)
{
	gap_vocab_init(&g->vocab);
	size_t cap = 1024;
	uint32_t *df = xcalloc(cap, sizeof *df);
	uint32_t *seen = xcalloc(cap, sizeof *seen); /* last clause (1-based) counted */
	for (size_t i = 0; i < g->nc; i++) {
		struct gap_text t;
		gap_text_make(&t, g->c[i].en->title);
		gap_text_append(&t, g->c[i].en->statement);
		for (size_t k = 0; k < g->c[i].nterms; k++)
			gap_text_cat(&t, &g->c[i].terms[k]);
		struct gap_text q;
		clause_questions(g->c[i].en, &q);
		gap_text_cat(&t, &q);
		gap_text_free(&q);
		for (size_t j = 0; j + 1 < t.n; j++) {
			long id = gap_vocab_intern(&g->vocab, gap_bigram(t.cp[j], t.cp[j + 1]));
			if ((size_t)id >= cap) {
				size_t old = cap;
				cap *= 2;
				df = xrealloc(df, cap * sizeof *df);
				seen = xrealloc(seen, cap * sizeof *seen);
				memset(df + old, 0, (cap - old) * sizeof *df);
				memset(seen + old, 0, (cap - old) * sizeof *seen);
			}
			if (seen[id] != i + 1) {
				seen[id] = (uint32_t)(i + 1);
				df[id]++;
			}
		}
		gap_text_free(&t);
	}
	g->vocab.idf = xmalloc((g->vocab.n + 1) * sizeof *g->vocab.idf);
	double sum = 0;
	for (size_t i = 0; i < g->vocab.n; i++) {
		g->vocab.idf[i] = log(1.0 + (double)g->nc / df[i]);
		sum += g->vocab.idf[i];
	}
	g->vocab.oov_idf = g->vocab.n ? sum / (double)g->vocab.n : 1;
	free(df);
	free(seen);
}

static int is_prefix_id(const char *parent, const char *child)
{
	size_t n = strlen(parent);
	return strncmp(parent, child, n) == 0 && child[n] == '.';
}

static uint32_t load_holds(const struct catalog_entry *en)
{
	const cJSON *roles = cJSON_GetObjectItemCaseSensitive(en->json, "roles"), *r;
	uint32_t bits = 0;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(roles, "holds")) {
		int b = cJSON_IsString(r) ? gap_role_bit(r->valuestring) : -1;
		if (b >= 0)
			bits |= 1u << b;
	}
	return bits;
}

static void load_clauses(struct gap *g)
{
	g->nc = g->cat->n;
	g->c = xcalloc(g->nc + 1, sizeof *g->c);
	for (size_t i = 0; i < g->nc; i++) {
		struct clause *c = &g->c[i];
		c->en = &g->cat->v[i];
		c->parent = -1;
		c->holds = load_holds(c->en);
		load_terms(c);
		char *conditions = catalog_join(c->en, "conditions", "、");
		find_levels(c, conditions);
		free(conditions);
		c->soft = gap_softeners(c->en->statement) | gap_softeners(c->en->title);
		char *cond = catalog_join(c->en, "conditions", "、");
		c->soft |= gap_softeners(cond);
		free(cond);
	}
	/* the parent of a clause is the nearest earlier clause whose id prefixes it */
	for (size_t i = 0; i < g->nc; i++)
		for (size_t j = i; j-- > 0;)
			if (is_prefix_id(g->c[j].en->id, g->c[i].en->id)) {
				g->c[i].parent = (int)j;
				g->c[j].nchildren++;
				break;
			}
	build_vocab(g);
	for (size_t i = 0; i < g->nc; i++) {
		struct clause *c = &g->c[i];
		struct gap_text title, statement, group, questions;
		clause_texts(c->en, &title, &statement, &group);
		clause_questions(c->en, &questions);
		size_t np = 4 + c->nterms;
		struct gap_part *parts = xmalloc(np * sizeof *parts);
		parts[0] = (struct gap_part){&title, P.w_title};
		parts[1] = (struct gap_part){&statement, P.w_statement};
		parts[2] = (struct gap_part){&group, P.w_group};
		parts[3] = (struct gap_part){&questions, P.w_questions};
		for (size_t k = 0; k < c->nterms; k++)
			parts[4 + k] = (struct gap_part){&c->terms[k], P.w_terms};
		gap_vec_build(&c->vec, &g->vocab, parts, np);
		free(parts);
		gap_text_free(&title);
		gap_text_free(&statement);
		gap_text_free(&group);
		gap_text_free(&questions);
	}
}

/* ---- passages ------------------------------------------------------------ */

/* Own words of a node: its caption and its text. */
static void node_own(const struct ps_node *n, struct gap_text *t)
{
	gap_text_make(t, n->caption);
	gap_text_append(t, n->text);
}

/* What a node is read with: the captions and texts of the two levels above it
 * (the item it belongs to, the article and its caption). */
static void node_context(const struct policy_doc *d, int i, struct gap_text *t)
{
	gap_text_make(t, "");
	int k = d->v[i].parent;
	for (int up = 0; k >= 0 && up < 2; up++, k = d->v[k].parent) {
		gap_text_append(t, d->v[k].caption);
		if (d->v[k].kind != PS_HEADING)
			gap_text_append(t, d->v[k].text);
		if (d->v[k].kind == PS_ARTICLE)
			break;
	}
}

/* The unit whose order a policy keeps while it reorders what is inside: the
 * article, or where there are no articles the second outline level
 * ("4.1", "(3)"), or the node itself near the top. */
static int block_of(const struct policy_doc *d, int i)
{
	for (int k = i; k >= 0; k = d->v[k].parent)
		if (d->v[k].kind == PS_ARTICLE)
			return k;
	int k = i;
	while (k >= 0 && d->v[k].depth > 1)
		k = d->v[k].parent;
	return k;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static void own_keys(struct passage *p)
{
	p->nkeys = 0;
	p->keys = xmalloc((p->all.n + 1) * sizeof *p->keys);
	for (size_t i = 0; i + 1 < p->all.n; i++)
		p->keys[p->nkeys++] = gap_bigram(p->all.cp[i], p->all.cp[i + 1]);
	qsort(p->keys, p->nkeys, sizeof *p->keys, cmp_u64);
}

static int has_key(const struct passage *p, uint64_t k)
{
	return bsearch(&k, p->keys, p->nkeys, sizeof k, cmp_u64) != NULL;
}

/* An unnumbered line that is no sentence: a short phrase without 。, such as
 * the title of the next document ("情報セキュリティ対策基準") left under the
 * last article of the one before. */
static int is_title(const char *text)
{
	size_t chars = 0;
	for (const char *s = text; *s; s++)
		chars += ((unsigned char)*s & 0xC0) != 0x80;
	return chars <= TITLE_CHARS && !strstr(text, "。");
}

/* Whether the line names a topic rather than states something: no 。, and
 * not an introduction that runs on into its items ("次の事項を定める："). */
static int is_phrase(const char *text)
{
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n'))
		n--;
	int runs_on = (n >= 1 && text[n - 1] == ':') ||
		      (n >= 3 && (memcmp(text + n - 3, "：", 3) == 0 ||
				  memcmp(text + n - 3, "、", 3) == 0));
	return !strstr(text, "。") && !runs_on;
}

/* A node that says nothing of its own beyond a caption for the items under
 * it: a caption, or a numbered phrase over items ("３ モバイル端末等の持ち
 * 出しの制限" over (1) (2)).  A caption-only line without items
 * ("（著作権法）" in a list of laws) is itself the statement. */
static int is_heading_only(const struct policy_doc *d, size_t i)
{
	const struct ps_node *n = &d->v[i];
	int items = i + 1 < d->n && d->v[i + 1].parent == (int)i;
	if (*n->text)
		return (n->kind == PS_TEXT && is_title(n->text)) || (items && is_phrase(n->text));
	return !*n->caption || items;
}

/* Whether a sentence announces a list ("次の事項を遵守しなければならない",
 * "以下を含む規定を整備する"), even when the list itself is gone. */
static int announces_items(const char *text)
{
	static const char *const words[] = {"次の", "次に掲げる", "以下の", "以下を", "下記の"};
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (strstr(text, words[k]))
			return 1;
	return 0;
}

/* The actors of a passage: its own subject, else that of the item or
 * article it is listed under ("情報システム管理者は、次の事項を…" over ①②),
 * or of their caption ("（職員等の遵守事項）"). */
static int passage_actors(struct gap *g, int i, int *ids)
{
	const struct policy_doc *d = g->doc;
	for (int k = i, up = 0; k >= 0 && up < 3; k = d->v[k].parent, up++) {
		const struct ps_node *n = &d->v[k];
		if (n->kind == PS_HEADING)
			break;
		int got = gap_subject(&g->names, n->text, ids, GAP_MAX_NAMES);
		if (!got)
			got = gap_caption_subject(&g->names, n->caption, ids, GAP_MAX_NAMES);
		if (got || n->kind == PS_ARTICLE)
			return got;
	}
	return 0;
}

static void load_passages(struct gap *g)
{
	const struct policy_doc *d = g->doc;
	g->p = xcalloc(d->n + 1, sizeof *g->p);
	g->np = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct ps_node *n = &d->v[i];
		/* a chapter or section title is context for what it holds, not a
		 * statement: "第6章 技術的セキュリティ" would otherwise "cover" the
		 * 基本方針's summary of that chapter; nor is any caption over
		 * items: "（電子署名・暗号化）" outlives the rules deleted under it */
		if (n->kind == PS_HEADING || is_heading_only(d, i))
			continue;
		struct passage *p = &g->p[g->np++];
		p->node = (int)i;
		p->block = block_of(d, (int)i);
		struct gap_text own, ctx;
		node_own(n, &own);
		node_context(d, (int)i, &ctx);
		struct gap_part parts[2] = {{&own, 1.0}, {&ctx, P.w_context}};
		gap_vec_build(&p->vec, &g->vocab, parts, 2);
		gap_vec_build(&p->own, &g->vocab, parts, 1);
		p->all = own; /* taken over: freed with the passage */
		gap_text_free(&ctx);
		own_keys(p);
		p->soft = gap_softeners(n->text);
		p->nnames = passage_actors(g, (int)i, p->names);
		p->intro = (i + 1 < d->n && d->v[i + 1].parent == (int)i &&
			    d->v[i + 1].kind == PS_ITEM) ||
			   announces_items(n->text);
	}
}

/* ---- matching ------------------------------------------------------------ */

/* Postings: for each term, the passages that have it and with what weight. */
struct index {
	size_t *start; /* per term, into ent; start[n] = total */
	struct posting {
		uint32_t p;
		float w;
	} *ent;
};

static void build_index(const struct gap *g, struct index *ix)
{
	size_t nt = g->vocab.n;
	ix->start = xcalloc(nt + 2, sizeof *ix->start);
	for (size_t i = 0; i < g->np; i++)
		for (size_t k = 0; k < g->p[i].vec.n; k++)
			ix->start[g->p[i].vec.term[k] + 1]++;
	for (size_t t = 0; t < nt; t++)
		ix->start[t + 1] += ix->start[t];
	ix->ent = xmalloc((ix->start[nt] + 1) * sizeof *ix->ent);
	size_t *fill = xmalloc((nt + 1) * sizeof *fill);
	memcpy(fill, ix->start, (nt + 1) * sizeof *fill);
	for (size_t i = 0; i < g->np; i++)
		for (size_t k = 0; k < g->p[i].vec.n; k++)
			ix->ent[fill[g->p[i].vec.term[k]]++] =
				(struct posting){(uint32_t)i, g->p[i].vec.w[k]};
	free(fill);
}

/* Dot product of two sorted sparse vectors. */
static double dot(const struct gap_vec *a, const struct gap_vec *b)
{
	double sum = 0;
	size_t i = 0, j = 0;
	while (i < a->n && j < b->n) {
		if (a->term[i] < b->term[j])
			i++;
		else if (a->term[i] > b->term[j])
			j++;
		else
			sum += (double)a->w[i++] * b->w[j++];
	}
	return sum;
}

/* How much of one key term the passage has: the share of its bigrams
 * found, so "離席時ロック" still counts in "離席時のパソコンのロック". */
static double term_cover(const struct gap_text *t, const struct passage *p)
{
	if (t->n < 2)
		return gap_text_contains(&p->all, t);
	size_t found = 0;
	for (size_t i = 0; i + 1 < t->n; i++)
		found += has_key(p, gap_bigram(t->cp[i], t->cp[i + 1]));
	return (double)found / (double)(t->n - 1);
}

static int by_value_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

/* Key terms in the passage: the mean cover of the better half of them, since
 * the list holds synonyms a policy uses one of. */
static double term_hits(const struct clause *c, const struct passage *p)
{
	if (c->nterms == 0)
		return 0;
	double v[64];
	size_t n = c->nterms < 64 ? c->nterms : 64;
	for (size_t k = 0; k < n; k++)
		v[k] = term_cover(&c->terms[k], p);
	qsort(v, n, sizeof *v, by_value_desc);
	size_t half = (n + 1) / 2;
	double sum = 0;
	for (size_t k = 0; k < half; k++)
		sum += v[k];
	return sum / (double)half;
}

static void sort_candidates(struct clause *c)
{
	for (int k = 1; k < c->ncand; k++)
		for (int j = k; j > 0 && c->cand[j].s > c->cand[j - 1].s; j--) {
			struct cand tmp = c->cand[j];
			c->cand[j] = c->cand[j - 1];
			c->cand[j - 1] = tmp;
		}
}

/* The NCAND best passages of a clause by cosine, re-scored with key terms. */
static void match_clause(struct gap *g, struct clause *c, const struct index *ix, double *acc)
{
	memset(acc, 0, g->np * sizeof *acc);
	for (size_t k = 0; k < c->vec.n; k++) {
		uint32_t t = c->vec.term[k];
		for (size_t e = ix->start[t]; e < ix->start[t + 1]; e++)
			acc[ix->ent[e].p] += (double)c->vec.w[k] * ix->ent[e].w;
	}
	c->ncand = 0;
	for (size_t i = 0; i < g->np; i++) {
		if (acc[i] <= 0)
			continue;
		int pos = c->ncand < NCAND ? c->ncand++ : NCAND;
		if (pos == NCAND && acc[i] <= c->cand[NCAND - 1].cosine)
			continue;
		if (pos == NCAND)
			pos = NCAND - 1;
		while (pos > 0 && c->cand[pos - 1].cosine < acc[i]) {
			c->cand[pos] = c->cand[pos - 1];
			pos--;
		}
		c->cand[pos] = (struct cand){(int)i, acc[i], 0, 0, 0};
	}
	for (int k = 0; k < c->ncand; k++) {
		struct cand *x = &c->cand[k];
		x->own = dot(&c->vec, &g->p[x->p].own);
		x->terms = term_hits(c, &g->p[x->p]);
		x->s = (1 - P.term_share - P.own_share) * x->cosine + P.own_share * x->own +
		       P.term_share * x->terms;
	}
	sort_candidates(c); /* best combined score first */
}

static int is_basic(const struct clause *c)
{
	return c->en->part[0] == 'b';
}

/* Whether the order of topics places the clause elsewhere (order_windows). */
static int out_of_window(const struct clause *c, const struct passage *p)
{
	return p->block < c->win_lo || p->block > c->win_hi;
}

/* How well the best-suited clause states each passage.  Clauses compete
 * only within their part: a 基本方針 clause summarises the 対策基準 chapter
 * it stands for, and is no rival for its passages.  A clause with items
 * summarises them too, so it competes only for a passage that introduces
 * items itself ("以下を含む規定を整備する"): there it is the better
 * explanation than one of its items, deleted, that borrows the passage. */
static void passage_rivals(struct gap *g)
{
	for (size_t i = 0; i < g->np; i++) {
		g->p[i].best[0] = g->p[i].best[1] = 0;
		g->p[i].rival[0] = g->p[i].rival[1] = 0;
		g->p[i].best2[0] = g->p[i].best2[1] = 0;
		g->p[i].second[0] = g->p[i].second[1] = -1;
	}
	for (size_t i = 0; i < g->nc; i++) {
		int part = is_basic(&g->c[i]);
		for (int k = 0; k < g->c[i].ncand; k++) {
			struct passage *p = &g->p[g->c[i].cand[k].p];
			if (g->c[i].nchildren && !p->intro)
				continue;
			double s = g->c[i].cand[k].s;
			if (g->windowed && !g->c[i].nchildren && out_of_window(&g->c[i], p))
				s *= P.out_of_order;
			if (s > p->best[part]) {
				p->best2[part] = p->best[part];
				p->second[part] = p->best[part] > 0 ? p->rival[part] : -1;
				p->best[part] = s;
				p->rival[part] = (int)i;
			} else if (s > p->best2[part]) {
				p->best2[part] = s;
				p->second[part] = (int)i;
			}
		}
	}
}

/*
 * The roles behind the posts a policy names: each passage that some clause
 * states well votes for that clause's roles on its actors' names.  Then a
 * candidate whose actors hold none of the clause's roles counts for less:
 * the 統括情報セキュリティ責任者's rule is not stated by the 情報システム
 * 管理者's twin of it.
 */
static void weigh_roles(struct gap *g)
{
	for (size_t i = 0; i < g->np; i++) {
		const struct passage *p = &g->p[i];
		int part = p->best[1] > p->best[0];
		if (p->nnames && p->best[part] >= P.learn_from)
			gap_names_learn(&g->names, p->names, p->nnames,
					g->c[p->rival[part]].holds);
	}
	gap_names_settle(&g->names, P.name_seen, P.name_share);
	for (size_t i = 0; i < g->np; i++)
		g->p[i].roles = gap_names_roles(&g->names, g->p[i].names, g->p[i].nnames);
	for (size_t i = 0; i < g->nc; i++) {
		struct clause *c = &g->c[i];
		for (int k = 0; k < c->ncand; k++) {
			uint32_t roles = g->p[c->cand[k].p].roles;
			if (roles && c->holds && !(roles & c->holds))
				c->cand[k].s *= P.other_role;
		}
		sort_candidates(c);
	}
}

static void match_all(struct gap *g)
{
	struct index ix;
	build_index(g, &ix);
	double *acc = xmalloc((g->np + 1) * sizeof *acc);
	for (size_t i = 0; i < g->nc; i++)
		match_clause(g, &g->c[i], &ix, acc);
	free(acc);
	free(ix.start);
	free(ix.ent);
	passage_rivals(g);
	weigh_roles(g);
	passage_rivals(g);
}

/* ---- rating -------------------------------------------------------------- */

static int levels_missing(const struct clause *c, const struct passage *p)
{
	for (size_t k = 0; k < c->nlevels; k++)
		if (!gap_text_contains(&p->all, &c->levels[k]))
			return 1;
	return 0;
}

/* A candidate's similarity, lowered by how much better another clause of the
 * same part states that passage. */
static double candidate_eff(const struct gap *g, const struct clause *c, int k, double *margin)
{
	const struct cand *x = &c->cand[k];
	double rival = g->p[x->p].best[is_basic(c)];
	*margin = rival > x->s ? x->s / rival : 1;
	return x->s * pow(*margin, P.margin_power);
}

/*
 * Policies keep the guideline's order of topics even when they renumber,
 * merge and reorder within an article.  The longest chain of confident
 * matches whose articles never go backwards (dynamic programming over the
 * clauses in catalog order) gives every clause a window: the articles
 * between its chained neighbours.  A candidate outside its window is most
 * likely a look-alike elsewhere in the document (the 基本方針's summary of
 * a chapter, another chapter's similar rule), and counts for less.
 */
static void order_windows(struct gap *g)
{
	size_t n = 0;
	int *idx = xmalloc((g->nc + 1) * sizeof *idx);
	/* one chain through both parts: a document holding both puts the
	 * 基本方針 first, as the catalog does */
	for (size_t i = 0; i < g->nc; i++)
		if (!g->c[i].nchildren)
			idx[n++] = (int)i;
	/* best[i][k]: best chain ending with clause idx[i] at its candidate k */
	double *best = xcalloc(n * NCAND + 1, sizeof *best);
	int *from = xmalloc((n * NCAND + 1) * sizeof *from);
	double chain_best = 0;
	int chain_end = -1;
	for (size_t i = 0; i < n; i++) {
		const struct clause *c = &g->c[idx[i]];
		for (int k = 0; k < c->ncand; k++) {
			double m, gain = candidate_eff(g, c, k, &m) - P.chain_floor;
			size_t at = i * NCAND + (size_t)k;
			best[at] = -1;
			if (gain <= 0)
				continue;
			int blk = g->p[c->cand[k].p].block;
			best[at] = gain;
			from[at] = -1;
			/* the best earlier chain that ends at or before this article;
			 * looking back a bounded distance keeps this linear */
			for (size_t j = i > 64 ? i - 64 : 0; j < i; j++) {
				const struct clause *d = &g->c[idx[j]];
				for (int l = 0; l < d->ncand; l++) {
					size_t bt = j * NCAND + (size_t)l;
					if (best[bt] > 0 && g->p[d->cand[l].p].block <= blk &&
					    best[bt] + gain > best[at]) {
						best[at] = best[bt] + gain;
						from[at] = (int)bt;
					}
				}
			}
			if (best[at] > chain_best) {
				chain_best = best[at];
				chain_end = (int)at;
			}
		}
	}
	/* the chain, back to front: each clause remembers its chained block */
	for (size_t i = 0; i < n; i++)
		g->c[idx[i]].chained = -1;
	for (int at = chain_end; at >= 0; at = from[at]) {
		struct clause *c = &g->c[idx[at / NCAND]];
		c->chained = g->p[c->cand[at % NCAND].p].block;
	}
	/* windows: from the previous chained block to the next one */
	int lo = -1;
	for (size_t i = 0; i < n; i++) {
		struct clause *c = &g->c[idx[i]];
		c->win_lo = lo;
		if (c->chained >= 0)
			lo = c->chained;
	}
	int hi = INT_MAX;
	for (size_t i = n; i-- > 0;) {
		struct clause *c = &g->c[idx[i]];
		c->win_hi = c->chained >= 0 ? c->chained : hi;
		if (c->chained >= 0) {
			c->win_lo = c->chained;
			hi = c->chained;
		} else {
			c->win_hi = hi;
		}
	}
	free(best);
	free(from);
	free(idx);
}

/* The candidate that best survives competition and the order of topics. */
static int best_candidate(const struct gap *g, const struct clause *c, double *eff,
			  double *margin)
{
	int best = -1;
	*eff = 0;
	*margin = 0;
	for (int k = 0; k < c->ncand; k++) {
		double m, e = candidate_eff(g, c, k, &m);
		if (out_of_window(c, &g->p[c->cand[k].p]))
			e *= P.out_of_order;
		if (e > *eff) {
			*eff = e;
			*margin = m;
			best = k;
		}
	}
	return best;
}

/*
 * What the passage says of the clause beyond what its closest other clause
 * says: the cosine of the passage's own words with the part of the clause's
 * vector orthogonal to that other clause.  Near-twin clauses (the same rule
 * for another role, the range of a service and the list of services) share
 * most of their words; when one is deleted, the other's passage matches it
 * well overall but not in what sets it apart.
 */
static double specific(const struct gap *g, const struct clause *c, const struct passage *p)
{
	int part = is_basic(c), self = (int)(c - g->c);
	int other = p->rival[part] != self ? p->rival[part] : p->second[part];
	double cp = dot(&c->vec, &p->own);
	if (other < 0 || p->best[part] <= 0)
		return cp;
	const struct clause *x = &g->c[other];
	double cx = dot(&c->vec, &x->vec), xp = dot(&x->vec, &p->own);
	double rest = 1 - cx * cx;
	return rest > 1e-6 ? (cp - cx * xp) / sqrt(rest) : 0;
}

/* The chance that the clause is absent, from the features of its best match. */
static double p_absent(double score, double terms, double margin, double cosine, double spec)
{
	double z = P.bias + P.a_log_score * log(score > 1e-3 ? score : 1e-3) + P.b_terms * terms +
		   P.c_margin * margin + P.d_cosine * cosine + P.e_specific * spec;
	return 1 / (1 + exp(-z));
}

static void rate_leaf(const struct gap *g, const struct clause *c, struct gap_result *r)
{
	r->entry = c->en;
	r->passage = -1;
	r->near = -1;
	double score, margin;
	int k = best_candidate(g, c, &score, &margin);
	if (k < 0) {
		r->status = GAP_MISSING;
		return;
	}
	const struct cand *b = &c->cand[k];
	const struct passage *p = &g->p[b->p];
	r->cosine = b->cosine;
	r->own = b->own;
	r->terms = b->terms;
	r->margin = margin;
	r->top = c->cand[0].s;
	r->eff = score;
	r->spec = specific(g, c, p);
	double absent = p_absent(score, b->terms, margin, b->cosine, r->spec);
	r->score = 1 - absent;
	r->passage = p->node;
	r->near = p->node;
	r->rival = g->c[p->rival[is_basic(c)]].en->id;
	if (absent >= P.missing_from) {
		r->status = GAP_MISSING;
		r->passage = -1;
		return;
	}
	r->status = absent < P.partial_from ? GAP_COVERED : GAP_PARTIAL;
	if (r->status == GAP_PARTIAL)
		r->reasons |= GAP_WEAK_MATCH;
	int strict = strcmp(c->en->strength, "must") == 0;
	/* 必要に応じて and the like are the 例文's own words in dozens of
	 * clauses the catalog states without them: only the plain softeners
	 * count */
	if (strict && (p->soft & ~c->soft & ~SOFT_ASNEEDED)) {
		r->status = GAP_PARTIAL;
		r->reasons |= GAP_SOFTENED;
	}
	if (levels_missing(c, p)) {
		r->status = GAP_PARTIAL;
		r->reasons |= GAP_ELEMENT;
	}
}

/* A clause that introduces items is judged by them: missing when all are,
 * covered when all are (or when its own passage is and no item is missing),
 * partial otherwise. */
static void rate_parents(const struct gap *g, struct gap_result *r)
{
	for (size_t i = g->nc; i-- > 0;) {
		const struct clause *c = &g->c[i];
		if (!c->nchildren)
			continue;
		int n = 0, missing = 0, covered = 0;
		double sum = 0;
		for (size_t j = i + 1; j < g->nc; j++) {
			if (g->c[j].parent != (int)i)
				continue;
			n++;
			missing += r[j].status == GAP_MISSING;
			covered += r[j].status == GAP_COVERED;
			sum += r[j].score;
		}
		struct gap_result own = r[i];
		if (missing == n) {
			r[i].status = own.status == GAP_COVERED ? GAP_PARTIAL : GAP_MISSING;
		} else if (covered == n) {
			r[i].status = own.status == GAP_MISSING ? GAP_COVERED : own.status;
		} else {
			r[i].status = GAP_PARTIAL;
			r[i].reasons |= GAP_ITEMS;
		}
		if (r[i].status != GAP_MISSING && own.passage < 0) {
			/* evidence: its first item that is there */
			for (size_t j = i + 1; j < g->nc; j++)
				if (g->c[j].parent == (int)i && r[j].passage >= 0) {
					r[i].passage = r[j].passage;
					break;
				}
		}
		double items = sum / n;
		r[i].score = own.score > items ? own.score : items;
		if (r[i].status == GAP_MISSING)
			r[i].passage = -1;
	}
}

/* ---- the part ------------------------------------------------------------ */

/* Share of a part's clauses that the policy states at least in part. */
static double part_found(const struct gap *g, const struct gap_result *r, const char *part)
{
	size_t n = 0, found = 0;
	for (size_t i = 0; i < g->nc; i++) {
		if (strcmp(g->c[i].en->part, part) != 0)
			continue;
		n++;
		found += r[i].status != GAP_MISSING;
	}
	return n ? (double)found / (double)n : 0;
}

/*
 * A document that is only a 基本方針 leaves nearly all of the 対策基準 missing,
 * and a 対策基準 without its 基本方針 the other way round; reporting hundreds
 * of "missing" clauses of the other document would bury the real gaps.  Only a
 * clear case is decided: the other part almost entirely absent while this one
 * is largely there.
 */
static const char *guess_part(const struct gap *g, const struct gap_result *r)
{
	double basic = part_found(g, r, "basic"), standard = part_found(g, r, "standard");
	if (standard < 0.10 && basic >= 0.5)
		return "basic";
	if (basic < 0.10 && standard >= 0.5)
		return "standard";
	return NULL;
}

/* ---- the whole ----------------------------------------------------------- */

static void gap_free(struct gap *g)
{
	for (size_t i = 0; i < g->nc; i++) {
		gap_vec_free(&g->c[i].vec);
		for (size_t k = 0; k < g->c[i].nterms; k++)
			gap_text_free(&g->c[i].terms[k]);
		free(g->c[i].terms);
		for (size_t k = 0; k < g->c[i].nlevels; k++)
			gap_text_free(&g->c[i].levels[k]);
	}
	for (size_t i = 0; i < g->np; i++) {
		gap_vec_free(&g->p[i].vec);
		gap_vec_free(&g->p[i].own);
		gap_text_free(&g->p[i].all);
		free(g->p[i].keys);
	}
	free(g->c);
	free(g->p);
	gap_vocab_free(&g->vocab);
	gap_names_free(&g->names);
}

int gap_analyse(const struct catalog *cat, const struct policy_doc *doc, const char *part,
		struct gap_report *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (part && strcmp(part, "basic") != 0 && strcmp(part, "standard") != 0)
		return err_set(e, ERR_INPUT,
			       "--part は basic（基本方針）か standard（対策基準）で指定してください");
	struct gap g = {.cat = cat, .doc = doc};
	load_clauses(&g);
	load_passages(&g);
	match_all(&g);
	struct gap_result *r = xcalloc(g.nc + 1, sizeof *r);
	order_windows(&g);
	/* a clause placed elsewhere by the order is a weaker rival: of two
	 * clauses worded alike (an incident reported from inside and from
	 * outside), each keeps the passage in its own article */
	g.windowed = 1;
	passage_rivals(&g);
	for (size_t i = 0; i < g.nc; i++)
		rate_leaf(&g, &g.c[i], &r[i]);
	rate_parents(&g, r);
	const char *chosen = part;
	if (!part && (chosen = guess_part(&g, r)) != NULL)
		out->part_guessed = 1;
	out->part = chosen;
	out->v = xcalloc(g.nc + 1, sizeof *out->v);
	for (size_t i = 0; i < g.nc; i++)
		if (!chosen || strcmp(g.c[i].en->part, chosen) == 0)
			out->v[out->n++] = r[i];
	free(r);
	gap_free(&g);
	return 0;
}

void gap_report_free(struct gap_report *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

const char *gap_status_key(enum gap_status s)
{
	return s == GAP_COVERED ? "covered" : s == GAP_PARTIAL ? "partial" : "missing";
}

const char *gap_status_label(enum gap_status s)
{
	return s == GAP_COVERED ? "記載あり" : s == GAP_PARTIAL ? "一部不足" : "未記載";
}
