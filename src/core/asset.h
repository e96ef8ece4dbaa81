/*
 * asset.h — the information asset register (情報資産台帳, guideline 2.(2)).
 *
 * An asset belongs to a 課 (所管課) and has one 情報セキュリティ管理者
 * (manager).  Its classification is a rank per dimension in the municipality's
 * scheme (classification.h); 0 means not yet classified.  A copy names its
 * source (source_id), and information kept on a medium names that medium
 * (container_id), so the copy and high-water rules can be checked.  Disposed
 * assets stay in the register with state disposed.
 */
#ifndef MAMORI_ASSET_H
#define MAMORI_ASSET_H

#include <stddef.h>

#include "core/classification.h"

struct asset {
	long long id;
	char *asset_no;  /* 資産番号 */
	char *name;
	char *type;      /* vocab_asset_type id */
	long long unit_id;
	long long manager_id; /* staff id, 0 when none */
	char *scope;     /* 利用範囲 */
	char *location;  /* 保管・設置場所 */
	char *medium;    /* vocab_medium id */
	long long system_id;
	char *zone;      /* vocab_zone id */
	int level[NDIMENSIONS]; /* ranks; 0 = not classified */
	char *personal;  /* vocab_personal id */
	char *retention; /* 保存期間 */
	char *origin;    /* vocab_origin id */
	long long source_id;
	long long container_id;
	char *state;     /* vocab_asset_state id */
	char *note;
};

struct asset_list {
	size_t n;
	struct asset *v; /* ordered by id */
};

void asset_free(struct asset *a);
void asset_list_free(struct asset_list *l);
int asset_load(struct db *db, struct asset_list *out, struct err *e);
/* One asset from a row whose columns are in asset_load's order (id, asset_no … note). */
void asset_read_row(struct db_stmt *st, struct asset *a);
const struct asset *asset_by_id(const struct asset_list *l, long long id);
/* One asset by 資産番号 (or by id when asset_no is NULL); *found = 0 if none. */
int asset_find(struct db *db, const char *asset_no, long long id, struct asset *out, int *found,
	       struct err *e);

/*
 * Checks an asset's own fields and normalises vocabulary values to their ids
 * (defaults: medium electronic, personal none, origin internal, state in_use).
 * On error *field names the offending field (Japanese column name).
 */
int asset_validate(struct asset *a, const char **field, struct err *e);
/* Whether every stored field of a and b is the same (an edit that changes nothing). */
int asset_same(const struct asset *a, const struct asset *b);
/* Inserts (assigning a->id) or rewrites the whole row, journaled as `kind`. */
int asset_put(struct tx *tx, struct asset *a, int insert, const char *kind, struct err *e);

/* 表示 (2.2.2): "機密性2・完全性2・可用性1"; "未分類" for unclassified dimensions. */
char *asset_label(const struct class_scheme *s, const struct asset *a);
/* The 取扱制限 that apply: the union of each level's lines, without repeats. */
char *asset_handling(const struct class_scheme *s, const struct asset *a);

#endif
