/*
 * cmd_audit.h — the parts of `mamori audit …` kept in their own files
 * (cmd_audit_*.c), dispatched by cmd_audit.c.
 */
#ifndef MAMORI_CMD_AUDIT_H
#define MAMORI_CMD_AUDIT_H

#include "cli/cli.h"

int audit_plan_cmd(struct cli *c, int argc, char **argv);     /* cmd_audit_plan.c */
int audit_finding_cmd(struct cli *c, int argc, char **argv);  /* cmd_audit_finding.c */
int audit_spread_cmd(struct cli *c, int argc, char **argv);   /* cmd_audit_finding.c */
int audit_evidence_cmd(struct cli *c, int argc, char **argv); /* cmd_audit_evidence.c */
int audit_report_cmd(struct cli *c, int argc, char **argv);   /* cmd_audit_report.c */
/* `mamori action …` (cmd_audit_action.c), also reachable as `audit action …`. */
int cmd_action(struct cli *c, int argc, char **argv);

/* --year: a 年度 as a western year (2000–2100); *fy = 0 when s is NULL. */
int audit_cli_year(const char *s, int *fy);
/* Usage error unless --as names the acting person. */
int audit_cli_need_actor(const struct cli *c, const char *cmd);
/* The name of 課 id in r (case_cli.h), or "" when unknown or 0. */
struct case_refs;
const char *audit_cli_unit_name(const struct case_refs *r, long long id);
/* Writes the one JSON object built in b to stdout, ends the line and frees b:
 * how every `show` answers --format json. */
void audit_cli_json_out(struct buf *b);

#endif
