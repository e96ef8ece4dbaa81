/*
 * schema.h — mamori's tables: numbered migrations, and the registry of the
 * domain tables that the journal records and `verify` rebuilds.
 *
 * A migration is applied once, in order, at open; the database records the
 * highest one applied in meta('schema_version').  An old database always opens
 * in a newer binary.  A database from a newer binary is refused rather than
 * misread.
 */
#ifndef MAMORI_SCHEMA_H
#define MAMORI_SCHEMA_H

#include "store/db.h"

enum col_type { COL_INT, COL_TEXT };

struct table_column {
	const char *name;
	enum col_type type;
	const char *json_key; /* "\"name\":", precomputed for the journal's hot path */
};

/*
 * A journaled domain table.  Every row has an integer primary key `id`, and
 * its journal subject is "<table>/<id>".  `columns` are the journaled columns
 * in byte order of their names, which is the key order of canonical JSON.
 * Columns derived from others (search keys) are not listed: they are not
 * state, and verify does not compare them.
 */
struct table_def {
	const char *name;
	const struct table_column *columns;
	int ncolumns;
};

extern const struct table_def schema_tables[];
extern const int schema_ntables;

const struct table_def *schema_table(const char *name);

/* The schema version this binary writes. */
int schema_latest_version(void);
/* Reads the database's version (0 for a new, empty database). */
int schema_version(struct db *db, int *version, struct err *e);
/* Applies pending migrations inside one transaction each. */
int schema_migrate(struct db *db, struct err *e);

#endif
