#include "util/fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/buf.h"

static int is_space_cp(utf8proc_int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000;
}

char *fold_key(const char *s)
{
	utf8proc_uint8_t *norm = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &norm,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
						  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	if (n < 0)
		return xstrdup("");
	struct buf b = BUF_INIT;
	buf_reserve(&b, (size_t)n);
	utf8proc_ssize_t i = 0;
	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t used = utf8proc_iterate(norm + i, n - i, &c);
		if (used <= 0)
			break;
		i += used;
		if (is_space_cp(c))
			continue;
		if (c >= 0x3041 && c <= 0x3096) /* ぁ-ゖ → ァ-ヶ */
			c += 0x60;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t len = utf8proc_encode_char(c, enc);
		buf_append(&b, enc, (size_t)len);
	}
	free(norm);
	return buf_take(&b);
}

int utf8_valid(const char *s, long len)
{
	if (len < 0)
		len = (long)strlen(s);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	long i = 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t used = utf8proc_iterate(p + i, len - i, &c);
		if (used <= 0)
			return 0;
		i += used;
	}
	return 1;
}

void utf8_trim_partial(char *s)
{
	size_t n = strlen(s), start = n;
	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	unsigned char lead = (unsigned char)s[start - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (start - 1) < want)
		s[start - 1] = '\0';
}
