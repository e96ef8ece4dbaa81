/*
 * doctext_enc.c — which encoding a text document is in, and UTF-8 out of it.
 *
 * Municipal documents are UTF-8 (with or without a BOM, as newer editors save)
 * or Shift_JIS, in practice Microsoft's CP932 (with its NEC and IBM extension
 * characters such as ①, which plain Shift_JIS lacks).  Valid UTF-8 decides
 * it: CP932 text containing kanji is practically never valid UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/textfile.h"
#include "util/doctext_internal.h"
#include "util/fold.h"

/* Offset of the first invalid UTF-8 sequence, or len. */
static size_t utf8_bad_at(const char *s, size_t len)
{
	if (utf8_valid(s, (long)len))
		return len;
	/* Rare path: find where, by halving. */
	size_t lo = 0, hi = len;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		/* back up to a character boundary so a cut sequence is not blamed */
		while (mid > lo && ((unsigned char)s[mid] & 0xC0) == 0x80)
			mid--;
		if (mid == lo)
			break;
		if (utf8_valid(s, (long)mid))
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int doctext_decode(const char *name, const char *data, size_t len, char **out, size_t *outlen,
		   int *cp932, struct err *e)
{
	*cp932 = 0;
	int rc = text_refuse_binary(name, data, len, "文書", e);
	if (rc)
		return rc;
	int bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
	const char *s = bom ? data + 3 : data;
	size_t n = bom ? len - 3 : len;
	size_t bad = utf8_bad_at(s, n);
	if (bad == n) {
		*out = xstrndup(s, n);
		*outlen = n;
		return 0;
	}
	size_t cp_bad = 0;
	/* A BOM says UTF-8 whatever follows: a damaged file, not CP932. */
	if (!bom && cp932_to_utf8(s, n, out, outlen, &cp_bad) == 0) {
		*cp932 = 1;
		return 0;
	}
	/* Whichever decoding got further is most likely the intended one. */
	if (!bom && cp_bad > bad)
		bad = cp_bad;
	return err_set(e, ERR_INPUT,
		       "%s %ld行目: 文字コードを判別できません"
		       "（UTF-8 または Shift_JIS(CP932) で保存してください）",
		       name, text_line_at(s, bad));
}
