/*
 * backup.c — backups (a SQLite copy or the portable dump) and restores.
 *
 * Restores read rows from either format into a `struct sink`, which inserts
 * them into the target with column lists checked against the target's own
 * columns: table and column names reach SQL only after they matched a name
 * from this file's table list or from the target database itself.
 */
#include "store/backup.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/checkpoint.h"
#include "store/schema.h"
#include "store/verify.h"
#include "util/buf.h"
#include "util/json.h"

#define DUMP_MAGIC "MAMORI-DUMP"
#define DUMP_FORMAT 1
#define DUMP_SUFFIX ".mamori-dump"
#define SQLITE_HEADER "SQLite format 3" /* and its NUL: 16 bytes */
#define SQLITE_HEADER_LEN 16
#define MAX_COLUMNS 64
/* Integers up to this many digits survive a JSON reader that uses doubles. */
#define MAX_JSON_INT_DIGITS 15

/* The tables a backup holds, in dump order, which is also an order in which
 * every foreign key points at a table already restored. */
struct backup_table {
	const char *name;
	const char *pk;
	const char *self_ref; /* column referring to this table's own id, or NULL */
};

static const struct backup_table tables[] = {
	{"meta", "key", NULL},
	{"municipality", "id", NULL},
	{"org_unit", "id", "parent_id"},
	{"info_system", "id", NULL},
	{"staff", "id", NULL},
	{"role_assignment", "id", NULL},
	{"journal", "seq", NULL},
	{"checkpoint", "seq", NULL},
};
#define NTABLES (int)(sizeof tables / sizeof tables[0])
#define META 0
#define JOURNAL 6

static int table_index(const char *name)
{
	for (int i = 0; i < NTABLES; i++)
		if (strcmp(tables[i].name, name) == 0)
			return i;
	return -1;
}

/* A journaled table missing from the list above would silently vanish from
 * every backup; refuse instead, so the omission shows up in the first test. */
static int check_registry(struct err *e)
{
	for (int i = 0; i < schema_ntables; i++)
		if (table_index(schema_tables[i].name) < 0)
			return err_set(e, ERR_INTERNAL, "表 %s がバックアップの対象に含まれていません",
				       schema_tables[i].name);
	return 0;
}

static int is_int_column(const char *name)
{
	size_t n = strlen(name);
	return strcmp(name, "id") == 0 || strcmp(name, "seq") == 0 ||
	       (n > 3 && strcmp(name + n - 3, "_id") == 0);
}

/* Digits only, no leading zero (not valid JSON), short enough to stay exact. */
static int is_plain_int(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= MAX_JSON_INT_DIGITS && s[n] == '\0' && (s[0] != '0' || n == 1);
}

static int bind_value(struct db_stmt *st, int idx, const char *column, const char *value)
{
	if (!value)
		return db_bind_null(st, idx);
	if (is_int_column(column) && is_plain_int(value))
		return db_bind_int(st, idx, strtoll(value, NULL, 10));
	return db_bind_text(st, idx, value);
}

/* ---- files ---- */

static char *path_with(const char *path, const char *suffix)
{
	return xasprintf("%s%s", path, suffix);
}

/* Removes a scratch SQLite file and the journals SQLite may leave beside it. */
static void remove_scratch(const char *path)
{
	static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *p = path_with(path, suffixes[i]);
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
static int copy_into(const char *src, int out, const char *dst, struct err *e)
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
	if (copy_into(src, out, dst, e)) {
		unlink(dst);
		return e->code;
	}
	return 0;
}

static int fsync_path(const char *path, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ok = fd >= 0 && fsync(fd) == 0;
	int saved = errno;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : err_set(e, ERR_IO, "%s を書き込めません: %s", path, strerror(saved));
}

/* A rename is durable only once its directory is synced.  Best effort: some
 * file systems refuse fsync on a directory, and the data itself is synced. */
static void fsync_dir_of(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0'; /* the root directory */
	else
		*slash = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Moves a complete, synced temp file to its final name. */
static int publish(const char *tmp, const char *path, struct err *e)
{
	if (rename(tmp, path) != 0)
		return err_set(e, ERR_IO, "%s を作成できません: %s", path, strerror(errno));
	fsync_dir_of(path);
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
static int save_key_beside(struct db *db, const char *path, struct backup_stats *stats,
			   struct err *e)
{
	char *key = checkpoint_key_path(db);
	char *dst = path_with(path, ".key");
	char *tmp = path_with(dst, ".tmp");
	int exists, rc = file_exists(key, &exists, e);
	unlink(tmp);
	if (!rc && !exists && unlink(dst) != 0 && errno != ENOENT)
		rc = err_set(e, ERR_IO, "古い署名鍵 %s を削除できません: %s", dst, strerror(errno));
	if (!rc && exists)
		rc = copy_new_file(key, tmp, e);
	if (!rc && exists)
		rc = publish(tmp, dst, e);
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
static int install_key(struct db *db, const char *path, char **installed, struct err *e)
{
	char *key = checkpoint_key_path(db);
	char *src = path_with(path, ".key");
	char *tmp = path_with(key, ".tmp");
	int have_key, have_src, rc = file_exists(key, &have_key, e);
	*installed = NULL;
	if (!rc)
		rc = file_exists(src, &have_src, e);
	if (!rc && !have_key && have_src) {
		unlink(tmp);
		rc = copy_new_file(src, tmp, e);
		if (!rc && link(tmp, key) == 0) {
			fsync_dir_of(key);
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
		if (count_sqlite(conn, tables[i].name, &n))
			return sqlite_error(conn, 0, path, e);
		stats->rows += n;
		if (i == JOURNAL)
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
		rc = fsync_path(tmp, e);
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
		if (v && is_int_column(name) && is_plain_int(v))
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
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", tables[t].name, tables[t].pk);
	if (db_prepare(db, sql, &st, e))
		return e->code;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		render_dump_row(st, tables[t].name, &line);
		fwrite(line.data, 1, line.len, f);
		stats->rows++;
		if (t == JOURNAL)
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
	if (check_registry(e) || check_not_live(db, path, e))
		return e->code;
	char *tmp = path_with(path, ".tmp");
	remove_scratch(tmp); /* left by an interrupted backup */
	int rc = db_kind(db) == DB_PG || ends_with(path, DUMP_SUFFIX)
			 ? write_dump(db, tmp, stats, e)
			 : write_sqlite_copy(db, tmp, stats, e);
	if (!rc)
		rc = save_key_beside(db, path, stats, e);
	if (!rc)
		rc = publish(tmp, path, e);
	if (rc)
		remove_scratch(tmp);
	free(tmp);
	return rc;
}

int backup_write(struct db *db, const char *path, struct err *e)
{
	struct backup_stats stats;
	return backup_write_stats(db, path, &stats, e);
}

/* ---- restoring: the sink that inserts rows into the target ---- */

/* One row as read from a backup: column names and text values (NULL = SQL NULL). */
struct row {
	int n;
	const char *name[MAX_COLUMNS];
	const char *value[MAX_COLUMNS];
	char number[MAX_COLUMNS][24]; /* text of JSON numbers */
};

/* A self-reference set after all rows of its table are in, so a parent with
 * a higher id than its child (a reorganised unit) restores too. */
struct link {
	char *id;
	char *ref;
};

struct sink {
	struct db *db;
	int table;              /* tables[] index of the rows arriving, -1 before any */
	char *cols[MAX_COLUMNS]; /* the target's columns of that table */
	int ncols;
	struct db_stmt *insert;
	struct buf insert_cols; /* the column list `insert` was prepared for */
	struct link *links;
	size_t nlinks, caplinks;
	long long rows;
};

static void sink_init(struct sink *s, struct db *db)
{
	memset(s, 0, sizeof *s);
	s->db = db;
	s->table = -1;
}

static void sink_clear_table(struct sink *s)
{
	for (int i = 0; i < s->ncols; i++)
		free(s->cols[i]);
	s->ncols = 0;
	db_finalize(s->insert);
	s->insert = NULL;
	buf_reset(&s->insert_cols);
	for (size_t i = 0; i < s->nlinks; i++) {
		free(s->links[i].id);
		free(s->links[i].ref);
	}
	s->nlinks = 0;
}

static void sink_free(struct sink *s)
{
	sink_clear_table(s);
	buf_free(&s->insert_cols);
	free(s->links);
}

/* The target's columns: the only names a backup may use. */
static int load_target_columns(struct sink *s, int t, struct err *e)
{
	char sql[128];
	struct db_stmt *st;
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE 1 = 0", tables[t].name);
	if (db_prepare(s->db, sql, &st, e))
		return e->code;
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	int n = db_column_count(st);
	if (!rc && n > MAX_COLUMNS)
		rc = err_set(e, ERR_INTERNAL, "表 %s の列が多すぎます", tables[t].name);
	for (int i = 0; !rc && i < n; i++)
		s->cols[s->ncols++] = xstrdup(db_column_name(st, i));
	db_finalize(st);
	return rc;
}

static int flush_links(struct sink *s, struct err *e)
{
	const struct backup_table *t = &tables[s->table];
	char sql[160];
	struct db_stmt *st;
	if (!s->nlinks)
		return 0;
	snprintf(sql, sizeof sql, "UPDATE %s SET \"%s\" = ? WHERE id = ?", t->name, t->self_ref);
	if (db_prepare(s->db, sql, &st, e))
		return e->code;
	int rc = 0;
	for (size_t i = 0; !rc && i < s->nlinks; i++) {
		db_reset(st);
		bind_value(st, 1, t->self_ref, s->links[i].ref);
		bind_value(st, 2, "id", s->links[i].id);
		rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	}
	db_finalize(st);
	return rc;
}

/* Rows arrive table by table in the order of tables[]; a table never comes back. */
static int sink_switch(struct sink *s, int t, struct err *e)
{
	if (t == s->table)
		return 0;
	if (t < s->table)
		return err_set(e, ERR_INPUT,
			       "表 %s の行が表 %s の行より後にあります（順序が正しくありません）",
			       tables[t].name, tables[s->table].name);
	int rc = s->table >= 0 ? flush_links(s, e) : 0;
	sink_clear_table(s);
	s->table = t;
	return rc ? rc : load_target_columns(s, t, e);
}

static int check_columns(const struct sink *s, const struct row *r, struct err *e)
{
	if (r->n == 0)
		return err_set(e, ERR_INPUT, "表 %s の行に列がありません", tables[s->table].name);
	for (int i = 0; i < r->n; i++) {
		int known = 0;
		for (int k = 0; k < s->ncols && !known; k++)
			known = strcmp(s->cols[k], r->name[i]) == 0;
		if (!known)
			return err_set(e, ERR_INPUT, "表 %s に列「%s」はありません", tables[s->table].name,
				       r->name[i]);
		for (int k = 0; k < i; k++)
			if (strcmp(r->name[k], r->name[i]) == 0)
				return err_set(e, ERR_INPUT, "列「%s」が重複しています", r->name[i]);
	}
	return 0;
}

/* Prepares the INSERT for this row's column list, unless the last row had the same. */
static int prepare_insert(struct sink *s, const struct row *r, struct err *e)
{
	struct buf cols = BUF_INIT, sql = BUF_INIT;
	for (int i = 0; i < r->n; i++)
		buf_printf(&cols, "%s\"%s\"", i ? "," : "", r->name[i]);
	int rc = 0;
	if (!s->insert || strcmp(buf_str(&cols), buf_str(&s->insert_cols)) != 0) {
		buf_printf(&sql, "INSERT INTO %s(%s) VALUES (", tables[s->table].name, cols.data);
		for (int i = 0; i < r->n; i++)
			buf_puts(&sql, i ? ",?" : "?");
		buf_putc(&sql, ')');
		db_finalize(s->insert);
		s->insert = NULL;
		buf_reset(&s->insert_cols);
		rc = db_prepare(s->db, sql.data, &s->insert, e);
		if (!rc)
			buf_puts(&s->insert_cols, cols.data);
	}
	buf_free(&cols);
	buf_free(&sql);
	return rc;
}

static void add_link(struct sink *s, const char *id, const char *ref)
{
	if (s->nlinks == s->caplinks) {
		s->caplinks = s->caplinks ? 2 * s->caplinks : 64;
		s->links = xrealloc(s->links, s->caplinks * sizeof *s->links);
	}
	s->links[s->nlinks].id = xstrdup(id ? id : "");
	s->links[s->nlinks].ref = xstrdup(ref);
	s->nlinks++;
}

static int sink_row(struct sink *s, int t, const struct row *r, struct err *e)
{
	if (sink_switch(s, t, e))
		return e->code;
	if (t == META)
		return 0; /* the target keeps its own schema_version */
	if (check_columns(s, r, e) || prepare_insert(s, r, e))
		return e->code;
	const char *self_ref = tables[t].self_ref, *id = NULL;
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->name[i], "id") == 0)
			id = r->value[i];
	db_reset(s->insert);
	for (int i = 0; i < r->n; i++) {
		int deferred = self_ref && r->value[i] && strcmp(r->name[i], self_ref) == 0;
		if (deferred)
			add_link(s, id, r->value[i]);
		bind_value(s->insert, i + 1, r->name[i], deferred ? NULL : r->value[i]);
	}
	if (db_step(s->insert, e) == DB_ERROR)
		return e->code;
	s->rows++;
	return 0;
}

/* The last table's links; rows all arrived. */
static int sink_finish(struct sink *s, struct err *e)
{
	return s->table >= 0 ? flush_links(s, e) : 0;
}

/* ---- restoring: reading a SQLite backup ---- */

static int row_from_stmt(struct db_stmt *st, struct row *r, struct err *e)
{
	r->n = db_column_count(st);
	if (r->n > MAX_COLUMNS)
		return err_set(e, ERR_INPUT, "列が多すぎます（%d 列）", r->n);
	for (int i = 0; i < r->n; i++) {
		r->name[i] = db_column_name(st, i);
		r->value[i] = db_column_text(st, i);
	}
	return 0;
}

static int load_table(struct db *src, int t, struct sink *s, struct row *r, struct err *e)
{
	char sql[128];
	struct db_stmt *st;
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", tables[t].name, tables[t].pk);
	if (db_prepare(src, sql, &st, e))
		return e->code;
	enum db_step_result res = DB_DONE;
	int rc = 0;
	while (!rc && (res = db_step(st, e)) == DB_ROW) {
		rc = row_from_stmt(st, r, e);
		if (!rc)
			rc = sink_row(s, t, r, e);
	}
	if (!rc && res == DB_ERROR)
		rc = e->code;
	if (rc)
		err_prefix(e, "表 %s", tables[t].name);
	db_finalize(st);
	return rc;
}

static int load_sqlite(struct db *src, struct sink *s, struct err *e)
{
	struct row *r = xmalloc(sizeof *r);
	int rc = 0;
	for (int t = META + 1; !rc && t < NTABLES; t++)
		rc = load_table(src, t, s, r, e);
	free(r);
	return rc;
}

/* ---- restoring: reading the portable dump ---- */

/* An integral JSON number a double holds exactly, as text. */
static int number_text(const cJSON *v, char *out, size_t n)
{
	double d = v->valuedouble;
	/* range first: converting an out-of-range double is undefined */
	if (!(d <= 9007199254740992.0 && d >= -9007199254740992.0) || d != (double)(long long)d)
		return -1;
	snprintf(out, n, "%lld", (long long)d);
	return 0;
}

static int row_from_json(const cJSON *obj, struct row *r, struct err *e)
{
	const cJSON *v;
	r->n = 0;
	cJSON_ArrayForEach(v, obj) {
		if (r->n == MAX_COLUMNS)
			return err_set(e, ERR_INPUT, "列が多すぎます");
		int i = r->n++;
		r->name[i] = v->string;
		if (cJSON_IsNull(v))
			r->value[i] = NULL;
		else if (cJSON_IsString(v))
			r->value[i] = v->valuestring;
		else if (cJSON_IsNumber(v) && number_text(v, r->number[i], sizeof r->number[i]) == 0)
			r->value[i] = r->number[i];
		else
			return err_set(e, ERR_INPUT, "列「%s」の値は文字列・整数・null のいずれかです",
				       v->string);
	}
	return 0;
}

/* One row line: {"t":"<table>","r":{…}} and nothing else. */
static int parse_row_line(const cJSON *j, struct row *r, int *table, struct err *e)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "t");
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(j, "r");
	if (!cJSON_IsObject(j) || cJSON_GetArraySize(j) != 2 || !cJSON_IsString(t) ||
	    !cJSON_IsObject(obj))
		return err_set(e, ERR_INPUT,
			       "行の形式が正しくありません（{\"t\":表名,\"r\":{…}} ではありません）");
	*table = table_index(t->valuestring);
	if (*table < 0)
		return err_set(e, ERR_INPUT, "表「%s」は mamori のバックアップの対象ではありません",
			       t->valuestring);
	return row_from_json(obj, r, e);
}

static int dump_row_line(const char *line, size_t len, struct sink *s, struct row *r,
			 struct err *e)
{
	int table = -1;
	/* The length includes the NUL: with require_null_terminated cJSON looks
	 * for the terminator inside the buffer, refusing trailing garbage. */
	cJSON *j = cJSON_ParseWithLengthOpts(line, len + 1, NULL, 1);
	int rc = j ? parse_row_line(j, r, &table, e)
		   : err_set(e, ERR_INPUT, "行を JSON として読めません");
	if (!rc)
		rc = sink_row(s, table, r, e);
	cJSON_Delete(j);
	return rc;
}

static int parse_count(const char *s, long long *n)
{
	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 18)
		return -1;
	*n = strtoll(s, NULL, 10);
	return 0;
}

static int dump_end_line(const char *line, long long rows, struct err *e)
{
	long long n;
	if (parse_count(line + 4, &n))
		return err_set(e, ERR_INPUT, "END 行の件数が読めません");
	if (n != rows)
		return err_set(e, ERR_INPUT,
			       "END 行の件数 %lld が実際の行数 %lld と一致しません（ファイルが欠けています）",
			       n, rows);
	return 0;
}

/* Strips "\n" or "\r\n"; 0 when the line held a NUL byte (never in a dump). */
static int chomp(char *line, ssize_t *len)
{
	if (*len > 0 && line[*len - 1] == '\n')
		line[--*len] = '\0';
	if (*len > 0 && line[*len - 1] == '\r')
		line[--*len] = '\0';
	return strlen(line) == (size_t)*len;
}

struct dump_reader {
	FILE *f;
	const char *path;
	long long lineno; /* of the line just read */
	long long rows;   /* row lines so far */
	int ended;
};

static int dump_line(struct dump_reader *d, char *line, ssize_t len, struct sink *s,
		     struct row *r, struct err *e)
{
	if (d->ended)
		return err_set(e, ERR_INPUT, "END 行の後に余分な行があります");
	if (!chomp(line, &len))
		return err_set(e, ERR_INPUT, "行に NUL 文字があります");
	if (strncmp(line, "END ", 4) == 0) {
		d->ended = 1;
		return dump_end_line(line, d->rows, e);
	}
	d->rows++;
	return dump_row_line(line, (size_t)len, s, r, e);
}

static int load_dump(struct dump_reader *d, struct sink *s, struct err *e)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	struct row *r = xmalloc(sizeof *r);
	int rc = 0;
	while (!rc && (len = getline(&line, &cap, d->f)) >= 0) {
		d->lineno++;
		if ((rc = dump_line(d, line, len, s, r, e)))
			err_prefix(e, "%s の %lld 行目", d->path, d->lineno);
	}
	if (!rc && ferror(d->f))
		rc = err_set(e, ERR_IO, "%s を読めません: %s", d->path, strerror(errno));
	if (!rc && !d->ended)
		rc = err_set(e, ERR_INPUT, "%s: END 行がありません（%lld 行目の後で途切れています）",
			     d->path, d->lineno);
	free(r);
	free(line);
	return rc;
}

/* "MAMORI-DUMP 1 <version>" from a format and schema this binary reads. */
static int dump_header(struct dump_reader *d, struct err *e)
{
	char *line = NULL, magic[16], rest;
	size_t cap = 0;
	ssize_t len = getline(&line, &cap, d->f);
	int format = 0, version = 0;
	int ok = len > 0 && chomp(line, &len) &&
		 sscanf(line, "%15s %d %d %c", magic, &format, &version, &rest) == 3 &&
		 strcmp(magic, DUMP_MAGIC) == 0;
	free(line);
	d->lineno = 1;
	if (!ok)
		return err_set(e, ERR_INPUT, "%s の 1 行目: 見出し行が正しくありません", d->path);
	if (format != DUMP_FORMAT)
		return err_set(e, ERR_INPUT, "%s: ダンプ形式 %d には対応していません（対応: %d）", d->path,
			       format, DUMP_FORMAT);
	if (version < 1 || version > schema_latest_version())
		return err_set(e, ERR_INPUT,
			       "%s: スキーマ版 %d のダンプはこの mamori（対応版 %d）では復元できません",
			       d->path, version, schema_latest_version());
	return 0;
}

/* ---- restoring: the source ---- */

enum source_kind { SOURCE_SQLITE, SOURCE_DUMP };

struct source {
	enum source_kind kind;
	const char *path;
	struct dump_reader dump;
	char *copy_path;  /* SQLite: the private copy read from */
	struct db *copy;
};

/* A live database's last transactions may still sit in its -wal file, which
 * a copy of the main file alone would lose. */
static int check_no_wal(const char *path, struct err *e)
{
	struct stat sb;
	char *wal = path_with(path, "-wal");
	int live = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	if (live)
		return err_set(e, ERR_INPUT, "%s は使用中のデータベースのようです（-wal があります）。"
			       "mamori backup で作ったバックアップを指定してください", path);
	return 0;
}

static int require_mamori(struct db *db, const char *path, struct err *e)
{
	int exists = 0, version = 0;
	if (db_table_exists(db, "meta", &exists, e) || (exists && schema_version(db, &version, e)))
		return err_prefix(e, "%s", path);
	if (version < 1)
		return err_set(e, ERR_INPUT, "%s: mamori のバックアップではありません", path);
	return 0;
}

/*
 * db_open writes to the file it opens (WAL mode, migrations), so a SQLite
 * backup is read through a private copy: the backup stays as it was, and an
 * older backup is migrated on the way in.
 */
static int open_sqlite_source(struct source *src, struct err *e)
{
	const char *dir = getenv("TMPDIR");
	if (check_no_wal(src->path, e))
		return e->code;
	src->copy_path = xasprintf("%s/mamori-restore-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkostemp(src->copy_path, O_CLOEXEC);
	if (fd < 0) {
		err_set(e, ERR_IO, "一時ファイル %s を作成できません: %s", src->copy_path, strerror(errno));
		free(src->copy_path);
		src->copy_path = NULL;
		return e->code;
	}
	if (copy_into(src->path, fd, src->copy_path, e) || db_open(src->copy_path, &src->copy, e) ||
	    require_mamori(src->copy, src->path, e))
		return e->code;
	if (schema_migrate(src->copy, e))
		return err_prefix(e, "%s", src->path);
	return 0;
}

static int open_dump_source(struct source *src, FILE *f, struct err *e)
{
	src->dump.f = f;
	src->dump.path = src->path;
	rewind(f);
	return dump_header(&src->dump, e);
}

/* The format is told by content: a file name says nothing reliable. */
static int source_open(struct source *src, const char *path, struct err *e)
{
	char head[SQLITE_HEADER_LEN];
	memset(src, 0, sizeof *src);
	src->path = path;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, errno == ENOENT ? ERR_INPUT : ERR_IO, "%s を開けません: %s", path,
			       strerror(errno));
	size_t n = fread(head, 1, sizeof head, f);
	if (n == sizeof head && memcmp(head, SQLITE_HEADER, SQLITE_HEADER_LEN) == 0) {
		fclose(f);
		src->kind = SOURCE_SQLITE;
		return open_sqlite_source(src, e);
	}
	if (n >= sizeof DUMP_MAGIC && memcmp(head, DUMP_MAGIC " ", sizeof DUMP_MAGIC) == 0) {
		src->kind = SOURCE_DUMP;
		return open_dump_source(src, f, e);
	}
	fclose(f);
	return err_set(e, ERR_INPUT, "%s: mamori のバックアップではありません", path);
}

static int source_load(struct source *src, struct sink *s, struct err *e)
{
	if (src->kind == SOURCE_SQLITE)
		return load_sqlite(src->copy, s, e);
	return load_dump(&src->dump, s, e);
}

static void source_close(struct source *src)
{
	if (src->dump.f)
		fclose(src->dump.f);
	db_close(src->copy);
	if (src->copy_path)
		remove_scratch(src->copy_path);
	free(src->copy_path);
}

/* ---- restoring: the target ---- */

static int check_empty(struct db *db, struct err *e)
{
	for (int t = META + 1; t < NTABLES; t++) {
		char sql[96];
		long long n;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[t].name);
		if (db_query_int(db, sql, NULL, &n, e))
			return e->code;
		if (n > 0)
			return err_set(e, ERR_INPUT, "復元先のデータベースは空である必要があります");
	}
	return 0;
}

/* A restore never brings in tampered data: the restored rows must verify. */
static int verify_restored(struct db *db, struct backup_stats *stats, struct err *e)
{
	struct verify_report r;
	int rc = verify_run(db, &r, e);
	if (rc) {
		err_prefix(e, "バックアップの記録を検証できません");
	} else if (r.nproblems > 0) {
		const char *p = buf_str(&r.problems);
		rc = err_set(e, ERR_INPUT, "バックアップの記録が検証に失敗しました: %.*s",
			     (int)strcspn(p, "\n"), p);
	} else {
		stats->entries = r.entries;
	}
	verify_report_free(&r);
	return rc;
}

static int restore_in_tx(struct db *db, struct source *src, struct backup_stats *stats,
			 char **key, struct err *e)
{
	struct sink s;
	sink_init(&s, db);
	int rc = check_empty(db, e);
	if (!rc)
		rc = source_load(src, &s, e);
	if (!rc)
		rc = sink_finish(&s, e);
	stats->rows = s.rows;
	sink_free(&s);
	if (!rc)
		rc = install_key(db, src->path, key, e);
	stats->key_copied = *key != NULL;
	if (!rc)
		rc = verify_restored(db, stats, e);
	return rc;
}

int backup_restore_stats(struct db *db, const char *path, struct backup_stats *stats,
			 struct err *e)
{
	struct source src;
	char *key = NULL;
	memset(stats, 0, sizeof *stats);
	if (check_registry(e))
		return e->code;
	int rc = source_open(&src, path, e);
	if (!rc)
		rc = db_begin(db, e);
	if (!rc) {
		rc = restore_in_tx(db, &src, stats, &key, e);
		if (!rc)
			rc = db_commit(db, e);
		if (rc)
			db_rollback(db);
	}
	if (rc && key) {
		unlink(key); /* put in place for this restore only */
		stats->key_copied = 0;
	}
	free(key);
	source_close(&src);
	return rc;
}

int backup_restore(struct db *db, const char *path, struct err *e)
{
	struct backup_stats stats;
	return backup_restore_stats(db, path, &stats, e);
}
