/*
 * mail_bench.c — the mail benchmark's helper (bench/mail.sh).
 *
 *   mail_bench send HOST:PORT N   N one-time-link messages through smtp_send
 *                                 (one session); prints seconds and accepted
 *   mail_bench raw HOST:PORT N    the baseline: the same session's bytes (the
 *                                 same commands and the same message content)
 *                                 written to the sink through a plain socket
 *                                 as fast as it takes them, replies read
 *                                 but never waited for; prints seconds
 *
 * Both link libmamori.a, so the messages are built by the same code.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/smtp_internal.h"

#define FROM "joho@city.example.lg.jp"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* N messages shaped like the self-inspection's one-time links. */
static struct smtp_message *make_messages(size_t n, char ***owned)
{
	struct smtp_message *v = xcalloc(n, sizeof *v);
	char **keep = xcalloc(2 * n, sizeof *keep);
	for (size_t i = 0; i < n; i++) {
		keep[2 * i] = xasprintf("s%06zu@city.example.lg.jp", i + 1);
		keep[2 * i + 1] = xasprintf(
			"職員番号 %06zu 様\n\n令和8年度 情報セキュリティ自己点検へのご回答をお願いします。\n"
			"次のリンクから回答できます（あなた専用、一度だけ使えます）。\n\n"
			"https://mamori.city.example.lg.jp/inspect/a/%032zx\n\n"
			"回答期限: 2026年12月18日\n情報政策課\n",
			i + 1, i * 2654435761u);
		v[i].to = keep[2 * i];
		v[i].subject = "【自己点検】令和8年度 情報セキュリティ自己点検のお願い";
		v[i].body = keep[2 * i + 1];
	}
	*owned = keep;
	return v;
}

static int run_send(const struct smtp_relay *relay, struct smtp_message *v, size_t n)
{
	unsigned char *sent = xcalloc(n, 1);
	struct err e = {0};
	double t0 = now_s();
	int rc = smtp_send(relay, FROM, v, n, sent, NULL, NULL, &e);
	double t1 = now_s();
	size_t ok = 0;
	for (size_t i = 0; i < n; i++)
		ok += sent[i];
	free(sent);
	if (rc) {
		fprintf(stderr, "mail_bench: %s\n", e.msg);
		return 1;
	}
	printf("%.4f %zu\n", t1 - t0, ok);
	return 0;
}

static int run_raw(const struct smtp_relay *relay, struct smtp_message *v, size_t n)
{
	struct buf out = BUF_INIT;
	struct smtp_envelope env;
	smtp_envelope_init(&env, FROM);
	buf_puts(&out, "EHLO bench.example\r\n");
	for (size_t i = 0; i < n; i++) {
		buf_printf(&out, "MAIL FROM:<%s>\r\nRCPT TO:<%s>\r\nDATA\r\n", FROM, v[i].to);
		smtp_message_data(&out, &env, &v[i]);
	}
	buf_puts(&out, "QUIT\r\n");
	char port[8];
	snprintf(port, sizeof port, "%d", relay->port);
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res;
	if (getaddrinfo(relay->host, port, &hints, &res))
		return 1;
	double t0 = now_s();
	int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (connect(fd, res->ai_addr, res->ai_addrlen) < 0 && errno != EINPROGRESS)
		return 1;
	freeaddrinfo(res);
	size_t off = 0;
	char in[65536];
	int closed = 0;
	while (!closed) {
		struct pollfd p = {.fd = fd, .events = POLLIN | (off < out.len ? POLLOUT : 0)};
		if (poll(&p, 1, 60000) <= 0)
			return 1;
		if ((p.revents & POLLOUT) && off < out.len) {
			ssize_t w = send(fd, out.data + off, out.len - off, MSG_NOSIGNAL);
			if (w > 0)
				off += (size_t)w;
		}
		if (p.revents & (POLLIN | POLLHUP)) {
			ssize_t r = recv(fd, in, sizeof in, 0);
			if (r == 0)
				closed = 1; /* the sink closes after QUIT */
		}
	}
	double t1 = now_s();
	close(fd);
	buf_free(&out);
	printf("%.4f\n", t1 - t0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: mail_bench send|raw HOST:PORT N\n");
		return 2;
	}
	struct smtp_relay relay;
	struct err e = {0};
	if (smtp_relay_parse(argv[2], &relay, &e)) {
		fprintf(stderr, "mail_bench: %s\n", e.msg);
		return 2;
	}
	size_t n = (size_t)strtoul(argv[3], NULL, 10);
	char **owned;
	struct smtp_message *v = make_messages(n, &owned);
	int rc = strcmp(argv[1], "raw") == 0 ? run_raw(&relay, v, n) : run_send(&relay, v, n);
	for (size_t i = 0; i < 2 * n; i++)
		free(owned[i]);
	free(owned);
	free(v);
	smtp_relay_free(&relay);
	return rc;
}
