/*
 * netcheck_out.c — the result as the contract JSON and as Japanese text.
 */
#include <string.h>

#include "core/netcheck.h"
#include "util/json.h"

static void bool_kv(struct json_writer *w, const char *key, int v)
{
	jw_key(w, key);
	jw_raw(w, v ? "true" : "false");
}

void netcheck_json(const struct netmodel *m, const struct netcheck_result *r, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_object_begin(&w);
	jw_key(&w, "violations");
	jw_array_begin(&w);
	for (size_t i = 0; i < r->nviolations; i++) {
		const struct net_violation *v = &r->violations[i];
		jw_object_begin(&w);
		jw_kv_string(&w, "control", v->control);
		jw_kv_string(&w, "rule", v->rule);
		jw_kv_string(&w, "from", v->from);
		jw_kv_string(&w, "to", v->to);
		jw_kv_string(&w, "message", v->message);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_key(&w, "reach");
	jw_array_begin(&w);
	for (size_t i = 0; i < r->nreach; i++) {
		const struct net_reach *x = &r->reach[i];
		jw_object_begin(&w);
		jw_kv_string(&w, "from", m->zones[x->from_zone].id);
		jw_kv_string(&w, "to", m->zones[x->to_zone].id);
		bool_kv(&w, "direct", x->direct);
		bool_kv(&w, "via_sanitizer", x->via_sanitizer);
		jw_kv_string(&w, "example", x->example);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(out, '\n');
}

void netcheck_text(const struct netmodel *m, const struct netcheck_result *r, struct buf *out)
{
	buf_printf(out, "%s（%sモデル）のネットワーク検査\n\n", m->municipality,
		   net_model_label(m->model));
	if (r->nviolations == 0)
		buf_puts(out, "違反は見つかりませんでした。\n");
	else
		buf_printf(out, "違反 %zu 件\n", r->nviolations);
	for (size_t i = 0; i < r->nviolations; i++) {
		const struct net_violation *v = &r->violations[i];
		buf_printf(out, "\n[%s] %s\n  %s\n", v->control, v->rule, v->message);
	}
	buf_puts(out, "\nゾーン間の到達性\n");
	if (r->nreach == 0)
		buf_puts(out, "  ゾーンの間に通信経路はありません。\n");
	for (size_t i = 0; i < r->nreach; i++) {
		const struct net_reach *x = &r->reach[i];
		const char *how = x->via_sanitizer ? "無害化装置・画面転送装置経由のみ"
				  : x->direct    ? "直接"
						 : "中継サーバ経由";
		buf_printf(out, "  %s（%s）→ %s（%s）: %s\n    例: %s\n", m->zones[x->from_zone].id,
			   net_area_label(m->zones[x->from_zone].area), m->zones[x->to_zone].id,
			   net_area_label(m->zones[x->to_zone].area), how, x->example);
	}
}
