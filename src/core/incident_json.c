/*
 * incident_json.c — one incident as JSON (incident_json.h): the fields of
 * the 第一報, the exposure, the notices, the targets and the timeline.
 */
#include "core/incident_json.h"

static void notices_json(struct json_writer *w, const struct incident_report *r)
{
	jw_key(w, "notices");
	jw_array_begin(w);
	for (size_t i = 0; i < r->nnotices; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "channel", r->notices[i].channel);
		jw_kv_string(w, "done_at", r->notices[i].done_at);
		jw_kv_string(w, "due_at", r->notices[i].due_at);
		jw_kv_string(w, "party", r->notices[i].party);
		jw_kv_int(w, "staff_id", r->notices[i].staff_id);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void targets_json(struct json_writer *w, const struct incident_report *r)
{
	jw_key(w, "targets");
	jw_array_begin(w);
	for (size_t i = 0; i < r->ntargets; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "asset_no", r->targets[i].asset_no);
		jw_kv_int(w, "confidentiality", r->targets[i].confidentiality);
		jw_kv_string(w, "personal", r->targets[i].personal);
		jw_kv_string(w, "system_code", r->targets[i].system_code);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void timeline_json(struct json_writer *w, const struct incident_report *r)
{
	jw_key(w, "timeline");
	jw_array_begin(w);
	for (size_t i = 0; i < r->nsteps; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "actor", r->steps[i].actor_name);
		jw_kv_string(w, "at", r->steps[i].at);
		jw_key(w, "body");
		jw_raw(w, r->steps[i].body);
		jw_kv_int(w, "id", r->steps[i].id);
		jw_kv_string(w, "kind", r->steps[i].kind);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void incident_report_json(struct json_writer *w, const struct incident_report *r)
{
	jw_object_begin(w);
	jw_kv_string(w, "category", r->inc.category);
	jw_kv_string(w, "cause", r->inc.cause);
	jw_kv_string(w, "closed_at", r->inc.closed_at);
	jw_kv_string(w, "damage", r->inc.damage);
	jw_kv_string(w, "detected_at", r->inc.detected_at);
	jw_key(w, "exposure");
	jw_object_begin(w);
	jw_kv_int(w, "max_confidentiality", r->exposure.max_confidentiality);
	jw_kv_int(w, "personal", r->exposure.personal);
	jw_object_end(w);
	jw_kv_string(w, "incident_no", r->inc.incident_no);
	jw_key(w, "is_incident");
	if (r->inc.is_incident < 0)
		jw_raw(w, "null");
	else
		jw_raw(w, r->inc.is_incident ? "true" : "false");
	notices_json(w, r);
	jw_kv_string(w, "record", r->inc.record);
	jw_kv_string(w, "reporter", r->reporter);
	jw_kv_string(w, "severity", r->inc.severity);
	jw_kv_string(w, "situation", r->inc.situation);
	jw_kv_string(w, "source", r->inc.source);
	jw_kv_string(w, "state", r->inc.state);
	targets_json(w, r);
	timeline_json(w, r);
	jw_kv_string(w, "title", r->inc.title);
	jw_kv_string(w, "unit", r->unit_name);
	jw_object_end(w);
}

void incident_row_json(struct json_writer *w, const struct incident_row *r, int with_labels)
{
	jw_object_begin(w);
	jw_kv_string(w, "category", r->category);
	if (with_labels) {
		const struct incident_category *c = incident_category_find(r->category);
		jw_kv_string(w, "category_label", c ? c->label : r->category);
	}
	jw_kv_string(w, "detected_at", r->detected_at);
	jw_kv_string(w, "incident_no", r->incident_no);
	jw_kv_int(w, "open_notices", r->open_notices);
	jw_kv_int(w, "overdue_notices", r->overdue_notices);
	jw_kv_string(w, "severity", r->severity);
	if (with_labels)
		jw_kv_string(w, "severity_label", incident_severity_label(r->severity));
	jw_kv_string(w, "state", r->state);
	jw_kv_string(w, "state_label", incident_state_label(r->state));
	jw_kv_string(w, "title", r->title);
	jw_object_end(w);
}
