/*
 * inspect_create.c — making a 自己点検 campaign: checking what was asked
 * for, numbering it within its 年度, copying the catalog's questions for
 * the chosen roles and clauses, and fixing who is asked.
 *
 * Respondents: for role staff, every current member of staff in the chosen
 * units; for any other role, its current holders.  A unit-scoped role
 * (部局 or 課) is asked when its unit and a chosen unit overlap; an
 * organisation-wide role (統括, CISO …) is always asked, whatever units
 * were chosen, since it answers for the whole organisation.  Each
 * respondent's unit is the 課 (or the unit above the 係) they belong to,
 * so results count by 課.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/catalog.h"
#include "core/inspect_internal.h"
#include "core/org.h"
#include "core/profile.h"
#include "core/role.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/timeutil.h"

#define MAX_LIST 64

struct plan {
	char title[512];
	char opens[11], due[11];
	int fy;
	const char *roles[MAX_LIST];
	size_t nroles;
	char *clause_buf;
	const char *clauses[MAX_LIST];
	size_t nclauses;
	long long units[MAX_LIST];
	size_t nunits;
};

/* Splits a comma-separated list in place (also 、 and spaces); returns the count. */
static size_t split(char *s, const char **out, size_t max)
{
	size_t n = 0;
	for (char *p = s; *p; p++)
		if (*p == ' ')
			*p = ',';
	char *save = NULL;
	for (char *t = strtok_r(s, ",", &save); t && n < max; t = strtok_r(NULL, ",", &save))
		out[n++] = t;
	return n;
}

int inspect_role_has_questions(const struct catalog *cat, const char *role)
{
	for (size_t i = 0; i < cat->n; i++) {
		const cJSON *q;
		cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(cat->v[i].json, "questions"))
		{
			const cJSON *r = cJSON_GetObjectItemCaseSensitive(q, "role");
			if (cJSON_IsString(r) && strcmp(r->valuestring, role) == 0)
				return 1;
		}
	}
	return 0;
}

static int check_roles(const struct catalog *cat, const char *text, struct plan *p, struct err *e)
{
	if (!text || !*text)
		return err_set(e, ERR_INPUT, "点検する役割を指定してください（--roles staff,manager,system_admin など）");
	char *copy = xstrdup(text);
	const char *words[MAX_LIST];
	size_t n = split(copy, words, MAX_LIST);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct vocab_entry *v = vocab_find(&vocab_role, words[i]);
		if (!v)
			rc = err_set(e, ERR_INPUT, "役割「%s」は知りません（staff、manager、system_admin、chief_officer など）",
				     words[i]);
		else if (!inspect_role_has_questions(cat, v->id))
			rc = err_set(e, ERR_INPUT, "役割「%s」にはカタログの点検項目がありません", v->label);
		else {
			int dup = 0;
			for (size_t k = 0; k < p->nroles; k++)
				dup |= strcmp(p->roles[k], v->id) == 0;
			if (!dup)
				p->roles[p->nroles++] = v->id;
		}
	}
	free(copy);
	if (!rc && p->nroles == 0)
		rc = err_set(e, ERR_INPUT, "点検する役割を指定してください（--roles）");
	return rc;
}

/* A clause id under a prefix: the same id, or one of its sub-clauses. */
static int under(const char *id, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(id, prefix, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

static int clause_chosen(const struct plan *p, const char *id)
{
	if (p->nclauses == 0)
		return 1;
	for (size_t i = 0; i < p->nclauses; i++)
		if (under(id, p->clauses[i]))
			return 1;
	return 0;
}

static int check_clauses(const struct catalog *cat, const char *text, struct plan *p, struct err *e)
{
	if (!text || !*text)
		return 0;
	p->clause_buf = xstrdup(text);
	p->nclauses = split(p->clause_buf, p->clauses, MAX_LIST);
	for (size_t i = 0; i < p->nclauses; i++) {
		int found = 0;
		for (size_t k = 0; k < cat->n && !found; k++)
			found = under(cat->v[k].id, p->clauses[i]);
		if (!found)
			return err_set(e, ERR_INPUT, "条項「%s」はカタログにありません（--clauses には条項番号か章番号を書きます）",
				       p->clauses[i]);
	}
	return 0;
}

static int check_units(const struct org_units *units, const char *text, struct plan *p, struct err *e)
{
	if (!text || !*text)
		return 0;
	char *copy = xstrdup(text);
	const char *words[MAX_LIST];
	size_t n = split(copy, words, MAX_LIST);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct org_unit *u;
		if (org_unit_resolve(units, words[i], &u, e))
			rc = err_prefix(e, "対象の課（--units）");
		else
			p->units[p->nunits++] = u->id;
	}
	free(copy);
	return rc;
}

static int check_basics(const struct inspect_new *in, struct plan *p, struct err *e)
{
	if (!in->title || !*in->title)
		return err_set(e, ERR_INPUT, "自己点検の名称を指定してください（--title）");
	if (strlen(in->title) >= sizeof p->title)
		return err_set(e, ERR_INPUT, "自己点検の名称が長すぎます（%zu バイトまで）", sizeof p->title - 1);
	snprintf(p->title, sizeof p->title, "%s", in->title);
	if (!in->opens_on || !*in->opens_on)
		return err_set(e, ERR_INPUT, "自己点検の開始日を指定してください（--opens YYYY-MM-DD）");
	if (date_parse(in->opens_on, p->opens, e))
		return err_prefix(e, "開始日");
	if (!in->due_on || !*in->due_on)
		return err_set(e, ERR_INPUT, "自己点検の回答期限を指定してください（--due YYYY-MM-DD）");
	if (date_parse(in->due_on, p->due, e))
		return err_prefix(e, "回答期限");
	if (strcmp(p->due, p->opens) < 0)
		return err_set(e, ERR_INPUT, "回答期限 %s が開始日 %s より前です", p->due, p->opens);
	p->fy = in->fiscal_year ? in->fiscal_year : fiscal_year(p->opens);
	if (p->fy < 2000 || p->fy > 2199)
		return err_set(e, ERR_INPUT, "年度 %d は範囲外です（2000〜2199）", p->fy);
	return 0;
}

/* "S2026-01": the next serial within the 年度. */
static int number(struct db *db, int fy, char out[32], struct err *e)
{
	char prefix[16];
	long long n;
	snprintf(prefix, sizeof prefix, "S%d-%%", fy);
	if (db_query_int(db, "SELECT COUNT(*) FROM inspect_campaign WHERE campaign_no LIKE ?", prefix, &n, e))
		return e->code;
	if (n >= 99)
		return err_set(e, ERR_INPUT, "%d年度の自己点検は 99 件までです", fy);
	snprintf(out, 32, "S%d-%02lld", fy, n + 1);
	return 0;
}

/* The chapter of a clause: the first component of its id ("6.1.2" → "6"). */
static void chapter_of(const char *id, char out[16])
{
	size_t n = strcspn(id, ".");
	if (n >= 16)
		n = 15;
	memcpy(out, id, n);
	out[n] = '\0';
}

static int put_questions(struct tx *tx, long long campaign_id, const struct plan *p, const struct catalog *cat,
			 const struct profile *prof, long long *count, struct err *e)
{
	for (size_t r = 0; r < p->nroles; r++) {
		int seq = 0;
		for (size_t i = 0; i < cat->n; i++) {
			const struct catalog_entry *en = &cat->v[i];
			if (!clause_chosen(p, en->id) || !profile_applies(prof, en))
				continue;
			const cJSON *q;
			cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(en->json, "questions"))
			{
				const cJSON *role = cJSON_GetObjectItemCaseSensitive(q, "role");
				const cJSON *text = cJSON_GetObjectItemCaseSensitive(q, "text");
				if (!cJSON_IsString(role) || !cJSON_IsString(text) || strcmp(role->valuestring, p->roles[r]))
					continue;
				long long id;
				char chapter[16];
				struct row row;
				if (tx_next_id(tx, "inspect_question", &id, e))
					return e->code;
				chapter_of(en->id, chapter);
				row_init(&row, "inspect_question");
				row_int(&row, "id", id);
				row_int(&row, "campaign_id", campaign_id);
				row_text(&row, "role", p->roles[r]);
				row_int(&row, "seq", ++seq);
				row_text(&row, "clause", en->id);
				row_text(&row, "chapter", chapter);
				row_text(&row, "text", text->valuestring);
				if (tx_put_row(tx, "inspect.question", &row, 1, e))
					return e->code;
				(*count)++;
			}
		}
	}
	return 0;
}

/* The 課 a unit counts under: itself, or the 課 above a 係. */
static long long section_of(const struct org_units *u, long long unit_id)
{
	const struct org_unit *s = org_unit_up_to_tier(u, unit_id, TIER_SECTION);
	return s ? s->id : unit_id;
}

/* A member of staff counts when their unit lies within a chosen one; a
 * 部局-level role also when a chosen 課 lies below its 部局 (overlap). */
static int unit_chosen(const struct plan *p, const struct org_units *u, long long unit_id, int overlap)
{
	if (p->nunits == 0)
		return 1;
	for (size_t i = 0; i < p->nunits; i++)
		if (unit_id && (org_unit_within(u, unit_id, p->units[i]) ||
				(overlap && org_unit_within(u, p->units[i], unit_id))))
			return 1;
	return 0;
}

struct asked {
	long long staff_id, unit_id;
};

static int add_respondent(struct tx *tx, long long campaign_id, const char *role, long long staff_id,
			  long long unit_id, struct err *e)
{
	struct inspect_respondent r = {0};
	if (tx_next_id(tx, "inspect_respondent", &r.id, e))
		return e->code;
	r.campaign_id = campaign_id;
	r.staff_id = staff_id;
	r.unit_id = unit_id;
	r.role = (char *)role;
	return inspect_put_respondent(tx, &r, 1, "inspect.respondent", e);
}

static int put_role_holders(struct tx *tx, long long campaign_id, const char *role, const struct plan *p,
			    const struct org_units *u, const struct staff_list *staff,
			    const struct role_assignments *roles, long long *count, struct err *e)
{
	long long *done = xcalloc(roles->n + 1, sizeof *done);
	size_t ndone = 0;
	int rc = 0;
	for (size_t i = 0; i < roles->n && !rc; i++) {
		const struct role_assignment *a = &roles->v[i];
		const struct staff *s = staff_by_id(staff, a->staff_id);
		if (strcmp(a->role, role) != 0 || !s)
			continue;
		int seen = 0;
		for (size_t k = 0; k < ndone; k++)
			seen |= done[k] == a->staff_id;
		long long unit = a->unit_id ? a->unit_id : s->unit_id;
		if (seen || (role_scope(role) != SCOPE_NONE && !unit_chosen(p, u, unit, 1)))
			continue;
		done[ndone++] = a->staff_id;
		rc = add_respondent(tx, campaign_id, role, a->staff_id, section_of(u, unit), e);
		(*count)++;
	}
	free(done);
	return rc;
}

static int put_respondents(struct tx *tx, long long campaign_id, const struct plan *p, long long *count,
			   struct err *e)
{
	struct org_units u;
	struct staff_list staff;
	struct role_assignments roles;
	memset(&staff, 0, sizeof staff);
	memset(&roles, 0, sizeof roles);
	int rc = org_units_load(tx->db, &u, e) || staff_load(tx->db, "left_on IS NULL", &staff, e) ||
		 role_load(tx->db, 1, &roles, e);
	for (size_t r = 0; r < p->nroles && !rc; r++) {
		if (strcmp(p->roles[r], "staff") != 0) {
			rc = put_role_holders(tx, campaign_id, p->roles[r], p, &u, &staff, &roles, count, e);
			continue;
		}
		for (size_t i = 0; i < staff.n && !rc; i++) {
			if (!unit_chosen(p, &u, staff.v[i].unit_id, 0))
				continue;
			rc = add_respondent(tx, campaign_id, "staff", staff.v[i].id, section_of(&u, staff.v[i].unit_id), e);
			(*count)++;
		}
	}
	org_units_free(&u);
	staff_list_free(&staff);
	role_assignments_free(&roles);
	return rc ? e->code : 0;
}

static int make(struct tx *tx, const struct inspect_new *in, struct plan *p, const struct catalog *cat,
		const struct profile *prof, char **campaign_no, struct err *e)
{
	struct inspect_campaign c = {0};
	char no[32];
	long long nq = 0, nr = 0;
	if (inspect_check_manager(tx->db, in->actor_no, &c.created_by, e) || number(tx->db, p->fy, no, e) ||
	    tx_next_id(tx, "inspect_campaign", &c.id, e))
		return e->code;
	c.campaign_no = no;
	c.fiscal_year = p->fy;
	c.title = p->title;
	c.state = "draft";
	c.opens_on = p->opens;
	c.due_on = p->due;
	c.created_at = tx->at;
	if (inspect_put_campaign(tx, &c, 1, "inspect.create", e))
		return e->code;
	int began;
	inspect_bulk_begin(tx, &began);
	int rc = put_questions(tx, c.id, p, cat, prof, &nq, e) || put_respondents(tx, c.id, p, &nr, e);
	if (!rc)
		rc = inspect_bulk_end(tx, began, e);
	if (rc)
		return e->code;
	if (nq == 0)
		return err_set(e, ERR_INPUT, "選んだ役割と条項に当てはまる点検項目がありません（採用していない推奨事項は除かれます）");
	if (nr == 0)
		return err_set(e, ERR_INPUT, "選んだ役割と課に当てはまる回答者がいません");
	*campaign_no = xstrdup(no);
	return 0;
}

int inspect_create(struct tx *tx, const struct inspect_new *in, char **campaign_no, struct err *e)
{
	struct plan p;
	struct catalog cat;
	struct profile prof;
	struct org_units u;
	memset(&p, 0, sizeof p);
	*campaign_no = NULL;
	if (catalog_load(&cat, e))
		return e->code;
	int rc = profile_load(tx->db, &prof, e);
	if (rc) {
		catalog_free(&cat);
		return rc;
	}
	rc = org_units_load(tx->db, &u, e);
	if (!rc) {
		rc = check_basics(in, &p, e) || check_roles(&cat, in->roles, &p, e) ||
		     check_clauses(&cat, in->clauses, &p, e) || check_units(&u, in->units, &p, e);
		org_units_free(&u);
	}
	if (!rc)
		rc = make(tx, in, &p, &cat, &prof, campaign_no, e);
	free(p.clause_buf);
	profile_free(&prof);
	catalog_free(&cat);
	return rc ? e->code : 0;
}
