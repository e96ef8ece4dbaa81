/*
 * ooxml_sanitize_content.c — active content that lives inside ordinary
 * parts rather than in parts of its own:
 *  - Excel cell formulas that start a program through DDE (=cmd|' /c calc'!A0),
 *    read other workbooks ([1]Sheet1!A1), or call out (CALL, REGISTER, EXEC,
 *    RTD, WEBSERVICE): the formula is removed and the value it last showed
 *    is kept;
 *  - defined names that run Excel 4.0 macros on open (Auto_Open …) or hold
 *    such formulas;
 *  - PowerPoint click and hover actions that run a program, a macro or an
 *    OLE verb.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tools/ooxml_sanitize_internal.h"

#define MAX_REPORTS_PER_PART 20

static int ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || (unsigned char)c >= 0x80;
}

/* Functions that reach outside the workbook whenever it recalculates. */
static int risky_function(const char *name, size_t n)
{
	static const char *const names[] = {"CALL", "REGISTER", "REGISTER.ID", "EXEC", "RTD",
					    "WEBSERVICE", "_xlfn.WEBSERVICE", "_xlfn.RTD"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && strncasecmp(name, names[i], n) == 0)
			return 1;
	return 0;
}

/* What makes formula f risky (for the report), or NULL. */
static const char *risky_formula(const char *f)
{
	char quote = 0;
	for (size_t i = 0; f[i]; i++) {
		char c = f[i];
		if (quote == '"') {
			if (c == '"')
				quote = 0;
			continue;
		}
		if (c == '"') {
			quote = c;
			continue;
		}
		if (c == '\'') {
			quote = quote ? 0 : '\'';
			continue;
		}
		char prev = i ? f[i - 1] : 0;
		if (c == '|' && !quote)
			return "DDE";
		if (c == '[' && isdigit((unsigned char)f[i + 1]) && !(ident_char(prev) || prev == ']')) {
			size_t k = i + 1;
			while (isdigit((unsigned char)f[k]))
				k++;
			if (f[k] == ']')
				return "外部ブックの参照";
		}
		if (!quote && (isalpha((unsigned char)c) || c == '_') && !ident_char(prev)) {
			size_t k = i;
			while (ident_char(f[k]))
				k++;
			if (f[k] == '(' && risky_function(f + i, k - i))
				return "外部を呼び出す関数";
			i = k - 1;
		}
	}
	return NULL;
}

struct reports {
	struct ox_pkg *p;
	const char *part;
	size_t n;
};

static void report(struct reports *rp, const char *what, const char *fmt, const char *a,
		   const char *b)
{
	if (++rp->n <= MAX_REPORTS_PER_PART)
		ox_removed(rp->p, what, rp->part, fmt, a, b);
}

static void report_rest(struct reports *rp, const char *what)
{
	if (rp->n > MAX_REPORTS_PER_PART)
		ox_removed(rp->p, what, rp->part, "ほかに同様の数式を %zu 件取り除きました",
			   rp->n - MAX_REPORTS_PER_PART);
}

/* A cell whose formula result was a string keeps it as an inline string. */
static void keep_string_value(xmlNode *cell)
{
	xmlChar *t = xmlGetProp(cell, BAD_CAST "t");
	int str = t && strcmp((const char *)t, "str") == 0;
	xmlFree(t);
	if (!str)
		return;
	xmlNode *v = NULL;
	for (xmlNode *c = cell->children; c; c = c->next)
		if (ox_is(c, "v"))
			v = c;
	xmlChar *text = v ? xmlNodeGetContent(v) : NULL;
	if (v)
		ox_unlink(v);
	xmlNode *is = xmlNewChild(cell, cell->ns, BAD_CAST "is", NULL);
	xmlNode *tn = xmlNewChild(is, cell->ns, BAD_CAST "t", NULL);
	xmlNodeAddContent(tn, text ? text : BAD_CAST "");
	xmlFree(text);
	xmlSetProp(cell, BAD_CAST "t", BAD_CAST "inlineStr");
}

/* A cell's formula (x:c/x:f). */
static int is_cell_formula(const xmlNode *n)
{
	return ox_is(n, "f") && n->parent && ox_is(n->parent, "c");
}

static int has_prop(xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	int hit = v && strcmp((const char *)v, value) == 0;
	xmlFree(v);
	return hit;
}

static int sheet_formulas(struct ox_pkg *p, long part, xmlDoc *doc)
{
	xmlNode **v = NULL;
	size_t nv = 0;
	ox_collect(xmlDocGetRootElement(doc), is_cell_formula, 0, &v, &nv);
	unsigned char *doomed = xcalloc(nv + 1, 1);
	struct reports rp = {p, p->parts[part].name, 0};
	/* the risky formulas, and the shared ones that copy them */
	for (size_t i = 0; i < nv; i++) {
		xmlChar *text = xmlNodeGetContent(v[i]);
		const char *why = text ? risky_formula((const char *)text) : NULL;
		if (why) {
			char shown[OX_CLIP];
			ox_clip((const char *)text, shown);
			doomed[i] = 1;
			report(&rp, strcmp(why, "DDE") == 0 ? "dde" : "formula",
			       "%sの数式（=%s）を取り除き、計算済みの値は残しました", why, shown);
			xmlChar *si = has_prop(v[i], "t", "shared") ? xmlGetProp(v[i], BAD_CAST "si") : NULL;
			for (size_t k = 0; si && k < nv; k++)
				if (has_prop(v[k], "t", "shared") && has_prop(v[k], "si", (const char *)si))
					doomed[k] = 1;
			xmlFree(si);
		}
		xmlFree(text);
	}
	report_rest(&rp, "formula");
	int changed = 0;
	for (size_t i = 0; i < nv; i++) {
		if (!doomed[i])
			continue;
		xmlNode *cell = v[i]->parent;
		ox_unlink(v[i]);
		keep_string_value(cell);
		changed = 1;
	}
	free(doomed);
	free(v);
	return changed;
}

/* Names Excel runs as macros when the workbook opens or closes. */
static int auto_name(const char *name)
{
	static const char *const names[] = {"auto_open", "auto_close", "auto_activate",
					    "auto_deactivate"};
	if (strncasecmp(name, "_xlnm.", 6) == 0)
		name += 6;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncasecmp(name, names[i], strlen(names[i])) == 0)
			return 1;
	return 0;
}

static int defined_names(struct ox_pkg *p, long part, xmlDoc *doc)
{
	struct reports rp = {p, p->parts[part].name, 0};
	int changed = 0;
	for (xmlNode *dn = xmlDocGetRootElement(doc)->children; dn; dn = dn->next) {
		if (!ox_is(dn, "definedNames"))
			continue;
		for (xmlNode *n = dn->children, *next; n; n = next) {
			next = n->next;
			if (!ox_is(n, "definedName"))
				continue;
			char *name = ox_attr(n, "name");
			xmlChar *text = xmlNodeGetContent(n);
			const char *why = text ? risky_formula((const char *)text) : NULL;
			if (name && auto_name(name)) {
				report(&rp, "macro", "開いたときに実行されるマクロの名前（%s）を取り除きました%s", name, "");
			} else if (why) {
				report(&rp, strcmp(why, "DDE") == 0 ? "dde" : "formula",
				       "%sを含む名前の定義（%s）を取り除きました", why, name ? name : "");
			}
			if ((name && auto_name(name)) || why) {
				ox_unlink(n);
				changed = 1;
			}
			free(name);
			xmlFree(text);
		}
	}
	report_rest(&rp, "formula");
	/* an emptied definedNames is not allowed by the schema */
	for (xmlNode *dn = xmlDocGetRootElement(doc)->children, *next; dn; dn = next) {
		next = dn->next;
		int empty = 1;
		for (xmlNode *c = dn->children; c && empty; c = c->next)
			empty = c->type != XML_ELEMENT_NODE;
		if (ox_is(dn, "definedNames") && empty) {
			ox_unlink(dn);
			changed = 1;
		}
	}
	return changed;
}

/* A cheap look at the raw bytes before building a tree of a big sheet. */
static int worth_parsing(const struct ox_part *pt)
{
	static const char *const hints[] = {"call", "register", "exec", "rtd", "webservice", "auto_"};
	for (size_t k = 0; k < pt->len; k++) {
		unsigned char c = pt->data[k];
		if (c == '|' || c == '[')
			return 1;
		c |= 0x20;
		if (c != 'c' && c != 'r' && c != 'e' && c != 'w' && c != 'a')
			continue;
		for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
			size_t n = strlen(hints[i]);
			if (k + n <= pt->len && strncasecmp((const char *)pt->data + k, hints[i], n) == 0)
				return 1;
		}
	}
	return 0;
}

int ox_excel_formulas(struct ox_pkg *p)
{
	for (size_t i = 0; i < p->nparts; i++) {
		struct ox_part *pt = &p->parts[i];
		int sheet = strcasestr(pt->ctype, "worksheet+xml") != NULL;
		int book = (long)i == p->main_part;
		if (pt->removed || !(sheet || book) || !worth_parsing(pt))
			continue;
		xmlDoc *doc = ox_doc(p, (long)i);
		if (!doc)
			return -1;
		if (sheet && sheet_formulas(p, (long)i, doc))
			pt->dirty = 1;
		if (book && defined_names(p, (long)i, doc))
			pt->dirty = 1;
	}
	return 0;
}

/* ---- PowerPoint --------------------------------------------------------- */

static int risky_action(const xmlNode *n)
{
	static const char *const prefixes[] = {"ppaction://program", "ppaction://macro",
					       "ppaction://ole"};
	char *action = ox_attr(n, "action");
	int hit = 0;
	for (size_t i = 0; action && i < sizeof prefixes / sizeof prefixes[0]; i++)
		hit |= strncasecmp(action, prefixes[i], strlen(prefixes[i])) == 0;
	free(action);
	return hit;
}

/* A click or hover action that runs something. */
static int is_risky_action(const xmlNode *n)
{
	return (ox_is(n, "hlinkClick") || ox_is(n, "hlinkHover")) && risky_action(n);
}

int ox_powerpoint_actions(struct ox_pkg *p)
{
	for (size_t i = 0; i < p->nparts; i++) {
		struct ox_part *pt = &p->parts[i];
		/* every XML part, whatever its type: the main part's type changes
		   when macros go, and a second pass must look at the same parts */
		if (pt->removed || !strcasestr(pt->ctype, "xml") || !memmem(pt->data, pt->len, "ppaction://", 11))
			continue;
		xmlDoc *doc = ox_doc(p, (long)i);
		if (!doc)
			return -1;
		xmlNode **v = NULL;
		size_t nv = 0;
		ox_collect(xmlDocGetRootElement(doc), is_risky_action, 0, &v, &nv);
		for (size_t k = 0; k < nv; k++) {
			char *action = ox_attr(v[k], "action");
			ox_removed(p, "action", pt->name,
				   "プログラムやマクロを起動する動作設定（%.40s）を取り除きました", action ? action : "");
			free(action);
			if (v[k] != xmlDocGetRootElement(doc))
				ox_unlink(v[k]);
			pt->dirty = 1;
		}
		free(v);
	}
	return 0;
}
