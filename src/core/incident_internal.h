/*
 * incident_internal.h — what the incident engine's files share and nobody
 * else needs.
 */
#ifndef MAMORI_INCIDENT_INTERNAL_H
#define MAMORI_INCIDENT_INTERNAL_H

#include "core/incident.h"
#include "core/staff.h"

#define INCIDENT_MAX_TARGETS 64

const char *incident_state_id(const char *s);
const char *incident_severity_id(const char *s);
/* high 3, medium 2, low 1, unset 0 */
int incident_severity_rank(const char *sev);
void incident_row_of(const struct incident *i, struct row *r);
int incident_put(struct tx *tx, const struct incident *i, int insert, const char *kind, struct err *e);
/* Whether staff `id` holds, now, any of the NULL-terminated roles (any scope). */
int incident_holds_any(struct db *db, long long staff_id, const char *const *roles, int *held,
		       struct err *e);
/* Writes one incident_target row (asset_id or system_id, the other 0). */
int incident_add_target(struct tx *tx, long long incident_id, long long asset_id, long long system_id,
			struct err *e);
/* Resolves in's 資産番号 and システムコード to ids before anything is written;
 * first_unit gets the first target's 課 when it is still 0. */
int incident_resolve_targets(struct db *db, const struct incident_new *in, long long *asset_ids,
			     long long *system_ids, long long *first_unit, struct err *e);

#endif
