/*
 * org.c — the organisation tree.
 */
#include "core/org.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/fold.h"
#include "util/timeutil.h"

static void read_unit(struct db_stmt *st, void *elem)
{
	struct org_unit *x = elem;
	x->id = db_column_int(st, 0);
	x->code = col_dup(st, 1);
	x->name = col_dup(st, 2);
	x->kind = col_dup(st, 3);
	x->parent_id = col_id(st, 4);
	x->opened_on = col_dup(st, 5);
	x->closed_on = col_dup(st, 6);
}

int org_units_load(struct db *db, struct org_units *u, struct err *e)
{
	int rc = rows_load(db, "SELECT id, code, name, kind, parent_id, opened_on, closed_on FROM org_unit ORDER BY id",
			   sizeof *u->v, read_unit, (void **)&u->v, &u->n, e);
	if (rc)
		org_units_free(u);
	return rc;
}

void org_units_free(struct org_units *u)
{
	for (size_t i = 0; i < u->n; i++) {
		struct org_unit *x = &u->v[i];
		free(x->code);
		free(x->name);
		free(x->kind);
		free(x->opened_on);
		free(x->closed_on);
	}
	free(u->v);
	memset(u, 0, sizeof *u);
}

const struct org_unit *org_unit_by_id(const struct org_units *u, long long id)
{
	return rows_by_id(u->v, u->n, sizeof *u->v, offsetof(struct org_unit, id), id);
}

const struct org_unit *org_unit_by_code(const struct org_units *u, const char *code)
{
	for (size_t i = 0; i < u->n; i++)
		if (strcmp(u->v[i].code, code) == 0)
			return &u->v[i];
	return NULL;
}

/* Counts units whose name or code folds to `want`, among open or closed ones. */
static int match_by_name(const struct org_units *u, const char *want, int open,
			 const struct org_unit **first)
{
	int matches = 0;
	for (size_t i = 0; i < u->n; i++) {
		if (org_unit_is_open(&u->v[i]) != open)
			continue;
		char *name = fold_key(u->v[i].name), *code = fold_key(u->v[i].code);
		if (strcmp(name, want) == 0 || strcmp(code, want) == 0) {
			if (!matches++)
				*first = &u->v[i];
		}
		free(name);
		free(code);
	}
	return matches;
}

int org_unit_resolve(const struct org_units *u, const char *text, const struct org_unit **out,
		     struct err *e)
{
	*out = NULL;
	if (!text || !*text)
		return err_set(e, ERR_INPUT, "所属が空です");
	const struct org_unit *by_code = org_unit_by_code(u, text);
	if (by_code) {
		*out = by_code;
		return 0;
	}
	/* An open unit wins over a closed one of the same name. */
	char *want = fold_key(text);
	const struct org_unit *first = NULL;
	int matches = match_by_name(u, want, 1, &first);
	if (!matches)
		matches = match_by_name(u, want, 0, &first);
	free(want);
	if (!matches)
		return err_set(e, ERR_INPUT, "所属「%s」は登録されていません（組織コードまたは組織名で指定してください）",
			       text);
	if (matches > 1)
		return err_set(e, ERR_INPUT, "所属「%s」に当たる組織が %d つあります（組織コードで指定してください）",
			       text, matches);
	*out = first;
	return 0;
}

int org_unit_tier(const struct org_unit *unit)
{
	const struct vocab_entry *k = vocab_find(&vocab_unit_kind, unit->kind);
	return k ? k->tier : TIER_TEAM;
}

int org_unit_is_open(const struct org_unit *unit)
{
	return unit->closed_on == NULL;
}

int org_unit_within(const struct org_units *u, long long id, long long ancestor)
{
	/* depth is tiny (three or four levels); the guard stops a corrupt cycle */
	for (int guard = 0; id && guard < 64; guard++) {
		if (id == ancestor)
			return 1;
		const struct org_unit *x = org_unit_by_id(u, id);
		id = x ? x->parent_id : 0;
	}
	return 0;
}

const struct org_unit *org_unit_up_to_tier(const struct org_units *u, long long id, int tier)
{
	for (int guard = 0; id && guard < 64; guard++) {
		const struct org_unit *x = org_unit_by_id(u, id);
		if (!x)
			return NULL;
		if (org_unit_tier(x) == tier)
			return x;
		if (org_unit_tier(x) < tier)
			return NULL;
		id = x->parent_id;
	}
	return NULL;
}

char *org_unit_path(const struct org_units *u, long long id)
{
	const struct org_unit *chain[64];
	int n = 0;
	for (; id && n < 64; n++) {
		const struct org_unit *x = org_unit_by_id(u, id);
		if (!x)
			break;
		chain[n] = x;
		id = x->parent_id;
	}
	struct buf b = BUF_INIT;
	for (int i = n - 1; i >= 0; i--)
		buf_printf(&b, "%s%s", i == n - 1 ? "" : " > ", chain[i]->name);
	return buf_take(&b);
}

/* A child must sit below its parent in the hierarchy (a 課 under a 部局). */
static int check_parent(const struct org_unit *parent, const struct vocab_entry *kind,
			struct err *e)
{
	if (!parent) {
		if (kind->tier != TIER_BUREAU)
			return err_set(e, ERR_INPUT, "%s には上位組織（--parent）が必要です", kind->label);
		return 0;
	}
	if (!org_unit_is_open(parent))
		return err_set(e, ERR_INPUT, "上位組織「%s」は廃止されています", parent->name);
	if (org_unit_tier(parent) >= kind->tier && kind->tier != TIER_TEAM)
		return err_set(e, ERR_INPUT, "%s を %s「%s」の下に置くことはできません", kind->label,
			       vocab_label(&vocab_unit_kind, parent->kind), parent->name);
	return 0;
}

int org_unit_add(struct tx *tx, const struct org_unit_input *in, long long *id, struct err *e)
{
	struct org_units units;
	const struct org_unit *parent = NULL;
	char opened[11] = "";
	if (!in->code || !*in->code || !in->name || !*in->name)
		return err_set(e, ERR_INPUT, "組織コードと組織名を指定してください");
	const struct vocab_entry *kind = vocab_find(&vocab_unit_kind, in->kind);
	if (!kind) {
		char *choices = vocab_choices(&vocab_unit_kind);
		err_set(e, ERR_INPUT, "組織の種類「%s」は使えません（%s のいずれか）", in->kind ? in->kind : "",
			choices);
		free(choices);
		return e->code;
	}
	if (in->opened_on && *in->opened_on && date_parse(in->opened_on, opened, e))
		return e->code;
	if (org_units_load(tx->db, &units, e))
		return e->code;
	int rc = 0;
	if (org_unit_by_code(&units, in->code))
		rc = err_set(e, ERR_INPUT, "組織コード「%s」は既に使われています", in->code);
	if (!rc && in->parent && *in->parent)
		rc = org_unit_resolve(&units, in->parent, &parent, e);
	if (!rc)
		rc = check_parent(parent, kind, e);
	if (!rc)
		rc = tx_next_id(tx, "org_unit", id, e);
	if (!rc) {
		struct row r;
		row_init(&r, "org_unit");
		row_int(&r, "id", *id);
		row_text(&r, "code", in->code);
		row_text(&r, "name", in->name);
		row_text(&r, "kind", kind->id);
		row_id_ref(&r, "parent_id", parent ? parent->id : 0);
		row_text(&r, "opened_on", opened);
		rc = tx_put_row(tx, "org_unit.add", &r, 1, e);
	}
	org_units_free(&units);
	return rc;
}

/* A unit as a row, for rewriting it whole. */
static void unit_row(const struct org_unit *u, struct row *r)
{
	row_init(r, "org_unit");
	row_int(r, "id", u->id);
	row_text(r, "code", u->code);
	row_text(r, "name", u->name);
	row_text(r, "kind", u->kind);
	row_id_ref(r, "parent_id", u->parent_id);
	row_text(r, "opened_on", u->opened_on);
	row_text(r, "closed_on", u->closed_on);
}

int org_unit_close(struct tx *tx, const char *code, const char *date, struct err *e)
{
	struct org_units units;
	char day[11];
	if (date_parse(date, day, e))
		return e->code;
	if (org_units_load(tx->db, &units, e))
		return e->code;
	const struct org_unit *unit = org_unit_by_code(&units, code);
	int rc = 0;
	long long n = 0;
	if (!unit)
		rc = err_set(e, ERR_INPUT, "組織コード「%s」は登録されていません", code);
	else if (!org_unit_is_open(unit))
		rc = err_set(e, ERR_INPUT, "組織「%s」は既に廃止されています", unit->name);
	for (size_t i = 0; !rc && i < units.n; i++)
		if (units.v[i].parent_id == unit->id && org_unit_is_open(&units.v[i]))
			rc = err_set(e, ERR_INPUT, "組織「%s」には廃止されていない下位組織「%s」があります",
				     unit->name, units.v[i].name);
	if (!rc) {
		char idtext[24];
		snprintf(idtext, sizeof idtext, "%lld", unit->id);
		rc = db_query_int(tx->db, "SELECT count(*) FROM staff WHERE left_on IS NULL"
					  " AND unit_id = CAST(? AS INTEGER)", idtext, &n, e);
		if (!rc && n > 0)
			rc = err_set(e, ERR_INPUT, "組織「%s」にはまだ %lld 人の職員が所属しています（先に異動させてください）",
				     unit->name, n);
	}
	if (!rc) {
		struct row r;
		unit_row(unit, &r);
		row_text(&r, "closed_on", day);
		rc = tx_put_row(tx, "org_unit.close", &r, 0, e);
	}
	org_units_free(&units);
	return rc;
}
