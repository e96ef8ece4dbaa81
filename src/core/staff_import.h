/*
 * staff_import.h — bringing the HR system's export into mamori.
 *
 * Reads .csv (UTF-8 or CP932, detected) or .xlsx with a header row of
 * Japanese column names (docs/staff-import.md lists them and their other
 * accepted spellings).  Rows are matched by 職員番号: new numbers are added,
 * known ones updated, a changed 所属 is recorded as a transfer (異動).  With
 * `full`, the file is the whole roster and anyone in office who is missing
 * from it is given a 離任日.  Everything happens in one transaction: any bad
 * row (named by file, line and column) writes nothing.  A dry run does all
 * the work and then rolls back, so its diff is exactly what would happen.
 */
#ifndef MAMORI_STAFF_IMPORT_H
#define MAMORI_STAFF_IMPORT_H

#include "store/db.h"
#include "util/buf.h"

struct staff_import_opts {
	int full;         /* the file lists every current staff member */
	const char *date; /* date of transfers and retirements; default today */
	int dry_run;
};

struct staff_import_result {
	long long rows;
	long long added, changed, transferred, retired, rehired, unchanged;
	struct buf diff;     /* one line per change (dry runs only) */
	struct buf warnings; /* ignored columns, roles held by people who left … */
};

int staff_import(struct db *db, const char *actor, const char *path,
		 const struct staff_import_opts *opts, struct staff_import_result *res,
		 struct err *e);
void staff_import_result_free(struct staff_import_result *r);

#endif
