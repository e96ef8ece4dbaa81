/*
 * pdoc_format.c — choosing the writer for a document by format name.
 */
#include "core/pdoc_format.h"

#include <string.h>

#include "core/policy_pdf.h"
#include "core/policy_write.h"

int pdoc_write_format(const struct pdoc *d, const char *format, struct buf *out, struct err *e)
{
	if (strcmp(format, "pdf") == 0)
		return policy_pdf_write(d, out, e);
	if (strcmp(format, "html") == 0)
		policy_write_html(d, out);
	else
		policy_write_md(d, out);
	return 0;
}
