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

#include "sheet_invariants.h"
#include "zip_parts.h"
#include "util/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const part_names[] = {
	"xl/workbook.xml",
	"xl/_rels/workbook.xml.rels",
	"xl/sharedStrings.xml",
	"xl/styles.xml",
	"xl/worksheets/sheet1.xml",
};

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
		input = zipped = zip_parts(data, size, part_names, sizeof part_names / sizeof *part_names, &len);
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
