/*
 * audit_json.h — the parts of one audit's JSON that `mamori audit show
 * --format json` and GET /api/v1/audits/{no} write alike: the evidence
 * kept, the audit items with their results and the audit team.  Each
 * writes one array; the caller writes its key.
 */
#ifndef MAMORI_AUDIT_JSON_H
#define MAMORI_AUDIT_JSON_H

#include "core/audit.h"
#include "core/staff.h"

struct json_writer;

/* content_type, filename, id, kind, sha256, size of each file. */
void audit_evidence_json(struct json_writer *w, const struct audit_evidence_list *l);
/* clause, method, note, result of each item. */
void audit_items_json(struct json_writer *w, const struct audit_items *l);
/* external_name, name, role, staff_no of each member (staff found in staff). */
void audit_members_json(struct json_writer *w, const struct audit_members *l, const struct staff_list *staff);

#endif
