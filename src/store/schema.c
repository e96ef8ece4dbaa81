/*
 * schema.c — migrations and the journaled-table registry.
 *
 * Migration SQL is in the subset both SQLite and PostgreSQL accept, with
 * the tokens of db_template_sql() where types differ.  Migrations are never
 * edited once released: a database made by any older build must open.
 */
#include "store/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Column names are plain ASCII, so their canonical JSON key is just quoted. */
#define COL(name, type) {name, type, "\"" name "\":"}

/* Column lists are in byte order of their names (canonical JSON key order). */
static const struct table_column municipality_cols[] = {
	COL("code", COL_TEXT), COL("id", COL_INT), COL("kind", COL_TEXT), COL("name", COL_TEXT),
};
static const struct table_column org_unit_cols[] = {
	COL("closed_on", COL_TEXT), COL("code", COL_TEXT), COL("id", COL_INT), COL("kind", COL_TEXT),
	COL("name", COL_TEXT), COL("opened_on", COL_TEXT), COL("parent_id", COL_INT),
};
static const struct table_column staff_cols[] = {
	COL("email", COL_TEXT), COL("employment", COL_TEXT), COL("id", COL_INT), COL("kana", COL_TEXT),
	COL("left_on", COL_TEXT), COL("name", COL_TEXT), COL("phone", COL_TEXT), COL("staff_no", COL_TEXT),
	COL("started_on", COL_TEXT), COL("unit_id", COL_INT), COL("unit_since", COL_TEXT),
};
static const struct table_column info_system_cols[] = {
	COL("code", COL_TEXT), COL("id", COL_INT), COL("name", COL_TEXT), COL("retired_on", COL_TEXT),
	COL("unit_id", COL_INT), COL("zone", COL_TEXT),
};
static const struct table_column role_assignment_cols[] = {
	COL("ended_on", COL_TEXT), COL("id", COL_INT), COL("note", COL_TEXT), COL("role", COL_TEXT),
	COL("staff_id", COL_INT), COL("started_on", COL_TEXT), COL("system_id", COL_INT),
	COL("unit_id", COL_INT),
};

static const struct table_column classification_level_cols[] = {
	COL("baseline", COL_INT), COL("criteria", COL_TEXT), COL("dimension", COL_TEXT),
	COL("handling", COL_TEXT), COL("id", COL_INT), COL("label", COL_TEXT), COL("rank", COL_INT),
	COL("retired_on", COL_TEXT),
};
static const struct table_column storage_location_cols[] = {
	COL("code", COL_TEXT), COL("fireproof", COL_INT), COL("id", COL_INT), COL("lockable", COL_INT),
	COL("name", COL_TEXT), COL("note", COL_TEXT), COL("offsite", COL_INT), COL("unit_id", COL_INT),
};
static const struct table_column asset_cols[] = {
	COL("asset_no", COL_TEXT), COL("availability", COL_INT), COL("confidentiality", COL_INT),
	COL("container_id", COL_INT), COL("id", COL_INT), COL("integrity", COL_INT),
	COL("location", COL_TEXT), COL("manager_id", COL_INT), COL("medium", COL_TEXT),
	COL("name", COL_TEXT), COL("note", COL_TEXT), COL("origin", COL_TEXT), COL("personal", COL_TEXT),
	COL("retention", COL_TEXT), COL("scope", COL_TEXT), COL("source_id", COL_INT),
	COL("state", COL_TEXT), COL("system_id", COL_INT), COL("type", COL_TEXT), COL("unit_id", COL_INT),
	COL("zone", COL_TEXT),
};

static const struct table_column request_cols[] = {
	COL("asset_id", COL_INT), COL("confirmed_by", COL_INT), COL("done_at", COL_TEXT),
	COL("due_on", COL_TEXT), COL("fields", COL_TEXT), COL("filed_at", COL_TEXT), COL("id", COL_INT),
	COL("request_no", COL_TEXT), COL("requester_id", COL_INT), COL("returned_at", COL_TEXT),
	COL("state", COL_TEXT), COL("system_id", COL_INT), COL("type", COL_TEXT), COL("unit_id", COL_INT),
	COL("valid_until", COL_TEXT),
};
static const struct table_column request_decision_cols[] = {
	COL("at", COL_TEXT), COL("decided_by", COL_INT), COL("decision", COL_TEXT), COL("id", COL_INT),
	COL("note", COL_TEXT), COL("on_behalf_of", COL_INT), COL("override_reason", COL_TEXT),
	COL("request_id", COL_INT), COL("role", COL_TEXT),
};

static const struct table_column profile_cols[] = {
	COL("id", COL_INT), COL("settings", COL_TEXT), COL("version", COL_INT),
};
static const struct table_column policy_version_cols[] = {
	COL("approved_at", COL_TEXT), COL("approved_by", COL_INT), COL("blocks", COL_TEXT),
	COL("content_hash", COL_TEXT), COL("edition", COL_TEXT), COL("id", COL_INT),
	COL("profile_version", COL_INT), COL("rendered_at", COL_TEXT), COL("rendered_by", COL_TEXT),
	COL("title", COL_TEXT),
};

static const struct table_column incident_cols[] = {
	COL("category", COL_TEXT), COL("cause", COL_TEXT), COL("closed_at", COL_TEXT),
	COL("damage", COL_TEXT), COL("detected_at", COL_TEXT), COL("id", COL_INT),
	COL("incident_no", COL_TEXT), COL("is_incident", COL_INT), COL("record", COL_TEXT),
	COL("reported_at", COL_TEXT), COL("reporter_contact", COL_TEXT), COL("reporter_id", COL_INT),
	COL("reporter_name", COL_TEXT), COL("severity", COL_TEXT), COL("situation", COL_TEXT),
	COL("source", COL_TEXT), COL("state", COL_TEXT), COL("title", COL_TEXT),
	COL("unit_id", COL_INT),
};
static const struct table_column incident_target_cols[] = {
	COL("asset_id", COL_INT), COL("id", COL_INT), COL("incident_id", COL_INT),
	COL("system_id", COL_INT),
};
static const struct table_column incident_notice_cols[] = {
	COL("channel", COL_TEXT), COL("done_at", COL_TEXT), COL("done_by", COL_INT),
	COL("due_at", COL_TEXT), COL("id", COL_INT), COL("incident_id", COL_INT), COL("note", COL_TEXT),
	COL("party", COL_TEXT), COL("staff_id", COL_INT),
};
static const struct table_column case_event_cols[] = {
	COL("actor_id", COL_INT), COL("at", COL_TEXT), COL("body", COL_TEXT), COL("case_id", COL_INT),
	COL("case_kind", COL_TEXT), COL("id", COL_INT), COL("kind", COL_TEXT),
};
static const struct table_column response_plan_cols[] = {
	COL("approved_at", COL_TEXT), COL("approved_by", COL_INT), COL("bcp", COL_TEXT),
	COL("contacts", COL_TEXT), COL("created_at", COL_TEXT), COL("id", COL_INT),
	COL("measures", COL_TEXT), COL("prevention", COL_TEXT), COL("reporting", COL_TEXT),
	COL("reviewed_on", COL_TEXT), COL("version", COL_INT),
};
static const struct table_column exception_request_cols[] = {
	COL("applied_at", COL_TEXT), COL("clause", COL_TEXT), COL("decided_at", COL_TEXT),
	COL("decided_by", COL_INT), COL("decision_note", COL_TEXT), COL("emergency", COL_INT),
	COL("ends_on", COL_TEXT), COL("exception_no", COL_TEXT), COL("filed_at", COL_TEXT),
	COL("id", COL_INT), COL("measures", COL_TEXT), COL("reason", COL_TEXT),
	COL("reported_at", COL_TEXT), COL("requester_id", COL_INT), COL("reviewed_at", COL_TEXT),
	COL("scope", COL_TEXT), COL("starts_on", COL_TEXT), COL("state", COL_TEXT),
	COL("system_id", COL_INT), COL("unit_id", COL_INT),
};
static const struct table_column violation_cols[] = {
	COL("clause", COL_TEXT), COL("closed_at", COL_TEXT), COL("description", COL_TEXT),
	COL("found_at", COL_TEXT), COL("found_by", COL_INT), COL("id", COL_INT),
	COL("staff_id", COL_INT), COL("state", COL_TEXT), COL("unit_id", COL_INT),
	COL("violation_no", COL_TEXT),
};
static const struct table_column rights_action_cols[] = {
	COL("action", COL_TEXT), COL("at", COL_TEXT), COL("id", COL_INT), COL("lifted_at", COL_TEXT),
	COL("role_assignment_id", COL_INT), COL("staff_id", COL_INT), COL("system_id", COL_INT),
	COL("violation_id", COL_INT),
};


/* Migration 9: training, self-inspection, audit and the annual report. */
static const struct table_column training_course_cols[] = {
	COL("audience", COL_TEXT), COL("code", COL_TEXT), COL("created_at", COL_TEXT),
	COL("description", COL_TEXT), COL("id", COL_INT), COL("kind", COL_TEXT), COL("pass_mark", COL_INT),
	COL("retired_on", COL_TEXT), COL("title", COL_TEXT),
};
static const struct table_column training_plan_cols[] = {
	COL("approved_at", COL_TEXT), COL("approved_by", COL_INT), COL("body", COL_TEXT),
	COL("created_at", COL_TEXT), COL("created_by", COL_INT), COL("fiscal_year", COL_INT),
	COL("id", COL_INT), COL("note", COL_TEXT), COL("version", COL_INT),
};
static const struct table_column training_session_cols[] = {
	COL("course_id", COL_INT), COL("created_at", COL_TEXT), COL("fiscal_year", COL_INT),
	COL("held_on", COL_TEXT), COL("id", COL_INT), COL("instructor", COL_TEXT), COL("note", COL_TEXT),
	COL("place", COL_TEXT),
};
static const struct table_column training_attendance_cols[] = {
	COL("id", COL_INT), COL("passed", COL_INT), COL("recorded_at", COL_TEXT), COL("score", COL_INT),
	COL("session_id", COL_INT), COL("source", COL_TEXT), COL("staff_id", COL_INT),
};
static const struct table_column inspect_campaign_cols[] = {
	COL("campaign_no", COL_TEXT), COL("closed_at", COL_TEXT), COL("created_at", COL_TEXT),
	COL("created_by", COL_INT), COL("due_on", COL_TEXT), COL("fiscal_year", COL_INT),
	COL("id", COL_INT), COL("opened_at", COL_TEXT), COL("opens_on", COL_TEXT), COL("state", COL_TEXT),
	COL("title", COL_TEXT),
};
static const struct table_column inspect_question_cols[] = {
	COL("campaign_id", COL_INT), COL("chapter", COL_TEXT), COL("clause", COL_TEXT), COL("id", COL_INT),
	COL("role", COL_TEXT), COL("seq", COL_INT), COL("text", COL_TEXT),
};
static const struct table_column inspect_respondent_cols[] = {
	COL("campaign_id", COL_INT), COL("id", COL_INT), COL("reminded_at", COL_TEXT),
	COL("reminders", COL_INT), COL("role", COL_TEXT), COL("staff_id", COL_INT),
	COL("submitted_at", COL_TEXT), COL("unit_id", COL_INT),
};
static const struct table_column inspect_answer_cols[] = {
	COL("answer", COL_TEXT), COL("answered_at", COL_TEXT), COL("comment", COL_TEXT),
	COL("id", COL_INT), COL("question_id", COL_INT), COL("respondent_id", COL_INT),
};
static const struct table_column audit_plan_cols[] = {
	COL("approved_at", COL_TEXT), COL("approved_by", COL_INT), COL("body", COL_TEXT),
	COL("created_at", COL_TEXT), COL("created_by", COL_INT), COL("fiscal_year", COL_INT),
	COL("id", COL_INT), COL("title", COL_TEXT), COL("version", COL_INT),
};
static const struct table_column audit_cols[] = {
	COL("audit_no", COL_TEXT), COL("closed_at", COL_TEXT), COL("conclusion", COL_TEXT),
	COL("contractor", COL_TEXT), COL("created_at", COL_TEXT), COL("ends_on", COL_TEXT),
	COL("fiscal_year", COL_INT), COL("id", COL_INT), COL("lead_id", COL_INT), COL("plan_id", COL_INT),
	COL("starts_on", COL_TEXT), COL("state", COL_TEXT), COL("system_id", COL_INT),
	COL("target_kind", COL_TEXT), COL("title", COL_TEXT), COL("unit_id", COL_INT),
};
static const struct table_column audit_member_cols[] = {
	COL("added_at", COL_TEXT), COL("audit_id", COL_INT), COL("external_name", COL_TEXT),
	COL("id", COL_INT), COL("role", COL_TEXT), COL("staff_id", COL_INT),
};
static const struct table_column audit_item_cols[] = {
	COL("audit_id", COL_INT), COL("clause", COL_TEXT), COL("id", COL_INT), COL("method", COL_TEXT),
	COL("note", COL_TEXT), COL("result", COL_TEXT),
};
static const struct table_column audit_evidence_cols[] = {
	COL("added_at", COL_TEXT), COL("added_by", COL_INT), COL("audit_id", COL_INT),
	COL("content_type", COL_TEXT), COL("filename", COL_TEXT), COL("id", COL_INT),
	COL("item_id", COL_INT), COL("kind", COL_TEXT), COL("sha256", COL_TEXT), COL("size", COL_INT),
};
static const struct table_column audit_finding_cols[] = {
	COL("audit_id", COL_INT), COL("clause", COL_TEXT), COL("closed_at", COL_TEXT),
	COL("created_at", COL_TEXT), COL("description", COL_TEXT), COL("directed_at", COL_TEXT),
	COL("directed_by", COL_INT), COL("directive", COL_TEXT), COL("finding_no", COL_TEXT),
	COL("id", COL_INT), COL("item_id", COL_INT), COL("severity", COL_TEXT), COL("state", COL_TEXT),
	COL("unit_id", COL_INT),
};
static const struct table_column audit_spread_cols[] = {
	COL("answer", COL_TEXT), COL("answered_at", COL_TEXT), COL("asked_at", COL_TEXT),
	COL("finding_id", COL_INT), COL("id", COL_INT), COL("manager_id", COL_INT), COL("state", COL_TEXT),
	COL("unit_id", COL_INT),
};
static const struct table_column corrective_action_cols[] = {
	COL("action_no", COL_TEXT), COL("campaign_id", COL_INT), COL("clause", COL_TEXT),
	COL("created_at", COL_TEXT), COL("created_by", COL_INT), COL("done_at", COL_TEXT),
	COL("done_note", COL_TEXT), COL("due_on", COL_TEXT), COL("finding_id", COL_INT),
	COL("id", COL_INT), COL("measure", COL_TEXT), COL("owner_id", COL_INT), COL("problem", COL_TEXT),
	COL("source", COL_TEXT), COL("state", COL_TEXT), COL("unit_id", COL_INT),
	COL("verified_at", COL_TEXT), COL("verified_by", COL_INT),
};
static const struct table_column policy_proposal_cols[] = {
	COL("adopted_version_id", COL_INT), COL("base_version_id", COL_INT), COL("clause", COL_TEXT),
	COL("created_at", COL_TEXT), COL("created_by", COL_INT), COL("fiscal_year", COL_INT),
	COL("id", COL_INT), COL("proposal", COL_TEXT), COL("proposal_no", COL_TEXT),
	COL("reason", COL_TEXT), COL("source", COL_TEXT), COL("source_ref", COL_TEXT),
	COL("state", COL_TEXT),
};
static const struct table_column committee_report_cols[] = {
	COL("content_hash", COL_TEXT), COL("created_at", COL_TEXT), COL("fiscal_year", COL_INT),
	COL("id", COL_INT), COL("kind", COL_TEXT), COL("note", COL_TEXT), COL("reported_by", COL_INT),
	COL("reported_on", COL_TEXT),
};

/* Migration 10: the registered network model (三層の対策, chapter 3). */
static const struct table_column net_model_cols[] = {
	COL("id", COL_INT), COL("model", COL_TEXT), COL("note", COL_TEXT),
	COL("registered_at", COL_TEXT), COL("registered_by", COL_TEXT), COL("sha256", COL_TEXT),
	COL("version", COL_INT),
};

#define COLS(a) a, (int)(sizeof a / sizeof a[0])
const struct table_def schema_tables[] = {
	{"municipality", COLS(municipality_cols)},
	{"org_unit", COLS(org_unit_cols)},
	{"staff", COLS(staff_cols)},
	{"info_system", COLS(info_system_cols)},
	{"role_assignment", COLS(role_assignment_cols)},
	{"classification_level", COLS(classification_level_cols)},
	{"storage_location", COLS(storage_location_cols)},
	{"asset", COLS(asset_cols)},
	{"request", COLS(request_cols)},
	{"request_decision", COLS(request_decision_cols)},
	{"profile", COLS(profile_cols)},
	{"policy_version", COLS(policy_version_cols)},
	{"incident", COLS(incident_cols)},
	{"incident_target", COLS(incident_target_cols)},
	{"incident_notice", COLS(incident_notice_cols)},
	{"case_event", COLS(case_event_cols)},
	{"response_plan", COLS(response_plan_cols)},
	{"exception_request", COLS(exception_request_cols)},
	{"violation", COLS(violation_cols)},
	{"rights_action", COLS(rights_action_cols)},
	{"training_course", COLS(training_course_cols)},
	{"training_plan", COLS(training_plan_cols)},
	{"training_session", COLS(training_session_cols)},
	{"training_attendance", COLS(training_attendance_cols)},
	{"inspect_campaign", COLS(inspect_campaign_cols)},
	{"inspect_question", COLS(inspect_question_cols)},
	{"inspect_respondent", COLS(inspect_respondent_cols)},
	{"inspect_answer", COLS(inspect_answer_cols)},
	{"audit_plan", COLS(audit_plan_cols)},
	{"audit", COLS(audit_cols)},
	{"audit_member", COLS(audit_member_cols)},
	{"audit_item", COLS(audit_item_cols)},
	{"audit_evidence", COLS(audit_evidence_cols)},
	{"audit_finding", COLS(audit_finding_cols)},
	{"audit_spread", COLS(audit_spread_cols)},
	{"corrective_action", COLS(corrective_action_cols)},
	{"policy_proposal", COLS(policy_proposal_cols)},
	{"committee_report", COLS(committee_report_cols)},
	{"net_model", COLS(net_model_cols)},
};
const int schema_ntables = (int)(sizeof schema_tables / sizeof schema_tables[0]);

const struct table_def *schema_table(const char *name)
{
	for (int i = 0; i < schema_ntables; i++)
		if (strcmp(schema_tables[i].name, name) == 0)
			return &schema_tables[i];
	return NULL;
}

static const char migration_1[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE journal(seq {{INT64}} PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
	" kind TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, prev TEXT NOT NULL,"
	" hash TEXT NOT NULL);"
	"CREATE INDEX journal_subject ON journal(subject);"
	"CREATE TABLE checkpoint(seq {{INT64}} PRIMARY KEY, at TEXT NOT NULL, hash TEXT NOT NULL,"
	" public_key TEXT NOT NULL, signature TEXT NOT NULL);"
	"CREATE TABLE municipality(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,"
	" code TEXT);"
	"CREATE TABLE org_unit(id {{ID}}, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" kind TEXT NOT NULL, parent_id INTEGER REFERENCES org_unit(id), opened_on TEXT,"
	" closed_on TEXT);"
	"CREATE INDEX org_unit_parent ON org_unit(parent_id);"
	"CREATE TABLE staff(id {{ID}}, staff_no TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" kana TEXT, unit_id INTEGER NOT NULL REFERENCES org_unit(id), employment TEXT NOT NULL,"
	" phone TEXT, email TEXT, started_on TEXT, left_on TEXT, unit_since TEXT);"
	"CREATE INDEX staff_unit ON staff(unit_id);"
	"CREATE TABLE info_system(id {{ID}}, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" unit_id INTEGER NOT NULL REFERENCES org_unit(id), zone TEXT NOT NULL, retired_on TEXT);"
	"CREATE TABLE role_assignment(id {{ID}}, staff_id INTEGER NOT NULL REFERENCES staff(id),"
	" role TEXT NOT NULL, unit_id INTEGER REFERENCES org_unit(id),"
	" system_id INTEGER REFERENCES info_system(id), started_on TEXT NOT NULL, ended_on TEXT,"
	" note TEXT);"
	"CREATE INDEX role_assignment_staff ON role_assignment(staff_id);"
	"CREATE INDEX role_assignment_role ON role_assignment(role);";

/* The journal browser and `journal --since` look entries up by time. */
static const char migration_2[] = "CREATE INDEX journal_at ON journal(at);";

/*
 * The information asset register (guideline chapter 2).  Classification
 * levels are data: each has a rank within its dimension and the R2.12 level
 * it corresponds to (baseline), which is what rules compare.  An asset's copy
 * source and the medium holding it are checked by rules, not foreign keys, so
 * registers can be imported in any row order.
 */
static const char migration_3[] =
	"CREATE TABLE classification_level(id {{ID}}, dimension TEXT NOT NULL, rank INTEGER NOT NULL,"
	" label TEXT NOT NULL, baseline INTEGER NOT NULL, criteria TEXT, handling TEXT,"
	" retired_on TEXT);"
	"CREATE TABLE storage_location(id {{ID}}, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" unit_id INTEGER REFERENCES org_unit(id), lockable INTEGER NOT NULL, fireproof INTEGER NOT NULL,"
	" offsite INTEGER NOT NULL, note TEXT);"
	"CREATE TABLE asset(id {{ID}}, asset_no TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	" type TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES org_unit(id),"
	" manager_id INTEGER REFERENCES staff(id), scope TEXT, location TEXT, medium TEXT,"
	" system_id INTEGER REFERENCES info_system(id), zone TEXT, confidentiality INTEGER,"
	" integrity INTEGER, availability INTEGER, personal TEXT NOT NULL, retention TEXT,"
	" origin TEXT NOT NULL, source_id INTEGER, container_id INTEGER, state TEXT NOT NULL,"
	" note TEXT);"
	"CREATE INDEX asset_unit ON asset(unit_id);";

/*
 * Permission requests (the 許/承 of the authority matrix): one row per
 * request, its type-specific fields as canonical JSON, and one decision row
 * per approving role (a request needing the CISO and the 統括 has two).
 */
static const char migration_4[] =
	"CREATE TABLE request(id {{ID}}, request_no TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
	" requester_id INTEGER NOT NULL REFERENCES staff(id),"
	" unit_id INTEGER NOT NULL REFERENCES org_unit(id), asset_id INTEGER REFERENCES asset(id),"
	" system_id INTEGER REFERENCES info_system(id), state TEXT NOT NULL, fields TEXT NOT NULL,"
	" filed_at TEXT NOT NULL, valid_until TEXT, due_on TEXT, done_at TEXT, returned_at TEXT,"
	" confirmed_by INTEGER REFERENCES staff(id));"
	"CREATE INDEX request_requester ON request(requester_id);"
	"CREATE INDEX request_state ON request(state);"
	"CREATE TABLE request_decision(id {{ID}}, request_id INTEGER NOT NULL REFERENCES request(id),"
	" role TEXT NOT NULL, decided_by INTEGER NOT NULL REFERENCES staff(id),"
	" on_behalf_of INTEGER REFERENCES staff(id), decision TEXT NOT NULL, at TEXT NOT NULL,"
	" note TEXT, override_reason TEXT);"
	"CREATE INDEX request_decision_request ON request_decision(request_id);";

/*
 * The municipality's profile (one row of canonical JSON settings, versioned)
 * and every rendered version of its policy documents: the blocks as JSON so
 * that any version can be printed again and compared clause by clause, the
 * SHA-256 of those blocks, and the 決裁 (who approved it, when).
 */
static const char migration_5[] =
	"CREATE TABLE profile(id INTEGER PRIMARY KEY, version INTEGER NOT NULL, settings TEXT NOT NULL);"
	"CREATE TABLE policy_version(id {{ID}}, edition TEXT NOT NULL, title TEXT NOT NULL,"
	" blocks TEXT NOT NULL, content_hash TEXT NOT NULL, profile_version INTEGER NOT NULL,"
	" rendered_at TEXT NOT NULL, rendered_by TEXT NOT NULL,"
	" approved_by INTEGER REFERENCES staff(id), approved_at TEXT);";

/*
 * Accounts of the web UI and API, their sessions and tokens, and the sign-in
 * log (core/account.h, core/session.h, docs/accounts.md).  None of these is
 * in the journaled-table registry above: they hold secrets (password hashes,
 * TOTP keys, token hashes) that the journal would keep forever, and a session
 * is not a record of the municipality.  They are written with plain
 * statements inside db_begin/db_commit.  Secrets are stored only as hashes,
 * except the TOTP key, which the server needs in clear to check codes.
 */
static const char migration_6[] =
	"CREATE TABLE account(id {{ID}}, staff_id INTEGER NOT NULL UNIQUE REFERENCES staff(id),"
	" login TEXT NOT NULL UNIQUE, pw_hash TEXT NOT NULL, must_change INTEGER NOT NULL,"
	" is_admin INTEGER NOT NULL, totp_secret TEXT, totp_pending TEXT,"
	" totp_enrolled INTEGER NOT NULL, totp_last_step {{INT64}}, failures INTEGER NOT NULL,"
	" first_failure_at TEXT, locked_until TEXT, last_login_at TEXT, last_login_addr TEXT,"
	" created_at TEXT NOT NULL, disabled_at TEXT);"
	"CREATE TABLE account_password_history(id {{ID}},"
	" account_id INTEGER NOT NULL REFERENCES account(id), pw_hash TEXT NOT NULL,"
	" set_at TEXT NOT NULL);"
	"CREATE INDEX account_password_history_account ON account_password_history(account_id);"
	"CREATE TABLE account_recovery_code(id {{ID}},"
	" account_id INTEGER NOT NULL REFERENCES account(id), code_hash TEXT NOT NULL, used_at TEXT);"
	"CREATE INDEX account_recovery_code_account ON account_recovery_code(account_id);"
	"CREATE TABLE session(id {{ID}}, account_id INTEGER NOT NULL REFERENCES account(id),"
	" token_hash TEXT NOT NULL UNIQUE, stage INTEGER NOT NULL, csrf TEXT NOT NULL,"
	" idle_minutes INTEGER NOT NULL, created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL,"
	" addr TEXT, ended_at TEXT);"
	"CREATE INDEX session_account ON session(account_id);"
	"CREATE TABLE api_token(id {{ID}}, account_id INTEGER NOT NULL REFERENCES account(id),"
	" name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,"
	" revoked_at TEXT);"
	"CREATE INDEX api_token_account ON api_token(account_id);"
	"CREATE TABLE auth_event(id {{ID}}, at TEXT NOT NULL, login TEXT, addr TEXT,"
	" event TEXT NOT NULL, detail TEXT);";

/*
 * Incidents and the CSIRT, the emergency response plan, exceptions and
 * violations (guideline 1(9), 5.3, 7.2-7.4, 7.6; docs/incidents.md).
 *
 * An incident keeps the fields of the first report (状況, 推定原因, 被害範囲,
 * whether it is an incident, 記録) and its state; the assets and systems it
 * touches are incident_target rows; every party that must be told gets an
 * incident_notice with a due time and, once told, a done time.  What was
 * done, by whom and when is a case_event: one timeline for incidents,
 * exceptions and violations alike (case_kind names which).  The response
 * plan is kept as versions; the contacts inside the 庁内 come from the
 * roles, the external ones are stored as JSON.  A violation's suspension or
 * revocation of rights is one rights_action row for the person and one for
 * each system role they hold.
 */
static const char migration_7[] =
	"CREATE TABLE incident(id {{ID}}, incident_no TEXT NOT NULL UNIQUE, title TEXT NOT NULL,"
	" category TEXT NOT NULL, source TEXT NOT NULL, severity TEXT, state TEXT NOT NULL,"
	" is_incident INTEGER, detected_at TEXT NOT NULL, reported_at TEXT NOT NULL,"
	" reporter_id INTEGER REFERENCES staff(id), reporter_name TEXT, reporter_contact TEXT,"
	" unit_id INTEGER REFERENCES org_unit(id), situation TEXT, cause TEXT, damage TEXT,"
	" record TEXT, closed_at TEXT);"
	"CREATE INDEX incident_state ON incident(state, category);"
	"CREATE INDEX incident_category ON incident(category);"
	"CREATE INDEX incident_detected ON incident(detected_at);"
	"CREATE TABLE incident_target(id {{ID}}, incident_id INTEGER NOT NULL REFERENCES incident(id),"
	" asset_id INTEGER REFERENCES asset(id), system_id INTEGER REFERENCES info_system(id));"
	"CREATE INDEX incident_target_incident ON incident_target(incident_id);"
	"CREATE TABLE incident_notice(id {{ID}}, incident_id INTEGER NOT NULL REFERENCES incident(id),"
	" party TEXT NOT NULL, staff_id INTEGER REFERENCES staff(id), due_at TEXT NOT NULL,"
	" done_at TEXT, done_by INTEGER REFERENCES staff(id), channel TEXT, note TEXT);"
	"CREATE INDEX incident_notice_incident ON incident_notice(incident_id);"
	/* open notices only (few, and the ones lists and check ask about): by due
	 * time for "which are overdue", by incident for "is this one overdue" */
	"CREATE INDEX incident_notice_open_due ON incident_notice(due_at, incident_id)"
	" WHERE done_at IS NULL;"
	"CREATE INDEX incident_notice_open ON incident_notice(incident_id, due_at)"
	" WHERE done_at IS NULL;"
	"CREATE TABLE case_event(id {{ID}}, case_kind TEXT NOT NULL, case_id INTEGER NOT NULL,"
	" at TEXT NOT NULL, actor_id INTEGER REFERENCES staff(id), kind TEXT NOT NULL,"
	" body TEXT NOT NULL);"
	"CREATE INDEX case_event_case ON case_event(case_kind, case_id);"
	"CREATE TABLE response_plan(id {{ID}}, version INTEGER NOT NULL UNIQUE, contacts TEXT NOT NULL,"
	" reporting TEXT NOT NULL, measures TEXT NOT NULL, prevention TEXT NOT NULL, bcp TEXT,"
	" reviewed_on TEXT NOT NULL, approved_by INTEGER REFERENCES staff(id), approved_at TEXT,"
	" created_at TEXT NOT NULL);"
	"CREATE TABLE exception_request(id {{ID}}, exception_no TEXT NOT NULL UNIQUE,"
	" requester_id INTEGER NOT NULL REFERENCES staff(id), unit_id INTEGER REFERENCES org_unit(id),"
	" system_id INTEGER REFERENCES info_system(id), clause TEXT NOT NULL, reason TEXT NOT NULL,"
	" scope TEXT NOT NULL, measures TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,"
	" emergency INTEGER NOT NULL, applied_at TEXT, reported_at TEXT, state TEXT NOT NULL,"
	" decided_by INTEGER REFERENCES staff(id), decided_at TEXT, decision_note TEXT,"
	" reviewed_at TEXT, filed_at TEXT NOT NULL);"
	"CREATE INDEX exception_request_state ON exception_request(state);"
	"CREATE TABLE violation(id {{ID}}, violation_no TEXT NOT NULL UNIQUE,"
	" staff_id INTEGER NOT NULL REFERENCES staff(id), unit_id INTEGER REFERENCES org_unit(id),"
	" clause TEXT, description TEXT NOT NULL, found_by INTEGER REFERENCES staff(id),"
	" found_at TEXT NOT NULL, state TEXT NOT NULL, closed_at TEXT);"
	"CREATE INDEX violation_staff ON violation(staff_id);"
	"CREATE TABLE rights_action(id {{ID}}, violation_id INTEGER NOT NULL REFERENCES violation(id),"
	" staff_id INTEGER NOT NULL REFERENCES staff(id),"
	" role_assignment_id INTEGER REFERENCES role_assignment(id),"
	" system_id INTEGER REFERENCES info_system(id), action TEXT NOT NULL, at TEXT NOT NULL,"
	" lifted_at TEXT);"
	"CREATE INDEX rights_action_staff ON rights_action(staff_id);";

/*
 * The web pages show each person the incidents in their scope
 * (web/incident_scope.h): those they reported or must be told of, those of
 * the units they cover and those touching the systems they administer.
 * These indexes let that set be found by lookups instead of a full scan.
 */
static const char migration_8[] =
	"CREATE INDEX incident_reporter ON incident(reporter_id);"
	"CREATE INDEX incident_unit ON incident(unit_id);"
	"CREATE INDEX incident_notice_staff ON incident_notice(staff_id);"
	"CREATE INDEX incident_target_system ON incident_target(system_id);";

/*
 * The yearly cycle of guideline 5.2 and chapter 9: courses, the committee's
 * training plan, sessions and attendance; self-inspection campaigns whose
 * questions are copied from the catalog when the campaign is made (so a
 * later catalog never changes what was asked), their respondents and
 * answers; audit plans, audits, their members, items, evidence, findings and
 * the requests to other units to look for the same problem; corrective
 * actions from either source; proposed policy revisions; and the record of
 * what was reported to the 情報セキュリティ委員会.  Every 年度 is the year
 * in which it begins (令和8年度 = 2026).
 */
static const char migration_9[] =
	"CREATE TABLE training_course(id {{ID}}, code TEXT NOT NULL UNIQUE, title TEXT NOT NULL,"
	" kind TEXT NOT NULL, audience TEXT NOT NULL, pass_mark INTEGER, description TEXT,"
	" created_at TEXT NOT NULL, retired_on TEXT);"
	"CREATE TABLE training_plan(id {{ID}}, fiscal_year INTEGER NOT NULL, version INTEGER NOT NULL,"
	" body TEXT NOT NULL, note TEXT, created_by INTEGER REFERENCES staff(id),"
	" created_at TEXT NOT NULL, approved_by INTEGER REFERENCES staff(id), approved_at TEXT,"
	" UNIQUE(fiscal_year, version));"
	"CREATE TABLE training_session(id {{ID}},"
	" course_id INTEGER NOT NULL REFERENCES training_course(id), fiscal_year INTEGER NOT NULL,"
	" held_on TEXT NOT NULL, place TEXT, instructor TEXT, note TEXT, created_at TEXT NOT NULL);"
	"CREATE TABLE training_attendance(id {{ID}},"
	" session_id INTEGER NOT NULL REFERENCES training_session(id),"
	" staff_id INTEGER NOT NULL REFERENCES staff(id), score INTEGER, passed INTEGER,"
	" source TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE(session_id, staff_id));"
	"CREATE TABLE inspect_campaign(id {{ID}}, campaign_no TEXT NOT NULL UNIQUE,"
	" fiscal_year INTEGER NOT NULL, title TEXT NOT NULL, state TEXT NOT NULL,"
	" opens_on TEXT NOT NULL, due_on TEXT NOT NULL, created_by INTEGER REFERENCES staff(id),"
	" created_at TEXT NOT NULL, opened_at TEXT, closed_at TEXT);"
	"CREATE TABLE inspect_question(id {{ID}},"
	" campaign_id INTEGER NOT NULL REFERENCES inspect_campaign(id), role TEXT NOT NULL,"
	" seq INTEGER NOT NULL, clause TEXT NOT NULL, chapter TEXT NOT NULL, text TEXT NOT NULL,"
	" UNIQUE(campaign_id, role, seq));"
	"CREATE TABLE inspect_respondent(id {{ID}},"
	" campaign_id INTEGER NOT NULL REFERENCES inspect_campaign(id),"
	" staff_id INTEGER NOT NULL REFERENCES staff(id), role TEXT NOT NULL,"
	" unit_id INTEGER REFERENCES org_unit(id), submitted_at TEXT, reminded_at TEXT,"
	" reminders INTEGER NOT NULL, UNIQUE(campaign_id, staff_id, role));"
	"CREATE TABLE inspect_answer(id {{ID}},"
	" respondent_id INTEGER NOT NULL REFERENCES inspect_respondent(id),"
	" question_id INTEGER NOT NULL REFERENCES inspect_question(id), answer TEXT NOT NULL,"
	" comment TEXT, answered_at TEXT NOT NULL, UNIQUE(respondent_id, question_id));"
	"CREATE TABLE audit_plan(id {{ID}}, fiscal_year INTEGER NOT NULL, version INTEGER NOT NULL,"
	" title TEXT NOT NULL, body TEXT NOT NULL, created_by INTEGER REFERENCES staff(id),"
	" created_at TEXT NOT NULL, approved_by INTEGER REFERENCES staff(id), approved_at TEXT,"
	" UNIQUE(fiscal_year, version));"
	"CREATE TABLE audit(id {{ID}}, audit_no TEXT NOT NULL UNIQUE, fiscal_year INTEGER NOT NULL,"
	" plan_id INTEGER REFERENCES audit_plan(id), title TEXT NOT NULL, target_kind TEXT NOT NULL,"
	" unit_id INTEGER REFERENCES org_unit(id), system_id INTEGER REFERENCES info_system(id),"
	" contractor TEXT, lead_id INTEGER REFERENCES staff(id), state TEXT NOT NULL, starts_on TEXT,"
	" ends_on TEXT, conclusion TEXT, created_at TEXT NOT NULL, closed_at TEXT);"
	"CREATE TABLE audit_member(id {{ID}}, audit_id INTEGER NOT NULL REFERENCES audit(id),"
	" staff_id INTEGER REFERENCES staff(id), external_name TEXT, role TEXT NOT NULL,"
	" added_at TEXT NOT NULL);"
	"CREATE TABLE audit_item(id {{ID}}, audit_id INTEGER NOT NULL REFERENCES audit(id),"
	" clause TEXT NOT NULL, method TEXT, result TEXT, note TEXT, UNIQUE(audit_id, clause));"
	"CREATE TABLE audit_evidence(id {{ID}}, audit_id INTEGER NOT NULL REFERENCES audit(id),"
	" item_id INTEGER REFERENCES audit_item(id), kind TEXT NOT NULL, filename TEXT NOT NULL,"
	" content_type TEXT, size INTEGER NOT NULL, sha256 TEXT NOT NULL,"
	" added_by INTEGER REFERENCES staff(id), added_at TEXT NOT NULL);"
	"CREATE TABLE audit_finding(id {{ID}}, finding_no TEXT NOT NULL UNIQUE,"
	" audit_id INTEGER NOT NULL REFERENCES audit(id), item_id INTEGER REFERENCES audit_item(id),"
	" clause TEXT, severity TEXT NOT NULL, description TEXT NOT NULL,"
	" unit_id INTEGER REFERENCES org_unit(id), state TEXT NOT NULL, directive TEXT,"
	" directed_by INTEGER REFERENCES staff(id), directed_at TEXT, created_at TEXT NOT NULL,"
	" closed_at TEXT);"
	"CREATE TABLE audit_spread(id {{ID}}, finding_id INTEGER NOT NULL REFERENCES audit_finding(id),"
	" unit_id INTEGER NOT NULL REFERENCES org_unit(id), manager_id INTEGER REFERENCES staff(id),"
	" state TEXT NOT NULL, answer TEXT, asked_at TEXT NOT NULL, answered_at TEXT);"
	"CREATE TABLE corrective_action(id {{ID}}, action_no TEXT NOT NULL UNIQUE, source TEXT NOT NULL,"
	" campaign_id INTEGER REFERENCES inspect_campaign(id),"
	" finding_id INTEGER REFERENCES audit_finding(id), unit_id INTEGER REFERENCES org_unit(id),"
	" clause TEXT, problem TEXT NOT NULL, measure TEXT NOT NULL,"
	" owner_id INTEGER REFERENCES staff(id), due_on TEXT, state TEXT NOT NULL, done_at TEXT,"
	" done_note TEXT, verified_by INTEGER REFERENCES staff(id), verified_at TEXT,"
	" created_by INTEGER REFERENCES staff(id), created_at TEXT NOT NULL);"
	"CREATE TABLE policy_proposal(id {{ID}}, proposal_no TEXT NOT NULL UNIQUE,"
	" fiscal_year INTEGER NOT NULL, clause TEXT, proposal TEXT NOT NULL, reason TEXT NOT NULL,"
	" source TEXT NOT NULL, source_ref TEXT, base_version_id INTEGER REFERENCES policy_version(id),"
	" adopted_version_id INTEGER REFERENCES policy_version(id), state TEXT NOT NULL,"
	" created_by INTEGER REFERENCES staff(id), created_at TEXT NOT NULL);"
	"CREATE TABLE committee_report(id {{ID}}, fiscal_year INTEGER NOT NULL, kind TEXT NOT NULL,"
	" reported_on TEXT NOT NULL, reported_by INTEGER REFERENCES staff(id), content_hash TEXT,"
	" note TEXT, created_at TEXT NOT NULL);"
	"CREATE INDEX training_session_year ON training_session(fiscal_year);"
	"CREATE INDEX training_attendance_staff ON training_attendance(staff_id);"
	"CREATE INDEX inspect_respondent_staff ON inspect_respondent(staff_id);"
	"CREATE INDEX audit_year ON audit(fiscal_year);"
	"CREATE INDEX audit_member_audit ON audit_member(audit_id);"
	"CREATE INDEX audit_member_staff ON audit_member(staff_id);"
	"CREATE INDEX audit_evidence_audit ON audit_evidence(audit_id);"
	"CREATE INDEX audit_finding_audit ON audit_finding(audit_id);"
	"CREATE INDEX audit_spread_finding ON audit_spread(finding_id);"
	"CREATE INDEX corrective_action_state ON corrective_action(state, due_on);"
	"CREATE INDEX corrective_action_unit ON corrective_action(unit_id);"
	"CREATE INDEX policy_proposal_year ON policy_proposal(fiscal_year);"
	"CREATE INDEX committee_report_year ON committee_report(fiscal_year, kind);"
	/* Not journaled: a one-time link is a credential, not a record (only its
	 * hash is kept, and it is cleared once used); the file store holds the
	 * bytes of evidence and working papers, addressed by their SHA-256, which
	 * the journaled audit_evidence row carries, so verify can check them. */
	"CREATE TABLE inspect_link(respondent_id INTEGER PRIMARY KEY REFERENCES inspect_respondent(id),"
	" token_hash TEXT NOT NULL UNIQUE, issued_at TEXT NOT NULL, expires_at TEXT NOT NULL,"
	" used_at TEXT, mailed_at TEXT);"
	"CREATE TABLE file_blob(sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data TEXT NOT NULL);";

/*
 * The municipality's network as the three-zone model sees it
 * (core/netmodel_store.h, docs/netcheck.md).  Each registration is a new
 * version holding the whole model with imported firewall rules inlined, so
 * that no other file is needed to check it again; the highest version is
 * the current one.  registered_by is the journal actor ("staff:…" or
 * "cli:…"), as for policy_version.rendered_by.
 */
static const char migration_10[] =
	"CREATE TABLE net_model(id {{ID}}, version INTEGER NOT NULL UNIQUE, model TEXT NOT NULL,"
	" sha256 TEXT NOT NULL, registered_by TEXT NOT NULL, registered_at TEXT NOT NULL, note TEXT);";

struct migration {
	int version;
	const char *sql;
};

static const struct migration migrations[] = {
	{1, migration_1},
	{2, migration_2},
	{3, migration_3},
	{4, migration_4},
	{5, migration_5},
	{6, migration_6},
	{7, migration_7},
	{8, migration_8},
	{9, migration_9},
	{10, migration_10},
};
#define NMIGRATIONS (int)(sizeof migrations / sizeof migrations[0])

int schema_latest_version(void)
{
	return migrations[NMIGRATIONS - 1].version;
}

int schema_version(struct db *db, int *version, struct err *e)
{
	int exists;
	long long v;
	*version = 0;
	if (db_table_exists(db, "meta", &exists, e))
		return e->code;
	if (!exists)
		return 0;
	if (db_query_int(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'",
			 NULL, &v, e))
		return e->code;
	*version = (int)v;
	return 0;
}

static int apply(struct db *db, const struct migration *m, struct err *e)
{
	char *sql = db_template_sql(db, m->sql);
	char version[16];
	struct db_stmt *st = NULL;
	int rc = db_begin(db, e);
	if (!rc)
		rc = db_exec(db, sql, e);
	if (!rc)
		rc = db_prepare(db, m->version == 1
				    ? "INSERT INTO meta(key, value) VALUES ('schema_version', ?)"
				    : "UPDATE meta SET value = ? WHERE key = 'schema_version'",
				&st, e);
	if (!rc) {
		snprintf(version, sizeof version, "%d", m->version);
		db_bind_text(st, 1, version);
		rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	}
	db_finalize(st);
	free(sql);
	if (!rc)
		rc = db_commit(db, e);
	if (rc) {
		db_rollback(db);
		err_prefix(e, "スキーマ移行 %d に失敗しました", m->version);
	}
	return rc;
}

int schema_migrate(struct db *db, struct err *e)
{
	int version;
	if (schema_version(db, &version, e))
		return e->code;
	if (version > schema_latest_version())
		return err_set(e, ERR_INPUT,
			       "データベースのスキーマ版 %d はこの mamori（対応版 %d）より新しいため開けません。"
			       "新しい mamori を使ってください",
			       version, schema_latest_version());
	for (int i = 0; i < NMIGRATIONS; i++)
		if (migrations[i].version > version && apply(db, &migrations[i], e))
			return e->code;
	return 0;
}
