/*
 * response_plan_template.c — the first version `plan init` writes: a
 * working draft of the four parts of guideline 7.3(2) and the link to the
 * 業務継続計画, worded for the municipality ("%s" is its 本市 / 本町 …).
 * Each line becomes one paragraph of the document.  The municipality is
 * expected to adapt it; the check does not look at the wording.
 */
#include "core/response_plan.h"

#include <string.h>

#include "util/json.h"

static const char reporting[] =
	"インシデント又はその疑いがある事案に気付いた職員等は、直ちに所属の情報セキュリティ管理者と統一的な窓口（CSIRT）に次の事項を報告する。\n"
	"(1) 事案の状況：いつ、どこで、何が起きている（起きた）か\n"
	"(2) 推定される原因：原因と考えられる操作、通信、出来事\n"
	"(3) 確認できた被害と影響の範囲：事案の種類、被害の規模、復旧に要する費用の見込み\n"
	"(4) インシデントに当たるかどうかの判断とその理由\n"
	"(5) 記録：気付いてから報告するまでの経過、画面やログの保存場所\n"
	"報告を受けた統括情報セキュリティ責任者は、内容を詳しく確かめたうえで、CISO と情報セキュリティ委員会に報告する。分かっていないことは分からないと書き、分かり次第続報する。";

static const char measures[] =
	"連絡：統括情報セキュリティ責任者は、事案の種類に応じて連絡する。住民等に重大な被害が及ぶおそれがある事案、不正アクセスなど犯罪の疑いがある事案、%sが踏み台となって他者に被害を与えた事案は、%sの長、CISO、都道府県の担当部局及び警察に連絡する。情報システムの被害は情報システム管理者と必要な委託事業者に、その他の情報資産の被害は関係する部署に連絡する。\n"
	"被害の拡大防止：不正な通信が続いている、マルウェアがネットワークで広がっているなど、やむを得ない場合は、統括情報セキュリティ責任者がネットワークを切り離す。情報資産に重大な被害が見込まれる場合は、情報システム管理者がシステムを停止する。端末を個別に切り離すときは統括情報セキュリティ責任者の許可を得るが、直ちに止める必要があるときは措置を先に行い、事後に報告する。\n"
	"証拠の保全：措置の前にログと機器の状態を保存し、対応の経過を日時と実施者とともに記録する。\n"
	"復旧：証拠の保全と応急措置を終えた後に復旧し、復旧後も必要な期間、同じ事案が起きていないかを監視する。\n"
	"外部への影響：被害を受けるおそれのある住民や事業者には速やかに知らせ、報道機関への対応は広報担当課と調整する。";

static const char prevention[] =
	"統括情報セキュリティ責任者は、事案の原因を調べた結果に基づいて再発防止策の案を作り、CISO と情報セキュリティ委員会に報告する。\n"
	"委員会の承認を受けた再発防止策は、関係する職員等に周知し、実施されたかを確かめる。必要があれば情報セキュリティポリシーと本計画を見直す。";

static const char bcp[] =
	"%sの業務継続計画（情報システム部門の業務継続計画を含む）と本計画とが食い違わないよう、どちらかを見直すときは他方の内容も確かめる。災害時の連絡体制は業務継続計画の定めによる。";

char *plan_template_text(const char *field, const char *self)
{
	if (strcmp(field, "reporting") == 0)
		return xstrdup(reporting);
	if (strcmp(field, "measures") == 0)
		return xasprintf(measures, self, self);
	if (strcmp(field, "prevention") == 0)
		return xstrdup(prevention);
	return xasprintf(bcp, self);
}

/* The outside parties the commentary of 7.3(2)① names; numbers are left to fill in. */
static const char *const parties[][2] = {
	{"都道府県の情報セキュリティ担当部局", "インシデントの報告先"},
	{"警察（サイバー犯罪相談窓口）", "犯罪の疑いがある事案"},
	{"総務省（地方公共団体の情報セキュリティ担当）", "都道府県を通じた報告"},
	{"内閣サイバーセキュリティセンター（NISC）", "重大な事案の情報共有"},
	{"地方公共団体情報システム機構（J-LIS、自治体CEPTOAR）", "技術的な相談、情報共有"},
	{"ネットワーク・システムの委託事業者", "調査、切断、復旧の依頼"},
	{"広報担当課", "報道機関への対応"},
};

void plan_template_contacts(struct buf *json)
{
	struct plan_contacts l = {0, NULL};
	size_t n = sizeof parties / sizeof parties[0];
	struct plan_contact v[sizeof parties / sizeof parties[0]];
	for (size_t i = 0; i < n; i++)
		v[i] = (struct plan_contact){(char *)parties[i][0], "", "", "", (char *)parties[i][1], ""};
	l.n = n;
	l.v = v;
	plan_contacts_json(&l, json);
}
