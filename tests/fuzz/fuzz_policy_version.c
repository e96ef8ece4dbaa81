/* libFuzzer target: a stored policy version's blocks (policy_store.c) come
 * from the database and may have been edited behind mamori's back.  Reading
 * them must fail cleanly or give a document that the Markdown and HTML
 * writers lay out and that compares equal to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy_diff.h"
#include "core/policy_store.h"
#include "core/policy_write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *blocks = malloc(size + 1);
	memcpy(blocks, data, size);
	blocks[size] = '\0';
	struct policy_version v = {.id = 1, .edition = "internal", .title = "t", .blocks = blocks};
	struct pdoc d;
	struct err e = {0};
	if (pdoc_from_version(&v, &d, &e) == 0) {
		struct buf out = BUF_INIT;
		policy_write_md(&d, &out);
		policy_write_html(&d, &out);
		struct policy_diff diff;
		policy_diff(&d, &d, &diff);
		if (diff.n != 0)
			abort();
		policy_diff_free(&diff);
		buf_free(&out);
		pdoc_free(&d);
	} else if (e.code != ERR_INPUT) {
		abort();
	}
	free(blocks);
	return 0;
}
