/*
 * test_smtp.c — the pieces of util/smtp*.c that need no relay: the relay
 * setting, address checks, the RFC 2047 subject, the base64 body, dot-
 * stuffing, the whole message, and the strict reply parser.  Sessions with
 * a relay are tested against tests/smtp/sink.py in tests/cli/test_mail.sh.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/smtp_internal.h"

#include "check.h"

static void test_relay_parse(void)
{
	struct smtp_relay r;
	struct err e = {0};
	CHECK(smtp_relay_parse("mail.city.example.lg.jp", &r, &e) == 0);
	CHECK(strcmp(r.host, "mail.city.example.lg.jp") == 0 && r.port == 25);
	smtp_relay_free(&r);
	CHECK(smtp_relay_parse("10.0.0.25:2525", &r, &e) == 0);
	CHECK(strcmp(r.host, "10.0.0.25") == 0 && r.port == 2525);
	smtp_relay_free(&r);
	CHECK(smtp_relay_parse("[2001:db8::25]:587", &r, &e) == 0);
	CHECK(strcmp(r.host, "2001:db8::25") == 0 && r.port == 587);
	smtp_relay_free(&r);
	CHECK(smtp_relay_parse("[::1]", &r, &e) == 0);
	CHECK(strcmp(r.host, "::1") == 0 && r.port == 25);
	smtp_relay_free(&r);
	CHECK(smtp_relay_parse("::1", &r, &e) == 0); /* bare IPv6: port 25 */
	CHECK(strcmp(r.host, "::1") == 0 && r.port == 25);
	smtp_relay_free(&r);
	static const char *const bad[] = {
		"", "host:", "host:0", "host:65536", "host:25x", "host:-1", "host: 25", "ho st",
		"[::1", "[]:25", "[::1]x", "relay\r\n:25", ":25", "host:+25", "ホスト:25",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		CHECK(smtp_relay_parse(bad[i], &r, &e) == ERR_INPUT);
		CHECK(r.host == NULL);
		CHECK(strstr(e.msg, "中継サーバー") != NULL);
	}
}

static void test_address_check(void)
{
	struct err e = {0};
	CHECK(smtp_address_check("joho@city.example.lg.jp", "宛先", &e) == 0);
	CHECK(smtp_address_check("a.b+c@x.jp", "宛先", &e) == 0);
	static const char *const bad[] = {
		"", "noat", "@x.jp", "a@", "a@b@c.jp", "a b@x.jp", "a@x.jp\r\nRCPT TO:<b@y.jp>",
		"a@x.jp\n", "職員@x.jp", "a@.x.jp", "a@x..jp", "a@x.jp.", "<a@x.jp>", "a@x.jp,b@y.jp",
		"\"a\"@x.jp", "a@[10.0.0.1]",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		CHECK(smtp_address_check(bad[i], "宛先", &e) == ERR_INPUT);
		CHECK(strncmp(e.msg, "宛先", strlen("宛先")) == 0);
	}
	err_clear(&e);
	smtp_address_check("a@x.jp\r\nDATA", "宛先", &e);
	CHECK(strstr(e.msg, "改行") != NULL);
}

/* Decodes standard base64 (what RFC 2045 and 2047 B use). */
static size_t unbase64(const char *s, size_t n, unsigned char *out, size_t cap)
{
	size_t len = 0;
	if (sodium_base642bin(out, cap, s, n, "\r\n", &len, NULL, sodium_base64_VARIANT_ORIGINAL))
		return (size_t)-1;
	return len;
}

static void test_base64_lines(void)
{
	struct buf b = BUF_INIT;
	smtp_base64_lines(&b, (const unsigned char *)"foobar", 6);
	CHECK(strcmp(buf_str(&b), "Zm9vYmFy\r\n") == 0);
	buf_reset(&b);
	smtp_base64_lines(&b, (const unsigned char *)"fo", 2);
	CHECK(strcmp(buf_str(&b), "Zm8=\r\n") == 0);
	buf_reset(&b);
	smtp_base64_lines(&b, (const unsigned char *)"f", 1);
	CHECK(strcmp(buf_str(&b), "Zg==\r\n") == 0);
	buf_reset(&b);
	smtp_base64_lines(&b, (const unsigned char *)"", 0);
	CHECK(b.len == 0);
	/* 57 bytes make exactly one 76-character line; 58 start a second */
	unsigned char src[200];
	for (size_t i = 0; i < sizeof src; i++)
		src[i] = (unsigned char)(i * 7 + 3);
	smtp_base64_lines(&b, src, 57);
	CHECK(b.len == 78 && memcmp(b.data + 76, "\r\n", 2) == 0);
	buf_reset(&b);
	smtp_base64_lines(&b, src, sizeof src);
	const char *p = buf_str(&b);
	size_t lines = 0;
	for (const char *nl; (nl = strstr(p, "\r\n")); p = nl + 2, lines++)
		CHECK(nl - p <= 76);
	CHECK(lines == 4);
	unsigned char back[256];
	CHECK(unbase64(b.data, b.len, back, sizeof back) == sizeof src);
	CHECK(memcmp(back, src, sizeof src) == 0);
	buf_free(&b);
}

/* Checks a Subject header: lines of at most 78 characters, every word a
 * whole UTF-8 string, and the words together the original subject. */
static int subject_roundtrip(const char *subject, size_t *nwords)
{
	struct buf b = BUF_INIT, joined = BUF_INIT;
	smtp_subject_header(&b, subject);
	int ok = strncmp(buf_str(&b), "Subject: ", 9) == 0 && b.len >= 2 &&
		 strcmp(b.data + b.len - 2, "\r\n") == 0;
	*nwords = 0;
	const char *p = buf_str(&b);
	for (const char *nl; ok && (nl = strstr(p, "\r\n")); p = nl + 2) {
		ok = nl - p <= 78 && (p == b.data || *p == ' ');
		const char *w = strstr(p, "=?UTF-8?B?");
		if (!w || w > nl)
			continue;
		const char *end = strstr(w + 10, "?=");
		unsigned char part[128];
		size_t n = end ? unbase64(w + 10, (size_t)(end - w - 10), part, sizeof part - 1) : (size_t)-1;
		ok = ok && n != (size_t)-1;
		if (ok) {
			part[n] = '\0';
			ok = smtp_utf8_valid((const char *)part);
			buf_append(&joined, part, n);
			++*nwords;
		}
	}
	ok = ok && strcmp(buf_str(&joined), subject) == 0;
	buf_free(&b);
	buf_free(&joined);
	return ok;
}

static void test_subject(void)
{
	struct buf b = BUF_INIT;
	smtp_subject_header(&b, "Hello");
	CHECK(strcmp(buf_str(&b), "Subject: =?UTF-8?B?SGVsbG8=?=\r\n") == 0);
	buf_free(&b);
	size_t words;
	CHECK(subject_roundtrip("【自己点検】回答のお願い", &words) && words == 1);
	CHECK(subject_roundtrip("【自己点検】令和8年度 情報セキュリティ自己点検（全職員向けチェックリスト）へのご回答のお願い — 回答期限は12月18日です",
				&words) && words >= 4);
	/* 4-byte characters are never split between words either */
	CHECK(subject_roundtrip("𠮷野家𠮷野家𠮷野家𠮷野家𠮷野家𠮷野家𠮷野家𠮷野家𠮷野家𠮷野家", &words) && words >= 2);
	CHECK(subject_roundtrip("ascii only but long enough to need more than one encoded word, surely", &words) &&
	      words == 2);
}

static void test_dot_stuff(void)
{
	struct buf b = BUF_INIT;
	const char *in = ".hidden\n..two\nno.dot\n.\nlast";
	smtp_dot_stuff(&b, in, strlen(in));
	CHECK(strcmp(buf_str(&b), "..hidden\r\n...two\r\nno.dot\r\n..\r\nlast\r\n") == 0);
	buf_reset(&b);
	in = "a\r\n.b\r\n";
	smtp_dot_stuff(&b, in, strlen(in));
	CHECK(strcmp(buf_str(&b), "a\r\n..b\r\n") == 0);
	buf_free(&b);
}

static void test_utf8(void)
{
	CHECK(smtp_utf8_valid("日本語 abc 𠮷"));
	CHECK(!smtp_utf8_valid("\xc0\xaf"));         /* overlong */
	CHECK(!smtp_utf8_valid("\xed\xa0\x80"));     /* surrogate */
	CHECK(!smtp_utf8_valid("\x83\x65"));         /* CP932 */
	CHECK(!smtp_utf8_valid("\xe6\x97"));         /* cut short */
	CHECK(!smtp_utf8_valid("\xf4\x90\x80\x80")); /* beyond U+10FFFF */
}

static void test_message(void)
{
	struct smtp_envelope env;
	struct buf b = BUF_INIT;
	setenv("MAMORI_NOW", "2026-11-26T03:04:05Z", 1);
	smtp_envelope_init(&env, "joho@city.example.lg.jp");
	struct smtp_message m = {"s000001@city.example.lg.jp", "自己点検のお願い",
				 "職員各位\n\n.先頭の点\n以上\n"};
	smtp_message_data(&b, &env, &m);
	const char *s = buf_str(&b);
	CHECK(strncmp(s, "Date: Thu, 26 Nov 2026 12:04:05 +0900\r\n", 39) == 0);
	CHECK(strstr(s, "\r\nFrom: joho@city.example.lg.jp\r\n") != NULL);
	CHECK(strstr(s, "\r\nTo: s000001@city.example.lg.jp\r\n") != NULL);
	CHECK(strstr(s, "\r\nMessage-ID: <") != NULL && strstr(s, ".1@city.example.lg.jp>\r\n") != NULL);
	CHECK(strstr(s, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			"Content-Transfer-Encoding: base64\r\n\r\n") != NULL);
	CHECK(b.len > 5 && strcmp(s + b.len - 5, "\r\n.\r\n") == 0);
	/* the body: base64 of the text with CRLF line ends */
	const char *body = strstr(s, "\r\n\r\n") + 4;
	unsigned char dec[512];
	size_t n = unbase64(body, (size_t)(s + b.len - 3 - body), dec, sizeof dec - 1);
	CHECK(n != (size_t)-1);
	if (n != (size_t)-1) {
		dec[n] = '\0';
		CHECK(strcmp((char *)dec, "職員各位\r\n\r\n.先頭の点\r\n以上\r\n") == 0);
	}
	/* no line of the content starts with a lone dot before the end */
	CHECK(strstr(s, "\r\n.\r\n") == s + b.len - 5);
	/* a second message of the session gets its own Message-ID; a BDAT
	 * chunk is the same content without the final dot */
	struct buf b2 = BUF_INIT, chunk = BUF_INIT;
	smtp_message_data(&b2, &env, &m);
	CHECK(strstr(buf_str(&b2), ".2@city.example.lg.jp>\r\n") != NULL);
	env.serial--;
	smtp_message_content(&chunk, &env, &m);
	CHECK(chunk.len + 3 == b2.len && memcmp(chunk.data, b2.data, chunk.len) == 0);
	buf_free(&chunk);
	buf_free(&b);
	buf_free(&b2);
	unsetenv("MAMORI_NOW");
}

/* Parses text as one reply from start to end. */
static int parse_all(const char *text, struct smtp_reply *r, size_t *used, struct err *e)
{
	smtp_reply_init(r);
	return smtp_reply_parse(r, text, strlen(text), used, e);
}

static void test_reply(void)
{
	struct smtp_reply r;
	struct err e = {0};
	size_t used;
	CHECK(parse_all("250 2.0.0 Ok\r\n", &r, &used, &e) == 0 && r.done && r.code == 250);
	CHECK(used == 14 && strcmp(smtp_reply_text(&r), "250 2.0.0 Ok") == 0);
	CHECK(parse_all("221\r\n", &r, &used, &e) == 0 && r.done && r.code == 221);
	/* multi-line, with the extension list of EHLO; a second reply waits */
	const char *ehlo = "250-relay.example\r\n250-SIZE 10240000\r\n250-pipelining\r\n250 8BITMIME\r\n354 go\r\n";
	CHECK(parse_all(ehlo, &r, &used, &e) == 0 && r.done && r.code == 250 && r.pipelining);
	CHECK(used == strlen(ehlo) - strlen("354 go\r\n") && r.nlines == 4);
	CHECK(parse_all("250-relay.example\r\n250 8BITMIME\r\n", &r, &used, &e) == 0 && !r.pipelining);
	/* PIPELINING on the first line is the greeting text, not an extension */
	CHECK(parse_all("250 PIPELINING\r\n", &r, &used, &e) == 0 && !r.pipelining);
	/* incomplete: stops after the complete lines and resumes */
	smtp_reply_init(&r);
	const char *part = "550-5.1.1 first\r\n550 5.1";
	CHECK(smtp_reply_parse(&r, part, strlen(part), &used, &e) == 0 && !r.done && used == 17);
	CHECK(smtp_reply_parse(&r, "550 5.1.1 second\r\n", 18, &used, &e) == 0 && r.done && used == 18);
	CHECK(strcmp(smtp_reply_text(&r), "550 5.1.1 first / 5.1.1 second") == 0);
	static const char *const bad[] = {
		"25 short\r\n",            /* two digits */
		"650 not a class\r\n",     /* first digit 2–5 */
		"160 x\r\n",
		"260 x\r\n",               /* second digit 0–5 */
		"25x x\r\n",
		"250xok\r\n",              /* neither space nor dash */
		"250 ok\n",                /* bare LF */
		"\n",
		"250-a\r\n251 b\r\n",      /* the code changes */
		"250 bell\a\r\n",          /* control character */
		"250 caf\xc3\xa9\r\n",     /* not ASCII */
		"250 a\rb\r\n",            /* a lone CR inside */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		CHECK(parse_all(bad[i], &r, &used, &e) == ERR_IO);
		CHECK(strstr(e.msg, "中継サーバー") != NULL);
	}
	/* a line longer than the limit, complete or not */
	struct buf lng = BUF_INIT;
	buf_puts(&lng, "250 ");
	for (int i = 0; i < SMTP_REPLY_LINE_MAX; i++)
		buf_putc(&lng, 'x');
	CHECK(parse_all(buf_str(&lng), &r, &used, &e) == ERR_IO);
	buf_puts(&lng, "\r\n");
	CHECK(parse_all(buf_str(&lng), &r, &used, &e) == ERR_IO);
	/* endless continuation lines */
	buf_reset(&lng);
	for (int i = 0; i <= SMTP_REPLY_LINES_MAX; i++)
		buf_puts(&lng, "250-x\r\n");
	CHECK(parse_all(buf_str(&lng), &r, &used, &e) == ERR_IO);
	buf_free(&lng);
	/* a long text is cut, never overflows */
	struct buf many = BUF_INIT;
	for (int i = 0; i < 50; i++)
		buf_puts(&many, "250-abcdefghijklmnopqrstuvwxyz0123456789\r\n");
	buf_puts(&many, "250 end\r\n");
	CHECK(parse_all(buf_str(&many), &r, &used, &e) == 0 && r.done && strlen(r.text) < sizeof r.text);
	buf_free(&many);
}

static void test_refused_before_connecting(void)
{
	/* port 9 on the discard address would hang or fail: nothing may be
	 * attempted when the input is bad, so the error is ERR_INPUT at once */
	struct smtp_relay relay = {"192.0.2.1", 9};
	struct smtp_message m[2] = {{"ok@x.jp", "件名", "本文"}, {"bad\r\n@x.jp", "件名", "本文"}};
	unsigned char sent[2] = {1, 1};
	struct err e = {0};
	CHECK(smtp_send(&relay, "joho@x.jp", m, 2, sent, NULL, NULL, &e) == ERR_INPUT);
	CHECK(strstr(e.msg, "2 通目の宛先") != NULL && sent[0] == 0 && sent[1] == 0);
	err_clear(&e);
	CHECK(smtp_send(&relay, "joho", m, 1, sent, NULL, NULL, &e) == ERR_INPUT);
	CHECK(strstr(e.msg, "差出人") != NULL);
	struct smtp_message subj = {"ok@x.jp", "件名\r\nBcc: x@y.jp", "本文"};
	err_clear(&e);
	CHECK(smtp_send(&relay, "joho@x.jp", &subj, 1, sent, NULL, NULL, &e) == ERR_INPUT);
	CHECK(strstr(e.msg, "件名に改行") != NULL);
	struct smtp_message cp932 = {"ok@x.jp", "件名", "\x83\x65\x83\x58\x83\x67"};
	err_clear(&e);
	CHECK(smtp_send(&relay, "joho@x.jp", &cp932, 1, sent, NULL, NULL, &e) == ERR_INPUT);
	err_clear(&e);
	CHECK(smtp_send(&relay, "joho@x.jp", m, 0, sent, NULL, NULL, &e) == 0);
}

int main(void)
{
	test_relay_parse();
	test_address_check();
	test_base64_lines();
	test_subject();
	test_dot_stuff();
	test_utf8();
	test_message();
	test_reply();
	test_refused_before_connecting();
	return check_report();
}
