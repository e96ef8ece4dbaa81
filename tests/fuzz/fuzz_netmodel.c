/* libFuzzer target: a network model (docs/netcheck.md) from arbitrary bytes
 * is parsed (no import directory, as over the web), checked, and written
 * back as JSON, text and an expanded model; a refused model must leave a
 * message and nothing allocated, an accepted one must check and expand to a
 * model that parses again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/netcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct netmodel m;
	struct err e = {0};
	if (netmodel_parse(&m, (const char *)data, size, NULL, &e) != 0) {
		if (!e.msg[0])
			abort();
		return 0;
	}
	struct netcheck_result r;
	if (netcheck_run(&m, "2026-06-01", &r, &e) != 0)
		abort();
	struct buf out = BUF_INIT;
	netcheck_json(&m, &r, &out);
	netcheck_text(&m, &r, &out);
	netcheck_result_free(&r);
	buf_reset(&out);
	netmodel_to_json(&m, &out);
	struct netmodel again;
	if (netmodel_parse(&again, out.data, out.len, NULL, &e) != 0)
		abort();
	netmodel_free(&again);
	buf_free(&out);
	netmodel_free(&m);
	return 0;
}
