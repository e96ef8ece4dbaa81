/*
 * smtp_net.c — the TCP connection to the relay: name resolution (IPv4 and
 * IPv6), a connect timeout, non-blocking reads and writes each bounded by an
 * I/O timeout (a relay that stops answering must not hang a batch of
 * reminders), and one buffered write per pipelined group.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "util/smtp_internal.h"

enum { CONNECT_MS = 10000, IO_MS = 60000 };

/* MAMORI_SMTP_TIMEOUT (seconds, 1–600) overrides both timeouts: for tests
 * and for relays known to be slow. */
static void set_timeouts(struct smtp_conn *c)
{
	c->connect_ms = CONNECT_MS;
	c->io_ms = IO_MS;
	const char *t = getenv("MAMORI_SMTP_TIMEOUT");
	if (t && *t) {
		char *end;
		long v = strtol(t, &end, 10);
		if (!*end && v >= 1 && v <= 600)
			c->connect_ms = c->io_ms = (int)v * 1000;
	}
}

static const char *errtext(int errnum, char *tmp, size_t n)
{
	return strerror_r(errnum, tmp, n);
}

/* Waits until fd is ready for events; 0, or -1 with errno (ETIMEDOUT). */
static int wait_ready(int fd, short events, int ms)
{
	struct pollfd p = {.fd = fd, .events = events};
	for (;;) {
		int r = poll(&p, 1, ms);
		if (r > 0)
			return 0;
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (errno != EINTR)
			return -1;
	}
}

static int try_connect(const struct addrinfo *ai, int ms)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
		return -1;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		int soerr = 0;
		socklen_t len = sizeof soerr;
		if (errno != EINPROGRESS || wait_ready(fd, POLLOUT, ms) < 0 ||
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) < 0 || soerr) {
			int saved = soerr ? soerr : errno;
			close(fd);
			errno = saved;
			return -1;
		}
	}
	/* We write whole groups ourselves; Nagle would only hold the tail of
	 * one back until the relay acknowledges the previous. */
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
}

/* The name EHLO announces: the host name when it is a valid domain,
 * otherwise our address as a literal ("[192.0.2.1]", "[IPv6:…]"). */
static void choose_helo_name(struct smtp_conn *c)
{
	char host[256] = "";
	int ok = gethostname(host, sizeof host - 1) == 0 && host[0] && host[0] != '.' && host[0] != '-';
	for (const char *p = host; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		     *p == '-' || *p == '.';
	if (ok) {
		snprintf(c->helo_name, sizeof c->helo_name, "%s", host);
		return;
	}
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	char addr[INET6_ADDRSTRLEN] = "127.0.0.1";
	int v6 = 0;
	if (getsockname(c->fd, (struct sockaddr *)&ss, &len) == 0) {
		if (ss.ss_family == AF_INET6) {
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, addr, sizeof addr);
			v6 = 1;
		} else if (ss.ss_family == AF_INET) {
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, addr, sizeof addr);
		}
	}
	snprintf(c->helo_name, sizeof c->helo_name, "[%s%s]", v6 ? "IPv6:" : "", addr);
}

int smtp_conn_open(struct smtp_conn *c, const struct smtp_relay *relay, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->fd = -1;
	set_timeouts(c);
	int v6 = strchr(relay->host, ':') != NULL;
	snprintf(c->peer, sizeof c->peer, "%s%s%s:%d", v6 ? "[" : "", relay->host, v6 ? "]" : "", relay->port);
	char port[8];
	snprintf(port, sizeof port, "%d", relay->port);
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res = NULL;
	int rc = getaddrinfo(relay->host, port, &hints, &res);
	if (rc)
		return err_set(e, ERR_IO, "中継サーバー「%s」の名前を解決できません（%s）", relay->host,
			       gai_strerror(rc));
	int last = 0;
	for (const struct addrinfo *ai = res; ai && c->fd < 0; ai = ai->ai_next) {
		c->fd = try_connect(ai, c->connect_ms);
		if (c->fd < 0)
			last = errno;
	}
	freeaddrinfo(res);
	if (c->fd < 0) {
		char tmp[128];
		return err_set(e, ERR_IO, "中継サーバー %s に接続できません（%s）", c->peer,
			       last == ETIMEDOUT ? "応答がないまま時間切れになりました" : errtext(last, tmp, sizeof tmp));
	}
	choose_helo_name(c);
	return 0;
}

static int io_fail(struct smtp_conn *c, const char *what, int errnum, struct err *e)
{
	char tmp[128];
	if (errnum == ETIMEDOUT)
		return err_set(e, ERR_IO, "中継サーバー %s が %d 秒以内に応答しませんでした（%s）", c->peer,
			       c->io_ms / 1000, what);
	return err_set(e, ERR_IO, "中継サーバー %s との通信に失敗しました（%s: %s）", c->peer, what,
		       errtext(errnum, tmp, sizeof tmp));
}

int smtp_conn_flush(struct smtp_conn *c, struct err *e)
{
	size_t off = 0;
	while (off < c->out.len) {
		ssize_t w = send(c->fd, c->out.data + off, c->out.len - off, MSG_NOSIGNAL);
		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (wait_ready(c->fd, POLLOUT, c->io_ms) < 0)
				return io_fail(c, "送信", errno, e);
			continue;
		}
		return io_fail(c, "送信", errno, e);
	}
	buf_reset(&c->out);
	return 0;
}

int smtp_conn_reply(struct smtp_conn *c, struct smtp_reply *r, struct err *e)
{
	if (c->out.len && smtp_conn_flush(c, e))
		return e->code;
	smtp_reply_init(r);
	for (;;) {
		size_t used;
		if (smtp_reply_parse(r, c->in + c->in_start, c->in_len - c->in_start, &used, e))
			return err_prefix(e, "%s", c->peer);
		c->in_start += used;
		if (r->done)
			return 0;
		/* keep the partial line at the front, then read more */
		memmove(c->in, c->in + c->in_start, c->in_len - c->in_start);
		c->in_len -= c->in_start;
		c->in_start = 0;
		if (c->in_len == sizeof c->in)
			return err_set(e, ERR_IO, "中継サーバー %s の応答の行が長すぎます", c->peer);
		ssize_t got = recv(c->fd, c->in + c->in_len, sizeof c->in - c->in_len, 0);
		if (got > 0) {
			c->in_len += (size_t)got;
		} else if (got == 0) {
			return err_set(e, ERR_IO, "中継サーバー %s が接続を切りました", c->peer);
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			if (wait_ready(c->fd, POLLIN, c->io_ms) < 0)
				return io_fail(c, "受信", errno, e);
		} else if (errno != EINTR) {
			return io_fail(c, "受信", errno, e);
		}
	}
}

void smtp_conn_close(struct smtp_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	buf_free(&c->out);
}
