/*
 * classification.h — the classification scheme (guideline 2.(1)) as data.
 *
 * Three dimensions (機密性, 完全性, 可用性), each a list of levels with a rank
 * (1 = lowest, as municipalities number them), a label, the criteria and the
 * handling restrictions (取扱制限).  Every level also names its baseline: the
 * R2.12 level it corresponds to.  Rules compare baselines, never labels, so a
 * municipality that splits 機密性3 into 3A/3B/3C still gets every
 * "機密性2以上" rule right.
 */
#ifndef MAMORI_CLASSIFICATION_H
#define MAMORI_CLASSIFICATION_H

#include <stddef.h>

#include "store/tx.h"

enum dimension { DIM_C, DIM_I, DIM_A, NDIMENSIONS };

struct class_level {
	long long id;
	enum dimension dim;
	int rank;
	int baseline;
	char *label;
	char *criteria;
	char *handling; /* one restriction per line */
};

struct class_scheme {
	size_t n[NDIMENSIONS];
	struct class_level *levels[NDIMENSIONS]; /* by ascending rank */
};

const char *dimension_id(enum dimension d);    /* "confidentiality" … */
const char *dimension_label(enum dimension d); /* "機密性" … */

int class_scheme_load(struct db *db, struct class_scheme *s, struct err *e);
void class_scheme_free(struct class_scheme *s);
/* Writes the R2.12 default scheme when no level exists yet. */
int class_scheme_ensure_default(struct tx *tx, struct err *e);

const struct class_level *class_level_by_rank(const struct class_scheme *s, enum dimension d,
					      int rank);
/*
 * Reads a level as typed in a register: its label ("機密性2", "2", "3A"),
 * case- and width-insensitively.  Empty text gives rank 0 (not classified).
 */
int class_level_parse(const struct class_scheme *s, enum dimension d, const char *text, int *rank,
		      struct err *e);
/* The baseline of a rank (0 when unclassified or unknown). */
int class_baseline(const struct class_scheme *s, enum dimension d, int rank);

/* Writes a level row whole (insert assigns l->id), journaled as `kind`. */
int class_level_put(struct tx *tx, struct class_level *l, const char *retired_on, int insert,
		    const char *kind, struct err *e);

/*
 * Replaces the scheme with the levels of a file (docs/assets.md): columns
 * 観点, 順位, 表示, 基準区分 (the R2.12 baseline), 基準, 取扱制限, 移行元 (the
 * current labels that become this level).  Only the dimensions the file lists
 * change.  Every current level of such a dimension must be mapped exactly
 * once; old levels are retired (kept, dated) and every asset is re-ranked in
 * the same transaction, each change journaled.  Messages name line and column.
 */
struct class_change_result {
	int levels_added, levels_retired;
	long long assets_changed;
};

int class_scheme_import(struct tx *tx, const char *path, struct class_change_result *res,
			struct err *e);

#endif
