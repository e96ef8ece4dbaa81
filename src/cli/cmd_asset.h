/*
 * cmd_asset.h — `mamori asset import|export` (cmd_asset_io.c), dispatched
 * from cmd_asset.c.
 */
#ifndef MAMORI_CMD_ASSET_H
#define MAMORI_CMD_ASSET_H

#include "cli/cli.h"

int asset_import_cmd(struct cli *c, int argc, char **argv);
int asset_export_cmd(struct cli *c, int argc, char **argv);

#endif
