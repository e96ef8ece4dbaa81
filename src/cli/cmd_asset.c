/*
 * cmd_asset.c — `mamori asset add|list|show|import|export`,
 * `mamori location add|list` and `mamori class list`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_asset.h"
#include "core/asset.h"
#include "core/asset_input.h"
#include "core/infosys.h"
#include "core/location.h"
#include "core/org.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "util/fold.h"

/* `asset add` takes the fields of asset_input.h as options of the same names. */
static int do_asset_add(struct tx *tx, void *arg, struct err *e)
{
	const struct asset_input *in = arg;
	struct class_scheme scheme;
	struct asset_input_errors errs;
	struct asset a = {0};
	if (class_scheme_ensure_default(tx, e) || class_scheme_load(tx->db, &scheme, e))
		return e->code;
	int rc = asset_input_apply(tx->db, &scheme, in, &a, &errs, e);
	class_scheme_free(&scheme);
	asset_input_errors_free(&errs);
	if (!rc)
		rc = asset_put(tx, &a, 1, "asset.add", e);
	asset_free(&a);
	return rc;
}

static int asset_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[NASSET_INPUT];
	struct asset_input in;
	char *pos[1], done[512];
	int npos;
	for (int i = 0; i < NASSET_INPUT; i++)
		o[i] = (struct opt){asset_input_names[i], 1, NULL};
	if (cli_parse("asset add", argc, argv, o, NASSET_INPUT, pos, 0, &npos))
		return EXIT_ERROR;
	if (!o[AI_NO].value || !o[AI_NAME].value || !o[AI_TYPE].value || !o[AI_UNIT].value)
		return cli_usage("asset add: --no（資産番号）、--name（名称）、--type（種別）、--unit（所管課）を指定してください");
	for (int i = 0; i < NASSET_INPUT; i++)
		in.v[i] = o[i].value;
	snprintf(done, sizeof done, "資産 %s「%s」を登録しました", o[AI_NO].value, o[AI_NAME].value);
	return cli_one_write(c, do_asset_add, &in, done);
}

/* Filters of `asset list`; NULL fields do not filter. */
struct asset_filter {
	const struct org_unit *unit;
	const char *type, *zone, *state;
	int min_level[NDIMENSIONS]; /* baselines */
	char *query;                /* folded */
};

static int matches(const struct asset_filter *f, const struct org_units *units,
		   const struct class_scheme *s, const struct asset *a)
{
	if (f->unit && !org_unit_within(units, a->unit_id, f->unit->id))
		return 0;
	if ((f->type && strcmp(a->type, f->type) != 0) || (f->zone && (!a->zone || strcmp(a->zone, f->zone) != 0)) ||
	    (f->state && strcmp(a->state, f->state) != 0))
		return 0;
	for (int d = 0; d < NDIMENSIONS; d++)
		if (f->min_level[d] && class_baseline(s, (enum dimension)d, a->level[d]) < f->min_level[d])
			return 0;
	if (!f->query)
		return 1;
	char *name = fold_key(a->name), *no = fold_key(a->asset_no), *note = fold_key(a->note ? a->note : "");
	int hit = strstr(name, f->query) || strstr(no, f->query) || strstr(note, f->query);
	free(name);
	free(no);
	free(note);
	return hit;
}

/* A vocabulary filter option: its id, or a usage error. */
static int filter_vocab(const struct vocab *v, const char *text, const char **out)
{
	if (!text)
		return 0;
	const struct vocab_entry *en = vocab_find(v, text);
	if (!en) {
		char *choices = vocab_choices(v);
		cli_usage("asset list: %s「%s」は使えません（%s のいずれか）", v->what, text, choices);
		free(choices);
		return EXIT_ERROR;
	}
	*out = en->id;
	return 0;
}

/*
 * A level filter: a label of the scheme ("機密性3A") or an R2.12 level number
 * ("3"), which with a municipal scheme means every level based on it.
 */
static int min_baseline(const struct class_scheme *s, enum dimension d, const char *text, int *out,
			struct err *e)
{
	int rank = 0;
	*out = 0;
	if (!text)
		return 0;
	if (class_level_parse(s, d, text, &rank, e) == 0) {
		*out = class_baseline(s, d, rank);
		return 0;
	}
	if (text[0] >= '1' && text[0] <= '3' && !text[1]) {
		*out = text[0] - '0';
		return 0;
	}
	return e->code;
}

static void list_row(struct list_out *out, const struct class_scheme *s, const struct org_units *units,
		     const struct asset *a)
{
	const struct org_unit *u = org_unit_by_id(units, a->unit_id);
	char *label = asset_label(s, a);
	if (out->format == FMT_JSON) {
		struct json_writer *w = &out->w;
		jw_object_begin(w);
		jw_kv_string(w, "asset_no", a->asset_no);
		for (int d = 0; d < NDIMENSIONS; d++) {
			const struct class_level *l = class_level_by_rank(s, (enum dimension)d, a->level[d]);
			jw_kv_string(w, dimension_id((enum dimension)d), l ? l->label : NULL);
		}
		jw_kv_string(w, "label", label);
		jw_kv_string(w, "name", a->name);
		jw_kv_string(w, "personal", a->personal);
		jw_kv_string(w, "state", a->state);
		jw_kv_string(w, "type", a->type);
		jw_kv_string(w, "unit", u ? u->code : NULL);
		jw_kv_string(w, "zone", a->zone);
		jw_object_end(w);
	} else if (out->format == FMT_CSV) {
		buf_csv_field(&out->b, a->asset_no, 0);
		buf_csv_field(&out->b, a->name, 0);
		buf_csv_field(&out->b, vocab_label(&vocab_asset_type, a->type), 0);
		buf_csv_field(&out->b, u ? u->name : "", 0);
		buf_csv_field(&out->b, label, 0);
		buf_csv_field(&out->b, vocab_label(&vocab_asset_state, a->state), 1);
	} else {
		buf_printf(&out->b, "%s\t%s\t%s\t%s\t%s\t%s\n", a->asset_no, a->name,
			   vocab_label(&vocab_asset_type, a->type), u ? u->name : "?", label,
			   vocab_label(&vocab_asset_state, a->state));
	}
	free(label);
}

static int asset_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"unit", 1, NULL}, {"type", 1, NULL}, {"zone", 1, NULL}, {"state", 1, NULL},
			  {"c", 1, NULL},    {"i", 1, NULL},    {"a", 1, NULL},    {"search", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct asset_filter f = {0};
	if (cli_parse("asset list", argc, argv, o, 8, pos, 0, &npos) ||
	    filter_vocab(&vocab_asset_type, o[1].value, &f.type) ||
	    filter_vocab(&vocab_zone, o[2].value, &f.zone) ||
	    filter_vocab(&vocab_asset_state, o[3].value, &f.state) || cli_open(c, 0))
		return EXIT_ERROR;
	struct org_units units;
	struct class_scheme scheme;
	struct asset_list assets;
	if (org_units_load(c->db, &units, &e))
		return cli_fail(&e);
	int rc = class_scheme_load(c->db, &scheme, &e);
	if (!rc && o[0].value)
		rc = org_unit_resolve(&units, o[0].value, &f.unit, &e);
	for (int d = 0; d < NDIMENSIONS && !rc; d++)
		rc = min_baseline(&scheme, (enum dimension)d, o[4 + d].value, &f.min_level[d], &e);
	if (!rc)
		rc = asset_load(c->db, &assets, &e);
	if (rc) {
		org_units_free(&units);
		class_scheme_free(&scheme);
		return cli_fail(&e);
	}
	f.query = o[7].value ? fold_key(o[7].value) : NULL;
	struct list_out out;
	size_t shown = 0;
	list_begin(&out, c, "assets", "資産番号,名称,種別,所管課,分類,状態");
	for (size_t i = 0; i < assets.n; i++)
		if (matches(&f, &units, &scheme, &assets.v[i])) {
			list_row(&out, &scheme, &units, &assets.v[i]);
			shown++;
		}
	if (c->format == FMT_TEXT)
		buf_printf(&out.b, "（%zu 件）\n", shown);
	list_end(&out);
	free(f.query);
	asset_list_free(&assets);
	class_scheme_free(&scheme);
	org_units_free(&units);
	return EXIT_OK;
}

static int asset_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	if (cli_parse("asset show", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("asset show: 資産番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct asset_list assets;
	struct class_scheme scheme;
	struct org_units units;
	if (asset_load(c->db, &assets, &e))
		return cli_fail(&e);
	const struct asset *a = NULL;
	for (size_t i = 0; i < assets.n && !a; i++)
		if (strcmp(assets.v[i].asset_no, pos[0]) == 0)
			a = &assets.v[i];
	if (!a) {
		asset_list_free(&assets);
		err_set(&e, ERR_INPUT, "資産番号「%s」は登録されていません", pos[0]);
		return cli_fail(&e);
	}
	if (class_scheme_load(c->db, &scheme, &e) || org_units_load(c->db, &units, &e)) {
		asset_list_free(&assets);
		return cli_fail(&e);
	}
	char *label = asset_label(&scheme, a), *handling = asset_handling(&scheme, a);
	char *path = org_unit_path(&units, a->unit_id);
	const struct asset *src = asset_by_id(&assets, a->source_id);
	const struct asset *box = asset_by_id(&assets, a->container_id);
	printf("資産番号  %s\n名称      %s\n種別      %s\n所管課    %s\n利用範囲  %s\n保管場所  %s\n"
	       "媒体      %s\n領域      %s\n分類      %s\n個人情報  %s\n保存期間  %s\n入手元    %s\n"
	       "複製元    %s\n格納媒体  %s\n状態      %s\n備考      %s\n表示      【%s】\n取扱制限\n",
	       a->asset_no, a->name, vocab_label(&vocab_asset_type, a->type), path,
	       a->scope ? a->scope : "", a->location ? a->location : "",
	       vocab_label(&vocab_medium, a->medium), a->zone ? vocab_label(&vocab_zone, a->zone) : "",
	       label, vocab_label(&vocab_personal, a->personal), a->retention ? a->retention : "",
	       vocab_label(&vocab_origin, a->origin), src ? src->asset_no : "", box ? box->asset_no : "",
	       vocab_label(&vocab_asset_state, a->state), a->note ? a->note : "", label);
	for (char *line = strtok(handling, "\n"); line; line = strtok(NULL, "\n"))
		printf("  ・%s\n", line);
	if (!*handling)
		puts("  （なし）");
	free(label);
	free(handling);
	free(path);
	org_units_free(&units);
	class_scheme_free(&scheme);
	asset_list_free(&assets);
	return EXIT_OK;
}

int cmd_asset(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", asset_add_cmd},       {"list", asset_list_cmd},
		{"show", asset_show_cmd},     {"import", asset_import_cmd},
		{"export", asset_export_cmd},
	};
	return cli_dispatch(c, "asset", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}

static int do_location_add(struct tx *tx, void *arg, struct err *e)
{
	return location_add(tx, arg, e);
}

static int location_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"code", 1, NULL},     {"name", 1, NULL},      {"unit", 1, NULL},
			  {"note", 1, NULL},     {"lockable", 0, NULL},  {"fireproof", 0, NULL},
			  {"offsite", 0, NULL}};
	char *pos[1], done[512];
	int npos;
	if (cli_parse("location add", argc, argv, o, 7, pos, 0, &npos))
		return EXIT_ERROR;
	if (!o[0].value || !o[1].value)
		return cli_usage("location add: --code と --name を指定してください（--lockable 施錠可能、--fireproof 耐火・耐水、--offsite 庁外）");
	struct location_input in = {o[0].value, o[1].value, o[2].value, o[3].value,
				    o[4].value != NULL, o[5].value != NULL, o[6].value != NULL};
	snprintf(done, sizeof done, "場所「%s」を登録しました", o[1].value);
	return cli_one_write(c, do_location_add, &in, done);
}

static int location_list_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct storage_locations l;
	if (cli_parse("location list", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (location_load(c->db, &l, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "locations", "場所コード,名称,施錠可能,耐火・耐水,庁外");
	for (size_t i = 0; i < l.n; i++) {
		const struct storage_location *x = &l.v[i];
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "code", x->code);
			jw_kv_int(&out.w, "fireproof", x->fireproof);
			jw_kv_int(&out.w, "lockable", x->lockable);
			jw_kv_string(&out.w, "name", x->name);
			jw_kv_int(&out.w, "offsite", x->offsite);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			buf_csv_field(&out.b, x->code, 0);
			buf_csv_field(&out.b, x->name, 0);
			buf_csv_field(&out.b, x->lockable ? "○" : "", 0);
			buf_csv_field(&out.b, x->fireproof ? "○" : "", 0);
			buf_csv_field(&out.b, x->offsite ? "○" : "", 1);
		} else {
			buf_printf(&out.b, "%s\t%s%s%s%s\n", x->code, x->name, x->lockable ? "［施錠可能］" : "",
				   x->fireproof ? "［耐火・耐水］" : "", x->offsite ? "［庁外］" : "");
		}
	}
	list_end(&out);
	location_list_free(&l);
	return EXIT_OK;
}

int cmd_location(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", location_add_cmd},
		{"list", location_list_cmd},
	};
	return cli_dispatch(c, "location", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}

static int class_list_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct class_scheme s;
	if (cli_parse("class list", argc, argv, NULL, 0, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (class_scheme_load(c->db, &s, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "levels", "観点,順位,表示,基準となる R2.12 の区分,基準,取扱制限");
	for (int d = 0; d < NDIMENSIONS; d++)
		for (size_t i = s.n[d]; i-- > 0;) {
			const struct class_level *l = &s.levels[d][i];
			if (out.format == FMT_JSON) {
				jw_object_begin(&out.w);
				jw_kv_int(&out.w, "baseline", l->baseline);
				jw_kv_string(&out.w, "criteria", l->criteria);
				jw_kv_string(&out.w, "dimension", dimension_id((enum dimension)d));
				jw_kv_string(&out.w, "handling", l->handling);
				jw_kv_string(&out.w, "label", l->label);
				jw_kv_int(&out.w, "rank", l->rank);
				jw_object_end(&out.w);
			} else if (out.format == FMT_CSV) {
				char rank[16], base[16];
				snprintf(rank, sizeof rank, "%d", l->rank);
				snprintf(base, sizeof base, "%d", l->baseline);
				buf_csv_field(&out.b, dimension_label((enum dimension)d), 0);
				buf_csv_field(&out.b, rank, 0);
				buf_csv_field(&out.b, l->label, 0);
				buf_csv_field(&out.b, base, 0);
				buf_csv_field(&out.b, l->criteria, 0);
				buf_csv_field(&out.b, l->handling, 1);
			} else {
				buf_printf(&out.b, "■ %s: %s\n", l->label, l->criteria ? l->criteria : "");
				for (const char *p = l->handling; p && *p;) {
					const char *nl = strchr(p, '\n');
					size_t n = nl ? (size_t)(nl - p) : strlen(p);
					buf_printf(&out.b, "  ・%.*s\n", (int)n, p);
					p += n + (nl ? 1 : 0);
				}
			}
		}
	if (out.format == FMT_TEXT && !s.n[DIM_C])
		buf_puts(&out.b, "分類の区分はまだ登録されていません（最初の資産登録時に R2.12 の既定区分が登録されます）\n");
	list_end(&out);
	class_scheme_free(&s);
	return EXIT_OK;
}

static int class_import_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"dry-run", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct tx tx;
	struct class_change_result res;
	if (cli_parse("class import", argc, argv, o, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("class import: 区分を書いたファイル（.csv または .xlsx）を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (tx_begin(&tx, c->db, c->actor, &e))
		return cli_fail(&e);
	if (class_scheme_import(&tx, pos[0], &res, &e)) {
		tx_rollback(&tx);
		return cli_fail(&e);
	}
	if (o[0].value)
		tx_rollback(&tx);
	else if (tx_commit(&tx, &e))
		return cli_fail(&e);
	printf("%s%s: 区分 %d を追加、%d を廃止、情報資産 %lld 件の分類を移行%s\n",
	       o[0].value ? "（試行のみ・書き込みなし）" : "分類の区分を変更しました ", pos[0], res.levels_added,
	       res.levels_retired, res.assets_changed, o[0].value ? "予定" : "");
	return EXIT_OK;
}

int cmd_class(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"list", class_list_cmd},
		{"import", class_import_cmd},
	};
	return cli_dispatch(c, "class", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
