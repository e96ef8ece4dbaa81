/*
 * ooxml_sanitize_fields.c — Word fields that fetch or run something when
 * the document is opened or updated: DDE/DDEAUTO (runs a program through
 * DDE), INCLUDETEXT, INCLUDEPICTURE, LINK, IMPORT and DATABASE (read other
 * files, shares or URLs).  The field code is removed and the result the
 * field last showed is kept as plain text, so the reader loses nothing
 * visible.
 *
 * A field is either <w:fldSimple w:instr="…">result</w:fldSimple> or a
 * "complex" one spread over runs: fldChar begin, instrText…, fldChar
 * separate, result runs, fldChar end — possibly nested, possibly across
 * paragraphs.  For a complex field every run from begin to separate (the
 * code, nested fields included) and the end run are removed.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "tools/ooxml_sanitize_internal.h"

static const char *const risky_fields[] = {"DDEAUTO", "DDE",    "INCLUDETEXT", "INCLUDEPICTURE",
					   "LINK",    "IMPORT", "DATABASE"};

/* The field keyword if instr is one that reaches outside, else NULL. */
static const char *risky(const char *instr)
{
	while (*instr == ' ' || *instr == '\t' || *instr == '\n' || *instr == '\r')
		instr++;
	size_t n = 0;
	while ((instr[n] >= 'A' && instr[n] <= 'Z') || (instr[n] >= 'a' && instr[n] <= 'z'))
		n++;
	for (size_t i = 0; i < sizeof risky_fields / sizeof risky_fields[0]; i++)
		if (strlen(risky_fields[i]) == n && strncasecmp(instr, risky_fields[i], n) == 0)
			return risky_fields[i];
	return NULL;
}

static void report(struct ox_pkg *p, const char *part, const char *word, const char *instr)
{
	char text[OX_CLIP];
	ox_clip(instr, text);
	int dde = strncmp(word, "DDE", 3) == 0;
	ox_removed(p, dde ? "dde" : "field", part,
		   "%sフィールド（%s）のコードを取り除き、表示されていた文字は残しました",
		   dde ? "DDE " : "外部の内容を読み込む", text);
}

/* ---- <w:fldSimple> ------------------------------------------------------ */

static int is_simple_field(const xmlNode *n)
{
	return ox_is(n, "fldSimple");
}

static int simple_fields(struct ox_pkg *p, long part, xmlDoc *doc)
{
	xmlNode **v = NULL;
	size_t nv = 0;
	ox_collect(xmlDocGetRootElement(doc), is_simple_field, 1, &v, &nv);
	int changed = 0;
	for (size_t i = 0; i < nv; i++) {
		xmlChar *instr = xmlGetProp(v[i], BAD_CAST "instr");
		const char *word = instr ? risky((const char *)instr) : NULL;
		if (word && v[i]->parent && v[i]->parent->type == XML_ELEMENT_NODE) {
			report(p, p->parts[part].name, word, (const char *)instr);
			/* the result runs take the field's place */
			while (v[i]->children) {
				xmlNode *c = v[i]->children;
				xmlUnlinkNode(c);
				xmlAddPrevSibling(v[i], c);
			}
			ox_unlink(v[i]);
			changed = 1;
		}
		xmlFree(instr);
	}
	free(v);
	return changed;
}

/* ---- complex fields ----------------------------------------------------- */

struct node_list {
	xmlNode **v;
	size_t n;
};

static void add(struct node_list *l, xmlNode *n)
{
	if (l->n && l->v[l->n - 1] == n)
		return;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = n;
}

struct field {
	struct node_list runs; /* begin … separate, and the end */
	struct buf instr;
	int in_code;
};

struct walk {
	struct ox_pkg *p;
	const char *part;
	struct field *stack;
	size_t depth, cap;
	struct node_list doomed;
	int changed;
};

static void finish(struct walk *w, struct field *f)
{
	const char *word = risky(buf_str(&f->instr));
	if (word) {
		report(w->p, w->part, word, buf_str(&f->instr));
		for (size_t i = 0; i < f->runs.n; i++)
			add(&w->doomed, f->runs.v[i]);
		w->changed = 1;
	}
	free(f->runs.v);
	buf_free(&f->instr);
}

/* A field's event in run: every field still in its code takes the run. */
static void in_code_take(struct walk *w, xmlNode *run)
{
	for (size_t i = 0; i < w->depth; i++)
		if (w->stack[i].in_code)
			add(&w->stack[i].runs, run);
}

static void event(struct walk *w, xmlNode *run, xmlNode *c)
{
	if (ox_is(c, "fldChar")) {
		xmlChar *t = xmlGetProp(c, BAD_CAST "fldCharType");
		const char *type = t ? (const char *)t : "";
		if (strcmp(type, "begin") == 0) {
			if (w->depth == w->cap) {
				w->cap = w->cap ? 2 * w->cap : 8;
				w->stack = xrealloc(w->stack, w->cap * sizeof *w->stack);
			}
			w->stack[w->depth++] = (struct field){{NULL, 0}, BUF_INIT, 1};
			in_code_take(w, run);
		} else if (strcmp(type, "separate") == 0 && w->depth) {
			in_code_take(w, run);
			w->stack[w->depth - 1].in_code = 0;
		} else if (strcmp(type, "end") == 0 && w->depth) {
			in_code_take(w, run);
			add(&w->stack[w->depth - 1].runs, run);
			finish(w, &w->stack[--w->depth]);
		}
		xmlFree(t);
	} else if ((ox_is(c, "instrText") || ox_is(c, "delInstrText")) && w->depth) {
		struct field *top = &w->stack[w->depth - 1];
		xmlChar *text = xmlNodeGetContent(c);
		if (top->in_code && text && top->instr.len < 4096)
			buf_puts(&top->instr, (const char *)text);
		xmlFree(text);
		in_code_take(w, run);
	}
}

static void walk_runs(struct walk *w, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlNode *c = n->children; c; c = c->next)
			if (ox_is(c, "fldChar") || ox_is(c, "instrText") || ox_is(c, "delInstrText"))
				event(w, n, c);
		walk_runs(w, n->children);
	}
}

static int complex_fields(struct ox_pkg *p, long part, xmlDoc *doc)
{
	struct walk w = {p, p->parts[part].name, NULL, 0, 0, {NULL, 0}, 0};
	xmlNode *root = xmlDocGetRootElement(doc);
	walk_runs(&w, root);
	while (w.depth)
		finish(&w, &w.stack[--w.depth]); /* never closed: still judged */
	free(w.stack);
	/* detach all first (a run may sit in another doomed one), then free */
	struct node_list gone = {0};
	for (size_t i = 0; i < w.doomed.n; i++) {
		int dup = 0;
		for (size_t k = 0; k < gone.n && !dup; k++)
			dup = gone.v[k] == w.doomed.v[i];
		if (dup || w.doomed.v[i] == root)
			continue;
		xmlUnlinkNode(w.doomed.v[i]);
		add(&gone, w.doomed.v[i]);
	}
	for (size_t i = 0; i < gone.n; i++)
		xmlFreeNode(gone.v[i]);
	free(gone.v);
	free(w.doomed.v);
	return w.changed;
}

/* Every XML part of a Word package: fields live in the body, headers,
   footers, notes, comments and the glossary. */
static int is_word_part(const struct ox_part *pt)
{
	return strcasestr(pt->ctype, "xml") != NULL;
}

int ox_word_fields(struct ox_pkg *p)
{
	for (size_t i = 0; i < p->nparts; i++) {
		struct ox_part *pt = &p->parts[i];
		if (pt->removed || !is_word_part(pt) || !memmem(pt->data, pt->len, "instr", 5))
			continue;
		xmlDoc *doc = ox_doc(p, (long)i);
		if (!doc)
			return -1;
		if (simple_fields(p, (long)i, doc) | complex_fields(p, (long)i, doc))
			pt->dirty = 1;
	}
	return 0;
}
