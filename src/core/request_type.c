#include "core/request_type.h"

#include <stdlib.h>
#include <string.h>

#include "util/fold.h"

#define F_ITEM {"item", "品目", 0}
#define F_QUANTITY {"quantity", "数量", 0}
#define F_PURPOSE {"purpose", "目的", 0}
#define F_PLACE {"place", "場所", 0}
#define F_RETURN_DUE {"return_due", "返却予定日", 1}
#define F_PERIOD_END {"period_end", "終了予定日", 1}
#define F_RECIPIENT {"recipient", "提供先", 0}
#define F_METHOD {"method", "手段", 0}
#define F_SOFTWARE {"software", "ソフトウェア", 0}
#define F_DEVICE {"device", "機器", 0}
#define F_DETAIL {"detail", "内容", 0}
#define F_PEER {"peer", "接続先", 0}
#define F_PARTNER {"partner", "相手団体", 0}
#define F_PROXY {"proxy", "代行者", 0}
#define F_END {NULL, NULL, 0}

/*
 * Each row is one 許 or 承 of the guideline, with its clause id.  Approvers
 * follow the clause text: e.g. software needs both the 統括 and the
 * system's 情報システム管理者 (6.1.17②), an external network both the CISO
 * and the 統括 (6.1.10①), off-site equipment the CISO (4.1(6)).
 */
const struct request_type request_types[] = {
	{"takeout", "持ち出し", "5.1.1.3.2", TARGET_ASSET, {"manager"}, 0,
	 {F_ITEM, F_QUANTITY, F_PURPOSE, F_PLACE, F_RETURN_DUE, F_END}, "return_due", 0, 30},
	{"offsite_processing", "外部での情報処理", "5.1.1.3.3", TARGET_ASSET, {"manager"}, 0,
	 {F_PURPOSE, F_PLACE, F_PERIOD_END, F_END}, NULL, 0, 30},
	{"byod", "支給以外の端末の利用", "5.1.1.4.1", TARGET_ASSET, {"manager"}, 0,
	 {F_DEVICE, F_PURPOSE, F_PERIOD_END, F_END}, NULL, 0, 365},
	{"transport", "運搬", "2.2.8.2", TARGET_ASSET, {"manager"}, 2,
	 {F_PURPOSE, F_PLACE, F_METHOD, F_END}, NULL, 0, 30},
	{"provide", "外部提供", "2.2.9.2", TARGET_ASSET, {"manager"}, 2,
	 {F_RECIPIENT, F_PURPOSE, F_METHOD, F_END}, NULL, 0, 30},
	{"disposal", "廃棄", "2.2.10.3", TARGET_ASSET, {"manager"}, 0,
	 {F_PURPOSE, F_END}, NULL, 1, 90},
	{"software", "ソフトウェアの導入", "6.1.17.2", TARGET_SYSTEM, {"chief_officer", "system_admin"}, 0,
	 {F_SOFTWARE, F_DEVICE, F_PURPOSE, F_END}, NULL, 0, 90},
	{"device_change", "機器の改造・増設・交換", "6.1.18.2", TARGET_SYSTEM,
	 {"chief_officer", "system_admin"}, 0, {F_DEVICE, F_DETAIL, F_PURPOSE, F_END}, NULL, 0, 90},
	{"network_connect", "ネットワークへの接続", "6.1.19", TARGET_NONE, {"chief_officer"}, 0,
	 {F_DEVICE, F_PURPOSE, F_END}, NULL, 0, 90},
	{"external_network", "外部ネットワークとの接続", "6.1.10.1", TARGET_SYSTEM, {"ciso", "chief_officer"}, 0,
	 {F_PEER, F_PURPOSE, F_DETAIL, F_END}, NULL, 0, 180},
	{"remote_access", "外部からのアクセス", "6.2.2.1", TARGET_SYSTEM, {"chief_officer", "system_admin"}, 0,
	 {F_PLACE, F_PURPOSE, F_PERIOD_END, F_END}, NULL, 0, 365},
	{"offsite_install", "庁外への機器の設置", "4.1.6", TARGET_SYSTEM, {"ciso"}, 0,
	 {F_DEVICE, F_PLACE, F_PURPOSE, F_END}, NULL, 0, 180},
	{"info_exchange", "他団体との情報交換", "6.1.3", TARGET_SYSTEM, {"chief_officer", "officer"}, 0,
	 {F_PARTNER, F_DETAIL, F_PURPOSE, F_END}, NULL, 0, 180},
	{"privilege_proxy", "特権の代行者", "6.2.1.3.2", TARGET_SYSTEM, {"ciso"}, 0,
	 {F_PROXY, F_PURPOSE, F_PERIOD_END, F_END}, NULL, 0, 365},
};
const size_t request_ntypes = sizeof request_types / sizeof request_types[0];

const struct request_type *request_type_find(const char *text)
{
	if (!text)
		return NULL;
	for (size_t i = 0; i < request_ntypes; i++)
		if (strcmp(request_types[i].id, text) == 0 || strcmp(request_types[i].label, text) == 0)
			return &request_types[i];
	char *want = fold_key(text);
	const struct request_type *found = NULL;
	for (size_t i = 0; i < request_ntypes && !found; i++) {
		char *label = fold_key(request_types[i].label);
		if (strcmp(label, want) == 0)
			found = &request_types[i];
		free(label);
	}
	free(want);
	return found;
}

const struct request_field *request_type_field(const struct request_type *t, const char *text)
{
	for (int i = 0; i < REQUEST_MAX_FIELDS && t->fields[i].key; i++)
		if (strcmp(t->fields[i].key, text) == 0 || strcmp(t->fields[i].label, text) == 0)
			return &t->fields[i];
	return NULL;
}
