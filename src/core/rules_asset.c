/*
 * rules_asset.c — chapter 2 (情報資産の分類と管理): the register's own
 * consistency, as the guideline's rules for copies, mixed media, storage,
 * ownership and classification require.  Levels are compared by baseline
 * (classification.h), so municipal schemes with extra levels work too.
 * Disposed assets are history and are not checked.
 */
#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/vocab.h"

static int active(const struct asset *a)
{
	return strcmp(a->state, "disposed") != 0;
}

static void subject_of(const struct asset *a, char *out, size_t n)
{
	snprintf(out, n, "asset:%s", a->asset_no);
}

static int baseline(const struct check_ctx *c, const struct asset *a, int d)
{
	return class_baseline(&c->scheme, (enum dimension)d, a->level[d]);
}

/* 2(2)①イ: a copy is classified at least as its source, dimension by dimension. */
static void rule_copy(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->assets.n; i++) {
		const struct asset *a = &c->assets.v[i];
		const struct asset *src = asset_by_id(&c->assets, a->source_id);
		if (!active(a) || !src)
			continue;
		for (int d = 0; d < NDIMENSIONS; d++) {
			if (baseline(c, a, d) >= baseline(c, src, d))
				continue;
			char subject[160];
			subject_of(a, subject, sizeof subject);
			finding_add(out, r, SEV_ERROR, subject, "複製「%s」（%s）の%sが複製元「%s」（%s）より低く分類されています",
				    a->name, a->asset_no, dimension_label((enum dimension)d), src->name, src->asset_no);
		}
	}
}

/* 2(2)⑤ウ: a medium holding several assets takes the highest level of each. */
static void rule_high_water(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->assets.n; i++) {
		const struct asset *a = &c->assets.v[i];
		const struct asset *box = asset_by_id(&c->assets, a->container_id);
		if (!active(a) || !box || !active(box))
			continue;
		for (int d = 0; d < NDIMENSIONS; d++) {
			if (baseline(c, box, d) >= baseline(c, a, d))
				continue;
			char subject[160];
			subject_of(box, subject, sizeof subject);
			finding_add(out, r, SEV_ERROR, subject, "記録媒体「%s」（%s）の%sが、格納している「%s」（%s）より低く分類されています",
				    box->name, box->asset_no, dimension_label((enum dimension)d), a->name, a->asset_no);
		}
	}
}

/* Media (and paper or removable records) that must be locked away. */
static int needs_secure_storage(const struct check_ctx *c, const struct asset *a)
{
	int medium = strcmp(a->type, "media") == 0 ||
		     (a->medium && (strcmp(a->medium, "paper") == 0 || strcmp(a->medium, "external") == 0 ||
				    strcmp(a->medium, "mixed") == 0));
	return medium && (baseline(c, a, DIM_C) >= 2 || baseline(c, a, DIM_I) >= 2 ||
			  baseline(c, a, DIM_A) >= 2);
}

/* 2(2)⑥エ: such media only in a lockable, fire- and water-resistant place. */
static void rule_storage(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->assets.n; i++) {
		const struct asset *a = &c->assets.v[i];
		if (!active(a) || !needs_secure_storage(c, a))
			continue;
		char subject[160];
		subject_of(a, subject, sizeof subject);
		const struct storage_location *l = location_find(&c->locations, a->location);
		if (!a->location || !*a->location)
			finding_add(out, r, SEV_ERROR, subject, "「%s」（%s）の保管場所が記入されていません", a->name, a->asset_no);
		else if (!l)
			finding_add(out, r, SEV_WARNING, subject, "「%s」（%s）の保管場所「%s」が場所として登録されていないため、施錠・耐火を確認できません",
				    a->name, a->asset_no, a->location);
		else if (!l->lockable || !l->fireproof)
			finding_add(out, r, SEV_ERROR, subject, "「%s」（%s）の保管場所「%s」は%sではありません", a->name,
				    a->asset_no, l->name, !l->lockable ? "施錠可能な場所" : "耐火・耐水の場所");
	}
}

/*
 * 2(2)⑥ウ (推奨事項): media kept for the long term (state 保管) belong in a
 * place away from the disasters that would hit the office with them.
 */
static void rule_offsite(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->assets.n; i++) {
		const struct asset *a = &c->assets.v[i];
		if (strcmp(a->type, "media") != 0 || strcmp(a->state, "stored") != 0)
			continue;
		const struct storage_location *l = location_find(&c->locations, a->location);
		if (!l || l->offsite)
			continue; /* an unregistered place is asset.secure_storage's finding */
		char subject[160];
		subject_of(a, subject, sizeof subject);
		finding_add(out, r, SEV_WARNING, subject, "長期保管の記録媒体「%s」（%s）が庁舎内の「%s」にあります（遠隔地保管: 推奨事項 2.2.6.3）",
			    a->name, a->asset_no, l->name);
	}
}

/* 2(2)①ア: one 情報セキュリティ管理者, in office, in the owning 課. */
static void rule_manager(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->assets.n; i++) {
		const struct asset *a = &c->assets.v[i];
		if (!active(a))
			continue;
		char subject[160];
		subject_of(a, subject, sizeof subject);
		const struct staff *m = a->manager_id ? check_staff_by_id(c, a->manager_id) : NULL;
		if (!m)
			finding_add(out, r, SEV_ERROR, subject, "「%s」（%s）に管理者が定められていません", a->name, a->asset_no);
		else if (m->left_on && strcmp(m->left_on, c->today) <= 0)
			finding_add(out, r, SEV_ERROR, subject, "「%s」（%s）の管理者 %s（%s）は離任しています", a->name,
				    a->asset_no, m->name, m->staff_no);
		else if (!org_unit_within(&c->units, m->unit_id, a->unit_id))
			finding_add(out, r, SEV_WARNING, subject, "「%s」（%s）の管理者 %s（%s）が所管課に所属していません",
				    a->name, a->asset_no, m->name, m->staff_no);
	}
}

static int unclassified(const struct asset *a)
{
	return !a->level[DIM_C] || !a->level[DIM_I] || !a->level[DIM_A];
}

/* 2(2)④イ: what comes from outside is classified by whoever receives it. */
static void rule_external(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->assets.n; i++) {
		const struct asset *a = &c->assets.v[i];
		if (!active(a) || strcmp(a->origin, "external") != 0 || !unclassified(a))
			continue;
		char subject[160];
		subject_of(a, subject, sizeof subject);
		finding_add(out, r, SEV_ERROR, subject, "庁外から入手した「%s」（%s）の分類が決められていません", a->name,
			    a->asset_no);
	}
}

/* 2(2)③イ: the creator classifies at creation; nothing in use stays unclassified. */
static void rule_classified(const struct check_ctx *c, const struct rule *r, struct findings *out)
{
	for (size_t i = 0; i < c->assets.n; i++) {
		const struct asset *a = &c->assets.v[i];
		if (!active(a) || strcmp(a->origin, "external") == 0 || !unclassified(a))
			continue;
		char subject[160];
		subject_of(a, subject, sizeof subject);
		finding_add(out, r, SEV_WARNING, subject, "「%s」（%s）の分類（機密性・完全性・可用性）が決められていません",
			    a->name, a->asset_no);
	}
}

const struct rule check_rules_asset[] = {
	{"asset.manager", "2.2.1.1", "情報資産に所管課の管理者がいる", rule_manager},
	{"asset.copy_keeps_classification", "2.2.1.2", "複製は複製元の分類を引き継ぐ", rule_copy},
	{"asset.classified", "2.2.3.2", "使用中の情報資産が分類されている", rule_classified},
	{"asset.external_classified", "2.2.4.2", "庁外から入手した情報資産が分類されている", rule_external},
	{"asset.media_high_water", "2.2.5.3", "複数の情報資産を格納する媒体は最も高い分類で扱う", rule_high_water},
	{"asset.secure_storage", "2.2.6.4", "機密性2以上・完全性2・可用性2 の媒体は施錠でき耐火・耐水の場所に保管する",
	 rule_storage},
	{"asset.offsite_backup", "2.2.6.3", "長期保管の記録媒体は災害の影響を受けにくい遠隔地に保管する（推奨事項）", rule_offsite},
};
const size_t check_nrules_asset = sizeof check_rules_asset / sizeof check_rules_asset[0];
