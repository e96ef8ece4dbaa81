/*
 * netmodel_store.h — the network model registered for the municipality
 * (table net_model, migration 10), so that `check`, `netcheck show` and the
 * web page see the same model without the file it came from.
 *
 * Registering parses the model first (a model that does not parse is
 * refused with ERR_INPUT and nothing is written), then stores it as
 * netmodel_to_json writes it: imported firewall rules inlined.  Every
 * registration is a new version; the highest is the current one.
 */
#ifndef MAMORI_NETMODEL_STORE_H
#define MAMORI_NETMODEL_STORE_H

#include <stddef.h>

#include "core/netcheck.h"
#include "core/netmodel.h"
#include "store/tx.h"

struct net_model_version {
	long long id;
	int version;
	char *sha256;        /* of model, hex */
	char *registered_by; /* journal actor: "staff:…" or "cli:…" */
	char *registered_at;
	char *note;          /* may be NULL */
	char *model;         /* the expanded model JSON; NULL in lists */
};

struct net_model_versions {
	size_t n;
	struct net_model_version *v; /* by version, oldest first */
};

/* What a registration stored, for the caller's message. */
struct net_model_registered {
	int version;
	size_t nviolations; /* as checked on tx->at's day */
	char sha256[65];
};

/*
 * Parses json (relative imports resolved against base_dir; NULL refuses
 * imports, as for a model sent over the web), checks it and stores it as
 * the next version.  Errors name the JSON path.
 */
int netmodel_register(struct tx *tx, const char *json, size_t len, const char *base_dir,
		      const char *note, struct net_model_registered *out, struct err *e);

/* The current version's number, 0 when no model is registered. */
int netmodel_current_version(struct db *db, int *version, struct err *e);

/* Every version without its model text. */
int netmodel_versions_load(struct db *db, struct net_model_versions *out, struct err *e);
void netmodel_versions_free(struct net_model_versions *l);

/* One version with its model (version 0: the current one); *found = 0 when
   there is none. */
int netmodel_version_get(struct db *db, int version, struct net_model_version *out, int *found,
			 struct err *e);
void netmodel_version_free(struct net_model_version *v);

/* A stored version parsed and checked, for `check`, the CLI and the web. */
struct net_model_checked {
	struct net_model_version meta;
	struct netmodel model;
	struct netcheck_result result;
};

/* today dates the external check of β/β′ (netcheck_run). */
int netmodel_checked_load(struct db *db, int version, const char *today,
			  struct net_model_checked *out, int *found, struct err *e);
void netmodel_checked_free(struct net_model_checked *c);

#endif
