/*
 * pdoc_format.h — one document (policy_doc.h) written in the format a
 * report command was asked for, by name: the audit and self-inspection
 * reports share it so "pdf", "html" and the Markdown default mean the same.
 */
#ifndef MAMORI_PDOC_FORMAT_H
#define MAMORI_PDOC_FORMAT_H

#include "core/policy_doc.h"
#include "util/buf.h"
#include "util/err.h"

/* "pdf" → PDF, "html" → HTML page, anything else → Markdown.  Only the PDF
 * writer can fail (it returns e->code then); the others always return 0. */
int pdoc_write_format(const struct pdoc *d, const char *format, struct buf *out, struct err *e);

#endif
