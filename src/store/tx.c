#include "store/tx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/checkpoint.h"
#include "util/timeutil.h"

/* The rows of one table waiting for their batch entry. */
struct tx_batch {
	struct buf body; /* {"columns":[…],"rows":[[…],[…] without the closing ]} */
	int rows;
	const char *kind; /* of every row in it */
};

static void batches_free(struct tx *tx)
{
	for (int i = 0; tx->batch && i < schema_ntables; i++)
		buf_free(&tx->batch[i].body);
	free(tx->batch);
	tx->batch = NULL;
}

static void tx_free(struct tx *tx)
{
	batches_free(tx);
	db_finalize(tx->insert);
	for (int i = 0; tx->row_insert && i < schema_ntables; i++) {
		db_finalize(tx->row_insert[i]);
		db_finalize(tx->row_update[i]);
	}
	free(tx->row_insert);
	free(tx->row_update);
	free(tx->next_id);
	sha256_free(tx->sha);
	buf_free(&tx->body);
	buf_free(&tx->subject);
	free(tx->actor);
	memset(tx, 0, sizeof *tx);
}

int tx_begin(struct tx *tx, struct db *db, const char *actor, struct err *e)
{
	memset(tx, 0, sizeof *tx);
	if (db_begin(db, e))
		return e->code;
	tx->db = db;
	tx->actor = xstrdup(actor);
	time_now_rfc3339(tx->at);
	tx->sha = sha256_new();
	tx->row_insert = xcalloc((size_t)schema_ntables, sizeof *tx->row_insert);
	tx->row_update = xcalloc((size_t)schema_ntables, sizeof *tx->row_update);
	tx->next_id = xcalloc((size_t)schema_ntables, sizeof *tx->next_id);
	/* The head is read inside the write lock, so nobody appends under us. */
	if (journal_head(db, &tx->head, e) ||
	    db_prepare(db, "INSERT INTO journal(seq, at, actor, kind, subject, body, prev, hash)"
			   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &tx->insert, e)) {
		tx_rollback(tx);
		return e->code;
	}
	tx->first_seq = tx->head.seq;
	return 0;
}

static int tx_append(struct tx *tx, const char *kind, const char *subject, const char *body,
	      struct err *e)
{
	long long seq = tx->head.seq + 1;
	char hash[65];
	journal_entry_hash(tx->sha, tx->head.hash, seq, tx->at, tx->actor, kind, subject, body,
			   hash);
	struct db_stmt *st = tx->insert;
	db_reset(st);
	db_bind_int(st, 1, seq);
	db_bind_text_ref(st, 2, tx->at);
	db_bind_text_ref(st, 3, tx->actor);
	db_bind_text_ref(st, 4, kind);
	db_bind_text_ref(st, 5, subject);
	db_bind_text_ref(st, 6, body);
	db_bind_text_ref(st, 7, tx->head.hash);
	db_bind_text_ref(st, 8, hash);
	if (db_step(st, e) == DB_ERROR)
		return err_prefix(e, "記録（ジャーナル）の追記に失敗しました");
	tx->head.seq = seq;
	memcpy(tx->head.hash, hash, sizeof hash);
	return 0;
}

static int column_index(const struct table_def *t, const char *column)
{
	/* the first byte rules out most columns without a call: bulk imports
	 * set every column of 100,000 rows by name */
	for (int i = 0; i < t->ncolumns; i++)
		if (t->columns[i].name[0] == column[0] && strcmp(t->columns[i].name, column) == 0)
			return i;
	return -1;
}

void row_init(struct row *r, const char *table)
{
	memset(r, 0, sizeof *r);
	r->t = schema_table(table);
	for (int i = 0; i < ROW_MAX_COLUMNS; i++)
		r->v[i].is_null = 1;
}

/* A misspelt column is a programming error: fail loudly, never write it. */
static struct row_value *slot(struct row *r, const char *column)
{
	int i = r->t ? column_index(r->t, column) : -1;
	if (i < 0) {
		fprintf(stderr, "mamori: 内部エラー: 列 %s は表 %s にありません\n", column,
			r->t ? r->t->name : "?");
		abort();
	}
	return &r->v[i];
}

void row_text(struct row *r, const char *column, const char *value)
{
	struct row_value *v = slot(r, column);
	v->is_null = !value || !*value;
	v->str = value;
}

void row_int(struct row *r, const char *column, long long value)
{
	struct row_value *v = slot(r, column);
	v->is_null = 0;
	v->num = value;
}

void row_id_ref(struct row *r, const char *column, long long id)
{
	struct row_value *v = slot(r, column);
	v->is_null = id <= 0;
	v->num = id;
}

int tx_next_id(struct tx *tx, const char *table, long long *id, struct err *e)
{
	const struct table_def *t = schema_table(table);
	if (!t)
		return err_set(e, ERR_INTERNAL, "表 %s は登録されていません", table);
	int idx = (int)(t - schema_tables);
	if (tx->next_id[idx] == 0) {
		char *sql = xasprintf("SELECT COALESCE(MAX(id), 0) FROM %s", table);
		long long max;
		int rc = db_query_int(tx->db, sql, NULL, &max, e);
		free(sql);
		if (rc)
			return rc;
		tx->next_id[idx] = max + 1;
	}
	*id = tx->next_id[idx]++;
	return 0;
}

/* INSERT INTO t(c1, …) VALUES (?, …)  or  UPDATE t SET c1 = ?, … WHERE id = ? */
static char *write_sql(const struct table_def *t, int insert)
{
	struct buf sql = BUF_INIT;
	if (insert) {
		buf_printf(&sql, "INSERT INTO %s(", t->name);
		for (int i = 0; i < t->ncolumns; i++)
			buf_printf(&sql, "%s%s", i ? ", " : "", t->columns[i].name);
		buf_puts(&sql, ") VALUES (");
		for (int i = 0; i < t->ncolumns; i++)
			buf_puts(&sql, i ? ", ?" : "?");
		buf_putc(&sql, ')');
	} else {
		buf_printf(&sql, "UPDATE %s SET ", t->name);
		for (int i = 0; i < t->ncolumns; i++)
			buf_printf(&sql, "%s%s = ?", i ? ", " : "", t->columns[i].name);
		buf_puts(&sql, " WHERE id = ?");
	}
	return buf_take(&sql);
}

static void bind_row(struct db_stmt *st, const struct row *r, int id_col)
{
	const struct table_def *t = r->t;
	for (int i = 0; i < t->ncolumns; i++) {
		const struct row_value *v = &r->v[i];
		if (v->is_null)
			db_bind_null(st, i + 1);
		else if (t->columns[i].type == COL_INT)
			db_bind_int(st, i + 1, v->num);
		else
			db_bind_text_ref(st, i + 1, v->str);
	}
	if (id_col >= 0) /* UPDATE … WHERE id = ? */
		db_bind_int(st, t->ncolumns + 1, r->v[id_col].num);
}

static int row_is_null(const void *ctx, int col) { return ((const struct row *)ctx)->v[col].is_null; }
static long long row_num(const void *ctx, int col) { return ((const struct row *)ctx)->v[col].num; }
static const char *row_str(const void *ctx, int col) { return ((const struct row *)ctx)->v[col].str; }

void tx_bulk_begin(struct tx *tx)
{
	/* MAMORI_JOURNAL_BATCH=0: one entry per row, as before batches existed
	 * (docs/journal.md); make bench builds its 1,000,000-entry journal so */
	const char *env = getenv("MAMORI_JOURNAL_BATCH");
	if (env && strcmp(env, "0") == 0)
		return;
	if (!tx->batch)
		tx->batch = xcalloc((size_t)schema_ntables, sizeof *tx->batch);
}

static int batch_flush(struct tx *tx, int idx, struct err *e)
{
	struct tx_batch *b = &tx->batch[idx];
	if (b->rows == 0)
		return 0;
	buf_puts(&b->body, "]}");
	int rc = tx_append(tx, b->kind, schema_tables[idx].name, buf_str(&b->body), e);
	buf_reset(&b->body);
	b->rows = 0;
	return rc;
}

/* Adds a row's values to its table's batch (journal.h: batch entries). */
static int batch_add(struct tx *tx, const char *kind, const struct row_source *src, int idx,
		     struct err *e)
{
	struct tx_batch *b = &tx->batch[idx];
	/* a batch has one kind: a row of another kind starts the next batch,
	 * so rows of a table stay in the order they were put */
	if (b->rows && strcmp(b->kind, kind) != 0 && batch_flush(tx, idx, e))
		return e->code;
	b->kind = kind;
	if (b->rows)
		buf_putc(&b->body, ',');
	else
		journal_render_batch_head(&schema_tables[idx], &b->body);
	journal_render_values(&schema_tables[idx], src, &b->body);
	if (++b->rows < TX_BATCH_ROWS)
		return 0;
	return batch_flush(tx, idx, e);
}

int tx_put_row(struct tx *tx, const char *kind, const struct row *r, int insert, struct err *e)
{
	const struct table_def *t = r->t;
	int idx = (int)(t - schema_tables);
	int id_col = column_index(t, "id");
	if (id_col < 0 || r->v[id_col].is_null)
		return err_set(e, ERR_INTERNAL, "表 %s の行に id がありません", t->name);
	struct db_stmt **st = insert ? &tx->row_insert[idx] : &tx->row_update[idx];
	if (!*st) {
		char *sql = write_sql(t, insert);
		int rc = db_prepare(tx->db, sql, st, e);
		free(sql);
		if (rc)
			return rc;
	}
	db_reset(*st);
	bind_row(*st, r, insert ? -1 : id_col);
	if (db_step(*st, e) == DB_ERROR)
		return e->code;
	struct row_source src = {r, row_is_null, row_num, row_str};
	if (tx->batch)
		return batch_add(tx, kind, &src, idx, e);
	buf_reset(&tx->body);
	journal_render(t, &src, &tx->body);
	buf_reset(&tx->subject);
	buf_puts(&tx->subject, t->name);
	buf_putc(&tx->subject, '/');
	buf_put_int(&tx->subject, r->v[id_col].num);
	return tx_append(tx, kind, buf_str(&tx->subject), buf_str(&tx->body), e);
}

int tx_bulk_end(struct tx *tx, struct err *e)
{
	for (int i = 0; tx->batch && i < schema_ntables; i++)
		if (batch_flush(tx, i, e))
			return e->code;
	batches_free(tx);
	return 0;
}

long long tx_entries(const struct tx *tx)
{
	return tx->head.seq - tx->first_seq;
}

int tx_commit(struct tx *tx, struct err *e)
{
	/* rows still waiting in batches are journaled, never dropped */
	int rc = tx_bulk_end(tx, e);
	if (!rc && tx_entries(tx) > 0) {
		struct signing_key key;
		char *path = checkpoint_key_path(tx->db);
		rc = checkpoint_load_or_create_key(path, &key, e);
		if (!rc)
			rc = checkpoint_write(tx->db, &key, tx->head.seq, tx->head.hash, tx->at, e);
		memset(&key, 0, sizeof key);
		free(path);
	}
	/* Statements must be finalised before COMMIT on PostgreSQL's side too. */
	struct db *db = tx->db;
	if (rc) {
		tx_rollback(tx);
		return rc;
	}
	tx_free(tx);
	if (db_commit(db, e)) {
		db_rollback(db);
		return e->code;
	}
	return 0;
}

void tx_rollback(struct tx *tx)
{
	struct db *db = tx->db;
	tx_free(tx);
	if (db)
		db_rollback(db);
}
