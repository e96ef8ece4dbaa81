/*
 * cmd_sanitize.h — `mamori sanitize mail|file …` (無害化, docs/sanitize.md).
 */
#ifndef MAMORI_CMD_SANITIZE_H
#define MAMORI_CMD_SANITIZE_H

#include <stdio.h>

#include "cli/cli.h"
#include "tools/sanitize.h"

int cmd_sanitize_mail(struct cli *c, int argc, char **argv);
int cmd_sanitize_file(struct cli *c, int argc, char **argv);

/* The report of one sanitised input (kind "mail" or "file") on to, in
   the --format the user chose (text or JSON). */
void sanitize_print_report(const struct cli *c, const struct san_report *r, const char *kind,
			   const char *in, const char *out, FILE *to);

#endif
