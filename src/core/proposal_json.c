/*
 * proposal_json.c — one proposal as JSON (proposal_json.h).
 */
#include "core/proposal_json.h"

#include "util/json.h"

void proposal_json(struct json_writer *w, const struct proposal *p)
{
	jw_object_begin(w);
	jw_kv_int(w, "adopted_version", p->adopted_version_id);
	jw_kv_int(w, "base_version", p->base_version_id);
	jw_kv_string(w, "clause", p->clause);
	jw_kv_string(w, "created_at", p->created_at);
	jw_kv_int(w, "fiscal_year", p->fiscal_year);
	jw_kv_string(w, "no", p->proposal_no);
	jw_kv_string(w, "proposal", p->proposal);
	jw_kv_string(w, "reason", p->reason);
	jw_kv_string(w, "ref", p->source_ref);
	jw_kv_string(w, "source", p->source);
	jw_kv_string(w, "source_label", proposal_source_label(p->source));
	jw_kv_string(w, "state", p->state);
	jw_kv_string(w, "state_label", proposal_state_label(p->state));
	jw_object_end(w);
}
