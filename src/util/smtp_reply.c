/*
 * smtp_reply.c — the relay's replies, read strictly (RFC 5321 4.2):
 *
 *   Reply-line = *( Reply-code "-" [ textstring ] CRLF )
 *                Reply-code [ SP textstring ] CRLF
 *   Reply-code = %x32-35 %x30-35 %x30-39
 *   textstring = 1*( %d09 / %d32-126 )
 *
 * Anything else ends the session: a relay that speaks something else is not
 * one mamori should hand thousands of one-time links to.
 */
#include <stdio.h>
#include <string.h>

#include "util/smtp_internal.h"

void smtp_reply_init(struct smtp_reply *r)
{
	memset(r, 0, sizeof *r);
}

const char *smtp_reply_text(const struct smtp_reply *r)
{
	return r->text;
}

static int is_text_char(unsigned char ch)
{
	return ch == '\t' || (ch >= 32 && ch <= 126);
}

/* Appends to the joined text, keeping room for the NUL; cuts silently. */
static void text_add(struct smtp_reply *r, const char *s, size_t n)
{
	size_t room = sizeof r->text - 1 - r->text_len;
	if (n > room)
		n = room;
	memcpy(r->text + r->text_len, s, n);
	r->text_len += n;
	r->text[r->text_len] = '\0';
}

static int ascii_ieq(const char *a, size_t n, const char *word)
{
	size_t k = strlen(word);
	if (n != k)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = a[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != word[i])
			return 0;
	}
	return 1;
}

/* EHLO lines after the first are "KEYWORD [params]". */
static void note_keyword(struct smtp_reply *r, const char *text, size_t n)
{
	size_t k = 0;
	while (k < n && text[k] != ' ')
		k++;
	if (ascii_ieq(text, k, "PIPELINING"))
		r->pipelining = 1;
	else if (ascii_ieq(text, k, "CHUNKING"))
		r->chunking = 1;
}

/* One line without its CRLF. */
static int parse_line(struct smtp_reply *r, const char *line, size_t n, struct err *e)
{
	if (n < 3 || line[0] < '2' || line[0] > '5' || line[1] < '0' || line[1] > '5' ||
	    line[2] < '0' || line[2] > '9')
		return err_set(e, ERR_IO, "中継サーバーの応答が SMTP の形式ではありません（応答コードがありません）");
	int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
	if (r->code && code != r->code)
		return err_set(e, ERR_IO, "中継サーバーの応答が SMTP の形式ではありません（複数行の応答の途中で応答コードが %d から %d に変わりました）",
			       r->code, code);
	if (n > 3 && line[3] != ' ' && line[3] != '-')
		return err_set(e, ERR_IO, "中継サーバーの応答が SMTP の形式ではありません（応答コードの後が空白でも「-」でもありません）");
	for (size_t i = 4; i < n; i++)
		if (!is_text_char((unsigned char)line[i]))
			return err_set(e, ERR_IO, "中継サーバーの応答に使えない文字（制御文字または ASCII 以外の文字）があります");
	if (++r->nlines > SMTP_REPLY_LINES_MAX)
		return err_set(e, ERR_IO, "中継サーバーの応答が長すぎます（%d 行を超えました）", SMTP_REPLY_LINES_MAX);
	if (!r->code) {
		char num[4] = {line[0], line[1], line[2], '\0'};
		r->code = code;
		text_add(r, num, 3);
		if (n > 4) {
			text_add(r, " ", 1);
			text_add(r, line + 4, n - 4);
		}
	} else {
		if (n > 4)
			note_keyword(r, line + 4, n - 4);
		if (n > 4 && r->text_len + 3 < sizeof r->text - 1) {
			text_add(r, " / ", 3);
			text_add(r, line + 4, n - 4);
		}
	}
	r->done = n == 3 || line[3] == ' ';
	return 0;
}

int smtp_reply_parse(struct smtp_reply *r, const char *data, size_t n, size_t *used, struct err *e)
{
	size_t pos = 0;
	*used = 0;
	while (!r->done && pos < n) {
		const char *lf = memchr(data + pos, '\n', n - pos);
		if (!lf) {
			if (n - pos > SMTP_REPLY_LINE_MAX)
				return err_set(e, ERR_IO, "中継サーバーの応答の行が長すぎます（%d バイトを超えました）",
					       SMTP_REPLY_LINE_MAX);
			break; /* wait for the rest of the line */
		}
		size_t end = (size_t)(lf - data);
		if (end == pos || data[end - 1] != '\r')
			return err_set(e, ERR_IO, "中継サーバーの応答が SMTP の形式ではありません（行末が CRLF ではありません）");
		size_t len = end - 1 - pos;
		if (len > SMTP_REPLY_LINE_MAX)
			return err_set(e, ERR_IO, "中継サーバーの応答の行が長すぎます（%d バイトを超えました）",
				       SMTP_REPLY_LINE_MAX);
		if (parse_line(r, data + pos, len, e))
			return e->code;
		pos = end + 1;
		*used = pos;
	}
	return 0;
}
