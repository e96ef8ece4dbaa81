/*
 * audit_json.c — the evidence, items and team arrays of an audit's JSON
 * (see audit_json.h).
 */
#include "core/audit_json.h"

#include "util/json.h"

void audit_evidence_json(struct json_writer *w, const struct audit_evidence_list *l)
{
	jw_array_begin(w);
	for (size_t i = 0; i < l->n; i++) {
		const struct audit_evidence *v = &l->v[i];
		jw_object_begin(w);
		jw_kv_string(w, "content_type", v->content_type);
		jw_kv_string(w, "filename", v->filename);
		jw_kv_int(w, "id", v->id);
		jw_kv_string(w, "kind", v->kind);
		jw_kv_string(w, "sha256", v->sha256);
		jw_kv_int(w, "size", v->size);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void audit_items_json(struct json_writer *w, const struct audit_items *l)
{
	jw_array_begin(w);
	for (size_t i = 0; i < l->n; i++) {
		const struct audit_item *it = &l->v[i];
		jw_object_begin(w);
		jw_kv_string(w, "clause", it->clause);
		jw_kv_string(w, "method", it->method);
		jw_kv_string(w, "note", it->note);
		jw_kv_string(w, "result", it->result);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void audit_members_json(struct json_writer *w, const struct audit_members *l, const struct staff_list *staff)
{
	jw_array_begin(w);
	for (size_t i = 0; i < l->n; i++) {
		const struct audit_member *m = &l->v[i];
		const struct staff *s = m->staff_id ? staff_by_id(staff, m->staff_id) : NULL;
		jw_object_begin(w);
		jw_kv_string(w, "external_name", m->external_name);
		jw_kv_string(w, "name", s ? s->name : m->external_name);
		jw_kv_string(w, "role", m->role);
		jw_kv_string(w, "staff_no", s ? s->staff_no : NULL);
		jw_object_end(w);
	}
	jw_array_end(w);
}
