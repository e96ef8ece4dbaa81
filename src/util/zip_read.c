/*
 * zip_read.c — a ZIP archive opened from memory, an entry read whole with
 * its size and CRC checked (zip_read.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/zip_read.h"
#include "util/zip_why.h"

zip_t *zip_open_memory(const void *data, size_t len, int flags, char *why, size_t whylen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, flags, &ze) : NULL;
	if (!z) {
		snprintf(why, whylen, "%s", zip_why(&ze));
		zip_source_free(src); /* NULL when creating it failed: no-op */
	}
	zip_error_fini(&ze);
	return z;
}

int zip_read_all(zip_file_t *zf, zip_uint64_t size, char **out, const char **why)
{
	char *p = xmalloc((size_t)size + 1);
	zip_uint64_t got = 0;
	while (got < size) {
		zip_int64_t n = zip_fread(zf, p + got, size - got);
		if (n <= 0)
			break;
		got += (zip_uint64_t)n;
	}
	char extra;
	zip_int64_t tail = got == size ? zip_fread(zf, &extra, 1) : -1;
	if (tail != 0) {
		*why = got == size && tail > 0 ? "サイズが一致しません" : zip_why(zip_file_get_error(zf));
		free(p);
		return -1;
	}
	p[size] = '\0';
	*out = p;
	return 0;
}
