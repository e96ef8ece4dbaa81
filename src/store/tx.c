#include "store/tx.h"

#include <stdlib.h>
#include <string.h>

#include "store/checkpoint.h"
#include "util/timeutil.h"

static void tx_free(struct tx *tx)
{
	db_finalize(tx->insert);
	for (int i = 0; i < tx->ncache; i++)
		db_finalize(tx->cache[i].st);
	if (tx->row_select)
		for (int i = 0; i < schema_ntables; i++)
			db_finalize(tx->row_select[i]);
	free(tx->row_select);
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
	tx->row_select = xcalloc((size_t)schema_ntables, sizeof *tx->row_select);
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

int tx_append(struct tx *tx, const char *kind, const char *subject, const char *body,
	      struct err *e)
{
	long long seq = tx->head.seq + 1;
	char hash[65];
	journal_entry_hash(tx->sha, tx->head.hash, seq, tx->at, tx->actor, kind, subject, body,
			   hash);
	struct db_stmt *st = tx->insert;
	db_reset(st);
	db_bind_int(st, 1, seq);
	db_bind_text(st, 2, tx->at);
	db_bind_text(st, 3, tx->actor);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, subject);
	db_bind_text(st, 6, body);
	db_bind_text(st, 7, tx->head.hash);
	db_bind_text(st, 8, hash);
	if (db_step(st, e) == DB_ERROR)
		return err_prefix(e, "記録（ジャーナル）の追記に失敗しました");
	tx->head.seq = seq;
	memcpy(tx->head.hash, hash, sizeof hash);
	return 0;
}

int tx_record(struct tx *tx, const char *kind, const char *table, long long id, struct err *e)
{
	const struct table_def *t = schema_table(table);
	if (!t)
		return err_set(e, ERR_INTERNAL, "記録対象の表 %s は登録されていません", table);
	int idx = (int)(t - schema_tables);
	if (journal_render_row(tx->db, t, id, &tx->row_select[idx], &tx->body, e))
		return e->code;
	buf_reset(&tx->subject);
	buf_printf(&tx->subject, "%s/%lld", table, id);
	return tx_append(tx, kind, buf_str(&tx->subject), buf_str(&tx->body), e);
}

int tx_prepare(struct tx *tx, const char *sql, struct db_stmt **out, struct err *e)
{
	for (int i = 0; i < tx->ncache; i++) {
		if (tx->cache[i].sql == sql || strcmp(tx->cache[i].sql, sql) == 0) {
			db_reset(tx->cache[i].st);
			*out = tx->cache[i].st;
			return 0;
		}
	}
	if (tx->ncache == (int)(sizeof tx->cache / sizeof tx->cache[0]))
		return err_set(e, ERR_INTERNAL, "トランザクション内の SQL 文が多すぎます");
	if (db_prepare(tx->db, sql, out, e))
		return e->code;
	tx->cache[tx->ncache].sql = sql;
	tx->cache[tx->ncache].st = *out;
	tx->ncache++;
	return 0;
}

long long tx_entries(const struct tx *tx)
{
	return tx->head.seq - tx->first_seq;
}

int tx_commit(struct tx *tx, struct err *e)
{
	int rc = 0;
	if (tx_entries(tx) > 0) {
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
