/*
 * fuzz_xlsx.c — libFuzzer target for sheet_read_xlsx.
 *
 *   clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     src/util/{err,buf,sheet,csv,xlsx}.c tests/fuzz/fuzz_xlsx.c \
 *     $(pkg-config --cflags --libs libzip libxml-2.0) -lm -o fuzz_xlsx
 *   ./fuzz_xlsx -max_total_time=60 tests/fuzz/corpus/xlsx
 *
 * An input starting with "PK" is handed over as the .xlsx itself, which
 * mostly exercises ZIP handling (mutated deflate data rarely survives the
 * CRC check).  Any other input is split at NUL bytes into the XML of
 * workbook, workbook rels, shared strings, styles and the first sheet,
 * which are zipped here without compression: that lets the fuzzer reach the
 * XML readers, where the interesting code is.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "sheet_invariants.h"
#include "util/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const part_names[] = {
	"xl/workbook.xml",
	"xl/_rels/workbook.xml.rels",
	"xl/sharedStrings.xml",
	"xl/styles.xml",
	"xl/worksheets/sheet1.xml",
};

/* Returns a malloc'd stored-only ZIP of the NUL-separated parts, or NULL. */
static void *zip_parts(const uint8_t *data, size_t size, size_t *len)
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
	const uint8_t *p = data, *end = data + size;
	for (size_t i = 0; i < sizeof part_names / sizeof *part_names && p <= end; i++) {
		const uint8_t *nul = memchr(p, '\0', (size_t)(end - p));
		size_t n = nul ? (size_t)(nul - p) : (size_t)(end - p);
		zip_source_t *src = zip_source_buffer(z, p, n, 0);
		zip_int64_t idx = src ? zip_file_add(z, part_names[i], src, 0) : -1;
		if (idx < 0)
			zip_source_free(src);
		else
			zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		p += n + 1;
	}
	if (zip_close(z) != 0) {
		zip_discard(z);
		zip_source_free(mem);
		return NULL;
	}
	void *out = NULL;
	zip_stat_t st;
	if (zip_source_open(mem) == 0) {
		if (zip_source_stat(mem, &st) == 0 && (out = malloc(st.size ? st.size : 1))) {
			if (zip_source_read(mem, out, st.size) == (zip_int64_t)st.size) {
				*len = (size_t)st.size;
			} else {
				free(out);
				out = NULL;
			}
		}
		zip_source_close(mem);
	}
	zip_source_free(mem);
	return out;
}

static void check_sheet(const struct sheet *s)
{
	if (s->encoding != SHEET_XLSX)
		__builtin_trap();
	check_rows(s, 0, 16384);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size;
	void *zipped = NULL;
	const void *input = data;
	if (size < 2 || data[0] != 'P' || data[1] != 'K') {
		input = zipped = zip_parts(data, size, &len);
		if (!zipped)
			return 0;
	}
	struct sheet s;
	struct err e = {0, ""};
	int rc = sheet_read_xlsx("fuzz.xlsx", input, len, &s, &e);
	if (rc == 0) {
		check_sheet(&s);
		sheet_free(&s);
	} else if (rc != ERR_INPUT || e.code != rc || !e.msg[0] || s.rows || s.nrows) {
		__builtin_trap();
	}
	free(zipped);
	return 0;
}
