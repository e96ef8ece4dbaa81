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
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <zip.h>

#include "util/buf.h"
#include "util/doctext_internal.h"
#include "util/zip_why.h"

#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
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
	char *p = xmalloc((size_t)st.size + 1);
	zip_uint64_t got = 0;
	while (got < st.size) {
		zip_int64_t n = zip_fread(zf, p + got, st.size - got);
		if (n <= 0)
			break;
		got += (zip_uint64_t)n;
	}
	char extra;
	zip_int64_t tail = got == st.size ? zip_fread(zf, &extra, 1) : -1;
	if (got != st.size || tail != 0) {
		err_set(e, ERR_INPUT, "%s: %s を展開できません: %s", name, BODY_PART,
			got == st.size && tail > 0 ? "サイズが一致しません"
						   : zip_why(zip_file_get_error(zf)));
		zip_fclose(zf);
		free(p);
		return ERR_INPUT;
	}
	zip_fclose(zf);
	p[got] = '\0';
	*data = p;
	*len = (size_t)got;
	return 0;
}

/* Stops the parse at a DOCTYPE, before any entity is declared: Word never
 * writes one, and entities are how XML bombs work. */
static void stop_at_dtd(void *ctx, const xmlChar *n, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxt *ctxt = ctx;
	(void)n, (void)ext, (void)sys;
	*(int *)ctxt->_private = 1;
	xmlStopParser(ctxt);
}

static int parse_body(const char *name, const char *data, size_t len, xmlDoc **doc,
		      struct err *e)
{
	if (len > INT_MAX)
		return err_set(e, ERR_INPUT, "%s: %s が大きすぎます", name, BODY_PART);
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return err_set(e, ERR_INTERNAL, "XML パーサを用意できません");
	int dtd = 0;
	ctxt->_private = &dtd;
	ctxt->sax->internalSubset = stop_at_dtd;
	*doc = xmlCtxtReadMemory(ctxt, data, (int)len, BODY_PART, NULL, XML_OPTS);
	int rc = 0;
	if (dtd || (*doc && !xmlDocGetRootElement(*doc))) {
		rc = err_set(e, ERR_INPUT, "%s: %s に DTD があるか中身がありません", name, BODY_PART);
	} else if (!*doc) {
		const char *msg = ctxt->lastError.message ? ctxt->lastError.message : "?";
		char m[200];
		snprintf(m, sizeof m, "%s", msg);
		size_t n = strlen(m);
		while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
			m[--n] = '\0';
		rc = err_set(e, ERR_INPUT, "%s: %s %d行目の XML が壊れています（%s）", name,
			     BODY_PART, ctxt->lastError.line, m);
	}
	xmlFreeParserCtxt(ctxt);
	if (rc && *doc) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return rc;
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
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!zip) {
		err_set(e, ERR_INPUT, "%s: .docx として開けません: %s", name, zip_why(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return ERR_INPUT;
	}
	zip_error_fini(&ze);
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
