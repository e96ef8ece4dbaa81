/*
 * catalog_oscal.h — the guideline catalog as an OSCAL 1.1 catalog (JSON), for
 * `mamori catalog export --format oscal` (DESIGN.md "The catalog";
 * docs/catalog.md "OSCAL export" has the mapping).
 *
 * The output is a pure function of the catalog: no clock, no randomness, so
 * two exports of the same catalog are byte-identical and a changed catalog
 * gets a new version and catalog uuid.  tests/oscal validates it against
 * NIST's published catalog JSON schema.
 */
#ifndef MAMORI_CATALOG_OSCAL_H
#define MAMORI_CATALOG_OSCAL_H

#include <stddef.h>

#include "core/catalog.h"
#include "util/buf.h"
#include "util/err.h"

/* The OSCAL release whose catalog schema the output is checked against. */
#define CATALOG_OSCAL_VERSION "1.1.3"

/*
 * Appends the whole OSCAL document ({"catalog":{…}} and a newline) to out.
 * Fails (ERR_INTERNAL, out unchanged) only when a catalog string cannot be an
 * OSCAL property value: empty, or with leading/trailing blanks or a line break.
 */
int catalog_oscal_write(const struct catalog *c, struct buf *out, struct err *e);

/*
 * The OSCAL control id of a clause id: OSCAL ids are XML NCNames and may not
 * start with a digit.  "2.2.8.2" → "c2.2.8.2" (対策基準), "P6.3" → "p6.3"
 * (基本方針).  out must hold strlen(clause_id) + 2 bytes.
 */
void catalog_oscal_control_id(const char *clause_id, char *out, size_t n);

/*
 * A deterministic name-based UUID for name: the first 16 bytes of SHA-256
 * over a mamori prefix and name, with the version 5 and RFC 4122 variant bits
 * set (the schema accepts only versions 4 and 5).  out gets 36 characters and
 * a NUL.
 */
void catalog_oscal_uuid(const char *name, char out[37]);

#endif
