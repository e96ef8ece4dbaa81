/*
 * catalog.h — the guideline as data (DESIGN.md "The catalog").
 *
 * the catalog/ files (one file per chapter, the 基本方針 first) are embedded in
 * the binary at build time (Makefile: catalog_blob.S) and parsed on demand.
 * Each entry is one clause of the 基本方針 or 対策基準 例文, in our own words:
 * id (contract clause id), where it sits, title and statement, strength,
 * the roles that hold / are reported to / permit / approve, conditions,
 * records, self-inspection questions per role and key terms (docs/catalog.md).
 */
#ifndef MAMORI_CATALOG_H
#define MAMORI_CATALOG_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/err.h"

struct catalog_entry {
	const char *id;        /* "2.2.8.2", "P6.3" */
	const char *ref;       /* as the guideline numbers it: "2(2)⑧(イ)" */
	const char *part;      /* "basic" (基本方針) or "standard" (対策基準) */
	const char *chapter, *section, *group; /* headings; section/group may be NULL */
	const char *title, *statement;
	const char *policy;    /* the policy's own wording with {self}, {post:ROLE},
				  {param:KEY} to fill from the profile; NULL = use statement */
	const char *strength;  /* "must", "recommended", "desirable" */
	const char *area;
	int matrix;            /* a row of the 権限・責任等一覧表 */
	const cJSON *json;     /* the whole entry, for the list fields */
};

struct catalog {
	cJSON **docs;
	size_t ndocs;
	struct catalog_entry *v; /* document order */
	size_t n;
};

/* The four role columns of an entry, in this order. */
enum catalog_mark { MARK_HOLDS, MARK_REPORTED, MARK_PERMITS, MARK_APPROVES, NMARKS };
extern const char *const catalog_mark_key[NMARKS];   /* "holds", … */
extern const char *const catalog_mark_label[NMARKS]; /* "○", "△", "許", "承" */

/* Parses and checks the embedded catalog; an error means a broken build. */
int catalog_load(struct catalog *c, struct err *e);
void catalog_free(struct catalog *c);
const struct catalog_entry *catalog_find(const struct catalog *c, const char *id);
/* A clause id of the contract: "P" digits or a digit, then ".n" levels. */
int catalog_id_valid(const char *id);
/* Japanese label of a strength: 必須 / 推奨事項 / 望ましい. */
const char *catalog_strength_label(const char *strength);
/* The string items of one of the entry's arrays ("conditions", "terms", …,
 * or a role column via catalog_mark_key) joined with sep; caller frees. */
char *catalog_join(const struct catalog_entry *en, const char *key, const char *sep);

#endif
