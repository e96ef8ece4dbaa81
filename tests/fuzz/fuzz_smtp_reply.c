/* libFuzzer target: the relay's replies (util/smtp_reply.c).  The input is
 * what a relay could send on one connection, fed in two chunks the way reads
 * split it; the parser must never crash or read past the data, consume more
 * than it was given, or accept a reply whose code is not 200–559. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/smtp_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so that ASan sees any read beyond the end */
	char *copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	size_t split = size ? data[0] % (size + 1) : 0;
	size_t pos = 0, avail = split;
	struct smtp_reply r;
	struct err e = {0};
	smtp_reply_init(&r);
	for (int rounds = 0; rounds < 10000; rounds++) {
		size_t used = 0;
		if (smtp_reply_parse(&r, copy + pos, avail - pos, &used, &e))
			break;
		if (used > avail - pos)
			abort();
		pos += used;
		if (r.done) {
			if (r.code < 200 || r.code > 559 || strlen(r.text) >= sizeof r.text || r.nlines == 0)
				abort();
			smtp_reply_init(&r);
		} else if (avail < size) {
			avail = size; /* the next read brings the rest */
		} else {
			break;
		}
	}
	free(copy);
	return 0;
}
