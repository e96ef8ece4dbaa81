/*
 * cli_doc.h — writing a rendered document (core/policy_doc.h) where a
 * command's -o option says, or to standard output.
 */
#ifndef MAMORI_CLI_DOC_H
#define MAMORI_CLI_DOC_H

#include "cli/cli.h"
#include "core/policy_doc.h"

/* Renders d as FMT_HTML, FMT_PDF or (any other format) Markdown, frees d,
 * and writes the bytes to path (durably) or, when path is NULL, to stdout. */
int cli_doc_output(struct pdoc *d, enum out_format f, const char *path, struct err *e);

#endif
