/*
 * fuzz_csv.c — libFuzzer target for sheet_read_csv.
 *
 *   clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     src/util/{err,buf,sheet,csv,xlsx}.c tests/fuzz/fuzz_csv.c \
 *     $(pkg-config --cflags --libs libzip libxml-2.0) -lm -o fuzz_csv
 *   ./fuzz_csv -max_total_time=60 tests/fuzz/corpus/csv
 *
 * Besides crashes and leaks, it traps on broken promises of sheet.h: rows
 * in file order with 1-based lines, no NULL cells, no completely empty
 * rows, an empty sheet after an error, and a message for every error.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sheet_invariants.h"
#include "util/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_sheet(const struct sheet *s)
{
	check_rows(s, 1, (size_t)-1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet s;
	struct err e = {0, ""};
	int rc = sheet_read_csv("fuzz.csv", (const char *)data, size, &s, &e);
	if (rc == 0) {
		if (s.encoding != SHEET_UTF8 && s.encoding != SHEET_CP932)
			__builtin_trap();
		check_sheet(&s);
		sheet_free(&s);
	} else if (rc != ERR_INPUT || e.code != rc || !e.msg[0] || s.rows || s.nrows) {
		__builtin_trap();
	}
	return 0;
}
