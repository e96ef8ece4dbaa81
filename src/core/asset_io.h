/*
 * asset_io.h — the information asset register (情報資産台帳) as a spreadsheet.
 *
 * Import reads .csv (UTF-8 or CP932, detected) or .xlsx with a header row of
 * Japanese column names (docs/asset-import.md lists them and their other
 * accepted spellings); export writes exactly those template headers, with
 * labels and codes rather than database ids in the cells, so a register
 * exported from one database imports unchanged into another that has the
 * same organisation, staff and systems.
 *
 * Rows are matched by 資産番号: new numbers are added, known ones updated
 * with the columns the file has (absent columns keep their stored values).
 * 複製元 and 格納媒体 name other assets by 資産番号, in the file (before or
 * after the row) or already registered.  Everything happens in one
 * transaction: any bad row, named by file, line and column, writes nothing.
 * A dry run does all the work and rolls back, so its diff is exactly what
 * would happen.
 */
#ifndef MAMORI_ASSET_IO_H
#define MAMORI_ASSET_IO_H

#include "store/db.h"
#include "util/buf.h"

struct asset_import_opts {
	int dry_run;
	/* The file's name in messages instead of path (an upload's own name). */
	const char *name;
	/*
	 * Whether rows of this 所管課 may be written (for a change, the stored
	 * 所管課 too); NULL allows every unit.  A refused row is an error of
	 * that row, so nothing is written.
	 */
	int (*unit_allowed)(long long unit_id, void *arg);
	void *arg;
	/* Keep reading after a bad row so res->errors lists every problem. */
	int collect_errors;
};

struct asset_import_result {
	long long rows;
	long long added, changed, unchanged;
	struct buf diff;     /* one line per change (dry runs only) */
	struct buf warnings; /* ignored columns, managers who have left … */
	struct buf errors;   /* collect_errors: one line per bad row or reference */
	long long nerrors;
};

int asset_import(struct db *db, const char *actor, const char *path,
		 const struct asset_import_opts *opts, struct asset_import_result *res,
		 struct err *e);
void asset_import_result_free(struct asset_import_result *r);

enum asset_export_format { ASSET_EXPORT_CSV, ASSET_EXPORT_XLSX };

/* The format a file name implies (.csv or .xlsx, any case); -1 for neither. */
int asset_export_format_of(const char *path, enum asset_export_format *fmt);
/*
 * Writes the whole register, ordered by id, to path: CSV in UTF-8 with a BOM
 * and CRLF line ends (what Excel opens without asking), or .xlsx.  The file
 * is written as "<path>.tmp" and renamed, so readers never see half of it.
 * *rows tells how many assets were written.
 */
int asset_export_rows(struct db *db, const char *path, enum asset_export_format fmt,
		      long long *rows, struct err *e);
/*
 * The same for the assets with the given ids, in that order (a filtered,
 * sorted list, as the web's download of what the list shows); ids no longer
 * registered are skipped.  The cells are those of asset_export_rows, so the
 * file imports back unchanged.
 */
int asset_export_ids(struct db *db, const char *path, enum asset_export_format fmt,
		     const long long *ids, size_t n, long long *rows, struct err *e);

#endif
