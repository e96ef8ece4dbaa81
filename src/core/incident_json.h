/*
 * incident_json.h — one incident as JSON, the object `mamori incident show
 * --format json` prints and GET /api/v1/incidents/{id} answers, and one row
 * of the list, so that a script reads the same keys from either
 * (docs/incidents.md).
 */
#ifndef MAMORI_INCIDENT_JSON_H
#define MAMORI_INCIDENT_JSON_H

#include "core/incident.h"
#include "util/json.h"

/* Writes r as one object (keys in byte order) to w. */
void incident_report_json(struct json_writer *w, const struct incident_report *r);

/* Writes one row of the list as an object (keys in byte order), the row
 * `mamori incident list --format json` prints; with_labels adds the
 * category_label and severity_label the API's list carries as well. */
void incident_row_json(struct json_writer *w, const struct incident_row *r, int with_labels);

#endif
