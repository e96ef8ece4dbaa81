/*
 * incident_step.c — the incident state machine: each step is a timeline
 * entry (case_event) and some steps move the state (incident.h).
 *
 * The table below is the whole machine; docs/incidents.md prints it.  A step
 * refused here writes nothing: the caller rolls the transaction back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_event.h"
#include "core/incident_internal.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/json.h"

/* Roles that run the response: the 統一的な窓口 (CSIRT), 統括 and the CISO. */
static const char *const responders[] = {"csirt", "csirt_lead", "chief_officer", "ciso",
					 "deputy_ciso", NULL};
/* A cut-off may also be ordered by a 情報システム管理者 (commentary on 1(9)). */
static const char *const cutters[] = {"csirt", "csirt_lead", "chief_officer", "ciso",
				      "deputy_ciso", "system_admin", NULL};
static const char *const directors[] = {"ciso", "deputy_ciso", NULL};

struct step_kind {
	const char *kind, *label;
	const char *from;   /* space-separated states it may be taken in; "*" any open state */
	const char *to;     /* NULL: the state stays */
	const char *const *who;
	int reporter_may;   /* the person who reported it may add this step too */
};

static const struct step_kind kinds[] = {
	{"assess", "CSIRT評価", "received", NULL, responders, 0},
	{"measure", "応急措置", "responding", NULL, responders, 0},
	{"recovery", "復旧の指示", "responding", NULL, responders, 0},
	{"investigate", "原因究明", "responding", "investigating", responders, 0},
	{"prevention", "再発防止策（CISOへ報告）", "investigating", "prevention", responders, 0},
	{"directive", "CISOの指示", "prevention", NULL, directors, 0},
	{"close", "完了", "prevention", "closed", responders, 0},
	{"cutoff", "ネットワーク・システムの遮断", "responding investigating", NULL, cutters, 0},
	{"cutoff_report", "緊急遮断の事後報告", "responding investigating prevention closed", NULL, cutters, 0},
	{"severity", "重大度の変更", "received responding investigating prevention", NULL, responders, 0},
	{"note", "記録", "*", NULL, responders, 1},
};

const char *incident_step_label(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return kinds[i].label;
	/* steps mamori writes itself, which `incident step` does not accept */
	static const char *const own[][2] = {
		{"received", "受付"}, {"notified", "連絡"}, {"report", "報告書の作成"},
		{"targets", "対象の追加"}};
	for (size_t i = 0; kind && i < sizeof own / sizeof own[0]; i++)
		if (strcmp(own[i][0], kind) == 0)
			return own[i][1];
	return kind ? kind : "";
}

static const struct step_kind *kind_find(const char *k)
{
	for (size_t i = 0; k && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, k) == 0 || strcmp(kinds[i].label, k) == 0)
			return &kinds[i];
	return NULL;
}

static int state_allowed(const struct step_kind *k, const char *state)
{
	if (strcmp(k->from, "*") == 0)
		return strcmp(state, "closed") != 0 && strcmp(state, "not_incident") != 0;
	size_t n = strlen(state);
	for (const char *p = k->from; (p = strstr(p, state)) != NULL; p += n)
		if ((p == k->from || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
			return 1;
	return 0;
}

int incident_holds_any(struct db *db, long long staff_id, const char *const *roles, int *held,
		       struct err *e)
{
	struct db_stmt *st;
	*held = 0;
	if (db_prepare(db, "SELECT role FROM role_assignment WHERE staff_id = ? AND ended_on IS NULL",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, staff_id);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW)
		for (size_t k = 0; roles[k]; k++)
			if (strcmp(db_column_text(st, 0), roles[k]) == 0)
				*held = 1;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static int authorise(struct db *db, const struct step_kind *k, const struct incident *inc,
		     const struct staff *s, struct err *e)
{
	int held;
	if (incident_holds_any(db, s->id, k->who, &held, e))
		return e->code;
	if (held || (k->reporter_may && inc->reporter_id == s->id))
		return 0;
	struct buf who = BUF_INIT;
	for (size_t i = 0; k->who[i]; i++)
		buf_printf(&who, "%s%s", i ? "・" : "", vocab_label(&vocab_role, k->who[i]));
	err_set(e, ERR_INPUT, "%s（%s）は「%s」を行えません（行えるのは %s）", s->name, s->staff_no,
		k->label, buf_str(&who));
	buf_free(&who);
	return e->code;
}

/* Whether the timeline already has a step of `kind` (for close). */
static int has_step(struct db *db, long long incident_id, const char *kind, long long id,
		    int *found, struct err *e)
{
	struct db_stmt *st;
	*found = 0;
	if (db_prepare(db, "SELECT id, body FROM case_event WHERE case_kind = 'incident' AND case_id = ?"
			   " AND kind = ?", &st, e))
		return e->code;
	db_bind_int(st, 1, incident_id);
	db_bind_text(st, 2, kind);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW)
		if (!id || db_column_int(st, 0) == id)
			*found = id ? (strstr(db_column_text(st, 1), "\"emergency\":1") ? 2 : 1) : 1;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

/* The emergency cut-off a cutoff_report refers to must exist and be unreported. */
static int check_cutoff_ref(struct db *db, const struct incident *inc, long long ref, struct err *e)
{
	int found;
	if (!ref)
		return err_set(e, ERR_INPUT, "事後報告する遮断の記録番号を --ref で指定してください（incident show に表示）");
	if (has_step(db, inc->id, "cutoff", ref, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "記録番号 %lld はこのインシデントの遮断ではありません", ref);
	if (found != 2)
		return err_set(e, ERR_INPUT, "記録番号 %lld の遮断は緊急遮断ではないため、事後報告は不要です", ref);
	struct db_stmt *st;
	if (db_prepare(db, "SELECT body FROM case_event WHERE case_kind = 'incident' AND case_id = ?"
			   " AND kind = 'cutoff_report'", &st, e))
		return e->code;
	db_bind_int(st, 1, inc->id);
	char needle[48], last[48];
	snprintf(needle, sizeof needle, "\"ref\":%lld,", ref);
	snprintf(last, sizeof last, "\"ref\":%lld}", ref);
	int dup = 0;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW)
		dup |= strstr(db_column_text(st, 0), needle) || strstr(db_column_text(st, 0), last);
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	return dup ? err_set(e, ERR_INPUT, "記録番号 %lld の遮断は既に事後報告されています", ref) : 0;
}

/* Keys in byte order: the body is canonical JSON. */
static char *step_body(const struct incident_step_in *in, const char *ordered_by)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	if (strcmp(in->kind, "cutoff") == 0)
		jw_kv_int(&w, "emergency", in->emergency ? 1 : 0);
	if (in->is_incident)
		jw_kv_int(&w, "is_incident", strcmp(in->is_incident, "yes") == 0);
	if (in->note && *in->note)
		jw_kv_string(&w, "note", in->note);
	if (ordered_by)
		jw_kv_string(&w, "ordered_by", ordered_by);
	if (in->reason && *in->reason)
		jw_kv_string(&w, "reason", in->reason);
	if (in->ref)
		jw_kv_int(&w, "ref", in->ref);
	if (in->severity)
		jw_kv_string(&w, "severity", in->severity);
	if (in->target && *in->target)
		jw_kv_string(&w, "target", in->target);
	jw_object_end(&w);
	return buf_take(&b);
}

/* Kind-specific input checks and the state change the kind implies. */
static int apply_kind(struct tx *tx, struct incident_step_in *in, struct incident *inc,
		      const struct step_kind *k, int *changed, struct err *e)
{
	const char *to = k->to;
	*changed = 0;
	if (strcmp(k->kind, "assess") == 0) {
		if (!in->is_incident || (strcmp(in->is_incident, "yes") && strcmp(in->is_incident, "no")))
			return err_set(e, ERR_INPUT, "CSIRT評価には --incident yes（インシデント）か no（非該当）を指定してください");
		inc->is_incident = strcmp(in->is_incident, "yes") == 0;
		to = inc->is_incident ? "responding" : "not_incident";
		if (!inc->is_incident) {
			free(inc->closed_at);
			inc->closed_at = xstrdup(tx->at);
		}
		*changed = 1;
	} else if (strcmp(k->kind, "cutoff") == 0) {
		if (!in->target || !*in->target || !in->reason || !*in->reason)
			return err_set(e, ERR_INPUT, "遮断には対象（--target）と理由（--reason）が必要です");
	} else if (strcmp(k->kind, "cutoff_report") == 0) {
		if (check_cutoff_ref(tx->db, inc, in->ref, e))
			return e->code;
	} else if (strcmp(k->kind, "severity") == 0) {
		const char *sev = incident_severity_id(in->severity);
		if (!sev)
			return err_set(e, ERR_INPUT, "重大度（--severity）は high / medium / low（高・中・低）のいずれかです");
		in->severity = sev;
		free(inc->severity);
		inc->severity = xstrdup(sev);
		*changed = 1;
	} else if (strcmp(k->kind, "close") == 0) {
		int found;
		if (has_step(tx->db, inc->id, "directive", 0, &found, e))
			return e->code;
		if (!found)
			return err_set(e, ERR_INPUT, "完了の前に CISO の指示（directive）を記録してください");
		free(inc->closed_at);
		inc->closed_at = xstrdup(tx->at);
	} else if (strcmp(k->kind, "note") == 0 && (!in->note || !*in->note)) {
		return err_set(e, ERR_INPUT, "記録する内容（--note）を入力してください");
	}
	if (to) {
		free(inc->state);
		inc->state = xstrdup(to);
		*changed = 1;
	}
	return 0;
}

int incident_step_may(struct db *db, const struct incident *inc, long long staff_id,
		      const char *kind, int *may, struct err *e)
{
	const struct step_kind *k = kind_find(kind);
	*may = 0;
	if (!k || !state_allowed(k, inc->state))
		return 0;
	if (k->reporter_may && inc->reporter_id && inc->reporter_id == staff_id) {
		*may = 1;
		return 0;
	}
	return incident_holds_any(db, staff_id, k->who, may, e);
}

int incident_step(struct tx *tx, const struct incident_step_in *in_arg, struct err *e)
{
	struct incident_step_in in = *in_arg;
	struct incident inc;
	struct staff s;
	const struct step_kind *k = kind_find(in.kind);
	if (!k)
		return err_set(e, ERR_INPUT, "手順の種類「%s」はありません（assess, measure, recovery, investigate,"
			       " prevention, directive, close, cutoff, cutoff_report, severity, note）",
			       in.kind ? in.kind : "");
	in.kind = k->kind;
	if (incident_load(tx->db, in.incident_no, &inc, e))
		return e->code;
	int rc = staff_current(tx->db, in.actor_no, "操作者", "--as", &s, e);
	if (rc) {
		incident_free(&inc);
		return rc;
	}
	if (!state_allowed(k, inc.state))
		rc = err_set(e, ERR_INPUT, "インシデント %s は「%s」の状態のため「%s」はできません", inc.incident_no,
			     incident_state_label(inc.state), k->label);
	if (!rc)
		rc = authorise(tx->db, k, &inc, &s, e);
	int changed = 0;
	if (!rc)
		rc = apply_kind(tx, &in, &inc, k, &changed, e);
	const char *ordered_by = NULL;
	if (!rc && strcmp(k->kind, "cutoff") == 0)
		ordered_by = in.ordered_by && *in.ordered_by ? in.ordered_by : s.staff_no;
	if (!rc && changed)
		rc = incident_put(tx, &inc, 0, strcmp(k->kind, "assess") == 0 ? "incident.assess" : "incident.state", e);
	if (!rc) {
		char *body = step_body(&in, ordered_by);
		rc = case_event_add(tx, CASE_INCIDENT, inc.id, s.id, k->kind, body, NULL, e);
		free(body);
	}
	if (!rc && changed && inc.is_incident != 0)
		rc = incident_notices_sync(tx, &inc, e);
	staff_free(&s);
	incident_free(&inc);
	return rc;
}
