/*
 * asset_input.c — typed text to one asset (asset_input.h).
 */
#include "core/asset_input.h"

#include <stdlib.h>
#include <string.h>

#include "core/infosys.h"
#include "core/org.h"
#include "core/staff.h"

const char *const asset_input_names[NASSET_INPUT] = {
	"no",       "name",   "type",   "unit", "manager",  "scope",     "location",
	"medium",   "system", "zone",   "c",    "i",        "a",         "personal",
	"retention", "origin", "source", "container", "state", "note",
};

const char *const asset_input_labels[NASSET_INPUT] = {
	"資産番号", "名称",     "種別",   "所管課", "管理者", "利用範囲", "保管場所",
	"媒体",     "所属システム", "ネットワーク領域", "機密性", "完全性", "可用性",
	"個人情報", "保存期間", "入手元", "複製元", "格納媒体", "状態",     "備考",
};

static void add_error(struct asset_input_errors *errs, enum asset_input_field f,
		      const struct err *e)
{
	for (size_t i = 0; i < errs->n; i++)
		if (errs->v[i].field == f)
			return; /* the first problem of a field is the one to fix */
	errs->v[errs->n].field = f;
	errs->v[errs->n].message = xstrdup(e->msg);
	errs->n++;
}

int asset_input_field_of_label(const char *label)
{
	for (int f = 0; label && f < NASSET_INPUT; f++)
		if (strcmp(asset_input_labels[f], label) == 0)
			return f;
	return -1;
}

/* Free text and vocabulary words: NULL keeps, "" clears. */
static void set_text(char **field, const char *value)
{
	if (!value)
		return;
	free(*field);
	*field = *value ? xstrdup(value) : NULL;
}

static void apply_texts(const struct asset_input *in, struct asset *a)
{
	static const struct {
		enum asset_input_field f;
		size_t off;
	} texts[] = {
		{AI_NAME, offsetof(struct asset, name)},         {AI_TYPE, offsetof(struct asset, type)},
		{AI_SCOPE, offsetof(struct asset, scope)},       {AI_LOCATION, offsetof(struct asset, location)},
		{AI_MEDIUM, offsetof(struct asset, medium)},     {AI_ZONE, offsetof(struct asset, zone)},
		{AI_PERSONAL, offsetof(struct asset, personal)}, {AI_RETENTION, offsetof(struct asset, retention)},
		{AI_ORIGIN, offsetof(struct asset, origin)},     {AI_STATE, offsetof(struct asset, state)},
		{AI_NOTE, offsetof(struct asset, note)},
	};
	if (!a->id)
		set_text(&a->asset_no, in->v[AI_NO]);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		set_text((char **)((char *)a + texts[i].off), in->v[texts[i].f]);
}

/* A closed unit keeps the assets it had but takes no new ones (as import). */
static int apply_unit(struct db *db, const char *text, struct asset *a, struct err *e)
{
	struct org_units units;
	const struct org_unit *u;
	if (!*text)
		return err_set(e, ERR_INPUT, "所管課を指定してください");
	if (org_units_load(db, &units, e))
		return e->code;
	int rc = org_unit_resolve(&units, text, &u, e);
	if (!rc && !org_unit_is_open(u) && u->id != a->unit_id)
		rc = err_set(e, ERR_INPUT, "所管課「%s」は %s に廃止されています", u->name, u->closed_on);
	if (!rc)
		a->unit_id = u->id;
	org_units_free(&units);
	return rc;
}

static int apply_manager(struct db *db, const char *text, struct asset *a, struct err *e)
{
	struct staff s;
	int found;
	if (!*text) {
		a->manager_id = 0;
		return 0;
	}
	if (staff_find(db, text, &s, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "管理者の職員番号「%s」は登録されていません", text);
	a->manager_id = s.id;
	staff_free(&s);
	return 0;
}

static int apply_system(struct db *db, const char *text, struct asset *a, struct err *e)
{
	struct info_systems systems;
	if (!*text) {
		a->system_id = 0;
		return 0;
	}
	if (infosys_load(db, &systems, e))
		return e->code;
	const struct info_system *sys = infosys_by_code(&systems, text);
	int rc = sys ? 0 : err_set(e, ERR_INPUT, "システムコード「%s」は登録されていません", text);
	if (sys)
		a->system_id = sys->id;
	infosys_free(&systems);
	return rc;
}

/* 複製元 or 格納媒体: another registered asset, never the asset itself. */
static int apply_asset_ref(struct db *db, const char *text, const char *what, const struct asset *a,
			   long long *ref, struct err *e)
{
	struct asset other;
	int found;
	if (!*text) {
		*ref = 0;
		return 0;
	}
	if (a->asset_no && strcmp(text, a->asset_no) == 0)
		return err_set(e, ERR_INPUT, "%sに資産番号 %s 自身は指定できません", what, text);
	if (asset_find(db, text, 0, &other, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "%sの資産番号「%s」は登録されていません", what, text);
	*ref = other.id;
	asset_free(&other);
	return 0;
}

/* Runs one lookup; an input error is recorded against f, others abort. */
static int record(struct asset_input_errors *errs, enum asset_input_field f, int rc,
		  struct err *e)
{
	if (rc == ERR_INPUT) {
		add_error(errs, f, e);
		return 0;
	}
	return rc;
}

static int apply_refs(struct db *db, const struct class_scheme *s, const struct asset_input *in,
		      struct asset *a, struct asset_input_errors *errs, struct err *e)
{
	const char *const *v = in->v;
	int rc = 0;
	if (v[AI_UNIT])
		rc = record(errs, AI_UNIT, apply_unit(db, v[AI_UNIT], a, e), e);
	else if (!a->unit_id)
		rc = record(errs, AI_UNIT, err_set(e, ERR_INPUT, "所管課を指定してください"), e);
	if (!rc && v[AI_MANAGER])
		rc = record(errs, AI_MANAGER, apply_manager(db, v[AI_MANAGER], a, e), e);
	if (!rc && v[AI_SYSTEM])
		rc = record(errs, AI_SYSTEM, apply_system(db, v[AI_SYSTEM], a, e), e);
	for (int d = 0; d < NDIMENSIONS && !rc; d++)
		if (v[AI_C + d])
			rc = record(errs, (enum asset_input_field)(AI_C + d),
				    class_level_parse(s, (enum dimension)d, v[AI_C + d], &a->level[d], e), e);
	if (!rc && v[AI_SOURCE])
		rc = record(errs, AI_SOURCE,
			    apply_asset_ref(db, v[AI_SOURCE], "複製元", a, &a->source_id, e), e);
	if (!rc && v[AI_CONTAINER])
		rc = record(errs, AI_CONTAINER,
			    apply_asset_ref(db, v[AI_CONTAINER], "格納媒体", a, &a->container_id, e), e);
	return rc;
}

int asset_input_apply(struct db *db, const struct class_scheme *s, const struct asset_input *in,
		      struct asset *a, struct asset_input_errors *errs, struct err *e)
{
	const char *bad = NULL;
	memset(errs, 0, sizeof *errs);
	apply_texts(in, a);
	int rc = apply_refs(db, s, in, a, errs, e);
	if (rc)
		return rc;
	/* asset_validate stops at its first problem; the lookups above are checked anyway */
	if (asset_validate(a, &bad, e)) {
		int f = asset_input_field_of_label(bad);
		add_error(errs, f < 0 ? AI_NAME : (enum asset_input_field)f, e);
	}
	if (!errs->n)
		return 0;
	/* the first problem, in the order of the form, is the one e reports */
	size_t first = 0;
	for (size_t i = 1; i < errs->n; i++)
		if (errs->v[i].field < errs->v[first].field)
			first = i;
	return err_set(e, ERR_INPUT, "%s", errs->v[first].message);
}

void asset_input_errors_free(struct asset_input_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++)
		free(errs->v[i].message);
	memset(errs, 0, sizeof *errs);
}

const char *asset_input_error_of(const struct asset_input_errors *errs,
				 enum asset_input_field f)
{
	for (size_t i = 0; i < errs->n; i++)
		if (errs->v[i].field == f)
			return errs->v[i].message;
	return NULL;
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

/* The codes that name a stored asset's references, looked up one by one. */
static int reference_texts(struct db *db, const struct asset *a, char *out[NASSET_INPUT],
			   struct err *e)
{
	struct org_units units;
	struct staff_list staff = {0};
	struct info_systems systems = {0};
	if (org_units_load(db, &units, e))
		return e->code;
	const struct org_unit *u = org_unit_by_id(&units, a->unit_id);
	out[AI_UNIT] = dup_or_empty(u ? u->code : NULL);
	org_units_free(&units);
	char *where = xasprintf("id = %lld", a->manager_id);
	int rc = a->manager_id ? staff_load(db, where, &staff, e) : 0;
	free(where);
	out[AI_MANAGER] = dup_or_empty(!rc && staff.n ? staff.v[0].staff_no : NULL);
	staff_list_free(&staff);
	if (!rc && a->system_id)
		rc = infosys_load(db, &systems, e);
	for (size_t i = 0; !rc && i < systems.n && !out[AI_SYSTEM]; i++)
		if (systems.v[i].id == a->system_id)
			out[AI_SYSTEM] = xstrdup(systems.v[i].code);
	if (systems.v)
		infosys_free(&systems);
	const long long refs[2] = {a->source_id, a->container_id};
	for (int r = 0; r < 2 && !rc; r++) {
		struct asset other;
		int found = 0;
		if (refs[r])
			rc = asset_find(db, NULL, refs[r], &other, &found, e);
		out[AI_SOURCE + r] = dup_or_empty(found ? other.asset_no : NULL);
		if (found)
			asset_free(&other);
	}
	return rc;
}

int asset_input_texts(struct db *db, const struct class_scheme *s, const struct asset *a,
		      char *out[NASSET_INPUT], struct err *e)
{
	memset(out, 0, sizeof(char *) * NASSET_INPUT);
	out[AI_NO] = dup_or_empty(a->asset_no);
	out[AI_NAME] = dup_or_empty(a->name);
	out[AI_TYPE] = dup_or_empty(a->type);
	out[AI_SCOPE] = dup_or_empty(a->scope);
	out[AI_LOCATION] = dup_or_empty(a->location);
	out[AI_MEDIUM] = dup_or_empty(a->medium);
	out[AI_ZONE] = dup_or_empty(a->zone);
	out[AI_PERSONAL] = dup_or_empty(a->personal);
	out[AI_RETENTION] = dup_or_empty(a->retention);
	out[AI_ORIGIN] = dup_or_empty(a->origin);
	out[AI_STATE] = dup_or_empty(a->state);
	out[AI_NOTE] = dup_or_empty(a->note);
	for (int d = 0; d < NDIMENSIONS; d++) {
		const struct class_level *l = class_level_by_rank(s, (enum dimension)d, a->level[d]);
		out[AI_C + d] = dup_or_empty(l ? l->label : NULL);
	}
	int rc = reference_texts(db, a, out, e);
	for (int i = 0; i < NASSET_INPUT; i++)
		if (!out[i])
			out[i] = xstrdup("");
	return rc;
}

void asset_input_texts_free(char *out[NASSET_INPUT])
{
	for (int i = 0; i < NASSET_INPUT; i++) {
		free(out[i]);
		out[i] = NULL;
	}
}
