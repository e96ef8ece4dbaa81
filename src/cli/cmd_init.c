/*
 * cmd_init.c — `mamori init` and `mamori demo`: creating a database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/demo.h"
#include "core/org.h"
#include "core/vocab.h"
#include "store/checkpoint.h"

/* A new SQLite file must not silently reuse someone's existing database. */
static int refuse_existing_file(const struct cli *c)
{
	struct stat sb;
	if (strncmp(c->db_target, "postgres", 8) != 0 && stat(c->db_target, &sb) == 0 && sb.st_size > 0) {
		fprintf(stderr, "mamori: %s は既に存在します（別のファイル名を --db で指定してください）\n",
			c->db_target);
		return 1;
	}
	return 0;
}

int cmd_init(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"name", 1, NULL}, {"kind", 1, NULL}, {"code", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct tx tx;
	if (cli_parse("init", argc, argv, opts, 3, pos, 0, &npos))
		return EXIT_ERROR;
	if (!opts[0].value || !opts[1].value)
		return cli_usage("init: --name（団体名）と --kind（市・町・村・特別区・都道府県）を指定してください");
	/* Validate before the database file exists: bad input writes nothing. */
	if (!vocab_find(&vocab_municipality_kind, opts[1].value)) {
		char *choices = vocab_choices(&vocab_municipality_kind);
		err_set(&e, ERR_INPUT, "団体の種類「%s」は使えません（%s のいずれか）", opts[1].value, choices);
		free(choices);
		return cli_fail(&e);
	}
	if (refuse_existing_file(c))
		return EXIT_ERROR;
	if (cli_open(c, 1))
		return EXIT_ERROR;
	if (tx_begin(&tx, c->db, c->actor, &e))
		return cli_fail(&e);
	if (municipality_create(&tx, opts[0].value, opts[1].value, opts[2].value, &e)) {
		tx_rollback(&tx);
		return cli_fail(&e);
	}
	if (tx_commit(&tx, &e))
		return cli_fail(&e);
	char *key = checkpoint_key_path(c->db);
	printf("%s を作成しました（団体: %s）。署名鍵: %s\n", db_target(c->db), opts[0].value, key);
	free(key);
	return EXIT_OK;
}

/* The demo's published credentials (docs/accounts.md): fictional, demo only. */
static void print_demo_accounts(const struct demo_account *a)
{
	puts("\nデモ用のアカウント（架空市のデモ専用。実際の運用には使わないでください）:");
	for (int i = 0; i < DEMO_NACCOUNTS; i++)
		printf("  %-8s  %-20s  %s  %s%s\n", a[i].login, a[i].password, a[i].label, a[i].unit,
		       a[i].totp_secret ? "  [TOTP]" : "");
	printf("  [TOTP] のアカウントは確認コードも必要です。鍵（共通）: %s\n"
	       "  認証アプリに登録するか、oathtool --totp -b %s でコードを表示できます。\n",
	       DEMO_TOTP_SECRET, DEMO_TOTP_SECRET);
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct demo_summary sum;
	struct demo_account accounts[DEMO_NACCOUNTS];
	if (cli_parse("demo", argc, argv, NULL, 0, pos, 0, &npos))
		return EXIT_ERROR;
	if (refuse_existing_file(c))
		return EXIT_ERROR;
	if (cli_open(c, 1))
		return EXIT_ERROR;
	if (demo_build(c->db, c->actor, &sum, &e) || demo_add_accounts(c->db, accounts, &e))
		return cli_fail(&e);
	printf("デモの団体「架空市」を %s に作成しました: 組織 %lld、職員 %lld、情報システム %lld、役割 %lld、情報資産 %lld\n",
	       db_target(c->db), sum.units, sum.staff, sum.systems, sum.roles, sum.assets);
	print_demo_accounts(accounts);
	return EXIT_OK;
}
