/*
 * backup_internal.h — shared by backup_common.c, backup_write.c and
 * restore.c (backup.h is the public interface).
 */
#ifndef MAMORI_BACKUP_INTERNAL_H
#define MAMORI_BACKUP_INTERNAL_H

#include <stdio.h>

#include "store/backup.h"

#define DUMP_MAGIC "MAMORI-DUMP"
#define DUMP_FORMAT 1
#define DUMP_SUFFIX ".mamori-dump"
#define SQLITE_HEADER "SQLite format 3" /* and its NUL: 16 bytes */
#define SQLITE_HEADER_LEN 16
#define MAX_COLUMNS 64
/* Integers up to this many digits survive a JSON reader that uses doubles. */
#define MAX_JSON_INT_DIGITS 15

/* The tables a backup holds, in dump order, which is also an order in which
 * every foreign key points at a table already restored. */
struct backup_table {
	const char *name;
	const char *pk;
	const char *self_ref; /* column referring to this table's own id, or NULL */
};

extern const struct backup_table backup_tables[];
extern const int backup_ntables;
#define NTABLES backup_ntables
#define META 0 /* meta comes first; the target keeps its own */

int backup_table_index(const char *name);
int backup_check_registry(struct err *e);
int backup_is_int_column(const char *name);
int backup_is_plain_int(const char *s);
int backup_bind_value(struct db_stmt *st, int idx, const char *column, const char *value);

/* Files: written to a scratch name, synced, then renamed into place. */
char *backup_path_with(const char *path, const char *suffix);
void backup_remove_scratch(const char *path);
int backup_copy_into(const char *src, int out, const char *dst, struct err *e);
int backup_save_key(struct db *db, const char *path, struct backup_stats *stats,
		    struct err *e);
int backup_install_key(struct db *db, const char *path, char **installed, struct err *e);

#endif
