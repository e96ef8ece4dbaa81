/*
 * policy_pdf.h — a policy document as a print-ready A4 PDF (cairo + pango).
 *
 * The layout follows Japanese 例規 conventions: the title centred on the
 * first page, 第N章 and 第N節 headings in a Gothic face, each article as a
 * caption line "（見出し）" over "第3条　本文…", items indented by depth with
 * wrapped lines aligned after their label, body text in a Mincho face at
 * 10.5 pt on a fixed line pitch.  Every page carries "- N -" at its foot and,
 * for an internal edition (d->confidential), "非公開　庁内限り" at its top right.
 * docs/policy-pdf.md describes the layout decisions and the font fallback.
 *
 * The same document renders to the same bytes every time: the PDF's
 * creation date is a fixed value, not the clock.
 */
#ifndef MAMORI_POLICY_PDF_H
#define MAMORI_POLICY_PDF_H

#include <pango/pango.h>

#include "core/policy_doc.h"
#include "util/buf.h"
#include "util/err.h"

/* Renders d and appends the PDF bytes to out.  Returns 0, or fills e and
 * returns ERR_IO (no installed font covers Japanese text; cairo failed) or
 * ERR_INPUT (a block's text is not UTF-8); out is untouched on failure. */
int policy_pdf_write(const struct pdoc *d, struct buf *out, struct err *e);

/* 0 when the fonts fd resolves to in ctx (fallback included) draw Japanese;
 * otherwise ERR_IO saying which fonts to install.  Every PDF mamori writes
 * asks this first, so a machine without a CJK font gets that advice instead
 * of a document of empty boxes. */
int pdf_require_japanese_font(PangoContext *ctx, const PangoFontDescription *fd, struct err *e);

#endif
