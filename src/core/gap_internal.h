/*
 * gap_internal.h — private to the gap analysis (gap*.c): normalised text,
 * bigram vectors and the checks for a weakened passage.
 */
#ifndef MAMORI_GAP_INTERNAL_H
#define MAMORI_GAP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Text for matching: NFKC, case-folded, letters and digits only (no spaces,
 * punctuation or symbols), as code points. */
struct gap_text {
	uint32_t *cp;
	size_t n;
};

void gap_text_make(struct gap_text *t, const char *utf8);
void gap_text_append(struct gap_text *t, const char *utf8);
void gap_text_free(struct gap_text *t);
/* Appends the code points of more to t. */
void gap_text_cat(struct gap_text *t, const struct gap_text *more);
int gap_text_contains(const struct gap_text *hay, const struct gap_text *needle);

/* The vocabulary: character bigrams of the catalog, with their IDF. */
struct gap_vocab {
	uint64_t *keys;   /* open addressing; 0 = empty */
	uint32_t *ids;
	size_t cap;
	size_t n;         /* terms */
	double *idf;      /* per term */
	double oov_idf;   /* for bigrams the catalog never uses */
};

/* A sparse vector, sorted by term. */
struct gap_vec {
	uint32_t *term;
	float *w;
	size_t n;
	double norm2_extra; /* squared weight of out-of-vocabulary bigrams */
};

/* Adds the bigrams of t (each once per occurrence) to a term-count table;
 * `learn` adds unseen bigrams to the vocabulary. */
void gap_vocab_init(struct gap_vocab *v);
void gap_vocab_free(struct gap_vocab *v);
long gap_vocab_lookup(const struct gap_vocab *v, uint64_t key);
long gap_vocab_intern(struct gap_vocab *v, uint64_t key);
uint64_t gap_bigram(uint32_t a, uint32_t b);

/*
 * A TF-IDF vector (log-scaled term frequency) of weighted texts: the parts
 * are summed with their weights, then the whole is L2-normalised.
 */
struct gap_part {
	const struct gap_text *t;
	double weight;
};
void gap_vec_build(struct gap_vec *out, const struct gap_vocab *v, const struct gap_part *parts,
		   size_t nparts);
void gap_vec_free(struct gap_vec *x);

/*
 * Obligation strength of a passage as written: 2 a duty (しなければならない,
 * ものとする, する), 1 an effort or an option (努める, 望ましい, できる,
 * 検討する …).  Returns the markers of softening found in s (bits).
 */
enum gap_soft {
	SOFT_EFFORT = 1,    /* 努める, 努めなければならない */
	SOFT_DESIRABLE = 2, /* 望ましい, 推奨 */
	SOFT_MAY = 4,       /* できる */
	SOFT_CONSIDER = 8,  /* 検討する, 考慮する */
	SOFT_ASNEEDED = 16, /* 必要に応じて, 可能な限り, なるべく */
};
int gap_softeners(const char *s);

/*
 * The actors a passage names (gap_role.c).  Names are collected per
 * document; each gets the roles (bits: index in vocab_role) it stands for,
 * from the guideline's own role names or learned from the clauses the
 * passages that name it match best.
 */
#define GAP_MAX_NAMES 4
struct gap_name {
	char *key;        /* folded */
	int actor;        /* a post or body, not a thing ("パターンファイルは、") */
	uint32_t prior;   /* a role of vocab_role by its whole name */
	double seen;      /* confident passages that name it */
	double count[32]; /* … whose clause holds each role */
	uint32_t roles;   /* settled: what it stands for, 0 unknown */
};
struct gap_names {
	struct gap_name *v;
	size_t n, cap;
};
void gap_names_free(struct gap_names *t);
int gap_role_bit(const char *role_id); /* -1 if unknown */
/* The actors of a sentence's subject ("A及びBは、…"), at most max, as ids
 * into t; 0 when the subject is not a list of posts. */
int gap_subject(struct gap_names *t, const char *text, int *ids, int max);
/* The same for a caption "Aの措置事項". */
int gap_caption_subject(struct gap_names *t, const char *caption, int *ids, int max);
void gap_names_learn(struct gap_names *t, const int *ids, int n, uint32_t roles);
/* Gives every name its roles: the prior, else each role held by at least
 * `share` of the clauses of its at least `min_seen` passages. */
void gap_names_settle(struct gap_names *t, double min_seen, double share);
/* The roles of a passage's actors, 0 when any of them is unknown. */
uint32_t gap_names_roles(const struct gap_names *t, const int *ids, int n);

#endif
