/*
 * policy_write.h — laying a policy document (policy_doc.h) out as Markdown
 * or as one self-contained HTML page (the PDF writer is policy_pdf.h).
 */
#ifndef MAMORI_POLICY_WRITE_H
#define MAMORI_POLICY_WRITE_H

#include "core/policy_doc.h"
#include "util/buf.h"

void policy_write_md(const struct pdoc *d, struct buf *out);
void policy_write_html(const struct pdoc *d, struct buf *out);
/* Only the blocks (h2…h4 and p elements), to embed the document in a page. */
void policy_write_html_blocks(const struct pdoc *d, struct buf *out);

#endif
