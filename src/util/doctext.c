/*
 * doctext.c — reading a policy document: choosing the reader, and the
 * paragraph list every reader fills (doctext.h).
 */
#include "util/doctext.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/doctext_internal.h"
#include "util/fold.h"
#include "util/sheet_builder.h"

static int is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		/* U+3000 IDEOGRAPHIC SPACE, the full-width space Japanese text indents with */
		if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x80) {
			i += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

void doctext_add(struct doctext *d, const char *s, size_t len, long where, int list_level)
{
	if (is_blank(s, len))
		return;
	if (list_level > 8)
		list_level = 8; /* deeper nesting reads as the deepest level */
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n++] = (struct doc_para){xstrndup(s, len), where, list_level};
}

void doctext_free(struct doctext *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}

static int ext_is(const char *name, const char *ext)
{
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	return dot && (!slash || dot > slash) && strcasecmp(dot + 1, ext) == 0;
}

static int looks_like_html(const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i >= len || data[i] != '<')
		return 0;
	size_t n = len - i < 512 ? len - i : 512;
	char head[513];
	memcpy(head, data + i, n);
	head[n] = '\0';
	return strcasestr(head, "<html") || strcasestr(head, "<!doctype html") ||
	       strcasestr(head, "<body") || strcasestr(head, "<head");
}

int doctext_parse(const char *name, const char *data, size_t len, enum doc_format fmt,
		  struct doctext *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->format = fmt;
	int rc;
	switch (fmt) {
	case DOC_HTML:
		rc = doctext_parse_html(name, data, len, out, e);
		break;
	case DOC_DOCX:
		rc = doctext_parse_docx(name, data, len, out, e);
		break;
	default:
		rc = doctext_parse_text(name, data, len, out, e);
		break;
	}
	if (!rc && out->n == 0)
		rc = err_set(e, ERR_INPUT, "%s: 本文がありません（空のファイルか、文字のない文書です）",
			     name);
	/* libxml2 passes bytes through when a page declares one charset and
	 * is written in another; such text is not what the author wrote */
	for (size_t i = 0; !rc && i < out->n; i++)
		if (!utf8_valid(out->v[i].text, -1))
			rc = err_set(e, ERR_INPUT, "%s: 文字コードが宣言（charset）と合わない部分があります。"
				     "UTF-8 で保存し直してください", name);
	if (rc)
		doctext_free(out);
	return rc;
}

int doctext_read_mem(const char *name, const char *data, size_t len, struct doctext *out,
		     struct err *e)
{
	static const char zip_sig[] = {'P', 'K', 3, 4};
	static const unsigned char ole_sig[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	int zip = len >= 4 && memcmp(data, zip_sig, 4) == 0;
	memset(out, 0, sizeof *out);
	if (len == 0)
		return err_set(e, ERR_INPUT, "%s: ファイルが空です", name);
	if (len > DOCTEXT_MAX_BYTES)
		return err_set(e, ERR_INPUT, "%s: ファイルが大きすぎます（%zu MB まで）", name,
			       DOCTEXT_MAX_BYTES >> 20);
	if (len >= sizeof ole_sig && memcmp(data, ole_sig, sizeof ole_sig) == 0)
		return err_set(e, ERR_INPUT,
			       "%s: Word 97-2003 形式（.doc）またはパスワード付きの文書は読めません"
			       "（パスワードを外し .docx で保存し直してください）",
			       name);
	if (ext_is(name, "docx") && !zip)
		return err_set(e, ERR_INPUT,
			       "%s: .docx ではありません（ZIP 形式になっていません。"
			       "Word で開けるか確かめ、.docx で保存し直してください）",
			       name);
	enum doc_format fmt;
	if (zip)
		fmt = DOC_DOCX; /* whatever the name says: a text reader would only see garbage */
	else if (ext_is(name, "html") || ext_is(name, "htm") || ext_is(name, "xhtml"))
		fmt = DOC_HTML;
	else if (ext_is(name, "md") || ext_is(name, "markdown"))
		fmt = DOC_MARKDOWN;
	else if (ext_is(name, "txt") || ext_is(name, "text"))
		fmt = DOC_TEXT;
	else
		fmt = looks_like_html(data, len) ? DOC_HTML : DOC_TEXT;
	return doctext_parse(name, data, len, fmt, out, e);
}

int doctext_read_file(const char *path, struct doctext *out, struct err *e)
{
	char *data = NULL;
	size_t len = 0;
	memset(out, 0, sizeof *out);
	/* The two mistakes a user makes most, said plainly before fopen's words. */
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return err_set(e, ERR_IO, "%s: ファイルが見つかりません", path);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return err_set(e, ERR_IO, "%s: フォルダです（方針の文書ファイルを指定してください）", path);
	int rc = sheet_load_file(path, &data, &len, e);
	if (rc)
		return rc;
	rc = doctext_read_mem(path, data, len, out, e);
	free(data);
	return rc;
}
