/*
 * policy_build.c — the catalog and the profile turned into numbered policy
 * documents (policy_build.h).
 *
 * Articles follow the guideline's own structure: in the 基本方針 one article
 * per numbered heading (1 目的, 2 定義 …); in the 対策基準 one article per (n)
 * of chapters 1–3 and per (n) of a section in chapters 4–9 (or the section
 * itself when it has no (n)).  Deeper clauses become items.
 */
#include "core/policy_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"

const char *const policy_edition_ids[] = {"public", "internal"};
const char *const policy_edition_labels[] = {"公開版", "内部版（非公開）"};

int policy_edition_parse(const char *s)
{
	if (strcmp(s, "public") == 0 || strcmp(s, "公開") == 0 || strcmp(s, "公開版") == 0)
		return EDITION_PUBLIC;
	if (strcmp(s, "internal") == 0 || strcmp(s, "内部") == 0 || strcmp(s, "内部版") == 0)
		return EDITION_INTERNAL;
	return -1;
}

static int preceded_by(const char *text, size_t at, const char *what)
{
	size_t n = strlen(what);
	return at >= n && memcmp(text + at - n, what, n) == 0;
}

/* 団体 is the municipality itself unless it is 地方公共団体, 他の団体 … */
static int names_self(const char *text, size_t at)
{
	static const char *const others[] = {"公共", "他の", "各", "関係", "他"};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		if (preceded_by(text, at, others[i]))
			return 0;
	return 1;
}

/* Fills one {…} placeholder (validated by catalog_load); returns its length. */
static size_t placeholder(const char *s, const struct profile *p, struct buf *out)
{
	const char *close = strchr(s, '}');
	if (!close)
		return 0;
	size_t n = (size_t)(close - s) + 1;
	char name[64];
	if (n - 2 >= sizeof name)
		return 0;
	memcpy(name, s + 1, n - 2);
	name[n - 2] = '\0';
	if (strcmp(name, "self") == 0) {
		buf_puts(out, p->self);
	} else if (strncmp(name, "post:", 5) == 0) {
		const char *post = profile_post(p, name + 5);
		buf_puts(out, *post ? post : "CISOが指名する者");
	} else if (strncmp(name, "param:", 6) == 0) {
		buf_put_int(out, profile_param(p, name + 6));
	} else {
		return 0;
	}
	return n;
}

void policy_clause_text(const struct catalog_entry *en, const struct profile *p,
			const char *document, struct buf *out)
{
	const char *t = en->policy ? en->policy : en->statement;
	static const char self_word[] = "団体", guideline[] = "ガイドライン", recommended[] = "（推奨）";
	for (size_t i = 0; t[i];) {
		size_t used = 0;
		if (t[i] == '{')
			used = placeholder(t + i, p, out);
		else if (strncmp(t + i, self_word, strlen(self_word)) == 0 && names_self(t, i))
			buf_puts(out, p->self), used = strlen(self_word);
		else if (strncmp(t + i, guideline, strlen(guideline)) == 0)
			buf_puts(out, document), used = strlen(guideline);
		else if (strncmp(t + i, recommended, strlen(recommended)) == 0)
			used = strlen(recommended);
		if (!used)
			buf_putc(out, t[i]), used = 1;
		i += used;
	}
}

/* Number of levels of a clause id ("6.2.1.3" → 4; "P2.1" → 2). */
static int id_levels(const char *id)
{
	int n = 1;
	for (; *id; id++)
		n += *id == '.';
	return n;
}

/* The first `levels` levels of id, into key. */
static void id_prefix(const char *id, int levels, char *key, size_t size)
{
	size_t i = 0;
	for (int seen = 0; id[i] && i + 1 < size; i++) {
		if (id[i] == '.' && ++seen == levels)
			break;
		key[i] = id[i];
	}
	key[i] = '\0';
}

static int chapter_of(const struct catalog_entry *en)
{
	return en->id[0] == 'P' ? 0 : atoi(en->id);
}

/* The article a clause belongs to (see the file comment). */
static void article_key(const struct catalog_entry *en, char *key, size_t size)
{
	int chapter = chapter_of(en);
	int levels = en->id[0] == 'P' ? 1 : chapter <= 3 || !en->group ? 2 : 3;
	id_prefix(en->id, levels, key, size);
}

static const char *article_caption(const struct catalog_entry *en)
{
	if (en->id[0] == 'P')
		return en->chapter;
	if (en->group)
		return en->group;
	return chapter_of(en) >= 4 && en->section ? en->section : en->title;
}

/* Item labels by depth: (1), ア, (ア). */
static void item_label(int depth, int n, char *out, size_t size)
{
	static const char *const kana[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ",
					   "サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ", "テ", "ト"};
	const size_t nkana = sizeof kana / sizeof kana[0];
	if (depth == 1 || (size_t)n > nkana)
		snprintf(out, size, "(%d)", n);
	else if (depth == 2)
		snprintf(out, size, "%s", kana[n - 1]);
	else
		snprintf(out, size, "(%s)", kana[n - 1]);
}

struct builder {
	const struct catalog *cat;
	const struct profile *p;
	struct pdoc *d;
	const char *document; /* この基本方針 / この対策基準 */
	int article;          /* last article number used */
	int model_done;       /* the model article, due at the end of chapter 3 */
	struct buf text;
};

/* One article: the applicable clauses cat->v[from, to) sharing its key. */
static void emit_article(struct builder *b, size_t from, size_t to, const char *key)
{
	int nlevels = id_levels(key), counters[4] = {0};
	int any = 0;
	for (size_t i = from; i < to; i++)
		any |= profile_applies(b->p, &b->cat->v[i]);
	if (!any)
		return;
	char label[32];
	snprintf(label, sizeof label, "第%d条", ++b->article);
	pdoc_add(b->d, PD_ARTICLE, 0, label, article_caption(&b->cat->v[from]), NULL);
	for (size_t i = from; i < to; i++) {
		const struct catalog_entry *en = &b->cat->v[i];
		if (!profile_applies(b->p, en))
			continue;
		buf_reset(&b->text);
		policy_clause_text(en, b->p, b->document, &b->text);
		int depth = id_levels(en->id) - nlevels;
		if (depth <= 0) {
			pdoc_add(b->d, PD_PARA, 0, NULL, buf_str(&b->text), en->id);
			continue;
		}
		if (depth > 3)
			depth = 3;
		counters[depth]++;
		for (int k = depth + 1; k < 4; k++)
			counters[k] = 0;
		item_label(depth, counters[depth], label, sizeof label);
		pdoc_add(b->d, PD_ITEM, depth, label, buf_str(&b->text), en->id);
	}
}

/* Chapter and section headings of the 対策基準, when they change. */
static void emit_headings(struct builder *b, const struct catalog_entry *en,
			  const struct catalog_entry *prev)
{
	char label[32];
	int chapter = chapter_of(en);
	int new_chapter = !prev || chapter_of(prev) != chapter;
	if (new_chapter) {
		snprintf(label, sizeof label, "第%d章", chapter);
		pdoc_add(b->d, PD_CHAPTER, 0, label, en->chapter, NULL);
	}
	if (chapter < 4 || !en->section)
		return;
	char sec[16], prev_sec[16] = "";
	id_prefix(en->id, 2, sec, sizeof sec);
	if (!new_chapter)
		id_prefix(prev->id, 2, prev_sec, sizeof prev_sec);
	if (strcmp(sec, prev_sec) != 0) {
		snprintf(label, sizeof label, "第%s節", strchr(sec, '.') + 1);
		pdoc_add(b->d, PD_SECTION, 0, label, en->section, NULL);
	}
}

/* The model the municipality adopted for its Internet connection (3(3)③). */
static void emit_model(struct builder *b)
{
	char label[32];
	buf_reset(&b->text);
	buf_printf(&b->text, "%sは、三層の対策におけるインターネット接続系の構成として%sを採る。", b->p->self,
		   profile_model_labels[b->p->model]);
	snprintf(label, sizeof label, "第%d条", ++b->article);
	pdoc_add(b->d, PD_ARTICLE, 0, label, "採用する構成モデル", NULL);
	pdoc_add(b->d, PD_PARA, 0, NULL, buf_str(&b->text), "3.3.3");
}

/* Every clause of one part ("basic" or "standard") as articles. */
static void emit_part(struct builder *b, const char *part, int headings)
{
	const struct catalog_entry *prev = NULL;
	b->article = 0;
	for (size_t i = 0; i < b->cat->n;) {
		const struct catalog_entry *en = &b->cat->v[i];
		if (strcmp(en->part, part) != 0) {
			i++;
			continue;
		}
		char key[32], next[32];
		article_key(en, key, sizeof key);
		size_t j = i + 1;
		for (; j < b->cat->n && strcmp(b->cat->v[j].part, part) == 0; j++) {
			article_key(&b->cat->v[j], next, sizeof next);
			if (strcmp(key, next) != 0)
				break;
		}
		if (headings && !b->model_done && chapter_of(en) > 3) {
			emit_model(b);
			b->model_done = 1;
		}
		if (headings)
			emit_headings(b, en, prev);
		emit_article(b, i, j, key);
		prev = en;
		i = j;
	}
}

/* The annex: per chapter, the records the applicable clauses require. */
static void emit_annex(struct builder *b)
{
	pdoc_add(b->d, PD_CHAPTER, 0, "別紙", "情報セキュリティ実施手順で定める記録・様式（非公開）", NULL);
	pdoc_add(b->d, PD_NOTE, 0, NULL,
		 "実施手順は、公にすることで情報資産への攻撃を招くおそれがあるため、非公開とする。", "P10");
	int chapter = -1, n = 0;
	char label[32];
	for (size_t i = 0; i < b->cat->n; i++) {
		const struct catalog_entry *en = &b->cat->v[i];
		const cJSON *records = cJSON_GetObjectItemCaseSensitive(en->json, "records"), *r;
		if (en->id[0] == 'P' || !profile_applies(b->p, en) || cJSON_GetArraySize(records) == 0)
			continue;
		if (chapter_of(en) != chapter) {
			chapter = chapter_of(en);
			buf_reset(&b->text);
			buf_printf(&b->text, "第%d章 %s", chapter, en->chapter);
			pdoc_add(b->d, PD_SECTION, 0, NULL, buf_str(&b->text), NULL);
			n = 0;
		}
		cJSON_ArrayForEach(r, records)
		{
			buf_reset(&b->text);
			buf_printf(&b->text, "%s（%s %s）", r->valuestring, en->id, en->title);
			snprintf(label, sizeof label, "(%d)", ++n);
			pdoc_add(b->d, PD_ITEM, 1, label, buf_str(&b->text), en->id);
		}
	}
}

void policy_build(const struct catalog *cat, const struct profile *p, enum policy_edition ed,
		  struct pdoc *out)
{
	struct builder b = {cat, p, out, "この基本方針", 0, 0, BUF_INIT};
	memset(out, 0, sizeof *out);
	out->confidential = ed == EDITION_INTERNAL;
	if (ed == EDITION_PUBLIC) {
		out->title = xasprintf("%s情報セキュリティ基本方針", p->name);
		emit_part(&b, "basic", 0);
	} else {
		out->title = xasprintf("%s情報セキュリティポリシー", p->name);
		pdoc_add(out, PD_CHAPTER, 0, NULL, "情報セキュリティ基本方針", NULL);
		emit_part(&b, "basic", 0);
		pdoc_add(out, PD_CHAPTER, 0, NULL, "情報セキュリティ対策基準", NULL);
		b.document = "この対策基準";
		emit_part(&b, "standard", 1);
		emit_annex(&b);
	}
	buf_free(&b.text);
}
