/*
 * incident_notify.c — computing and recording who was told of an incident
 * (incident.h; the rules are data in incident_notice_table.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_event.h"
#include "core/incident_internal.h"
#include "core/org.h"
#include "core/rows.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/json.h"

void incident_due_at(const struct incident *inc, const struct incident_notice_rule *r, char out[32])
{
	int hours = r->hours;
	if (r->hours_high && inc->severity && strcmp(inc->severity, "high") == 0)
		hours = r->hours_high;
	if (incident_time_add_hours(inc->detected_at, hours, out))
		snprintf(out, 32, "%s", inc->detected_at);
}

static int rule_applies(const struct incident_notice_rule *r, const struct incident *inc,
			const struct incident_exposure *x)
{
	if (r->stage == STAGE_ASSESSED && inc->is_incident != 1)
		return 0;
	const struct incident_category *cat = incident_category_find(inc->category);
	int cyber = (cat && cat->cyber) || strcmp(inc->source, "nisc") == 0;
	int crime = cat && cat->crime;
	int conds[6], wanted[6] = {r->min_severity != NULL, r->when_cyber, r->when_crime,
				   r->when_personal, r->when_system, r->when_specific};
	conds[0] = r->min_severity &&
		   incident_severity_rank(inc->severity) >= incident_severity_rank(r->min_severity);
	conds[1] = cyber;
	conds[2] = crime;
	conds[3] = x->personal >= 1;
	conds[4] = x->nsystems > 0;
	conds[5] = x->personal >= 2;
	int nwanted = 0, nheld = 0;
	for (int k = 0; k < 6; k++)
		if (wanted[k]) {
			nwanted++;
			nheld += conds[k];
		}
	if (!nwanted)
		return 1;
	return r->any_of ? nheld > 0 : nheld == nwanted;
}

/* The current holder of an internal role for this incident; 0 when nobody. */
static int holder_of(struct db *db, const struct incident_notice_rule *r, const struct incident *inc,
		     long long *staff_id, struct err *e)
{
	struct org_units units;
	struct db_stmt *st;
	long long unit = 0;
	int by_system = strcmp(r->role, "system_admin") == 0;
	*staff_id = 0;
	if (strcmp(r->role, "manager") == 0 || strcmp(r->role, "officer") == 0) {
		if (org_units_load(db, &units, e))
			return e->code;
		const struct org_unit *u = org_unit_up_to_tier(&units, inc->unit_id,
							       r->role[0] == 'm' ? TIER_SECTION : TIER_BUREAU);
		unit = u ? u->id : -1;
		org_units_free(&units);
	}
	const char *sql = by_system
		? "SELECT a.staff_id FROM role_assignment a JOIN incident_target t ON t.system_id = a.system_id"
		  " WHERE a.role = ? AND a.ended_on IS NULL AND t.incident_id = ? ORDER BY t.id, a.id"
		: unit ? "SELECT staff_id FROM role_assignment WHERE role = ?"
			 " AND ended_on IS NULL AND unit_id = ? ORDER BY id"
		       : "SELECT staff_id FROM role_assignment WHERE role = ? AND ended_on IS NULL"
			 " ORDER BY id";
	const char *role = r->role;
	int csirt = strcmp(role, "csirt_lead") == 0;
	for (int pass = 0; pass < 1 + csirt; pass++) {
		if (db_prepare(db, sql, &st, e))
			return e->code;
		db_bind_text(st, 1, pass ? "csirt" : role);
		if (by_system)
			db_bind_int(st, 2, inc->id);
		else if (unit)
			db_bind_int(st, 2, unit);
		enum db_step_result res = db_step(st, e);
		if (res == DB_ROW)
			*staff_id = db_column_int(st, 0);
		db_finalize(st);
		if (res == DB_ERROR)
			return e->code;
		if (*staff_id)
			break;
	}
	return 0;
}

static int has_notice(struct db *db, long long incident_id, const char *party, int *found,
		      struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, "SELECT 1 FROM incident_notice WHERE incident_id = ? AND party = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, incident_id);
	db_bind_text(st, 2, party);
	enum db_step_result r = db_step(st, e);
	db_finalize(st);
	*found = r == DB_ROW;
	return r == DB_ERROR ? e->code : 0;
}

int incident_notices_sync(struct tx *tx, const struct incident *inc, struct err *e)
{
	struct incident_exposure x;
	size_t n;
	const struct incident_notice_rule *rules = incident_notice_rules(&n);
	if (incident_exposure_of(tx->db, inc->id, &x, e))
		return e->code;
	for (size_t i = 0; i < n; i++) {
		const struct incident_notice_rule *r = &rules[i];
		int found = 0;
		long long staff_id = 0, id;
		char due[32];
		if (!rule_applies(r, inc, &x))
			continue;
		if (has_notice(tx->db, inc->id, r->party, &found, e))
			return e->code;
		if (found)
			continue;
		if (r->internal && holder_of(tx->db, r, inc, &staff_id, e))
			return e->code;
		if (tx_next_id(tx, "incident_notice", &id, e))
			return e->code;
		incident_due_at(inc, r, due);
		struct row row;
		row_init(&row, "incident_notice");
		row_int(&row, "id", id);
		row_int(&row, "incident_id", inc->id);
		row_text(&row, "party", r->party);
		row_id_ref(&row, "staff_id", staff_id);
		row_text(&row, "due_at", due);
		if (tx_put_row(tx, "incident.notice", &row, 1, e))
			return e->code;
	}
	return 0;
}

static void read_notice(struct db_stmt *st, void *elem)
{
	struct incident_notice *n = elem;
	n->id = db_column_int(st, 0);
	n->incident_id = db_column_int(st, 1);
	n->party = col_dup(st, 2);
	n->staff_id = col_id(st, 3);
	n->due_at = col_dup(st, 4);
	n->done_at = col_dup(st, 5);
	n->done_by = col_id(st, 6);
	n->channel = col_dup(st, 7);
	n->note = col_dup(st, 8);
}

int incident_notices_load(struct db *db, long long incident_id, struct incident_notice **v,
			  size_t *n, struct err *e)
{
	int rc = rows_load_for(db, "SELECT id, incident_id, party, staff_id, due_at, done_at, done_by, channel,"
				   " note FROM incident_notice WHERE incident_id = ? ORDER BY due_at, id",
			       incident_id, sizeof **v, read_notice, (void **)v, n, e);
	if (rc) {
		incident_notices_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

void incident_notices_free(struct incident_notice *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].party);
		free(v[i].due_at);
		free(v[i].done_at);
		free(v[i].channel);
		free(v[i].note);
	}
	free(v);
}

static const char *const notifiers[] = {"csirt", "csirt_lead", "chief_officer", "ciso",
					"deputy_ciso", "manager", "system_admin", NULL};

static char *notified_body(const char *party, const char *channel, const char *note)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	if (channel)
		jw_kv_string(&w, "channel", channel);
	if (note)
		jw_kv_string(&w, "note", note);
	jw_kv_string(&w, "party", party);
	jw_object_end(&w);
	return buf_take(&b);
}

int incident_notify_may(struct db *db, long long staff_id, int *may, struct err *e)
{
	return incident_holds_any(db, staff_id, notifiers, may, e);
}

int incident_notify_done(struct tx *tx, const char *incident_no, const char *party,
			 const char *actor_no, const char *channel, const char *note, struct err *e)
{
	struct incident inc;
	struct staff s;
	struct incident_notice *v;
	size_t n;
	const struct incident_notice_rule *r = incident_notice_rule_find(party);
	if (!r)
		return err_set(e, ERR_INPUT, "通知先「%s」はありません（incident show で通知先を確認してください）",
			       party ? party : "");
	if (incident_load(tx->db, incident_no, &inc, e))
		return e->code;
	int rc = staff_current(tx->db, actor_no, "通知者", "--as", &s, e);
	if (rc) {
		incident_free(&inc);
		return rc;
	}
	int held = 0;
	rc = incident_holds_any(tx->db, s.id, notifiers, &held, e);
	if (!rc && !held)
		rc = err_set(e, ERR_INPUT, "%s（%s）は通知の記録を行えません（CSIRT・統括・CISO・管理者・システム管理者が記録します）",
			     s.name, s.staff_no);
	if (!rc)
		rc = incident_notices_load(tx->db, inc.id, &v, &n, e);
	if (!rc) {
		const struct incident_notice *hit = NULL;
		for (size_t i = 0; i < n; i++)
			if (strcmp(v[i].party, r->party) == 0)
				hit = &v[i];
		if (!hit)
			rc = err_set(e, ERR_INPUT, "インシデント %s には「%s」への通知はありません", incident_no, r->label);
		else if (hit->done_at)
			rc = err_set(e, ERR_INPUT, "「%s」への通知は既に記録されています（%s）", r->label, hit->done_at);
		if (!rc) {
			struct row row;
			row_init(&row, "incident_notice");
			row_int(&row, "id", hit->id);
			row_int(&row, "incident_id", inc.id);
			row_text(&row, "party", hit->party);
			row_id_ref(&row, "staff_id", hit->staff_id);
			row_text(&row, "due_at", hit->due_at);
			row_text(&row, "done_at", tx->at);
			row_id_ref(&row, "done_by", s.id);
			row_text(&row, "channel", channel);
			row_text(&row, "note", note);
			rc = tx_put_row(tx, "incident.notified", &row, 0, e);
		}
		if (!rc) {
			char *body = notified_body(r->party, channel, note);
			rc = case_event_add(tx, CASE_INCIDENT, inc.id, s.id, "notified", body, NULL, e);
			free(body);
		}
		incident_notices_free(v, n);
	}
	staff_free(&s);
	incident_free(&inc);
	return rc;
}
