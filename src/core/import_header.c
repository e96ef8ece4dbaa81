/*
 * import_header.c — matching the header cells of an imported sheet to the
 * importer's fields.
 */
#include "core/import_header.h"

#include <stdlib.h>
#include <string.h>

#include "util/fold.h"

static int match_field(const char *header, int nfields, import_spelling spelling)
{
	char *h = fold_key(header);
	int found = -1;
	for (int f = 0; f < nfields && found < 0; f++)
		for (int i = 0; spelling(f, i) && found < 0; i++) {
			char *s = fold_key(spelling(f, i));
			if (strcmp(s, h) == 0)
				found = f;
			free(s);
		}
	free(h);
	return found;
}

int import_header_map(const struct sheet_row *hdr, int nfields, import_spelling spelling, const char *file,
		      struct buf *warnings, int *col, struct import_header_dup *dup)
{
	for (int f = 0; f < nfields; f++)
		col[f] = -1;
	for (size_t c = 0; c < hdr->ncells; c++) {
		if (!*hdr->cells[c])
			continue;
		int f = match_field(hdr->cells[c], nfields, spelling);
		if (f < 0) {
			buf_printf(warnings, "%s: 列「%s」は取り込み対象ではないため無視しました\n", file, hdr->cells[c]);
			continue;
		}
		if (col[f] >= 0) {
			dup->field = f;
			dup->first = col[f];
			dup->again = c;
			return 1;
		}
		col[f] = (int)c;
	}
	return 0;
}
