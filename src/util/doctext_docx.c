/*
 * doctext_docx.c — a Word .docx as paragraphs: word/document.xml, one
 * paragraph per w:p (tables' cells and text boxes included), the text of its
 * w:t runs, w:tab as a tab and w:br as a line break.  Deleted revisions
 * (w:delText) and field codes (w:instrText) are not text a reader sees.
 *
 * Word's automatic numbering (w:numPr) lives in numbering.xml and never
 * reaches the text: "第1条" or "(1)" typed by hand is in w:t, numbering set by
 * a list style is not.  The list level of such a paragraph is kept instead
 * (doctext.h), so the splitter can still tell items apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <zip.h>

#include "util/buf.h"
#include "util/doctext_internal.h"
#include "util/xmlpart.h"
#include "util/zip_read.h"
#include "util/zip_why.h"

#define BODY_PART "word/document.xml"

/* The whole body part, size-checked before and after inflating. */
static int read_body(const char *name, zip_t *zip, char **data, size_t *len, struct err *e)
{
	zip_int64_t idx = zip_name_locate(zip, BODY_PART, ZIP_FL_NOCASE);
	if (idx < 0)
		return err_set(e, ERR_INPUT,
			       "%s: %s がありません（Word の .docx ではないようです）", name, BODY_PART);
	zip_stat_t st;
	if (zip_stat_index(zip, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return err_set(e, ERR_INPUT, "%s: %s を読めません: %s", name, BODY_PART,
			       zip_why(zip_get_error(zip)));
	if (st.size > DOCTEXT_MAX_BYTES)
		return err_set(e, ERR_INPUT, "%s: %s が大きすぎます", name, BODY_PART);
	zip_file_t *zf = zip_fopen_index(zip, (zip_uint64_t)idx, 0);
	if (!zf)
		return err_set(e, ERR_INPUT, "%s: %s を展開できません: %s", name, BODY_PART,
			       zip_why(zip_get_error(zip)));
	const char *why;
	int rc = 0;
	if (zip_read_all(zf, st.size, data, &why) != 0)
		rc = err_set(e, ERR_INPUT, "%s: %s を展開できません: %s", name, BODY_PART, why);
	else
		*len = (size_t)st.size;
	zip_fclose(zf);
	return rc;
}

/* The body as a tree; DTDs are refused (util/xmlpart.h). */
static int parse_body(const char *name, const char *data, size_t len, xmlDoc **doc,
		      struct err *e)
{
	struct xml_fault f;
	*doc = xml_read_nodtd(data, len, BODY_PART, &f);
	if (*doc)
		return 0;
	if (f.dtd || f.empty)
		return err_set(e, ERR_INPUT, "%s: %s に DTD があるか中身がありません", name, BODY_PART);
	return err_set(e, ERR_INPUT, "%s: %s %d行目の XML が壊れています（%s）", name, BODY_PART,
		       f.line, f.msg);
}

static int is_w(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

/* w:val of the w:ilvl in a paragraph's w:numPr: its list level, or -1 when
 * the paragraph is not numbered (numId 0 means "numbering removed"). */
static int list_level(const xmlNode *p)
{
	for (const xmlNode *ppr = p->children; ppr; ppr = ppr->next) {
		if (!is_w(ppr, "pPr"))
			continue;
		for (const xmlNode *np = ppr->children; np; np = np->next) {
			if (!is_w(np, "numPr"))
				continue;
			int level = 0, numbered = 1;
			for (const xmlNode *c = np->children; c; c = c->next) {
				xmlChar *v = xmlGetProp(c, (const xmlChar *)"val");
				if (v && is_w(c, "ilvl"))
					level = atoi((const char *)v);
				if (v && is_w(c, "numId") && atoi((const char *)v) == 0)
					numbered = 0;
				xmlFree(v);
			}
			return numbered ? (level < 0 || level > 8 ? 0 : level) : -1;
		}
	}
	return -1;
}

/* The text of one paragraph; nested paragraphs (text boxes) are left for
 * the outer walk, which emits them after this one. */
static void para_text(const xmlNode *n, struct buf *b, int depth)
{
	if (depth > 64)
		return;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(n, "t")) {
			xmlChar *t = xmlNodeGetContent(n);
			if (t)
				buf_puts(b, (const char *)t);
			xmlFree(t);
		} else if (is_w(n, "tab") || is_w(n, "ptab")) {
			buf_putc(b, '\t');
		} else if (is_w(n, "br") || is_w(n, "cr")) {
			buf_putc(b, '\n');
		} else if (is_w(n, "noBreakHyphen")) {
			buf_putc(b, '-');
		} else if (!is_w(n, "p") && !is_w(n, "delText") && !is_w(n, "instrText") &&
			   !is_w(n, "pPr") && !is_w(n, "rPr") && !is_w(n, "del")) {
			para_text(n->children, b, depth + 1);
		}
	}
}

struct docx_walk {
	struct doctext *d;
	struct buf b;
	long count;
};

static void walk(struct docx_walk *w, const xmlNode *n, int depth)
{
	if (depth > 64)
		return;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(n, "p")) {
			w->count++;
			buf_reset(&w->b);
			para_text(n->children, &w->b, 0);
			doctext_add(w->d, buf_str(&w->b), w->b.len, w->count, list_level(n));
		}
		walk(w, n->children, depth + 1);
	}
}

int doctext_parse_docx(const char *name, const char *data, size_t len, struct doctext *d,
		       struct err *e)
{
	char why[200];
	zip_t *zip = zip_open_memory(data, len, ZIP_RDONLY, why, sizeof why);
	if (!zip)
		return err_set(e, ERR_INPUT, "%s: .docx として開けません: %s", name, why);
	char *body = NULL;
	size_t blen = 0;
	xmlDoc *doc = NULL;
	int rc = read_body(name, zip, &body, &blen, e);
	if (!rc)
		rc = parse_body(name, body, blen, &doc, e);
	if (!rc) {
		struct docx_walk w = {d, BUF_INIT, 0};
		walk(&w, xmlDocGetRootElement(doc), 0);
		buf_free(&w.b);
	}
	xmlFreeDoc(doc);
	free(body);
	zip_discard(zip);
	return rc;
}
