/*
 * zip_parts.h — what the ZIP-container fuzz targets (.xlsx reading, OOXML
 * sanitising) share: a fuzz input split at NUL bytes into the named parts
 * of a package, zipped without compression, so that mutations reach the
 * XML readers instead of dying in the deflate data or the CRC check.
 */
#ifndef MAMORI_ZIP_PARTS_H
#define MAMORI_ZIP_PARTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

/* The finished archive held by mem, copied into a malloc'd block. */
static void *zip_parts_take(zip_source_t *mem, size_t *len)
{
	void *out = NULL;
	zip_stat_t st;
	if (zip_source_open(mem) != 0)
		return NULL;
	if (zip_source_stat(mem, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    (out = malloc(st.size ? st.size : 1))) {
		if (zip_source_read(mem, out, st.size) == (zip_int64_t)st.size) {
			*len = (size_t)st.size;
		} else {
			free(out);
			out = NULL;
		}
	}
	zip_source_close(mem);
	return out;
}

/*
 * A malloc'd stored-only ZIP of the NUL-separated parts of data, named in
 * order by names[0..nnames), or NULL.  A trailing NUL starts one more
 * (empty) part; parts beyond nnames are dropped.
 */
static void *zip_parts(const uint8_t *data, size_t size, const char *const *names, size_t nnames,
		       size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
	zip_error_fini(&ze);
	if (!z) {
		zip_source_free(mem);
		return NULL;
	}
	zip_source_keep(mem);
	size_t off = 0;
	for (size_t i = 0; i < nnames && off <= size; i++) {
		const uint8_t *nul = memchr(data + off, '\0', size - off);
		size_t n = nul ? (size_t)(nul - (data + off)) : size - off;
		zip_source_t *src = zip_source_buffer(z, data + off, n, 0);
		zip_int64_t idx = src ? zip_file_add(z, names[i], src, 0) : -1;
		if (idx < 0)
			zip_source_free(src);
		else
			zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		off += n + 1;
	}
	void *out = NULL;
	if (zip_close(z) != 0)
		zip_discard(z);
	else
		out = zip_parts_take(mem, len);
	zip_source_free(mem);
	return out;
}

#endif
