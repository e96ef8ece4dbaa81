/*
 * fdio.h — whole reads and writes on file descriptors.  Reading takes all
 * that is left in a file, a pipe or standard input into memory, with a limit
 * so that a huge or endless input is refused instead of exhausting memory;
 * writing retries until every byte is out.  The readers of inputs to
 * sanitise, firewall dumps and converted documents share them, and so do
 * the writers of durable files.
 */
#ifndef MAMORI_FDIO_H
#define MAMORI_FDIO_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Appends what fd holds to b (NUL-terminated), retrying interrupted reads;
 * a regular file of at most max bytes is read into one allocation of its
 * size.  Returns 0; 1 as soon as b holds more than max bytes; -1 on a read
 * error, with errno set.  b is left for the caller to free either way.
 */
int fd_read_all(int fd, size_t max, struct buf *b);
/* The same for the file at path, opened and closed here; -1 with errno set
   also when it cannot be opened. */
int fd_read_path(const char *path, size_t max, struct buf *b);
/* Writes all of data to fd, retrying interrupted and short writes; 0, or
   -1 with errno set. */
int fd_write_all(int fd, const void *data, size_t len);

#endif
