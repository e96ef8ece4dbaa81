/*
 * cmd_gap.c — `mamori policy gap FILE`: which clauses of the guideline a
 * municipality's existing policy covers, covers in part, or lacks
 * (core/gap.h).  Needs no database.
 *
 *   mamori [--format text|json|csv] policy gap FILE [--part basic|standard]
 *          [--explain] [--passages]
 *
 * JSON (contract): {"controls":[{"evidence":"…","id":"1.9.1","score":0.82,
 * "status":"covered|partial|missing"}]}, keys sorted as in every other JSON
 * output.  Exit 0 when nothing is missing or partial, 1 when something is,
 * 2 on a usage or input error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/catalog.h"
#include "core/gap.h"
#include "core/gap_out.h"
#include "core/policy_split.h"
#include "util/doctext.h"

static void reasons_text(struct buf *b, int reasons)
{
	static const struct { int bit; const char *text; } why[] = {
		{GAP_SOFTENED, "義務が努力・任意の表現に弱められています"},
		{GAP_ELEMENT, "機密性2以上などの条件が見当たりません"},
		{GAP_ITEMS, "配下の項目に不足があります"},
		{GAP_WEAK_MATCH, "対応する記述が部分的です"},
	};
	int any = 0;
	for (size_t k = 0; k < sizeof why / sizeof why[0]; k++) {
		if (!(reasons & why[k].bit))
			continue;
		buf_puts(b, any ? "、" : "（");
		buf_puts(b, why[k].text);
		any = 1;
		if (why[k].bit != GAP_WEAK_MATCH)
			reasons &= ~GAP_WEAK_MATCH; /* the specific reason says enough */
	}
	if (any)
		buf_puts(b, "）");
}

/* The chapter a clause belongs to: "P" or the first number of its id. */
static void chapter_key(const char *id, char *out, size_t n)
{
	size_t k = strcspn(id, ".");
	snprintf(out, n, "%.*s", (int)k, id);
}

static void write_text(const char *file, const struct policy_doc *doc,
		       const struct gap_report *rep)
{
	struct buf b = BUF_INIT;
	size_t count[3] = {0, 0, 0};
	for (size_t i = 0; i < rep->n; i++)
		count[rep->v[i].status]++;
	buf_printf(&b, "方針の文書: %s（%zu 箇所に分けて照合）\n", file, doc->n);
	buf_printf(&b, "対象: %s の %zu 条項%s\n", gap_part_label(rep->part), rep->n,
		   rep->part_guessed ? "（文書の内容から判断しました。--part で指定できます）" : "");
	buf_printf(&b, "判定結果: %s %zu、%s %zu、%s %zu\n", gap_status_label(GAP_COVERED),
		   count[GAP_COVERED], gap_status_label(GAP_PARTIAL), count[GAP_PARTIAL],
		   gap_status_label(GAP_MISSING), count[GAP_MISSING]);
	if (count[GAP_PARTIAL] + count[GAP_MISSING] == 0) {
		buf_puts(&b, "不足している条項はありません。\n");
		cli_write(&b);
		buf_free(&b);
		return;
	}
	buf_puts(&b, "\n一部不足と未記載の条項を章ごとに示します"
		     "（点数は 0〜1、方針の記述が条項をどれだけ表しているかの目安）。\n");
	char chapter[16] = "";
	for (size_t i = 0; i < rep->n; i++) {
		const struct gap_result *r = &rep->v[i];
		if (r->status == GAP_COVERED)
			continue;
		char key[16];
		chapter_key(r->entry->id, key, sizeof key);
		if (strcmp(key, chapter) != 0) {
			snprintf(chapter, sizeof chapter, "%s", key);
			buf_printf(&b, "\n■ %s %s %s\n", gap_part_label(r->entry->part),
				   key[0] == 'P' ? key + 1 : key, r->entry->chapter);
		}
		buf_printf(&b, "  %s  %-10s %s  %.2f\n", gap_status_label(r->status), r->entry->id,
			   r->entry->title, r->score);
		if (r->status == GAP_PARTIAL) {
			char *ev = gap_evidence(doc, r);
			buf_printf(&b, "      根拠: %s", ev);
			reasons_text(&b, r->reasons);
			buf_putc(&b, '\n');
			free(ev);
		}
	}
	cli_write(&b);
	buf_free(&b);
}

/* --passages: how the document was read, to check the splitter's work. */
static void write_passages(const struct policy_doc *doc)
{
	struct buf b = BUF_INIT;
	static const char *const kinds[] = {"見出し", "条", "項目", "段落"};
	for (size_t i = 0; i < doc->n; i++) {
		const struct ps_node *n = &doc->v[i];
		buf_printf(&b, "%*s%s [%s]", n->depth * 2, "", n->path, kinds[n->kind]);
		if (*n->caption)
			buf_printf(&b, " （%s）", n->caption);
		if (*n->text) {
			buf_putc(&b, ' ');
			gap_excerpt(&b, n->text, 50);
		}
		buf_putc(&b, '\n');
	}
	cli_write(&b);
	buf_free(&b);
}

/* --explain: the features behind every rating, tab-separated, on stderr. */
static void write_explain(const struct policy_doc *doc, const struct gap_report *rep)
{
	fprintf(stderr, "id\tstatus\tscore\tcosine\town\tterms\tmargin\ttop\teff\tspec\treasons\tnear\trival\n");
	for (size_t i = 0; i < rep->n; i++) {
		const struct gap_result *r = &rep->v[i];
		fprintf(stderr, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%s\t%s\n",
			r->entry->id, gap_status_key(r->status), r->score, r->cosine, r->own,
			r->terms, r->margin, r->top, r->eff, r->spec, r->reasons,
			r->near >= 0 ? doc->v[r->near].path : "", r->rival ? r->rival : "");
	}
}

static int read_policy(const char *file, struct policy_doc *doc)
{
	struct err e = {0};
	struct doctext d;
	if (doctext_read_file(file, &d, &e))
		return cli_fail(&e);
	int rc = policy_split(file, &d, doc, &e);
	doctext_free(&d);
	return rc ? cli_fail(&e) : 0;
}

int cmd_policy_gap(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"part", 1, NULL}, {"explain", 0, NULL}, {"passages", 0, NULL}};
	char *pos[1];
	int npos;
	if (cli_parse("policy gap", argc, argv, opts, 3, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("policy gap: 方針の文書ファイルを1つ指定してください"
				 "（例: mamori policy gap 情報セキュリティポリシー.docx）");
	const char *part = opts[0].value;
	if (part && strcmp(part, "basic") != 0 && strcmp(part, "standard") != 0)
		return cli_usage("policy gap: --part は basic（基本方針）か standard（対策基準）です");
	if (c->format != FMT_TEXT && c->format != FMT_JSON && c->format != FMT_CSV)
		return cli_usage("policy gap: --format は text、json、csv のいずれかです");

	struct policy_doc doc;
	if (read_policy(pos[0], &doc))
		return EXIT_ERROR;
	if (opts[2].value) {
		write_passages(&doc);
		policy_doc_free(&doc);
		return EXIT_OK;
	}
	struct err e = {0};
	struct catalog cat;
	struct gap_report rep;
	if (catalog_load(&cat, &e)) {
		policy_doc_free(&doc);
		return cli_fail(&e);
	}
	int rc = gap_analyse(&cat, &doc, part, &rep, &e);
	if (rc) {
		catalog_free(&cat);
		policy_doc_free(&doc);
		return cli_fail(&e);
	}
	if (rep.part_guessed && c->format != FMT_TEXT)
		fprintf(stderr, "mamori: %s: %s だけの文書と判断し、その条項だけを判定しました"
			"（--part で指定できます）\n", pos[0], gap_part_label(rep.part));
	if (c->format == FMT_JSON || c->format == FMT_CSV) {
		struct buf out = BUF_INIT;
		if (c->format == FMT_JSON)
			gap_write_json(&doc, &rep, &out);
		else
			gap_write_csv(&doc, &rep, GAP_ALL, &out);
		cli_write(&out);
		buf_free(&out);
	} else
		write_text(pos[0], &doc, &rep);
	if (opts[1].value)
		write_explain(&doc, &rep);
	int gaps = 0;
	for (size_t i = 0; i < rep.n; i++)
		gaps += rep.v[i].status != GAP_COVERED;
	gap_report_free(&rep);
	catalog_free(&cat);
	policy_doc_free(&doc);
	return gaps ? EXIT_FINDINGS : EXIT_OK;
}
