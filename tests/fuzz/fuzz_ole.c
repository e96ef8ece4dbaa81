/*
 * fuzz_ole.c — libFuzzer target for the CFB (OLE2) reader and the legacy
 * document inspection behind --ole-policy (tools/ole_sanitize.h).
 *
 * The refuse policy is used, so LibreOffice is never started.  Invariants:
 * no crash or leak on any input, and a document the policy passes through
 * comes out byte for byte as it went in.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tools/ole_sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	struct san_report r = {0};
	struct err e = {0};
	const char *ext = NULL;
	if (ole_sanitize(data, size, OLE_REFUSE, &out, &ext, &r, &e) == 0 &&
	    (out.len != size || memcmp(out.data, data, size) != 0))
		abort();
	buf_free(&out);
	san_report_free(&r);
	return 0;
}
