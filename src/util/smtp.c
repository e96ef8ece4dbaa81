/*
 * smtp.c — the SMTP session (smtp.h): checks every address and text before
 * connecting, then greeting, EHLO (HELO when the relay does not know EHLO),
 * one transaction per message, RSET after a refused one, QUIT at the end.
 *
 * With PIPELINING (RFC 2920) a message costs one round trip: its content
 * and final dot go out together with the next message's MAIL, RCPT and
 * DATA, and the replies are read back in order.  DATA stays the point where
 * we wait, as the RFC demands, because the content may only follow a 354.
 * When the relay offers CHUNKING (RFC 3030) too, BDAT replaces DATA and
 * nothing needs waiting for: see run_chunked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/smtp_internal.h"

/* Everything the relay could refuse for being malformed, and everything
 * that could smuggle a header, is refused here before a byte is sent. */
static int check_input(const char *from, const struct smtp_message *v, size_t n, struct err *e)
{
	if (smtp_address_check(from, "差出人（mail_from）", e))
		return e->code;
	for (size_t i = 0; i < n; i++) {
		char what[64];
		snprintf(what, sizeof what, "%zu 通目の宛先", i + 1);
		if (smtp_address_check(v[i].to, what, e))
			return e->code;
		const char *s = v[i].subject ? v[i].subject : "";
		if (strpbrk(s, "\r\n"))
			return err_set(e, ERR_INPUT, "%zu 通目の件名に改行が含まれています", i + 1);
		if (!smtp_utf8_valid(s) || (v[i].body && !smtp_utf8_valid(v[i].body)))
			return err_set(e, ERR_INPUT, "%zu 通目の件名か本文が UTF-8 ではありません", i + 1);
	}
	return 0;
}

/* One session's state. */
struct session {
	struct smtp_conn conn;
	int pipelining;
	int chunking;
	struct smtp_envelope env;
	const struct smtp_message *v;
	size_t n;
	unsigned char *sent;
	smtp_progress_fn progress;
	smtp_refused_fn refused;
	void *arg;
	size_t done;
	size_t nrefused;
	char first_refusal[800];
};

static int positive(const struct smtp_reply *r)
{
	return r->code >= 200 && r->code < 300;
}

/* 421: the relay is closing the connection; nothing more will go. */
static int closing(struct session *s, const struct smtp_reply *r, struct err *e)
{
	if (r->code != 421)
		return 0;
	return err_set(e, ERR_IO, "中継サーバー %s が接続を終えました（%s）", s->conn.peer, smtp_reply_text(r));
}

static int expect(struct session *s, struct smtp_reply *r, int want, const char *step, struct err *e)
{
	if (smtp_conn_reply(&s->conn, r, e))
		return e->code;
	if (r->code / 100 != want / 100)
		return err_set(e, ERR_IO, "中継サーバー %s が %s を受け付けませんでした（応答: %s）", s->conn.peer, step,
			       smtp_reply_text(r));
	return 0;
}

static void put_cmd(struct session *s, const char *verb, const char *arg, const char *tail)
{
	buf_puts(&s->conn.out, verb);
	buf_puts(&s->conn.out, arg);
	buf_puts(&s->conn.out, tail);
}

static int greet(struct session *s, struct err *e)
{
	struct smtp_reply r;
	if (smtp_conn_reply(&s->conn, &r, e))
		return e->code;
	if (r.code != 220)
		return err_set(e, ERR_IO, "中継サーバー %s が接続を断りました（応答: %s）", s->conn.peer, smtp_reply_text(&r));
	put_cmd(s, "EHLO ", s->conn.helo_name, "\r\n");
	if (smtp_conn_reply(&s->conn, &r, e))
		return e->code;
	if (positive(&r)) {
		s->pipelining = r.pipelining;
		s->chunking = r.pipelining && r.chunking;
		return 0;
	}
	if (r.code / 100 != 5) /* 4xx: try later, not HELO */
		return err_set(e, ERR_IO, "中継サーバー %s が EHLO を受け付けませんでした（応答: %s）", s->conn.peer,
			       smtp_reply_text(&r));
	put_cmd(s, "HELO ", s->conn.helo_name, "\r\n");
	return expect(s, &r, 250, "HELO", e);
}

static void put_envelope(struct session *s, size_t i)
{
	put_cmd(s, "MAIL FROM:<", s->env.from, ">\r\n");
	put_cmd(s, "RCPT TO:<", s->v[i].to, ">\r\n");
	buf_puts(&s->conn.out, "DATA\r\n");
}

static void refuse(struct session *s, size_t i, const char *step, const struct smtp_reply *r)
{
	char why[800];
	snprintf(why, sizeof why, "宛先 %s へのメールを中継サーバーが受け付けませんでした（%s への応答: %s）", s->v[i].to,
		 step, smtp_reply_text(r));
	if (!s->nrefused++)
		snprintf(s->first_refusal, sizeof s->first_refusal, "%s", why);
	if (s->refused)
		s->refused(i, why, s->arg);
}

static void finish(struct session *s, size_t i, int ok)
{
	s->sent[i] = (unsigned char)ok;
	s->done++;
	if (s->progress)
		s->progress(s->done, s->n, s->arg);
}

/* The replies to MAIL, RCPT and DATA of message i, already sent.  Returns
 * 0 with *go set when the content may follow; otherwise the message is
 * refused (a 354 answered with a lone dot, as RFC 2920 3.1 asks). */
static int envelope_replies(struct session *s, size_t i, int *go, struct err *e)
{
	static const char *const steps[] = {"MAIL FROM", "RCPT TO", "DATA"};
	struct smtp_reply r[3];
	int ok = 1, refused_at = -1;
	for (int k = 0; k < 3; k++) {
		if (!s->pipelining && !ok)
			break; /* one by one: nothing more was sent */
		if (!s->pipelining) {
			if (k == 1)
				put_cmd(s, "RCPT TO:<", s->v[i].to, ">\r\n");
			else if (k == 2)
				buf_puts(&s->conn.out, "DATA\r\n");
		}
		if (smtp_conn_reply(&s->conn, &r[k], e) || closing(s, &r[k], e))
			return e->code;
		int want = k == 2 ? r[k].code == 354 : positive(&r[k]);
		if (!want && ok) {
			ok = 0;
			refused_at = k;
		}
	}
	*go = ok;
	if (ok)
		return 0;
	refuse(s, i, steps[refused_at], &r[refused_at]);
	if (s->pipelining && r[2].code == 354) {
		struct smtp_reply dot;
		buf_puts(&s->conn.out, ".\r\n");
		if (smtp_conn_reply(&s->conn, &dot, e) || closing(s, &dot, e))
			return e->code;
	}
	return 0;
}

/* RSET after a refused message; with pipelining the next envelope rides
 * along.  A relay that refuses RSET has lost track: end the session. */
static int reset(struct session *s, size_t next, struct err *e)
{
	struct smtp_reply r;
	buf_puts(&s->conn.out, "RSET\r\n");
	if (s->pipelining && next < s->n)
		put_envelope(s, next);
	return expect(s, &r, 250, "RSET", e);
}

/*
 * With CHUNKING as well as PIPELINING no reply has to be awaited before the
 * content: BDAT states its length, so a relay that refused the sender or the
 * recipient still knows where the chunk ends and no byte of it can be taken
 * for a command (RFC 3030 3: the relay discards chunks after a failure).
 * Messages go out CHUNK_BATCH to a write and the replies are read back in
 * order.  Every message after the first begins with RSET, because a refused
 * one may leave its transaction open and the next MAIL is already on its
 * way; RSET is allowed anywhere in a pipelined group (RFC 2920 3.1).
 */
enum { CHUNK_BATCH = 100 };

static void put_chunked(struct session *s, size_t i, struct buf *scratch)
{
	if (i > 0)
		buf_puts(&s->conn.out, "RSET\r\n");
	put_cmd(s, "MAIL FROM:<", s->env.from, ">\r\n");
	put_cmd(s, "RCPT TO:<", s->v[i].to, ">\r\n");
	buf_reset(scratch);
	smtp_message_content(scratch, &s->env, &s->v[i]);
	buf_puts(&s->conn.out, "BDAT ");
	buf_put_int(&s->conn.out, (long long)scratch->len);
	buf_puts(&s->conn.out, " LAST\r\n");
	buf_append(&s->conn.out, scratch->data, scratch->len);
}

static int chunked_replies(struct session *s, size_t i, struct err *e)
{
	static const char *const steps[] = {"MAIL FROM", "RCPT TO", "BDAT"};
	struct smtp_reply r;
	if (i > 0 && expect(s, &r, 250, "RSET", e))
		return e->code;
	int ok = 1;
	for (int k = 0; k < 3; k++) {
		if (smtp_conn_reply(&s->conn, &r, e) || closing(s, &r, e))
			return e->code;
		if (ok && !positive(&r)) {
			ok = 0;
			refuse(s, i, steps[k], &r);
		}
	}
	finish(s, i, ok);
	return 0;
}

static int run_chunked(struct session *s, struct err *e)
{
	struct buf scratch = BUF_INIT;
	int rc = 0;
	for (size_t first = 0; !rc && first < s->n; first += CHUNK_BATCH) {
		size_t end = s->n - first > CHUNK_BATCH ? first + CHUNK_BATCH : s->n;
		for (size_t i = first; i < end; i++)
			put_chunked(s, i, &scratch);
		for (size_t i = first; !rc && i < end; i++)
			rc = chunked_replies(s, i, e);
	}
	buf_free(&scratch);
	return rc;
}

static int run_messages(struct session *s, struct err *e)
{
	if (s->n == 0)
		return 0;
	if (s->chunking)
		return run_chunked(s, e);
	if (s->pipelining)
		put_envelope(s, 0);
	else
		put_cmd(s, "MAIL FROM:<", s->env.from, ">\r\n");
	for (size_t i = 0; i < s->n; i++) {
		int go = 0;
		if (envelope_replies(s, i, &go, e))
			return e->code;
		if (!go) {
			finish(s, i, 0);
			if (reset(s, i + 1, e))
				return e->code;
		} else {
			smtp_message_data(&s->conn.out, &s->env, &s->v[i]);
			if (s->pipelining && i + 1 < s->n)
				put_envelope(s, i + 1);
			struct smtp_reply r;
			if (smtp_conn_reply(&s->conn, &r, e) || closing(s, &r, e))
				return e->code;
			/* The final reply ends the transaction either way (RFC 5321
			 * 4.1.1.4): no RSET, and the next envelope may already be out. */
			if (!positive(&r))
				refuse(s, i, "本文の送信", &r);
			finish(s, i, positive(&r));
		}
		if (!s->pipelining && i + 1 < s->n)
			put_cmd(s, "MAIL FROM:<", s->env.from, ">\r\n");
	}
	return 0;
}

int smtp_send_ex(const struct smtp_relay *relay, const char *from, const struct smtp_message *v,
		 size_t n, unsigned char *sent, smtp_progress_fn progress, smtp_refused_fn refused,
		 void *arg, struct err *e)
{
	if (n)
		memset(sent, 0, n);
	if (check_input(from, v, n, e))
		return e->code;
	if (n == 0)
		return 0;
	struct session *s = xcalloc(1, sizeof *s);
	s->v = v;
	s->n = n;
	s->sent = sent;
	s->progress = progress;
	s->refused = refused;
	s->arg = arg;
	smtp_envelope_init(&s->env, from);
	int rc = smtp_conn_open(&s->conn, relay, e);
	if (!rc)
		rc = greet(s, e);
	if (!rc)
		rc = run_messages(s, e);
	if (!rc) {
		/* Everything is decided; a relay that fumbles QUIT changes nothing. */
		struct smtp_reply r;
		struct err ignored = {0};
		buf_puts(&s->conn.out, "QUIT\r\n");
		smtp_conn_reply(&s->conn, &r, &ignored);
		if (s->nrefused) /* the first refusal, for callers without a callback */
			snprintf(e->msg, sizeof e->msg, "%s（ほか %zu 通）", s->first_refusal, s->nrefused - 1);
	}
	smtp_conn_close(&s->conn);
	free(s);
	return rc;
}

int smtp_send(const struct smtp_relay *relay, const char *from, const struct smtp_message *v,
	      size_t n, unsigned char *sent, smtp_progress_fn progress, void *arg, struct err *e)
{
	return smtp_send_ex(relay, from, v, n, sent, progress, NULL, arg, e);
}
