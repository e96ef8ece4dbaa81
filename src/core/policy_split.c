/*
 * policy_split.c — paragraphs into a tree of numbered passages
 * (policy_split.h explains the outline stack).
 */
#include "core/policy_split.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util/buf.h"
#include "util/fold.h"

/* Marker styles.  The first ones have a fixed rank (編 < 章 < 節 < 款 < 条);
 * the rest are placed by the outline stack. */
enum style {
	ST_NONE,
	ST_HEN, ST_CHAPTER, ST_SECTION, ST_SUBSECTION, ST_ARTICLE,
	ST_DOT1, ST_DOT2, ST_DOT3, ST_PARANUM, ST_PAREN_NUM, ST_HALF_PAREN_NUM, ST_CIRCLED,
	ST_KANJI, ST_PAREN_KANJI, ST_KANA, ST_PAREN_KANA, ST_HALF_PAREN_KANA, ST_PAREN_ALPHA,
	ST_BULLET,
	ST_LIST0, /* ST_LIST0 + level: automatic list numbering, levels 0–8 */
	ST_MAX = ST_LIST0 + 9,
};
#define FIXED_RANK(st) ((st) >= ST_HEN && (st) <= ST_ARTICLE ? (st) : 0)

struct marker {
	enum style style;
	long num;        /* its number (1 for a bullet) */
	size_t len;      /* bytes of the line it takes, trailing space included */
	char label[48];  /* as cited */
	char sub[16];    /* 第3条の2: "2" */
};

/* ---- characters ---------------------------------------------------------- */

static utf8proc_int32_t cp_at(const char *s, size_t *used)
{
	utf8proc_int32_t c = -1;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
	if (n <= 0) {
		*used = 1;
		return -1;
	}
	*used = (size_t)n;
	return c;
}

static int is_space_cp(utf8proc_int32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
}

static const char *skip_space(const char *s)
{
	size_t n;
	while (*s && is_space_cp(cp_at(s, &n)))
		s += n;
	return s;
}

static int digit_value(utf8proc_int32_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 0xFF10 && c <= 0xFF19)
		return c - 0xFF10;
	return -1;
}

/* Arabic digits, half or full width; returns bytes used (0: none). */
static size_t read_arabic(const char *s, long *v)
{
	size_t used, total = 0;
	int d, count = 0;
	*v = 0;
	while (count < 6 && (d = digit_value(cp_at(s + total, &used))) >= 0) {
		*v = *v * 10 + d;
		total += used;
		count++;
	}
	return count ? total : 0;
}

static int kanji_digit(utf8proc_int32_t c)
{
	static const utf8proc_int32_t k[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
					     0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 〇一二三四五六七八九 */
	for (int i = 0; i < 10; i++)
		if (c == k[i])
			return i;
	return -1;
}

/* Kanji numerals up to 9999 (十二, 百三, 二十一, 一〇); bytes used or 0. */
static size_t read_kanji(const char *s, long *v)
{
	size_t used, total = 0;
	long value = 0, digit = -1;
	int count = 0;
	for (;;) {
		utf8proc_int32_t c = cp_at(s + total, &used);
		int d = kanji_digit(c);
		long unit = c == 0x5341 ? 10 : c == 0x767E ? 100 : c == 0x5343 ? 1000 : 0; /* 十百千 */
		if (d >= 0) {
			digit = digit > 0 && d >= 0 && count > 0 && !unit ? digit * 10 + d : d;
		} else if (unit) {
			value += (digit < 0 ? 1 : digit) * unit;
			digit = -1;
		} else {
			break;
		}
		total += used;
		if (++count > 8)
			return 0;
	}
	if (!count)
		return 0;
	*v = value + (digit < 0 ? 0 : digit);
	return total;
}

static size_t read_number(const char *s, long *v)
{
	size_t n = read_arabic(s, v);
	return n ? n : read_kanji(s, v);
}

static int is_open_paren(utf8proc_int32_t c) { return c == '(' || c == 0xFF08; }
static int is_close_paren(utf8proc_int32_t c) { return c == ')' || c == 0xFF09; }
static int is_katakana_letter(utf8proc_int32_t c) { return c >= 0x30A2 && c <= 0x30F3; }

/* A marker must be followed by space or by text that does not continue it as
 * a reference: "(1)の分類に基づき" at the start of a wrapped line is text. */
static int ends_marker(const char *s)
{
	static const char *const particles[] = {"の", "に", "を", "で", "と", "が", "は", "から",
						"まで", "及び", "又は", "並びに", "若しくは", "、",
						"，", "。", NULL};
	for (int i = 0; particles[i]; i++)
		if (strncmp(s, particles[i], strlen(particles[i])) == 0)
			return 0;
	return 1;
}

static int followed_by_space(const char *s)
{
	size_t n;
	return *s == '\0' || is_space_cp(cp_at(s, &n));
}

/* ---- markers ------------------------------------------------------------- */

/* 第N章 / 第N条(のM) … */
static int parse_dai(const char *s, struct marker *m)
{
	if (strncmp(s, "第", 3) != 0)
		return 0;
	long v, sub = 0;
	size_t n = read_number(s + 3, &v);
	if (!n)
		return 0;
	const char *p = s + 3 + n;
	static const struct { const char *kanji; enum style st; } units[] = {
		{"編", ST_HEN}, {"章", ST_CHAPTER}, {"節", ST_SECTION}, {"款", ST_SUBSECTION},
		{"条", ST_ARTICLE}};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strncmp(p, units[i].kanji, 3) != 0)
			continue;
		p += 3;
		size_t k;
		if (units[i].st == ST_ARTICLE && strncmp(p, "の", 3) == 0 &&
		    (k = read_number(p + 3, &sub)) > 0)
			p += 3 + k;
		if (!ends_marker(p))
			return 0;
		m->style = units[i].st;
		m->num = v;
		if (sub)
			snprintf(m->label, sizeof m->label, "第%ld%sの%ld", v, units[i].kanji, sub);
		else
			snprintf(m->label, sizeof m->label, "第%ld%s", v, units[i].kanji);
		m->len = (size_t)(skip_space(p) - s);
		return 1;
	}
	return 0;
}

/* (1) （１） (ア) （一） (a) */
static int parse_paren(const char *s, struct marker *m)
{
	size_t n;
	if (!is_open_paren(cp_at(s, &n)))
		return 0;
	const char *p = s + n;
	long v;
	size_t k, ck;
	utf8proc_int32_t c = cp_at(p, &ck);
	char inner[40];
	if ((k = read_arabic(p, &v)) > 0) {
		m->style = ST_PAREN_NUM;
		snprintf(m->label, sizeof m->label, "(%ld)", v);
	} else if ((k = read_kanji(p, &v)) > 0) {
		m->style = ST_PAREN_KANJI;
		snprintf(inner, sizeof inner, "%.*s", (int)k, p);
		snprintf(m->label, sizeof m->label, "(%s)", inner);
		utf8_trim_partial(m->label);
	} else if (is_katakana_letter(c)) {
		k = ck;
		m->style = ST_PAREN_KANA;
		v = c - 0x30A1;
		snprintf(inner, sizeof inner, "%.*s", (int)k, p);
		snprintf(m->label, sizeof m->label, "(%s)", inner);
	} else if ((c >= 'a' && c <= 'z') || (c >= 0xFF41 && c <= 0xFF5A)) {
		k = ck;
		m->style = ST_PAREN_ALPHA;
		v = c >= 'a' && c <= 'z' ? c - 'a' + 1 : c - 0xFF41 + 1;
		snprintf(m->label, sizeof m->label, "(%c)", (char)('a' + v - 1));
	} else {
		return 0;
	}
	p += k;
	if (!is_close_paren(cp_at(p, &n)))
		return 0;
	p += n;
	if (!ends_marker(p))
		return 0;
	m->num = v;
	m->len = (size_t)(skip_space(p) - s);
	return 1;
}

/* 1. １． 4.1 4.1.2 1) ２␣ (a paragraph number) */
static int parse_arabic_marker(const char *s, struct marker *m)
{
	long parts[3];
	int nparts = 0;
	const char *p = s;
	size_t n, k;
	while (nparts < 3 && (k = read_arabic(p, &parts[nparts])) > 0) {
		p += k;
		nparts++;
		utf8proc_int32_t c = cp_at(p, &n);
		if ((c == '.' || c == 0xFF0E) && digit_value(cp_at(p + n, &k)) >= 0)
			p += n; /* 4.1: another level follows */
		else
			break;
	}
	if (!nparts)
		return 0;
	utf8proc_int32_t c = cp_at(p, &n);
	if (nparts > 1) {
		/* "4.1 サーバ等の管理"; "1.5倍" is a quantity, not a number */
		if (c == '.' || c == 0xFF0E)
			p += n;
		if (!followed_by_space(p))
			return 0;
		m->style = nparts == 2 ? ST_DOT2 : ST_DOT3;
		snprintf(m->label, sizeof m->label, nparts == 2 ? "%ld.%ld" : "%ld.%ld.%ld",
			 parts[0], parts[1], parts[2]);
	} else if (c == '.' || c == 0xFF0E || c == 0x3001) { /* 1. １． １、 */
		p += n;
		m->style = ST_DOT1;
		snprintf(m->label, sizeof m->label, "%ld", parts[0]);
	} else if (is_close_paren(c)) {
		p += n;
		m->style = ST_HALF_PAREN_NUM;
		snprintf(m->label, sizeof m->label, "%ld)", parts[0]);
	} else if (is_space_cp(c) && *skip_space(p)) {
		m->style = ST_PARANUM;
		snprintf(m->label, sizeof m->label, "%ld", parts[0]);
	} else {
		return 0;
	}
	if (!ends_marker(skip_space(p)) || !*skip_space(p))
		return 0;
	m->num = parts[0];
	m->len = (size_t)(skip_space(p) - s);
	return 1;
}

/* ① ア␣ ア) 一␣ ・ - * */
static int parse_single(const char *s, struct marker *m)
{
	size_t n;
	utf8proc_int32_t c = cp_at(s, &n);
	const char *p = s + n;
	if ((c >= 0x2460 && c <= 0x2473) || (c >= 0x3251 && c <= 0x325F) ||
	    (c >= 0x32B1 && c <= 0x32BF)) {
		m->style = ST_CIRCLED;
		m->num = c <= 0x2473 ? c - 0x2460 + 1 : c <= 0x325F ? c - 0x3251 + 21 : c - 0x32B1 + 36;
		snprintf(m->label, sizeof m->label, "%.*s", (int)n, s);
	} else if (c == 0x30FB || c == 0x2022 || c == 0xFF65 ||
		   ((c == '-' || c == '*' || c == 0xFF0A) && followed_by_space(p))) {
		m->style = ST_BULLET;
		m->num = 1;
		m->label[0] = '\0';
	} else if (is_katakana_letter(c) && (followed_by_space(p) || is_close_paren(cp_at(p, &n)))) {
		if (is_close_paren(cp_at(p, &n))) {
			m->style = ST_HALF_PAREN_KANA;
			snprintf(m->label, sizeof m->label, "%.*s)", (int)(p - s), s);
			p += n;
		} else {
			m->style = ST_KANA;
			snprintf(m->label, sizeof m->label, "%.*s", (int)(p - s), s);
		}
		m->num = c - 0x30A1;
	} else {
		long v;
		size_t k = read_kanji(s, &v);
		if (!k || !followed_by_space(s + k) || !*skip_space(s + k))
			return 0;
		m->style = ST_KANJI;
		m->num = v;
		snprintf(m->label, sizeof m->label, "第%ld号", v);
		p = s + k;
	}
	if (!ends_marker(skip_space(p)))
		return 0;
	m->len = (size_t)(skip_space(p) - s);
	return 1;
}

static int parse_marker(const char *s, struct marker *m)
{
	memset(m, 0, sizeof *m);
	return parse_dai(s, m) || parse_paren(s, m) || parse_arabic_marker(s, m) ||
	       parse_single(s, m);
}

/* ---- lines --------------------------------------------------------------- */

/* Counts code points, to tell a caption from a sentence. */
static size_t cp_len(const char *s)
{
	size_t n = 0, used;
	for (; *s; s += used, n++)
		cp_at(s, &used);
	return n;
}

static int ends_sentence(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	static const char *const ends[] = {"。", "．", ".", "」", "）", ")", "：", ":", NULL};
	for (int i = 0; ends[i]; i++) {
		size_t k = strlen(ends[i]);
		if (n >= k && memcmp(s + n - k, ends[i], k) == 0)
			return 1;
	}
	return 0;
}

/* A short phrase without a sentence end: "管理責任", "統括情報セキュリティ責任者". */
static int is_caption_text(const char *s)
{
	return *s && !strstr(s, "。") && cp_len(s) <= 30;
}

/* "（目的）" alone on a line: the caption of the article that follows.
 * Writes the inside into out. */
static int caption_line(const char *s, char *out, size_t cap)
{
	size_t n, k;
	if (!is_open_paren(cp_at(s, &n)))
		return 0;
	const char *in = s + n, *p = in;
	const char *close = NULL;
	while (*p) {
		utf8proc_int32_t c = cp_at(p, &k);
		if (is_open_paren(c))
			return 0;
		if (is_close_paren(c)) {
			close = p;
			p += k;
			break;
		}
		p += k;
	}
	if (!close || close == in || *skip_space(p) || (size_t)(close - in) >= cap ||
	    cp_len(in) > 40)
		return 0;
	snprintf(out, cap, "%.*s", (int)(close - in), in);
	return !strstr(out, "。");
}

/* Removes Markdown heading marks; returns the level (1–6) or 0. */
static int md_heading(const char **s)
{
	const char *p = *s;
	int level = 0;
	while (*p == '#' && level < 7)
		p++, level++;
	if (level == 0 || level > 6 || (*p != ' ' && *p != '\t'))
		return 0;
	*s = skip_space(p);
	return level;
}

/* Trims trailing spaces and Markdown emphasis around a whole line. */
static char *clean_copy(const char *s)
{
	s = skip_space(s);
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
			 s[n - 1] == '\n'))
		n--;
	/* a full-width space at the end */
	while (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
		n -= 3;
	if (n >= 4 && strncmp(s, "**", 2) == 0 && strncmp(s + n - 2, "**", 2) == 0) {
		s += 2;
		n -= 4;
	}
	return xstrndup(s, n);
}

/* ---- the tree ------------------------------------------------------------ */

struct frame {
	int node;
	enum style style;
	long num;
};

struct splitter {
	const struct doctext *d;
	struct policy_doc *out;
	struct frame stack[64];
	int depth;
	char pending_caption[160]; /* "（目的）" seen, its article not yet */
	long caption_where;
	long last_where;           /* where the last line went */
	int last_node;             /* the node it went to, -1 none */
};

static void flush_caption(struct splitter *sp);

static int add_node(struct splitter *sp, enum ps_kind kind, int parent, const char *label,
		    const char *caption, const char *text, long where)
{
	struct policy_doc *o = sp->out;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 128;
		o->v = xrealloc(o->v, o->cap * sizeof *o->v);
	}
	struct ps_node *n = &o->v[o->n];
	n->kind = kind;
	n->parent = parent;
	n->depth = parent < 0 ? 0 : o->v[parent].depth + 1;
	n->label = xstrdup(label);
	n->caption = xstrdup(caption);
	n->text = xstrdup(text);
	n->path = NULL;
	n->where = where;
	return (int)o->n++;
}

static int top_node(const struct splitter *sp)
{
	return sp->depth ? sp->stack[sp->depth - 1].node : -1;
}

/* Closes levels for a marker of style st; returns the number its previous
 * sibling had (0 if it opens a new level). */
static long place(struct splitter *sp, enum style st)
{
	int rank = FIXED_RANK(st);
	if (rank) {
		while (sp->depth) {
			int r = FIXED_RANK(sp->stack[sp->depth - 1].style);
			if (r && r < rank)
				break;
			long prev = sp->stack[sp->depth - 1].style == st ? sp->stack[sp->depth - 1].num : 0;
			sp->depth--;
			if (prev)
				return prev;
		}
		return 0;
	}
	for (int i = sp->depth - 1; i >= 0 && !FIXED_RANK(sp->stack[i].style); i--) {
		if (sp->stack[i].style == st) {
			long prev = sp->stack[i].num;
			sp->depth = i;
			return prev;
		}
	}
	return 0;
}

static void push(struct splitter *sp, int node, enum style st, long num)
{
	if (sp->depth == (int)(sizeof sp->stack / sizeof sp->stack[0]))
		sp->depth--; /* absurd nesting: the deepest level is reused */
	sp->stack[sp->depth++] = (struct frame){node, st, num};
}

static enum ps_kind kind_of(enum style st)
{
	if (st == ST_ARTICLE)
		return PS_ARTICLE;
	return FIXED_RANK(st) ? PS_HEADING : PS_ITEM;
}

static int in_article(const struct splitter *sp)
{
	for (int i = 0; i < sp->depth; i++)
		if (sp->stack[i].style == ST_ARTICLE)
			return 1;
	return 0;
}

/* "第1条（目的）この方針は…": the caption written right after the number.
 * Returns where the text starts. */
static const char *inline_caption(const char *rest, char *caption, size_t cap)
{
	size_t n;
	if (!is_open_paren(cp_at(rest, &n)))
		return rest;
	const char *in = rest + n, *p = in;
	while (*p) {
		utf8proc_int32_t c = cp_at(p, &n);
		if (is_open_paren(c))
			return rest;
		if (is_close_paren(c)) {
			size_t len = (size_t)(p - in);
			if (len == 0 || len >= cap)
				return rest;
			snprintf(caption, cap, "%.*s", (int)len, in);
			if (strstr(caption, "。") || cp_len(caption) > 40) {
				caption[0] = '\0';
				return rest;
			}
			return skip_space(p + n);
		}
		p += n;
	}
	return rest;
}

/* A numbered line: a new passage where the outline says. */
static void numbered(struct splitter *sp, struct marker *m, const char *rest, long where)
{
	if (m->style != ST_ARTICLE)
		flush_caption(sp);
	long prev = place(sp, m->style);
	if (m->style >= ST_LIST0) {
		m->num = prev + 1;
		snprintf(m->label, sizeof m->label, "[%ld]", m->num);
	}
	int parent = top_node(sp);
	/* 項: "２" directly under an article is its second paragraph */
	if (m->style == ST_PARANUM && parent >= 0 && sp->out->v[parent].kind == PS_ARTICLE)
		snprintf(m->label, sizeof m->label, "第%ld項", m->num);
	/* "1." of a list inside an article keeps its dot: "第2条1." is not 第21条 */
	if (m->style == ST_DOT1 && in_article(sp))
		snprintf(m->label, sizeof m->label, "%ld.", m->num);
	char caption[160] = "";
	const char *text = rest;
	if (m->style == ST_ARTICLE) {
		text = inline_caption(rest, caption, sizeof caption);
		if (!caption[0] && sp->pending_caption[0])
			snprintf(caption, sizeof caption, "%s", sp->pending_caption);
	} else if (kind_of(m->style) == PS_HEADING || is_caption_text(rest)) {
		snprintf(caption, sizeof caption, "%s", rest);
		utf8_trim_partial(caption);
		text = "";
	}
	sp->pending_caption[0] = '\0';
	int node = add_node(sp, kind_of(m->style), parent, m->label, caption, text, where);
	push(sp, node, m->style, m->num);
	sp->last_node = node;
}

/* A heading without a number (Markdown "## 組織体制"): levels 1–3 rank as
 * chapter, section and sub-section, deeper ones as an article's caption. */
static void plain_heading(struct splitter *sp, int level, const char *title, long where)
{
	flush_caption(sp);
	enum style st = level == 1 ? ST_CHAPTER : level == 2 ? ST_SECTION
				 : level == 3 ? ST_SUBSECTION : ST_ARTICLE;
	place(sp, st);
	int node = add_node(sp, PS_HEADING, top_node(sp), "", title, "", where);
	push(sp, node, st, 0);
	sp->last_node = node;
}

/* A caption no article took ("（注）" before a plain paragraph): kept as a
 * paragraph of its own rather than lost. */
static void flush_caption(struct splitter *sp)
{
	if (!sp->pending_caption[0])
		return;
	char text[170];
	snprintf(text, sizeof text, "（%s）", sp->pending_caption);
	utf8_trim_partial(text);
	sp->pending_caption[0] = '\0';
	sp->last_node = add_node(sp, PS_TEXT, top_node(sp), "", "", text, sp->caption_where);
}

/* An unnumbered line: the rest of a broken sentence, the body of a passage
 * that so far has only a caption, or a paragraph of its own. */
static void unnumbered(struct splitter *sp, const char *line, long where)
{
	flush_caption(sp);
	struct ps_node *v = sp->out->v;
	int plain = sp->d->format == DOC_TEXT || sp->d->format == DOC_MARKDOWN;
	int last = sp->last_node;
	if (plain && last >= 0 && where == sp->last_where + 1) {
		struct ps_node *l = &v[last];
		const char *tail = *l->text ? l->text : NULL;
		if (tail && !ends_sentence(tail)) {
			char *joined = xasprintf("%s%s", l->text, line);
			free(l->text);
			l->text = joined;
			return;
		}
	}
	int top = top_node(sp);
	if (top >= 0 && !*v[top].text && v[top].kind != PS_HEADING) {
		free(v[top].text);
		v[top].text = xstrdup(line);
		sp->last_node = top;
		return;
	}
	sp->last_node = add_node(sp, PS_TEXT, top, "", "", line, where);
}

static void split_line(struct splitter *sp, const struct doc_para *para)
{
	char *line = clean_copy(para->text);
	const char *s = line;
	struct marker m;
	int level = sp->d->format == DOC_MARKDOWN ? md_heading(&s) : 0;
	char cap[160];
	if (!*s) {
		/* nothing but marks */
	} else if (parse_marker(s, &m)) {
		/* "- (ア) …": a Markdown bullet carrying a number of its own */
		struct marker inner;
		if (m.style == ST_BULLET && parse_marker(s + m.len, &inner) &&
		    inner.style != ST_BULLET) {
			inner.len += m.len;
			m = inner;
		}
		numbered(sp, &m, s + m.len, para->where);
	} else if (level) {
		plain_heading(sp, level, s, para->where);
	} else if (para->list_level >= 0) {
		memset(&m, 0, sizeof m);
		m.style = (enum style)(ST_LIST0 + (para->list_level > 8 ? 8 : para->list_level));
		numbered(sp, &m, s, para->where);
	} else if (caption_line(s, cap, sizeof cap)) {
		flush_caption(sp);
		snprintf(sp->pending_caption, sizeof sp->pending_caption, "%s", cap);
		utf8_trim_partial(sp->pending_caption);
		sp->caption_where = para->where;
	} else {
		unnumbered(sp, s, para->where);
	}
	sp->last_where = para->where;
	free(line);
}

/* ---- paths --------------------------------------------------------------- */

static int ends_digit(const struct buf *b)
{
	return b->len && b->data[b->len - 1] >= '0' && b->data[b->len - 1] <= '9';
}

/* "第12条第2項(3)": labels from the article (or the top) down; a dotted
 * number replaces the number it refines ("6" then "6.1" is "6.1"). */
static char *make_path(const struct policy_doc *p, int i, int docx)
{
	const char *labels[64];
	int n = 0;
	for (int k = i; k >= 0 && n < 64; k = p->v[k].parent) {
		if (*p->v[k].label)
			labels[n++] = p->v[k].label;
		if (p->v[k].kind == PS_ARTICLE && *p->v[k].label)
			break;
	}
	struct buf b = BUF_INIT;
	for (int k = n - 1; k >= 0; k--) {
		const char *l = labels[k];
		if (k > 0) {
			size_t len = strlen(l);
			if (strncmp(labels[k - 1], l, len) == 0 && labels[k - 1][len] == '.')
				continue;
		}
		if (ends_digit(&b) && l[0] >= '0' && l[0] <= '9')
			buf_putc(&b, '-');
		buf_puts(&b, l);
	}
	if (!b.len)
		buf_printf(&b, docx ? "第%ld段落" : "%ld行目", p->v[i].where);
	return buf_take(&b);
}

int policy_split(const char *name, const struct doctext *d, struct policy_doc *out,
		 struct err *e)
{
	memset(out, 0, sizeof *out);
	struct splitter sp = {.d = d, .out = out, .last_where = -10, .last_node = -1};
	for (size_t i = 0; i < d->n; i++)
		split_line(&sp, &d->v[i]);
	flush_caption(&sp);
	for (size_t i = 0; i < out->n; i++)
		out->v[i].path = make_path(out, (int)i, d->format == DOC_DOCX);
	if (out->n == 0)
		return err_set(e, ERR_INPUT, "%s: 本文がありません", name);
	return 0;
}

void policy_doc_free(struct policy_doc *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].label);
		free(p->v[i].caption);
		free(p->v[i].text);
		free(p->v[i].path);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}
