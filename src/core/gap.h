/*
 * gap.h — how far a municipality's own policy covers the guideline's clauses.
 *
 * For every catalog clause (core/catalog.h) the analysis finds the passage of
 * the policy (core/policy_split.h) that best states it and rates it:
 *   covered  the policy states the requirement;
 *   partial  something like it is there, but weaker: the obligation softened
 *            into an effort (努める, 望ましい, できる …), or a key element
 *            (a level such as 機密性2以上, a number, the party that acts)
 *            missing, or only a loose match;
 *   missing  nothing in the policy states it.
 * The method and its measured precision and recall are in docs/policy-gap.md.
 */
#ifndef MAMORI_GAP_H
#define MAMORI_GAP_H

#include <stddef.h>

#include "core/catalog.h"
#include "core/policy_split.h"
#include "util/err.h"

enum gap_status { GAP_COVERED, GAP_PARTIAL, GAP_MISSING };

/* Why a clause came out partial (bits). */
enum gap_reason {
	GAP_WEAK_MATCH = 1,   /* the best passage resembles it only moderately */
	GAP_SOFTENED = 2,     /* the passage makes an obligation an effort or an option */
	GAP_ELEMENT = 4,      /* a level, number or condition of the clause is absent */
	GAP_ITEMS = 8,        /* a clause with items: some of them missing or partial */
};

struct gap_result {
	const struct catalog_entry *entry;
	enum gap_status status;
	double score;  /* 0..1: how well the best passage states the clause */
	int passage;   /* index into the policy_doc, -1 for none */
	int reasons;   /* enum gap_reason bits */
	/* the features the rating was made from, for --explain */
	double cosine, own, terms, margin, top;
	double eff;    /* the best candidate's similarity after competition and order */
	double spec;   /* … in what sets the clause apart from its closest other clause */
	int near;      /* the nearest passage, even for a missing clause */
	const char *rival; /* the clause that states that passage best */
};

struct gap_report {
	struct gap_result *v; /* catalog (document) order */
	size_t n;
	const char *part;     /* "basic", "standard", or NULL for both */
	int part_guessed;     /* part was decided from the content, not given */
};

/*
 * Rates the clauses of `part` ("basic", "standard", or NULL: both, unless the
 * document plainly holds only one of them, which is then reported in
 * part_guessed).
 */
int gap_analyse(const struct catalog *cat, const struct policy_doc *doc, const char *part,
		struct gap_report *out, struct err *e);
void gap_report_free(struct gap_report *r);

const char *gap_status_key(enum gap_status s);   /* "covered" … (the JSON contract) */
const char *gap_status_label(enum gap_status s); /* 記載あり / 一部不足 / 未記載 */

#endif
