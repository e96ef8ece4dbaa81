#include "core/staff_import.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/role.h"
#include "core/import_header.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/sheet.h"
#include "util/strmap.h"
#include "util/timeutil.h"

enum field {
	F_NO, F_NAME, F_KANA, F_UNIT, F_EMPLOYMENT, F_PHONE, F_EMAIL, F_STARTED, F_LEFT, NFIELDS
};

/* Header spellings per field; the first is the documented one. */
static const struct {
	const char *label;
	const char *spellings[6];
	int required;
} fields[NFIELDS] = {
	[F_NO] = {"職員番号", {"職員番号", "職員no", "職員コード", "社員番号", "staff_no"}, 1},
	[F_NAME] = {"氏名", {"氏名", "名前", "職員氏名", "name"}, 1},
	[F_KANA] = {"カナ", {"カナ", "氏名カナ", "フリガナ", "ふりがな", "よみ", "kana"}, 0},
	[F_UNIT] = {"所属", {"所属", "所属コード", "所属名", "組織", "課", "unit"}, 1},
	[F_EMPLOYMENT] = {"雇用区分", {"雇用区分", "任用区分", "職員区分", "区分", "employment"}, 0},
	[F_PHONE] = {"連絡先", {"連絡先", "電話", "電話番号", "内線", "phone"}, 0},
	[F_EMAIL] = {"メール", {"メール", "メールアドレス", "email", "e-mail", "mail"}, 0},
	[F_STARTED] = {"着任日", {"着任日", "採用日", "発令日", "started_on"}, 0},
	[F_LEFT] = {"離任日", {"離任日", "退職日", "left_on"}, 0},
};

struct importer {
	struct db *db;
	const char *file;
	const struct staff_import_opts *opts;
	struct staff_import_result *res;
	struct buf *diff; /* the dry run's list of changes; NULL for a real run */
	char today[11];
	int col[NFIELDS]; /* column index of each field, -1 when absent */
	struct org_units units;
	struct strmap unit_cache; /* 所属 text as written → unit (or NULL if unknown) */
	struct staff_list existing;
	struct strmap by_no;      /* 職員番号 → struct staff* in existing */
	struct strmap seen;       /* 職員番号 → line where the file gave it */
};

static const char *spelling(int f, int i)
{
	return i < 6 ? fields[f].spellings[i] : NULL;
}

static int map_header(struct importer *im, const struct sheet_row *hdr, struct err *e)
{
	struct import_header_dup d;
	if (import_header_map(hdr, NFIELDS, spelling, im->file, &im->res->warnings, im->col, &d))
		return err_set(e, ERR_INPUT, "%s %ld行目: 列「%s」が2回あります（%zu列目と%d列目）", im->file,
			       hdr->line, fields[d.field].label, d.again + 1, d.first + 1);
	for (int f = 0; f < NFIELDS; f++)
		if (fields[f].required && im->col[f] < 0)
			return err_set(e, ERR_INPUT, "%s %ld行目: 必須の列「%s」がありません（見出し行を確認してください）",
				       im->file, hdr->line, fields[f].label);
	return 0;
}

/* The cell of a field in a row; NULL when the file has no such column. */
static const char *cell(const struct importer *im, const struct sheet_row *row, enum field f)
{
	int c = im->col[f];
	if (c < 0)
		return NULL;
	return (size_t)c < row->ncells ? row->cells[c] : "";
}

static char *trimmed_dup(const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	/* full-width spaces at either end, common in Excel */
	while (n >= 3 && memcmp(s + n - 3, "\u3000", 3) == 0)
		n -= 3;
	while (n >= 3 && memcmp(s, "\u3000", 3) == 0) {
		s += 3;
		n -= 3;
	}
	return xstrndup(s, n);
}

static const struct org_unit *resolve_unit(struct importer *im, const char *text, struct err *e)
{
	struct strmap_slot *s = strmap_upsert(&im->unit_cache, text, strlen(text));
	if (!s->value) {
		const struct org_unit *u;
		if (org_unit_resolve(&im->units, text, &u, e))
			return NULL;
		if (!org_unit_is_open(u)) {
			err_set(e, ERR_INPUT, "所属「%s」は %s に廃止されています", u->name, u->closed_on);
			return NULL;
		}
		s->value = (void *)u;
	}
	return s->value;
}

/* Builds a staff record from a row, validated and with its unit resolved. */
static int read_person(struct importer *im, const struct sheet_row *row, struct staff *p,
		       struct err *e)
{
	memset(p, 0, sizeof *p);
	p->staff_no = trimmed_dup(cell(im, row, F_NO));
	p->name = trimmed_dup(cell(im, row, F_NAME));
	p->kana = trimmed_dup(cell(im, row, F_KANA));
	p->employment = trimmed_dup(cell(im, row, F_EMPLOYMENT));
	p->phone = trimmed_dup(cell(im, row, F_PHONE));
	p->email = trimmed_dup(cell(im, row, F_EMAIL));
	p->started_on = trimmed_dup(cell(im, row, F_STARTED));
	p->left_on = trimmed_dup(cell(im, row, F_LEFT));
	char *unit = trimmed_dup(cell(im, row, F_UNIT));
	int rc = 0;
	const char *bad_field;
	if (staff_validate(p, &bad_field, e)) {
		rc = err_prefix(e, "%s %ld行目「%s」", im->file, row->line, bad_field);
	} else {
		const struct org_unit *u = resolve_unit(im, unit, e);
		if (!u)
			rc = err_prefix(e, "%s %ld行目「所属」", im->file, row->line);
		else
			p->unit_id = u->id;
	}
	free(unit);
	return rc;
}

static const char *unit_name(const struct importer *im, long long id)
{
	const struct org_unit *u = org_unit_by_id(&im->units, id);
	return u ? u->name : "?";
}

static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Counts field-by-field differences (only for columns the file has) and,
 * when out is not NULL, describes them there. */
static int describe_changes(struct importer *im, const struct staff *old, const struct staff *p,
			    struct buf *out)
{
	static const struct {
		enum field f;
		size_t off;
	} texts[] = {
		{F_NAME, offsetof(struct staff, name)},
		{F_KANA, offsetof(struct staff, kana)},
		{F_EMPLOYMENT, offsetof(struct staff, employment)},
		{F_PHONE, offsetof(struct staff, phone)},
		{F_EMAIL, offsetof(struct staff, email)},
		{F_STARTED, offsetof(struct staff, started_on)},
	};
	int n = 0;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		if (im->col[texts[i].f] < 0)
			continue;
		const char *a = *(char *const *)((const char *)old + texts[i].off);
		const char *b = *(char *const *)((const char *)p + texts[i].off);
		if (!same(a, b)) {
			if (out)
				buf_printf(out, "%s%s: %s → %s", n ? "、" : "", fields[texts[i].f].label,
					   a ? a : "（空）", b ? b : "（空）");
			n++;
		}
	}
	return n;
}

/* Copies the file's values over the stored record, keeping absent columns. */
static void merge_into(struct importer *im, struct staff *old, struct staff *p)
{
#define TAKE(field, f) \
	if (im->col[f] >= 0) { \
		free(old->field); \
		old->field = p->field; \
		p->field = NULL; \
	}
	TAKE(name, F_NAME)
	TAKE(kana, F_KANA)
	TAKE(employment, F_EMPLOYMENT)
	TAKE(phone, F_PHONE)
	TAKE(email, F_EMAIL)
	TAKE(started_on, F_STARTED)
#undef TAKE
}

static int add_person(struct tx *tx, struct importer *im, struct staff *p, struct err *e)
{
	free(p->unit_since);
	p->unit_since = xstrdup(p->started_on ? p->started_on : im->today);
	if (staff_insert(tx, p, "staff.import.add", e))
		return e->code;
	im->res->added++;
	buf_printf_opt(im->diff, "+ 追加 %s %s（%s）%s%s\n", p->staff_no, p->name,
		   unit_name(im, p->unit_id), p->left_on ? " 離任日 " : "", p->left_on ? p->left_on : "");
	return 0;
}

static int update_person(struct tx *tx, struct importer *im, struct staff *old, struct staff *p,
			 struct err *e)
{
	struct buf changes = BUF_INIT;
	int nchanges = describe_changes(im, old, p, im->opts->dry_run ? &changes : NULL);
	int moved = p->unit_id != old->unit_id;
	int leaving = p->left_on && !same(p->left_on, old->left_on);
	int back = im->col[F_LEFT] >= 0 && !p->left_on && old->left_on;
	const char *kind = "staff.import.update";
	if (nchanges)
		buf_printf_opt(im->diff, "~ 変更 %s %s: %s\n", old->staff_no, old->name, buf_str(&changes));
	if (moved) {
		buf_printf_opt(im->diff, "> 異動 %s %s: %s → %s\n", old->staff_no, p->name,
			   unit_name(im, old->unit_id), unit_name(im, p->unit_id));
		old->unit_id = p->unit_id;
		free(old->unit_since);
		old->unit_since = xstrdup(im->opts->date ? im->opts->date : im->today);
		im->res->transferred++;
		kind = "staff.import.transfer";
	}
	if (leaving) {
		buf_printf_opt(im->diff, "- 離任 %s %s（%s）\n", old->staff_no, p->name, p->left_on);
		free(old->left_on);
		old->left_on = xstrdup(p->left_on);
		im->res->retired++;
		kind = "staff.import.retire";
	}
	if (back) {
		buf_printf_opt(im->diff, "+ 再任 %s %s\n", old->staff_no, p->name);
		free(old->left_on);
		old->left_on = NULL;
		im->res->rehired++;
		kind = "staff.import.rehire";
	}
	buf_free(&changes);
	if (!nchanges && !moved && !leaving && !back) {
		im->res->unchanged++;
		return 0;
	}
	if (nchanges && !moved && !leaving && !back)
		im->res->changed++;
	merge_into(im, old, p);
	return staff_update(tx, old, kind, e);
}

static int import_row(struct tx *tx, struct importer *im, const struct sheet_row *row,
		      struct err *e)
{
	struct staff p;
	if (read_person(im, row, &p, e)) {
		staff_free(&p);
		return e->code;
	}
	struct strmap_slot *seen = strmap_upsert(&im->seen, p.staff_no, strlen(p.staff_no));
	if (seen->value) {
		err_set(e, ERR_INPUT, "%s %ld行目「職員番号」: 職員番号 %s が %ld行目と重複しています", im->file,
			row->line, p.staff_no, (long)(intptr_t)seen->value);
		staff_free(&p);
		return e->code;
	}
	seen->value = (void *)(intptr_t)row->line;
	struct strmap_slot *known = strmap_find(&im->by_no, p.staff_no, strlen(p.staff_no));
	int rc = known ? update_person(tx, im, known->value, &p, e) : add_person(tx, im, &p, e);
	if (rc)
		err_prefix(e, "%s %ld行目", im->file, row->line);
	staff_free(&p);
	return rc;
}

/* With a full roster, whoever is in office but not in the file has left. */
static int retire_missing(struct tx *tx, struct importer *im, struct err *e)
{
	const char *date = im->opts->date ? im->opts->date : im->today;
	for (size_t i = 0; i < im->existing.n; i++) {
		struct staff *s = &im->existing.v[i];
		if (s->left_on || strmap_find(&im->seen, s->staff_no, strlen(s->staff_no)))
			continue;
		s->left_on = xstrdup(date);
		if (staff_update(tx, s, "staff.import.retire", e))
			return e->code;
		im->res->retired++;
		buf_printf_opt(im->diff, "- 離任 %s %s（%s、名簿になし）\n", s->staff_no, s->name, date);
	}
	return 0;
}

/* People who left or moved but still hold a role: `check` will flag them too. */
static int warn_roles(struct db *db, struct importer *im, struct err *e)
{
	struct role_assignments roles;
	struct staff_list now;
	if (role_load(db, 1, &roles, e))
		return e->code;
	if (staff_load(db, "left_on IS NOT NULL", &now, e)) {
		role_assignments_free(&roles);
		return e->code;
	}
	for (size_t i = 0; i < roles.n; i++) {
		const struct staff *s = staff_by_id(&now, roles.v[i].staff_id);
		if (s)
			buf_printf(&im->res->warnings, "離任した %s %s が役割「%s」（割当番号 %lld）を保持しています\n",
				   s->staff_no, s->name, vocab_label(&vocab_role, roles.v[i].role), roles.v[i].id);
	}
	role_assignments_free(&roles);
	staff_list_free(&now);
	return 0;
}

static int prepare(struct importer *im, struct err *e)
{
	if (org_units_load(im->db, &im->units, e) || staff_load(im->db, "", &im->existing, e))
		return e->code;
	strmap_init(&im->unit_cache);
	strmap_init(&im->by_no);
	strmap_init(&im->seen);
	for (size_t i = 0; i < im->existing.n; i++) {
		const char *no = im->existing.v[i].staff_no;
		strmap_upsert(&im->by_no, no, strlen(no))->value = &im->existing.v[i];
	}
	return 0;
}

static void release(struct importer *im)
{
	org_units_free(&im->units);
	staff_list_free(&im->existing);
	if (im->unit_cache.slots) {
		strmap_free(&im->unit_cache, NULL);
		strmap_free(&im->by_no, NULL);
		strmap_free(&im->seen, NULL);
	}
}

static int run(struct importer *im, const struct sheet *sh, const char *actor, struct err *e)
{
	struct tx tx;
	if (sh->nrows == 0)
		return err_set(e, ERR_INPUT, "%s: ファイルが空です", im->file);
	if (map_header(im, &sh->rows[0], e))
		return e->code;
	if (sh->nrows == 1)
		return err_set(e, ERR_INPUT, "%s: 見出し行の後にデータがありません", im->file);
	if (prepare(im, e) || tx_begin(&tx, im->db, actor, e))
		return e->code;
	tx_bulk_begin(&tx); /* one journal entry per 1,000 rows of a kind (tx.h) */
	int rc = 0;
	for (size_t r = 1; r < sh->nrows && !rc; r++) {
		rc = import_row(&tx, im, &sh->rows[r], e);
		im->res->rows++;
	}
	if (!rc && im->opts->full)
		rc = retire_missing(&tx, im, e);
	if (!rc)
		rc = warn_roles(im->db, im, e);
	if (rc || im->opts->dry_run)
		tx_rollback(&tx);
	else
		rc = tx_commit(&tx, e);
	return rc;
}

int staff_import(struct db *db, const char *actor, const char *path,
		 const struct staff_import_opts *opts, struct staff_import_result *res,
		 struct err *e)
{
	struct sheet sh;
	struct importer im = {.db = db, .file = path, .opts = opts, .res = res,
			      .diff = opts->dry_run ? &res->diff : NULL};
	memset(res, 0, sizeof *res);
	time_today(im.today);
	if (opts->date && !date_valid(opts->date))
		return err_set(e, ERR_INPUT, "--date「%s」は YYYY-MM-DD で指定してください", opts->date);
	if (sheet_read_file(path, &sh, e))
		return e->code;
	int rc = run(&im, &sh, actor, e);
	release(&im);
	sheet_free(&sh);
	return rc;
}

void staff_import_result_free(struct staff_import_result *r)
{
	buf_free(&r->diff);
	buf_free(&r->warnings);
}
