/*
 * cmd_mail.c — `mamori mail test --to ADDR[,ADDR…]`: a test message through
 * the relay of the profile, so that whoever sets smtp_relay and mail_from
 * sees at once whether the relay takes mamori's mail (docs/mail.md).  With
 * several addresses they go over one session, one message each.
 *
 * Exit codes: 0 the relay accepted every message; 1 the relay answered but
 * refused one or more (each refusal is printed with the relay's reply, the
 * others went); 2 mail is not set up, an address is refused before
 * connecting, or the relay cannot be reached or broke the session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/mail.h"
#include "util/smtp.h"
#include "util/timeutil.h"

enum { MAX_TO = 100 };

static void print_refusal(size_t i, const char *why, void *arg)
{
	(void)i;
	(void)arg;
	fprintf(stderr, "mamori: %s\n", why);
}

/* Splits the --to list in place; ERR_INPUT for an empty item or too many. */
static int split_addresses(char *list, char **to, size_t *n, struct err *e)
{
	*n = 0;
	for (char *p = list;; p++) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*n == MAX_TO)
			return err_set(e, ERR_INPUT, "mail test: 宛先は %d 件までです", MAX_TO);
		if (smtp_address_check(p, "宛先", e))
			return e->code;
		to[(*n)++] = p;
		if (!comma)
			return 0;
		p = comma;
	}
}

static char *test_body(const struct profile *p)
{
	char now[32];
	time_now_rfc3339(now);
	return xasprintf("これは mamori の送信試験のメールです。\n\n"
			 "団体: %s\n中継サーバー: %s\n差出人: %s\n送信時刻（UTC）: %s\n\n"
			 "このメールが届けば、自己点検の回答用リンクや督促をメールで送れます。\n",
			 p->name, p->smtp_relay, p->mail_from, now);
}

static int send_test(const struct profile *p, const struct smtp_relay *relay, char **to, size_t n)
{
	char *body = test_body(p);
	struct smtp_message *v = xcalloc(n, sizeof *v);
	unsigned char *sent = xcalloc(n, 1);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct smtp_message){to[i], "【mamori】メール送信の試験", body};
	struct err e = {0};
	int rc = smtp_send_ex(relay, p->mail_from, v, n, sent, NULL, print_refusal, NULL, &e);
	size_t ok = 0;
	for (size_t i = 0; i < n; i++) {
		ok += sent[i];
		if (sent[i])
			printf("試験メールを %s へ送りました（中継サーバー %s が受け付けました）\n", to[i], p->smtp_relay);
	}
	int status = ok == n ? EXIT_OK : EXIT_FINDINGS;
	if (rc) {
		if (n > 1)
			fprintf(stderr, "mamori: %zu 通のうち %zu 通を送ったところで中断しました\n", n, ok);
		status = cli_fail(&e);
	}
	free(sent);
	free(v);
	free(body);
	return status;
}

static int mail_test_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"to", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	if (cli_parse("mail test", argc, argv, o, 1, pos, 0, &npos))
		return EXIT_ERROR;
	if (!o[0].value)
		return cli_usage("mail test: 宛先を --to で指定してください（例: mamori mail test --to joho@city.example.lg.jp）");
	char *list = xstrdup(o[0].value), *to[MAX_TO];
	size_t n;
	if (split_addresses(list, to, &n, &e)) {
		free(list);
		return cli_fail(&e);
	}
	int status = EXIT_ERROR;
	struct profile p;
	struct smtp_relay relay;
	if (cli_open(c, 0)) {
		free(list);
		return EXIT_ERROR;
	}
	if (profile_load(c->db, &p, &e)) {
		status = cli_fail(&e);
	} else {
		if (mail_config(&p, &relay, &e)) {
			status = cli_fail(&e);
		} else {
			status = send_test(&p, &relay, to, n);
			smtp_relay_free(&relay);
		}
		profile_free(&p);
	}
	free(list);
	return status;
}

int cmd_mail(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"test", mail_test_cmd},
	};
	return cli_dispatch(c, "mail", subs, sizeof subs / sizeof subs[0], argc, argv);
}
