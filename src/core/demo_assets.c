/*
 * demo_assets.c — the information asset register of the demo city 架空市.
 *
 * Built from what the demo organisation already holds (its 課, managers and
 * systems), deterministically: every 課 keeps its business data and public
 * material, every system has its server, its data and its design documents,
 * and backups live on tapes in the 書庫.  Two deliberate gaps join the four of
 * demo.c, so `check` has chapter 2 findings to show:
 *   (5) a paper copy of 住民基本台帳データ classified below its source;
 *   (6) a spare backup disk of SYS02 kept in an ordinary office cabinet.
 */
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/asset.h"
#include "core/infosys.h"
#include "core/location.h"
#include "core/org.h"
#include "core/role.h"
#include "core/vocab.h"
#include "util/buf.h"

#define GAP_COPY_SOURCE "SYS01-D"
#define GAP_CABINET_SYSTEM "SYS02"

struct demo_assets {
	struct tx *tx;
	struct org_units units;
	struct info_systems systems;
	struct role_assignments roles;
	long long count;
};

static const struct location_input places[] = {
	{"L01", "サーバ室", NULL, "庁舎3階、入退室は IC カードで管理", 1, 1, 0},
	{"L02", "書庫", NULL, "耐火金庫を備える", 1, 1, 0},
	{"L03", "執務室キャビネット", NULL, "各課の鍵付きキャビネット", 1, 0, 0},
	{"L04", "外部データセンター", NULL, "自治体情報セキュリティクラウド事業者", 1, 1, 1},
};

/* The 情報セキュリティ管理者 of a 課, or 0 when there is none (S045). */
static long long manager_of(const struct demo_assets *x, long long unit_id)
{
	for (size_t i = 0; i < x->roles.n; i++)
		if (strcmp(x->roles.v[i].role, "manager") == 0 && x->roles.v[i].unit_id == unit_id)
			return x->roles.v[i].staff_id;
	return 0;
}

struct asset_spec {
	const char *no, *name, *type, *medium, *zone, *location, *personal;
	int c, i, a;
	long long unit_id, system_id, source_id, container_id;
};

static int add(struct demo_assets *x, const struct asset_spec *s, long long *id, struct err *e)
{
	struct asset a = {0};
	a.asset_no = (char *)s->no;
	a.name = (char *)s->name;
	a.type = (char *)s->type;
	a.unit_id = s->unit_id;
	a.manager_id = manager_of(x, s->unit_id);
	a.scope = (char *)"所管課";
	a.location = (char *)s->location;
	a.medium = (char *)s->medium;
	a.system_id = s->system_id;
	a.zone = (char *)s->zone;
	a.level[DIM_C] = s->c;
	a.level[DIM_I] = s->i;
	a.level[DIM_A] = s->a;
	a.personal = (char *)(s->personal ? s->personal : "none");
	a.retention = (char *)"5年";
	a.origin = (char *)"internal";
	a.source_id = s->source_id;
	a.container_id = s->container_id;
	a.state = (char *)"in_use";
	if (asset_put(x->tx, &a, 1, "asset.add", e))
		return e->code;
	x->count++;
	if (id)
		*id = a.id;
	return 0;
}

/* Each 課: its business data (機密性2) and its published material (機密性1). */
static int add_section_assets(struct demo_assets *x, struct err *e)
{
	for (size_t i = 0; i < x->units.n; i++) {
		const struct org_unit *u = &x->units.v[i];
		if (org_unit_tier(u) != TIER_SECTION)
			continue;
		char no1[32], no2[32], name1[256], name2[256];
		snprintf(no1, sizeof no1, "%s-001", u->code);
		snprintf(no2, sizeof no2, "%s-002", u->code);
		snprintf(name1, sizeof name1, "%s 業務ファイル", u->name);
		snprintf(name2, sizeof name2, "%s 公表資料", u->name);
		struct asset_spec data = {no1, name1, "information", "electronic", "lgwan", NULL, NULL,
					  2, 2, 1, u->id, 0, 0, 0};
		struct asset_spec pub = {no2, name2, "information", "mixed", "lgwan", "執務室キャビネット", NULL,
					 1, 1, 1, u->id, 0, 0, 0};
		if (add(x, &data, NULL, e) || add(x, &pub, NULL, e))
			return e->code;
	}
	return 0;
}

/* The resident data of a system in the マイナンバー利用事務系 is 特定個人情報. */
static const char *personal_of(const struct info_system *s)
{
	return strcmp(s->zone, "mynumber") == 0 ? "specific" : "personal";
}

/* Each system: server, data, design documents and a backup tape in the 書庫. */
static int add_system_assets(struct demo_assets *x, struct err *e)
{
	for (size_t i = 0; i < x->systems.n; i++) {
		const struct info_system *s = &x->systems.v[i];
		int c = strcmp(s->zone, "mynumber") == 0 ? 3 : strcmp(s->zone, "internet") == 0 ? 1 : 2;
		char no[4][32], name[4][256];
		const char *suffix[4] = {"S", "D", "M", "B"};
		const char *what[4] = {"サーバ", "データ", "設計書・運用手順書", "バックアップテープ"};
		for (int k = 0; k < 4; k++) {
			snprintf(no[k], sizeof no[k], "%s-%s", s->code, suffix[k]);
			snprintf(name[k], sizeof name[k], "%s %s", s->name, what[k]);
		}
		long long data_id, tape_id;
		const char *loc = strcmp(s->zone, "internet") == 0 ? "外部データセンター" : "サーバ室";
		struct asset_spec server = {no[0], name[0], "system", "electronic", s->zone, loc, NULL,
					    c, 2, 2, s->unit_id, s->id, 0, 0};
		struct asset_spec tape = {no[3], name[3], "media", "external", s->zone, "書庫", NULL,
					  c, 2, 2, s->unit_id, s->id, 0, 0};
		struct asset_spec docs = {no[2], name[2], "document", "mixed", "lgwan", "書庫", NULL,
					  2, 1, 1, s->unit_id, s->id, 0, 0};
		if (add(x, &server, NULL, e) || add(x, &tape, &tape_id, e))
			return e->code;
		struct asset_spec data = {no[1], name[1], "information", "electronic", s->zone, loc,
					  personal_of(s), c, 2, 2, s->unit_id, s->id, 0, tape_id};
		if (add(x, &data, &data_id, e) || add(x, &docs, NULL, e))
			return e->code;
	}
	return 0;
}

static const struct info_system *system_by_code(const struct demo_assets *x, const char *code)
{
	return infosys_by_code(&x->systems, code);
}

static long long asset_id_of(struct demo_assets *x, const char *no, struct err *e)
{
	struct db_stmt *st;
	long long id = 0;
	if (db_prepare(x->tx->db, "SELECT id FROM asset WHERE asset_no = ?", &st, e))
		return 0;
	db_bind_text(st, 1, no);
	if (db_step(st, e) == DB_ROW)
		id = db_column_int(st, 0);
	db_finalize(st);
	return id;
}

static int add_gaps(struct demo_assets *x, struct err *e)
{
	const struct info_system *juki = system_by_code(x, "SYS01");
	const struct info_system *spare = system_by_code(x, GAP_CABINET_SYSTEM);
	long long source = asset_id_of(x, GAP_COPY_SOURCE, e);
	if (!juki || !spare || !source)
		return err_set(e, ERR_INTERNAL, "デモの情報資産の前提（SYS01・SYS02）がありません");
	/* (5) printed for a counter, and classified as ordinary business paper */
	struct asset_spec copy = {"SYS01-D-P1", "住民基本台帳データ 窓口用印刷物", "information", "paper",
				  "mynumber", "執務室キャビネット", "specific", 2, 2, 1, juki->unit_id, juki->id,
				  source, 0};
	/* (6) a spare backup disk that never made it to the 書庫 */
	char disk_name[256];
	snprintf(disk_name, sizeof disk_name, "%s 予備バックアップディスク", spare->name);
	struct asset_spec disk = {"SYS02-B2", disk_name, "media", "external",
				  "mynumber", "執務室キャビネット", "specific", 3, 2, 2, spare->unit_id, spare->id,
				  0, 0};
	if (add(x, &copy, NULL, e) || add(x, &disk, NULL, e))
		return e->code;
	return 0;
}

int demo_add_assets(struct tx *tx, long long *count, struct err *e)
{
	struct demo_assets x = {.tx = tx};
	int rc = class_scheme_ensure_default(tx, e);
	for (size_t i = 0; !rc && i < sizeof places / sizeof places[0]; i++)
		rc = location_add(tx, &places[i], e);
	if (!rc)
		rc = org_units_load(tx->db, &x.units, e) || infosys_load(tx->db, &x.systems, e) ||
		     role_load(tx->db, 1, &x.roles, e);
	if (!rc)
		rc = add_section_assets(&x, e) || add_system_assets(&x, e) || add_gaps(&x, e);
	org_units_free(&x.units);
	infosys_free(&x.systems);
	role_assignments_free(&x.roles);
	*count = x.count;
	return rc ? (e->code ? e->code : ERR_INTERNAL) : 0;
}
