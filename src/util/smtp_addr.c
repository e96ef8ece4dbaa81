/*
 * smtp_addr.c — the two kinds of text mamori puts on the SMTP command line:
 * the relay setting ("host", "host:port", "[v6]:port") and a mail address.
 * Both are checked strictly, because an address goes verbatim into
 * "RCPT TO:<…>" and a CR or LF in it would be a command of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/smtp.h"

int smtp_relay_parse(const char *text, struct smtp_relay *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	const char *host = text, *host_end, *port = NULL;
	if (!text || !*text)
		return err_set(e, ERR_INPUT, "中継サーバー（smtp_relay）が空です（「ホスト名」または「ホスト名:ポート番号」で指定してください）");
	if (*text == '[') {
		const char *close = strchr(text, ']');
		if (!close || close == text + 1 || (close[1] && close[1] != ':'))
			return err_set(e, ERR_INPUT, "中継サーバー「%s」の形式が正しくありません（IPv6 アドレスは [2001:db8::25]:25 のように書きます）",
				       text);
		host = text + 1;
		host_end = close;
		port = close[1] ? close + 2 : NULL;
	} else {
		const char *colon = strchr(text, ':');
		if (colon && strchr(colon + 1, ':')) {
			host_end = text + strlen(text); /* a bare IPv6 address: port 25 */
		} else {
			host_end = colon ? colon : text + strlen(text);
			port = colon ? colon + 1 : NULL;
		}
	}
	size_t n = (size_t)(host_end - host);
	if (n == 0 || n > 253)
		return err_set(e, ERR_INPUT, "中継サーバー「%s」のホスト名が空か長すぎます", text);
	for (const char *p = host; p < host_end; p++) {
		char ch = *p;
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			 ch == '-' || ch == '.' || ch == '_' || (ch == ':' && (*text == '[' || port == NULL));
		if (!ok)
			return err_set(e, ERR_INPUT, "中継サーバー「%s」のホスト名に使えない文字があります（英数字、「-」「.」、IPv6 は [ ] で囲みます）",
				       text);
	}
	long num = 25;
	if (port) {
		char *end;
		num = *port >= '0' && *port <= '9' ? strtol(port, &end, 10) : -1;
		if (num < 1 || num > 65535 || *end)
			return err_set(e, ERR_INPUT, "中継サーバー「%s」のポート番号は 1〜65535 の整数で指定してください", text);
	}
	out->host = xstrndup(host, n);
	out->port = (int)num;
	return 0;
}

void smtp_relay_free(struct smtp_relay *r)
{
	free(r->host);
	r->host = NULL;
}

int smtp_address_check(const char *addr, const char *what, struct err *e)
{
	if (!addr || !*addr)
		return err_set(e, ERR_INPUT, "%sのメールアドレスが空です", what);
	size_t n = strlen(addr);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)addr[i];
		if (ch == '\r' || ch == '\n')
			return err_set(e, ERR_INPUT, "%sのメールアドレスに改行が含まれています", what);
		if (ch <= ' ' || ch >= 127 || strchr("<>(),;:\"\\[]", ch))
			return err_set(e, ERR_INPUT, "%sのメールアドレス「%s」に使えない文字があります（空白、全角文字、< > ( ) , ; : \" \\ [ ] は使えません）",
				       what, addr);
	}
	const char *at = strrchr(addr, '@');
	if (!at || at == addr || !at[1] || strchr(addr, '@') != at)
		return err_set(e, ERR_INPUT, "%sのメールアドレス「%s」は「名前@ドメイン」の形ではありません", what, addr);
	if (n > 254 || (size_t)(at - addr) > 64)
		return err_set(e, ERR_INPUT, "%sのメールアドレス「%s」が長すぎます", what, addr);
	if (at[1] == '.' || addr[n - 1] == '.' || strstr(at, ".."))
		return err_set(e, ERR_INPUT, "%sのメールアドレス「%s」のドメインが正しくありません", what, addr);
	return 0;
}
