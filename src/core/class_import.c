/*
 * class_import.c — changing the classification scheme with an explicit map
 * from the old levels to the new ones (for example 機密性3 → 3A/3B/3C is a
 * split a municipality decides per asset later; here the map says which new
 * level each old one becomes now).
 */
#include <stdlib.h>
#include <string.h>

#include "core/asset.h"
#include "core/classification.h"
#include "util/buf.h"
#include "util/fold.h"
#include "util/sheet.h"
#include "util/timeutil.h"

enum col { C_DIM, C_RANK, C_LABEL, C_BASE, C_CRITERIA, C_HANDLING, C_FROM, NCOLS };

static const char *const col_names[NCOLS] = {"観点", "順位", "表示", "基準区分", "基準", "取扱制限", "移行元"};

struct new_level {
	enum dimension dim;
	int rank, baseline;
	const char *label, *criteria, *from;
	char *handling; /* '／' turned into line breaks */
	long line;
};

static int map_columns(const char *file, const struct sheet_row *hdr, int *col, struct err *e)
{
	for (int c = 0; c < NCOLS; c++)
		col[c] = -1;
	for (size_t i = 0; i < hdr->ncells; i++) {
		char *h = fold_key(hdr->cells[i]);
		for (int c = 0; c < NCOLS; c++) {
			char *want = fold_key(col_names[c]);
			if (strcmp(h, want) == 0)
				col[c] = (int)i;
			free(want);
		}
		free(h);
	}
	for (int c = 0; c < NCOLS; c++)
		if (col[c] < 0 && c != C_CRITERIA && c != C_HANDLING)
			return err_set(e, ERR_INPUT, "%s %ld行目: 必須の列「%s」がありません", file, hdr->line, col_names[c]);
	return 0;
}

static const char *cell(const struct sheet_row *r, int col)
{
	return col >= 0 && (size_t)col < r->ncells ? r->cells[col] : "";
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static char *handling_lines(const char *s)
{
	struct buf b = BUF_INIT;
	for (const char *p = s; *p;) {
		if (strncmp(p, "／", 3) == 0) {
			buf_putc(&b, '\n');
			p += 3;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_take(&b);
}

static int read_level(const char *file, const struct sheet_row *r, const int *col,
		      struct new_level *l, struct err *e)
{
	const char *dim = cell(r, col[C_DIM]);
	int d = -1;
	for (int i = 0; i < NDIMENSIONS; i++)
		if (strcmp(dim, dimension_label((enum dimension)i)) == 0 || strcmp(dim, dimension_id((enum dimension)i)) == 0)
			d = i;
	if (d < 0)
		return err_set(e, ERR_INPUT, "%s %ld行目「観点」: 「%s」は機密性・完全性・可用性のいずれかです", file, r->line, dim);
	memset(l, 0, sizeof *l);
	l->dim = (enum dimension)d;
	l->line = r->line;
	if (parse_int(cell(r, col[C_RANK]), 1, 99, &l->rank))
		return err_set(e, ERR_INPUT, "%s %ld行目「順位」: 1 以上の整数で指定してください", file, r->line);
	if (parse_int(cell(r, col[C_BASE]), 1, d == DIM_C ? 3 : 2, &l->baseline))
		return err_set(e, ERR_INPUT, "%s %ld行目「基準区分」: %s は 1〜%d で指定してください", file, r->line,
			       dimension_label(l->dim), d == DIM_C ? 3 : 2);
	l->label = cell(r, col[C_LABEL]);
	if (!*l->label)
		return err_set(e, ERR_INPUT, "%s %ld行目「表示」が空です", file, r->line);
	l->criteria = cell(r, col[C_CRITERIA]);
	l->handling = handling_lines(cell(r, col[C_HANDLING]));
	l->from = cell(r, col[C_FROM]);
	return 0;
}

/* Length of a separator at p in 移行元 (",", " ", "・", "、"), or 0. */
static size_t separator_at(const char *p)
{
	if (*p == ',' || *p == ' ')
		return 1;
	if (strncmp(p, "・", 3) == 0 || strncmp(p, "、", 3) == 0)
		return 3;
	return 0;
}

/* Whether 移行元 ("機密性3・3A, 2") names the current level old_label. */
static int maps_old(const struct new_level *l, const char *old_label, const char *dim_label)
{
	const char *p = l->from;
	while (*p) {
		size_t sep = separator_at(p);
		if (sep) {
			p += sep;
			continue;
		}
		const char *start = p;
		while (*p && !separator_at(p))
			p++;
		char *tok = xstrndup(start, (size_t)(p - start));
		char *with_dim = xasprintf("%s%s", dim_label, tok);
		int hit = strcmp(tok, old_label) == 0 || strcmp(with_dim, old_label) == 0;
		free(tok);
		free(with_dim);
		if (hit)
			return 1;
	}
	return 0;
}

/* old rank → new rank for one dimension; every old level mapped exactly once. */
static int build_map(const char *file, const struct class_scheme *old, enum dimension d,
		     const struct new_level *levels, size_t n, int *map, struct err *e)
{
	for (size_t i = 0; i < old->n[d]; i++) {
		const struct class_level *o = &old->levels[d][i];
		int found = 0;
		for (size_t k = 0; k < n; k++) {
			if (levels[k].dim != d || !maps_old(&levels[k], o->label, dimension_label(d)))
				continue;
			if (found)
				return err_set(e, ERR_INPUT, "%s %ld行目「移行元」: 現在の区分「%s」が2つの区分に移行先として書かれています",
					       file, levels[k].line, o->label);
			found = 1;
			map[o->rank] = levels[k].rank;
		}
		if (!found)
			return err_set(e, ERR_INPUT, "%s: 現在の区分「%s」の移行先がありません（「移行元」列に書いてください）",
				       file, o->label);
	}
	return 0;
}

static int write_levels(struct tx *tx, const struct class_scheme *old, enum dimension d,
			const struct new_level *levels, size_t n, struct class_change_result *res,
			struct err *e)
{
	char today[11];
	time_today(today);
	for (size_t i = 0; i < old->n[d]; i++) {
		struct class_level o = old->levels[d][i];
		if (class_level_put(tx, &o, today, 0, "classification.retire", e))
			return e->code;
		res->levels_retired++;
	}
	for (size_t k = 0; k < n; k++) {
		if (levels[k].dim != d)
			continue;
		struct class_level l = {0, d, levels[k].rank, levels[k].baseline, (char *)levels[k].label,
					(char *)levels[k].criteria, levels[k].handling};
		if (class_level_put(tx, &l, NULL, 1, "classification.add", e))
			return e->code;
		res->levels_added++;
	}
	return 0;
}

static int rerank_assets(struct tx *tx, const int (*map)[100], const int *changing,
			 struct class_change_result *res, struct err *e)
{
	struct asset_list assets;
	if (asset_load(tx->db, &assets, e))
		return e->code;
	int rc = 0;
	for (size_t i = 0; i < assets.n && !rc; i++) {
		struct asset *a = &assets.v[i];
		int changed = 0;
		for (int d = 0; d < NDIMENSIONS; d++) {
			if (!changing[d] || !a->level[d] || a->level[d] >= 100)
				continue;
			int to = map[d][a->level[d]];
			if (to && to != a->level[d]) {
				a->level[d] = to;
				changed = 1;
			}
		}
		if (changed) {
			rc = asset_put(tx, a, 0, "asset.reclassify", e);
			res->assets_changed++;
		}
	}
	asset_list_free(&assets);
	return rc;
}

static int check_unique_ranks(const char *file, const struct new_level *levels, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			if (levels[i].dim == levels[k].dim &&
			    (levels[i].rank == levels[k].rank || strcmp(levels[i].label, levels[k].label) == 0))
				return err_set(e, ERR_INPUT, "%s %ld行目: %sの順位または表示が%ld行目と重複しています", file,
					       levels[k].line, dimension_label(levels[k].dim), levels[i].line);
	return 0;
}

int class_scheme_import(struct tx *tx, const char *path, struct class_change_result *res,
			struct err *e)
{
	struct sheet sh;
	struct class_scheme old = {0};
	int col[NCOLS], changing[NDIMENSIONS] = {0};
	static const int zero_map[100];
	int map[NDIMENSIONS][100];
	memset(res, 0, sizeof *res);
	for (int d = 0; d < NDIMENSIONS; d++)
		memcpy(map[d], zero_map, sizeof zero_map);
	if (sheet_read_file(path, &sh, e))
		return e->code;
	int rc = sh.nrows < 2 ? err_set(e, ERR_INPUT, "%s: 区分の行がありません", path) : 0;
	if (!rc)
		rc = map_columns(path, &sh.rows[0], col, e);
	struct new_level *levels = xcalloc(sh.nrows, sizeof *levels);
	size_t n = 0;
	for (size_t i = 1; !rc && i < sh.nrows; i++) {
		rc = read_level(path, &sh.rows[i], col, &levels[n], e);
		if (!rc)
			changing[levels[n++].dim] = 1;
	}
	if (!rc)
		rc = check_unique_ranks(path, levels, n, e);
	if (!rc)
		rc = class_scheme_ensure_default(tx, e) || class_scheme_load(tx->db, &old, e) ? e->code : 0;
	for (int d = 0; !rc && d < NDIMENSIONS; d++)
		if (changing[d])
			rc = build_map(path, &old, (enum dimension)d, levels, n, map[d], e);
	for (int d = 0; !rc && d < NDIMENSIONS; d++)
		if (changing[d])
			rc = write_levels(tx, &old, (enum dimension)d, levels, n, res, e);
	if (!rc)
		rc = rerank_assets(tx, (const int(*)[100])map, changing, res, e);
	class_scheme_free(&old);
	for (size_t i = 0; i < n; i++)
		free(levels[i].handling);
	free(levels);
	sheet_free(&sh);
	return rc;
}
