/*
 * textfile.c — reading text files saved by office software (textfile.h).
 */
#include "util/textfile.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

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

long text_line_at(const char *s, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n')
			line++;
		else if (s[i] == '\r' && !(i + 1 < off && s[i + 1] == '\n'))
			line++;
	}
	return line;
}

int text_refuse_binary(const char *name, const char *data, size_t len, const char *what,
		       struct err *e)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return err_set(e, ERR_INPUT,
			       "%s: UTF-16 で保存されています（UTF-8 または Shift_JIS(CP932) の%sとして保存し直してください）",
			       name, what);
	const char *nul = memchr(data, '\0', len);
	if (nul)
		return err_set(e, ERR_INPUT, "%s %ld行目: NUL 文字があります（%sではなくバイナリファイルのようです）",
			       name, text_line_at(data, (size_t)(nul - data)), what);
	return 0;
}
