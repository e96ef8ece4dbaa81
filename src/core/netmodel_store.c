/*
 * netmodel_store.c — registering, listing and loading the network model
 * (netmodel_store.h).
 */
#include "core/netmodel_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "util/sha256.h"

#define VERSION_COLUMNS "id, version, sha256, registered_by, registered_at, note"

static void read_version(struct db_stmt *st, void *elem)
{
	struct net_model_version *v = elem;
	memset(v, 0, sizeof *v);
	v->id = db_column_int(st, 0);
	v->version = (int)db_column_int(st, 1);
	v->sha256 = col_dup(st, 2);
	v->registered_by = col_dup(st, 3);
	v->registered_at = col_dup(st, 4);
	v->note = col_dup(st, 5);
}

void netmodel_version_free(struct net_model_version *v)
{
	free(v->sha256);
	free(v->registered_by);
	free(v->registered_at);
	free(v->note);
	free(v->model);
	memset(v, 0, sizeof *v);
}

void netmodel_versions_free(struct net_model_versions *l)
{
	for (size_t i = 0; i < l->n; i++)
		netmodel_version_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int netmodel_versions_load(struct db *db, struct net_model_versions *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load(db, "SELECT " VERSION_COLUMNS " FROM net_model ORDER BY version",
			   sizeof *out->v, read_version, (void **)&out->v, &out->n, e);
	if (rc)
		netmodel_versions_free(out);
	return rc;
}

int netmodel_version_get(struct db *db, int version, struct net_model_version *out, int *found,
			 struct err *e)
{
	struct db_stmt *st;
	memset(out, 0, sizeof *out);
	*found = 0;
	const char *sql = version > 0
		? "SELECT " VERSION_COLUMNS ", model FROM net_model WHERE version = ?"
		: "SELECT " VERSION_COLUMNS ", model FROM net_model ORDER BY version DESC LIMIT 1";
	if (db_prepare(db, sql, &st, e))
		return e->code;
	if (version > 0)
		db_bind_int(st, 1, version);
	enum db_step_result s = db_step(st, e);
	if (s == DB_ROW) {
		read_version(st, out);
		out->model = col_dup(st, 6);
		*found = 1;
	}
	db_finalize(st);
	return s == DB_ERROR ? e->code : 0;
}

int netmodel_current_version(struct db *db, int *version, struct err *e)
{
	long long max;
	*version = 0;
	if (db_query_int(db, "SELECT COALESCE(MAX(version), 0) FROM net_model", NULL, &max, e))
		return e->code;
	*version = (int)max;
	return 0;
}

static int next_version(struct db *db, int *version, struct err *e)
{
	if (netmodel_current_version(db, version, e))
		return e->code;
	(*version)++;
	return 0;
}

static int put_version(struct tx *tx, const char *model, const char *hex, const char *note,
		       int version, struct err *e)
{
	long long id;
	if (tx_next_id(tx, "net_model", &id, e))
		return e->code;
	struct row r;
	row_init(&r, "net_model");
	row_int(&r, "id", id);
	row_text(&r, "model", model);
	row_text(&r, "note", note);
	row_text(&r, "registered_at", tx->at);
	row_text(&r, "registered_by", tx->actor);
	row_text(&r, "sha256", hex);
	row_int(&r, "version", version);
	return tx_put_row(tx, "netmodel.register", &r, 1, e);
}

int netmodel_register(struct tx *tx, const char *json, size_t len, const char *base_dir,
		      const char *note, struct net_model_registered *out, struct err *e)
{
	struct netmodel m;
	struct netcheck_result res;
	struct buf expanded = BUF_INIT;
	char today[11];
	memset(out, 0, sizeof *out);
	memset(&res, 0, sizeof res);
	if (netmodel_parse(&m, json, len, base_dir, e)) {
		err_prefix(e, "ネットワーク構成を登録できません");
		return e->code;
	}
	snprintf(today, sizeof today, "%.10s", tx->at);
	int rc = netcheck_run(&m, today, &res, e);
	if (!rc) {
		out->nviolations = res.nviolations;
		netmodel_to_json(&m, &expanded);
		sha256_hex(buf_str(&expanded), expanded.len, out->sha256);
		rc = next_version(tx->db, &out->version, e);
	}
	if (!rc)
		rc = put_version(tx, buf_str(&expanded), out->sha256, note, out->version, e);
	buf_free(&expanded);
	netcheck_result_free(&res);
	netmodel_free(&m);
	return rc;
}

void netmodel_checked_free(struct net_model_checked *c)
{
	netcheck_result_free(&c->result);
	netmodel_free(&c->model);
	netmodel_version_free(&c->meta);
}

int netmodel_checked_load(struct db *db, int version, const char *today,
			  struct net_model_checked *out, int *found, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (netmodel_version_get(db, version, &out->meta, found, e) || !*found)
		return e->code;
	/* A stored model was parsed when it was registered; failing now means a
	   newer mamori reads models differently, which the caller must report. */
	if (netmodel_parse(&out->model, out->meta.model, strlen(out->meta.model), NULL, e) ||
	    netcheck_run(&out->model, today, &out->result, e)) {
		err_prefix(e, "登録済みのネットワーク構成（第%d版）を読めません", out->meta.version);
		netmodel_version_free(&out->meta);
		netmodel_free(&out->model);
		memset(out, 0, sizeof *out);
		*found = 0;
		return e->code;
	}
	return 0;
}
