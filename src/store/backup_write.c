/*
 * backup_write.c — `mamori backup`: a SQLite copy through the online backup
 * API, or the portable dump (see backup.h for both formats).
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/backup_internal.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/durable.h"
#include "util/json.h"

/* ---- writing: a SQLite copy ---- */

static int sqlite_error(sqlite3 *conn, int rc, const char *path, struct err *e)
{
	return err_set(e, ERR_IO, "%s をバックアップできません: %s", path,
		       conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
}

static int sqlite_connect(const char *path, int flags, sqlite3 **conn, struct err *e)
{
	int rc = sqlite3_open_v2(path, conn, flags, NULL);
	if (rc != SQLITE_OK) {
		sqlite_error(*conn, rc, path, e);
		sqlite3_close_v2(*conn);
		*conn = NULL;
		return e->code;
	}
	sqlite3_busy_timeout(*conn, 10000);
	return 0;
}

/* Copies every page in one step, so within one read transaction of the
 * source: one consistent snapshot.  The source returns BUSY only briefly
 * (WAL recovery by another connection), so that is waited out. */
static int run_backup(sqlite3 *src, sqlite3 *dst, const char *path, struct err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite_error(dst, 0, path, e);
	int rc, tries = 0;
	while (((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	       ++tries < 200)
		sqlite3_sleep(50);
	int finish = sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return err_set(e, ERR_IO, "%s をバックアップできません: %s", path, sqlite3_errstr(rc));
	if (finish != SQLITE_OK)
		return sqlite_error(dst, finish, path, e);
	return 0;
}

static int count_sqlite(sqlite3 *conn, const char *table, long long *n)
{
	char sql[96];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
	*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

/* Counts what the copy holds (not the live file, which may have moved on). */
static int count_copy(sqlite3 *conn, const char *path, struct backup_stats *stats, struct err *e)
{
	for (int i = 0; i < NTABLES; i++) {
		long long n;
		if (count_sqlite(conn, backup_tables[i].name, &n))
			return sqlite_error(conn, 0, path, e);
		stats->rows += n;
		if (strcmp(backup_tables[i].name, "journal") == 0)
			stats->entries = n;
	}
	return 0;
}

/*
 * A second, read-only connection is the backup's source: it reads a WAL
 * snapshot, so writers carry on meanwhile and the copy is never torn.  The
 * temp file is created 0600 first, since SQLite would create it world-readable.
 */
static int write_sqlite_copy(struct db *db, const char *tmp, struct backup_stats *stats,
			     struct err *e)
{
	sqlite3 *src = NULL, *dst = NULL;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(e, ERR_IO, "%s を作成できません: %s", tmp, strerror(errno));
	close(fd);
	int rc = sqlite_connect(db_file_path(db), SQLITE_OPEN_READONLY, &src, e);
	if (!rc)
		rc = sqlite_connect(tmp, SQLITE_OPEN_READWRITE, &dst, e);
	if (!rc)
		rc = run_backup(src, dst, db_file_path(db), e);
	/* The live file is in WAL mode and so is its copy; an archive should be
	 * one self-contained file, readable even from read-only media. */
	if (!rc && sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = sqlite_error(dst, 0, tmp, e);
	if (!rc)
		rc = count_copy(dst, tmp, stats, e);
	if (dst && sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = err_set(e, ERR_IO, "%s を閉じられません: %s", tmp, sqlite3_errmsg(dst));
	sqlite3_close_v2(src);
	if (!rc)
		rc = durable_sync(tmp, e);
	return rc;
}

/* ---- writing: the portable dump ---- */

static void render_dump_row(struct db_stmt *st, const char *table, struct buf *line)
{
	buf_reset(line);
	buf_puts(line, "{\"t\":");
	json_string(line, table);
	buf_puts(line, ",\"r\":{");
	for (int i = 0, n = db_column_count(st); i < n; i++) {
		const char *name = db_column_name(st, i);
		const char *v = db_column_text(st, i);
		if (i)
			buf_putc(line, ',');
		json_key(line, name);
		if (v && backup_is_int_column(name) && backup_is_plain_int(v))
			buf_puts(line, v);
		else
			json_string(line, v); /* NULL → null */
	}
	buf_puts(line, "}}\n");
}

static int dump_table(struct db *db, int t, FILE *f, struct backup_stats *stats, struct err *e)
{
	char sql[128];
	struct db_stmt *st;
	struct buf line = BUF_INIT;
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", backup_tables[t].name, backup_tables[t].pk);
	if (db_prepare(db, sql, &st, e))
		return e->code;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		render_dump_row(st, backup_tables[t].name, &line);
		fwrite(line.data, 1, line.len, f);
		stats->rows++;
		if (strcmp(backup_tables[t].name, "journal") == 0)
			stats->entries++;
	}
	db_finalize(st);
	buf_free(&line);
	return r == DB_ERROR ? e->code : 0;
}

/* All tables inside one transaction: db_begin makes writers wait, so the
 * tables and the journal are read in the same state. */
static int dump_tables(struct db *db, FILE *f, struct backup_stats *stats, struct err *e)
{
	int version;
	if (db_begin(db, e))
		return e->code;
	int rc = schema_version(db, &version, e);
	if (!rc)
		fprintf(f, "%s %d %d\n", DUMP_MAGIC, DUMP_FORMAT, version);
	for (int i = 0; !rc && i < NTABLES; i++)
		rc = dump_table(db, i, f, stats, e);
	db_rollback(db); /* read only: nothing to commit */
	if (!rc)
		fprintf(f, "END %lld\n", stats->rows);
	return rc;
}

static int write_dump(struct db *db, const char *tmp, struct backup_stats *stats, struct err *e)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		err_set(e, ERR_IO, "%s を作成できません: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		return e->code;
	}
	int rc = dump_tables(db, f, stats, e);
	int ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
	int saved = errno;
	if (fclose(f) != 0 && ok) {
		ok = 0;
		saved = errno;
	}
	if (!rc && !ok)
		rc = err_set(e, ERR_IO, "%s を書き込めません: %s", tmp, strerror(saved));
	return rc;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Backing up onto the live file would replace it under its own connections. */
static int check_not_live(struct db *db, const char *path, struct err *e)
{
	struct stat a, b;
	const char *live = db_file_path(db);
	if (live && stat(live, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		return err_set(e, ERR_INPUT, "バックアップ先 %s は使用中のデータベースそのものです", path);
	return 0;
}

int backup_write_stats(struct db *db, const char *path, struct backup_stats *stats,
		       struct err *e)
{
	memset(stats, 0, sizeof *stats);
	if (!path || !*path)
		return err_set(e, ERR_INPUT, "バックアップ先のファイル名が空です");
	if (backup_check_registry(e) || check_not_live(db, path, e))
		return e->code;
	char *tmp = backup_path_with(path, ".tmp");
	backup_remove_scratch(tmp); /* left by an interrupted backup */
	int rc = db_kind(db) == DB_PG || ends_with(path, DUMP_SUFFIX)
			 ? write_dump(db, tmp, stats, e)
			 : write_sqlite_copy(db, tmp, stats, e);
	if (!rc)
		rc = backup_save_key(db, path, stats, e);
	if (!rc)
		rc = durable_publish(tmp, path, e);
	if (rc)
		backup_remove_scratch(tmp);
	free(tmp);
	return rc;
}

