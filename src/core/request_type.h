/*
 * request_type.h — the kinds of permission the policy demands (the 許 and 承
 * of the authority matrix), as data: who approves, under which condition,
 * which fields the application needs, whether something must come back.
 * The request engine (request.c) knows nothing about any particular type,
 * and the types themselves live in the catalog: the "request" object of the
 * clause that demands the permission (request_type.c).
 */
#ifndef MAMORI_REQUEST_TYPE_H
#define MAMORI_REQUEST_TYPE_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* What the request is about, besides the requester. */
enum request_target {
	TARGET_NONE,   /* nothing besides the fields */
	TARGET_ASSET,  /* an asset of the register (持ち出し, 運搬, 廃棄 …) */
	TARGET_SYSTEM, /* an information system (外部接続, 外部からのアクセス …) */
};

struct request_field {
	const char *key;   /* stable id in the stored JSON */
	const char *label; /* Japanese, as typed on the command line and shown */
	int is_date;       /* validated and normalised as a date */
};

#define REQUEST_MAX_FIELDS 8
#define REQUEST_MAX_APPROVERS 3

struct request_type {
	const char *id;
	const char *label;
	const char *clause;
	enum request_target target;
	const char *approvers[REQUEST_MAX_APPROVERS]; /* role ids; all must approve, in order */
	int min_confidentiality; /* permission needed only from this baseline up; 0 = always */
	struct request_field fields[REQUEST_MAX_FIELDS]; /* required; terminated by a NULL key */
	const char *due_field;   /* key of the field holding the return date, or NULL */
	int disposal;            /* completing it records a disposal (図表24) */
	int validity_days;       /* an approval lapses if not carried out within this */
};

/* Every type, in catalog order (built from the embedded catalog once). */
const struct request_type *request_types_all(size_t *n);
/*
 * Reads a clause's "request" object into t (strings point into o); returns
 * what is wrong with it, or NULL.  catalog_load uses it to check the catalog.
 */
const char *request_type_parse(const cJSON *o, const char *clause, struct request_type *t);

/* By id, label or alias (NFKC-folded); NULL when unknown. */
const struct request_type *request_type_find(const char *text);
const struct request_field *request_type_field(const struct request_type *t, const char *text);

#endif
