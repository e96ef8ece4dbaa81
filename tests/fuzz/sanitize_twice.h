/*
 * sanitize_twice.h — the promise the file sanitisers' fuzz targets (OOXML,
 * PDF) check on every input: a refusal hands nothing on, and an accepted
 * file's output, sanitised again, is accepted and has nothing more removed
 * (whatever the first pass let through is, by its own rules, inert).  A
 * broken promise aborts with what was left.
 */
#ifndef MAMORI_SANITIZE_TWICE_H
#define MAMORI_SANITIZE_TWICE_H

#include <stdio.h>
#include <stdlib.h>

#include "tools/sanitize_file.h"

/* The signature ooxml_sanitize and pdf_sanitize share. */
typedef int (*file_sanitizer)(const unsigned char *in, size_t len, struct buf *out,
			      struct san_report *r, struct err *e);

static void sanitize_twice(file_sanitizer sanitize, const unsigned char *in, size_t len)
{
	struct buf out = BUF_INIT, again = BUF_INIT;
	struct san_report r = {0}, r2 = {0};
	struct err e = {0}, e2 = {0};
	if (sanitize(in, len, &out, &r, &e) != 0) {
		if (out.len != 0)
			abort(); /* a refusal must not hand anything on */
	} else {
		if (sanitize((const unsigned char *)out.data, out.len, &again, &r2, &e2) != 0) {
			fprintf(stderr, "cleaned output refused: %s\n", e2.msg);
			abort();
		}
		for (size_t i = 0; i < r2.nremoved; i++)
			fprintf(stderr, "left in the output: %s %s %s\n", r2.removed[i].what,
				r2.removed[i].where, r2.removed[i].detail);
		if (r2.nremoved != 0)
			abort();
	}
	buf_free(&out);
	buf_free(&again);
	san_report_free(&r);
	san_report_free(&r2);
}

#endif
