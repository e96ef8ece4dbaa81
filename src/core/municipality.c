/*
 * municipality.c — the one 団体 a database belongs to.
 */
#include "core/org.h"

#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "core/vocab.h"
#include "util/buf.h"

int municipality_get(struct db *db, struct municipality *m, int *found, struct err *e)
{
	struct db_stmt *st;
	memset(m, 0, sizeof *m);
	*found = 0;
	if (db_prepare(db, "SELECT name, kind, code FROM municipality WHERE id = 1", &st, e))
		return e->code;
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW) {
		*found = 1;
		m->name = col_dup(st, 0);
		m->kind = col_dup(st, 1);
		m->code = col_dup(st, 2);
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

void municipality_free(struct municipality *m)
{
	free(m->name);
	free(m->kind);
	free(m->code);
	memset(m, 0, sizeof *m);
}

int municipality_create(struct tx *tx, const char *name, const char *kind, const char *code,
			struct err *e)
{
	struct municipality existing;
	int found;
	if (!name || !*name)
		return err_set(e, ERR_INPUT, "団体名（--name）を指定してください");
	const struct vocab_entry *k = vocab_find(&vocab_municipality_kind, kind);
	if (!k) {
		char *choices = vocab_choices(&vocab_municipality_kind);
		err_set(e, ERR_INPUT, "団体の種類「%s」は使えません（%s のいずれか）", kind ? kind : "",
			choices);
		free(choices);
		return e->code;
	}
	if (municipality_get(tx->db, &existing, &found, e))
		return e->code;
	if (found) {
		err_set(e, ERR_INPUT, "このデータベースには既に団体「%s」が登録されています", existing.name);
		municipality_free(&existing);
		return e->code;
	}
	struct db_stmt *st;
	if (db_prepare(tx->db, "INSERT INTO municipality(id, name, kind, code) VALUES (1, ?, ?, ?)",
		       &st, e))
		return e->code;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, k->id);
	bind_opt_text(st, 3, code);
	int rc = step_done(st, e);
	db_finalize(st);
	return rc ? rc : tx_record(tx, "municipality.create", "municipality", 1, e);
}
