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
	struct row r;
	row_init(&r, "municipality");
	row_int(&r, "id", 1); /* one municipality per database */
	row_text(&r, "name", name);
	row_text(&r, "kind", k->id);
	row_text(&r, "code", code);
	return tx_put_row(tx, "municipality.create", &r, 1, e);
}
