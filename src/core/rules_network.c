/*
 * rules_network.c — the three-zone model (guideline chapter 3, 6.1.10.4,
 * 6.1.13.1) as `check` rules: each row stands for one kind of violation
 * netcheck reports (core/netcheck.h) and turns the violations of that kind
 * in the registered model (core/netmodel_store.h) into findings with the
 * same clause and rule id.
 *
 * The model is loaded, parsed and checked once per check run, by the first
 * of these rules that runs (struct check_net in the check context).  When
 * no model is registered these rules find nothing: mamori does not know the
 * network, and not knowing is not a breach of the guideline.  `check`
 * says so in its text output (docs/netcheck.md, 登録と点検).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/netmodel_store.h"

enum net_state { NET_UNLOADED, NET_NONE, NET_LOADED, NET_UNREADABLE };

struct check_net {
	enum net_state state;
	struct net_model_checked checked;
	char *error; /* NET_UNREADABLE: why */
};

struct check_net *check_net_new(void)
{
	return xcalloc(1, sizeof(struct check_net));
}

void check_net_free(struct check_net *n)
{
	if (!n)
		return;
	if (n->state == NET_LOADED)
		netmodel_checked_free(&n->checked);
	free(n->error);
	free(n);
}

/* The registered model, loaded on first use; NULL when there is none. */
static const struct net_model_checked *net_model(const struct check_ctx *c)
{
	struct check_net *n = c->net;
	if (!n)
		return NULL;
	if (n->state == NET_UNLOADED) {
		struct err e = {0};
		int found = 0;
		if (netmodel_checked_load(c->db, 0, c->today, &n->checked, &found, &e)) {
			n->state = NET_UNREADABLE;
			n->error = xstrdup(e.msg);
		} else {
			n->state = found ? NET_LOADED : NET_NONE;
		}
	}
	return n->state == NET_LOADED ? &n->checked : NULL;
}

/* "net_model:<版>:<from>→<to>": which version and which places. */
static char *subject_of(const struct net_model_checked *m, const struct net_violation *v)
{
	return xasprintf("net_model:%d:%s→%s", m->meta.version, v->from ? v->from : "", v->to ? v->to : "");
}

static void add_violation(const struct net_model_checked *m, const struct net_violation *v,
			  const struct rule *r, struct findings *out)
{
	char *subject = subject_of(m, v);
	finding_add(out, r, SEV_ERROR, subject, "ネットワーク構成 第%d版: %s", m->meta.version, v->message);
	free(subject);
}

/* One kind of violation may sit under more than one clause (a device shared
   across zones breaks 3.1.1 or 3.2.1 depending on the zones): the finding
   then names the violation's own clause, through a rule of that id and
   clause kept here, outside the table (rule ids are unique in tables). */
static const struct rule variants[] = {
	{"net.shared_device", "3.2.1", "LGWAN接続系とインターネット接続系にまたがる機器がない", NULL},
};

static const struct rule *rule_for_clause(const struct rule *r, const char *control)
{
	if (!control || strcmp(control, r->control) == 0)
		return r;
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
		if (strcmp(variants[i].id, r->id) == 0 && strcmp(variants[i].control, control) == 0)
			return &variants[i];
	return r;
}

/* A row's violations: those netcheck reported under the row's rule id. */
static void rule_violations(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	const struct net_model_checked *m = net_model(c);
	for (size_t i = 0; m && i < m->result.nviolations; i++)
		if (strcmp(m->result.violations[i].rule, r->id) == 0)
			add_violation(m, &m->result.violations[i],
				      rule_for_clause(r, m->result.violations[i].control), out);
}

static const struct rule *row_for(const char *rule_id);

/* Kinds this table does not list yet (a newer netcheck): still findings,
   under the chapter, with netcheck's own ids in the message. */
static void rule_other(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	const struct net_model_checked *m = net_model(c);
	for (size_t i = 0; m && i < m->result.nviolations; i++) {
		const struct net_violation *v = &m->result.violations[i];
		if (row_for(v->rule))
			continue;
		char *subject = subject_of(m, v);
		finding_add(out, r, SEV_ERROR, subject, "ネットワーク構成 第%d版: %s（%s %s）", m->meta.version,
			    v->message, v->control, v->rule);
		free(subject);
	}
}

/* A registered model that this mamori cannot read any more is reported, not
   skipped: silence would read as compliance. */
static void rule_readable(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	net_model(c);
	if (c->net && c->net->state == NET_UNREADABLE)
		finding_add(out, r, SEV_ERROR, "net_model", "%s（mamori netcheck register で登録し直してください）",
			    c->net->error);
}

const struct rule check_rules_network[] = {
	{"net.model.readable", "3", "登録済みのネットワーク構成を読み込める", rule_readable},
	{"net.mynumber.isolated", "3.1.1", "マイナンバー利用事務系が他の領域・インターネットから分離されている",
	 rule_violations},
	{"net.specific.pinned", "3.1.1", "特定通信が宛先のアドレスとポートに限定されている", rule_violations},
	{"net.specific.peer", "3.1.1", "特定通信の相手が認められた外部接続先である", rule_violations},
	{"net.shared_device", "3.1.1", "プリンタ・更新サーバ等が領域をまたいで共用されていない", rule_violations},
	{"net.mynumber.usb", "3.1.2.2", "マイナンバー利用事務系の端末から媒体へ書き出せない", rule_violations},
	{"net.lgwan_internet.unsanitized", "3.2.1",
	 "LGWAN接続系とインターネット接続系の間の通信が無害化・画面転送を経由している", rule_violations},
	{"net.internet.security_cloud", "3.3.2", "インターネット接続系が自治体情報セキュリティクラウドを経由している",
	 rule_violations},
	{"net.beta.external_check", "3.3.3", "β・β′モデルの外部確認が記録されている", rule_violations},
	{"net.public.dmz", "6.1.10.4", "公開サーバがファイアウォールの内側のDMZにある", rule_violations},
	{"net.mynumber.wifi", "6.1.13.1", "マイナンバー利用事務系に無線LANがない", rule_violations},
	{"net.wifi.enterprise", "6.1.13.1", "無線LANがWPA2/WPA3-Enterpriseで保護されている", rule_violations},
	{"net.other", "3", "その他の三層の対策の違反", rule_other},
};

const size_t check_nrules_network = sizeof check_rules_network / sizeof check_rules_network[0];

static const struct rule *row_for(const char *rule_id)
{
	for (size_t i = 0; i < check_nrules_network; i++)
		if (check_rules_network[i].run == rule_violations &&
		    strcmp(check_rules_network[i].id, rule_id) == 0)
			return &check_rules_network[i];
	return NULL;
}
