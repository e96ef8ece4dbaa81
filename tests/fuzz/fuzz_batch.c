/* libFuzzer target: a batch entry body (journal_batch.c) comes from the
 * database and may have been tampered with.  Reading it must never crash or
 * loop, and every row it yields must be a {…} object with a positive id. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size + 1);
	memcpy(body, data, size);
	body[size] = '\0';
	struct journal_batch b;
	struct buf row = BUF_INIT;
	long long id;
	size_t rows = 0;
	if (journal_batch_open(&b, body) == 0)
		while (journal_batch_next(&b, &row, &id) == 1) {
			if (id <= 0 || row.len < 2 || row.data[0] != '{' || row.data[row.len - 1] != '}')
				abort();
			if (++rows > size) /* each row consumes input: more means a loop */
				abort();
		}
	buf_free(&row);
	free(body);
	return 0;
}
