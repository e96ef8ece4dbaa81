/*
 * policy_diff.h — what changed between two versions of a policy document,
 * clause by clause: articles are renumbered whenever a clause is added or
 * dropped, so blocks are matched by the catalog clause they came from (the
 * n-th block of a clause with the n-th), not by position or article number.
 */
#ifndef MAMORI_POLICY_DIFF_H
#define MAMORI_POLICY_DIFF_H

#include <stddef.h>

#include "core/policy_doc.h"

enum policy_change { CHANGE_ADDED, CHANGE_REMOVED, CHANGE_CHANGED };

struct policy_diff_item {
	enum policy_change change;
	const char *clause;
	const struct pdoc_block *from, *to; /* NULL on the side it is missing */
	char *where_from, *where_to;        /* "第12条 (3)", or NULL */
};

struct policy_diff {
	size_t n;
	struct policy_diff_item *v; /* in clause order (基本方針 first, then 1.1, 1.2 … 1.10) */
};

void policy_diff(const struct pdoc *a, const struct pdoc *b, struct policy_diff *out);
void policy_diff_free(struct policy_diff *d);
extern const char *const policy_change_ids[]; /* "added", "removed", "changed" */

#endif
