/*
 * cmd_netcheck.h — the `mamori netcheck` subcommands.  cmd_netcheck.c
 * checks a model file; `register` and `show` (a model stored for the
 * municipality, so that `check` and the web see it) live in
 * cmd_netcheck_store.c.
 */
#ifndef MAMORI_CMD_NETCHECK_H
#define MAMORI_CMD_NETCHECK_H

#include "cli/cli.h"

/* `mamori netcheck register MODEL.json`: argv[0] is "register". */
int cmd_netcheck_register(struct cli *c, int argc, char **argv);
/* `mamori netcheck show [--format text|json]`: argv[0] is "show". */
int cmd_netcheck_show(struct cli *c, int argc, char **argv);

#endif
