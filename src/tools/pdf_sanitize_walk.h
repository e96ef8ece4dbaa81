/*
 * pdf_sanitize_walk.h — the object walk behind pdf_sanitize (pdf_sanitize.c
 * reads and writes the file; this part decides what in it may act).
 *
 * Every object reachable from the trailer is visited once, whatever its
 * place in the document, so an action hidden in an odd spot is found the
 * same way as one in the usual place; then every other object id is looked
 * at too, so the report also names code in objects nothing refers to (qpdf
 * does not write those).  A first pass only marks what the trailer reaches,
 * so what the cleaning itself cuts loose is not reported twice.  Only plain GoTo actions (a jump inside the
 * document) survive: see docs/sanitize.md "### PDF" for the full list.
 */
#ifndef MAMORI_PDF_SANITIZE_WALK_H
#define MAMORI_PDF_SANITIZE_WALK_H

#include <qpdf/qpdf-c.h>

#include "tools/sanitize.h"

/* Removes active content from the open document q, adding one report item
   per removal to r.  Returns 0, or -1 when qpdf failed while reading the
   objects (the error stays in q for the caller to word). */
int pdf_walk_sanitize(qpdf_data q, size_t input_len, struct san_report *r);

#endif
