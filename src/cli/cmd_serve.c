/*
 * cmd_serve.c — `mamori serve [--listen ADDR:PORT]`: the web UI and the
 * JSON API (docs/web.md), until SIGINT or SIGTERM.  `serve --routes` prints
 * every URL and who may open it, without starting anything.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "cli/cli.h"
#include "util/buf.h"
#include "web/router.h"
#include "web/server.h"

/*
 * The signals are blocked before the server's threads start, so every
 * thread inherits the mask and only sigwait below sees them: shutdown
 * then runs in ordinary code, not in a signal handler.
 */
static int wait_for_stop_signal(void)
{
	sigset_t set;
	int sig = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigwait(&set, &sig);
	return sig;
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"listen", 1, NULL}, {"routes", 0, NULL}};
	char *pos[1];
	int npos = 0;
	char addr[64];
	struct err e = {0};
	struct web_server_config cfg = {0};
	struct web_server *server = NULL;
	if (cli_parse("serve", argc, argv, opts, 2, pos, 0, &npos))
		return EXIT_ERROR;
	if (opt_get(opts, 2, "routes")) {
		struct buf b = BUF_INIT;
		router_describe(&b);
		cli_write(&b);
		buf_free(&b);
		return EXIT_OK;
	}
	const char *listen = opt_get(opts, 2, "listen");
	if (web_parse_listen(listen ? listen : "127.0.0.1:8080", addr, sizeof addr, &cfg.port, &e))
		return cli_fail(&e);
	cfg.addr = addr;
	cfg.db_target = c->db_target;
	/* migrate once here; each request then opens its own connection */
	if (cli_open(c, 0))
		return EXIT_ERROR;
	cli_close(c);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (web_server_start(&cfg, &server, &e))
		return cli_fail(&e);
	printf("mamori: http://%s:%d/ で待ち受けています（Ctrl-C で終了）\n", cfg.addr, cfg.port);
	fflush(stdout);
	int sig = wait_for_stop_signal();
	web_server_stop(server);
	fprintf(stderr, "mamori: %s を受けて終了しました\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	return EXIT_OK;
}
