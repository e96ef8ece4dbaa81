/*
 * main.c — `mamori [--db PATH|postgres://…] [--format text|json|csv|…]
 *                  [--as 職員番号] [--key FILE] COMMAND …`
 */
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char usage_text[] =
	"使い方: mamori [--db PATH|postgres://…] [--format text|json|csv|oscal|md|html|pdf] [--as 職員番号] [--key 鍵ファイル] コマンド …\n"
	"\n"
	"  init --name 団体名 --kind 市|町|村|特別区|都道府県 [--code 団体コード]\n"
	"                          新しいデータベースを作る\n"
	"  demo                    架空市のデモデータを入れたデータベースを作る\n"
	"  org add|list|close|contacts …\n"
	"                          組織（部局・課室・係）と緊急連絡網\n"
	"  staff add|import|list|show|transfer|retire …\n"
	"                          職員（人事データの取り込み、異動、離任）\n"
	"  role assign|end|list …  役割の割当て（CISO、統括、責任者、管理者…）\n"
	"  system add|list|retire … 情報システム\n"
	"  account add|list|reset|disable|enable|token|log …\n"
	"                          Web 画面・API のアカウント（仮パスワード、API トークン、ログイン記録）\n"
	"  asset add|list|show|import|export …\n"
	"                          情報資産台帳（分類、表示、取扱制限、Excel/CSV の取込みと書出し）\n"
	"  location add|list …     保管・設置場所（施錠可能、耐火・耐水、庁外）\n"
	"  class list|import FILE  情報資産の分類の区分と取扱制限（団体独自の区分への変更）\n"
	"  request new|list|show|approve|reject|done|return|types …\n"
	"  incident new|step|notify|list|show|report …\n"
	"  exception request|apply|permit|reject|report|review|end|list|show …\n"
	"  violation record|step|suspend|revoke|lift|list|show …\n"
	"  training course|plan|session|attend|import|report|reported …\n"
	"                          研修・訓練（研修計画と委員会の承認、受講記録と取込み、課別の受講状況、委員会への報告）\n"
	"                          許可・承認の申請（持ち出し、運搬、廃棄、ソフトウェア導入…）。--as で操作者を指定\n"
	"  inspect create|open|close|list|show|checklist|answer|submit|links|remind|results|report|measure …\n"
	"                          自己点検（役割別の点検表、一回限りのリンク、督促、課別・章別の集計、委員会への報告）\n"
	"  audit plan|new|list|show|member|item|evidence|finding|spread|report|close …\n"
	"                          情報セキュリティ監査（監査計画と承認、監査人の独立性、証跡と監査調書、指摘、CISO の指示、他課への確認、委員会への報告）\n"
	"  action done|verify|list|show …\n"
	"                          改善措置（監査・自己点検の指摘への措置、完了報告、有効性の確認）\n"
	"  report annual|oscal|history|proposal …\n"
	"                          委員会への年次報告（html/pdf/xlsx/json）、OSCAL 評価結果、ポリシー改定の提案\n"
	"  catalog list|show|export …\n"
	"                          ガイドラインの条項カタログ（基本方針・対策基準の全条項、役割、点検項目）\n"
	"  profile show|set|adopt|drop …\n"
	"                          団体の選択（充て職、採用する推奨事項、構成モデル、ログ保存期間などの数値）\n"
	"  mail test --to アドレス  メールの中継サーバー（profile の smtp_relay）へ試験メールを送る\n"
	"  policy render|list|show|approve|diff|gap …\n"
	"                          情報セキュリティポリシーの作成（md/html/pdf、版と決裁、版の比較）と既存ポリシーの差分分析\n"
	"  plan init|set|contact|review|approve|show|list|render …\n"
	"                          緊急時対応計画（連絡先、報告事項、対応措置、再発防止、見直しと決裁）\n"
	"  netcheck MODEL.json | register|show …\n"
	"                          ネットワーク構成の三層の対策に照らした検査（iptables-save、nft -j の取込み）\n"
	"  sanitize mail IN.eml -o OUT.eml | sanitize file IN -o OUT\n"
	"                          無害化（メールのテキスト化、ファイルからマクロ等の除去）\n"
	"  check                   ガイドラインに照らした点検（指摘があれば終了コード 1）\n"
	"  journal [--subject S] [--since 日付] [--limit N]\n"
	"                          記録（ジャーナル）を表示する\n"
	"  serve [--listen ADDR:PORT]\n"
	"                          Web 画面と JSON API を提供する（既定 127.0.0.1:8080）\n"
	"  verify                  記録の改ざん検査（改ざんがあれば終了コード 1）\n"
	"  backup FILE             バックアップを書き出す\n"
	"  restore FILE            バックアップから復元する（空のデータベースへ）\n"
	"\n"
	"終了コード: 0 正常・指摘なし、1 指摘・改ざんあり、2 使い方や入力の誤り\n"
	"データベースの既定は ./mamori.db（環境変数 MAMORI_DB でも指定可）。\n";

/* The data formats every command takes; documents add their own. */
#define FMTS_DATA (1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV)
/* Reports that are one document, not rows: no CSV. */
#define FMTS_REPORT (1u << FMT_TEXT | 1u << FMT_JSON)

static const struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	unsigned formats; /* 0 = FMTS_DATA */
} commands[] = {
	{"init", cmd_init, 0},         {"demo", cmd_demo, 0},       {"org", cmd_org, 0},
	{"staff", cmd_staff, 0},       {"role", cmd_role, 0},       {"system", cmd_system, 0},
	{"check", cmd_check, 0},       {"verify", cmd_verify, 0},   {"backup", cmd_backup, 0},
	{"restore", cmd_restore, 0},   {"journal", cmd_journal, 0}, {"asset", cmd_asset, 0},
	{"location", cmd_location, 0}, {"class", cmd_class, 0},     {"request", cmd_request, 0},
	{"catalog", cmd_catalog, FMTS_DATA | 1u << FMT_OSCAL},
	{"profile", cmd_profile, 0},
	{"mail", cmd_mail, 0},
	{"incident", cmd_incident, FMTS_DATA | 1u << FMT_HTML | 1u << FMT_PDF | 1u << FMT_XLSX},
	{"exception", cmd_exception, 0},
	{"violation", cmd_violation, 0},
	{"training", cmd_training, FMTS_DATA | 1u << FMT_HTML | 1u << FMT_PDF | 1u << FMT_XLSX},
	{"inspect", cmd_inspect, FMTS_DATA | 1u << FMT_HTML | 1u << FMT_PDF | 1u << FMT_XLSX},
	{"report", cmd_report, FMTS_DATA | 1u << FMT_HTML | 1u << FMT_PDF | 1u << FMT_XLSX | 1u << FMT_OSCAL},
	{"account", cmd_account, 0},
	{"serve", cmd_serve, 0},
	{"policy", cmd_policy, FMTS_DATA | 1u << FMT_MD | 1u << FMT_HTML | 1u << FMT_PDF},
	{"plan", cmd_plan, FMTS_DATA | 1u << FMT_MD | 1u << FMT_HTML | 1u << FMT_PDF},
	{"audit", cmd_audit, FMTS_DATA | 1u << FMT_HTML | 1u << FMT_PDF | 1u << FMT_XLSX},
	{"action", cmd_action, 0},
	{"sanitize", cmd_sanitize, FMTS_REPORT},
	{"netcheck", cmd_netcheck, FMTS_REPORT},
};

static const char *const format_names[] = {
	[FMT_TEXT] = "text", [FMT_JSON] = "json", [FMT_CSV] = "csv",  [FMT_OSCAL] = "oscal",
	[FMT_MD] = "md",     [FMT_HTML] = "html", [FMT_PDF] = "pdf", [FMT_XLSX] = "xlsx",
};

static int parse_format(struct cli *c, const char *v)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
		if (strcmp(v, format_names[i]) == 0) {
			c->format = (enum out_format)i;
			c->format_given = 1;
			return 0;
		}
	}
	return cli_usage("--format は text、json、csv、oscal、md、html、pdf、xlsx のいずれかです（「%s」は使えません）", v);
}

/* A document format is refused by commands that print data. */
static int format_allowed(const struct cli *c, const struct command *cmd)
{
	unsigned allowed = cmd->formats ? cmd->formats : FMTS_DATA;
	if (allowed & 1u << c->format)
		return 0;
	return cli_usage("%s には --format %s を使えません", cmd->name, format_names[c->format]);
}

/* Global options may come before or after the command word. */
static int take_global(struct cli *c, int *argc, char **argv)
{
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i];
		const char *names[] = {"--db", "--format", "--as", "--key"};
		int which = -1;
		const char *value = NULL;
		for (int k = 0; k < 4; k++) {
			size_t n = strlen(names[k]);
			if (strncmp(a, names[k], n) == 0 && (a[n] == '\0' || a[n] == '=')) {
				which = k;
				if (a[n] == '=')
					value = a + n + 1;
				else if (i + 1 < *argc)
					value = argv[++i];
				else
					return cli_usage("%s には値が必要です", names[k]);
			}
		}
		if (which < 0) {
			argv[out++] = argv[i];
			continue;
		}
		if (which == 0)
			c->db_target = value;
		else if (which == 1 && parse_format(c, value))
			return EXIT_ERROR;
		else if (which == 2)
			c->actor_no = value;
		else if (which == 3)
			setenv("MAMORI_KEY", value, 1);
	}
	*argc = out;
	return 0;
}

static void set_actor(struct cli *c)
{
	if (c->actor_no) {
		snprintf(c->actor, sizeof c->actor, "staff:%s", c->actor_no);
		return;
	}
	struct passwd *pw = getpwuid(getuid());
	snprintf(c->actor, sizeof c->actor, "cli:%s", pw ? pw->pw_name : "unknown");
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	const char *env_db = getenv("MAMORI_DB");
	c.db_target = env_db && *env_db ? env_db : "mamori.db";
	if (sodium_init() < 0) {
		fputs("mamori: libsodium を初期化できません\n", stderr);
		return EXIT_ERROR;
	}
	argc--;
	argv++;
	if (take_global(&c, &argc, argv))
		return EXIT_ERROR;
	if (argc == 0 || strcmp(argv[0], "help") == 0 || strcmp(argv[0], "--help") == 0 ||
	    strcmp(argv[0], "-h") == 0) {
		fputs(usage_text, argc == 0 ? stderr : stdout);
		return argc == 0 ? EXIT_ERROR : EXIT_OK;
	}
	set_actor(&c);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[0], commands[i].name) == 0) {
			if (format_allowed(&c, &commands[i]))
				return EXIT_ERROR;
			int rc = commands[i].run(&c, argc - 1, argv + 1);
			cli_close(&c);
			fflush(stdout);
			return rc;
		}
	}
	return cli_usage("不明なコマンド「%s」です", argv[0]);
}
