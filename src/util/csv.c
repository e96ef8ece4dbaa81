/*
 * csv.c — RFC 4180 CSV as municipal staff actually save it: from Excel in
 * Shift_JIS (CP932) or UTF-8 with a BOM, from other tools in plain UTF-8;
 * CRLF, LF or old-Mac CR line ends; quoted fields that may hold commas and
 * line breaks.
 *
 * The whole input is first classified: valid UTF-8 is used as is, anything
 * else is converted from CP932, and if that fails too the file is refused
 * rather than guessed at, because a wrongly decoded name would be stored
 * silently.
 */
#include "util/sheet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/textfile.h"
#include "util/sheet_builder.h"


/* 1-based physical line of byte offset `off`; CRLF, LF and lone CR each end
 * a line.  Valid in CP932 too, whose trail bytes are never CR or LF. */
/*
 * Returns the offset of the first byte that does not start a well-formed
 * UTF-8 sequence (overlongs, surrogates and values past U+10FFFF included),
 * or len if all of s is valid.  *multibyte counts the non-ASCII characters
 * before that point.
 */
static size_t utf8_invalid_at(const unsigned char *s, size_t len, size_t *multibyte)
{
	size_t i = 0;
	*multibyte = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			/* Runs of ASCII (numbers, codes): 8 bytes at a time. */
			uint64_t w;
			while (i + 8 <= len && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL)))
				i += 8;
			while (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		size_t n;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2; /* kana and kanji: the common case here */
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F; /* no surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F; /* nothing past U+10FFFF */
		} else {
			return i;
		}
		if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		if (n >= 2 && (s[i + 2] & 0xC0) != 0x80)
			return i;
		if (n == 3 && (s[i + 3] & 0xC0) != 0x80)
			return i;
		i += n + 1;
		++*multibyte;
	}
	return len;
}

/* Non-ASCII UTF-8 characters before a bad byte that settle it as UTF-8. */
enum { UTF8_EVIDENCE = 4 };

static int only_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

struct csv {
	const char *name;
	const char *p, *end;
	long line;             /* physical line of p */
	struct sheet_builder *sb;
	struct err *e;
};

/* Consumes one line end (CRLF, LF or CR) at c->p if there is one. */
static int eat_newline(struct csv *c)
{
	if (c->p < c->end && *c->p == '\r') {
		c->p++;
		if (c->p < c->end && *c->p == '\n')
			c->p++;
	} else if (c->p < c->end && *c->p == '\n') {
		c->p++;
	} else {
		return 0;
	}
	c->line++;
	return 1;
}

static void unquoted_field(struct csv *c)
{
	const char *s = c->p, *p = s, *end = c->end;
	/* Bytes above ',' (letters, digits, all of UTF-8) never end a field:
	 * one comparison for nearly every byte. */
	while (p < end && ((unsigned char)*p > ',' || (*p != ',' && *p != '\n' && *p != '\r')))
		p++;
	c->p = p;
	sheetb_cell(c->sb, s, (size_t)(p - s));
}

/*
 * A field that starts with a quote: "" is a quote, and line breaks inside
 * are data, stored as "\n" whatever the file used so values compare equal
 * regardless of the tool that saved them.
 */
static int quoted_field(struct csv *c)
{
	long start = c->line;
	c->p++;
	for (;;) {
		const char *s = c->p;
		while (c->p < c->end && *c->p != '"' && *c->p != '\r' && *c->p != '\n')
			c->p++;
		sheetb_put(c->sb, s, (size_t)(c->p - s));
		if (c->p == c->end)
			return err_set(c->e, ERR_INPUT,
				       "%s %ld行目: 引用符（\"）が閉じられていません"
				       "（ファイルが途中で切れていないか確認してください）",
				       c->name, start);
		if (*c->p != '"') {
			eat_newline(c);
			sheetb_put(c->sb, "\n", 1);
			continue;
		}
		c->p++;
		if (c->p < c->end && *c->p == '"') {
			sheetb_put(c->sb, "\"", 1);
			c->p++;
			continue;
		}
		break;
	}
	/* Blanks after the closing quote are a harmless slip; anything else
	 * means a quote inside the value was not doubled. */
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
	if (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n')
		return err_set(c->e, ERR_INPUT,
			       "%s %ld行目: 引用符（\"）で囲まれた値の後に文字があります"
			       "（値の中の \" は \"\" と書いてください）",
			       c->name, c->line);
	return 0;
}

/*
 * The fast path for the usual record without quotes: it is copied into the
 * row's block in one go, commas becoming NULs, skipping the builder's
 * per-cell bookkeeping.  Returns 0, leaving c->p alone, if the record has a
 * quote and needs the full parser.
 */
static int plain_record(struct csv *c, size_t **commas, size_t *capcommas)
{
	const char *s = c->p, *p = s, *end = c->end;
	size_t n = 0;
	while (p < end) {
		unsigned char ch = (unsigned char)*p;
		if (ch > ',') {
			p++;
		} else if (ch == ',') {
			if (n == *capcommas) {
				*capcommas = *capcommas ? *capcommas * 2 : 64;
				*commas = xrealloc(*commas, *capcommas * sizeof **commas);
			}
			(*commas)[n++] = (size_t)(p++ - s);
		} else if (ch == '"') {
			return 0;
		} else if (ch == '\n' || ch == '\r') {
			break;
		} else {
			p++;
		}
	}
	size_t len = (size_t)(p - s), ncells = n + 1;
	char **cells = xmalloc(ncells * sizeof(char *) + len + 1);
	char *text = (char *)(cells + ncells);
	memcpy(text, s, len);
	text[len] = '\0';
	cells[0] = text;
	for (size_t i = 0; i < n; i++) {
		text[(*commas)[i]] = '\0';
		cells[i + 1] = text + (*commas)[i] + 1;
	}
	c->p = p;
	long line = c->line;
	eat_newline(c);
	sheetb_push_row(c->sb, line, cells, ncells, len + 1);
	return 1;
}

static int record(struct csv *c)
{
	long start = c->line;
	for (;;) {
		if (c->p < c->end && *c->p == '"') {
			int rc = quoted_field(c);
			if (rc)
				return rc;
			sheetb_end_cell(c->sb);
		} else {
			unquoted_field(c);
		}
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		break;
	}
	eat_newline(c);
	sheetb_end_row(c->sb, start);
	return 0;
}

static int parse(const char *name, const char *s, size_t len, struct sheet_builder *sb,
		 struct err *e)
{
	struct csv c = {name, s, s + len, 1, sb, e};
	sheetb_unguard_formulas(c.sb);
	size_t *commas = NULL, capcommas = 0;
	int rc = 0;
	while (c.p < c.end && !rc)
		if (!plain_record(&c, &commas, &capcommas))
			rc = record(&c);
	free(commas);
	if (!rc && sheetb_rows(c.sb) == 0)
		rc = err_set(e, ERR_INPUT, "%s: ファイルが空です", name);
	return rc;
}

int sheet_parse_csv(const char *name, const char *data, size_t len, struct sheet_builder *sb,
		    enum sheet_encoding *enc, struct err *e)
{
	if (!data)
		len = 0;
	int rc = text_refuse_binary(name, data ? data : "", len, "CSV", e);
	if (rc)
		return rc;

	int bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
	const char *s = bom ? data + 3 : data;
	size_t n = bom ? len - 3 : len;
	if (only_blank(s, n))
		return err_set(e, ERR_INPUT, "%s: ファイルが空です", name);

	size_t multibyte;
	size_t bad = utf8_invalid_at((const unsigned char *)s, n, &multibyte);
	if (bad == n) {
		*enc = SHEET_UTF8;
		return parse(name, s, n, sb, e);
	}

	/*
	 * A BOM, or several well-formed UTF-8 characters before the bad byte,
	 * mean a UTF-8 file with damage (a character cut in two, say).  CP932
	 * text practically never forms even a few valid UTF-8 sequences in a
	 * row, yet often decodes "successfully" from UTF-8 bytes, which would
	 * store mojibake without a word.
	 */
	int utf8 = bom || multibyte >= UTF8_EVIDENCE;
	char *conv;
	size_t convlen, cp_bad;
	if (!utf8 && cp932_to_utf8(s, n, &conv, &convlen, &cp_bad) == 0) {
		*enc = SHEET_CP932;
		rc = parse(name, conv, convlen, sb, e);
		free(conv);
		return rc;
	}
	/* Whichever decoding got further is most likely the one intended, so
	 * its failure point is the line the user should look at. */
	if (!utf8 && cp_bad > bad)
		bad = cp_bad;
	return err_set(e, ERR_INPUT,
		       "%s %ld行目: 文字コードを判別できません"
		       "（UTF-8 または Shift_JIS(CP932) で保存してください）",
		       name, text_line_at(s, bad));
}

int sheet_read_csv(const char *name, const char *data, size_t len, struct sheet *out, struct err *e)
{
	enum sheet_encoding enc = SHEET_UTF8;
	memset(out, 0, sizeof *out);
	struct sheet_builder *sb = sheetb_new();
	int rc = sheet_parse_csv(name, data, len, sb, &enc, e);
	if (rc)
		sheetb_discard(sb);
	else
		sheetb_finish(sb, out, enc);
	return rc;
}
