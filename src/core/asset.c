#include "core/asset.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "core/vocab.h"
#include "util/buf.h"

#define ASSET_COLUMNS                                                                 \
	"id, asset_no, name, type, unit_id, manager_id, scope, location, medium, system_id," \
	" zone, confidentiality, integrity, availability, personal, retention, origin,"     \
	" source_id, container_id, state, note"

void asset_free(struct asset *a)
{
	char *fields[] = {a->asset_no, a->name,   a->type,   a->scope, a->location, a->medium,
			  a->zone,     a->personal, a->retention, a->origin, a->state,  a->note};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		free(fields[i]);
	memset(a, 0, sizeof *a);
}

void asset_list_free(struct asset_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		asset_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void asset_read_row(struct db_stmt *st, struct asset *a)
{
	a->id = db_column_int(st, 0);
	a->asset_no = col_dup(st, 1);
	a->name = col_dup(st, 2);
	a->type = col_dup(st, 3);
	a->unit_id = col_id(st, 4);
	a->manager_id = col_id(st, 5);
	a->scope = col_dup(st, 6);
	a->location = col_dup(st, 7);
	a->medium = col_dup(st, 8);
	a->system_id = col_id(st, 9);
	a->zone = col_dup(st, 10);
	for (int d = 0; d < NDIMENSIONS; d++)
		a->level[d] = (int)col_id(st, 11 + d);
	a->personal = col_dup(st, 14);
	a->retention = col_dup(st, 15);
	a->origin = col_dup(st, 16);
	a->source_id = col_id(st, 17);
	a->container_id = col_id(st, 18);
	a->state = col_dup(st, 19);
	a->note = col_dup(st, 20);
}

static void read_elem(struct db_stmt *st, void *elem)
{
	asset_read_row(st, elem);
}

int asset_load(struct db *db, struct asset_list *out, struct err *e)
{
	int rc = rows_load(db, "SELECT " ASSET_COLUMNS " FROM asset ORDER BY id", sizeof *out->v, read_elem,
			   (void **)&out->v, &out->n, e);
	if (rc)
		asset_list_free(out);
	return rc;
}

int asset_find(struct db *db, const char *asset_no, long long id, struct asset *out, int *found,
	       struct err *e)
{
	struct db_stmt *st;
	memset(out, 0, sizeof *out);
	*found = 0;
	if (db_prepare(db, asset_no ? "SELECT " ASSET_COLUMNS " FROM asset WHERE asset_no = ?"
				    : "SELECT " ASSET_COLUMNS " FROM asset WHERE id = ?", &st, e))
		return e->code;
	if (asset_no)
		db_bind_text(st, 1, asset_no);
	else
		db_bind_int(st, 1, id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW) {
		asset_read_row(st, out);
		*found = 1;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

const struct asset *asset_by_id(const struct asset_list *l, long long id)
{
	return rows_by_id(l->v, l->n, sizeof *l->v, offsetof(struct asset, id), id);
}

/* Replaces a vocabulary field by its id; an empty field takes the default. */
static int normalise(char **field, const struct vocab *v, const char *dflt, struct err *e)
{
	if (!*field || !**field) {
		free(*field);
		*field = dflt ? xstrdup(dflt) : NULL;
		return 0;
	}
	const struct vocab_entry *en = vocab_find(v, *field);
	if (!en) {
		char *choices = vocab_choices(v);
		err_set(e, ERR_INPUT, "%s「%s」は使えません（%s のいずれか）", v->what, *field, choices);
		free(choices);
		return e->code;
	}
	if (strcmp(*field, en->id) != 0) {
		free(*field);
		*field = xstrdup(en->id);
	}
	return 0;
}

int asset_validate(struct asset *a, const char **field, struct err *e)
{
	const char *ignored;
	if (!field)
		field = &ignored;
	if (!a->asset_no || !*a->asset_no || strlen(a->asset_no) > 64 || strpbrk(a->asset_no, "\t\r\n"))
		return *field = "資産番号", err_set(e, ERR_INPUT, "資産番号「%s」は使えません（改行を含まない 64 文字以内）",
						  a->asset_no ? a->asset_no : "");
	if (!a->name || !*a->name)
		return *field = "名称", err_set(e, ERR_INPUT, "資産番号 %s の名称が空です", a->asset_no);
	if (!a->type || !*a->type)
		return *field = "種別", err_set(e, ERR_INPUT, "資産番号 %s の種別が空です", a->asset_no);
	static const struct {
		size_t off;
		const struct vocab *v;
		const char *dflt, *label;
	} vocabs[] = {
		{offsetof(struct asset, type), &vocab_asset_type, NULL, "種別"},
		{offsetof(struct asset, medium), &vocab_medium, "electronic", "媒体"},
		{offsetof(struct asset, zone), &vocab_zone, NULL, "ネットワーク領域"},
		{offsetof(struct asset, personal), &vocab_personal, "none", "個人情報"},
		{offsetof(struct asset, origin), &vocab_origin, "internal", "入手元"},
		{offsetof(struct asset, state), &vocab_asset_state, "in_use", "状態"},
	};
	for (size_t i = 0; i < sizeof vocabs / sizeof vocabs[0]; i++)
		if (normalise((char **)((char *)a + vocabs[i].off), vocabs[i].v, vocabs[i].dflt, e))
			return *field = vocabs[i].label, e->code;
	return 0;
}

static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

int asset_same(const struct asset *a, const struct asset *b)
{
	const char *ta[] = {a->asset_no, a->name,     a->type,   a->scope,  a->location, a->medium,
			    a->zone,     a->personal, a->retention, a->origin, a->state, a->note};
	const char *tb[] = {b->asset_no, b->name,     b->type,   b->scope,  b->location, b->medium,
			    b->zone,     b->personal, b->retention, b->origin, b->state, b->note};
	for (size_t i = 0; i < sizeof ta / sizeof ta[0]; i++)
		if (!same_text(ta[i], tb[i]))
			return 0;
	for (int d = 0; d < NDIMENSIONS; d++)
		if (a->level[d] != b->level[d])
			return 0;
	return a->id == b->id && a->unit_id == b->unit_id && a->manager_id == b->manager_id &&
	       a->system_id == b->system_id && a->source_id == b->source_id &&
	       a->container_id == b->container_id;
}

int asset_put(struct tx *tx, struct asset *a, int insert, const char *kind, struct err *e)
{
	struct row r;
	if (insert && tx_next_id(tx, "asset", &a->id, e))
		return e->code;
	row_init(&r, "asset");
	row_int(&r, "id", a->id);
	row_text(&r, "asset_no", a->asset_no);
	row_text(&r, "name", a->name);
	row_text(&r, "type", a->type);
	row_id_ref(&r, "unit_id", a->unit_id);
	row_id_ref(&r, "manager_id", a->manager_id);
	row_text(&r, "scope", a->scope);
	row_text(&r, "location", a->location);
	row_text(&r, "medium", a->medium);
	row_id_ref(&r, "system_id", a->system_id);
	row_text(&r, "zone", a->zone);
	for (int d = 0; d < NDIMENSIONS; d++)
		row_id_ref(&r, dimension_id((enum dimension)d), a->level[d]);
	row_text(&r, "personal", a->personal);
	row_text(&r, "retention", a->retention);
	row_text(&r, "origin", a->origin);
	row_id_ref(&r, "source_id", a->source_id);
	row_id_ref(&r, "container_id", a->container_id);
	row_text(&r, "state", a->state);
	row_text(&r, "note", a->note);
	int rc = tx_put_row(tx, kind, &r, insert, e);
	if (rc == ERR_INPUT && insert)
		err_set(e, ERR_INPUT, "資産番号「%s」は既に登録されています", a->asset_no);
	return rc;
}

char *asset_label(const struct class_scheme *s, const struct asset *a)
{
	struct buf b = BUF_INIT;
	for (int d = 0; d < NDIMENSIONS; d++) {
		const struct class_level *l = class_level_by_rank(s, (enum dimension)d, a->level[d]);
		if (d)
			buf_puts(&b, "・");
		if (l)
			buf_puts(&b, l->label);
		else
			buf_printf(&b, "%s未分類", dimension_label((enum dimension)d));
	}
	return buf_take(&b);
}

/* Appends each line of text not already in out. */
static void add_lines(struct buf *out, const char *text)
{
	const char *p = text;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n);
		char *with_nl = xasprintf("%s\n", line);
		if (n && !strstr(buf_str(out), with_nl))
			buf_puts(out, with_nl);
		free(line);
		free(with_nl);
		p += n + (nl ? 1 : 0);
	}
}

char *asset_handling(const struct class_scheme *s, const struct asset *a)
{
	struct buf b = BUF_INIT;
	for (int d = 0; d < NDIMENSIONS; d++) {
		const struct class_level *l = class_level_by_rank(s, (enum dimension)d, a->level[d]);
		if (l)
			add_lines(&b, l->handling);
	}
	return buf_take(&b);
}
