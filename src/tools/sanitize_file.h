/*
 * sanitize_file.h — the parts of `mamori sanitize file` (docs/sanitize.md):
 * one function per format, each writing the cleaned bytes to out and what it
 * removed to the report.  They return 0, or set e and return -1 for input
 * they refuse (nothing usable is in out then).
 */
#ifndef MAMORI_SANITIZE_FILE_H
#define MAMORI_SANITIZE_FILE_H

#include <stddef.h>

#include "tools/sanitize.h"

/* .docx/.docm/.xlsx/.xlsm/.pptx/.pptm: macros, ActiveX, OLE embeddings,
   external links and DDE removed; a macro-enabled type becomes the plain one. */
int ooxml_sanitize(const unsigned char *in, size_t len, struct buf *out, struct san_report *r,
		   struct err *e);

/* PDF: JavaScript, OpenAction, AA, Launch, EmbeddedFiles and XFA removed
   (libqpdf). */
int pdf_sanitize(const unsigned char *in, size_t len, struct buf *out, struct san_report *r,
		 struct err *e);

/* Legacy OLE (.doc/.xls/.ppt): how one with macros is handled. */
enum ole_policy { OLE_REFUSE, OLE_CONVERT };

/*
 * libclamav, when it can be opened at run time.  Returns 0 clean, 1 found
 * (r->virus set), 2 not available (libclamav or its signatures missing; the
 * reason in e), -1 on a scan error.  db_dir NULL means clamav's default.
 */
int clam_scan(const unsigned char *data, size_t len, const char *db_dir, struct san_report *r,
	      struct err *e);

#endif
