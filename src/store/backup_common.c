/*
 * backup_common.c — what backups and restores share: the list of tables a
 * backup holds, value binding, and careful file handling (scratch files,
 * fsync, rename, and the signing key kept beside a backup).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/backup_internal.h"
#include "store/checkpoint.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/durable.h"

const struct backup_table backup_tables[] = {
	{"meta", "key", NULL},
	{"municipality", "id", NULL},
	{"org_unit", "id", "parent_id"},
	{"info_system", "id", NULL},
	{"staff", "id", NULL},
	{"role_assignment", "id", NULL},
	{"classification_level", "id", NULL},
	{"storage_location", "id", NULL},
	{"asset", "id", NULL},
	{"request", "id", NULL},
	{"request_decision", "id", NULL},
	{"profile", "id", NULL},
	{"policy_version", "id", NULL},
	{"incident", "id", NULL},
	{"incident_target", "id", NULL},
	{"incident_notice", "id", NULL},
	{"case_event", "id", NULL},
	{"response_plan", "id", NULL},
	{"exception_request", "id", NULL},
	{"violation", "id", NULL},
	{"rights_action", "id", NULL},
	{"training_course", "id", NULL},
	{"training_plan", "id", NULL},
	{"training_session", "id", NULL},
	{"training_attendance", "id", NULL},
	{"inspect_campaign", "id", NULL},
	{"inspect_question", "id", NULL},
	{"inspect_respondent", "id", NULL},
	{"inspect_answer", "id", NULL},
	{"audit_plan", "id", NULL},
	{"audit", "id", NULL},
	{"audit_member", "id", NULL},
	{"audit_item", "id", NULL},
	{"audit_evidence", "id", NULL},
	{"audit_finding", "id", NULL},
	{"audit_spread", "id", NULL},
	{"corrective_action", "id", NULL},
	{"policy_proposal", "id", NULL},
	{"committee_report", "id", NULL},
	{"net_model", "id", NULL},
	/* One-time links and stored files are not journaled but are kept:
	 * without them a restore would break links already sent and lose the
	 * evidence the journal names by hash. */
	{"inspect_link", "respondent_id", NULL},
	{"file_blob", "sha256", NULL},
	/* Accounts are not journaled but are backed up: a restore without them
	 * would lock everyone out.  Sessions and the sign-in log are not: a
	 * restored database starts with nobody signed in.  (A SQLite copy holds
	 * every page of the file, those tables too, but restore reads only the
	 * tables listed here; docs/accounts.md.) */
	{"account", "id", NULL},
	{"account_password_history", "id", NULL},
	{"account_recovery_code", "id", NULL},
	{"api_token", "id", NULL},
	{"journal", "seq", NULL},
	{"checkpoint", "seq", NULL},
};
const int backup_ntables = (int)(sizeof backup_tables / sizeof backup_tables[0]);

int backup_table_index(const char *name)
{
	for (int i = 0; i < NTABLES; i++)
		if (strcmp(backup_tables[i].name, name) == 0)
			return i;
	return -1;
}

/* A journaled table missing from the list above would silently vanish from
 * every backup; refuse instead, so the omission shows up in the first test. */
int backup_check_registry(struct err *e)
{
	for (int i = 0; i < schema_ntables; i++)
		if (backup_table_index(schema_tables[i].name) < 0)
			return err_set(e, ERR_INTERNAL, "表 %s がバックアップの対象に含まれていません",
				       schema_tables[i].name);
	return 0;
}

int backup_is_int_column(const char *name)
{
	size_t n = strlen(name);
	return strcmp(name, "id") == 0 || strcmp(name, "seq") == 0 ||
	       (n > 3 && strcmp(name + n - 3, "_id") == 0);
}

/* Digits only, no leading zero (not valid JSON), short enough to stay exact. */
int backup_is_plain_int(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= MAX_JSON_INT_DIGITS && s[n] == '\0' && (s[0] != '0' || n == 1);
}

int backup_bind_value(struct db_stmt *st, int idx, const char *column, const char *value)
{
	if (!value)
		return db_bind_null(st, idx);
	if (backup_is_int_column(column) && backup_is_plain_int(value))
		return db_bind_int(st, idx, strtoll(value, NULL, 10));
	return db_bind_text(st, idx, value);
}

/* ---- files ---- */

char *backup_path_with(const char *path, const char *suffix)
{
	return xasprintf("%s%s", path, suffix);
}

/* Removes a scratch SQLite file and the journals SQLite may leave beside it. */
void backup_remove_scratch(const char *path)
{
	static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *p = backup_path_with(path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int copy_fd(int in, int out)
{
	char chunk[65536];
	for (;;) {
		ssize_t r = read(in, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return (int)r;
		if (write_all(out, chunk, (size_t)r))
			return -1;
	}
}

/* Copies src into the open, empty file `out` (named dst) and syncs it; closes out. */
int backup_copy_into(const char *src, int out, const char *dst, struct err *e)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		err_set(e, ERR_IO, "%s を読めません: %s", src, strerror(errno));
		close(out);
		return e->code;
	}
	int ok = copy_fd(in, out) == 0 && fsync(out) == 0;
	int saved = errno;
	close(in);
	if (close(out) != 0 && ok) {
		ok = 0;
		saved = errno;
	}
	if (!ok)
		return err_set(e, ERR_IO, "%s を %s へ複製できません: %s", src, dst, strerror(saved));
	return 0;
}

/* Copies src into a new file dst, mode 0600 (keys and backups are secret). */
static int copy_new_file(const char *src, const char *dst, struct err *e)
{
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0)
		return err_set(e, ERR_IO, "%s を作成できません: %s", dst, strerror(errno));
	if (backup_copy_into(src, out, dst, e)) {
		unlink(dst);
		return e->code;
	}
	return 0;
}




static int file_exists(const char *path, int *exists, struct err *e)
{
	struct stat sb;
	*exists = stat(path, &sb) == 0;
	if (!*exists && errno != ENOENT)
		return err_set(e, ERR_IO, "%s を確認できません: %s", path, strerror(errno));
	return 0;
}

/* ---- the signing key ---- */

/*
 * The key travels beside the backup, since checkpoints cannot be verified
 * without it.  A key left by an earlier backup to the same path is removed
 * when there is none now, so it never pairs with the wrong data.
 */
int backup_save_key(struct db *db, const char *path, struct backup_stats *stats,
			   struct err *e)
{
	char *key = checkpoint_key_path(db);
	char *dst = backup_path_with(path, ".key");
	char *tmp = backup_path_with(dst, ".tmp");
	int exists, rc = file_exists(key, &exists, e);
	unlink(tmp);
	if (!rc && !exists && unlink(dst) != 0 && errno != ENOENT)
		rc = err_set(e, ERR_IO, "古い署名鍵 %s を削除できません: %s", dst, strerror(errno));
	if (!rc && exists)
		rc = copy_new_file(key, tmp, e);
	if (!rc && exists)
		rc = durable_publish(tmp, dst, e);
	if (rc)
		unlink(tmp);
	stats->key_copied = !rc && exists;
	free(tmp);
	free(dst);
	free(key);
	return rc;
}

/*
 * A restored journal's checkpoints verify only with the key that signed
 * them, so when the target has no key the backup's comes along.  link(2)
 * rather than rename: a key that appeared meanwhile is never replaced.
 * *installed names the key put in place, for removal if the restore fails.
 */
int backup_install_key(struct db *db, const char *path, char **installed, struct err *e)
{
	char *key = checkpoint_key_path(db);
	char *src = backup_path_with(path, ".key");
	char *tmp = backup_path_with(key, ".tmp");
	int have_key, have_src, rc = file_exists(key, &have_key, e);
	*installed = NULL;
	if (!rc)
		rc = file_exists(src, &have_src, e);
	if (!rc && !have_key && have_src) {
		unlink(tmp);
		rc = copy_new_file(src, tmp, e);
		if (!rc && link(tmp, key) == 0) {
			durable_sync_dir(key);
			*installed = key;
			key = NULL;
		} else if (!rc && errno != EEXIST) {
			rc = err_set(e, ERR_IO, "署名鍵 %s を配置できません: %s", key, strerror(errno));
		}
		unlink(tmp);
	}
	free(tmp);
	free(src);
	free(key);
	return rc;
}

