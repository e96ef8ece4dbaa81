/*
 * cp932.c — CP932 → UTF-8 with iconv (cp932.h).
 */
#include "util/cp932.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>

#include "util/buf.h"

int cp932_to_utf8(const char *in, size_t len, char **out, size_t *outlen, size_t *bad_at)
{
	iconv_t cd = iconv_open("UTF-8", "CP932");
	if (cd == (iconv_t)-1) {
		*bad_at = 0;
		return -1;
	}
	/* Most text grows by half (2-byte kanji → 3 bytes); grow on E2BIG. */
	size_t cap = len + len / 2 + 16;
	char *buf = xmalloc(cap);
	char *ip = (char *)in, *op = buf;
	size_t ileft = len, oleft = cap - 1; /* room for the NUL */
	int rc = 0;
	while (ileft > 0) {
		if (iconv(cd, &ip, &ileft, &op, &oleft) != (size_t)-1)
			continue;
		if (errno != E2BIG) {
			/* EILSEQ, or EINVAL for a lead byte cut off at the end */
			*bad_at = (size_t)(ip - in);
			rc = -1;
			break;
		}
		size_t used = (size_t)(op - buf);
		cap *= 2;
		buf = xrealloc(buf, cap);
		op = buf + used;
		oleft = cap - used - 1;
	}
	iconv_close(cd);
	if (rc) {
		free(buf);
		return rc;
	}
	*op = '\0';
	*outlen = (size_t)(op - buf);
	*out = buf;
	return 0;
}
