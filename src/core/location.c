#include "core/location.h"

#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/rows.h"
#include "util/buf.h"
#include "util/fold.h"

static void read_location(struct db_stmt *st, void *elem)
{
	struct storage_location *l = elem;
	l->id = db_column_int(st, 0);
	l->code = col_dup(st, 1);
	l->name = col_dup(st, 2);
	l->unit_id = col_id(st, 3);
	l->lockable = (int)db_column_int(st, 4);
	l->fireproof = (int)db_column_int(st, 5);
	l->offsite = (int)db_column_int(st, 6);
	l->note = col_dup(st, 7);
}

int location_load(struct db *db, struct storage_locations *out, struct err *e)
{
	int rc = rows_load(db, "SELECT id, code, name, unit_id, lockable, fireproof, offsite, note"
			       " FROM storage_location ORDER BY id",
			   sizeof *out->v, read_location, (void **)&out->v, &out->n, e);
	if (rc)
		location_list_free(out);
	return rc;
}

void location_list_free(struct storage_locations *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].name);
		free(l->v[i].note);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

const struct storage_location *location_find(const struct storage_locations *l, const char *text)
{
	if (!text || !*text)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, text) == 0 || strcmp(l->v[i].name, text) == 0)
			return &l->v[i];
	char *want = fold_key(text);
	const struct storage_location *found = NULL;
	for (size_t i = 0; i < l->n && !found; i++) {
		char *name = fold_key(l->v[i].name);
		if (strcmp(name, want) == 0)
			found = &l->v[i];
		free(name);
	}
	free(want);
	return found;
}

int location_add(struct tx *tx, const struct location_input *in, struct err *e)
{
	struct storage_locations existing;
	long long unit_id = 0, id;
	if (!in->code || !*in->code || !in->name || !*in->name)
		return err_set(e, ERR_INPUT, "場所コードと場所の名称を指定してください");
	if (in->unit && *in->unit) {
		struct org_units units;
		const struct org_unit *u;
		if (org_units_load(tx->db, &units, e))
			return e->code;
		int rc = org_unit_resolve(&units, in->unit, &u, e);
		if (!rc)
			unit_id = u->id;
		org_units_free(&units);
		if (rc)
			return rc;
	}
	if (location_load(tx->db, &existing, e))
		return e->code;
	int clash = location_find(&existing, in->code) || location_find(&existing, in->name);
	location_list_free(&existing);
	if (clash)
		return err_set(e, ERR_INPUT, "場所「%s」（%s）は既に登録されています", in->name, in->code);
	if (tx_next_id(tx, "storage_location", &id, e))
		return e->code;
	struct row r;
	row_init(&r, "storage_location");
	row_int(&r, "id", id);
	row_text(&r, "code", in->code);
	row_text(&r, "name", in->name);
	row_id_ref(&r, "unit_id", unit_id);
	row_int(&r, "lockable", in->lockable != 0);
	row_int(&r, "fireproof", in->fireproof != 0);
	row_int(&r, "offsite", in->offsite != 0);
	row_text(&r, "note", in->note);
	return tx_put_row(tx, "storage_location.add", &r, 1, e);
}
