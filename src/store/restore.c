/*
 * restore.c — `mamori restore`: rows from either backup format go into a
 * `struct sink`, which inserts them into the target with column lists checked
 * against the target's own columns; table and column names reach SQL only
 * after they matched a name from backup_tables or the target database.  The
 * restore commits only after verify passes on the restored rows.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/backup_internal.h"
#include "store/schema.h"
#include "store/verify.h"
#include "util/buf.h"

/* ---- restoring: the sink that inserts rows into the target ---- */

/* One row as read from a backup: column names and text values (NULL = SQL NULL). */
struct source_row {
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
	int table;              /* backup_tables[] index of the rows arriving, -1 before any */
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
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE 1 = 0", backup_tables[t].name);
	if (db_prepare(s->db, sql, &st, e))
		return e->code;
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	int n = db_column_count(st);
	if (!rc && n > MAX_COLUMNS)
		rc = err_set(e, ERR_INTERNAL, "表 %s の列が多すぎます", backup_tables[t].name);
	for (int i = 0; !rc && i < n; i++)
		s->cols[s->ncols++] = xstrdup(db_column_name(st, i));
	db_finalize(st);
	return rc;
}

static int flush_links(struct sink *s, struct err *e)
{
	const struct backup_table *t = &backup_tables[s->table];
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
		backup_bind_value(st, 1, t->self_ref, s->links[i].ref);
		backup_bind_value(st, 2, "id", s->links[i].id);
		rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	}
	db_finalize(st);
	return rc;
}

/* Rows arrive table by table in the order of backup_tables[]; a table never comes back. */
static int sink_switch(struct sink *s, int t, struct err *e)
{
	if (t == s->table)
		return 0;
	if (t < s->table)
		return err_set(e, ERR_INPUT,
			       "表 %s の行が表 %s の行より後にあります（順序が正しくありません）",
			       backup_tables[t].name, backup_tables[s->table].name);
	int rc = s->table >= 0 ? flush_links(s, e) : 0;
	sink_clear_table(s);
	s->table = t;
	return rc ? rc : load_target_columns(s, t, e);
}

static int check_columns(const struct sink *s, const struct source_row *r, struct err *e)
{
	if (r->n == 0)
		return err_set(e, ERR_INPUT, "表 %s の行に列がありません", backup_tables[s->table].name);
	for (int i = 0; i < r->n; i++) {
		int known = 0;
		for (int k = 0; k < s->ncols && !known; k++)
			known = strcmp(s->cols[k], r->name[i]) == 0;
		if (!known)
			return err_set(e, ERR_INPUT, "表 %s に列「%s」はありません", backup_tables[s->table].name,
				       r->name[i]);
		for (int k = 0; k < i; k++)
			if (strcmp(r->name[k], r->name[i]) == 0)
				return err_set(e, ERR_INPUT, "列「%s」が重複しています", r->name[i]);
	}
	return 0;
}

/* Prepares the INSERT for this row's column list, unless the last row had the same. */
static int prepare_insert(struct sink *s, const struct source_row *r, struct err *e)
{
	struct buf cols = BUF_INIT, sql = BUF_INIT;
	for (int i = 0; i < r->n; i++)
		buf_printf(&cols, "%s\"%s\"", i ? "," : "", r->name[i]);
	int rc = 0;
	if (!s->insert || strcmp(buf_str(&cols), buf_str(&s->insert_cols)) != 0) {
		buf_printf(&sql, "INSERT INTO %s(%s) VALUES (", backup_tables[s->table].name, cols.data);
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

static int sink_row(struct sink *s, int t, const struct source_row *r, struct err *e)
{
	if (sink_switch(s, t, e))
		return e->code;
	if (t == META)
		return 0; /* the target keeps its own schema_version */
	if (check_columns(s, r, e) || prepare_insert(s, r, e))
		return e->code;
	const char *self_ref = backup_tables[t].self_ref, *id = NULL;
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->name[i], "id") == 0)
			id = r->value[i];
	db_reset(s->insert);
	for (int i = 0; i < r->n; i++) {
		int deferred = self_ref && r->value[i] && strcmp(r->name[i], self_ref) == 0;
		if (deferred)
			add_link(s, id, r->value[i]);
		backup_bind_value(s->insert, i + 1, r->name[i], deferred ? NULL : r->value[i]);
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

static int row_from_stmt(struct db_stmt *st, struct source_row *r, struct err *e)
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

static int load_table(struct db *src, int t, struct sink *s, struct source_row *r, struct err *e)
{
	char sql[128];
	struct db_stmt *st;
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY %s", backup_tables[t].name, backup_tables[t].pk);
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
		err_prefix(e, "表 %s", backup_tables[t].name);
	db_finalize(st);
	return rc;
}

static int load_sqlite(struct db *src, struct sink *s, struct err *e)
{
	struct source_row *r = xmalloc(sizeof *r);
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

static int row_from_json(const cJSON *obj, struct source_row *r, struct err *e)
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
static int parse_row_line(const cJSON *j, struct source_row *r, int *table, struct err *e)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "t");
	const cJSON *obj = cJSON_GetObjectItemCaseSensitive(j, "r");
	if (!cJSON_IsObject(j) || cJSON_GetArraySize(j) != 2 || !cJSON_IsString(t) ||
	    !cJSON_IsObject(obj))
		return err_set(e, ERR_INPUT,
			       "行の形式が正しくありません（{\"t\":表名,\"r\":{…}} ではありません）");
	*table = backup_table_index(t->valuestring);
	if (*table < 0)
		return err_set(e, ERR_INPUT, "表「%s」は mamori のバックアップの対象ではありません",
			       t->valuestring);
	return row_from_json(obj, r, e);
}

static int dump_row_line(const char *line, size_t len, struct sink *s, struct source_row *r,
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
		     struct source_row *r, struct err *e)
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
	struct source_row *r = xmalloc(sizeof *r);
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
	char *wal = backup_path_with(path, "-wal");
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
	if (backup_copy_into(src->path, fd, src->copy_path, e) || db_open(src->copy_path, &src->copy, e) ||
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
		backup_remove_scratch(src->copy_path);
	free(src->copy_path);
}

/* ---- restoring: the target ---- */

static int check_empty(struct db *db, struct err *e)
{
	for (int t = META + 1; t < NTABLES; t++) {
		char sql[96];
		long long n;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", backup_tables[t].name);
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
		rc = backup_install_key(db, src->path, key, e);
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
	if (backup_check_registry(e))
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

