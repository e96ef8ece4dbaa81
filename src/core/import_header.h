/*
 * import_header.h — reading the header row of an imported sheet (職員名簿,
 * 研修の受講記録): which column holds which field, matched on the NFKC-folded
 * spellings each importer accepts.  The importers word their own errors.
 */
#ifndef MAMORI_IMPORT_HEADER_H
#define MAMORI_IMPORT_HEADER_H

#include <stddef.h>

#include "util/buf.h"
#include "util/sheet.h"

/* The i-th accepted spelling of field f; NULL after the last. */
typedef const char *(*import_spelling)(int f, int i);

/* A field the header names twice: in column indexes first and again. */
struct import_header_dup {
	int field;
	int first;
	size_t again;
};

/*
 * Fills col[0..nfields) with each field's column index (-1 when absent) and
 * notes each column it does not know in warnings as "<file>: 列「…」は…無視".
 * Returns 0, or 1 with *dup filled when a field has two columns.
 */
int import_header_map(const struct sheet_row *hdr, int nfields, import_spelling spelling, const char *file,
		      struct buf *warnings, int *col, struct import_header_dup *dup);

#endif
