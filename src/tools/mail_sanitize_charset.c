/*
 * mail_sanitize_charset.c — a text part's bytes as UTF-8, whatever Japanese
 * mail software labelled them.
 *
 * Japanese mail is ISO-2022-JP, Shift_JIS or EUC-JP as often as UTF-8, and
 * the label often lies: Outlook and older webmail send CP932 bytes (with NEC
 * and IBM extension characters such as ① and ㈱) under "iso-2022-jp" or
 * "shift_jis".  So a label is believed only when the bytes agree with it;
 * otherwise the bytes decide (UTF-8, EUC-JP, then CP932) and the part is
 * reported as mislabelled.  glibc has no CP50220/CP50221, so ISO-2022-JP is
 * decoded here by turning its JIS X 0208 pairs into CP932 and letting CP932
 * (a superset with the NEC row 13) give the characters.  Nothing undecodable
 * passes: it becomes U+FFFD and is counted.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>
#include <utf8proc.h>

#include "tools/mail_sanitize_internal.h"
#include "util/fold.h"

#define REPLACEMENT "\xEF\xBF\xBD"

/* iconv descriptors to UTF-8, opened once per charset: a batch run decodes
   thousands of parts in a handful of charsets. */
struct cd_cache {
	char name[40];
	iconv_t cd;
};
static _Thread_local struct cd_cache cache[16];

static iconv_t to_utf8(const char *charset)
{
	size_t i;
	for (i = 0; i < sizeof cache / sizeof *cache && cache[i].name[0]; i++)
		if (strcasecmp(cache[i].name, charset) == 0)
			return cache[i].cd;
	if (strlen(charset) >= sizeof cache[0].name)
		return (iconv_t)-1;
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1 || i == sizeof cache / sizeof *cache)
		return cd; /* a full cache: the caller closes it (see release) */
	strcpy(cache[i].name, charset);
	cache[i].cd = cd;
	return cd;
}

static void release(iconv_t cd)
{
	for (size_t i = 0; i < sizeof cache / sizeof *cache; i++)
		if (cache[i].name[0] && cache[i].cd == cd)
			return;
	iconv_close(cd);
}

/* Converts with cd; each byte iconv refuses becomes U+FFFD.  Returns how
   many were refused. */
static size_t iconv_lossy(iconv_t cd, const char *s, size_t len, struct buf *out)
{
	iconv(cd, NULL, NULL, NULL, NULL);
	char *in = (char *)s;
	size_t left = len, bad = 0;
	for (;;) {
		buf_reserve(out, left * 3 + 16);
		char *o = out->data + out->len;
		size_t room = out->cap - out->len - 1;
		size_t r = left ? iconv(cd, &in, &left, &o, &room) : iconv(cd, NULL, NULL, &o, &room);
		int err = errno;
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r != (size_t)-1 && left == 0)
			return bad;
		if (r != (size_t)-1 || err == E2BIG)
			continue;
		buf_puts(out, REPLACEMENT);
		in++;
		left--;
		bad++;
	}
}

/* Bytes iconv would refuse, without keeping the text. */
static size_t count_bad(const char *charset, const char *s, size_t len)
{
	iconv_t cd = to_utf8(charset);
	if (cd == (iconv_t)-1)
		return len + 1;
	struct buf tmp = BUF_INIT;
	size_t bad = iconv_lossy(cd, s, len, &tmp);
	buf_free(&tmp);
	release(cd);
	return bad;
}

static int has_8bit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] & 0x80)
			return 1;
	return 0;
}

/* The length of the valid UTF-8 sequence at s, 0 when invalid: utf8proc
   (as util/fold's utf8_valid, which checks the final text) refuses
   overlong forms, surrogates and values above U+10FFFF. */
static size_t utf8_seq(const char *s, size_t left)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)left, &cp);
	return n > 0 ? (size_t)n : 0;
}

static size_t utf8_lossy(const char *s, size_t len, struct buf *out)
{
	size_t bad = 0;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(s + i, len - i);
		if (n == 0) {
			buf_puts(out, REPLACEMENT);
			bad++;
			i++;
			continue;
		}
		buf_append(out, s + i, n);
		i += n;
	}
	return bad;
}

/* ISO-2022-JP (and CP50220/50221/50222) to CP932 bytes.  JIS X 0212 and
   unknown escapes have no CP932 form: their characters become '\x80'-less
   markers that CP932 refuses, so they end up as U+FFFD. */
static void iso2022jp_to_cp932(const char *s, size_t len, struct buf *cp)
{
	enum { ASCII, JIS0208, KANA, OTHER } mode = ASCII;
	int shifted = 0; /* SO ... SI: half-width kana (CP50222) */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x1B && i + 2 < len) {
			const char *q = s + i + 1;
			if (q[0] == '$' && (q[1] == 'B' || q[1] == '@'))
				mode = JIS0208, i += 2;
			else if (q[0] == '(' && (q[1] == 'B' || q[1] == 'J'))
				mode = ASCII, i += 2;
			else if (q[0] == '(' && q[1] == 'I')
				mode = KANA, i += 2;
			else if (q[0] == '$' && q[1] == '(' && i + 3 < len)
				/* JIS X 0213 plane 1 (O, Q) shares its row 13 with NEC's */
				mode = q[2] && strchr("B@OQ", q[2]) ? JIS0208 : OTHER, i += 3;
			else
				buf_putc(cp, (char)0xFF); /* refused by CP932 */
			continue;
		}
		if (c == 0x0E || c == 0x0F) {
			shifted = c == 0x0E;
			continue;
		}
		if (c == '\n' || c == '\r') { /* a line ends every shift (RFC 1468) */
			mode = ASCII;
			shifted = 0;
			buf_putc(cp, (char)c);
			continue;
		}
		if ((mode == KANA || shifted) && c >= 0x21 && c <= 0x5F) {
			buf_putc(cp, (char)(c + 0x80));
			continue;
		}
		if ((mode == JIS0208 || mode == OTHER) && c >= 0x21 && c <= 0x7E) {
			if (i + 1 >= len || mode == OTHER) {
				buf_putc(cp, (char)0xFF);
				i += mode == OTHER;
				continue;
			}
			unsigned j1 = c, j2 = (unsigned char)s[++i];
			if (j2 < 0x21 || j2 > 0x7E) {
				buf_putc(cp, (char)0xFF);
				continue;
			}
			/* JIS row/cell to Shift_JIS lead/trail bytes */
			unsigned lead = ((j1 + 1) >> 1) + (j1 <= 0x5E ? 0x70 : 0xB0);
			unsigned trail = j2 + (j1 & 1 ? (j2 <= 0x5F ? 0x1F : 0x20) : 0x7E);
			buf_putc(cp, (char)lead);
			buf_putc(cp, (char)trail);
			continue;
		}
		buf_putc(cp, (char)c);
	}
}

/* Converts from a charset glibc is known to have. */
static size_t convert_named(const char *charset, const char *s, size_t len, struct buf *out)
{
	iconv_t cd = to_utf8(charset);
	if (cd == (iconv_t)-1) { /* cannot happen with glibc; never pass bytes */
		for (size_t i = 0; i < len; i++)
			buf_puts(out, REPLACEMENT);
		return len;
	}
	size_t bad = iconv_lossy(cd, s, len, out);
	release(cd);
	return bad;
}

static size_t decode_iso2022jp(const char *s, size_t len, struct buf *out)
{
	struct buf cp = BUF_INIT;
	iso2022jp_to_cp932(s, len, &cp);
	size_t bad = convert_named("CP932", buf_str(&cp), cp.len, out);
	buf_free(&cp);
	return bad;
}

static int name_is(const char *cs, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp(cs, *names) == 0)
			return 1;
	return 0;
}

static const char *const jis_names[] = {"iso-2022-jp", "csiso2022jp", "iso2022jp", "cp50220",
					 "cp50221", "cp50222", "iso-2022-jp-ms", "x-iso-2022-jp-ms",
					 "iso-2022-jp-1", NULL};
static const char *const sjis_names[] = {"shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji",
					  "csshiftjis", "windows-31j", "cp932", "ms932",
					  "x-ms-cp932", "shift_jisx0213", NULL};
static const char *const euc_names[] = {"euc-jp", "x-euc-jp", "eucjp", "euc_jp",
					 "cseucpkdfmtjapanese", "euc-jp-ms", NULL};
static const char *const utf8_names[] = {"utf-8", "utf8", "x-utf-8", NULL};
static const char *const ascii_names[] = {"us-ascii", "ascii", "ansi_x3.4-1968", "646", NULL};

static int has_jis_escape(const char *s, size_t len)
{
	return memmem(s, len, "\x1B$B", 3) || memmem(s, len, "\x1B$@", 3);
}

/* No label, or one the bytes contradict: the bytes decide. */
static void detect(const char *s, size_t len, struct buf *out, struct text_decoding *d)
{
	if (!has_8bit(s, len)) {
		if (has_jis_escape(s, len)) {
			d->used = "ISO-2022-JP";
			d->replaced = decode_iso2022jp(s, len, out);
		} else {
			d->used = "US-ASCII";
			buf_append(out, s, len);
		}
		return;
	}
	if (utf8_valid(s, (long)len)) {
		d->used = "UTF-8";
		buf_append(out, s, len);
		return;
	}
	/* EUC-JP before CP932: EUC kanji pairs are often also valid CP932
	   half-width kana, while CP932 kanji leads (0x81–0x9F) are never EUC. */
	if (count_bad("EUC-JP-MS", s, len) == 0) {
		d->used = "EUC-JP";
		d->replaced = convert_named("EUC-JP-MS", s, len, out);
		return;
	}
	d->used = "CP932";
	d->replaced = convert_named("CP932", s, len, out);
}

static void decode(const char *charset, const char *s, size_t len, struct buf *out,
		   struct text_decoding *d)
{
	if (!charset || !*charset) {
		detect(s, len, out, d);
		return;
	}
	if (name_is(charset, jis_names) || name_is(charset, ascii_names)) {
		if (has_8bit(s, len)) {
			d->mislabelled = 1;
			detect(s, len, out, d);
			return;
		}
		d->used = has_jis_escape(s, len) ? "ISO-2022-JP" : "US-ASCII";
		d->replaced = decode_iso2022jp(s, len, out);
		return;
	}
	if (name_is(charset, utf8_names)) {
		if (!utf8_valid(s, (long)len) && count_bad("CP932", s, len) == 0) {
			d->mislabelled = 1;
			detect(s, len, out, d);
			return;
		}
		d->used = "UTF-8";
		d->replaced = utf8_lossy(s, len, out);
		return;
	}
	const char *use = name_is(charset, sjis_names)  ? "CP932"
			  : name_is(charset, euc_names) ? "EUC-JP-MS"
							 : g_mime_charset_iconv_name(charset);
	iconv_t cd = to_utf8(use);
	if (cd == (iconv_t)-1) {
		d->unknown = 1;
		detect(s, len, out, d);
		return;
	}
	size_t mark = out->len;
	size_t bad = iconv_lossy(cd, s, len, out);
	release(cd);
	/* UTF-8 bytes under a Japanese legacy label: the label was wrong. */
	if (bad && utf8_valid(s, (long)len)) {
		out->len = mark;
		out->data[mark] = '\0';
		d->mislabelled = 1;
		detect(s, len, out, d);
		return;
	}
	d->used = use;
	d->replaced = bad;
}

/* Line breaks to LF; controls other than tab to U+FFFD (a terminal escape
   or a BiDi trick should not reach the reader through a text part). */
static void normalise(const char *s, size_t len, struct buf *out, struct text_decoding *d)
{
	buf_reserve(out, len);
	size_t run = 0; /* start of the bytes copied unchanged */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int special = c < 0x20 || c == 0x7F || c == 0xE2;
		if (!special || c == '\t' || c == '\n')
			continue;
		if (c == 0xE2 && !(i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
				   (unsigned char)s[i + 2] >= 0xAA && (unsigned char)s[i + 2] <= 0xAE))
			continue;
		buf_append(out, s + run, i - run);
		if (c == '\r') {
			buf_putc(out, '\n');
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			/* a control character, or U+202A–U+202E (BiDi embedding, override) */
			buf_puts(out, REPLACEMENT);
			d->replaced++;
			if (c == 0xE2)
				i += 2;
		}
		run = i + 1;
	}
	buf_append(out, s + run, len - run);
}

void mail_text_to_utf8(const char *charset, const char *s, size_t len, struct buf *out,
		       struct text_decoding *d)
{
	*d = (struct text_decoding){"US-ASCII", 0, 0, 0};
	if (len == 0)
		return;
	struct buf tmp = BUF_INIT;
	decode(charset, s, len, &tmp, d);
	if (!utf8_valid(buf_str(&tmp), (long)tmp.len)) {
		/* glibc's converters let a few things through (UTF-8 beyond
		   U+10FFFF from its own UTF-8 alias): never pass them on */
		struct buf strict = BUF_INIT;
		d->replaced += utf8_lossy(buf_str(&tmp), tmp.len, &strict);
		buf_free(&tmp);
		tmp = strict;
	}
	normalise(buf_str(&tmp), tmp.len, out, d);
	buf_free(&tmp);
}
