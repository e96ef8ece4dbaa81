/*
 * cli_doc.c — one output path for the commands that print documents
 * (cli_doc.h), so that -o and stdout behave alike for each of them.
 */
#include "cli/cli_doc.h"

#include "core/policy_pdf.h"
#include "core/policy_write.h"
#include "util/buf.h"
#include "util/durable.h"

int cli_doc_output(struct pdoc *d, enum out_format f, const char *path, struct err *e)
{
	struct buf out = BUF_INIT;
	int rc = 0;
	if (f == FMT_HTML)
		policy_write_html(d, &out);
	else if (f == FMT_PDF)
		rc = policy_pdf_write(d, &out, e);
	else
		policy_write_md(d, &out);
	pdoc_free(d);
	if (!rc && path)
		rc = durable_write_file(path, out.data, out.len, e);
	else if (!rc)
		cli_write(&out);
	buf_free(&out);
	return rc;
}
