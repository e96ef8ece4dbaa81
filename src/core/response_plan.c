/*
 * response_plan.c — keeping the versions of the 緊急時対応計画 and making new
 * ones (response_plan.h).  Every edit copies the latest version, changes one
 * thing and writes it as the next version, unapproved.
 */
#include "core/response_plan.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/profile.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "store/tx.h"
#include "util/json.h"
#include "util/timeutil.h"

const char *const plan_field_ids[] = {"reporting", "measures", "prevention", "bcp"};
const char *const plan_field_labels[] = {"報告すべき事項", "対応措置", "再発防止措置", "業務継続計画との関係"};
const size_t plan_nfields = sizeof plan_field_ids / sizeof plan_field_ids[0];

/* A plan text is at most this long: a plan, not an archive. */
#define PLAN_TEXT_MAX (64 * 1024)

static void read_version(struct db_stmt *st, void *elem)
{
	struct plan_version *v = elem;
	v->id = col_id(st, 0);
	v->version = col_id(st, 1);
	v->contacts = col_dup(st, 2);
	v->reporting = col_dup(st, 3);
	v->measures = col_dup(st, 4);
	v->prevention = col_dup(st, 5);
	v->bcp = col_dup(st, 6);
	v->reviewed_on = col_dup(st, 7);
	v->approved_by = col_id(st, 8);
	v->approved_at = col_dup(st, 9);
	v->created_at = col_dup(st, 10);
}

int plan_versions_load(struct db *db, struct plan_versions *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return rows_load(db,
			 "SELECT id, version, contacts, reporting, measures, prevention, bcp, reviewed_on,"
			 " approved_by, approved_at, created_at FROM response_plan ORDER BY id",
			 sizeof *out->v, read_version, (void **)&out->v, &out->n, e);
}

void plan_versions_free(struct plan_versions *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct plan_version *v = &l->v[i];
		free(v->contacts);
		free(v->reporting);
		free(v->measures);
		free(v->prevention);
		free(v->bcp);
		free(v->reviewed_on);
		free(v->approved_at);
		free(v->created_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

const struct plan_version *plan_latest(const struct plan_versions *l)
{
	return l->n ? &l->v[l->n - 1] : NULL;
}

const struct plan_version *plan_by_version(const struct plan_versions *l, long long version)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].version == version)
			return &l->v[i];
	return NULL;
}

static char *text_of(const cJSON *o, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
	return xstrdup(cJSON_IsString(x) ? x->valuestring : "");
}

int plan_contacts_parse(const char *json, struct plan_contacts *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	cJSON *root = cJSON_Parse(json ? json : "");
	const cJSON *o;
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return err_set(e, ERR_INPUT, "緊急時対応計画の連絡先が読めません（データベースが壊れている可能性があります）");
	}
	cJSON_ArrayForEach(o, root)
	{
		out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
		struct plan_contact *c = &out->v[out->n++];
		c->party = text_of(o, "party");
		c->person = text_of(o, "person");
		c->phone = text_of(o, "phone");
		c->email = text_of(o, "email");
		c->note = text_of(o, "note");
		c->staff_no = text_of(o, "staff_no");
	}
	cJSON_Delete(root);
	return 0;
}

void plan_contacts_free(struct plan_contacts *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct plan_contact *c = &l->v[i];
		free(c->party);
		free(c->person);
		free(c->phone);
		free(c->email);
		free(c->note);
		free(c->staff_no);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

void plan_contacts_json(const struct plan_contacts *l, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_array_begin(&w);
	for (size_t i = 0; i < l->n; i++) {
		const struct plan_contact *c = &l->v[i];
		jw_object_begin(&w);
		jw_kv_string(&w, "email", c->email);
		jw_kv_string(&w, "note", c->note);
		jw_kv_string(&w, "party", c->party);
		jw_kv_string(&w, "person", c->person);
		jw_kv_string(&w, "phone", c->phone);
		jw_kv_string(&w, "staff_no", c->staff_no);
		jw_object_end(&w);
	}
	jw_array_end(&w);
}

/* Writes v as a row (insert: a new version; else an overwrite, for the 決裁). */
static int put_version(struct tx *tx, const struct plan_version *v, const char *kind, int insert,
		       struct err *e)
{
	struct row r;
	row_init(&r, "response_plan");
	row_int(&r, "id", v->id);
	row_int(&r, "version", v->version);
	row_text(&r, "contacts", v->contacts);
	row_text(&r, "reporting", v->reporting);
	row_text(&r, "measures", v->measures);
	row_text(&r, "prevention", v->prevention);
	row_text(&r, "bcp", v->bcp);
	row_text(&r, "reviewed_on", v->reviewed_on);
	row_id_ref(&r, "approved_by", v->approved_by);
	row_text(&r, "approved_at", v->approved_at);
	row_text(&r, "created_at", v->created_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

/* A copy of the latest version as the next one (unapproved, created now);
 * the caller changes it, then calls put_next.  The strings are borrowed
 * from l except the ones the caller replaces. */
static int next_of(struct tx *tx, const struct plan_versions *l, struct plan_version *next, struct err *e)
{
	const struct plan_version *last = plan_latest(l);
	if (!last)
		return err_set(e, ERR_INPUT, "緊急時対応計画がまだありません（mamori plan init で作成します）");
	*next = *last;
	next->version = last->version + 1;
	next->approved_by = 0;
	next->approved_at = NULL;
	next->created_at = tx->at;
	return tx_next_id(tx, "response_plan", &next->id, e);
}

/* Loads the versions, lets change() alter the next one, writes it. */
static int new_version(struct tx *tx, const char *kind,
		       int (*change)(struct tx *tx, struct plan_version *next, const void *arg, struct buf *keep,
				     struct err *e),
		       const void *arg, long long *version, struct err *e)
{
	struct plan_versions l;
	struct plan_version next;
	struct buf keep = BUF_INIT;
	if (plan_versions_load(tx->db, &l, e))
		return e->code;
	int rc = next_of(tx, &l, &next, e);
	if (!rc)
		rc = change(tx, &next, arg, &keep, e);
	if (!rc)
		rc = put_version(tx, &next, kind, 1, e);
	if (!rc && version)
		*version = next.version;
	buf_free(&keep);
	plan_versions_free(&l);
	return rc;
}

int plan_init(struct tx *tx, long long *version, struct err *e)
{
	struct plan_versions l;
	if (plan_versions_load(tx->db, &l, e))
		return e->code;
	size_t n = l.n;
	plan_versions_free(&l);
	if (n)
		return err_set(e, ERR_INPUT, "緊急時対応計画は既にあります（mamori plan show で確認し、plan set で変更します）");
	struct profile p;
	if (profile_load(tx->db, &p, e))
		return e->code;
	const char *self = p.self && *p.self ? p.self : "本団体";
	struct buf contacts = BUF_INIT;
	char today[11];
	time_today(today);
	plan_template_contacts(&contacts);
	struct plan_version v = {0};
	v.version = 1;
	v.contacts = (char *)buf_str(&contacts);
	v.reporting = plan_template_text("reporting", self);
	v.measures = plan_template_text("measures", self);
	v.prevention = plan_template_text("prevention", self);
	v.bcp = plan_template_text("bcp", self);
	v.reviewed_on = today; /* drawing the plan up is its first review */
	v.created_at = tx->at;
	int rc = tx_next_id(tx, "response_plan", &v.id, e);
	if (!rc)
		rc = put_version(tx, &v, "plan.init", 1, e);
	if (!rc && version)
		*version = 1;
	free(v.reporting);
	free(v.measures);
	free(v.prevention);
	free(v.bcp);
	buf_free(&contacts);
	profile_free(&p);
	return rc;
}

static int field_index(const char *field)
{
	for (size_t i = 0; i < plan_nfields; i++)
		if (strcmp(plan_field_ids[i], field) == 0)
			return (int)i;
	return -1;
}

struct set_arg {
	int field;
	const char *text;
};

static int change_field(struct tx *tx, struct plan_version *next, const void *arg, struct buf *keep,
			struct err *e)
{
	(void)tx;
	(void)e;
	const struct set_arg *a = arg;
	buf_puts(keep, a->text);
	char *text = (char *)buf_str(keep);
	char **slot[] = {&next->reporting, &next->measures, &next->prevention, &next->bcp};
	*slot[a->field] = text;
	return 0;
}

/* Whether the text has something besides white space. */
static int has_text(const char *s)
{
	const size_t wide = strlen("　");
	while (*s) {
		if (strncmp(s, "　", wide) == 0)
			s += wide;
		else if (strchr(" \t\r\n", *s))
			s++;
		else
			return 1;
	}
	return 0;
}

int plan_set(struct tx *tx, const char *field, const char *text, long long *version, struct err *e)
{
	int f = field_index(field);
	if (f < 0)
		return err_set(e, ERR_INPUT,
			       "緊急時対応計画の項目「%s」はありません（reporting: 報告すべき事項、measures: 対応措置、prevention: 再発防止措置、bcp: 業務継続計画との関係）",
			       field);
	if (strcmp(field, "bcp") != 0 && !has_text(text))
		return err_set(e, ERR_INPUT, "%sは緊急時対応計画に必ず書く事項です（空にはできません）", plan_field_labels[f]);
	if (strlen(text) > PLAN_TEXT_MAX)
		return err_set(e, ERR_INPUT, "%sが長すぎます（%d バイトまで）", plan_field_labels[f], PLAN_TEXT_MAX);
	struct set_arg a = {f, text};
	return new_version(tx, "plan.set", change_field, &a, version, e);
}

/* ERR_INPUT unless staff_no names a member of staff still in office. */
static int staff_in_office(struct db *db, const char *staff_no, struct err *e)
{
	struct staff s;
	int found;
	char today[11];
	if (staff_find(db, staff_no, &s, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "職員番号「%s」の職員はいません", staff_no);
	time_today(today);
	int left = s.left_on && strcmp(s.left_on, today) <= 0;
	staff_free(&s);
	return left ? err_set(e, ERR_INPUT, "職員番号「%s」の職員は離任しています", staff_no) : 0;
}

struct contact_arg {
	long long remove;        /* the number of the contact to remove; 0: add `add` */
	struct plan_contact add;
};

static int change_contacts(struct tx *tx, struct plan_version *next, const void *arg, struct buf *keep,
			   struct err *e)
{
	(void)tx;
	const struct contact_arg *a = arg;
	const long long *remove = &a->remove;
	const struct plan_contact *add = &a->add;
	struct plan_contacts l;
	if (plan_contacts_parse(next->contacts, &l, e))
		return e->code;
	int rc = 0;
	if (*remove > (long long)l.n || *remove < 0) {
		rc = err_set(e, ERR_INPUT, "連絡先 %lld 番はありません（mamori plan show で番号を確認できます）", *remove);
	} else if (*remove) {
		struct plan_contacts rest = l;
		size_t i = (size_t)(*remove - 1);
		struct plan_contact gone = l.v[i];
		memmove(&l.v[i], &l.v[i + 1], (l.n - i - 1) * sizeof *l.v);
		rest.n = l.n - 1;
		plan_contacts_json(&rest, keep);
		l.v[l.n - 1] = gone; /* so that plan_contacts_free frees it */
	} else {
		struct plan_contacts more = {l.n + 1, xcalloc(l.n + 1, sizeof *l.v)};
		memcpy(more.v, l.v, l.n * sizeof *l.v);
		more.v[l.n] = *add;
		plan_contacts_json(&more, keep);
		free(more.v);
	}
	if (!rc)
		next->contacts = (char *)buf_str(keep);
	plan_contacts_free(&l);
	return rc;
}

static int check_contact(struct db *db, const struct plan_contact *c, struct err *e)
{
	const char *f[] = {c->party, c->person, c->phone, c->email, c->note, c->staff_no};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (strlen(f[i]) > 1000)
			return err_set(e, ERR_INPUT, "連絡先の項目が長すぎます（1000 バイトまで）");
	if (!has_text(c->party))
		return err_set(e, ERR_INPUT, "連絡先の相手先（--party）を指定してください");
	if (!*c->phone && !*c->email && !*c->staff_no)
		return err_set(e, ERR_INPUT, "連絡先には電話番号（--phone）、メール（--email）、職員番号（--staff）のいずれかが必要です");
	return *c->staff_no ? staff_in_office(db, c->staff_no, e) : 0;
}

int plan_contact_add(struct tx *tx, const struct plan_contact *c, long long *version, struct err *e)
{
	if (check_contact(tx->db, c, e))
		return e->code;
	struct contact_arg a = {0, *c};
	return new_version(tx, "plan.contact_add", change_contacts, &a, version, e);
}

static int change_all_contacts(struct tx *tx, struct plan_version *next, const void *arg, struct buf *keep,
			       struct err *e)
{
	(void)tx;
	(void)e;
	plan_contacts_json(arg, keep);
	next->contacts = (char *)buf_str(keep);
	return 0;
}

int plan_contacts_replace(struct tx *tx, const struct plan_contacts *l, long long *version, struct err *e)
{
	for (size_t i = 0; i < l->n; i++)
		if (check_contact(tx->db, &l->v[i], e))
			return err_prefix(e, "連絡先 %zu 番: ", i + 1);
	return new_version(tx, "plan.contacts", change_all_contacts, l, version, e);
}

int plan_contact_remove(struct tx *tx, long long index, long long *version, struct err *e)
{
	if (index <= 0)
		return err_set(e, ERR_INPUT, "連絡先の番号は 1 以上の数字です（mamori plan show で確認できます）");
	struct contact_arg a = {index, {"", "", "", "", "", ""}};
	return new_version(tx, "plan.contact_remove", change_contacts, &a, version, e);
}

static int change_review(struct tx *tx, struct plan_version *next, const void *arg, struct buf *keep,
			 struct err *e)
{
	(void)tx;
	(void)e;
	buf_puts(keep, arg);
	next->reviewed_on = (char *)buf_str(keep);
	return 0;
}

int plan_review(struct tx *tx, const char *date, long long *version, struct err *e)
{
	char ymd[11], today[11];
	if (date_parse(date, ymd, e))
		return e->code;
	time_today(today);
	if (strcmp(ymd, today) > 0)
		return err_set(e, ERR_INPUT, "見直し日 %s は未来の日付です（見直した日を指定してください）", ymd);
	return new_version(tx, "plan.review", change_review, ymd, version, e);
}

static int ciso_check(struct db *db, const char *staff_no, long long *staff_id, struct err *e)
{
	struct staff s;
	int found;
	struct role_assignments roles;
	if (!staff_no)
		return err_set(e, ERR_INPUT, "決裁する CISO を --as 職員番号 で指定してください");
	if (staff_find(db, staff_no, &s, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "職員番号「%s」の職員はいません", staff_no);
	*staff_id = s.id;
	staff_free(&s);
	if (role_load(db, 1, &roles, e))
		return e->code;
	int holds = 0;
	for (size_t i = 0; i < roles.n; i++)
		holds |= roles.v[i].staff_id == *staff_id && strcmp(roles.v[i].role, "ciso") == 0;
	role_assignments_free(&roles);
	return holds ? 0
		     : err_set(e, ERR_INPUT, "職員「%s」は CISO ではないため、緊急時対応計画を決裁できません", staff_no);
}

int plan_approve(struct tx *tx, long long version, const char *staff_no, struct err *e)
{
	long long staff_id = 0;
	struct plan_versions l;
	if (ciso_check(tx->db, staff_no, &staff_id, e) || plan_versions_load(tx->db, &l, e))
		return e->code;
	const struct plan_version *v = plan_by_version(&l, version), *last = plan_latest(&l);
	int rc;
	if (!v) {
		rc = err_set(e, ERR_INPUT, "緊急時対応計画の第%lld版はありません（mamori plan list で確認できます）", version);
	} else if (v != last) {
		rc = err_set(e, ERR_INPUT, "第%lld版は最新版ではありません（最新は第%lld版です）", version, last->version);
	} else if (v->approved_by) {
		rc = err_set(e, ERR_INPUT, "緊急時対応計画の第%lld版は %s に決裁済みです", version, v->approved_at);
	} else {
		struct plan_version a = *v;
		a.approved_by = staff_id;
		a.approved_at = tx->at;
		rc = put_version(tx, &a, "plan.approve", 0, e);
	}
	plan_versions_free(&l);
	return rc;
}
