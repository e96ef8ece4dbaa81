/*
 * private_tmp.h — a directory only the server's user can enter (0700), for
 * files that pass through the server: an export being built, an upload
 * waiting for its confirmation.  A register is not for other local users.
 */
#ifndef MAMORI_WEB_PRIVATE_TMP_H
#define MAMORI_WEB_PRIVATE_TMP_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Makes a new directory "$TMPDIR/mamori-<what>.XXXXXX"; *dir is allocated. */
int private_tmp_make(const char *what, char **dir, struct err *e);
/* Removes the directory and the plain files in it (nothing deeper is made). */
void private_tmp_remove(const char *dir);
/* Appends the whole file to b. */
int private_tmp_read(const char *path, struct buf *b, struct err *e);

/* Writes a file at path from arg (a writer that takes a path, such as an
 * .xlsx one). */
typedef int (*private_tmp_writer)(const void *arg, const char *path, struct err *e);
/*
 * Has write put the file "name" in a new private directory (what as for
 * private_tmp_make), appends that file to out and removes the directory
 * whatever happened.
 */
int private_tmp_bytes(const char *what, const char *name, private_tmp_writer write, const void *arg,
		      struct buf *out, struct err *e);

#endif
