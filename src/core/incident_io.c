/*
 * incident_io.c — reading incidents out: the filtered list, the data of
 * the 第一報/経過報告/最終報告, and the benchmark's bulk generation
 * (incident.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_event.h"
#include "core/case_util.h"
#include "core/classification.h"
#include "core/incident_internal.h"
#include "core/org.h"
#include "core/rows.h"
#include "util/buf.h"
#include "util/timeutil.h"

/* One "?" per element, comma-separated. */
static void placeholders(struct buf *sql, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_puts(sql, i ? ", ?" : "?");
}

/*
 * The ids of the incidents a person reported or must be told of: a UNION of
 * indexed lookups (migration 8), which SQLite and PostgreSQL both evaluate
 * once and probe by id.  An OR of the same conditions would be checked row
 * by row over the whole table.
 */
static void person_ids_sql(struct buf *sql)
{
	buf_puts(sql, "SELECT r.id FROM incident r WHERE r.reporter_id = ?"
		      " UNION SELECT n.incident_id FROM incident_notice n WHERE n.staff_id = ?");
}

/* The incidents a scoped person sees (incident.h, struct incident_scope). */
static void scope_sql(struct buf *sql, const struct incident_scope *s)
{
	buf_puts(sql, " AND i.id IN (");
	person_ids_sql(sql);
	if (s->nunits) {
		buf_puts(sql, " UNION SELECT u.id FROM incident u WHERE u.unit_id IN (");
		placeholders(sql, s->nunits);
		buf_putc(sql, ')');
	}
	if (s->nsystems) {
		buf_puts(sql, " UNION SELECT t.incident_id FROM incident_target t WHERE t.system_id IN (");
		placeholders(sql, s->nsystems);
		buf_putc(sql, ')');
	}
	buf_putc(sql, ')');
}

static int bind_scope(struct db_stmt *st, const struct incident_scope *s, int k)
{
	db_bind_int(st, k++, s->staff_id);
	db_bind_int(st, k++, s->staff_id);
	for (size_t i = 0; i < s->nunits; i++)
		db_bind_int(st, k++, s->unit_ids[i]);
	for (size_t i = 0; i < s->nsystems; i++)
		db_bind_int(st, k++, s->system_ids[i]);
	return k;
}

/* The WHERE clause of a filter, from fixed fragments only; every value is
 * bound by bind_where in the same order. */
static void where_sql(struct buf *sql, const struct incident_filter *f)
{
	buf_puts(sql, " WHERE 1 = 1");
	if (f->state)
		buf_puts(sql, " AND i.state = ?");
	if (f->category)
		buf_puts(sql, " AND i.category = ?");
	/* with a state or category the index narrows the rows first and each is
	 * probed; alone, the partial index of open notices drives the search */
	if (f->overdue && (f->state || f->category))
		buf_puts(sql, " AND EXISTS (SELECT 1 FROM incident_notice n WHERE n.incident_id = i.id"
			      " AND n.done_at IS NULL AND n.due_at < ?)");
	else if (f->overdue)
		buf_puts(sql, " AND i.id IN (SELECT n.incident_id FROM incident_notice n"
			      " WHERE n.done_at IS NULL AND n.due_at < ?)");
	if (f->mine) {
		buf_puts(sql, " AND i.id IN (");
		person_ids_sql(sql);
		buf_putc(sql, ')');
	}
	if (f->scope)
		scope_sql(sql, f->scope);
}

static int bind_where(struct db_stmt *st, const struct incident_filter *f, int k)
{
	if (f->state)
		db_bind_text(st, k++, f->state);
	if (f->category)
		db_bind_text(st, k++, f->category);
	if (f->overdue)
		db_bind_text(st, k++, f->now);
	if (f->mine) {
		db_bind_int(st, k++, f->mine);
		db_bind_int(st, k++, f->mine);
	}
	if (f->scope)
		k = bind_scope(st, f->scope, k);
	return k;
}

int incident_scope_admits(struct db *db, const struct incident *inc,
			  const struct incident_scope *s, int *yes, struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	*yes = 0;
	buf_puts(&sql, "SELECT COUNT(*) FROM incident i WHERE i.id = ?");
	scope_sql(&sql, s);
	int rc = db_prepare(db, buf_str(&sql), &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	db_bind_int(st, 1, inc->id);
	bind_scope(st, s, 2);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*yes = db_column_int(st, 0) > 0;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static void read_row(struct db_stmt *st, struct incident_row *row)
{
	row->id = db_column_int(st, 0);
	row->incident_no = col_dup(st, 1);
	row->title = col_dup(st, 2);
	row->category = col_dup(st, 3);
	row->state = col_dup(st, 4);
	row->severity = col_dup(st, 5);
	row->detected_at = col_dup(st, 6);
	long long packed = db_column_is_null(st, 7) ? 0 : db_column_int(st, 7);
	row->open_notices = packed / 1000000;
	row->overdue_notices = packed % 1000000;
}

int incident_query(struct db *db, const struct incident_filter *f, struct incident_rows *out,
		   struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	/* one correlated look-up per listed incident, packing both counts
	 * (open, and overdue among them) into one number */
	buf_puts(&sql, "SELECT i.id, i.incident_no, i.title, i.category, i.state, i.severity, i.detected_at,"
		       " (SELECT COUNT(*) * 1000000 + SUM(CASE WHEN n.due_at < ? THEN 1 ELSE 0 END)"
		       " FROM incident_notice n WHERE n.incident_id = i.id AND n.done_at IS NULL)"
		       " FROM incident i");
	where_sql(&sql, f);
	buf_puts(&sql, f->newest_first ? " ORDER BY i.id DESC" : " ORDER BY i.id");
	if (f->limit > 0)
		buf_puts(&sql, " LIMIT ? OFFSET ?");
	int rc = db_prepare(db, buf_str(&sql), &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	db_bind_text(st, 1, f->now);
	int k = bind_where(st, f, 2);
	if (f->limit > 0) {
		db_bind_int(st, k++, f->limit);
		db_bind_int(st, k, f->offset > 0 ? f->offset : 0);
	}
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 64;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		read_row(st, &out->v[out->n++]);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		incident_rows_free(out);
		return e->code;
	}
	return 0;
}

int incident_count(struct db *db, const struct incident_filter *f, long long *total,
		   struct err *e)
{
	struct buf sql = BUF_INIT;
	struct db_stmt *st;
	*total = 0;
	buf_puts(&sql, "SELECT COUNT(*) FROM incident i");
	where_sql(&sql, f);
	int rc = db_prepare(db, buf_str(&sql), &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	bind_where(st, f, 1);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		*total = db_column_int(st, 0);
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

void incident_rows_free(struct incident_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].incident_no);
		free(r->v[i].title);
		free(r->v[i].category);
		free(r->v[i].state);
		free(r->v[i].severity);
		free(r->v[i].detected_at);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* ---- report data ---- */

static char *one_text(struct db *db, const char *sql, long long id, struct err *e, int *rc)
{
	struct db_stmt *st;
	char *out = NULL;
	if (*rc || !id)
		return NULL;
	if ((*rc = db_prepare(db, sql, &st, e)))
		return NULL;
	db_bind_int(st, 1, id);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		out = col_dup(st, 0);
	db_finalize(st);
	if (r == DB_ERROR)
		*rc = e->code;
	return out;
}

static int gather_targets(struct db *db, struct incident_report *r, struct err *e)
{
	struct class_scheme s;
	struct db_stmt *st;
	size_t cap = 0;
	if (class_scheme_load(db, &s, e))
		return e->code;
	int rc = db_prepare(db, "SELECT a.asset_no, a.name, y.code, y.name, a.confidentiality, a.personal"
				" FROM incident_target t LEFT JOIN asset a ON a.id = t.asset_id"
				" LEFT JOIN info_system y ON y.id = t.system_id WHERE t.incident_id = ?"
				" ORDER BY t.id", &st, e);
	if (!rc) {
		db_bind_int(st, 1, r->inc.id);
		enum db_step_result res;
		while ((res = db_step(st, e)) == DB_ROW) {
			if (r->ntargets == cap) {
				cap = cap ? 2 * cap : 8;
				r->targets = xrealloc(r->targets, cap * sizeof *r->targets);
			}
			struct incident_report_target *t = &r->targets[r->ntargets++];
			t->asset_no = col_dup(st, 0);
			t->asset_name = col_dup(st, 1);
			t->system_code = col_dup(st, 2);
			t->system_name = col_dup(st, 3);
			t->confidentiality = db_column_is_null(st, 4) ? 0
				: class_baseline(&s, DIM_C, (int)db_column_int(st, 4));
			t->personal = col_dup(st, 5);
		}
		db_finalize(st);
		rc = res == DB_ERROR ? e->code : 0;
	}
	class_scheme_free(&s);
	return rc;
}

static int gather_steps(struct db *db, struct incident_report *r, struct err *e)
{
	struct case_events ev;
	int rc = 0;
	if (case_events_load(db, CASE_INCIDENT, r->inc.id, &ev, e))
		return e->code;
	r->steps = xcalloc(ev.n ? ev.n : 1, sizeof *r->steps);
	for (size_t i = 0; i < ev.n; i++) {
		struct incident_report_step *s = &r->steps[r->nsteps++];
		s->id = ev.v[i].id;
		s->at = xstrdup(ev.v[i].at);
		s->kind = xstrdup(ev.v[i].kind);
		s->body = xstrdup(ev.v[i].body);
		s->actor_name = one_text(db, "SELECT name FROM staff WHERE id = ?", ev.v[i].actor_id, e, &rc);
	}
	case_events_free(&ev);
	return rc;
}

int incident_report_gather(struct db *db, const char *incident_no, struct incident_report *r,
			   struct err *e)
{
	struct municipality m;
	int found, rc = 0;
	memset(r, 0, sizeof *r);
	if (incident_load(db, incident_no, &r->inc, e))
		return e->code;
	if (municipality_get(db, &m, &found, e))
		return e->code;
	if (found) {
		r->municipality = xstrdup(m.name);
		municipality_free(&m);
	}
	r->unit_name = one_text(db, "SELECT name FROM org_unit WHERE id = ?", r->inc.unit_id, e, &rc);
	r->reporter = r->inc.reporter_id
		? one_text(db, "SELECT name FROM staff WHERE id = ?", r->inc.reporter_id, e, &rc)
		: (r->inc.reporter_name ? xstrdup(r->inc.reporter_name) : NULL);
	if (!rc)
		rc = incident_exposure_of(db, r->inc.id, &r->exposure, e);
	if (!rc)
		rc = gather_targets(db, r, e);
	if (!rc)
		rc = incident_notices_load(db, r->inc.id, &r->notices, &r->nnotices, e);
	if (!rc)
		rc = gather_steps(db, r, e);
	if (rc)
		incident_report_free(r);
	return rc;
}

void incident_report_free(struct incident_report *r)
{
	incident_free(&r->inc);
	free(r->municipality);
	free(r->unit_name);
	free(r->reporter);
	for (size_t i = 0; i < r->ntargets; i++) {
		free(r->targets[i].asset_no);
		free(r->targets[i].asset_name);
		free(r->targets[i].system_code);
		free(r->targets[i].system_name);
		free(r->targets[i].personal);
	}
	free(r->targets);
	incident_notices_free(r->notices, r->nnotices);
	for (size_t i = 0; i < r->nsteps; i++) {
		free(r->steps[i].at);
		free(r->steps[i].kind);
		free(r->steps[i].actor_name);
		free(r->steps[i].body);
	}
	free(r->steps);
	memset(r, 0, sizeof *r);
}

/* ---- bulk generation for the benchmark ---- */

static const char *const bulk_states[] = {"received", "responding", "investigating", "prevention",
					  "closed", "not_incident"};

int incident_bulk_generate(struct tx *tx, long long n, int steps, struct err *e)
{
	size_t ncat;
	const struct incident_category *cats = incident_categories(&ncat);
	tx_bulk_begin(tx);
	for (long long k = 0; k < n; k++) {
		struct incident i = {0};
		char no[32], detected[32], due[32];
		if (tx_next_id(tx, "incident", &i.id, e))
			return e->code;
		case_number("I", i.id, no);
		incident_time_add_hours(tx->at, -(int)(k % 2000), detected);
		i.incident_no = no;
		i.title = "ベンチマーク用インシデント";
		i.category = (char *)cats[k % ncat].id;
		i.source = "staff";
		i.severity = k % 3 == 0 ? "high" : k % 3 == 1 ? "medium" : "low";
		i.state = (char *)bulk_states[(k / ncat) % 6];
		i.is_incident = -1;
		i.detected_at = detected;
		i.reported_at = tx->at;
		i.situation = "生成データ";
		struct row r;
		incident_row_of(&i, &r);
		if (tx_put_row(tx, "incident.file", &r, 1, e))
			return e->code;
		long long nid;
		if (tx_next_id(tx, "incident_notice", &nid, e))
			return e->code;
		incident_time_add_hours(detected, 1, due);
		row_init(&r, "incident_notice");
		row_int(&r, "id", nid);
		row_int(&r, "incident_id", i.id);
		row_text(&r, "party", "csirt");
		row_text(&r, "due_at", due);
		/* a quarter left open, not aligned with the category cycle */
		if ((k / 11) % 4)
			row_text(&r, "done_at", due);
		if (tx_put_row(tx, "incident.notice", &r, 1, e))
			return e->code;
		/* rows written here rather than by case_event_add: a batch keeps
		 * the journal kind until it is flushed, so it must be a literal */
		for (int s = 0; s < steps; s++) {
			long long eid;
			if (tx_next_id(tx, "case_event", &eid, e))
				return e->code;
			row_init(&r, "case_event");
			row_int(&r, "id", eid);
			row_text(&r, "case_kind", CASE_INCIDENT);
			row_int(&r, "case_id", i.id);
			row_text(&r, "at", tx->at);
			row_text(&r, "kind", "note");
			row_text(&r, "body", "{\"note\":\"生成\"}");
			if (tx_put_row(tx, "incident.note", &r, 1, e))
				return e->code;
		}
	}
	return tx_bulk_end(tx, e);
}
