/*
 * ooxml_sanitize.h — the OOXML side of `sanitize file` beyond the one entry
 * point in sanitize_file.h: which kinds of package are known, and telling
 * a package's kind from its bytes (used by file_type.c).
 */
#ifndef MAMORI_OOXML_SANITIZE_H
#define MAMORI_OOXML_SANITIZE_H

#include <stddef.h>

#include "util/err.h"

enum ooxml_family { OOXML_WORD = 1, OOXML_EXCEL, OOXML_POWERPOINT };

/* A main part's content type and what it means. */
struct ooxml_main_type {
	const char *ctype;
	enum ooxml_family family;
	int macro;         /* the macro-enabled variant (docm, xlsm, pptm …) */
	const char *plain; /* the content type the cleaned package gets */
	const char *ext;   /* its usual extension: "docx", "xlsm" … */
	const char *clean_ext; /* the extension of the cleaned package */
	const char *mime;  /* the file's registered MIME type */
};

/* The entry for ctype (ASCII case-insensitive), or NULL when mamori does not
   handle that kind (binary .xlsb, add-ins, unknown). */
const struct ooxml_main_type *ooxml_main_type(const char *ctype);

/*
 * Reads [Content_Types].xml and _rels/.rels of a ZIP: 0 with *t set for a
 * package mamori handles; 1 when the ZIP is not OOXML at all (no
 * [Content_Types].xml); -1 with e set when it is broken, encrypted, or an
 * OOXML kind mamori does not handle.
 */
int ooxml_identify(const unsigned char *in, size_t len, const struct ooxml_main_type **t,
		   struct err *e);

#endif
