/*
 * cmd_policy.c — `mamori policy …`: the municipality's own policy documents
 * (render, versions and 決裁, diff) and the gap analysis of an existing one.
 */
#include "cli/cli.h"

int cmd_policy(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"gap", cmd_policy_gap},
	};
	return cli_dispatch(c, "policy", subs, sizeof subs / sizeof subs[0], argc, argv);
}
