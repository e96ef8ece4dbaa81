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

#endif
