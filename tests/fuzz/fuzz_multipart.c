/* libFuzzer target: multipart_parse (src/web/multipart.c), the splitter of
 * every upload the web UI receives.  It must never crash or read past its
 * input; what it accepts must be NUL-free UTF-8 field names and values and
 * file names without a directory part, at most FORM_MAX_FIELDS parts, and
 * each file's bytes must lie inside the input.
 *
 * The input's first line is the boundary, the rest the body.  The parser is
 * compiled in directly, as fuzz_form.c does with form.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/fold.h"
#include "web/form.c"
#include "web/multipart.c"

static void check_fields(const struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (!utf8_valid(f->v[i].name, (long)strlen(f->v[i].name)) ||
		    !utf8_valid(f->v[i].value, (long)strlen(f->v[i].value)))
			abort();
}

static void check_files(const struct web_uploads *u, size_t body_len)
{
	for (size_t i = 0; i < u->n; i++) {
		const struct web_upload *up = &u->v[i];
		if (up->len > body_len || !*up->field || strchr(up->filename, '/') ||
		    strchr(up->filename, '\\') ||
		    !utf8_valid(up->filename, (long)strlen(up->filename)))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t blen = nl ? (size_t)(nl - data) : 0;
	char boundary[128];
	if (!nl || blen >= sizeof boundary || memchr(data, '\0', blen))
		return 0;
	memcpy(boundary, data, blen);
	boundary[blen] = '\0';
	size_t len = size - blen - 1;
	/* a copy exactly `len` long, so ASan sees any read past the end */
	unsigned char *body = malloc(len ? len : 1);
	memcpy(body, nl + 1, len);
	struct form f;
	struct web_uploads u;
	if (multipart_parse(boundary, body, len, &f, &u) == 0) {
		if (f.n + u.n > FORM_MAX_FIELDS)
			abort();
		check_fields(&f);
		check_files(&u, len);
		form_free(&f);
		web_uploads_free(&u);
	} else if (f.n || f.v || u.n || u.v) {
		abort();
	}
	char out[80];
	multipart_boundary(boundary, out, sizeof out);
	free(body);
	return 0;
}
