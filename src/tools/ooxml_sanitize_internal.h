/*
 * ooxml_sanitize_internal.h — what the ooxml_sanitize*.c files share: the
 * package read into memory (parts, content types, relationships) and the
 * passes over it.
 */
#ifndef MAMORI_OOXML_SANITIZE_INTERNAL_H
#define MAMORI_OOXML_SANITIZE_INTERNAL_H

#include <libxml/tree.h>
#include <stddef.h>

#include "tools/ooxml_sanitize.h"
#include "tools/sanitize_file.h"

/* Bounds (docs/sanitize.md): a package past them is refused, not cut. */
#define OX_MAX_ENTRIES 10000
#define OX_MAX_PART ((size_t)200 << 20)  /* one part, expanded */
#define OX_MAX_TOTAL ((size_t)512 << 20) /* all parts, expanded */
#define OX_MAX_RATIO 200                 /* expansion of a part over 1 MiB */
#define OX_MAX_DOM ((size_t)64 << 20)    /* an XML part read into a tree */

struct ox_part {
	char *name;          /* as in the ZIP, no leading "/" */
	unsigned char *data;
	size_t len;
	char *ctype;         /* effective content type, "" when none */
	int removed;
	xmlDoc *doc;         /* parsed on demand; serialised again when dirty */
	int dirty;
};

struct ox_rel {
	char *id, *type, *target;
	int external;
	long part;           /* the part it points at; -1 when external or missing */
	int removed;
	const char *what;    /* why removed: report id */
};

/* The relationships of one source (a part, or the package itself). */
struct ox_rels {
	long source;         /* part index; -1 for the package (_rels/.rels) */
	long rels_part;      /* the .rels part */
	struct ox_rel *v;
	size_t n;
};

struct ox_pkg {
	struct ox_part *parts;
	size_t nparts;
	struct ox_rels *rels;
	size_t nrels;
	long types_part;
	long main_part;
	const struct ooxml_main_type *main_type;
	struct san_report *r;
	struct err *e;
};

/* ooxml_sanitize_pkg.c */
int ox_read(struct ox_pkg *p, const unsigned char *in, size_t len);
void ox_free(struct ox_pkg *p);
long ox_find(const struct ox_pkg *p, const char *name);
/* The part's tree (parsed now if need be); NULL with p->e set on failure. */
xmlDoc *ox_doc(struct ox_pkg *p, long part);
int ox_load_types(struct ox_pkg *p);
void ox_fix_types(struct ox_pkg *p);
int ox_write(struct ox_pkg *p, struct buf *out);
int ox_fail(struct ox_pkg *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ox_removed(struct ox_pkg *p, const char *what, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ooxml_sanitize_rels.c */
int ox_load_rels(struct ox_pkg *p);
int ox_find_main(struct ox_pkg *p);
void ox_classify(struct ox_pkg *p);
int ox_drop_references(struct ox_pkg *p);
int ox_rewrite_rels(struct ox_pkg *p);

/* ooxml_sanitize_fields.c — Word: DDE and external-content fields */
int ox_word_fields(struct ox_pkg *p);

/* ooxml_sanitize_content.c — Excel formulas and names, PowerPoint actions */
int ox_excel_formulas(struct ox_pkg *p);
int ox_powerpoint_actions(struct ox_pkg *p);

/* Text from the document as shown in a report: one line, at most about 80
   bytes, never cut inside a UTF-8 character. */
#define OX_CLIP 96
void ox_clip(const char *s, char out[OX_CLIP]);

/* XML helpers */
int ox_is(const xmlNode *n, const char *local);
char *ox_attr(const xmlNode *n, const char *local); /* un-namespaced; malloc'd or NULL */
void ox_unlink(xmlNode *n);
/* Appends to *v (xrealloc'd, *nv items) the elements among n, its
   siblings and their descendants for which want says yes, in document
   order; with inside 0 the search does not go into an element collected. */
void ox_collect(xmlNode *n, int (*want)(const xmlNode *), int inside, xmlNode ***v, size_t *nv);
int ox_is_rel_ns(const xmlNs *ns);

#endif
