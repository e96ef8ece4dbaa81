/*
 * exception_json.h — one 例外措置 as the JSON object that both the CLI
 * (exception list/show --format json) and the API (docs/api.md) write: the
 * people by 職員番号, the 課 and the system by code, the derived 期限切れ
 * and state label as of today, and the timeline when it is given.
 */
#ifndef MAMORI_EXCEPTION_JSON_H
#define MAMORI_EXCEPTION_JSON_H

#include "core/case_event.h"
#include "core/exception.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/staff.h"

struct json_writer;

/* ev may be NULL (a list leaves the timeline out). */
void exception_json(struct json_writer *w, const struct exception_req *x, const char *today,
		    const struct staff_list *staff, const struct org_units *units,
		    const struct info_systems *systems, const struct case_events *ev);

#endif
