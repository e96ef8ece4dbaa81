/*
 * zip_read.h — a ZIP container (.xlsx, .docx, an OOXML package being
 * sanitised) opened from memory and its entries read whole and checked:
 * the readers of those formats all need the same careful steps, so they
 * live here once.
 */
#ifndef MAMORI_ZIP_READ_H
#define MAMORI_ZIP_READ_H

#include <stddef.h>

#include <zip.h>

/*
 * A ZIP archive opened over len bytes in memory, which must outlive it
 * (zip_discard frees the source, not the bytes); flags as for zip_open
 * (ZIP_RDONLY, with ZIP_CHECKCONS where the directory must be consistent).
 * NULL when it cannot be opened, with the reason in Japanese copied into
 * why[whylen].
 */
zip_t *zip_open_memory(const void *data, size_t len, int flags, char *why, size_t whylen);

/*
 * Reads the opened entry zf, whose directory says it holds size bytes,
 * into a malloc'd block with a NUL after the data (*out); zf stays open.
 * The extra read past the end makes libzip check the CRC and catches data
 * longer than the directory claims.  Returns 0, or -1 with *why a reason
 * in Japanese that lives until zf is closed (use it before zip_fclose).
 */
int zip_read_all(zip_file_t *zf, zip_uint64_t size, char **out, const char **why);

#endif
