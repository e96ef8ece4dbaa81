/*
 * cmd_backup.c — `mamori backup FILE` and `mamori restore FILE`.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "store/backup.h"
#include "store/checkpoint.h"

/* Both commands take exactly one FILE and no options. */
static int one_file(const char *cmd, int argc, char **argv, const char **file)
{
	char *pos[1];
	int npos;
	if (cli_parse(cmd, argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("%s: ファイルを指定してください（mamori %s FILE）", cmd, cmd);
	*file = pos[0];
	return 0;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	const char *file;
	struct backup_stats st;
	struct err e = {0};
	if (one_file("backup", argc, argv, &file) || cli_open(c, 0))
		return EXIT_ERROR;
	if (backup_write_stats(c->db, file, &st, &e))
		return cli_fail(&e);
	printf("バックアップを作成しました: %s（記録 %lld 件）\n", file, st.entries);
	/* The key is as sensitive as the data: say where the copy went. */
	if (st.key_copied)
		printf("署名鍵を %s.key に保存しました"
		       "（秘密鍵です。バックアップと同様に厳重に保管してください）\n", file);
	return EXIT_OK;
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
	const char *file;
	struct backup_stats st;
	struct err e = {0};
	if (one_file("restore", argc, argv, &file) || cli_open(c, 1))
		return EXIT_ERROR;
	if (backup_restore_stats(c->db, file, &st, &e))
		return cli_fail(&e);
	printf("復元しました: %s → %s（記録 %lld 件、検証済み）\n", file, db_target(c->db), st.entries);
	if (st.key_copied) {
		char *key = checkpoint_key_path(c->db);
		printf("署名鍵 %s.key を %s に配置しました\n", file, key);
		free(key);
	}
	return EXIT_OK;
}
