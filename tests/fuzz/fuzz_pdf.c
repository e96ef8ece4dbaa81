/*
 * fuzz_pdf.c — libFuzzer target for pdf_sanitize (src/tools/pdf_sanitize*.c).
 *
 * Built by tests/fuzz/run.sh (libqpdf from pkg-config); seeds in
 * tests/fuzz/corpus/pdf come from tests/fixtures/pdf/make-fixtures.sh.
 *
 * Any bytes: no crash, no leak, and a refusal leaves nothing in the
 * output.  When a file is accepted, its output is sanitised again and that
 * second pass must find nothing to remove and must not refuse: whatever
 * the first pass let through is, by its own rules, inert.
 */
#include <stddef.h>
#include <stdint.h>

#include "sanitize_twice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sanitize_twice(pdf_sanitize, data, size);
	return 0;
}
