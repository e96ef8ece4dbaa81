/*
 * page_network.c — GET /network: the registered network model (三層の対策,
 * guideline chapter 3) as a picture, its violations with their clauses,
 * the zone-to-zone reachability, and the versions registered; GET
 * /network/svg: the picture alone, to download.  ?version=N shows an older
 * version.  The register form posts to /network/register
 * (page_network_register.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"
#include "web/layout.h"
#include "web/network_web.h"
#include "web/pages.h"
#include "web/response.h"

const char *const network_web_roles_view[] = {"ciso", "deputy_ciso", "chief_officer", "system_admin", NULL};
const char *const network_web_roles_register[] = {"ciso", "chief_officer", NULL};

int network_web_version(struct web_req *rq, struct web_resp *rs)
{
	const char *v = form_get(&rq->query, "version");
	if (!v || !*v)
		return 0;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < 1 || n > 1000000) {
		web_error(rq, rs, 400, "bad_parameter", "版（version）は 1 以上の整数です");
		return -1;
	}
	return (int)n;
}

int network_web_load(struct web_req *rq, struct web_resp *rs, int version, struct net_model_checked *out,
		     int *found)
{
	struct err e = {0};
	char today[11];
	time_today(today);
	if (netmodel_checked_load(rq->db, version, today, out, found, &e)) {
		web_internal_error(rq, rs, &e);
		return -1;
	}
	return 0;
}

void network_web_unchecked_note(struct db *db, struct buf *b)
{
	int version;
	struct err e = {0};
	if (netmodel_current_version(db, &version, &e) == 0 && version == 0)
		buf_puts(b, "<p class=\"note\">ネットワーク構成が登録されていないため、三層の対策（第3章）は点検していません。</p>\n");
}

static const char *model_kind_label(enum net_model_kind k)
{
	return k == MODEL_ALPHA ? "αモデル" : k == MODEL_BETA ? "βモデル" : "β′モデル";
}

static void register_form(struct buf *b, const struct web_req *rq)
{
	if (!web_user_has_any(rq->user, network_web_roles_register))
		return;
	buf_puts(b, "<h2 id=\"register\">新しい版を登録する</h2>\n"
		    "<form method=\"post\" action=\"/network/register\" enctype=\"multipart/form-data\" class=\"stack\""
		    " data-upload>\n");
	layout_csrf_field(b, rq);
	buf_puts(b, "<label for=\"net-file\">ネットワーク構成ファイル（JSON）</label>"
		    "<input id=\"net-file\" type=\"file\" name=\"file\" required accept=\".json,application/json\">\n"
		    "<label for=\"net-note\">メモ（任意）</label><input id=\"net-note\" name=\"note\" maxlength=\"400\">\n"
		    "<button type=\"submit\">登録する</button></form>\n"
		    "<p class=\"note\">ファイアウォールの設定を取り込む（import を含む）構成は、Web では登録できません。"
		    "先に <code>mamori netcheck MODEL.json --expand</code> で取り込んだ規則を書き込んだ構成にしてから登録するか、"
		    "<code>mamori netcheck register MODEL.json</code> で登録してください。</p>\n");
}

static void metadata(struct buf *b, const struct net_model_checked *m, int current)
{
	html_printf(b, "<dl class=\"facts\"><dt>版</dt><dd>第%d版%s</dd>", m->meta.version, current ? "（現在の版）" : "");
	buf_puts(b, "<dt>登録</dt><dd>");
	layout_date(b, m->meta.registered_at);
	html_printf(b, "　%s</dd>", m->meta.registered_by);
	html_printf(b, "<dt>団体</dt><dd>%s</dd><dt>モデル</dt><dd>%s</dd>",
		    m->model.municipality ? m->model.municipality : "", model_kind_label(m->model.model));
	if (m->meta.note && *m->meta.note)
		html_printf(b, "<dt>メモ</dt><dd>%s</dd>", m->meta.note);
	html_printf(b, "<dt>SHA-256</dt><dd><code>%s</code></dd>"
		       "<dt>規模</dt><dd>領域 %zu、セグメント %zu、機器 %zu、外部接続先 %zu、ファイアウォール %zu</dd></dl>\n",
		    m->meta.sha256, m->model.nzones, m->model.nsegments, m->model.nhosts, m->model.npeers,
		    m->model.nfirewalls);
}

static void picture(struct buf *b, const struct net_model_checked *m)
{
	buf_puts(b, "<h2>構成図</h2>\n<figure class=\"netmap-figure\">");
	netcheck_svg(&m->model, &m->result, b);
	html_printf(b, "<figcaption><a href=\"/network/svg?version=%d\" download>構成図（SVG）をダウンロード</a>"
		       "</figcaption></figure>\n",
		    m->meta.version);
}

static void violations(struct buf *b, const struct net_model_checked *m)
{
	const struct netcheck_result *r = &m->result;
	html_printf(b, "<h2 id=\"violations\">違反 %zu 件</h2>\n", r->nviolations);
	if (!r->nviolations) {
		buf_puts(b, "<p>この構成に三層の対策の違反は見つかりませんでした。</p>\n");
		return;
	}
	buf_puts(b, "<table class=\"net-violations\"><thead><tr><th>番号</th><th>条項</th><th>規則</th><th>発生元</th>"
		    "<th>宛先</th><th>内容</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < r->nviolations; i++) {
		const struct net_violation *v = &r->violations[i];
		html_printf(b, "<tr id=\"v%zu\"><td class=\"net-num\">%zu</td><td><a href=\"/catalog/%s\">%s</a></td>"
			       "<td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    i + 1, i + 1, v->control, v->control, v->rule, v->from ? v->from : "", v->to ? v->to : "",
			    v->message ? v->message : "");
	}
	buf_puts(b, "</tbody></table>\n");
}

/* The reach entry from zone a to zone z, or NULL. */
static const struct net_reach *reach_of(const struct netcheck_result *r, size_t a, size_t z)
{
	for (size_t i = 0; i < r->nreach; i++)
		if (r->reach[i].from_zone == a && r->reach[i].to_zone == z)
			return &r->reach[i];
	return NULL;
}

static void matrix(struct buf *b, const struct net_model_checked *m)
{
	const struct netmodel *md = &m->model;
	buf_puts(b, "<h2>領域間の到達性</h2>\n<p class=\"note\">行の領域から列の領域・外部接続先へ通信が届くかどうか。"
		    "「直接」はファイアウォールの規則だけで届くこと、「無害化経由」は無害化装置・画面転送装置を経由してだけ届くことです。</p>\n"
		    "<div class=\"table-wrap\"><table class=\"net-matrix\"><thead><tr><th>発＼着</th>");
	for (size_t z = 0; z < md->nzones; z++)
		html_printf(b, "<th>%s</th>", md->zones[z].name ? md->zones[z].name : md->zones[z].id);
	for (size_t p = 0; p < md->npeers; p++)
		html_printf(b, "<th class=\"net-peer-col\">%s</th>", md->peers[p].name ? md->peers[p].name : md->peers[p].id);
	buf_puts(b, "</tr></thead><tbody>\n");
	for (size_t a = 0; a < md->nzones; a++) {
		html_printf(b, "<tr><th>%s</th>", md->zones[a].name ? md->zones[a].name : md->zones[a].id);
		for (size_t z = 0; z < md->nzones; z++) {
			const struct net_reach *x = a == z ? NULL : reach_of(&m->result, a, z);
			if (a == z)
				buf_puts(b, "<td class=\"net-self\">—</td>");
			else if (!x)
				buf_puts(b, "<td class=\"net-none\">×</td>");
			else if (x->direct)
				html_printf(b, "<td class=\"net-cell-direct\" title=\"%s\">直接</td>", x->example ? x->example : "");
			else
				html_printf(b, "<td class=\"net-cell-via\" title=\"%s\">無害化経由</td>", x->example ? x->example : "");
		}
		for (size_t p = 0; p < md->npeers; p++) {
			int yes = m->result.reach_peer && m->result.reach_peer[a * md->npeers + p];
			buf_puts(b, yes ? "<td class=\"net-cell-direct\">到達</td>" : "<td class=\"net-none\">×</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table></div>\n");
}

static void history(struct web_req *rq, struct buf *b, int shown)
{
	struct net_model_versions l;
	struct err e = {0};
	if (netmodel_versions_load(rq->db, &l, &e))
		return;
	buf_puts(b, "<h2>登録の履歴</h2>\n<table class=\"net-versions\"><thead><tr><th>版</th><th>登録日時</th>"
		    "<th>登録者</th><th>メモ</th><th>SHA-256</th></tr></thead><tbody>\n");
	for (size_t i = l.n; i-- > 0;) {
		const struct net_model_version *v = &l.v[i];
		if (v->version == shown)
			html_printf(b, "<tr class=\"current\"><td>第%d版（表示中）</td><td>", v->version);
		else
			html_printf(b, "<tr><td><a href=\"/network?version=%d\">第%d版</a></td><td>", v->version, v->version);
		layout_date(b, v->registered_at);
		html_printf(b, "</td><td>%s</td><td>%s</td><td><code>%.12s…</code></td></tr>\n", v->registered_by,
			    v->note ? v->note : "", v->sha256 ? v->sha256 : "");
	}
	buf_puts(b, "</tbody></table>\n");
	netmodel_versions_free(&l);
}

void page_network(struct web_req *rq, struct web_resp *rs)
{
	int version = network_web_version(rq, rs), found, current;
	struct net_model_checked m;
	struct err e = {0};
	if (version < 0 || network_web_load(rq, rs, version, &m, &found))
		return;
	if (!found && version) {
		web_error(rq, rs, 404, "not_found", "その版のネットワーク構成はありません");
		return;
	}
	page_begin(rq, rs, "ネットワーク構成");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>ネットワーク構成（三層の対策）</h1>\n");
	const char *registered = form_get(&rq->query, "registered");
	if (registered)
		html_printf(b, "<p class=\"banner\" role=\"status\">ネットワーク構成を第%s版として登録しました。</p>\n", registered);
	if (!found) {
		buf_puts(b, "<p>ネットワーク構成はまだ登録されていません。登録されるまで、三層の対策（第3章）は点検されません。"
			    "<code>mamori netcheck register MODEL.json</code> またはこの画面から登録します。</p>\n");
		register_form(b, rq);
		layout_end(b);
		return;
	}
	if (netmodel_current_version(rq->db, &current, &e))
		current = 0;
	metadata(b, &m, m.meta.version == current);
	picture(b, &m);
	violations(b, &m);
	matrix(b, &m);
	history(rq, b, m.meta.version);
	register_form(b, rq);
	layout_end(b);
	netmodel_checked_free(&m);
}

void page_network_svg(struct web_req *rq, struct web_resp *rs)
{
	int version = network_web_version(rq, rs), found;
	struct net_model_checked m;
	if (version < 0 || network_web_load(rq, rs, version, &m, &found))
		return;
	if (!found) {
		web_error(rq, rs, 404, "not_found", "ネットワーク構成は登録されていません");
		return;
	}
	rs->status = 200;
	rs->content_type = "image/svg+xml; charset=utf-8";
	rs->no_store = 1;
	rs->disposition = xasprintf("attachment; filename=\"mamori-network-v%d.svg\"", m.meta.version);
	buf_puts(&rs->body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	netcheck_svg(&m.model, &m.result, &rs->body);
	netmodel_checked_free(&m);
}
