/*
 * cmd_report.h — what the files of `mamori report` share.
 */
#ifndef MAMORI_CMD_REPORT_H
#define MAMORI_CMD_REPORT_H

#include "cli/cli.h"

/* 0 when --format is a data format (text, json, csv), else a usage error
 * naming cmd (the report group also takes document formats). */
int report_data_format(const struct cli *c, const char *cmd);
/* `report proposal add|list|show|adopt|reject` (cmd_report_proposal.c). */
int report_proposal_cmd(struct cli *c, int argc, char **argv);

#endif
