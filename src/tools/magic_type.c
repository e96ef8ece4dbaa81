/*
 * magic_type.c — one libmagic handle per thread, opened on first use with
 * the system's compiled database.  A batch run asks thousands of times, and
 * loading the database costs far more than a lookup.
 */
#include <magic.h>
#include <stdlib.h>

#include "tools/magic_type.h"
#include "util/buf.h"

static _Thread_local magic_t cookie;

static magic_t handle(void)
{
	if (cookie)
		return cookie;
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR);
	if (!m)
		return NULL;
	if (magic_load(m, NULL) != 0) {
		magic_close(m);
		return NULL;
	}
	cookie = m;
	return cookie;
}

char *magic_mime_type(const void *data, size_t len)
{
	magic_t m = handle();
	const char *t = m ? magic_buffer(m, data, len) : NULL;
	return xstrdup(t ? t : "application/octet-stream");
}
