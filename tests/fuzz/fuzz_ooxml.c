/*
 * fuzz_ooxml.c — libFuzzer target for ooxml_sanitize (tools/sanitize_file.h).
 *
 * An input starting with "PK" is the package itself, which mostly exercises
 * the ZIP handling and bounds.  Any other input is split at NUL bytes into
 * the parts of a small package (content types, package relationships, a
 * main part, its relationships, a second part and its relationships, a
 * binary part), zipped here without compression, so the fuzzer reaches the
 * XML passes: relationships, fields, formulas, actions, content types.
 *
 * Invariants (sanitize_twice.h): a refusal hands nothing on; when
 * ooxml_sanitize accepts an input, its output is accepted again and nothing
 * more is removed from it (cleaning is idempotent).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize_twice.h"
#include "zip_parts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const part_names[] = {
	"[Content_Types].xml", "_rels/.rels",        "doc/main.xml",  "doc/_rels/main.xml.rels",
	"doc/part2.xml",       "doc/_rels/part2.xml.rels", "doc/part3.bin",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size;
	void *owned = NULL;
	const unsigned char *in = data;
	if (size < 2 || memcmp(data, "PK", 2) != 0) {
		owned = zip_parts(data, size, part_names, sizeof part_names / sizeof *part_names, &len);
		if (!owned)
			return 0;
		in = owned;
	}
	sanitize_twice(ooxml_sanitize, in, len);
	free(owned);
	return 0;
}
