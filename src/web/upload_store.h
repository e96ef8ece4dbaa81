/*
 * upload_store.h — an uploaded file kept between a preview and its
 * confirmation, so the person does not have to choose it again.
 *
 * Files live in one owner-only directory ($TMPDIR/mamori-uploads-<uid>,
 * 0700, checked to be ours and not a link), under a name derived from the
 * session's CSRF token and a random token: only the session that uploaded a
 * file can name it, and the token alone is useless.  A file is removed when
 * it is confirmed or refused, and any file older than UPLOAD_KEEP_SECONDS
 * when the next upload arrives.
 */
#ifndef MAMORI_WEB_UPLOAD_STORE_H
#define MAMORI_WEB_UPLOAD_STORE_H

#include <stddef.h>

#include "util/err.h"
#include "web/web.h"

#define UPLOAD_KEEP_SECONDS (30 * 60)
#define UPLOAD_TOKEN_HEX 32

/* Stores data for this session; token gets UPLOAD_TOKEN_HEX hex digits;
 * *path (caller frees) is where it is. */
int upload_store_put(const struct web_req *rq, const void *data, size_t len,
		     char token[UPLOAD_TOKEN_HEX + 1], char **path, struct err *e);
/* The stored file of this session's token, or NULL (unknown, expired or
 * malformed token).  Caller frees. */
char *upload_store_path(const struct web_req *rq, const char *token);
void upload_store_remove(const char *path);

#endif
