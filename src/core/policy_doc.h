/*
 * policy_doc.h — a policy document as a list of blocks, the one shape that
 * every output (Markdown, HTML, PDF) is written from.
 *
 * policy_doc.c builds it from the catalog and the profile (numbered
 * articles, the municipality's own words, adopted 推奨事項 only); the
 * writers never decide content, they only lay it out.
 */
#ifndef MAMORI_POLICY_DOC_H
#define MAMORI_POLICY_DOC_H

#include <stddef.h>

enum pdoc_kind {
	PD_CHAPTER, /* 第1章 組織体制 */
	PD_SECTION, /* 第1節 … (chapters 4–9 of the 対策基準) */
	PD_ARTICLE, /* 第3条（情報資産の管理）: label "第3条", text = the caption */
	PD_PARA,    /* an article's own sentences (no label) */
	PD_ITEM,    /* an item: label "(1)", "①" or "ア", depth 1..3 */
	PD_NOTE,    /* a remark set apart (e.g. 附則, 非公開 notice) */
};

struct pdoc_block {
	enum pdoc_kind kind;
	int depth;          /* PD_ITEM: 1 = (1), 2 = ①, 3 = ア; else 0 */
	char *label;        /* may be NULL */
	char *text;         /* UTF-8, never NULL */
	char *clause;       /* the catalog clause id it came from, or NULL */
};

struct pdoc {
	char *title;        /* 「〇〇市情報セキュリティ基本方針」 */
	char *subtitle;     /* edition and version line, may be NULL */
	int confidential;   /* 1: every page is marked 非公開 (internal edition) */
	size_t n;
	struct pdoc_block *v;
};

/* Appends a block; label may be NULL; strings are copied. */
void pdoc_add(struct pdoc *d, enum pdoc_kind kind, int depth, const char *label, const char *text,
	      const char *clause);
void pdoc_free(struct pdoc *d);

#endif
