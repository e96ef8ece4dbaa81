/*
 * cmd_training.h — what the `mamori training` command files share.
 */
#ifndef MAMORI_CMD_TRAINING_H
#define MAMORI_CMD_TRAINING_H

#include "cli/cli.h"

/* --year as typed (2026, 令和8年度, R8) into the 年度; the current 年度
 * when text is NULL.  Usage error (EXIT_ERROR) when unreadable. */
int training_year_arg(const char *cmd, const char *text, int *fy);
/* Usage error unless --as gave the acting person. */
int training_need_actor(const struct cli *c, const char *cmd);

/* `training report completion|analysis|committee` and `training reported`
 * (cmd_training_report.c). */
int training_report_cmd(struct cli *c, int argc, char **argv);
int training_reported_cmd(struct cli *c, int argc, char **argv);

#endif
