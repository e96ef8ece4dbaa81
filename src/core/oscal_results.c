/*
 * oscal_results.c — self-inspection campaigns and audits as OSCAL
 * assessment results (oscal_results.h).
 *
 * The document has one result.  Its subject is the campaign or the audit
 * itself, defined as a component of the result (type process-procedure)
 * that every observation names; its reviewed controls are the clauses
 * asked or audited; the assessment plan it imports is a back-matter
 * resource naming the campaign or audit, since mamori keeps no separate
 * OSCAL plan.  Times are the stored instants (UTC, "Z"); a date alone is
 * midnight in Japan ("+09:00").
 */
#include "core/oscal_results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/catalog_oscal.h"
#include "core/rows.h"
#include "util/json.h"

#define MAMORI_NS "urn:mamori:oscal"

/* What one document is about, and the writer. */
struct doc {
	struct json_writer w;
	char kind[16];       /* "campaign" | "audit" */
	char no[64];
	char subject_uuid[37];
	char *last;          /* the latest instant seen: last-modified, collected */
	struct catalog cat;
};

static void uuid_of(const struct doc *d, const char *what, const char *key, char out[37])
{
	char name[512];
	snprintf(name, sizeof name, "ar/%s/%s/%s/%s", d->kind, d->no, what, key ? key : "");
	catalog_oscal_uuid(name, out);
}

/* "2026-06-01" → "2026-06-01T00:00:00+09:00"; an instant stays as it is. */
static void time_of(const char *s, char out[40])
{
	if (s && strlen(s) == 10)
		snprintf(out, 40, "%sT00:00:00+09:00", s);
	else
		snprintf(out, 40, "%s", s ? s : "2000-01-01T00:00:00Z");
}

static void seen(struct doc *d, const char *instant)
{
	if (instant && strlen(instant) > 10 && (!d->last || strcmp(instant, d->last) > 0)) {
		free(d->last);
		d->last = xstrdup(instant);
	}
}

static void prop(struct json_writer *w, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	jw_object_begin(w);
	jw_kv_string(w, "name", name);
	jw_kv_string(w, "ns", MAMORI_NS);
	jw_kv_string(w, "value", value);
	jw_object_end(w);
}

static void prop_int(struct json_writer *w, const char *name, long long v)
{
	char n[24];
	fmt_int(v, n);
	prop(w, name, n);
}

static const char *clause_title(const struct doc *d, const char *clause)
{
	const struct catalog_entry *en = catalog_find(&d->cat, clause);
	return en && en->title ? en->title : "";
}

static void control_id(const char *clause, char out[64])
{
	catalog_oscal_control_id(clause, out, 64);
}

/* ---- the frame shared by both kinds ---- */

static void begin(struct doc *d, const char *title, const char *version)
{
	char uuid[37], plan[37];
	struct json_writer *w = &d->w;
	uuid_of(d, "document", NULL, uuid);
	uuid_of(d, "plan", NULL, plan);
	jw_object_begin(w);
	jw_key(w, "assessment-results");
	jw_object_begin(w);
	jw_kv_string(w, "uuid", uuid);
	jw_key(w, "metadata");
	jw_object_begin(w);
	jw_kv_string(w, "title", title);
	char t[40];
	time_of(d->last, t);
	jw_kv_string(w, "last-modified", t);
	jw_kv_string(w, "version", version ? version : d->no);
	jw_kv_string(w, "oscal-version", OSCAL_RESULTS_VERSION);
	jw_object_end(w);
	char href[40];
	snprintf(href, sizeof href, "#%s", plan);
	jw_key(w, "import-ap");
	jw_object_begin(w);
	jw_kv_string(w, "href", href);
	jw_object_end(w);
	jw_key(w, "results");
	jw_array_begin(w);
}

static void end(struct doc *d, const char *plan_title, const char *plan_text)
{
	char plan[37];
	struct json_writer *w = &d->w;
	uuid_of(d, "plan", NULL, plan);
	jw_array_end(w); /* results */
	jw_key(w, "back-matter");
	jw_object_begin(w);
	jw_key(w, "resources");
	jw_array_begin(w);
	jw_object_begin(w);
	jw_kv_string(w, "uuid", plan);
	jw_kv_string(w, "title", plan_title);
	jw_kv_string(w, "description", plan_text);
	jw_object_end(w);
	jw_array_end(w);
	jw_object_end(w);
	jw_object_end(w); /* assessment-results */
	jw_object_end(w);
	buf_putc(w->b, '\n');
}

/* Opens the result: title, times, the subject component, reviewed controls. */
static void result_begin(struct doc *d, const char *title, const char *description, const char *start,
			 const char *finish, const char *subject_title, char **clauses, size_t nclauses)
{
	struct json_writer *w = &d->w;
	char uuid[37], t[40];
	uuid_of(d, "result", NULL, uuid);
	uuid_of(d, "subject", NULL, d->subject_uuid);
	jw_object_begin(w);
	jw_kv_string(w, "uuid", uuid);
	jw_kv_string(w, "title", title);
	jw_kv_string(w, "description", description);
	time_of(start, t);
	jw_kv_string(w, "start", t);
	if (finish) {
		time_of(finish, t);
		jw_kv_string(w, "end", t);
	}
	jw_key(w, "local-definitions");
	jw_object_begin(w);
	jw_key(w, "components");
	jw_array_begin(w);
	jw_object_begin(w);
	jw_kv_string(w, "uuid", d->subject_uuid);
	jw_kv_string(w, "type", "process-procedure");
	jw_kv_string(w, "title", subject_title);
	jw_kv_string(w, "description", description);
	jw_key(w, "status");
	jw_object_begin(w);
	jw_kv_string(w, "state", "operational");
	jw_object_end(w);
	jw_object_end(w);
	jw_array_end(w);
	jw_object_end(w);
	jw_key(w, "reviewed-controls");
	jw_object_begin(w);
	jw_key(w, "control-selections");
	jw_array_begin(w);
	jw_object_begin(w);
	if (!nclauses) {
		jw_kv_string(w, "description", "対象の条項はありません");
	} else {
		jw_key(w, "include-controls");
		jw_array_begin(w);
		for (size_t i = 0; i < nclauses; i++) {
			char id[64];
			control_id(clauses[i], id);
			jw_object_begin(w);
			jw_kv_string(w, "control-id", id);
			jw_object_end(w);
		}
		jw_array_end(w);
	}
	jw_object_end(w);
	jw_array_end(w);
	jw_object_end(w);
}

static void subjects(struct doc *d, const char *title)
{
	struct json_writer *w = &d->w;
	jw_key(w, "subjects");
	jw_array_begin(w);
	jw_object_begin(w);
	jw_kv_string(w, "subject-uuid", d->subject_uuid);
	jw_kv_string(w, "type", "component");
	jw_kv_string(w, "title", title);
	jw_object_end(w);
	jw_array_end(w);
}

/* A finding on one control, pointing at the observation it rests on. */
static void finding(struct doc *d, const char *key, const char *title, const char *description, const char *clause,
		    int satisfied, const char *obs_uuid)
{
	struct json_writer *w = &d->w;
	char uuid[37], id[64];
	uuid_of(d, "finding", key, uuid);
	control_id(clause, id);
	jw_object_begin(w);
	jw_kv_string(w, "uuid", uuid);
	jw_kv_string(w, "title", title);
	jw_kv_string(w, "description", description);
	jw_key(w, "target");
	jw_object_begin(w);
	jw_kv_string(w, "type", "objective-id");
	jw_kv_string(w, "target-id", id);
	jw_key(w, "status");
	jw_object_begin(w);
	jw_kv_string(w, "state", satisfied ? "satisfied" : "not-satisfied");
	jw_object_end(w);
	jw_object_end(w);
	jw_key(w, "related-observations");
	jw_array_begin(w);
	jw_object_begin(w);
	jw_kv_string(w, "observation-uuid", obs_uuid);
	jw_object_end(w);
	jw_array_end(w);
	jw_object_end(w);
}

/* ---- a self-inspection campaign ---- */

struct clause_count {
	char *clause;
	long long n[4]; /* done, partial, not_done, na */
};

struct campaign_data {
	long long id;
	char *no, *title, *state, *opens_on, *due_on, *created_at, *closed_at;
	long long respondents, submitted;
	struct clause_count *v;
	size_t n;
};

static int answer_index(const char *a)
{
	static const char *const ids[] = {"done", "partial", "not_done", "na"};
	for (int i = 0; a && i < 4; i++)
		if (strcmp(a, ids[i]) == 0)
			return i;
	return -1;
}

static int campaign_load(struct db *db, const char *no, struct campaign_data *c, struct doc *d, struct err *e)
{
	struct db_stmt *st;
	memset(c, 0, sizeof *c);
	if (db_prepare(db,
		       "SELECT id, campaign_no, title, state, opens_on, due_on, created_at, closed_at, opened_at"
		       " FROM inspect_campaign WHERE campaign_no = ?",
		       &st, e))
		return e->code;
	db_bind_text(st, 1, no);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		c->id = db_column_int(st, 0);
		c->no = col_dup(st, 1);
		c->title = col_dup(st, 2);
		c->state = col_dup(st, 3);
		c->opens_on = col_dup(st, 4);
		c->due_on = col_dup(st, 5);
		c->created_at = col_dup(st, 6);
		c->closed_at = col_dup(st, 7);
		seen(d, c->created_at);
		seen(d, c->closed_at);
		seen(d, db_column_text(st, 8));
	}
	db_finalize(st);
	if (rc < 0)
		return e->code;
	if (rc != DB_ROW)
		return err_set(e, ERR_INPUT, "自己点検「%s」はありません（mamori inspect list で確認できます）", no);
	char id[24];
	fmt_int(c->id, id);
	if (db_query_int(db, "SELECT COUNT(*) FROM inspect_respondent WHERE campaign_id = CAST(? AS INTEGER)", id,
			 &c->respondents, e) ||
	    db_query_int(db,
			 "SELECT COUNT(*) FROM inspect_respondent WHERE campaign_id = CAST(? AS INTEGER)"
			 " AND submitted_at IS NOT NULL",
			 id, &c->submitted, e))
		return e->code;
	/* every clause asked, in the order asked, with the submitted answers */
	if (db_prepare(db,
		       "SELECT q.clause, a.answer, COUNT(a.id), MAX(a.answered_at), MIN(q.role), MIN(q.seq)"
		       " FROM inspect_question q"
		       " LEFT JOIN inspect_answer a ON a.question_id = q.id AND a.respondent_id IN"
		       " (SELECT r.id FROM inspect_respondent r WHERE r.campaign_id = q.campaign_id AND r.submitted_at IS NOT NULL)"
		       " WHERE q.campaign_id = ? GROUP BY q.clause, a.answer ORDER BY q.clause, a.answer",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, c->id);
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *clause = db_column_text(st, 0);
		if (!c->n || strcmp(c->v[c->n - 1].clause, clause) != 0) {
			c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
			memset(&c->v[c->n], 0, sizeof *c->v);
			c->v[c->n++].clause = xstrdup(clause);
		}
		int k = answer_index(db_column_text(st, 1));
		if (k >= 0)
			c->v[c->n - 1].n[k] += db_column_int(st, 2);
		seen(d, db_column_text(st, 3));
	}
	db_finalize(st);
	return rc < 0 ? e->code : 0;
}

static void campaign_free(struct campaign_data *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].clause);
	free(c->v);
	free(c->no);
	free(c->title);
	free(c->state);
	free(c->opens_on);
	free(c->due_on);
	free(c->created_at);
	free(c->closed_at);
}

static void campaign_write(struct doc *d, const struct campaign_data *c)
{
	struct json_writer *w = &d->w;
	char title[512], desc[512], subject[256];
	snprintf(title, sizeof title, "自己点検 %s %s の結果", c->no, c->title);
	snprintf(desc, sizeof desc, "%s（%s〜%s）：対象者 %lld 人、提出 %lld 人。提出された回答を条項ごとに数えたもの。",
		 c->title, c->opens_on, c->due_on, c->respondents, c->submitted);
	snprintf(subject, sizeof subject, "自己点検 %s", c->no);
	begin(d, title, d->last);
	char **clauses = xcalloc(c->n + 1, sizeof *clauses);
	for (size_t i = 0; i < c->n; i++)
		clauses[i] = c->v[i].clause;
	result_begin(d, title, desc, c->opens_on, c->closed_at, subject, clauses, c->n);
	free(clauses);
	jw_key(w, "props");
	jw_array_begin(w);
	prop_int(w, "respondents", c->respondents);
	prop_int(w, "submitted", c->submitted);
	prop(w, "campaign-state", c->state);
	jw_array_end(w);
	char t[40];
	time_of(d->last, t);
	if (c->n) {
		jw_key(w, "observations");
		jw_array_begin(w);
		for (size_t i = 0; i < c->n; i++) {
			const struct clause_count *q = &c->v[i];
			char uuid[37], otitle[256], odesc[256];
			uuid_of(d, "observation", q->clause, uuid);
			snprintf(otitle, sizeof otitle, "%s %s", q->clause, clause_title(d, q->clause));
			snprintf(odesc, sizeof odesc, "実施 %lld、一部実施 %lld、未実施 %lld、該当なし %lld", q->n[0], q->n[1],
				 q->n[2], q->n[3]);
			jw_object_begin(w);
			jw_kv_string(w, "uuid", uuid);
			jw_kv_string(w, "title", otitle);
			jw_kv_string(w, "description", odesc);
			jw_key(w, "props");
			jw_array_begin(w);
			prop(w, "clause", q->clause);
			prop_int(w, "answers-done", q->n[0]);
			prop_int(w, "answers-partial", q->n[1]);
			prop_int(w, "answers-not-done", q->n[2]);
			prop_int(w, "answers-not-applicable", q->n[3]);
			jw_array_end(w);
			jw_key(w, "methods");
			jw_array_begin(w);
			jw_string(w, "INTERVIEW");
			jw_array_end(w);
			jw_key(w, "types");
			jw_array_begin(w);
			jw_string(w, "control-objective");
			jw_array_end(w);
			subjects(d, subject);
			jw_kv_string(w, "collected", t);
			jw_object_end(w);
		}
		jw_array_end(w);
	}
	int any = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct clause_count *q = &c->v[i];
		if (q->n[0] + q->n[1] + q->n[2] == 0)
			continue; /* nothing answered, or only 該当なし: no conclusion */
		if (!any) {
			jw_key(w, "findings");
			jw_array_begin(w);
			any = 1;
		}
		char obs[37], ftitle[256], fdesc[256];
		uuid_of(d, "observation", q->clause, obs);
		double rate = 100.0 * ((double)q->n[0] + (double)q->n[1] / 2.0) / (double)(q->n[0] + q->n[1] + q->n[2]);
		snprintf(ftitle, sizeof ftitle, "%s %s", q->clause, clause_title(d, q->clause));
		snprintf(fdesc, sizeof fdesc, "実施率 %.1f%%（実施 %lld、一部実施 %lld、未実施 %lld）", rate, q->n[0], q->n[1],
			 q->n[2]);
		finding(d, q->clause, ftitle, fdesc, q->clause, q->n[1] + q->n[2] == 0, obs);
	}
	if (any)
		jw_array_end(w);
	jw_object_end(w); /* result */
	end(d, subject, desc);
}

static int doc_begin(struct doc *d, const char *kind, const char *no, struct buf *out, struct err *e)
{
	memset(d, 0, sizeof *d);
	jw_init(&d->w, out);
	snprintf(d->kind, sizeof d->kind, "%s", kind);
	snprintf(d->no, sizeof d->no, "%s", no);
	return catalog_load(&d->cat, e);
}

static void doc_free(struct doc *d)
{
	catalog_free(&d->cat);
	free(d->last);
}

int oscal_results_campaign(struct db *db, const char *no, struct buf *out, struct err *e)
{
	struct doc d;
	struct campaign_data c;
	struct buf b = BUF_INIT;
	if (!no || !*no)
		return err_set(e, ERR_INPUT, "自己点検の番号を --campaign で指定してください");
	if (doc_begin(&d, "campaign", no, &b, e))
		return e->code;
	int rc = campaign_load(db, no, &c, &d, e);
	if (!rc) {
		campaign_write(&d, &c);
		buf_append(out, b.data, b.len);
	}
	campaign_free(&c);
	doc_free(&d);
	buf_free(&b);
	return rc;
}

/* ---- an audit ---- */

struct item {
	long long id;
	char *clause, *method, *result, *note;
};

struct afinding {
	char *no, *clause, *severity, *description, *state, *created_at;
};

struct evidence {
	long long item_id;
	char *filename, *sha256, *kind;
};

struct audit_data {
	long long id;
	char *no, *title, *state, *target, *starts_on, *ends_on, *conclusion, *created_at, *closed_at;
	struct item *items;
	size_t nitems;
	struct afinding *findings;
	size_t nfindings;
	struct evidence *ev;
	size_t nev;
};

static void read_item(struct db_stmt *st, void *elem)
{
	struct item *it = elem;
	it->id = db_column_int(st, 0);
	it->clause = col_dup(st, 1);
	it->method = col_dup(st, 2);
	it->result = col_dup(st, 3);
	it->note = col_dup(st, 4);
}

static void read_afinding(struct db_stmt *st, void *elem)
{
	struct afinding *f = elem;
	f->no = col_dup(st, 0);
	f->clause = col_dup(st, 1);
	f->severity = col_dup(st, 2);
	f->description = col_dup(st, 3);
	f->state = col_dup(st, 4);
	f->created_at = col_dup(st, 5);
}

static void read_evidence(struct db_stmt *st, void *elem)
{
	struct evidence *v = elem;
	v->item_id = col_id(st, 0);
	v->filename = col_dup(st, 1);
	v->sha256 = col_dup(st, 2);
	v->kind = col_dup(st, 3);
}

static int audit_load_data(struct db *db, const char *no, struct audit_data *a, struct doc *d, struct err *e)
{
	struct db_stmt *st;
	memset(a, 0, sizeof *a);
	if (db_prepare(db,
		       "SELECT a.id, a.audit_no, a.title, a.state, COALESCE(u.name, s.name, a.contractor, ''), a.starts_on,"
		       " a.ends_on, a.conclusion, a.created_at, a.closed_at FROM audit a"
		       " LEFT JOIN org_unit u ON u.id = a.unit_id LEFT JOIN info_system s ON s.id = a.system_id"
		       " WHERE a.audit_no = ?",
		       &st, e))
		return e->code;
	db_bind_text(st, 1, no);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		a->id = db_column_int(st, 0);
		a->no = col_dup(st, 1);
		a->title = col_dup(st, 2);
		a->state = col_dup(st, 3);
		a->target = col_dup(st, 4);
		a->starts_on = col_dup(st, 5);
		a->ends_on = col_dup(st, 6);
		a->conclusion = col_dup(st, 7);
		a->created_at = col_dup(st, 8);
		a->closed_at = col_dup(st, 9);
		seen(d, a->created_at);
		seen(d, a->closed_at);
	}
	db_finalize(st);
	if (rc < 0)
		return e->code;
	if (rc != DB_ROW)
		return err_set(e, ERR_INPUT, "監査「%s」はありません（mamori audit list で確認できます）", no);
	if (rows_load_for(db, "SELECT id, clause, method, result, note FROM audit_item WHERE audit_id = ? ORDER BY clause, id",
			  a->id, sizeof *a->items, read_item, (void **)&a->items, &a->nitems, e) ||
	    rows_load_for(db,
			  "SELECT finding_no, clause, severity, description, state, created_at FROM audit_finding"
			  " WHERE audit_id = ? ORDER BY finding_no",
			  a->id, sizeof *a->findings, read_afinding, (void **)&a->findings, &a->nfindings, e) ||
	    rows_load_for(db,
			  "SELECT item_id, filename, sha256, kind FROM audit_evidence WHERE audit_id = ? ORDER BY id", a->id,
			  sizeof *a->ev, read_evidence, (void **)&a->ev, &a->nev, e))
		return e->code;
	for (size_t i = 0; i < a->nfindings; i++)
		seen(d, a->findings[i].created_at);
	return 0;
}

static void audit_data_free(struct audit_data *a)
{
	for (size_t i = 0; i < a->nitems; i++) {
		free(a->items[i].clause);
		free(a->items[i].method);
		free(a->items[i].result);
		free(a->items[i].note);
	}
	for (size_t i = 0; i < a->nfindings; i++) {
		free(a->findings[i].no);
		free(a->findings[i].clause);
		free(a->findings[i].severity);
		free(a->findings[i].description);
		free(a->findings[i].state);
		free(a->findings[i].created_at);
	}
	for (size_t i = 0; i < a->nev; i++) {
		free(a->ev[i].filename);
		free(a->ev[i].sha256);
		free(a->ev[i].kind);
	}
	free(a->items);
	free(a->findings);
	free(a->ev);
	char *f[] = {a->no, a->title, a->state, a->target, a->starts_on, a->ends_on, a->conclusion, a->created_at,
		     a->closed_at};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(f[i]);
}

static const char *result_label(const char *r)
{
	static const char *const ids[] = {"conform", "nonconform", "observation", "na"};
	static const char *const labels[] = {"適合", "不適合", "所見", "該当なし"};
	for (int i = 0; r && i < 4; i++)
		if (strcmp(r, ids[i]) == 0)
			return labels[i];
	return r ? r : "未評価";
}

static void evidence_list(struct doc *d, const struct audit_data *a, long long item_id)
{
	struct json_writer *w = &d->w;
	int any = 0;
	for (size_t i = 0; i < a->nev; i++) {
		const struct evidence *v = &a->ev[i];
		if (v->item_id != item_id)
			continue;
		if (!any) {
			jw_key(w, "relevant-evidence");
			jw_array_begin(w);
			any = 1;
		}
		char desc[512];
		snprintf(desc, sizeof desc, "%s（SHA-256 %s）", v->filename, v->sha256);
		jw_object_begin(w);
		jw_kv_string(w, "description", desc);
		jw_key(w, "props");
		jw_array_begin(w);
		prop(w, "sha256", v->sha256);
		prop(w, "evidence-kind", v->kind);
		jw_array_end(w);
		jw_object_end(w);
	}
	if (any)
		jw_array_end(w);
}

static void observation(struct doc *d, const char *key, const char *title, const char *desc, const char *type,
			const char *subject, const char *collected)
{
	struct json_writer *w = &d->w;
	char uuid[37];
	uuid_of(d, "observation", key, uuid);
	jw_kv_string(w, "uuid", uuid);
	jw_kv_string(w, "title", title);
	jw_kv_string(w, "description", desc);
	jw_key(w, "methods");
	jw_array_begin(w);
	jw_string(w, "EXAMINE");
	jw_array_end(w);
	jw_key(w, "types");
	jw_array_begin(w);
	jw_string(w, type);
	jw_array_end(w);
	subjects(d, subject);
	jw_kv_string(w, "collected", collected);
}

static void audit_write(struct doc *d, const struct audit_data *a)
{
	struct json_writer *w = &d->w;
	char title[512], desc[1024], subject[256], t[40];
	snprintf(title, sizeof title, "監査 %s %s の結果", a->no, a->title);
	snprintf(desc, sizeof desc, "%s（対象 %s）%s%s", a->title, *a->target ? a->target : "未設定",
		 a->conclusion ? "：" : "", a->conclusion ? a->conclusion : "");
	snprintf(subject, sizeof subject, "監査 %s", a->no);
	time_of(d->last, t);
	begin(d, title, d->last);
	char **clauses = xcalloc(a->nitems + 1, sizeof *clauses);
	for (size_t i = 0; i < a->nitems; i++)
		clauses[i] = a->items[i].clause;
	result_begin(d, title, desc, a->starts_on ? a->starts_on : a->created_at, a->closed_at, subject, clauses,
		     a->nitems);
	free(clauses);
	if (a->nitems + a->nfindings) {
		jw_key(w, "observations");
		jw_array_begin(w);
		for (size_t i = 0; i < a->nitems; i++) {
			const struct item *it = &a->items[i];
			char otitle[256], odesc[1024];
			snprintf(otitle, sizeof otitle, "%s %s", it->clause, clause_title(d, it->clause));
			snprintf(odesc, sizeof odesc, "結果：%s%s%s", result_label(it->result), it->note ? "。" : "",
				 it->note ? it->note : "");
			jw_object_begin(w);
			observation(d, it->clause, otitle, odesc, "control-objective", subject, t);
			jw_key(w, "props");
			jw_array_begin(w);
			prop(w, "clause", it->clause);
			prop(w, "result", it->result ? it->result : "none");
			jw_array_end(w);
			evidence_list(d, a, it->id);
			jw_object_end(w);
		}
		for (size_t i = 0; i < a->nfindings; i++) {
			const struct afinding *f = &a->findings[i];
			char otime[40];
			time_of(f->created_at, otime);
			jw_object_begin(w);
			observation(d, f->no, f->no, f->description, "finding", subject, otime);
			jw_key(w, "props");
			jw_array_begin(w);
			prop(w, "finding-no", f->no);
			prop(w, "severity", f->severity);
			prop(w, "finding-state", f->state);
			jw_array_end(w);
			jw_object_end(w);
		}
		jw_array_end(w);
	}
	int any = 0;
	for (size_t i = 0; i < a->nitems; i++) {
		const struct item *it = &a->items[i];
		int conform = it->result && strcmp(it->result, "conform") == 0;
		int nonconform = it->result && strcmp(it->result, "nonconform") == 0;
		int observed = it->result && strcmp(it->result, "observation") == 0;
		if (!conform && !nonconform && !observed)
			continue;
		if (!any) {
			jw_key(w, "findings");
			jw_array_begin(w);
			any = 1;
		}
		char obs[37], ftitle[256], fdesc[512];
		uuid_of(d, "observation", it->clause, obs);
		snprintf(ftitle, sizeof ftitle, "%s %s", it->clause, clause_title(d, it->clause));
		snprintf(fdesc, sizeof fdesc, "監査の結果：%s", result_label(it->result));
		finding(d, it->clause, ftitle, fdesc, it->clause, !nonconform, obs);
	}
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct afinding *f = &a->findings[i];
		if (!f->clause || !*f->clause)
			continue;
		if (!any) {
			jw_key(w, "findings");
			jw_array_begin(w);
			any = 1;
		}
		char obs[37];
		uuid_of(d, "observation", f->no, obs);
		finding(d, f->no, f->no, f->description, f->clause, 0, obs);
	}
	if (any)
		jw_array_end(w);
	jw_object_end(w); /* result */
	end(d, subject, desc);
}

int oscal_results_audit(struct db *db, const char *no, struct buf *out, struct err *e)
{
	struct doc d;
	struct audit_data a;
	struct buf b = BUF_INIT;
	if (!no || !*no)
		return err_set(e, ERR_INPUT, "監査の番号を --audit で指定してください");
	if (doc_begin(&d, "audit", no, &b, e))
		return e->code;
	int rc = audit_load_data(db, no, &a, &d, e);
	if (!rc) {
		audit_write(&d, &a);
		buf_append(out, b.data, b.len);
	}
	audit_data_free(&a);
	doc_free(&d);
	buf_free(&b);
	return rc;
}
