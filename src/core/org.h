/*
 * org.h — the municipality and its organisation tree (guideline chapter 1).
 *
 * Units form a tree: 部局 (and 行政委員会, 議会事務局, 消防本部, 地方公営企業)
 * at the top, 課室 and 出先機関 below them, 係 below those.  A unit is never
 * deleted: it is closed at a date, and its history stays in the journal.
 */
#ifndef MAMORI_ORG_H
#define MAMORI_ORG_H

#include <stddef.h>

#include "store/tx.h"

struct municipality {
	char *name;
	char *kind; /* vocab_municipality_kind id */
	char *code; /* 全国地方公共団体コード, optional */
};

int municipality_get(struct db *db, struct municipality *m, int *found, struct err *e);
/* Creates the municipality row (once).  kind may be a label such as 市. */
int municipality_create(struct tx *tx, const char *name, const char *kind, const char *code,
			struct err *e);
void municipality_free(struct municipality *m);

struct org_unit {
	long long id;
	char *code;
	char *name;
	char *kind; /* vocab_unit_kind id */
	long long parent_id; /* 0 for a top-level unit */
	char *opened_on;
	char *closed_on;
};

struct org_units {
	size_t n;
	struct org_unit *v; /* ordered by id */
};

int org_units_load(struct db *db, struct org_units *u, struct err *e);
void org_units_free(struct org_units *u);
const struct org_unit *org_unit_by_id(const struct org_units *u, long long id);
const struct org_unit *org_unit_by_code(const struct org_units *u, const char *code);
/*
 * Finds a unit by code, or by name when the name is unique (compared after
 * NFKC folding).  The message says what to do when the name is ambiguous.
 */
int org_unit_resolve(const struct org_units *u, const char *text, const struct org_unit **out,
		     struct err *e);
int org_unit_tier(const struct org_unit *unit);
int org_unit_is_open(const struct org_unit *unit);
/* Whether unit `id` is `ancestor` or lies below it. */
int org_unit_within(const struct org_units *u, long long id, long long ancestor);
/* The nearest unit of `tier` at or above `id`, or NULL. */
const struct org_unit *org_unit_up_to_tier(const struct org_units *u, long long id, int tier);
/* "総務部 > 総務課" */
char *org_unit_path(const struct org_units *u, long long id);

struct org_unit_input {
	const char *code;
	const char *name;
	const char *kind;   /* id or label */
	const char *parent; /* code or unique name; NULL for top level */
	const char *opened_on;
};

int org_unit_add(struct tx *tx, const struct org_unit_input *in, long long *id, struct err *e);
/* Closes a unit at a date; refused while it has open sub-units or current staff. */
int org_unit_close(struct tx *tx, const char *code, const char *date, struct err *e);

#endif
