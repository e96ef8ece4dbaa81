/*
 * backup.h — `mamori backup` and `mamori restore`.
 *
 * Two formats, told apart by their first bytes, never by the file name:
 *
 *  - a SQLite file (SQLite databases, by default): a page-for-page copy of
 *    the live database, taken with SQLite's online backup API;
 *  - mamori's portable dump (PostgreSQL databases, or any database when the
 *    path ends in ".mamori-dump"): UTF-8 text, one JSON object per row:
 *
 *        MAMORI-DUMP 1 <schema version>
 *        {"t":"<table>","r":{"<column>":<value>,…}}
 *        …
 *        END <number of row lines>
 *
 *    Values are JSON strings, null, or numbers for integer columns (id,
 *    *_id, seq).  The END line makes a truncated file detectable.
 *
 * A backup is written to "<path>.tmp" and renamed into place once complete,
 * so `path` never holds a half-written backup.  Backups hold personal data
 * and are created mode 0600.  The signing key (checkpoint.h) is copied beside
 * the backup as "<path>.key" (0600), because the journal's checkpoints cannot
 * be verified without it.
 *
 * A restore goes into an empty, migrated database, in one transaction, and
 * commits only when `verify` passes on the restored rows.  When the target
 * has no key file yet, "<path>.key" is copied into place first.
 */
#ifndef MAMORI_BACKUP_H
#define MAMORI_BACKUP_H

#include "store/db.h"

/* What a backup or restore carried, for the user's confirmation. */
struct backup_stats {
	long long rows;    /* table rows, all tables (restore: meta not included) */
	long long entries; /* journal entries among them */
	int key_copied;    /* backup: "<path>.key" written; restore: key put in place */
};

int backup_write_stats(struct db *db, const char *path, struct backup_stats *stats,
		       struct err *e);

int backup_restore(struct db *db, const char *path, struct err *e);
int backup_restore_stats(struct db *db, const char *path, struct backup_stats *stats,
			 struct err *e);

#endif
