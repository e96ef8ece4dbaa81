/*
 * exception_json.c — one 例外措置 as JSON (exception_json.h).
 */
#include "core/exception_json.h"

#include "core/case_util.h"
#include "util/json.h"

static const char *staff_no(const struct staff_list *staff, long long id)
{
	const struct staff *s = id ? staff_by_id(staff, id) : NULL;
	return s ? s->staff_no : NULL;
}

void exception_json(struct json_writer *w, const struct exception_req *x, const char *today,
		    const struct staff_list *staff, const struct org_units *units,
		    const struct info_systems *systems, const struct case_events *ev)
{
	const struct org_unit *unit = org_unit_by_id(units, x->unit_id);
	const struct info_system *sys = x->system_id ? infosys_by_id(systems, x->system_id) : NULL;
	jw_object_begin(w);
	jw_kv_string(w, "applied_at", x->applied_at);
	jw_kv_string(w, "clause", x->clause);
	jw_kv_string(w, "decided_at", x->decided_at);
	jw_kv_string(w, "decided_by", staff_no(staff, x->decided_by));
	jw_kv_string(w, "decision_note", x->decision_note);
	jw_key(w, "emergency");
	jw_raw(w, x->emergency ? "true" : "false");
	jw_kv_string(w, "ends_on", x->ends_on);
	if (ev)
		case_events_json(w, ev, staff);
	jw_kv_string(w, "exception_no", x->exception_no);
	jw_key(w, "expired");
	jw_raw(w, exception_is_expired(x, today) ? "true" : "false");
	jw_kv_string(w, "filed_at", x->filed_at);
	jw_kv_string(w, "measures", x->measures);
	jw_kv_string(w, "reason", x->reason);
	jw_kv_string(w, "reported_at", x->reported_at);
	jw_kv_string(w, "requester", staff_no(staff, x->requester_id));
	jw_kv_string(w, "reviewed_at", x->reviewed_at);
	jw_kv_string(w, "scope", x->scope);
	jw_kv_string(w, "starts_on", x->starts_on);
	jw_kv_string(w, "state", x->state);
	jw_kv_string(w, "state_label", exception_state_label(x, today));
	jw_kv_string(w, "system", sys ? sys->code : NULL);
	jw_kv_string(w, "unit", unit ? unit->code : NULL);
	jw_object_end(w);
}
