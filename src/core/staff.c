#include "core/staff.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/timeutil.h"

#define STAFF_COLUMNS \
	"id, staff_no, name, kana, unit_id, employment, phone, email, started_on, left_on, unit_since"

void staff_free(struct staff *s)
{
	free(s->staff_no);
	free(s->name);
	free(s->kana);
	free(s->employment);
	free(s->phone);
	free(s->email);
	free(s->started_on);
	free(s->left_on);
	free(s->unit_since);
	memset(s, 0, sizeof *s);
}

void staff_list_free(struct staff_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		staff_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void read_row(struct db_stmt *st, struct staff *s)
{
	s->id = db_column_int(st, 0);
	s->staff_no = col_dup(st, 1);
	s->name = col_dup(st, 2);
	s->kana = col_dup(st, 3);
	s->unit_id = col_id(st, 4);
	s->employment = col_dup(st, 5);
	s->phone = col_dup(st, 6);
	s->email = col_dup(st, 7);
	s->started_on = col_dup(st, 8);
	s->left_on = col_dup(st, 9);
	s->unit_since = col_dup(st, 10);
}

static void read_elem(struct db_stmt *st, void *elem)
{
	read_row(st, elem);
}

int staff_load(struct db *db, const char *where, struct staff_list *out, struct err *e)
{
	char *sql = xasprintf("SELECT " STAFF_COLUMNS " FROM staff %s%s ORDER BY id",
			      where && *where ? "WHERE " : "", where ? where : "");
	int rc = rows_load(db, sql, sizeof *out->v, read_elem, (void **)&out->v, &out->n, e);
	free(sql);
	if (rc)
		staff_list_free(out);
	return rc;
}

const struct staff *staff_by_id(const struct staff_list *l, long long id)
{
	return rows_by_id(l->v, l->n, sizeof *l->v, offsetof(struct staff, id), id);
}

/* Every module that acts on behalf of a person looks them up the same way,
 * so the refusals read the same everywhere. */
int staff_current(struct db *db, const char *no, const char *what, const char *opt,
		  struct staff *s, struct err *e)
{
	int found;
	if (!no || !*no)
		return opt ? err_set(e, ERR_INPUT, "%sの職員番号を指定してください（%s）", what, opt)
			   : err_set(e, ERR_INPUT, "%sの職員番号を指定してください", what);
	if (staff_find(db, no, s, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "%sの職員番号「%s」は登録されていません", what, no);
	if (s->left_on) {
		err_set(e, ERR_INPUT, "%s %s（%s）は離任しています", what, s->name, no);
		staff_free(s);
		return e->code;
	}
	return 0;
}

int staff_find(struct db *db, const char *staff_no, struct staff *out, int *found,
	       struct err *e)
{
	struct db_stmt *st;
	memset(out, 0, sizeof *out);
	*found = 0;
	if (db_prepare(db, "SELECT " STAFF_COLUMNS " FROM staff WHERE staff_no = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, staff_no);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW) {
		read_row(st, out);
		*found = 1;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

/* Normalises an optional date field in place; "" becomes NULL. */
static int normalise_date(char **field, const char *label, struct err *e)
{
	char ymd[11];
	if (!*field)
		return 0;
	if (!**field) {
		free(*field);
		*field = NULL;
		return 0;
	}
	if (date_parse(*field, ymd, e))
		return err_prefix(e, "%s", label);
	free(*field);
	*field = xstrdup(ymd);
	return 0;
}

static void empty_to_null(char **field)
{
	if (*field && !**field) {
		free(*field);
		*field = NULL;
	}
}

/* Sets the failing field's label for callers that point at a column. */
#define FAIL(label, ...) (*field = (label), err_set(e, ERR_INPUT, __VA_ARGS__))

int staff_validate(struct staff *s, const char **field, struct err *e)
{
	const char *ignored;
	if (!field)
		field = &ignored;
	if (!s->staff_no || !*s->staff_no)
		return FAIL("職員番号", "職員番号が空です");
	if (strlen(s->staff_no) > 32 || strpbrk(s->staff_no, " \t\r\n/"))
		return FAIL("職員番号", "職員番号「%s」は使えません（空白や / を含まない 32 文字以内）",
			       s->staff_no);
	if (!s->name || !*s->name)
		return FAIL("氏名", "職員番号 %s の氏名が空です", s->staff_no);
	if (strlen(s->name) > 200)
		return FAIL("氏名", "職員番号 %s の氏名が長すぎます", s->staff_no);
	if (!s->employment || !*s->employment) {
		free(s->employment);
		s->employment = xstrdup("regular");
	} else {
		const struct vocab_entry *k = vocab_find(&vocab_employment, s->employment);
		if (!k) {
			char *choices = vocab_choices(&vocab_employment);
			FAIL("雇用区分", "雇用区分「%s」は使えません（%s のいずれか）", s->employment,
			     choices);
			free(choices);
			return e->code;
		}
		if (strcmp(s->employment, k->id) != 0) {
			free(s->employment);
			s->employment = xstrdup(k->id);
		}
	}
	if (s->email && *s->email && !strchr(s->email, '@'))
		return FAIL("メール", "メールアドレス「%s」の形式が正しくありません", s->email);
	empty_to_null(&s->kana);
	empty_to_null(&s->phone);
	empty_to_null(&s->email);
	if (normalise_date(&s->started_on, "着任日", e))
		return *field = "着任日", e->code;
	if (normalise_date(&s->left_on, "離任日", e))
		return *field = "離任日", e->code;
	if (normalise_date(&s->unit_since, "所属日", e))
		return *field = "所属日", e->code;
	if (s->started_on && s->left_on && strcmp(s->left_on, s->started_on) < 0)
		return FAIL("離任日", "職員番号 %s の離任日 %s が着任日 %s より前です", s->staff_no,
			       s->left_on, s->started_on);
	return 0;
}

#undef FAIL

static void staff_row(const struct staff *s, struct row *r)
{
	row_init(r, "staff");
	row_int(r, "id", s->id);
	row_text(r, "staff_no", s->staff_no);
	row_text(r, "name", s->name);
	row_text(r, "kana", s->kana);
	row_id_ref(r, "unit_id", s->unit_id);
	row_text(r, "employment", s->employment);
	row_text(r, "phone", s->phone);
	row_text(r, "email", s->email);
	row_text(r, "started_on", s->started_on);
	row_text(r, "left_on", s->left_on);
	row_text(r, "unit_since", s->unit_since);
}

int staff_insert(struct tx *tx, struct staff *s, const char *kind, struct err *e)
{
	struct row r;
	if (tx_next_id(tx, "staff", &s->id, e))
		return e->code;
	staff_row(s, &r);
	int rc = tx_put_row(tx, kind, &r, 1, e);
	if (rc == ERR_INPUT)
		err_set(e, ERR_INPUT, "職員番号「%s」は既に登録されています", s->staff_no);
	return rc;
}

int staff_update(struct tx *tx, const struct staff *s, const char *kind, struct err *e)
{
	struct row r;
	staff_row(s, &r);
	return tx_put_row(tx, kind, &r, 0, e);
}

/* Loads a current (not retired) staff member for a change. */
static int load_current(struct tx *tx, const char *staff_no, struct staff *s, struct err *e)
{
	int found;
	if (staff_find(tx->db, staff_no, s, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "職員番号「%s」は登録されていません", staff_no);
	if (s->left_on) {
		err_set(e, ERR_INPUT, "職員番号「%s」（%s）は %s に離任しています", staff_no, s->name,
			s->left_on);
		staff_free(s);
		return e->code;
	}
	return 0;
}

int staff_transfer(struct tx *tx, const char *staff_no, long long unit_id, const char *date,
		   struct err *e)
{
	struct staff s;
	char day[11];
	if (date_parse(date, day, e) || load_current(tx, staff_no, &s, e))
		return e->code;
	int rc = 0;
	if (s.unit_id == unit_id)
		rc = err_set(e, ERR_INPUT, "職員番号「%s」は既にその組織に所属しています", staff_no);
	if (!rc) {
		s.unit_id = unit_id;
		free(s.unit_since);
		s.unit_since = xstrdup(day);
		rc = staff_update(tx, &s, "staff.transfer", e);
	}
	staff_free(&s);
	return rc;
}

int staff_retire(struct tx *tx, const char *staff_no, const char *date, struct err *e)
{
	struct staff s;
	char day[11];
	if (date_parse(date, day, e) || load_current(tx, staff_no, &s, e))
		return e->code;
	int rc = 0;
	if (s.started_on && strcmp(day, s.started_on) < 0)
		rc = err_set(e, ERR_INPUT, "離任日 %s が着任日 %s より前です", day, s.started_on);
	if (!rc) {
		s.left_on = xstrdup(day);
		rc = staff_update(tx, &s, "staff.retire", e);
	}
	staff_free(&s);
	return rc;
}

char *staff_name_of(struct db *db, long long id, struct err *e)
{
	struct db_stmt *st;
	char *name = NULL;
	if (db_prepare(db, "SELECT name FROM staff WHERE id = ?", &st, e))
		return NULL;
	db_bind_int(st, 1, id);
	if (db_step(st, e) == DB_ROW)
		name = col_dup(st, 0);
	db_finalize(st);
	return name;
}
