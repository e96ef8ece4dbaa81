/*
 * incident_targets.c — adding affected assets and systems after intake
 * (incident.h, incident_add_targets).
 *
 * What is affected is often learnt only during the response: CSIRT (or the
 * person who reported it) adds targets as a "targets" step, and the notices
 * are re-computed, so a system found later still brings its 情報システム管理者.
 * Severity is not re-derived: once set it changes only by a severity step,
 * which leaves that judgement with CSIRT.
 */
#include <stdlib.h>
#include <string.h>

#include "core/case_event.h"
#include "core/incident_internal.h"
#include "util/buf.h"
#include "util/json.h"

/* Whether id is among the first n ids, or already a target in v. */
static int taken(const long long *ids, int n, long long id, const struct incident_target *v,
		 size_t nv, int system)
{
	for (int k = 0; k < n; k++)
		if (ids[k] == id)
			return 1;
	for (size_t i = 0; i < nv; i++)
		if ((system ? v[i].system_id : v[i].asset_id) == id)
			return 1;
	return 0;
}

/* Refuses a target already on the incident or named twice in the input. */
static int check_new(struct db *db, const struct incident *inc, const struct incident_targets_in *in,
		     const long long *asset_ids, const long long *system_ids, struct err *e)
{
	struct incident_target *v;
	size_t n;
	if (incident_targets_load(db, inc->id, &v, &n, e))
		return e->code;
	int rc = 0;
	if (n + (size_t)in->nassets + (size_t)in->nsystems > INCIDENT_MAX_TARGETS)
		rc = err_set(e, ERR_INPUT, "対象の資産・システムは%d件までです", INCIDENT_MAX_TARGETS);
	for (int k = 0; !rc && k < in->nassets; k++)
		if (taken(asset_ids, k, asset_ids[k], v, n, 0))
			rc = err_set(e, ERR_INPUT, "資産番号「%s」は既に対象です", in->assets[k]);
	for (int k = 0; !rc && k < in->nsystems; k++)
		if (taken(system_ids, k, system_ids[k], v, n, 1))
			rc = err_set(e, ERR_INPUT, "システムコード「%s」は既に対象です", in->systems[k]);
	free(v);
	return rc;
}

static void string_array(struct json_writer *w, const char *key, const char **v, int n)
{
	jw_key(w, key);
	jw_array_begin(w);
	for (int k = 0; k < n; k++)
		jw_string(w, v[k]);
	jw_array_end(w);
}

/* Keys in byte order: the body is canonical JSON. */
static char *targets_body(const struct incident_targets_in *in)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	string_array(&w, "assets", in->assets, in->nassets);
	if (in->note && *in->note)
		jw_kv_string(&w, "note", in->note);
	string_array(&w, "systems", in->systems, in->nsystems);
	jw_object_end(&w);
	return buf_take(&b);
}

/* The acting person may add targets: CSIRT or the reporter, while open. */
static int authorise(struct db *db, const struct incident *inc, const struct staff *s, struct err *e)
{
	int may;
	if (incident_step_may(db, inc, s->id, "note", &may, e))
		return e->code;
	if (!may && (strcmp(inc->state, "closed") == 0 || strcmp(inc->state, "not_incident") == 0))
		return err_set(e, ERR_INPUT, "インシデント %s は「%s」の状態のため対象を追加できません",
			       inc->incident_no, incident_state_label(inc->state));
	if (!may)
		return err_set(e, ERR_INPUT, "%s（%s）は対象を追加できません（CSIRT または報告者が追加します）",
			       s->name, s->staff_no);
	return 0;
}

static int add_all(struct tx *tx, const struct incident *inc, const struct incident_targets_in *in,
		   long long actor_id, struct err *e)
{
	long long asset_ids[INCIDENT_MAX_TARGETS], system_ids[INCIDENT_MAX_TARGETS], unit = 0;
	struct incident_new as_new = {.assets = in->assets, .nassets = in->nassets,
				      .systems = in->systems, .nsystems = in->nsystems};
	if (in->nassets + in->nsystems == 0)
		return err_set(e, ERR_INPUT, "追加する資産番号（--asset）かシステムコード（--system）を指定してください");
	if (in->nassets > INCIDENT_MAX_TARGETS || in->nsystems > INCIDENT_MAX_TARGETS)
		return err_set(e, ERR_INPUT, "対象の資産・システムは%d件までです", INCIDENT_MAX_TARGETS);
	if (incident_resolve_targets(tx->db, &as_new, asset_ids, system_ids, &unit, e) ||
	    check_new(tx->db, inc, in, asset_ids, system_ids, e))
		return e->code;
	int rc = 0;
	for (int k = 0; !rc && k < in->nassets; k++)
		rc = incident_add_target(tx, inc->id, asset_ids[k], 0, e);
	for (int k = 0; !rc && k < in->nsystems; k++)
		rc = incident_add_target(tx, inc->id, 0, system_ids[k], e);
	if (!rc) {
		char *body = targets_body(in);
		rc = case_event_add(tx, CASE_INCIDENT, inc->id, actor_id, "targets", body, NULL, e);
		free(body);
	}
	if (!rc && inc->is_incident != 0)
		rc = incident_notices_sync(tx, inc, e);
	return rc;
}

int incident_add_targets(struct tx *tx, const struct incident_targets_in *in, struct err *e)
{
	struct incident inc;
	struct staff s;
	if (incident_load(tx->db, in->incident_no, &inc, e))
		return e->code;
	int rc = staff_current(tx->db, in->actor_no, "操作者", "--as", &s, e);
	if (rc) {
		incident_free(&inc);
		return rc;
	}
	rc = authorise(tx->db, &inc, &s, e);
	if (!rc)
		rc = add_all(tx, &inc, in, s.id, e);
	staff_free(&s);
	incident_free(&inc);
	return rc;
}
