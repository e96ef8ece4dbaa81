/*
 * demo.c — 架空市, a synthetic city for demonstrations, tutorials and
 * benchmarks.
 *
 * Everything goes through the core APIs, so the demo meets the same checks a
 * person's input does, and all of it is one transaction: a half-built city
 * never exists.  Names, dates and postings come from a fixed-seed generator
 * and fixed dates, never the clock, so two runs write identical rows and
 * tests, screenshots and benchmarks can rely on them.
 *
 * The city is consistent (one CISO, one 統括, a committee, a CSIRT, every
 * 部局, 課室 and system staffed) except for four deliberate gaps, each a
 * mistake that really happens around 人事異動, so `mamori check` has
 * something to show:
 *   (1) 住宅課 (S045): its 課長 was never appointed 情報セキュリティ管理者.
 *   (2) 施設予約システム (SYS38): a 担当者 but no 情報システム管理者.
 *   (3) 観光課長 (S038) retires on 2026-03-31; the 管理者 role is not ended.
 *   (4) 環境経済部長 (B06) moves to 企画調整課 (S010) on 2026-04-01; the
 *       情報セキュリティ責任者 role for 環境経済部 is not ended.
 * The units of gaps (1) and (3) own no system, so each gap is one finding
 * and not several.
 */
#include "core/demo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/infosys.h"
#include "core/org.h"
#include "core/role.h"
#include "core/staff.h"
#include "util/buf.h"

#define DEMO_STAFF 1200
#define DEMO_SEED 0x6d616d6f72690001ULL
#define FIRST_YEAR 1990
#define LAST_YEAR 2025
/* Every role starts on the first day of the fiscal year the demo depicts. */
#define ROLE_DATE "2025-04-01"
/*
 * No reorganisation history: every unit exists from the earliest 着任日, so
 * no posting predates its unit.
 */
#define UNITS_OPENED "1990-04-01"
#define CSIRT_MEMBERS 5

#define GAP_UNMANAGED "S045"
#define GAP_NO_ADMIN "SYS38"
#define GAP_RETIRED "S038"
#define GAP_RETIRED_ON "2026-03-31"
#define GAP_MOVED "B06"
#define GAP_MOVED_TO "S010"
#define GAP_MOVED_ON "2026-04-01"

struct unit_def {
	const char *code;
	const char *name;
	const char *kind;   /* vocab_unit_kind id */
	const char *parent; /* code; NULL for a 部局-level unit */
	const char *head;   /* the head's title; NULL for a 係, which has no role */
	int weight;         /* share of the other staff, roughly a headcount */
};

/* Parents come before their children, the order org_unit_add needs. */
static const struct unit_def unit_defs[] = {
	{"B01", "総務部", "bureau", NULL, "総務部長", 2},
	{"B02", "企画政策部", "bureau", NULL, "企画政策部長", 1},
	{"B03", "市民生活部", "bureau", NULL, "市民生活部長", 1},
	{"B04", "健康福祉部", "bureau", NULL, "健康福祉部長", 1},
	{"B05", "こども未来部", "bureau", NULL, "こども未来部長", 1},
	{"B06", "環境経済部", "bureau", NULL, "環境経済部長", 1},
	{"B07", "都市整備部", "bureau", NULL, "都市整備部長", 1},
	{"B08", "上下水道局", "enterprise", NULL, "上下水道局長", 1},
	{"B09", "消防本部", "fire", NULL, "消防長", 1},
	{"B10", "教育委員会事務局", "commission", NULL, "教育部長", 1},

	{"S001", "総務課", "section", "B01", "総務課長", 14},
	{"S002", "秘書課", "section", "B01", "秘書課長", 6},
	{"S003", "人事課", "section", "B01", "人事課長", 12},
	{"S004", "情報政策課", "section", "B01", "情報政策課長", 8},
	{"S005", "財政課", "section", "B01", "財政課長", 10},
	{"S006", "契約管財課", "section", "B01", "契約管財課長", 10},
	{"S007", "税務課", "section", "B01", "税務課長", 10},
	{"S008", "収納課", "section", "B01", "収納課長", 18},
	{"S009", "会計課", "section", "B01", "会計課長", 8},
	{"S010", "企画調整課", "section", "B02", "企画調整課長", 10},
	{"S011", "広報広聴課", "section", "B02", "広報広聴課長", 8},
	{"S012", "男女共同参画課", "section", "B02", "男女共同参画課長", 4},
	{"S013", "シティプロモーション課", "section", "B02", "シティプロモーション課長", 6},
	{"S014", "市民課", "section", "B03", "市民課長", 12},
	{"S015", "保険年金課", "section", "B03", "保険年金課長", 30},
	{"S016", "市民協働課", "section", "B03", "市民協働課長", 8},
	{"S017", "交通防犯課", "section", "B03", "交通防犯課長", 6},
	{"S018", "人権推進課", "section", "B03", "人権推進課長", 5},
	{"S019", "北部支所", "branch", "B03", "北部支所長", 10},
	{"S020", "南部支所", "branch", "B03", "南部支所長", 10},
	{"S021", "消費生活センター", "branch", "B03", "消費生活センター所長", 5},
	{"S022", "福祉総務課", "section", "B04", "福祉総務課長", 12},
	{"S023", "障害福祉課", "section", "B04", "障害福祉課長", 22},
	{"S024", "高齢福祉課", "section", "B04", "高齢福祉課長", 18},
	{"S025", "介護保険課", "section", "B04", "介護保険課長", 22},
	{"S026", "生活保護課", "section", "B04", "生活保護課長", 28},
	{"S027", "健康推進課", "section", "B04", "健康推進課長", 20},
	{"S028", "保健センター", "branch", "B04", "保健センター所長", 24},
	{"S029", "こども政策課", "section", "B05", "こども政策課長", 10},
	{"S030", "子育て支援課", "section", "B05", "子育て支援課長", 20},
	{"S031", "保育課", "section", "B05", "保育課長", 30},
	{"S032", "こども家庭センター", "branch", "B05", "こども家庭センター所長", 14},
	{"S033", "青少年課", "section", "B05", "青少年課長", 6},
	{"S034", "環境政策課", "section", "B06", "環境政策課長", 10},
	{"S035", "ごみ減量推進課", "section", "B06", "ごみ減量推進課長", 12},
	{"S036", "清掃センター", "branch", "B06", "清掃センター所長", 24},
	{"S037", "商工労政課", "section", "B06", "商工労政課長", 10},
	{"S038", "観光課", "section", "B06", "観光課長", 8},
	{"S039", "農政課", "section", "B06", "農政課長", 10},
	{"S040", "企業誘致課", "section", "B06", "企業誘致課長", 5},
	{"S041", "都市計画課", "section", "B07", "都市計画課長", 14},
	{"S042", "建築指導課", "section", "B07", "建築指導課長", 12},
	{"S043", "道路課", "section", "B07", "道路課長", 24},
	{"S044", "公園緑地課", "section", "B07", "公園緑地課長", 12},
	{"S045", "住宅課", "section", "B07", "住宅課長", 8},
	{"S046", "用地課", "section", "B07", "用地課長", 8},
	{"S047", "河川課", "section", "B07", "河川課長", 10},
	{"S048", "経営総務課", "section", "B08", "経営総務課長", 10},
	{"S049", "料金課", "section", "B08", "料金課長", 14},
	{"S050", "水道工務課", "section", "B08", "水道工務課長", 24},
	{"S051", "下水道課", "section", "B08", "下水道課長", 22},
	{"S052", "消防総務課", "section", "B09", "消防総務課長", 14},
	{"S053", "警防課", "section", "B09", "警防課長", 60},
	{"S054", "予防課", "section", "B09", "予防課長", 14},
	{"S055", "通信指令課", "section", "B09", "通信指令課長", 16},
	{"S056", "教育総務課", "section", "B10", "教育総務課長", 14},
	{"S057", "学校教育課", "section", "B10", "学校教育課長", 20},
	{"S058", "生涯学習課", "section", "B10", "生涯学習課長", 12},
	{"S059", "文化スポーツ課", "section", "B10", "文化スポーツ課長", 8},
	{"S060", "中央図書館", "branch", "B10", "中央図書館長", 18},

	{"T01", "情報政策係", "team", "S004", NULL, 6},
	{"T02", "情報セキュリティ係", "team", "S004", NULL, 5},
	{"T03", "住民記録係", "team", "S014", NULL, 10},
	{"T04", "戸籍係", "team", "S014", NULL, 8},
	{"T05", "市民税係", "team", "S007", NULL, 10},
	{"T06", "資産税係", "team", "S007", NULL, 10},
};
#define NUNITS ((int)(sizeof unit_defs / sizeof unit_defs[0]))

/* The 統括's office, home of the CSIRT. */
#define CSIRT_UNIT "S004"

struct system_def {
	const char *code;
	const char *name;
	const char *unit; /* 所管課 */
	const char *zone; /* vocab_zone id */
};

static const struct system_def system_defs[] = {
	{"SYS01", "住民基本台帳システム", "S014", "mynumber"},
	{"SYS02", "戸籍情報システム", "S014", "mynumber"},
	{"SYS03", "印鑑登録証明システム", "S014", "mynumber"},
	{"SYS04", "税務システム", "S007", "mynumber"},
	{"SYS05", "収納管理システム", "S008", "mynumber"},
	{"SYS06", "国民健康保険システム", "S015", "mynumber"},
	{"SYS07", "国民年金システム", "S015", "mynumber"},
	{"SYS08", "後期高齢者医療システム", "S015", "mynumber"},
	{"SYS09", "介護保険システム", "S025", "mynumber"},
	{"SYS10", "生活保護システム", "S026", "mynumber"},
	{"SYS11", "障害者福祉システム", "S023", "mynumber"},
	{"SYS12", "健康管理システム", "S027", "mynumber"},
	{"SYS13", "児童手当システム", "S030", "mynumber"},
	{"SYS14", "保育所入所管理システム", "S031", "mynumber"},
	{"SYS15", "就学事務システム", "S057", "mynumber"},
	{"SYS16", "団体内統合宛名システム", "S004", "mynumber"},
	{"SYS17", "中間サーバー接続端末", "S004", "mynumber"},
	{"SYS18", "選挙システム", "S001", "mynumber"},
	{"SYS19", "財務会計システム", "S005", "lgwan"},
	{"SYS20", "文書管理システム", "S001", "lgwan"},
	{"SYS21", "庁内メール", "S004", "lgwan"},
	{"SYS22", "グループウェア", "S004", "lgwan"},
	{"SYS23", "人事給与システム", "S003", "lgwan"},
	{"SYS24", "庶務事務システム", "S003", "lgwan"},
	{"SYS25", "電子決裁システム", "S001", "lgwan"},
	{"SYS26", "契約管理システム", "S006", "lgwan"},
	{"SYS27", "公有財産管理システム", "S006", "lgwan"},
	{"SYS28", "統合型GIS", "S041", "lgwan"},
	{"SYS29", "道路台帳管理システム", "S043", "lgwan"},
	{"SYS30", "建築確認審査システム", "S042", "lgwan"},
	{"SYS31", "ごみ収集管理システム", "S035", "lgwan"},
	{"SYS32", "電子申請システム", "S004", "lgwan"},
	{"SYS33", "水道料金システム", "S049", "other"},
	{"SYS34", "消防指令システム", "S055", "other"},
	{"SYS35", "校務支援システム", "S056", "other"},
	{"SYS36", "インターネット閲覧", "S004", "internet"},
	{"SYS37", "公式ウェブサイトCMS", "S011", "internet"},
	{"SYS38", "施設予約システム", "S059", "internet"},
	{"SYS39", "図書館システム", "S060", "internet"},
	{"SYS40", "防災情報配信システム", "S052", "internet"},
};
#define NSYSTEMS ((int)(sizeof system_defs / sizeof system_defs[0]))

struct name_def {
	const char *kanji;
	const char *kana;
};

static const struct name_def family_names[] = {
	{"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"田中", "タナカ"},
	{"伊藤", "イトウ"}, {"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"},
	{"小林", "コバヤシ"}, {"加藤", "カトウ"}, {"吉田", "ヨシダ"}, {"山田", "ヤマダ"},
	{"佐々木", "ササキ"}, {"山口", "ヤマグチ"}, {"松本", "マツモト"}, {"井上", "イノウエ"},
	{"木村", "キムラ"}, {"林", "ハヤシ"}, {"斎藤", "サイトウ"}, {"清水", "シミズ"},
	{"山崎", "ヤマザキ"}, {"森", "モリ"}, {"池田", "イケダ"}, {"橋本", "ハシモト"},
	{"阿部", "アベ"}, {"石川", "イシカワ"}, {"山下", "ヤマシタ"}, {"中島", "ナカジマ"},
	{"石井", "イシイ"}, {"小川", "オガワ"}, {"前田", "マエダ"}, {"岡田", "オカダ"},
	{"長谷川", "ハセガワ"}, {"藤田", "フジタ"}, {"後藤", "ゴトウ"}, {"近藤", "コンドウ"},
	{"村上", "ムラカミ"}, {"遠藤", "エンドウ"}, {"青木", "アオキ"}, {"坂本", "サカモト"},
	{"斉藤", "サイトウ"}, {"福田", "フクダ"}, {"太田", "オオタ"}, {"西村", "ニシムラ"},
	{"藤井", "フジイ"}, {"金子", "カネコ"}, {"岡本", "オカモト"}, {"藤原", "フジワラ"},
	{"中野", "ナカノ"}, {"三浦", "ミウラ"}, {"原田", "ハラダ"}, {"中川", "ナカガワ"},
	{"松田", "マツダ"}, {"竹内", "タケウチ"}, {"小野", "オノ"}, {"田村", "タムラ"},
	{"中山", "ナカヤマ"}, {"和田", "ワダ"}, {"石田", "イシダ"}, {"森田", "モリタ"},
	{"上田", "ウエダ"}, {"原", "ハラ"}, {"内田", "ウチダ"}, {"柴田", "シバタ"},
	{"酒井", "サカイ"}, {"宮崎", "ミヤザキ"}, {"横山", "ヨコヤマ"}, {"高木", "タカギ"},
	{"安藤", "アンドウ"}, {"宮本", "ミヤモト"}, {"大野", "オオノ"}, {"小島", "コジマ"},
	{"谷口", "タニグチ"}, {"今井", "イマイ"}, {"工藤", "クドウ"}, {"高田", "タカダ"},
	{"増田", "マスダ"}, {"丸山", "マルヤマ"}, {"杉山", "スギヤマ"}, {"村田", "ムラタ"},
	{"大塚", "オオツカ"}, {"小山", "コヤマ"}, {"平野", "ヒラノ"}, {"藤本", "フジモト"},
	{"河野", "コウノ"}, {"上野", "ウエノ"}, {"野口", "ノグチ"}, {"武田", "タケダ"},
	{"松井", "マツイ"}, {"千葉", "チバ"}, {"岩崎", "イワサキ"}, {"菅原", "スガワラ"},
	{"木下", "キノシタ"}, {"久保", "クボ"}, {"佐野", "サノ"}, {"野村", "ノムラ"},
	{"松尾", "マツオ"}, {"市川", "イチカワ"}, {"菊地", "キクチ"}, {"杉本", "スギモト"},
	{"髙橋", "タカハシ"}, {"渡邉", "ワタナベ"},
};
#define NFAMILY ((int)(sizeof family_names / sizeof family_names[0]))

static const struct name_def given_names[] = {
	{"太郎", "タロウ"}, {"一郎", "イチロウ"}, {"健太", "ケンタ"}, {"翔太", "ショウタ"},
	{"大輔", "ダイスケ"}, {"拓也", "タクヤ"}, {"直樹", "ナオキ"}, {"浩二", "コウジ"},
	{"誠", "マコト"}, {"隆", "タカシ"}, {"健一", "ケンイチ"}, {"和也", "カズヤ"},
	{"達也", "タツヤ"}, {"亮", "リョウ"}, {"剛", "ツヨシ"}, {"博", "ヒロシ"},
	{"修", "オサム"}, {"学", "マナブ"}, {"聡", "サトシ"}, {"哲也", "テツヤ"},
	{"雄一", "ユウイチ"}, {"洋平", "ヨウヘイ"}, {"浩", "ヒロシ"}, {"秀樹", "ヒデキ"},
	{"健", "ケン"}, {"悠斗", "ユウト"}, {"蓮", "レン"}, {"大翔", "ヒロト"},
	{"陽太", "ヨウタ"}, {"颯太", "ソウタ"}, {"翼", "ツバサ"}, {"智也", "トモヤ"},
	{"康弘", "ヤスヒロ"}, {"正人", "マサト"}, {"勝", "マサル"}, {"信也", "シンヤ"},
	{"俊介", "シュンスケ"}, {"圭介", "ケイスケ"}, {"雅人", "マサト"}, {"裕太", "ユウタ"},
	{"慎一", "シンイチ"}, {"和彦", "カズヒコ"}, {"明", "アキラ"}, {"茂", "シゲル"},
	{"稔", "ミノル"}, {"英樹", "ヒデキ"}, {"賢治", "ケンジ"}, {"雄太", "ユウタ"},
	{"晃", "アキラ"}, {"航", "ワタル"},
	{"花子", "ハナコ"}, {"陽子", "ヨウコ"}, {"恵子", "ケイコ"}, {"裕子", "ユウコ"},
	{"直美", "ナオミ"}, {"久美子", "クミコ"}, {"由美", "ユミ"}, {"真由美", "マユミ"},
	{"美穂", "ミホ"}, {"智子", "トモコ"}, {"明美", "アケミ"}, {"幸子", "サチコ"},
	{"洋子", "ヨウコ"}, {"京子", "キョウコ"}, {"典子", "ノリコ"}, {"香織", "カオリ"},
	{"愛", "アイ"}, {"彩", "アヤ"}, {"舞", "マイ"}, {"麻衣", "マイ"},
	{"沙織", "サオリ"}, {"美咲", "ミサキ"}, {"奈々", "ナナ"}, {"葵", "アオイ"},
	{"陽菜", "ヒナ"}, {"結衣", "ユイ"}, {"さくら", "サクラ"}, {"優子", "ユウコ"},
	{"綾香", "アヤカ"}, {"千尋", "チヒロ"}, {"由佳", "ユカ"}, {"美紀", "ミキ"},
	{"理恵", "リエ"}, {"佳奈", "カナ"}, {"絵美", "エミ"}, {"亜希子", "アキコ"},
	{"加奈子", "カナコ"}, {"真理子", "マリコ"}, {"紀子", "ノリコ"}, {"雅美", "マサミ"},
	{"純子", "ジュンコ"}, {"涼子", "リョウコ"}, {"瞳", "ヒトミ"}, {"遥", "ハルカ"},
	{"彩花", "アヤカ"}, {"美月", "ミヅキ"}, {"杏奈", "アンナ"}, {"芽依", "メイ"},
	{"凛", "リン"}, {"千夏", "チナツ"},
};
#define NGIVEN ((int)(sizeof given_names / sizeof given_names[0]))

/*
 * One person whose name is outside the BMP (𠮷, U+20BB7, four bytes in
 * UTF-8), so display, search and export can be tried on a real 外字 case.
 * They work in 住民記録係, where such names matter most.
 */
static const struct name_def tsuchiyoshi = {"𠮷田", "ヨシダ"};
#define TSUCHIYOSHI_UNIT "T03"

enum employment { EMP_REGULAR, EMP_FISCAL_YEAR, EMP_TEMPORARY, EMP_CONTRACTOR };
static const char *const employment_ids[] = {"regular", "fiscal_year", "temporary", "contractor"};

/* What the generator remembers about each person it hired. */
struct demo_person {
	char no[24];      /* 職員番号 */
	char started[24]; /* 着任日 */
	int slot;         /* index into unit_defs */
	int regular;
	int post;  /* 部長・課長 or a special post: never drawn as a plain 担当者 */
	int roles; /* roles held, to spread 担当者 across people */
};

struct demo {
	struct tx tx;
	uint64_t rng;
	struct demo_person *people;
	int npeople;
	long long unit_id[NUNITS];
	int head[NUNITS]; /* person index of the 部長・課長; -1 for a 係 */
	int serial[LAST_YEAR - FIRST_YEAR + 1];
	int vice_mayor, accountant, advisor;
	struct demo_summary sum;
};

/* splitmix64: tiny, and the same sequence on every platform and compiler. */
static uint64_t rng_next(struct demo *d)
{
	uint64_t z = (d->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The modulo bias is negligible for these small n. */
static int rng_below(struct demo *d, int n)
{
	return (int)(rng_next(d) % (uint64_t)n);
}

static int slot_of(const char *code)
{
	for (int i = 0; i < NUNITS; i++)
		if (strcmp(unit_defs[i].code, code) == 0)
			return i;
	return -1;
}

/* The 部長・課長 of a unit, or -1 (a 係, or a code missing from the tables). */
static int head_of(const struct demo *d, const char *code)
{
	int slot = slot_of(code);
	return slot < 0 ? -1 : d->head[slot];
}

struct hire {
	int slot;
	enum employment emp;
	int year, month;
	const struct name_def *family; /* NULL: drawn at random */
};

static void fill_staff(struct demo *d, const struct hire *h, const struct demo_person *p,
		       struct staff *s)
{
	const struct name_def *family = h->family;
	if (!family)
		family = &family_names[rng_below(d, NFAMILY)];
	const struct name_def *given = &given_names[rng_below(d, NGIVEN)];
	memset(s, 0, sizeof *s);
	s->staff_no = xstrdup(p->no);
	s->name = xasprintf("%s %s", family->kanji, given->kanji);
	s->kana = xasprintf("%s %s", family->kana, given->kana);
	s->unit_id = d->unit_id[h->slot];
	s->employment = xstrdup(employment_ids[h->emp]);
	/* A 課 shares a block of 100 extensions: 1000–8599 for 76 units. */
	s->phone = xasprintf("内線%d", 1000 + h->slot * 100 + rng_below(d, 100));
	s->email = xasprintf("s%s@city.kakuu.lg.jp", p->no);
	s->started_on = xstrdup(p->started);
	s->unit_since = xstrdup(p->started);
}

/* Hires one person; 職員番号 is the 2-digit year of hire and a serial. */
static int add_person(struct demo *d, const struct hire *h, int *index, struct err *e)
{
	if (h->year < FIRST_YEAR || h->year > LAST_YEAR || d->npeople >= DEMO_STAFF)
		return err_set(e, ERR_INTERNAL, "架空市の職員の定義に誤りがあります");
	struct demo_person *p = &d->people[d->npeople];
	struct staff s;
	snprintf(p->no, sizeof p->no, "%02d%04d", h->year % 100,
		 ++d->serial[h->year - FIRST_YEAR]);
	snprintf(p->started, sizeof p->started, "%04d-%02d-01", h->year, h->month);
	p->slot = h->slot;
	p->regular = h->emp == EMP_REGULAR;
	fill_staff(d, h, p, &s);
	int rc = staff_validate(&s, NULL, e);
	if (!rc)
		rc = staff_insert(&d->tx, &s, "staff.add", e);
	staff_free(&s);
	if (rc)
		return rc;
	*index = d->npeople++;
	d->sum.staff++;
	return 0;
}

static int add_units(struct demo *d, struct err *e)
{
	for (int i = 0; i < NUNITS; i++) {
		const struct unit_def *u = &unit_defs[i];
		struct org_unit_input in = {u->code, u->name, u->kind, u->parent, UNITS_OPENED};
		if (org_unit_add(&d->tx, &in, &d->unit_id[i], e))
			return e->code;
		d->sum.units++;
	}
	return 0;
}

/* A post held by one named person outside the 部長・課長 line. */
static int add_post(struct demo *d, const char *unit, enum employment emp, int year, int *index,
		    struct err *e)
{
	struct hire h = {slot_of(unit), emp, year, 4, NULL};
	if (h.slot < 0)
		return err_set(e, ERR_INTERNAL, "架空市の組織コード %s がありません", unit);
	if (add_person(d, &h, index, e))
		return e->code;
	d->people[*index].post = 1;
	return 0;
}

/*
 * The 副市長 (CISO) sits in 秘書課, the 会計管理者 (監査統括責任者) in 会計課,
 * and the outside advisor, on contract, with 情報政策課.
 */
static int add_posts(struct demo *d, struct err *e)
{
	if (add_post(d, "S002", EMP_REGULAR, 1990, &d->vice_mayor, e) ||
	    add_post(d, "S009", EMP_REGULAR, 1991, &d->accountant, e) ||
	    add_post(d, CSIRT_UNIT, EMP_CONTRACTOR, 2024, &d->advisor, e))
		return e->code;
	return 0;
}

/* 部長 joined 1990–1993, 課長 1990–2003: heads are the long-serving. */
static int add_heads(struct demo *d, struct err *e)
{
	for (int i = 0; i < NUNITS; i++) {
		const struct unit_def *u = &unit_defs[i];
		d->head[i] = -1;
		if (!u->head)
			continue;
		int year = FIRST_YEAR + rng_below(d, u->parent ? 14 : 4);
		struct hire h = {i, EMP_REGULAR, year, 4, NULL};
		if (add_person(d, &h, &d->head[i], e))
			return e->code;
		d->people[d->head[i]].post = 1;
	}
	return 0;
}

/* About 20% 会計年度任用職員, a few 臨時 and 委託, the rest 正規職員. */
static void draw_employment(struct demo *d, struct hire *h)
{
	int r = rng_below(d, 1000);
	if (r < 200) {
		/* the 会計年度任用 system began in FY2020 */
		h->emp = EMP_FISCAL_YEAR;
		h->year = 2020 + rng_below(d, 6);
		h->month = rng_below(d, 8) ? 4 : 6;
	} else if (r < 215) {
		h->emp = EMP_TEMPORARY;
		h->year = 2025;
		h->month = 4 + rng_below(d, 6);
	} else if (r < 225) {
		h->emp = EMP_CONTRACTOR;
		h->year = 2022 + rng_below(d, 4);
		h->month = 4;
	} else {
		h->emp = EMP_REGULAR;
		h->year = FIRST_YEAR + rng_below(d, LAST_YEAR - FIRST_YEAR + 1);
		/* 中途採用 joins in October; none yet in the current year */
		h->month = h->year < LAST_YEAR && rng_below(d, 10) == 0 ? 10 : 4;
	}
}

/* Splits `total` people over the units by weight, exactly. */
static void share_out(int count[NUNITS], int total)
{
	int weights = 0, given = 0;
	for (int i = 0; i < NUNITS; i++)
		weights += unit_defs[i].weight;
	for (int i = 0; i < NUNITS; i++) {
		count[i] = total * unit_defs[i].weight / weights;
		given += count[i];
	}
	/* the rounding remainder, fewer than NUNITS people */
	for (int i = 0; given < total; i = (i + 1) % NUNITS, given++)
		count[i]++;
}

static int add_general_staff(struct demo *d, struct err *e)
{
	int count[NUNITS];
	share_out(count, DEMO_STAFF - d->npeople);
	for (int i = 0; i < NUNITS; i++) {
		int tsuchiyoshi_here = strcmp(unit_defs[i].code, TSUCHIYOSHI_UNIT) == 0;
		for (int k = 0; k < count[i]; k++) {
			struct hire h = {i, EMP_REGULAR, 0, 4, NULL};
			int index;
			draw_employment(d, &h);
			if (tsuchiyoshi_here && k == 0)
				h.family = &tsuchiyoshi;
			if (add_person(d, &h, &index, e))
				return e->code;
		}
	}
	return 0;
}

static int add_systems(struct demo *d, struct err *e)
{
	for (int i = 0; i < NSYSTEMS; i++) {
		const struct system_def *s = &system_defs[i];
		struct info_system_input in = {s->code, s->name, s->unit, s->zone};
		long long id;
		if (infosys_add(&d->tx, &in, &id, e))
			return e->code;
		d->sum.systems++;
	}
	return 0;
}

static int assign(struct demo *d, const char *role, int person, const char *unit,
		  const char *system, const char *note, struct err *e)
{
	if (person < 0)
		return err_set(e, ERR_INTERNAL, "架空市の役割「%s」の定義に誤りがあります", role);
	struct role_input in = {role, d->people[person].no, unit, system, ROLE_DATE, note};
	long long id;
	if (role_assign(&d->tx, &in, &id, e))
		return e->code;
	d->people[person].roles++;
	d->sum.roles++;
	return 0;
}

static int assign_leadership(struct demo *d, struct err *e)
{
	if (assign(d, "ciso", d->vice_mayor, NULL, NULL, "副市長", e) ||
	    assign(d, "chief_officer", head_of(d, "B01"), NULL, NULL, "総務部長", e) ||
	    assign(d, "audit_lead", d->accountant, NULL, NULL, "会計管理者", e) ||
	    assign(d, "advisor", d->advisor, NULL, NULL, "外部専門家（委託契約）", e))
		return e->code;
	return 0;
}

/* 部長 → 情報セキュリティ責任者, 課長・所長 → 情報セキュリティ管理者. */
static int assign_unit_heads(struct demo *d, struct err *e)
{
	for (int i = 0; i < NUNITS; i++) {
		const struct unit_def *u = &unit_defs[i];
		/* gap (1): the appointment of 住宅課長 was forgotten */
		if (!u->head || strcmp(u->code, GAP_UNMANAGED) == 0)
			continue;
		if (assign(d, u->parent ? "manager" : "officer", d->head[i], u->code, NULL, u->head,
			   e))
			return e->code;
	}
	return 0;
}

/* The CISO chairs; every 部長 (the 統括 among them) is a member. */
static int assign_committee(struct demo *d, struct err *e)
{
	if (assign(d, "committee", d->vice_mayor, NULL, NULL, "委員長（副市長）", e))
		return e->code;
	for (int i = 0; i < NUNITS; i++) {
		if (unit_defs[i].parent)
			continue;
		char *note = xasprintf("委員（%s）", unit_defs[i].head);
		int rc = assign(d, "committee", d->head[i], NULL, NULL, note, e);
		free(note);
		if (rc)
			return rc;
	}
	return 0;
}

/* Someone who can take a working role: a 正規職員 in post by ROLE_DATE. */
static int eligible(const struct demo_person *p)
{
	return p->regular && !p->post && strcmp(p->started, ROLE_DATE) <= 0;
}

/* The 情報政策課長 leads; members come from 情報セキュリティ係 first. */
static int assign_csirt(struct demo *d, struct err *e)
{
	static const char *const from[] = {"T02", CSIRT_UNIT, "T01"};
	int members = 0;
	if (assign(d, "csirt_lead", head_of(d, CSIRT_UNIT), NULL, NULL, "情報政策課長", e))
		return e->code;
	for (size_t f = 0; f < sizeof from / sizeof from[0]; f++) {
		int slot = slot_of(from[f]);
		for (int i = 0; i < d->npeople && members < CSIRT_MEMBERS; i++) {
			if (d->people[i].slot != slot || !eligible(&d->people[i]))
				continue;
			if (assign(d, "csirt", i, NULL, NULL, unit_defs[slot].name, e))
				return e->code;
			members++;
		}
	}
	if (members < CSIRT_MEMBERS)
		return err_set(e, ERR_INTERNAL, "架空市の CSIRT 要員の候補が足りません");
	return 0;
}

/* Eligible people in the unit `slot` or in its 係; returns how many. */
static int gather(const struct demo *d, int slot, int *pool)
{
	int n = 0;
	for (int i = 0; i < d->npeople; i++) {
		const struct demo_person *p = &d->people[i];
		const char *parent = unit_defs[p->slot].parent;
		int here = p->slot == slot || (parent && strcmp(parent, unit_defs[slot].code) == 0);
		if (here && eligible(p))
			pool[n++] = i;
	}
	return n;
}

/* A random pool member other than `exclude`, preferring one with no role yet. */
static int pick(struct demo *d, const int *pool, int n, int exclude)
{
	int choice = -1;
	for (int tries = 0; tries < 8; tries++) {
		int p = pool[rng_below(d, n)];
		if (p == exclude)
			continue;
		choice = p;
		if (d->people[p].roles == 0)
			break;
	}
	for (int i = 0; choice < 0 && i < n; i++)
		if (pool[i] != exclude)
			choice = pool[i];
	return choice;
}

/* The owning 課長 administers; one or two of the 課's staff operate it. */
static int staff_system(struct demo *d, const struct system_def *s, int *pool, struct err *e)
{
	int slot = slot_of(s->unit);
	if (slot < 0 || d->head[slot] < 0)
		return err_set(e, ERR_INTERNAL, "架空市のシステム %s の所管課に誤りがあります", s->code);
	/* gap (2): nobody was made 情報システム管理者 of 施設予約システム */
	if (strcmp(s->code, GAP_NO_ADMIN) != 0 &&
	    assign(d, "system_admin", d->head[slot], NULL, s->code, unit_defs[slot].head, e))
		return e->code;
	int n = gather(d, slot, pool);
	if (n == 0)
		return err_set(e, ERR_INTERNAL, "架空市の%sに情報システム担当者の候補がいません",
			       unit_defs[slot].name);
	int first = pick(d, pool, n, -1);
	if (assign(d, "system_staff", first, NULL, s->code, NULL, e))
		return e->code;
	if (n > 1 && rng_below(d, 2) &&
	    assign(d, "system_staff", pick(d, pool, n, first), NULL, s->code, NULL, e))
		return e->code;
	return 0;
}

static int assign_system_roles(struct demo *d, struct err *e)
{
	int *pool = xmalloc((size_t)d->npeople * sizeof *pool);
	int rc = 0;
	for (int i = 0; i < NSYSTEMS && !rc; i++)
		rc = staff_system(d, &system_defs[i], pool, e);
	free(pool);
	return rc;
}

/* Gaps (3) and (4): 人事異動 recorded, but the roles left as they were. */
static int add_gaps(struct demo *d, struct err *e)
{
	int retiree = head_of(d, GAP_RETIRED), mover = head_of(d, GAP_MOVED);
	int to = slot_of(GAP_MOVED_TO);
	if (retiree < 0 || mover < 0 || to < 0)
		return err_set(e, ERR_INTERNAL, "架空市の異動の定義に誤りがあります");
	if (staff_retire(&d->tx, d->people[retiree].no, GAP_RETIRED_ON, e) ||
	    staff_transfer(&d->tx, d->people[mover].no, d->unit_id[to], GAP_MOVED_ON, e))
		return e->code;
	return 0;
}

static int populate(struct demo *d, struct err *e)
{
	if (municipality_create(&d->tx, "架空市", "市", "999999", e) || add_units(d, e) ||
	    add_posts(d, e) || add_heads(d, e) || add_general_staff(d, e) || add_systems(d, e) ||
	    assign_leadership(d, e) || assign_unit_heads(d, e) || assign_committee(d, e) ||
	    assign_csirt(d, e) || assign_system_roles(d, e) || add_gaps(d, e) ||
	    demo_add_assets(&d->tx, &d->sum.assets, e) ||
	    demo_add_policy(&d->tx, d->people[d->vice_mayor].no, e) ||
	    demo_add_plan(&d->tx, d->people[d->vice_mayor].no, e) ||
	    demo_add_cases(&d->tx, e) || demo_add_incidents(&d->tx, e) ||
	    demo_add_training(&d->tx, e) ||
	    demo_add_inspections(&d->tx, e) || demo_add_audits(&d->tx, e) ||
	    demo_add_reports(&d->tx, d->people[d->vice_mayor].no, e))
		return e->code;
	return 0;
}

int demo_build(struct db *db, const char *actor, struct demo_summary *out, struct err *e)
{
	struct municipality m;
	int found;
	memset(out, 0, sizeof *out);
	if (municipality_get(db, &m, &found, e))
		return e->code;
	municipality_free(&m);
	if (found)
		return err_set(e, ERR_INPUT, "このデータベースには既にデータがあります");
	struct demo *d = xcalloc(1, sizeof *d);
	d->rng = DEMO_SEED;
	d->people = xcalloc(DEMO_STAFF, sizeof *d->people);
	int rc = tx_begin(&d->tx, db, actor, e);
	if (!rc) {
		rc = populate(d, e);
		if (rc)
			tx_rollback(&d->tx);
		else
			rc = tx_commit(&d->tx, e);
		if (rc)
			err_prefix(e, "架空市のデモデータを作成できませんでした");
	}
	if (!rc)
		*out = d->sum;
	free(d->people);
	free(d);
	return rc;
}
