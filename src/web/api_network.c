/*
 * api_network.c — GET /api/v1/network[?version=N]: the registered network
 * model's check result, the same contract JSON as `mamori netcheck show
 * --format json` ({"violations":[…],…}), with two keys in front: "model"
 * (the version shown: number, SHA-256, who registered it and when, note)
 * and "versions" (every version, oldest first).
 */
#include <string.h>

#include "web/api_json.h"
#include "web/network_web.h"
#include "web/pages.h"
#include "web/response.h"

static void version_json(struct json_writer *w, const struct net_model_version *v)
{
	jw_object_begin(w);
	jw_kv_string(w, "note", v->note);
	jw_kv_string(w, "registered_at", v->registered_at);
	jw_kv_string(w, "registered_by", v->registered_by);
	jw_kv_string(w, "sha256", v->sha256);
	jw_kv_int(w, "version", v->version);
	jw_object_end(w);
}

void api_network(struct web_req *rq, struct web_resp *rs)
{
	int version = network_web_version(rq, rs), found;
	struct net_model_checked m;
	struct net_model_versions l;
	struct err e = {0};
	if (version < 0 || network_web_load(rq, rs, version, &m, &found))
		return;
	if (!found) {
		web_error(rq, rs, 404, "not_found",
			  version ? "その版のネットワーク構成はありません" : "ネットワーク構成は登録されていません");
		return;
	}
	if (netmodel_versions_load(rq->db, &l, &e)) {
		netmodel_checked_free(&m);
		web_internal_error(rq, rs, &e);
		return;
	}
	struct buf meta = BUF_INIT, contract = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &meta);
	jw_object_begin(&w);
	jw_key(&w, "model");
	version_json(&w, &m.meta);
	jw_key(&w, "versions");
	jw_array_begin(&w);
	for (size_t i = 0; i < l.n; i++)
		version_json(&w, &l.v[i]);
	jw_array_end(&w);
	netcheck_json(&m.model, &m.result, &contract);
	/* splice: our keys, then the contract object's members */
	const char *c = buf_str(&contract);
	while (*c == ' ' || *c == '\n')
		c++;
	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	rs->no_store = 1;
	buf_append(&rs->body, buf_str(&meta), meta.len);
	if (*c == '{' && c[1] != '}') {
		buf_putc(&rs->body, ',');
		buf_puts(&rs->body, c + 1);
	} else {
		buf_puts(&rs->body, "}\n");
	}
	buf_free(&meta);
	buf_free(&contract);
	netmodel_versions_free(&l);
	netmodel_checked_free(&m);
}
