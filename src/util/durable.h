/*
 * durable.h — writing files that survive a crash: data written to a scratch
 * name, synced, then renamed into place with the directory synced, so a
 * reader sees the old file or the whole new one, never half.  Used by
 * backups and register exports.
 */
#ifndef MAMORI_DURABLE_H
#define MAMORI_DURABLE_H

#include <stddef.h>

#include "util/err.h"

/* fsync of a file already written and closed. */
int durable_sync(const char *path, struct err *e);
/* fsync of the directory holding path (best effort: some file systems refuse). */
void durable_sync_dir(const char *path);
/* Renames a complete, synced scratch file to its final name, durably. */
int durable_publish(const char *tmp, const char *path, struct err *e);
/*
 * Writes data to a new scratch file (mkstemp: never an existing file, so
 * two writers cannot collide), mode 0600, synced unless sync is 0; *tmp is
 * its malloc'd name, for the caller to publish (rename or link) or unlink.
 * The scratch file goes in dir, or in path's own folder when dir is NULL
 * (so the rename into place cannot cross file systems); errors name path.
 * sync 0 is for batches that are simply run again after a crash.
 */
int durable_write_scratch(const char *path, const char *dir, const void *data, size_t len,
			  int sync, char **tmp, struct err *e);
/* Writes data to path that way (mode 0600: documents may be 非公開). */
int durable_write_file(const char *path, const void *data, size_t len, struct err *e);

#endif
