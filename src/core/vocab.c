#include "core/vocab.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fold.h"

#define VOCAB(name, what, arr) \
	const struct vocab name = {what, arr, (int)(sizeof arr / sizeof arr[0])}

static const struct vocab_entry municipality_kinds[] = {
	{"city", "市", "", 0},
	{"town", "町", "", 0},
	{"village", "村", "", 0},
	{"special_ward", "特別区", "区", 0},
	{"prefecture", "都道府県", "都|道|府|県", 0},
};
VOCAB(vocab_municipality_kind, "団体の種類", municipality_kinds);

/* Tier 1 units have an 情報セキュリティ責任者, tier 2 an 情報セキュリティ管理者. */
static const struct vocab_entry unit_kinds[] = {
	{"bureau", "部局", "部|局|内部部局", TIER_BUREAU},
	{"commission", "行政委員会", "委員会|行政委員会事務局|委員会事務局", TIER_BUREAU},
	{"assembly", "議会事務局", "議会", TIER_BUREAU},
	{"fire", "消防本部", "消防", TIER_BUREAU},
	{"enterprise", "地方公営企業", "公営企業|企業局", TIER_BUREAU},
	{"section", "課室", "課|室|課室", TIER_SECTION},
	{"branch", "出先機関", "出先|事務所|支所|センター", TIER_SECTION},
	{"team", "係", "係|担当|グループ|班", TIER_TEAM},
};
VOCAB(vocab_unit_kind, "組織の種類", unit_kinds);

static const struct vocab_entry employments[] = {
	{"regular", "職員", "正規職員|常勤職員|一般職", 0},
	{"fiscal_year", "会計年度任用職員", "会計年度|非常勤職員|非常勤", 0},
	{"temporary", "臨時", "臨時職員|臨時的任用職員", 0},
	{"contractor", "委託事業者", "外部委託事業者|委託|派遣", 0},
};
VOCAB(vocab_employment, "雇用区分", employments);

static const struct vocab_entry zones[] = {
	{"mynumber", "マイナンバー利用事務系", "個人番号利用事務系|マイナンバー系", 0},
	{"lgwan", "LGWAN接続系", "LGWAN", 0},
	{"internet", "インターネット接続系", "インターネット", 0},
	{"other", "その他", "", 0},
};
VOCAB(vocab_zone, "ネットワーク領域", zones);

/* Role ids are a contract (DESIGN.md); tier holds the role_scope. */
static const struct vocab_entry roles[] = {
	{"ciso", "最高情報セキュリティ責任者（CISO）", "CISO|最高情報セキュリティ責任者", SCOPE_NONE},
	{"deputy_ciso", "最高情報セキュリティ副責任者（副CISO）", "副CISO|最高情報セキュリティ副責任者", SCOPE_NONE},
	{"advisor", "最高情報セキュリティアドバイザー", "アドバイザー", SCOPE_NONE},
	{"chief_officer", "統括情報セキュリティ責任者", "統括", SCOPE_NONE},
	{"officer", "情報セキュリティ責任者", "責任者", SCOPE_BUREAU},
	{"manager", "情報セキュリティ管理者", "管理者", SCOPE_SECTION},
	{"system_admin", "情報システム管理者", "システム管理者", SCOPE_SYSTEM},
	{"system_staff", "情報システム担当者", "システム担当者", SCOPE_SYSTEM},
	{"committee", "情報セキュリティ委員会 委員", "委員会|委員", SCOPE_NONE},
	{"csirt", "CSIRT 要員", "CSIRT要員", SCOPE_NONE},
	{"csirt_lead", "CSIRT 責任者", "CSIRT責任者", SCOPE_NONE},
	{"audit_lead", "情報セキュリティ監査統括責任者", "監査統括責任者", SCOPE_NONE},
	{"staff", "職員等", "", SCOPE_NONE},
	{"contractor", "外部委託事業者", "", SCOPE_NONE},
};
VOCAB(vocab_role, "役割", roles);

/* 図表10: the six kinds of information asset. */
static const struct vocab_entry asset_types[] = {
	{"network", "ネットワーク", "通信回線|ネットワーク機器", 0},
	{"system", "情報システム", "システム|サーバ|端末|ソフトウェア", 0},
	{"facility", "施設・設備", "施設|設備", 0},
	{"media", "電磁的記録媒体", "記録媒体|媒体|USBメモリ|外付けHDD", 0},
	{"information", "情報", "データ|電子データ|紙文書", 0},
	{"document", "システム関連文書", "設計書|仕様書|マニュアル|ネットワーク構成図", 0},
};
VOCAB(vocab_asset_type, "資産の種別", asset_types);

static const struct vocab_entry media[] = {
	{"paper", "紙", "紙媒体|書類", 0},
	{"electronic", "電子", "電子データ|電磁的記録", 0},
	{"external", "外部媒体", "USB|USBメモリ|外付けHDD|DVD|CD|磁気テープ", 0},
	{"mixed", "紙・電子", "紙及び電子|両方", 0},
};
VOCAB(vocab_medium, "媒体", media);

static const struct vocab_entry personal[] = {
	{"none", "なし", "無|無し|-|×", 0},
	{"personal", "個人情報", "有|あり|○|個人情報あり", 0},
	{"specific", "特定個人情報", "マイナンバー|個人番号|特定個人情報あり", 0},
};
VOCAB(vocab_personal, "個人情報の有無", personal);

static const struct vocab_entry origins[] = {
	{"internal", "庁内", "内部|庁内作成", 0},
	{"external", "庁外", "外部|庁外入手", 0},
};
VOCAB(vocab_origin, "入手元", origins);

static const struct vocab_entry asset_states[] = {
	{"in_use", "使用中", "利用中|運用中", 0},
	{"stored", "保管", "保管中|保存", 0},
	{"disposed", "廃棄済", "廃棄|廃棄済み", 0},
};
VOCAB(vocab_asset_state, "状態", asset_states);

/* tier: the highest level of the R2.12 default scheme in that dimension */
static const struct vocab_entry dimensions[] = {
	{"confidentiality", "機密性", "C", 3},
	{"integrity", "完全性", "I", 2},
	{"availability", "可用性", "A", 2},
};
VOCAB(vocab_dimension, "分類の観点", dimensions);

static int alias_matches(const char *aliases, const char *folded)
{
	const char *p = aliases;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char *one = xstrndup(p, n);
		char *f = fold_key(one);
		int hit = strcmp(f, folded) == 0;
		free(one);
		free(f);
		if (hit)
			return 1;
		p += n + (bar ? 1 : 0);
	}
	return 0;
}

/* Exact spelling: the common case in imports, and free of allocation. */
static const struct vocab_entry *find_exact(const struct vocab *v, const char *text)
{
	size_t len = strlen(text);
	for (int i = 0; i < v->n; i++) {
		const struct vocab_entry *en = &v->entries[i];
		if ((en->id[0] == text[0] && strcmp(en->id, text) == 0) ||
		    (en->label[0] == text[0] && strcmp(en->label, text) == 0))
			return en;
		for (const char *p = en->aliases; *p;) {
			const char *bar = strchr(p, '|');
			size_t n = bar ? (size_t)(bar - p) : strlen(p);
			if (n == len && memcmp(p, text, n) == 0)
				return en;
			p += n + (bar ? 1 : 0);
		}
	}
	return NULL;
}

const struct vocab_entry *vocab_find(const struct vocab *v, const char *text)
{
	if (!text)
		return NULL;
	const struct vocab_entry *exact = find_exact(v, text);
	if (exact)
		return exact;
	char *folded = fold_key(text);
	const struct vocab_entry *found = NULL;
	for (int i = 0; i < v->n && !found; i++) {
		const struct vocab_entry *en = &v->entries[i];
		char *id = fold_key(en->id), *label = fold_key(en->label);
		if (strcmp(id, folded) == 0 || strcmp(label, folded) == 0 ||
		    alias_matches(en->aliases, folded))
			found = en;
		free(id);
		free(label);
	}
	free(folded);
	return found;
}

const char *vocab_label(const struct vocab *v, const char *id)
{
	if (!id)
		return "";
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->entries[i].id, id) == 0)
			return v->entries[i].label;
	return id;
}

char *vocab_choices(const struct vocab *v)
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < v->n; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", v->entries[i].label);
	return buf_take(&b);
}

enum role_scope role_scope(const char *role_id)
{
	const struct vocab_entry *en = NULL;
	for (int i = 0; i < vocab_role.n; i++)
		if (strcmp(vocab_role.entries[i].id, role_id) == 0)
			en = &vocab_role.entries[i];
	return en ? (enum role_scope)en->tier : SCOPE_NONE;
}
