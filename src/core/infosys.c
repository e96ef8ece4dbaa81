#include "core/infosys.h"

#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/rows.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/timeutil.h"

static void read_system(struct db_stmt *st, void *elem)
{
	struct info_system *s = elem;
	s->id = db_column_int(st, 0);
	s->code = col_dup(st, 1);
	s->name = col_dup(st, 2);
	s->unit_id = col_id(st, 3);
	s->zone = col_dup(st, 4);
	s->retired_on = col_dup(st, 5);
}

int infosys_load(struct db *db, struct info_systems *out, struct err *e)
{
	int rc = rows_load(db, "SELECT id, code, name, unit_id, zone, retired_on FROM info_system ORDER BY id",
			   sizeof *out->v, read_system, (void **)&out->v, &out->n, e);
	if (rc)
		infosys_free(out);
	return rc;
}

void infosys_free(struct info_systems *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].name);
		free(l->v[i].zone);
		free(l->v[i].retired_on);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

const struct info_system *infosys_by_code(const struct info_systems *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	return NULL;
}

const struct info_system *infosys_by_id(const struct info_systems *l, long long id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

static void system_row(const struct info_system *s, struct row *r)
{
	row_init(r, "info_system");
	row_int(r, "id", s->id);
	row_text(r, "code", s->code);
	row_text(r, "name", s->name);
	row_id_ref(r, "unit_id", s->unit_id);
	row_text(r, "zone", s->zone);
	row_text(r, "retired_on", s->retired_on);
}

int infosys_add(struct tx *tx, const struct info_system_input *in, long long *id, struct err *e)
{
	struct org_units units;
	struct info_systems systems;
	const struct org_unit *unit = NULL;
	if (!in->code || !*in->code || !in->name || !*in->name)
		return err_set(e, ERR_INPUT, "システムコードとシステム名を指定してください");
	const struct vocab_entry *zone = vocab_find(&vocab_zone, in->zone);
	if (!zone) {
		char *choices = vocab_choices(&vocab_zone);
		err_set(e, ERR_INPUT, "ネットワーク領域「%s」は使えません（%s のいずれか）",
			in->zone ? in->zone : "", choices);
		free(choices);
		return e->code;
	}
	if (org_units_load(tx->db, &units, e))
		return e->code;
	if (infosys_load(tx->db, &systems, e)) {
		org_units_free(&units);
		return e->code;
	}
	int rc = 0;
	if (infosys_by_code(&systems, in->code))
		rc = err_set(e, ERR_INPUT, "システムコード「%s」は既に使われています", in->code);
	if (!rc)
		rc = org_unit_resolve(&units, in->unit, &unit, e);
	if (!rc && !org_unit_is_open(unit))
		rc = err_set(e, ERR_INPUT, "所管課「%s」は廃止されています", unit->name);
	if (!rc)
		rc = tx_next_id(tx, "info_system", id, e);
	if (!rc) {
		struct info_system s = {*id, (char *)in->code, (char *)in->name, unit->id,
					(char *)zone->id, NULL};
		struct row r;
		system_row(&s, &r);
		rc = tx_put_row(tx, "info_system.add", &r, 1, e);
	}
	org_units_free(&units);
	infosys_free(&systems);
	return rc;
}

int infosys_retire(struct tx *tx, const char *code, const char *date, struct err *e)
{
	struct info_systems systems;
	char day[11];
	if (date_parse(date, day, e) || infosys_load(tx->db, &systems, e))
		return e->code;
	const struct info_system *s = infosys_by_code(&systems, code);
	int rc = 0;
	if (!s)
		rc = err_set(e, ERR_INPUT, "システムコード「%s」は登録されていません", code);
	else if (s->retired_on)
		rc = err_set(e, ERR_INPUT, "システム「%s」は既に廃止されています", s->name);
	if (!rc) {
		struct row r;
		system_row(s, &r);
		row_text(&r, "retired_on", day);
		rc = tx_put_row(tx, "info_system.retire", &r, 0, e);
	}
	infosys_free(&systems);
	return rc;
}
