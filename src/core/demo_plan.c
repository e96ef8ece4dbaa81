/*
 * demo_plan.c — the demo municipality's 緊急時対応計画: drawn up from the
 * template (so reviewed today, in the current 年度), its outside contacts
 * filled in with made-up numbers (the 000 area code does not exist), and
 * approved by its CISO, so the plan pages have a current plan to show.
 */
#include "core/demo.h"

#include "core/response_plan.h"
#include "store/tx.h"

#define C(party, person, phone, email, note) {party, person, phone, email, note, ""}

static struct plan_contact contacts[] = {
	C("架空県 総務部 情報政策課", "セキュリティ担当", "000-100-2001", "joho@pref.kaku.example", "インシデントの報告先"),
	C("架空県警察 サイバー犯罪対策課", "相談窓口", "000-100-0110", "", "犯罪の疑いがある事案"),
	C("総務省 自治行政局 地域情報化企画室", "", "000-5253-5111", "", "都道府県を通じて報告"),
	C("内閣サイバーセキュリティセンター（NISC）", "", "000-3581-0000", "", "重大な事案の情報共有"),
	C("地方公共団体情報システム機構（J-LIS、自治体CEPTOAR）", "", "000-5214-8000", "ceptoar@j-lis.example",
	  "技術的な相談"),
	C("株式会社カクウ情報サービス（基幹系システム保守）", "保守窓口", "000-200-3000", "support@kakuu-is.example",
	  "24時間受付。調査、切断、復旧の依頼"),
	C("架空市 秘書広報課", "広報係", "000-300-1111", "koho@city.kaku.example", "報道機関への対応"),
};

int demo_add_plan(struct tx *tx, const char *ciso_no, struct err *e)
{
	struct plan_contacts l = {sizeof contacts / sizeof contacts[0], contacts};
	long long version;
	if (plan_init(tx, &version, e) || plan_contacts_replace(tx, &l, &version, e))
		return e->code;
	return plan_approve(tx, version, ciso_no, e);
}
