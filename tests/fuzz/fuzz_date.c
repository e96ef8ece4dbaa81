/* libFuzzer target: date_parse must never crash, and whatever it accepts must
 * be a valid YYYY-MM-DD date. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char out[11];
	struct err e = {0};
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, out, &e) == 0 && !date_valid(out))
		abort();
	free(s);
	return 0;
}
