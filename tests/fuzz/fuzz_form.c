/* libFuzzer target: form_parse (src/web/form.c), the decoder of every form
 * the web UI receives, must never crash or read past its input, and what it
 * accepts must be NUL-free UTF-8 names and values, at most FORM_MAX_FIELDS.
 *
 * form.c is compiled into this target directly: the fuzz build's library
 * (tests/fuzz/run.sh) covers util, store and core, not the web server. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/fold.h"
#include "web/form.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy exactly `size` long, so ASan sees any read past the end */
	char *copy = malloc(size ? size : 1);
	struct form f;
	memcpy(copy, data, size);
	if (form_parse(copy, size, &f) == 0) {
		if (f.n > FORM_MAX_FIELDS)
			abort();
		for (size_t i = 0; i < f.n; i++) {
			if (!utf8_valid(f.v[i].name, (long)strlen(f.v[i].name)) ||
			    !utf8_valid(f.v[i].value, (long)strlen(f.v[i].value)))
				abort();
			if (form_get(&f, f.v[i].name) == NULL)
				abort();
		}
		form_free(&f);
	} else if (f.n != 0 || f.v != NULL) {
		abort();
	}
	free(copy);
	return 0;
}
