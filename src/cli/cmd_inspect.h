/*
 * cmd_inspect.h — the `inspect` subcommands that live outside cmd_inspect.c
 * (which dispatches them), and what they share.
 */
#ifndef MAMORI_CMD_INSPECT_H
#define MAMORI_CMD_INSPECT_H

#include "cli/cli.h"

/* cli_one_write on the database already open (c->db), or opening it:
 * commands that read before they write open it once.  (cmd_inspect.c) */
struct tx;
int inspect_cli_write(struct cli *c, int (*fn)(struct tx *tx, void *arg, struct err *e), void *arg,
		      const char *done);

/* cmd_inspect_links.c */
int inspect_respondents_cmd(struct cli *c, int argc, char **argv);
int inspect_links_cmd(struct cli *c, int argc, char **argv);
int inspect_remind_cmd(struct cli *c, int argc, char **argv);
/* cmd_inspect_results.c */
int inspect_results_cmd(struct cli *c, int argc, char **argv);
int inspect_report_cmd(struct cli *c, int argc, char **argv);
int inspect_measure_cmd(struct cli *c, int argc, char **argv);

#endif
