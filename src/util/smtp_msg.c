/*
 * smtp_msg.c — one message as the DATA content the relay receives:
 * RFC 5322 headers, the subject as RFC 2047 B-encoded UTF-8 words, the body
 * base64 (RFC 2045) so that Japanese text passes any relay unchanged, CRLF
 * line ends and dot-stuffing.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/smtp_internal.h"
#include "util/timeutil.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of n bytes (no line breaks) into out, which has room for 4 per 3. */
static size_t base64_raw(char *out, const unsigned char *s, size_t n)
{
	size_t o = 0, i = 0;
	for (; i + 3 <= n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = b64[v >> 6 & 63];
		out[o++] = b64[v & 63];
	}
	if (i < n) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	return o;
}

void smtp_base64_lines(struct buf *out, const unsigned char *src, size_t n)
{
	enum { PER_LINE = 57 }; /* 57 bytes make 76 characters */
	char line[80];
	for (size_t i = 0; i < n; i += PER_LINE) {
		size_t k = n - i < PER_LINE ? n - i : PER_LINE;
		size_t len = base64_raw(line, src + i, k);
		line[len++] = '\r';
		line[len++] = '\n';
		buf_append(out, line, len);
	}
}

/* Length of the UTF-8 sequence starting with byte c (1 for anything odd:
 * the input was checked before, this only keeps words whole). */
static size_t utf8_len(unsigned char c)
{
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	if (c >= 0xC0)
		return 2;
	return 1;
}

void smtp_subject_header(struct buf *out, const char *subject)
{
	/* 42 bytes make 56 base64 characters; with "=?UTF-8?B?" and "?=" a word
	 * is 68 characters, so "Subject: " plus one word stays within 78. */
	enum { WORD_BYTES = 42 };
	size_t n = strlen(subject), i = 0;
	char enc[64];
	buf_puts(out, "Subject:");
	if (n == 0) {
		buf_puts(out, " \r\n");
		return;
	}
	while (i < n) {
		size_t k = 0;
		while (i + k < n) {
			size_t c = utf8_len((unsigned char)subject[i + k]);
			if (i + k + c > n || k + c > WORD_BYTES)
				break;
			k += c;
		}
		if (k == 0) /* a truncated sequence at the end: take what is left */
			k = n - i < WORD_BYTES ? n - i : WORD_BYTES;
		size_t len = base64_raw(enc, (const unsigned char *)subject + i, k);
		buf_puts(out, i ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?");
		buf_append(out, enc, len);
		buf_puts(out, "?=");
		i += k;
	}
	buf_puts(out, "\r\n");
}

void smtp_dot_stuff(struct buf *out, const char *text, size_t len)
{
	size_t i = 0;
	while (i < len) {
		const char *lf = memchr(text + i, '\n', len - i);
		size_t end = lf ? (size_t)(lf - text) : len;
		size_t line_end = end > i && text[end - 1] == '\r' ? end - 1 : end;
		if (line_end > i && text[i] == '.')
			buf_putc(out, '.');
		buf_append(out, text + i, line_end - i);
		buf_puts(out, "\r\n");
		i = end + 1;
	}
}

int smtp_utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	while (*s) {
		unsigned char c = *s;
		size_t n;
		unsigned cp;
		if (c < 0x80) {
			s++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1, cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2, cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3, cp = c & 0x07;
		} else {
			return 0;
		}
		for (size_t k = 1; k <= n; k++) {
			if ((s[k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		s += n + 1;
	}
	return 1;
}

/* "Thu, 26 Nov 2026 19:58:54 +0900": English names whatever the locale. */
static void rfc5322_date(time_t t, char out[40])
{
	static const char days[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	t += 9 * 3600; /* municipalities live in JST */
	gmtime_r(&t, &tm);
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0900", days[tm.tm_wday % 7], tm.tm_mday,
		 months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void smtp_envelope_init(struct smtp_envelope *env, const char *from)
{
	memset(env, 0, sizeof *env);
	env->from = from;
	time_t now = time_now_epoch();
	rfc5322_date(now, env->date);
	unsigned char rnd[8];
	randombytes_buf(rnd, sizeof rnd);
	char hex[17];
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	snprintf(env->id_left, sizeof env->id_left, "%lld.%ld.%s", (long long)now, (long)getpid(), hex);
	const char *at = strrchr(from, '@');
	env->id_domain = at ? at + 1 : "localhost";
}

void smtp_message_content(struct buf *out, struct smtp_envelope *env, const struct smtp_message *m)
{
	buf_puts(out, "Date: ");
	buf_puts(out, env->date);
	buf_puts(out, "\r\nFrom: ");
	buf_puts(out, env->from);
	buf_puts(out, "\r\nTo: ");
	buf_puts(out, m->to);
	buf_puts(out, "\r\n");
	smtp_subject_header(out, m->subject);
	buf_puts(out, "Message-ID: <");
	buf_puts(out, env->id_left);
	buf_putc(out, '.');
	buf_put_int(out, (long long)++env->serial);
	buf_putc(out, '@');
	buf_puts(out, env->id_domain);
	buf_puts(out, ">\r\nMIME-Version: 1.0\r\n"
		      "Content-Type: text/plain; charset=UTF-8\r\n"
		      "Content-Transfer-Encoding: base64\r\n\r\n");
	/* The body in canonical form (CRLF line ends) before encoding. */
	struct buf body = BUF_INIT;
	const char *s = m->body ? m->body : "";
	for (const char *p = s; *p; p++) {
		if (*p == '\n' && (p == s || p[-1] != '\r'))
			buf_putc(&body, '\r');
		buf_putc(&body, *p);
	}
	/* Base64 lines never begin with '.', and neither do the headers above
	 * (names and folded words), so no line of this message needs stuffing. */
	smtp_base64_lines(out, (const unsigned char *)buf_str(&body), body.len);
	buf_free(&body);
}

void smtp_message_data(struct buf *out, struct smtp_envelope *env, const struct smtp_message *m)
{
	smtp_message_content(out, env, m);
	buf_puts(out, ".\r\n");
}
