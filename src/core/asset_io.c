/*
 * asset_io.c — the asset register to and from .csv / .xlsx (see asset_io.h).
 *
 * One table, `fields`, describes every template column: its header and other
 * accepted spellings, where the value lives in struct asset and how a cell
 * names it (free text, a vocabulary label, a unit code, a 職員番号, a system
 * code, a level label, another 資産番号).  Export renders cells from it and
 * import reads them back through it, which is what keeps the two in step.
 *
 * Import streams the file (sheet_stream: parsed on a second thread) and
 * takes each row as it arrives, all inside one transaction:
 *   1. read: every cell resolved (through per-column caches, so a 100,000-row
 *      register that names the same few units and levels costs one lookup
 *      per distinct text), validated, merged over the stored record;
 *   2. references: 複製元 and 格納媒体 looked up among the rows before it and
 *      the stored register; one naming neither may name a row further down,
 *      so it is settled after the last row (an error then if it names none);
 *   3. write, journaled in batches of 1,000 rows (tx_bulk_begin);
 *   4. link: a row whose reference names a NEW asset further down the file
 *      could not know that asset's id when it was written; it is rewritten
 *      once now that the id exists.
 * Any error rolls the whole transaction back: nothing is written.
 */
#include "core/asset_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/asset.h"
#include "core/classification.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "core/rows.h"
#include "util/fold.h"
#include "util/sheet.h"
#include "util/strmap.h"
#include "util/durable.h"
#include "util/xlsx_write.h"

enum field {
	F_NO, F_NAME, F_TYPE, F_UNIT, F_MANAGER, F_SCOPE, F_LOCATION, F_MEDIUM, F_SYSTEM,
	F_ZONE, F_C, F_I, F_A, F_PERSONAL, F_RETENTION, F_ORIGIN, F_SOURCE, F_CONTAINER,
	F_STATE, F_NOTE, NFIELDS
};

/* How a column's value is stored and how a cell names it. */
enum kind {
	K_TEXT,   /* char *, free text */
	K_VOCAB,  /* char *, a vocabulary id; cells hold its label */
	K_UNIT,   /* long long org unit id; cells hold the unit code */
	K_STAFF,  /* long long staff id; cells hold the 職員番号 */
	K_SYSTEM, /* long long info system id; cells hold the system code */
	K_LEVEL,  /* int rank; cells hold the level's label */
	K_ASSET,  /* long long asset id; cells hold the other asset's 資産番号 */
};

#define NSPELL 7
#define OFF(member) offsetof(struct asset, member)
#define LEVEL_OFF(d) (offsetof(struct asset, level) + sizeof(int) * (size_t)(d))

/* The template, in export order.  Spellings are compared after fold_key. */
static const struct field_def {
	const char *label;
	const char *spellings[NSPELL];
	enum kind kind;
	size_t off;
	const struct vocab *vocab;
	int required;
	double width; /* exported column width, in characters */
} fields[NFIELDS] = {
	[F_NO] = {"資産番号", {"資産NO", "資産コード", "管理番号", "台帳番号", "asset_no"},
		  K_TEXT, OFF(asset_no), NULL, 1, 12},
	[F_NAME] = {"名称", {"資産名", "資産名称", "情報資産名", "名前", "name"},
		    K_TEXT, OFF(name), NULL, 1, 32},
	[F_TYPE] = {"種別", {"資産種別", "資産の種別", "種類", "type"},
		    K_VOCAB, OFF(type), &vocab_asset_type, 1, 16},
	[F_UNIT] = {"所管課", {"所管", "所管部署", "所管課コード", "担当課", "所属", "unit"},
		    K_UNIT, OFF(unit_id), NULL, 1, 10},
	[F_MANAGER] = {"管理者", {"情報セキュリティ管理者", "管理者職員番号", "管理者氏名", "管理責任者",
				  "manager"},
		       K_STAFF, OFF(manager_id), NULL, 0, 10},
	[F_SCOPE] = {"利用範囲", {"利用者の範囲", "利用者範囲", "利用者", "scope"},
		     K_TEXT, OFF(scope), NULL, 0, 16},
	[F_LOCATION] = {"保管場所", {"保管・設置場所", "設置場所", "保存場所", "所在", "location"},
			K_TEXT, OFF(location), NULL, 0, 18},
	[F_MEDIUM] = {"媒体", {"媒体区分", "記録媒体の種類", "形態", "medium"},
		      K_VOCAB, OFF(medium), &vocab_medium, 0, 10},
	[F_SYSTEM] = {"所属システム", {"システム", "情報システム", "システムコード", "システム名", "system"},
		      K_SYSTEM, OFF(system_id), NULL, 0, 12},
	[F_ZONE] = {"ネットワーク領域", {"領域", "ネットワーク区分", "接続系", "zone"},
		    K_VOCAB, OFF(zone), &vocab_zone, 0, 22},
	[F_C] = {"機密性", {"機密性分類", "C", "confidentiality"}, K_LEVEL, LEVEL_OFF(DIM_C), NULL, 0, 9},
	[F_I] = {"完全性", {"完全性分類", "I", "integrity"}, K_LEVEL, LEVEL_OFF(DIM_I), NULL, 0, 9},
	[F_A] = {"可用性", {"可用性分類", "A", "availability"}, K_LEVEL, LEVEL_OFF(DIM_A), NULL, 0, 9},
	[F_PERSONAL] = {"個人情報", {"個人情報の有無", "個人情報有無", "個人情報区分", "personal"},
			K_VOCAB, OFF(personal), &vocab_personal, 0, 13},
	[F_RETENTION] = {"保存期間", {"保存年限", "保管期間", "retention"},
			 K_TEXT, OFF(retention), NULL, 0, 10},
	[F_ORIGIN] = {"入手元", {"入手先", "作成・入手元", "出所", "origin"},
		      K_VOCAB, OFF(origin), &vocab_origin, 0, 8},
	[F_SOURCE] = {"複製元", {"複製元資産番号", "コピー元", "原本", "source"},
		      K_ASSET, OFF(source_id), NULL, 0, 12},
	[F_CONTAINER] = {"格納媒体", {"格納先", "格納先媒体", "保存媒体", "container"},
			 K_ASSET, OFF(container_id), NULL, 0, 12},
	[F_STATE] = {"状態", {"ステータス", "使用状況", "利用状況", "state"},
		     K_VOCAB, OFF(state), &vocab_asset_state, 0, 8},
	[F_NOTE] = {"備考", {"メモ", "摘要", "note"}, K_TEXT, OFF(note), NULL, 0, 32},
};

/* The two references, in the order struct item keeps them. */
static const enum field ref_fields[2] = {F_SOURCE, F_CONTAINER};

/* ---- field access ---------------------------------------------------------- */

static int is_text(enum field f)
{
	return fields[f].kind == K_TEXT || fields[f].kind == K_VOCAB;
}

static char **text_at(struct asset *a, enum field f)
{
	return (char **)((char *)a + fields[f].off);
}

static const char *get_text(const struct asset *a, enum field f)
{
	return *(char *const *)((const char *)a + fields[f].off);
}

static long long get_num(const struct asset *a, enum field f)
{
	const char *p = (const char *)a + fields[f].off;
	if (fields[f].kind == K_LEVEL)
		return *(const int *)(const void *)p;
	return *(const long long *)(const void *)p;
}

static void set_num(struct asset *a, enum field f, long long v)
{
	char *p = (char *)a + fields[f].off;
	if (fields[f].kind == K_LEVEL)
		*(int *)(void *)p = (int)v;
	else
		*(long long *)(void *)p = v;
}

static int same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int same_field(const struct asset *a, const struct asset *b, enum field f)
{
	if (is_text(f))
		return same_text(get_text(a, f), get_text(b, f));
	return get_num(a, f) == get_num(b, f);
}

/* Moves field f from src into dst (text is handed over, not copied). */
static void move_field(struct asset *dst, struct asset *src, enum field f)
{
	if (is_text(f)) {
		free(*text_at(dst, f));
		*text_at(dst, f) = *text_at(src, f);
		*text_at(src, f) = NULL;
	} else {
		set_num(dst, f, get_num(src, f));
	}
}

static void asset_copy(struct asset *dst, const struct asset *src)
{
	*dst = *src;
	for (int f = 0; f < NFIELDS; f++)
		if (is_text((enum field)f) && get_text(src, (enum field)f))
			*text_at(dst, (enum field)f) = xstrdup(get_text(src, (enum field)f));
}

/* ---- the register as loaded ------------------------------------------------ */

struct ctx {
	struct class_scheme scheme;
	struct org_units units;
	struct staff_list staff;     /* ordered by id */
	struct info_systems systems; /* ordered by id */
	struct asset_list assets;    /* ordered by id */
};

static int ctx_load(struct db *db, struct ctx *x, struct err *e)
{
	memset(x, 0, sizeof *x);
	if (class_scheme_load(db, &x->scheme, e) || org_units_load(db, &x->units, e) ||
	    staff_load(db, "", &x->staff, e) || infosys_load(db, &x->systems, e) ||
	    asset_load(db, &x->assets, e))
		return e->code;
	return 0;
}

static void ctx_free(struct ctx *x)
{
	class_scheme_free(&x->scheme);
	org_units_free(&x->units);
	staff_list_free(&x->staff);
	infosys_free(&x->systems);
	asset_list_free(&x->assets);
}

static const struct info_system *system_by_id(const struct info_systems *l, long long id)
{
	return rows_by_id(l->v, l->n, sizeof *l->v, offsetof(struct info_system, id), id);
}

/*
 * The text a cell holds for field f of a.  Export writes it and import reads
 * it back to the same value; `human` swaps codes for names, for diffs.  num
 * holds the text when it has to be made (a rank with no level).
 */
static const char *cell_text(const struct ctx *x, const struct asset *a, enum field f, int human,
			     char num[24])
{
	long long id = is_text(f) ? 0 : get_num(a, f);
	switch (fields[f].kind) {
	case K_TEXT:
		return get_text(a, f) ? get_text(a, f) : "";
	case K_VOCAB:
		return get_text(a, f) ? vocab_label(fields[f].vocab, get_text(a, f)) : "";
	case K_UNIT: {
		const struct org_unit *u = org_unit_by_id(&x->units, id);
		return u ? (human ? u->name : u->code) : "";
	}
	case K_STAFF: {
		const struct staff *s = id ? staff_by_id(&x->staff, id) : NULL;
		return s ? (human ? s->name : s->staff_no) : "";
	}
	case K_SYSTEM: {
		const struct info_system *s = id ? system_by_id(&x->systems, id) : NULL;
		return s ? (human ? s->name : s->code) : "";
	}
	case K_LEVEL: {
		enum dimension d = (enum dimension)(f - F_C);
		const struct class_level *l = class_level_by_rank(&x->scheme, d, (int)id);
		if (l || !id)
			return l ? l->label : "";
		fmt_int(id, num); /* a retired level: keep the rank visible */
		return num;
	}
	case K_ASSET: {
		const struct asset *t = id ? asset_by_id(&x->assets, id) : NULL;
		return t ? t->asset_no : "";
	}
	}
	return "";
}

/* ---- import: header ---------------------------------------------------------- */

struct item {
	struct asset a;              /* the record as it will be written */
	const struct asset *old;     /* the stored record; NULL for a new asset */
	struct sheet_row row;        /* its cells stay valid until the stream closes */
	char *ref[2];                /* 複製元, 格納媒体 as written; NULL if the column is absent */
	struct item *ref_item[2];    /* the new asset of this file a reference names */
	int later[2];                /* the reference names no row read so far (pass 2) */
	int pending;                 /* a reference waits for a later row's id (pass 4) */
};

struct importer {
	struct db *db;
	const char *file;
	const struct asset_import_opts *opts;
	struct asset_import_result *res;
	struct buf *diff;            /* the dry run's list of changes; NULL for a real run */
	int col[NFIELDS];            /* column index of each field, -1 when absent */
	struct ctx x;
	struct strmap by_no;         /* 資産番号 → stored struct asset * */
	struct strmap staff_by_no;   /* 職員番号 → struct staff * */
	struct strmap names[2];      /* folded 氏名 → staff or &ambiguous; [0] in office, [1] left */
	int names_built;
	int all_read;                /* every row has been taken (pass 2 at the end) */
	struct strmap cache[NFIELDS]; /* cell text → resolved value, per column */
	struct strmap in_file;       /* 資産番号 → struct item * */
	struct item **items;         /* each allocated once: references point at them */
	size_t nitems, capitems;
};

/* Cache values that are not pointers to data: a name more than one person
 * has, and a word no vocabulary knows (left for asset_validate to explain). */
static const char ambiguous, unknown_word;

static int match_field(char *const folded[NFIELDS][NSPELL + 1], const char *header)
{
	char *h = fold_key(header);
	int found = -1;
	for (int f = 0; f < NFIELDS && found < 0; f++)
		for (int i = 0; i < NSPELL + 1 && folded[f][i] && found < 0; i++)
			if (strcmp(folded[f][i], h) == 0)
				found = f;
	free(h);
	return found;
}

/* Every accepted spelling, folded once for the whole header row. */
static void fold_spellings(char *folded[NFIELDS][NSPELL + 1])
{
	for (int f = 0; f < NFIELDS; f++) {
		folded[f][0] = fold_key(fields[f].label);
		for (int i = 0; i < NSPELL; i++) {
			const char *sp = fields[f].spellings[i];
			folded[f][i + 1] = sp ? fold_key(sp) : NULL;
		}
	}
}

static void free_spellings(char *folded[NFIELDS][NSPELL + 1])
{
	for (int f = 0; f < NFIELDS; f++)
		for (int i = 0; i < NSPELL + 1; i++)
			free(folded[f][i]);
}

static int place_column(struct importer *im, const struct sheet_row *hdr, size_t c, int f,
			struct err *e)
{
	if (f < 0) {
		buf_printf(&im->res->warnings, "%s: 列「%s」は取り込み対象ではないため無視しました\n",
			   im->file, hdr->cells[c]);
		return 0;
	}
	if (im->col[f] >= 0)
		return err_set(e, ERR_INPUT, "%s %ld行目: 列「%s」が2回あります（%d列目と%zu列目）",
			       im->file, hdr->line, fields[f].label, im->col[f] + 1, c + 1);
	im->col[f] = (int)c;
	return 0;
}

static int map_header(struct importer *im, const struct sheet_row *hdr, struct err *e)
{
	char *folded[NFIELDS][NSPELL + 1];
	int rc = 0;
	for (int f = 0; f < NFIELDS; f++)
		im->col[f] = -1;
	fold_spellings(folded);
	for (size_t c = 0; c < hdr->ncells && !rc; c++)
		if (*hdr->cells[c])
			rc = place_column(im, hdr, c, match_field(folded, hdr->cells[c]), e);
	free_spellings(folded);
	for (int f = 0; f < NFIELDS && !rc; f++)
		if (fields[f].required && im->col[f] < 0)
			rc = err_set(e, ERR_INPUT, "%s %ld行目: 必須の列「%s」がありません（見出し行を確認してください）",
				     im->file, hdr->line, fields[f].label);
	return rc;
}

/* ---- import: reading a cell ------------------------------------------------- */

/* "A", "B", … "Z", "AA" …: how a spreadsheet names column index c. */
static void column_letters(int c, char out[8])
{
	char tmp[8];
	int n = 0;
	for (c++; c > 0 && n < 7; c = (c - 1) / 26)
		tmp[n++] = (char)('A' + (c - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* Adds "file N行目 X列「label」" in front of the message in e. */
static int located(const struct importer *im, const struct sheet_row *row, int f, struct err *e)
{
	char letters[8];
	if (f < 0 || im->col[f] < 0)
		return err_prefix(e, "%s %ld行目", im->file, row->line);
	column_letters(im->col[f], letters);
	return err_prefix(e, "%s %ld行目 %s列「%s」", im->file, row->line, letters, fields[f].label);
}

static int field_by_label(const char *label)
{
	for (int f = 0; label && f < NFIELDS; f++)
		if (strcmp(fields[f].label, label) == 0)
			return f;
	return -1;
}

struct span {
	const char *p;
	size_t n;
};

/* A cell without the blanks around it (ASCII and 全角 spaces, common in Excel). */
static struct span trimmed(const char *s)
{
	size_t n = strlen(s);
	for (;;) {
		if (n && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		} else if (n >= 3 && memcmp(s, "\u3000", 3) == 0) {
			s += 3;
			n -= 3;
		} else if (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
			n--;
		} else if (n >= 3 && memcmp(s + n - 3, "\u3000", 3) == 0) {
			n -= 3;
		} else {
			return (struct span){s, n};
		}
	}
}

static const struct org_unit *find_unit(struct importer *im, const char *text, struct err *e)
{
	const struct org_unit *u;
	return org_unit_resolve(&im->x.units, text, &u, e) ? NULL : u;
}

/* 氏名 → person, built on first use: most registers give 職員番号 only. */
static void build_names(struct importer *im)
{
	for (int k = 0; k < 2; k++)
		strmap_init(&im->names[k]);
	for (size_t i = 0; i < im->x.staff.n; i++) {
		const struct staff *s = &im->x.staff.v[i];
		char *key = fold_key(s->name);
		struct strmap *names = &im->names[s->left_on != NULL];
		struct strmap_slot *slot = strmap_upsert(names, key, strlen(key));
		slot->value = slot->value ? (void *)&ambiguous : (void *)s;
		free(key);
	}
	im->names_built = 1;
}

static const struct staff *find_staff(struct importer *im, const char *text, struct err *e)
{
	struct strmap_slot *s = strmap_find(&im->staff_by_no, text, strlen(text));
	if (s)
		return s->value;
	if (!im->names_built)
		build_names(im);
	char *key = fold_key(text);
	/* ＮＯ１２３ typed in full width is still a 職員番号 */
	s = strmap_find(&im->staff_by_no, key, strlen(key));
	/* Someone in office wins over a namesake who has left. */
	for (int k = 0; k < 2 && !s; k++)
		s = strmap_find(&im->names[k], key, strlen(key));
	free(key);
	if (!s) {
		err_set(e, ERR_INPUT, "管理者「%s」に当たる職員がいません（職員番号または氏名で指定してください）",
			text);
		return NULL;
	}
	if (s->value == &ambiguous) {
		err_set(e, ERR_INPUT, "管理者「%s」に当たる職員が複数います（職員番号で指定してください）", text);
		return NULL;
	}
	return s->value;
}

static const struct info_system *find_system(struct importer *im, const char *text,
					     struct err *e)
{
	const struct info_systems *l = &im->x.systems;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, text) == 0)
			return &l->v[i];
	char *want = fold_key(text);
	const struct info_system *hit = NULL;
	int matches = 0;
	for (size_t i = 0; i < l->n; i++) {
		char *name = fold_key(l->v[i].name), *code = fold_key(l->v[i].code);
		if (strcmp(name, want) == 0 || strcmp(code, want) == 0) {
			hit = &l->v[i];
			matches++;
		}
		free(name);
		free(code);
	}
	free(want);
	if (matches == 1)
		return hit;
	err_set(e, ERR_INPUT, matches ? "システム「%s」に当たる情報システムが複数あります（システムコードで指定してください）"
				      : "システム「%s」は登録されていません（システムコードまたはシステム名で指定してください）",
		text);
	return NULL;
}

/* Someone who left is still a valid entry in a register, but worth a look. */
static void warn_if_left(struct importer *im, const struct staff *s)
{
	if (s->left_on)
		buf_printf(&im->res->warnings, "%s: 管理者 %s %s は %s に離任しています\n", im->file,
			   s->staff_no, s->name, s->left_on);
}

/* Resolves a non-empty reference cell (unit, person, system, level). */
static void *resolve_uncached(struct importer *im, enum field f, const char *text, struct err *e)
{
	int rank;
	switch (fields[f].kind) {
	case K_UNIT:
		return (void *)find_unit(im, text, e);
	case K_STAFF: {
		const struct staff *s = find_staff(im, text, e);
		if (s)
			warn_if_left(im, s);
		return (void *)s;
	}
	case K_SYSTEM:
		return (void *)find_system(im, text, e);
	case K_LEVEL:
		if (class_level_parse(&im->x.scheme, (enum dimension)(f - F_C), text, &rank, e))
			return NULL;
		return (void *)(intptr_t)rank; /* never 0: the text is not empty */
	case K_VOCAB: {
		const struct vocab_entry *en = vocab_find(fields[f].vocab, text);
		return en ? (void *)en : (void *)&unknown_word;
	}
	default:
		return NULL;
	}
}

/* The same text in the same column resolves the same way: ask once. */
static void *resolve(struct importer *im, enum field f, struct span t, struct err *e)
{
	struct strmap_slot *s = strmap_upsert(&im->cache[f], t.p, t.n);
	if (!s->value)
		s->value = resolve_uncached(im, f, s->key, e);
	return s->value;
}

static long long ref_id(enum field f, const void *v)
{
	switch (fields[f].kind) {
	case K_UNIT:
		return ((const struct org_unit *)v)->id;
	case K_STAFF:
		return ((const struct staff *)v)->id;
	case K_SYSTEM:
		return ((const struct info_system *)v)->id;
	default:
		return (long long)(intptr_t)v; /* K_LEVEL: the rank itself */
	}
}

static int read_cell(struct importer *im, struct item *it, enum field f, const char *cell,
		     struct err *e)
{
	struct span t = trimmed(cell);
	if (fields[f].kind == K_ASSET) {
		it->ref[f == F_CONTAINER] = xstrndup(t.p, t.n);
		return 0;
	}
	if (fields[f].kind == K_TEXT || (fields[f].kind == K_VOCAB && t.n == 0)) {
		*text_at(&it->a, f) = t.n ? xstrndup(t.p, t.n) : NULL;
		return 0;
	}
	if (fields[f].kind == K_VOCAB) {
		const void *v = resolve(im, f, t, e);
		const char *id = v == &unknown_word ? NULL : ((const struct vocab_entry *)v)->id;
		*text_at(&it->a, f) = id ? xstrdup(id) : xstrndup(t.p, t.n);
		return 0;
	}
	if (t.n == 0 && fields[f].required)
		return err_set(e, ERR_INPUT, "%sが空です", fields[f].label);
	if (t.n == 0) {
		set_num(&it->a, f, 0);
		return 0;
	}
	const void *v = resolve(im, f, t, e);
	if (!v)
		return e->code;
	set_num(&it->a, f, ref_id(f, v));
	return 0;
}

/* The cell of field f in a row; NULL when the file has no such column. */
static const char *cell_of(const struct importer *im, const struct sheet_row *row, int f)
{
	int c = im->col[f];
	if (c < 0)
		return NULL;
	return (size_t)c < row->ncells ? row->cells[c] : "";
}

/* ---- import: pass 1, rows -------------------------------------------------- */

static int read_item(struct importer *im, const struct sheet_row *row, struct item *it,
		     struct err *e)
{
	const char *bad;
	it->row = *row;
	for (int f = 0; f < NFIELDS; f++) {
		const char *cell = cell_of(im, row, f);
		if (cell && read_cell(im, it, (enum field)f, cell, e))
			return located(im, row, f, e);
	}
	if (asset_validate(&it->a, &bad, e))
		return located(im, row, field_by_label(bad), e);
	return 0;
}

/* A stored asset: the file's columns over the stored record, the rest kept. */
static void merge_stored(struct importer *im, struct item *it)
{
	struct asset m;
	asset_copy(&m, it->old);
	for (int f = 0; f < NFIELDS; f++)
		if (im->col[f] >= 0 && fields[f].kind != K_ASSET)
			move_field(&m, &it->a, (enum field)f);
	asset_free(&it->a);
	it->a = m;
}

/* A closed unit may keep the assets it had, but gets no new ones. */
static int check_unit_open(struct importer *im, const struct item *it, struct err *e)
{
	const struct org_unit *u = org_unit_by_id(&im->x.units, it->a.unit_id);
	if (!u || org_unit_is_open(u) || (it->old && it->old->unit_id == u->id))
		return 0;
	err_set(e, ERR_INPUT, "所管課「%s」は %s に廃止されています", u->name, u->closed_on);
	return located(im, &it->row, F_UNIT, e);
}

/* The importer's own units only (asset_import_opts.unit_allowed). */
static int check_unit_allowed(struct importer *im, const struct item *it, struct err *e)
{
	const struct asset_import_opts *o = im->opts;
	if (!o->unit_allowed || (o->unit_allowed(it->a.unit_id, o->arg) &&
				 (!it->old || o->unit_allowed(it->old->unit_id, o->arg))))
		return 0;
	const struct org_unit *u = org_unit_by_id(&im->x.units, it->a.unit_id);
	if (it->old && it->old->unit_id != it->a.unit_id && o->unit_allowed(it->a.unit_id, o->arg))
		err_set(e, ERR_INPUT, "資産番号 %s は権限のない課の資産のため変更できません", it->a.asset_no);
	else
		err_set(e, ERR_INPUT, "所管課「%s」の資産は取り込めません（取り込めるのは、あなたが情報セキュリティ管理者である課の資産だけです）",
			u ? u->name : "?");
	return located(im, &it->row, F_UNIT, e);
}

static int take_row(struct importer *im, const struct sheet_row *row, struct item *it,
		    struct err *e)
{
	if (read_item(im, row, it, e))
		return e->code;
	const char *no = it->a.asset_no;
	struct strmap_slot *seen = strmap_upsert(&im->in_file, no, strlen(no));
	if (seen->value) {
		err_set(e, ERR_INPUT, "資産番号 %s が %ld行目と重複しています", no,
			((const struct item *)seen->value)->row.line);
		return located(im, row, F_NO, e);
	}
	seen->value = it;
	struct strmap_slot *stored = strmap_find(&im->by_no, no, strlen(no));
	if (stored) {
		it->old = stored->value;
		merge_stored(im, it);
	}
	return check_unit_open(im, it, e) || check_unit_allowed(im, it, e);
}

/* ---- import: pass 2, references ---------------------------------------------- */

static int resolve_ref(struct importer *im, struct item *it, int r, struct err *e)
{
	enum field f = ref_fields[r];
	const char *text = it->ref[r];
	if (!text) /* column absent: a stored asset keeps its reference */
		return 0;
	set_num(&it->a, f, 0);
	if (!*text)
		return 0;
	if (strcmp(text, it->a.asset_no) == 0) {
		err_set(e, ERR_INPUT, "資産番号 %s 自身は指定できません", text);
		return located(im, &it->row, f, e);
	}
	struct strmap_slot *s = strmap_find(&im->in_file, text, strlen(text));
	if (s) {
		struct item *target = s->value;
		if (target->old)
			set_num(&it->a, f, target->old->id);
		else
			it->ref_item[r] = target; /* its id exists once it is written */
		return 0;
	}
	s = strmap_find(&im->by_no, text, strlen(text));
	if (s) {
		set_num(&it->a, f, ((const struct asset *)s->value)->id);
		return 0;
	}
	if (!im->all_read) {
		it->later[r] = 1; /* a row further down, or nothing: settled at the end */
		return 0;
	}
	err_set(e, ERR_INPUT, "資産番号「%s」は台帳にもこのファイルにもありません", text);
	return located(im, &it->row, f, e);
}

/* ---- import: passes 3 and 4, writing ---------------------------------------- */

static const char *or_empty(const char *s)
{
	return s && *s ? s : "（空）";
}

/* Counts the fields that differ from the stored record and, when out is not
 * NULL, describes them there.  A reference to a new asset always differs. */
static int describe_changes(const struct importer *im, const struct item *it, struct buf *out)
{
	int n = 0;
	char n1[24], n2[24];
	for (int f = 0; f < NFIELDS; f++) {
		if (im->col[f] < 0)
			continue;
		int r = f == F_CONTAINER;
		int to_new = fields[f].kind == K_ASSET && (it->ref_item[r] || it->later[r]);
		if (!to_new && same_field(&it->a, it->old, (enum field)f))
			continue;
		if (out) {
			const char *was = cell_text(&im->x, it->old, (enum field)f, 1, n1);
			const char *now = to_new ? it->ref[r]
						 : cell_text(&im->x, &it->a, (enum field)f, 1, n2);
			buf_printf(out, "%s%s: %s → %s", n ? "、" : "", fields[f].label, or_empty(was),
				   or_empty(now));
		}
		n++;
	}
	return n;
}

/* Fills references to new assets already written (every row before this
 * one is); says whether one must wait for a row further down. */
static int fill_refs(struct item *it)
{
	int waiting = 0;
	for (int r = 0; r < 2; r++) {
		enum field f = ref_fields[r];
		if (it->ref_item[r]) {
			set_num(&it->a, f, it->ref_item[r]->a.id);
		} else if (it->later[r]) {
			/* for now the stored value (or none); link_item sets it */
			set_num(&it->a, f, it->old ? get_num(it->old, f) : 0);
			waiting = 1;
		}
	}
	return waiting;
}

static int write_item(struct tx *tx, struct importer *im, struct item *it, struct err *e)
{
	char n1[24];
	it->pending = fill_refs(it);
	if (!it->old) {
		im->res->added++;
		buf_printf_opt(im->diff, "+ 追加 %s %s（%s）\n", it->a.asset_no, it->a.name,
		     cell_text(&im->x, &it->a, F_UNIT, 1, n1));
		return asset_put(tx, &it->a, 1, "asset.import.add", e);
	}
	struct buf changes = BUF_INIT;
	int n = describe_changes(im, it, im->opts->dry_run ? &changes : NULL);
	if (n)
		buf_printf_opt(im->diff, "~ 変更 %s %s: %s\n", it->a.asset_no, it->a.name, buf_str(&changes));
	buf_free(&changes);
	if (!n) {
		im->res->unchanged++;
		return 0;
	}
	im->res->changed++;
	return asset_put(tx, &it->a, 0, "asset.import.update", e);
}

static int link_item(struct tx *tx, struct item *it, struct err *e)
{
	for (int r = 0; r < 2; r++)
		if (it->ref_item[r])
			set_num(&it->a, ref_fields[r], it->ref_item[r]->a.id);
	return asset_put(tx, &it->a, 0, "asset.import.link", e);
}

/* ---- import: driver ------------------------------------------------------- */

static void prepare(struct importer *im)
{
	strmap_init(&im->by_no);
	strmap_init(&im->staff_by_no);
	strmap_init(&im->in_file);
	for (int f = 0; f < NFIELDS; f++)
		strmap_init(&im->cache[f]);
	for (size_t i = 0; i < im->x.assets.n; i++) {
		const char *no = im->x.assets.v[i].asset_no;
		strmap_upsert(&im->by_no, no, strlen(no))->value = &im->x.assets.v[i];
	}
	for (size_t i = 0; i < im->x.staff.n; i++) {
		const char *no = im->x.staff.v[i].staff_no;
		strmap_upsert(&im->staff_by_no, no, strlen(no))->value = &im->x.staff.v[i];
	}
}

static void release(struct importer *im)
{
	for (size_t i = 0; i < im->nitems; i++) {
		asset_free(&im->items[i]->a);
		free(im->items[i]->ref[0]);
		free(im->items[i]->ref[1]);
		free(im->items[i]);
	}
	free(im->items);
	if (im->by_no.slots) {
		strmap_free(&im->by_no, NULL);
		strmap_free(&im->staff_by_no, NULL);
		strmap_free(&im->in_file, NULL);
		for (int f = 0; f < NFIELDS; f++)
			strmap_free(&im->cache[f], NULL);
	}
	for (int k = 0; im->names_built && k < 2; k++)
		strmap_free(&im->names[k], NULL);
	ctx_free(&im->x);
}

static struct item *new_item(struct importer *im)
{
	if (im->nitems == im->capitems) {
		im->capitems = im->capitems ? im->capitems * 2 : 1024;
		im->items = xrealloc(im->items, im->capitems * sizeof *im->items);
	}
	return im->items[im->nitems++] = xcalloc(1, sizeof(struct item));
}

/* Passes 1–3 for one row, as soon as the stream delivers it. */
/* collect_errors: notes an input error and carries on; anything else stops. */
#define ERRORS_LISTED 1000
static int collected(struct importer *im, int rc, struct err *e)
{
	if (rc != ERR_INPUT || !im->opts->collect_errors)
		return rc;
	if (++im->res->nerrors <= ERRORS_LISTED)
		buf_printf(&im->res->errors, "%s\n", e->msg);
	err_clear(e);
	return 0;
}

static int import_row(struct tx *tx, struct importer *im, const struct sheet_row *row,
		      struct err *e)
{
	struct item *it = new_item(im);
	if (take_row(im, row, it, e))
		return collected(im, e->code, e);
	for (int r = 0; r < 2; r++)
		if (resolve_ref(im, it, r, e))
			return collected(im, e->code, e);
	if (write_item(tx, im, it, e))
		return located(im, &it->row, -1, e);
	return 0;
}

/* Pass 2 for references that named no row read so far, then pass 4. */
static int link_later(struct tx *tx, struct importer *im, struct err *e)
{
	im->all_read = 1;
	for (size_t i = 0; i < im->nitems; i++) {
		struct item *it = im->items[i];
		for (int r = 0; r < 2; r++)
			if (it->later[r] && resolve_ref(im, it, r, e) && collected(im, e->code, e))
				return e->code;
	}
	if (im->res->nerrors) /* nothing is kept: the links need not be made */
		return err_set(e, ERR_INPUT, "%s: %lld 件の誤りがあります（何も取り込んでいません）",
			       im->file, im->res->nerrors);
	for (size_t i = 0; i < im->nitems; i++)
		if (im->items[i]->pending && link_item(tx, im->items[i], e))
			return located(im, &im->items[i]->row, -1, e);
	return 0;
}

static int import_rows(struct tx *tx, struct importer *im, struct sheet_stream *in,
		       struct err *e)
{
	struct sheet_row row;
	int got;
	while ((got = sheet_stream_next(in, &row, e)) == 1)
		if (import_row(tx, im, &row, e))
			return e->code;
	if (got < 0)
		return e->code;
	im->res->rows = (long long)im->nitems;
	if (im->nitems == 0)
		return err_set(e, ERR_INPUT, "%s: 見出し行の後にデータがありません", im->file);
	return link_later(tx, im, e);
}

static int run(struct importer *im, struct sheet_stream *in, const char *actor, struct err *e)
{
	struct tx tx;
	struct sheet_row header;
	int got = sheet_stream_next(in, &header, e);
	if (got < 0)
		return e->code;
	if (got == 0)
		return err_set(e, ERR_INPUT, "%s: ファイルが空です", im->file);
	if (map_header(im, &header, e))
		return e->code;
	if (tx_begin(&tx, im->db, actor, e))
		return e->code;
	/* A new database gets the R2.12 scheme before its first register is read. */
	int rc = class_scheme_ensure_default(&tx, e) || ctx_load(im->db, &im->x, e);
	if (!rc) {
		prepare(im);
		/* one journal entry per 1,000 rows rather than per row (tx.h) */
		tx_bulk_begin(&tx);
		rc = import_rows(&tx, im, in, e);
	}
	if (rc || im->opts->dry_run)
		tx_rollback(&tx);
	else
		rc = tx_commit(&tx, e);
	return rc ? e->code : 0;
}

/* The sheet reader names the file by its path; an upload is known by its own name. */
static int rename_file(struct err *e, const char *path, const char *name)
{
	char *at = strcmp(path, name) != 0 ? strstr(e->msg, path) : NULL;
	if (at) {
		char *rest = xstrdup(at + strlen(path));
		*at = '\0';
		char *head = xstrdup(e->msg);
		err_set(e, e->code, "%s%s%s", head, name, rest);
		free(head);
		free(rest);
	}
	return e->code;
}

int asset_import(struct db *db, const char *actor, const char *path,
		 const struct asset_import_opts *opts, struct asset_import_result *res,
		 struct err *e)
{
	struct sheet_stream *in;
	struct importer im;
	memset(&im, 0, sizeof im);
	im.db = db;
	im.file = opts->name ? opts->name : path;
	im.opts = opts;
	im.res = res;
	memset(res, 0, sizeof *res);
	im.diff = opts->dry_run ? &res->diff : NULL;
	if (sheet_stream_open(path, &in, e))
		return rename_file(e, path, im.file);
	int rc = run(&im, in, actor, e);
	release(&im);
	sheet_stream_close(in);
	return rc ? rename_file(e, path, im.file) : 0;
}

void asset_import_result_free(struct asset_import_result *r)
{
	buf_free(&r->errors);
	buf_free(&r->diff);
	buf_free(&r->warnings);
}

/* ---- export ------------------------------------------------------------------ */

int asset_export_format_of(const char *path, enum asset_export_format *fmt)
{
	const char *dot = strrchr(path, '.');
	if (dot && strcasecmp(dot, ".csv") == 0)
		*fmt = ASSET_EXPORT_CSV;
	else if (dot && strcasecmp(dot, ".xlsx") == 0)
		*fmt = ASSET_EXPORT_XLSX;
	else
		return -1;
	return 0;
}

/* One consistent state: db_begin makes writers wait while we read. */
static int export_load(struct db *db, struct ctx *x, struct err *e)
{
	if (db_begin(db, e))
		return e->code;
	int rc = ctx_load(db, x, e);
	db_rollback(db); /* read only: nothing to commit */
	return rc;
}


struct export_sink {
	enum asset_export_format fmt;
	FILE *f;                /* CSV */
	struct buf b;           /* CSV rows not yet written */
	struct xlsx_out *xlsx;
	const char *path;
};

static int sink_row(struct export_sink *k, const char *const cells[NFIELDS], struct err *e)
{
	if (k->fmt == ASSET_EXPORT_XLSX)
		return xlsx_out_row(k->xlsx, cells, e);
	for (int f = 0; f < NFIELDS; f++)
		buf_csv_field(&k->b, cells[f], f == NFIELDS - 1);
	if (k->b.len >= 1 << 16) {
		if (fwrite(k->b.data, 1, k->b.len, k->f) != k->b.len)
			return err_set(e, ERR_IO, "%s を書き込めません: %s", k->path, strerror(errno));
		buf_reset(&k->b);
	}
	return 0;
}

/* Which assets an export writes: all by id, or the chosen ones in their order. */
struct export_pick {
	const long long *ids; /* NULL: every asset */
	size_t n;
};

static int write_rows(const struct ctx *x, const struct export_pick *pick, struct export_sink *k,
		      struct err *e)
{
	const char *cells[NFIELDS];
	char num[NFIELDS][24];
	size_t n = pick->ids ? pick->n : x->assets.n;
	for (size_t i = 0; i < n; i++) {
		const struct asset *a = pick->ids ? asset_by_id(&x->assets, pick->ids[i]) : &x->assets.v[i];
		if (!a) /* removed since it was chosen */
			continue;
		for (int f = 0; f < NFIELDS; f++)
			cells[f] = cell_text(x, a, (enum field)f, 0, num[f]);
		if (sink_row(k, cells, e))
			return e->code;
	}
	return 0;
}

/* Creates the temporary file owner-only: a register is not for everyone. */
static int create_private(const char *tmp, int *fd, struct err *e)
{
	*fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (*fd < 0)
		return err_set(e, ERR_IO, "%s を作成できません: %s", tmp, strerror(errno));
	return 0;
}

static int export_csv(const struct ctx *x, const struct export_pick *pick, const char *tmp,
		      struct err *e)
{
	struct export_sink k = {.fmt = ASSET_EXPORT_CSV, .path = tmp};
	int fd;
	if (create_private(tmp, &fd, e))
		return e->code;
	k.f = fdopen(fd, "wb");
	if (!k.f) {
		close(fd);
		return err_set(e, ERR_IO, "%s を作成できません: %s", tmp, strerror(errno));
	}
	buf_puts(&k.b, "\xEF\xBB\xBF"); /* the BOM tells Excel it is UTF-8 */
	for (int f = 0; f < NFIELDS; f++)
		buf_csv_field(&k.b, fields[f].label, f == NFIELDS - 1);
	int rc = write_rows(x, pick, &k, e);
	if (!rc && k.b.len && fwrite(k.b.data, 1, k.b.len, k.f) != k.b.len)
		rc = err_set(e, ERR_IO, "%s を書き込めません: %s", tmp, strerror(errno));
	if (!rc && (fflush(k.f) != 0 || fsync(fileno(k.f)) != 0))
		rc = err_set(e, ERR_IO, "%s を書き込めません: %s", tmp, strerror(errno));
	if (fclose(k.f) != 0 && !rc)
		rc = err_set(e, ERR_IO, "%s を書き込めません: %s", tmp, strerror(errno));
	buf_free(&k.b);
	return rc;
}


static int export_xlsx(const struct ctx *x, const struct export_pick *pick, const char *tmp,
		       struct err *e)
{
	struct xlsx_column cols[NFIELDS];
	struct export_sink k = {.fmt = ASSET_EXPORT_XLSX, .path = tmp};
	int fd;
	/* the xlsx writer truncates the file it is given, keeping its mode */
	if (create_private(tmp, &fd, e))
		return e->code;
	close(fd);
	for (int f = 0; f < NFIELDS; f++)
		cols[f] = (struct xlsx_column){fields[f].label, fields[f].width};
	if (xlsx_out_open(tmp, "情報資産台帳", cols, NFIELDS, &k.xlsx, e))
		return e->code;
	int rc = write_rows(x, pick, &k, e);
	struct err close_err = {0};
	if (xlsx_out_close(k.xlsx, &close_err) && !rc)
		rc = (*e = close_err).code;
	return rc ? rc : durable_sync(tmp, e);
}

static int export_picked(struct db *db, const char *path, enum asset_export_format fmt,
			 const struct export_pick *pick, long long *rows, struct err *e)
{
	struct ctx x;
	*rows = 0;
	if (export_load(db, &x, e)) {
		ctx_free(&x);
		return e->code;
	}
	char *tmp = xasprintf("%s.tmp", path);
	int rc = fmt == ASSET_EXPORT_XLSX ? export_xlsx(&x, pick, tmp, e)
					  : export_csv(&x, pick, tmp, e);
	if (!rc)
		rc = durable_publish(tmp, path, e);
	if (rc)
		unlink(tmp);
	else
		*rows = (long long)(pick->ids ? pick->n : x.assets.n);
	free(tmp);
	ctx_free(&x);
	return rc;
}


int asset_export_rows(struct db *db, const char *path, enum asset_export_format fmt,
		      long long *rows, struct err *e)
{
	const struct export_pick all = {NULL, 0};
	return export_picked(db, path, fmt, &all, rows, e);
}

int asset_export_ids(struct db *db, const char *path, enum asset_export_format fmt,
		     const long long *ids, size_t n, long long *rows, struct err *e)
{
	static const long long none[1];
	const struct export_pick pick = {ids ? ids : none, ids ? n : 0};
	return export_picked(db, path, fmt, &pick, rows, e);
}
