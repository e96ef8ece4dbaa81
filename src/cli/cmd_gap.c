/*
 * cmd_gap.c — `mamori policy gap FILE` (being written).
 */
#include "cli/cli.h"

int cmd_policy_gap(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	return cli_usage("policy gap: not yet");
}
