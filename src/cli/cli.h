/*
 * cli.h — what every subcommand shares: parsed global options, the open
 * database, option parsing and output formats.
 *
 * Exit codes (contract): 0 ok / nothing found, 1 findings or violations,
 * 2 usage or input error (message on stderr).
 */
#ifndef MAMORI_CLI_H
#define MAMORI_CLI_H

#include "store/db.h"
#include "util/buf.h"
#include "util/json.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };

/* Data formats first; oscal is the catalog's, md/html/pdf are documents'. */
enum out_format { FMT_TEXT, FMT_JSON, FMT_CSV, FMT_OSCAL, FMT_MD, FMT_HTML, FMT_PDF, FMT_XLSX };

struct cli {
	const char *db_target; /* --db, $MAMORI_DB, or "mamori.db" */
	const char *actor_no;  /* --as: the staff number acting */
	enum out_format format;
	int format_given;
	char actor[128];       /* journal actor: "staff:<no>" or "cli:<user>" */
	struct db *db;
};

/* One option a command accepts. */
struct opt {
	const char *name;  /* without the leading -- */
	int takes_value;
	const char *value; /* filled by cli_parse: the value, or "1" for a flag */
};

/*
 * Parses argv (after the command words) into opts and positional args.
 * Returns 0, or prints a usage error and returns EXIT_ERROR.
 */
int cli_parse(const char *cmd, int argc, char **argv, struct opt *opts, int nopts,
	      char **positional, int max_positional, int *npositional);
const char *opt_get(const struct opt *opts, int nopts, const char *name);

/* Opens (and migrates) the database; create=0 refuses a missing SQLite file. */
int cli_open(struct cli *c, int create);
void cli_close(struct cli *c);

/* Prints "mamori: <message>" to stderr and returns EXIT_ERROR. */
int cli_fail(const struct err *e);
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The --year option of cmd: *fy is left as the caller set it (its default)
 * when text is NULL, else set from "2026", "令和8年度" or "R8"; anything
 * else is a usage error (EXIT_ERROR). */
int cli_year(const char *cmd, const char *text, int *fy);

/*
 * A list printed in the chosen --format: JSON {"<json_key>":[…]}, CSV with a
 * header row, or text.  Rows are added by the caller according to format
 * (jw_* on out.w for JSON, buf_csv_field/buf_* on out.b otherwise).
 */
struct list_out {
	enum out_format format;
	struct buf b;
	struct json_writer w;
};

void list_begin(struct list_out *o, const struct cli *c, const char *json_key,
		const char *csv_header);
/* Closes the JSON, writes everything to stdout and frees. */
void list_end(struct list_out *o);

/*
 * Opens the database, runs fn(tx, arg) in one journaled transaction, commits
 * and prints `done` (unless NULL); on error rolls back and reports (exit 2).
 */
struct tx;
int cli_one_write(struct cli *c, int (*fn)(struct tx *tx, void *arg, struct err *e),
		  void *arg, const char *done);
/* The same on a database the caller has already opened. */
int cli_tx_write(struct cli *c, int (*fn)(struct tx *tx, void *arg, struct err *e),
		 void *arg, const char *done);

/* A subcommand of a command group ("staff add", "role list" …). */
struct subcommand {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
};

/* Runs argv[0] among subs, or explains the choices. */
int cli_dispatch(struct cli *c, const char *group, const struct subcommand *subs, int nsubs,
		 int argc, char **argv);

/* Writes b to stdout. */
void cli_write(const struct buf *b);
/* "2026-04-01（令和8年4月1日）" or "" for NULL. */
void cli_date_with_wareki(const char *ymd, char *out, size_t n);

/* The commands. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_org(struct cli *c, int argc, char **argv);
int cmd_staff(struct cli *c, int argc, char **argv);
int cmd_role(struct cli *c, int argc, char **argv);
int cmd_system(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_verify(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_journal(struct cli *c, int argc, char **argv);
int cmd_asset(struct cli *c, int argc, char **argv);
int cmd_location(struct cli *c, int argc, char **argv);
int cmd_class(struct cli *c, int argc, char **argv);
int cmd_request(struct cli *c, int argc, char **argv);
int cmd_incident(struct cli *c, int argc, char **argv);
int incident_report_cmd(struct cli *c, int argc, char **argv); /* cmd_incident_report.c */
int cmd_exception(struct cli *c, int argc, char **argv);
int cmd_violation(struct cli *c, int argc, char **argv);
int cmd_training(struct cli *c, int argc, char **argv); /* cmd_training.c: 研修・訓練 */
int cmd_inspect(struct cli *c, int argc, char **argv); /* cmd_inspect.c: 自己点検 */
int cmd_report(struct cli *c, int argc, char **argv); /* cmd_report.c: 年次報告、OSCAL、改定提案 */
int cmd_catalog(struct cli *c, int argc, char **argv);
int cmd_policy(struct cli *c, int argc, char **argv);
int cmd_plan(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);  /* cmd_audit.c: 情報セキュリティ監査 */
int cmd_action(struct cli *c, int argc, char **argv); /* cmd_audit_action.c: 改善措置 */
int cmd_sanitize(struct cli *c, int argc, char **argv); /* 無害化 (mail, file) */
int cmd_netcheck(struct cli *c, int argc, char **argv); /* 三層の対策の検査 */
int cmd_profile(struct cli *c, int argc, char **argv);
int cmd_mail(struct cli *c, int argc, char **argv);
int cmd_account(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
/* `policy gap FILE` (cmd_gap.c), dispatched by cmd_policy. */
int cmd_policy_gap(struct cli *c, int argc, char **argv);

#endif
