/*
 * policy_split.h — a municipality's policy document as a tree of passages.
 *
 * Real policies number things in many ways, and renumber them at every
 * revision: chapters and sections (第2章, 第3節), articles (第12条, 第十二条,
 * 第１２条の２) with their caption in parentheses on the line before
 * ("（目的）") or right after the number, paragraphs (２, ３ …, the 項 of
 * legal drafting), items ((1) （１） 1. １． 1) ① 一 ア （ア） (ア) ・ …), the
 * guideline's own outline ("1．組織体制", "4.1", "(1)", "①", "(ア)"),
 * Markdown headings, and the automatic numbering of Word and HTML lists,
 * which leaves no number in the text at all.
 *
 * The splitter does not need to know a document's scheme in advance.  Chapter,
 * section and article are fixed ranks; every other kind of marker is placed by
 * an outline stack: a marker of a style already open above is its sibling (the
 * deeper ones are closed), a new style opens a level below the current one.
 * That reads "(1) … ア … (2)" and "1．… (1) … ① … 2．" alike.  Unnumbered
 * paragraphs belong to the passage they follow; in a plain-text file, lines
 * that break a sentence in the middle are joined first.
 *
 * Each passage keeps the path a reader would cite ("第12条第2項(3)",
 * "6.1(14)①") and its text as written, for evidence.
 */
#ifndef MAMORI_POLICY_SPLIT_H
#define MAMORI_POLICY_SPLIT_H

#include <stddef.h>

#include "util/doctext.h"
#include "util/err.h"

enum ps_kind {
	PS_HEADING, /* 編, 章, 節, 款, a Markdown heading */
	PS_ARTICLE, /* 第N条 */
	PS_ITEM,    /* a numbered paragraph or item at any depth (項, 号, (1), ア …) */
	PS_TEXT,    /* an unnumbered paragraph, under the passage it follows */
};

struct ps_node {
	enum ps_kind kind;
	int parent;    /* index into the list, -1 at the top */
	int depth;     /* 0 at the top */
	char *label;   /* the number as cited: "第12条", "第2項", "(3)", "ア", "4.1"; "" if none */
	char *caption; /* a heading's title, an article's "（目的）" without brackets, an
			* item whose line is only a short name ("①管理責任"); "" if none */
	char *text;    /* the body as written (marker and caption removed); "" if none */
	char *path;    /* "第12条第2項(3)", "6.1(14)①", or "12行目" where nothing is numbered */
	long where;    /* source line or paragraph (doctext.h) */
};

struct policy_doc {
	struct ps_node *v; /* document order; a parent comes before its children */
	size_t n, cap;
};

/* Splits the paragraphs of a document.  Fails only on a document with no
 * text at all (ERR_INPUT naming `name`). */
int policy_split(const char *name, const struct doctext *d, struct policy_doc *out,
		 struct err *e);
void policy_doc_free(struct policy_doc *p);

#endif
