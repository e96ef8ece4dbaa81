/*
 * cmd_catalog.c — `mamori catalog list|show|export`: the embedded guideline
 * catalog (core/catalog.h).  Needs no database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/catalog.h"
#include "core/catalog_oscal.h"
#include "core/vocab.h"

static int load(struct catalog *cat)
{
	struct err e = {0};
	return catalog_load(cat, &e) ? cli_fail(&e) : 0;
}

/* OSCAL is a whole-catalog document: only `catalog export` writes it. */
static int refuse_oscal(const struct cli *c, const char *cmd)
{
	if (c->format != FMT_OSCAL)
		return 0;
	return cli_usage("%s: --format oscal は catalog export 専用です（mamori catalog export --format oscal）。"
			 "%s では text、json、csv を使えます",
			 cmd, cmd);
}

/* Filters of `catalog list`; NULL matches everything. */
struct filter {
	const char *part, *chapter, *strength, *area;
};

/* "--chapter 6" matches 6.x and "--chapter P" the 基本方針. */
static int chapter_matches(const char *id, const char *chapter)
{
	size_t n = strlen(chapter);
	return strncmp(id, chapter, n) == 0 && (id[n] == '.' || id[n] == '\0' || chapter[0] == 'P');
}

static int matches(const struct catalog_entry *en, const struct filter *f)
{
	return (!f->part || strcmp(en->part, f->part) == 0) &&
	       (!f->chapter || chapter_matches(en->id, f->chapter)) &&
	       (!f->strength || strcmp(en->strength, f->strength) == 0) &&
	       (!f->area || strcmp(en->area, f->area) == 0);
}

static int catalog_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"part", 1, NULL}, {"chapter", 1, NULL}, {"strength", 1, NULL},
			     {"area", 1, NULL}};
	char *pos[1];
	int npos;
	struct catalog cat;
	if (cli_parse("catalog list", argc, argv, opts, 4, pos, 0, &npos) ||
	    refuse_oscal(c, "catalog list") || load(&cat))
		return EXIT_ERROR;
	struct filter f = {opts[0].value, opts[1].value, opts[2].value, opts[3].value};
	struct list_out out;
	list_begin(&out, c, "clauses", "id,strength,chapter,title");
	for (size_t i = 0; i < cat.n; i++) {
		const struct catalog_entry *en = &cat.v[i];
		if (!matches(en, &f))
			continue;
		if (c->format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "chapter", en->chapter);
			jw_kv_string(&out.w, "id", en->id);
			jw_kv_string(&out.w, "strength", en->strength);
			jw_kv_string(&out.w, "title", en->title);
			jw_object_end(&out.w);
		} else if (c->format == FMT_CSV) {
			const char *cells[] = {en->id, en->strength, en->chapter, en->title};
			for (int k = 0; k < 4; k++)
				buf_csv_field(&out.b, cells[k], k == 3);
		} else {
			/* the labels are 2 or 4 full-width characters: pad to 8 columns */
			const char *label = catalog_strength_label(en->strength);
			int pad = 8 - 2 * (int)(strlen(label) / 3);
			buf_printf(&out.b, "%-12s %s%*s %s\n", en->id, label, pad, "", en->title);
		}
	}
	list_end(&out);
	catalog_free(&cat);
	return EXIT_OK;
}

static void print_roles(const struct catalog_entry *en)
{
	for (int m = 0; m < NMARKS; m++) {
		const cJSON *roles = cJSON_GetObjectItemCaseSensitive(en->json, "roles");
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(roles, catalog_mark_key[m]), *x;
		if (cJSON_GetArraySize(a) == 0)
			continue;
		printf("  %s", catalog_mark_label[m]);
		cJSON_ArrayForEach(x, a)
			printf(" %s", vocab_label(&vocab_role, x->valuestring));
		printf("\n");
	}
}

static void print_list(const char *label, const struct catalog_entry *en, const char *key)
{
	char *s = catalog_join(en, key, "、");
	if (*s)
		printf("%s      %s\n", label, s); /* labels: 2 full-width characters */
	free(s);
}

static void print_entry(const struct catalog_entry *en)
{
	printf("%s  %s（%s）\n", en->id, en->title, catalog_strength_label(en->strength));
	printf("出典      %s %s %s%s%s\n", en->part[0] == 'b' ? "基本方針" : "対策基準", en->ref,
	       en->chapter, en->section ? " > " : "", en->section ? en->section : "");
	printf("内容      %s\n", en->statement);
	printf("役割\n");
	print_roles(en);
	print_list("条件", en, "conditions");
	print_list("記録", en, "records");
	print_list("用語", en, "terms");
	printf("自己点検\n");
	const cJSON *q;
	cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(en->json, "questions")) {
		const char *role = cJSON_GetObjectItemCaseSensitive(q, "role")->valuestring;
		printf("  [%s] %s\n", vocab_label(&vocab_role, role),
		       cJSON_GetObjectItemCaseSensitive(q, "text")->valuestring);
	}
}

static int catalog_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct catalog cat;
	if (cli_parse("catalog show", argc, argv, NULL, 0, pos, 1, &npos) ||
	    refuse_oscal(c, "catalog show"))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("catalog show: 条項番号を1つ指定してください（例: mamori catalog show 2.2.8.2）");
	if (load(&cat))
		return EXIT_ERROR;
	const struct catalog_entry *en = catalog_find(&cat, pos[0]);
	int rc = EXIT_OK;
	if (!en) {
		rc = cli_usage("catalog show: 条項 %s はカタログにありません"
			       "（mamori catalog list で一覧できます）", pos[0]);
	} else if (c->format == FMT_JSON) {
		char *s = cJSON_PrintUnformatted(en->json);
		printf("%s\n", s);
		free(s);
	} else {
		print_entry(en);
	}
	catalog_free(&cat);
	return rc;
}

/* CSV: one row per clause; lists joined with " | ". */
static void export_csv(const struct catalog *cat)
{
	static const char *const lists[] = {"holds", "reported", "permits", "approves",
					    "conditions", "records", "terms"};
	struct buf b = BUF_INIT;
	buf_puts(&b, "id,ref,part,chapter,section,group,title,statement,strength,holds,reported,"
		     "permits,approves,conditions,records,terms,matrix,area\r\n");
	for (size_t i = 0; i < cat->n; i++) {
		const struct catalog_entry *en = &cat->v[i];
		const char *cells[] = {en->id, en->ref, en->part, en->chapter, en->section, en->group,
				       en->title, en->statement, en->strength};
		for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
			buf_csv_field(&b, cells[k] ? cells[k] : "", 0);
		for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
			char *s = catalog_join(en, lists[k], " | ");
			buf_csv_field(&b, s, 0);
			free(s);
		}
		buf_csv_field(&b, en->matrix ? "true" : "false", 0);
		buf_csv_field(&b, en->area, 1);
	}
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

/* OSCAL 1.1 catalog JSON (core/catalog_oscal.h), written only when complete. */
static int export_oscal(const struct catalog *cat)
{
	struct buf b = BUF_INIT;
	struct err e = {0};
	int rc = catalog_oscal_write(cat, &b, &e) ? cli_fail(&e) : EXIT_OK;
	if (rc == EXIT_OK)
		fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	return rc;
}

static int catalog_export_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct catalog cat;
	if (cli_parse("catalog export", argc, argv, NULL, 0, pos, 0, &npos) || load(&cat))
		return EXIT_ERROR;
	int rc = EXIT_OK;
	if (c->format == FMT_OSCAL) {
		rc = export_oscal(&cat);
	} else if (c->format == FMT_CSV) {
		export_csv(&cat);
	} else { /* JSON unless CSV was asked for: an export is for programs */
		printf("[");
		for (size_t i = 0; i < cat.n; i++) {
			char *s = cJSON_PrintUnformatted(cat.v[i].json);
			printf("%s%s\n", i ? "," : "", s);
			free(s);
		}
		printf("]\n");
	}
	catalog_free(&cat);
	return rc;
}

int cmd_catalog(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"list", catalog_list_cmd},
		{"show", catalog_show_cmd},
		{"export", catalog_export_cmd},
	};
	return cli_dispatch(c, "catalog", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
