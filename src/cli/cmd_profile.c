/*
 * cmd_profile.c — `mamori profile show|set|adopt|drop`: the municipality's
 * own choices that its policy documents and `check` follow (core/profile.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/catalog.h"
#include "core/profile.h"
#include "core/vocab.h"
#include "store/tx.h"

static void show_text(const struct profile *p, const struct catalog *cat, struct buf *b)
{
	buf_printf(b, "%s（%s、文書では「%s」）  プロファイル第%lld版%s\n\n", p->name,
		   vocab_label(&vocab_municipality_kind, p->kind), p->self, p->version,
		   p->version ? "" : "（既定値）");
	buf_puts(b, "■ 充て職（post.役割）\n");
	for (size_t i = 0; i < profile_npost_roles; i++)
		buf_printf(b, "  %-14s %s: %s\n", profile_post_roles[i],
			   vocab_label(&vocab_role, profile_post_roles[i]),
			   *p->posts[i] ? p->posts[i] : "（置かない）");
	buf_printf(b, "\n■ 構成モデル（model）: %s\n", profile_model_labels[p->model]);
	buf_printf(b, "\n■ 公開の報告窓口（public_incident_report）: %s\n",
		   p->public_incident_report ? "yes（住民・外部から /report で受け付ける）" : "no（置かない）");
	buf_printf(b, "\n■ メールの中継サーバー（smtp_relay）: %s\n■ 差出人アドレス（mail_from）: %s\n",
		   *p->smtp_relay ? p->smtp_relay : "（なし。メールは送らない）",
		   *p->mail_from ? p->mail_from : "（未設定）");
	buf_printf(b, "■ mamori の URL（base_url、メールのリンクの起点）: %s\n\n", *p->base_url ? p->base_url : "（未設定）");
	buf_puts(b, "■ 数値（項目名: 値）\n");
	for (size_t i = 0; i < profile_nparams; i++) {
		const struct profile_param *d = &profile_params[i];
		buf_printf(b, "  %-22s %s: %lld %s（%lld〜%lld、対策基準 %s）\n", d->key, d->label, p->params[i],
			   d->unit, d->min, d->max, d->clause);
	}
	buf_puts(b, "\n■ 推奨事項（採用 ✓ / 不採用 -）\n");
	for (size_t i = 0; i < cat->n; i++) {
		const struct catalog_entry *en = &cat->v[i];
		if (strcmp(en->strength, "recommended") == 0)
			buf_printf(b, "  %s %-10s %s\n", profile_is_adopted(p, en->id) ? "✓" : "-", en->id, en->title);
	}
}

static int profile_show_cmd(struct cli *c, int argc, char **argv)
{
	struct err e = {0};
	struct profile p;
	struct catalog cat;
	char *pos[1];
	int npos;
	if (cli_parse("profile show", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (profile_load(c->db, &p, &e))
		return cli_fail(&e);
	if (catalog_load(&cat, &e)) {
		profile_free(&p);
		return cli_fail(&e);
	}
	struct buf b = BUF_INIT;
	if (c->format == FMT_JSON) {
		profile_json(&p, &b);
		buf_putc(&b, '\n');
	} else {
		show_text(&p, &cat, &b);
	}
	cli_write(&b);
	buf_free(&b);
	catalog_free(&cat);
	profile_free(&p);
	return EXIT_OK;
}

/* A change: pairs of (key, value) for set, clause ids for adopt/drop. */
struct change {
	char **args;
	int nargs;
	int adopt; /* -1 = set, 1 = adopt, 0 = drop */
	long long version; /* out */
};

static int apply(struct profile *p, const struct change *ch, struct err *e)
{
	if (ch->adopt < 0) {
		for (int i = 0; i + 1 < ch->nargs; i += 2)
			if (profile_set(p, ch->args[i], ch->args[i + 1], e))
				return e->code;
		return 0;
	}
	struct catalog cat;
	if (catalog_load(&cat, e))
		return e->code;
	int rc = 0;
	for (int i = 0; !rc && i < ch->nargs; i++)
		rc = profile_adopt(p, &cat, ch->args[i], ch->adopt, e);
	catalog_free(&cat);
	return rc;
}

static int do_change(struct tx *tx, void *arg, struct err *e)
{
	struct change *ch = arg;
	struct profile p;
	if (profile_load(tx->db, &p, e))
		return e->code;
	static const char *const kinds[] = {"profile.drop", "profile.adopt"};
	int rc = apply(&p, ch, e);
	if (!rc)
		rc = profile_save(tx, &p, ch->adopt < 0 ? "profile.set" : kinds[ch->adopt], e);
	ch->version = p.version;
	profile_free(&p);
	return rc;
}

static int change_cmd(struct cli *c, const char *name, int argc, char **argv, int adopt)
{
	enum { MAXARGS = 64 };
	char *pos[MAXARGS];
	int npos;
	if (cli_parse(name, argc, argv, NULL, 0, pos, MAXARGS, &npos))
		return EXIT_ERROR;
	if (adopt < 0 && (npos == 0 || npos % 2))
		return cli_usage("profile set: 項目と値を組で指定してください（例: mamori profile set post.ciso 副町長 password_min_length 12）");
	if (adopt >= 0 && npos == 0)
		return cli_usage("%s: 推奨事項の条項番号を指定してください（例: 1.1.2）", name);
	struct change ch = {pos, npos, adopt, 0};
	int rc = cli_one_write(c, do_change, &ch, NULL);
	if (rc == EXIT_OK)
		printf("プロファイルを更新しました（第%lld版）\n", ch.version);
	return rc;
}

static int profile_set_cmd(struct cli *c, int argc, char **argv)
{
	return change_cmd(c, "profile set", argc, argv, -1);
}

static int profile_adopt_cmd(struct cli *c, int argc, char **argv)
{
	return change_cmd(c, "profile adopt", argc, argv, 1);
}

static int profile_drop_cmd(struct cli *c, int argc, char **argv)
{
	return change_cmd(c, "profile drop", argc, argv, 0);
}

int cmd_profile(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"show", profile_show_cmd},
		{"set", profile_set_cmd},
		{"adopt", profile_adopt_cmd},
		{"drop", profile_drop_cmd},
	};
	return cli_dispatch(c, "profile", subs, sizeof subs / sizeof subs[0], argc, argv);
}
