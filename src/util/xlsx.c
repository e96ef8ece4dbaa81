/*
 * xlsx.c — the first worksheet of an .xlsx (Office Open XML) workbook.
 *
 * The package is an untrusted ZIP of XML parts, so: no external entities or
 * network (XML_PARSE_NONET, never NOENT/DTDLOAD), any part with a DTD is
 * refused, and no part may expand past MAX_PART bytes however small its
 * compressed form (zip bombs).  The worksheet and shared strings can be tens
 * of megabytes, so they are streamed through libxml2's SAX2 parser straight
 * out of the ZIP; the small parts (workbook, relationships, styles) are read
 * whole into a tree.
 *
 * Parts are found the way Excel finds them — _rels/.rels → workbook →
 * its .rels → sheet, shared strings, styles — falling back to the usual
 * names, so output of Excel, LibreOffice, openpyxl and libxlsxwriter reads
 * the same.  Values come out as the text a user would type back in: dates as
 * YYYY-MM-DD, integers without ".0", booleans as TRUE/FALSE.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* newlocale(); the Makefile adds -D_GNU_SOURCE */
#endif

#include "util/sheet.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <zip.h>

#include "util/buf.h"
#include "util/fold.h"
#include "util/sheet_builder.h"
#include "util/xmlpart.h"
#include "util/zip_read.h"
#include "util/zip_why.h"


#define MAX_PART ((zip_uint64_t)200 << 20) /* largest expanded part accepted */
#define MAX_CELLS ((size_t)32 << 20)       /* gaps included: bounds memory */
#define MAX_COLS 16384L                    /* Excel's last column, XFD */
#define MAX_ROW 1048576L                   /* Excel's last row */
#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* libxml2 2.12 made the structured error argument const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

enum fmt_kind { FMT_NUMBER, FMT_DATE, FMT_TIME };

struct xlsx {
	const char *name;
	struct err *e;
	zip_t *zip;
	int date1904;
	char *sheet_name;
	char *sheet_part, *sst_part, *styles_part;
	/* Shared strings, each NUL-terminated in sst_text at sst_off[i]. */
	struct buf sst_text;
	size_t *sst_off, nsst, capsst;
	unsigned char *xf_kind; /* enum fmt_kind per cellXfs index */
	size_t nxf;
};

static int fail(struct xlsx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct xlsx *x, const char *fmt, ...)
{
	char why[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	utf8_trim_partial(why);
	return err_set(x->e, ERR_INPUT, "%s: .xlsx ファイルとして読み取れません（%s）", x->name, why);
}

/* ---- ZIP parts ---------------------------------------------------------- */

/* Part names are matched case-insensitively, as Excel does. */
static zip_int64_t locate(struct xlsx *x, const char *part)
{
	return zip_name_locate(x->zip, part, ZIP_FL_NOCASE);
}

static int open_part(struct xlsx *x, zip_int64_t idx, const char *part, zip_file_t **zf,
		     zip_uint64_t *size)
{
	zip_stat_t st;
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) != 0)
		return fail(x, "%s: %s", part, zip_why(zip_get_error(x->zip)));
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_PART)
		return fail(x, "%s が大きすぎます（展開後 200 MiB まで）", part);
	*zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!*zf)
		return fail(x, "%s を展開できません: %s", part, zip_why(zip_get_error(x->zip)));
	*size = st.size;
	return 0;
}

/* Reads a whole (small) part, size and CRC checked (util/zip_read.h). */
static int slurp(struct xlsx *x, zip_int64_t idx, const char *part, char **data, size_t *len)
{
	zip_file_t *zf;
	zip_uint64_t size;
	int rc = open_part(x, idx, part, &zf, &size);
	if (rc)
		return rc;
	const char *why;
	if (zip_read_all(zf, size, data, &why) != 0)
		rc = fail(x, "%s を展開できません: %s", part, why);
	else
		*len = (size_t)size;
	zip_fclose(zf);
	return rc;
}

/* ---- XML plumbing ------------------------------------------------------- */

struct xml_errs {
	char msg[200];
	int line;
	int set;
};

/* Keeps the first error: later ones are usually its consequences. */
static void on_xml_error(void *arg, xml_error_arg err)
{
	struct xml_errs *xe = arg;
	if (xe->set || !err)
		return;
	xe->set = 1;
	xe->line = err->line;
	snprintf(xe->msg, sizeof xe->msg, "%s", err->message ? err->message : "?");
	size_t n = strlen(xe->msg);
	while (n > 0 && (xe->msg[n - 1] == '\n' || xe->msg[n - 1] == ' '))
		xe->msg[--n] = '\0';
}

static int xml_fail(struct xlsx *x, const char *part, int line, const char *msg)
{
	if (line > 0)
		return fail(x, "%s %d行目の XML が壊れています: %s", part, line, msg);
	return fail(x, "%s の XML が壊れています: %s", part, msg);
}

/* A DOM for a small part.  *doc is NULL if the part is absent. */
static int load_dom(struct xlsx *x, const char *part, xmlDoc **doc)
{
	*doc = NULL;
	zip_int64_t idx = locate(x, part);
	if (idx < 0)
		return 0;
	char *data = NULL;
	size_t len = 0;
	int rc = slurp(x, idx, part, &data, &len);
	if (rc)
		return rc;
	struct xml_fault f;
	*doc = xml_read_nodtd(data, len, part, &f);
	free(data);
	if (*doc)
		return 0;
	if (f.dtd || f.empty)
		return fail(x, "%s に DTD があるか中身がありません", part);
	return xml_fail(x, part, f.line, f.msg);
}

static int is_elem(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static xmlNode *child(const xmlNode *parent, const char *local)
{
	for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (is_elem(c, local))
			return c;
	return NULL;
}

static long attr_long(const xmlNode *n, const char *local, long dflt)
{
	char *s = xml_attr(n, local, 0);
	if (!s)
		return dflt;
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end)
		v = dflt;
	free(s);
	return v;
}

/*
 * The large parts (worksheet, shared strings) go through libxml2's SAX2
 * parser reading straight out of the ZIP: no tree is built and nothing the
 * size of the part is held.  xmlTextReader was tried first; it spent 70% of
 * a 100,000-row read creating and freeing nodes (about 4 s against 1-2 s).
 */
struct sax_run {
	struct xlsx *x;
	const char *part;
	xmlParserCtxt *ctxt;
	zip_file_t *zf;
	zip_uint64_t total;  /* bytes inflated so far */
	int too_big, unzip_failed;
	struct xml_errs xe;
	int rc;   /* a callback refused the content; x->e says why */
	int done; /* a callback has all it needs */
};

static void sax_stop(struct sax_run *run, int rc)
{
	if (!run->rc)
		run->rc = rc;
	xmlStopParser(run->ctxt);
}

/* Any DOCTYPE stops the parse before an entity could be declared or used. */
static void sax_dtd(void *ctx, const xmlChar *name, const xmlChar *ext_id, const xmlChar *sys_id)
{
	struct sax_run *run = ctx;
	(void)name, (void)ext_id, (void)sys_id;
	sax_stop(run, fail(run->x, "%s に DTD があります", run->part));
}

static void sax_error(void *ctx, xml_error_arg err)
{
	struct sax_run *run = ctx;
	on_xml_error(&run->xe, err);
}

/* Feeds the parser from the ZIP entry, enforcing MAX_PART as it goes: the
 * directory's size can lie. */
static int sax_read(void *ctx, char *buf, int len)
{
	struct sax_run *run = ctx;
	zip_int64_t n = zip_fread(run->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		run->unzip_failed = 1;
		return -1;
	}
	run->total += (zip_uint64_t)n;
	if (run->total > MAX_PART) {
		run->too_big = 1;
		return -1;
	}
	return (int)n;
}

/*
 * Parses a part with the caller's callbacks; `run` must be the first member
 * of the callbacks' state so they can find it from the user data pointer.
 */
static int sax_parse(struct xlsx *x, const char *part, xmlSAXHandler *sax, struct sax_run *run)
{
	zip_uint64_t size;
	int rc = open_part(x, locate(x, part), part, &run->zf, &size);
	if (rc)
		return rc;
	sax->initialized = XML_SAX2_MAGIC;
	sax->internalSubset = sax_dtd;
	sax->serror = sax_error;
	run->x = x;
	run->part = part;
	/* The handler is copied into the context, so it may live on the stack. */
	run->ctxt = xmlCreateIOParserCtxt(sax, run, sax_read, NULL, run, XML_CHAR_ENCODING_NONE);
	if (!run->ctxt) {
		zip_fclose(run->zf);
		return fail(x, "XML パーサを用意できません");
	}
	xmlCtxtUseOptions(run->ctxt, XML_OPTS);
	xmlParseDocument(run->ctxt);
	if (run->rc)
		rc = run->rc;
	else if (run->too_big)
		rc = fail(x, "%s が大きすぎます（展開後 200 MiB まで）", part);
	else if (run->unzip_failed)
		rc = fail(x, "%s を展開できません: %s", part, zip_why(zip_file_get_error(run->zf)));
	else if (!run->done && !run->ctxt->wellFormed)
		rc = xml_fail(x, part, run->xe.line, run->xe.set ? run->xe.msg : "?");
	xmlFreeParserCtxt(run->ctxt);
	zip_fclose(run->zf);
	return rc;
}

/*
 * SAX2 hands attributes as (localname, prefix, URI, value, end) pointer
 * quintuples; values are not NUL-terminated.
 */
static int attr_is(const xmlChar **a, const char *local)
{
	return strcmp((const char *)a[0], local) == 0;
}

/* A non-negative decimal attribute value, or dflt. */
static long attr_num(const xmlChar **a, long dflt)
{
	const char *p = (const char *)a[3], *end = (const char *)a[4];
	long v = 0;
	if (p == end || end - p > 9)
		return dflt;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return dflt;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* ---- strings ------------------------------------------------------------ */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static size_t utf8_encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* Value of an "_xHHHH_" escape at s (OOXML's way to store control
 * characters), or -1. */
static long xescape(const char *s, size_t n)
{
	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long v = 0;
	for (int i = 2; i < 6; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	/* NUL would cut the cell short and surrogates are not characters. */
	if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	return v;
}

/*
 * Appends an OOXML string: decodes _xHHHH_ escapes and turns CRLF and CR
 * into "\n", so a line break inside a cell reads the same as from CSV.
 */
static void put_xstring(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	while (i < n) {
		char c = s[i];
		long cp = c == '_' ? xescape(s + i, n - i) : -1;
		if (c != '\r' && cp < 0) {
			i++;
			continue;
		}
		buf_append(out, s + run, i - run);
		if (cp >= 0) {
			char u[4];
			i += 7;
			if (cp == '\r') {
				buf_putc(out, '\n');
				if (i < n && s[i] == '\n')
					i++;
			} else {
				buf_append(out, u, utf8_encode((unsigned)cp, u));
			}
		} else {
			buf_putc(out, '\n');
			i++;
			if (i < n && s[i] == '\n')
				i++;
		}
		run = i;
	}
	buf_append(out, s + run, n - run);
}

/* ---- number formats ----------------------------------------------------- */

static enum fmt_kind builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
	    (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
		return FMT_DATE;
	/* 32 and 33 are h時mm分(ss秒) in Japanese Excel. */
	if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47))
		return FMT_TIME;
	return FMT_NUMBER;
}

static int starts_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if ((*s | 0x20) != (*prefix | 0x20))
			return 0;
	return 1;
}

/*
 * Classifies a custom format code by the date/time letters outside quoted
 * literals, [brackets] (colours, locales; but [h]/[mm]/[ss] are elapsed
 * time), escapes and padding.  "m" is a month unless hours or seconds are
 * present, in which case it means minutes.
 */
static enum fmt_kind custom_kind(const char *f)
{
	int date = 0, month = 0, time = 0;
	while (*f) {
		char c = *f;
		if (c == '"') {
			const char *q = strchr(f + 1, '"');
			f = q ? q + 1 : f + strlen(f);
			continue;
		}
		if (c == '[') {
			const char *q = strchr(f, ']');
			if (q && q > f + 1 && strchr("hHmMsS", f[1]))
				time = 1;
			f = q ? q + 1 : f + strlen(f);
			continue;
		}
		if ((c == '\\' || c == '_' || c == '*') && f[1]) {
			f += 2;
			continue;
		}
		if (starts_ci(f, "General")) {
			f += 7;
			continue;
		}
		if (starts_ci(f, "AM/PM")) {
			f += 5;
			continue;
		}
		if (starts_ci(f, "A/P")) {
			f += 3;
			continue;
		}
		switch (c | 0x20) {
		case 'y':
		case 'd':
			date = 1;
			break;
		case 'm':
			month = 1;
			break;
		case 'h':
		case 's':
			time = 1;
			break;
		}
		f++;
	}
	if (date || (month && !time))
		return FMT_DATE;
	return time ? FMT_TIME : FMT_NUMBER;
}

/* ---- package structure -------------------------------------------------- */

/* Drops the last "name/" (or "name") from a path being built. */
static void pop_segment(struct buf *out)
{
	size_t n = out->len;
	if (n && out->data[n - 1] == '/')
		n--;
	while (n && out->data[n - 1] != '/')
		n--;
	out->len = n;
	if (out->data)
		out->data[n] = '\0';
}

/*
 * Resolves a relationship target against the folder of the part that owns
 * the .rels ("xl/"); "/xl/..." is from the package root.  "." and ".."
 * segments are folded so the result is a plain ZIP entry name.
 */
static char *resolve(const char *dir, const char *target)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	if (target[0] != '/')
		buf_puts(&in, dir);
	buf_puts(&in, target);
	char *s = in.data;
	while (s && *s) {
		char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			pop_segment(&out);
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			buf_append(&out, s, n);
			if (slash)
				buf_putc(&out, '/');
		}
		s = slash ? slash + 1 : s + n;
	}
	buf_free(&in);
	return buf_take(&out);
}

/* "xl/workbook.xml" → "xl/" */
static char *dir_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	return xstrndup(part, slash ? (size_t)(slash - part) + 1 : 0);
}

/* "xl/workbook.xml" → "xl/_rels/workbook.xml.rels" */
static char *rels_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	const char *base = slash ? slash + 1 : part;
	return xasprintf("%.*s_rels/%s.rels", (int)(base - part), part, base);
}

/* Target of relationship `id`, or else of the first whose Type ends with
 * "/type", resolved against `dir`.  External links are never followed. */
static char *rel_target(xmlDoc *rels, const char *dir, const char *id, const char *type)
{
	xmlNode *root = rels ? xmlDocGetRootElement(rels) : NULL;
	for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
		if (!is_elem(n, "Relationship"))
			continue;
		char *mode = xml_attr(n, "TargetMode", 0);
		int external = mode && strcmp(mode, "External") == 0;
		free(mode);
		if (external)
			continue;
		char *v = xml_attr(n, id ? "Id" : "Type", 0);
		int hit = 0;
		if (v && id) {
			hit = strcmp(v, id) == 0;
		} else if (v) {
			size_t lv = strlen(v), lt = strlen(type);
			hit = lv > lt && v[lv - lt - 1] == '/' && strcmp(v + lv - lt, type) == 0;
		}
		free(v);
		char *target = hit ? xml_attr(n, "Target", 0) : NULL;
		if (target) {
			char *r = resolve(dir, target);
			free(target);
			return r;
		}
	}
	return NULL;
}

/* Where the workbook part is: _rels/.rels says, xl/workbook.xml is usual. */
static int find_workbook(struct xlsx *x, char **part)
{
	xmlDoc *rels;
	*part = NULL;
	int rc = load_dom(x, "_rels/.rels", &rels);
	if (rc)
		return rc;
	*part = rel_target(rels, "", NULL, "officeDocument");
	xmlFreeDoc(rels);
	if (*part && locate(x, *part) >= 0)
		return 0;
	free(*part);
	*part = xstrdup("xl/workbook.xml");
	if (locate(x, *part) >= 0)
		return 0;
	if (locate(x, "content.xml") >= 0)
		return fail(x, "OpenDocument（.ods）形式のようです。.xlsx で保存し直してください");
	return fail(x, "xl/workbook.xml がありません");
}

static int is_true(const char *s)
{
	return s && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0);
}

/* Reads the date system and the first sheet's name and relationship id. */
static int read_workbook(struct xlsx *x, const char *part, char **rid)
{
	xmlDoc *doc;
	int rc = load_dom(x, part, &doc);
	if (rc)
		return rc;
	if (!doc)
		return fail(x, "%s がありません", part);
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *pr = child(root, "workbookPr");
	if (pr) {
		char *d = xml_attr(pr, "date1904", 0);
		x->date1904 = is_true(d);
		free(d);
	}
	xmlNode *sheet = child(child(root, "sheets"), "sheet");
	*rid = sheet ? xml_attr(sheet, "id", 1) : NULL;
	x->sheet_name = sheet ? xml_attr(sheet, "name", 0) : NULL;
	if (x->sheet_name && strlen(x->sheet_name) > 96) {
		/* Excel allows 31 characters; keep messages readable anyway. */
		x->sheet_name[96] = '\0';
		utf8_trim_partial(x->sheet_name);
	}
	xmlFreeDoc(doc);
	if (!*rid)
		return fail(x, "%s にシートがありません", part);
	return 0;
}

/* Finds the sheet, shared strings and styles parts from the workbook's
 * relationships. */
static int find_parts(struct xlsx *x)
{
	char *wb = NULL, *rid = NULL;
	int rc = find_workbook(x, &wb);
	if (!rc)
		rc = read_workbook(x, wb, &rid);
	char *dir = dir_of(wb ? wb : ""), *relpart = rels_of(wb ? wb : "");
	xmlDoc *rels = NULL;
	if (!rc)
		rc = load_dom(x, relpart, &rels);
	if (!rc) {
		x->sheet_part = rel_target(rels, dir, rid, NULL);
		x->sst_part = rel_target(rels, dir, NULL, "sharedStrings");
		x->styles_part = rel_target(rels, dir, NULL, "styles");
		if (!x->sst_part)
			x->sst_part = xasprintf("%ssharedStrings.xml", dir);
		if (!x->styles_part)
			x->styles_part = xasprintf("%sstyles.xml", dir);
		if (!x->sheet_part || locate(x, x->sheet_part) < 0)
			rc = fail(x, "最初のシート（%s）の XML が見つかりません",
				  x->sheet_name ? x->sheet_name : "?");
	}
	xmlFreeDoc(rels);
	free(relpart);
	free(dir);
	free(rid);
	free(wb);
	return rc;
}

/* ---- styles ------------------------------------------------------------- */

struct numfmt {
	long id;
	enum fmt_kind kind;
};

/* Custom formats (<numFmts>); they may also redefine built-in ids. */
static size_t read_numfmts(xmlNode *root, struct numfmt **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (xmlNode *f = child(child(root, "numFmts"), "numFmt"); f; f = f->next) {
		if (!is_elem(f, "numFmt"))
			continue;
		char *code = xml_attr(f, "formatCode", 0);
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[n++] = (struct numfmt){attr_long(f, "numFmtId", -1),
					      code ? custom_kind(code) : FMT_NUMBER};
		free(code);
	}
	return n;
}

static enum fmt_kind fmt_kind_of(long id, const struct numfmt *custom, size_t ncustom)
{
	for (size_t i = 0; i < ncustom; i++)
		if (custom[i].id == id)
			return custom[i].kind;
	return builtin_kind(id);
}

/* Maps each cellXfs entry (a cell's s=) to what its number format shows. */
static int read_styles(struct xlsx *x)
{
	xmlDoc *doc;
	int rc = load_dom(x, x->styles_part, &doc);
	if (rc || !doc)
		return rc;
	xmlNode *root = xmlDocGetRootElement(doc);
	struct numfmt *custom;
	size_t ncustom = read_numfmts(root, &custom);
	xmlNode *xfs = child(root, "cellXfs");
	size_t n = 0;
	for (xmlNode *xf = xfs ? xfs->children : NULL; xf; xf = xf->next)
		n += is_elem(xf, "xf");
	x->xf_kind = xmalloc(n);
	for (xmlNode *xf = xfs ? xfs->children : NULL; xf; xf = xf->next)
		if (is_elem(xf, "xf"))
			x->xf_kind[x->nxf++] =
				(unsigned char)fmt_kind_of(attr_long(xf, "numFmtId", 0), custom, ncustom);
	free(custom);
	xmlFreeDoc(doc);
	return 0;
}

/* ---- shared strings ----------------------------------------------------- */

static void sst_push(struct xlsx *x, const char *s, size_t n)
{
	if (x->nsst == x->capsst) {
		x->capsst = x->capsst ? x->capsst * 2 : 1024;
		x->sst_off = xrealloc(x->sst_off, x->capsst * sizeof *x->sst_off);
	}
	x->sst_off[x->nsst++] = x->sst_text.len;
	put_xstring(&x->sst_text, s, n);
	buf_append(&x->sst_text, "", 1);
}

static const char *sst_get(const struct xlsx *x, size_t i, size_t *len)
{
	size_t end = i + 1 < x->nsst ? x->sst_off[i + 1] : x->sst_text.len;
	*len = end - x->sst_off[i] - 1;
	return x->sst_text.data + x->sst_off[i];
}

struct sst_state {
	struct sax_run run; /* first: see sax_parse */
	struct buf cur;
	int in_si, in_t, in_rph;
};

static void sst_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		      int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	struct sst_state *st = ctx;
	const char *name = (const char *)local;
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)nattrs, (void)ndefaulted, (void)attrs;
	if (strcmp(name, "si") == 0) {
		st->in_si = 1;
		buf_reset(&st->cur);
	} else if (strcmp(name, "t") == 0) {
		st->in_t = 1;
	} else if (strcmp(name, "rPh") == 0) {
		st->in_rph = 1;
	}
}

static void sst_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct sst_state *st = ctx;
	const char *name = (const char *)local;
	(void)prefix, (void)uri;
	if (strcmp(name, "si") == 0) {
		if (st->in_si)
			sst_push(st->run.x, buf_str(&st->cur), st->cur.len);
		st->in_si = 0;
	} else if (strcmp(name, "t") == 0) {
		st->in_t = 0;
	} else if (strcmp(name, "rPh") == 0) {
		st->in_rph = 0;
	}
}

static void sst_text(void *ctx, const xmlChar *ch, int len)
{
	struct sst_state *st = ctx;
	if (st->in_si && st->in_t && !st->in_rph)
		buf_append(&st->cur, ch, (size_t)len);
}

/*
 * <si> holds <t>, or rich-text runs <r><t>, to be concatenated; <rPh> runs
 * are furigana readings, not part of the value.
 */
static int read_shared_strings(struct xlsx *x)
{
	if (locate(x, x->sst_part) < 0)
		return 0;
	struct sst_state st = {.cur = BUF_INIT};
	xmlSAXHandler sax = {0};
	sax.startElementNs = sst_start;
	sax.endElementNs = sst_end;
	sax.characters = sst_text;
	sax.ignorableWhitespace = sst_text;
	sax.cdataBlock = sst_text;
	int rc = sax_parse(x, x->sst_part, &sax, &st.run);
	buf_free(&st.cur);
	return rc;
}

/* ---- cell values -------------------------------------------------------- */

/* Days since 1970-01-01 → civil date (proleptic Gregorian). */
static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Writes v as `width` zero-padded digits (date columns are common enough
 * that printf shows up in profiles). */
static char *digits(char *p, long v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

static void put_hms(struct buf *out, long secs)
{
	char s[8], *p = s;
	p = digits(p, secs / 3600, 2);
	*p++ = ':';
	p = digits(p, secs / 60 % 60, 2);
	*p++ = ':';
	digits(p, secs % 60, 2);
	buf_append(out, s, sizeof s);
}

/*
 * An Excel serial date.  The 1900 system counts the nonexistent 1900-02-29
 * (serial 60) for Lotus compatibility, so serials from 61 on count from
 * 1899-12-30 and those before from 1899-12-31.  Returns 0 if out of range
 * (Excel shows ####), leaving the caller to print the number.
 */
static int put_date(struct buf *out, double v, enum fmt_kind kind, int date1904)
{
	if (!(v >= 0 && v < 2958466)) /* 10000-01-01 */
		return 0;
	long days = (long)floor(v);
	long secs = lround((v - (double)days) * 86400);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (kind == FMT_TIME && days == 0) {
		put_hms(out, secs);
		return 1;
	}
	long y;
	int m, d;
	if (!date1904 && days == 60) {
		y = 1900, m = 2, d = 29;
	} else {
		long unix_days = date1904 ? days - 24107 : days < 60 ? days - 25568 : days - 25569;
		civil_from_days(unix_days, &y, &m, &d);
	}
	if (y > 9999)
		return 0;
	char s[10], *p = s;
	p = digits(p, y, 4);
	*p++ = '-';
	p = digits(p, m, 2);
	*p++ = '-';
	digits(p, d, 2);
	buf_append(out, s, sizeof s);
	if (secs) {
		buf_putc(out, ' ');
		put_hms(out, secs);
	}
	return 1;
}

/*
 * Whether "%.15g" would print v exactly as it is written, so the strtod and
 * snprintf round trip can be skipped: plain decimals such as "12345" or
 * "4.25" with at most 15 significant digits (DBL_DIG, so they survive the
 * trip unchanged), no redundant zeros, and not small enough for "%g" to
 * switch to an exponent.
 */
static int is_plain_decimal(const char *v, size_t n)
{
	size_t start = v[0] == '-', i = start, sig = 0, zeros = 0;
	while (i < n && v[i] >= '0' && v[i] <= '9')
		i++;
	size_t int_len = i - start;
	if (int_len == 0 || (v[start] == '0' && int_len > 1))
		return 0;
	int int_zero = v[start] == '0';
	if (!int_zero)
		sig = int_len;
	if (i == n)
		return int_zero ? start == 0 : sig <= 15; /* "-0" prints as "0" */
	if (v[i] != '.' || i + 1 == n || v[n - 1] == '0')
		return 0;
	for (i++; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return 0;
		if (sig == 0 && v[i] == '0')
			zeros++;
		else
			sig++;
	}
	return sig <= 15 && zeros < 4;
}

/* Integers as written ("12345"), else up to 15 significant digits, which
 * is what Excel shows and hides binary noise like 0.30000000000000004. */
static void put_number(struct buf *out, const char *v, size_t n, enum fmt_kind kind, int date1904)
{
	if (kind == FMT_NUMBER && is_plain_decimal(v, n)) {
		buf_append(out, v, n);
		return;
	}
	char *end;
	double d = strtod(v, &end);
	while (*end == ' ')
		end++;
	if (end == v || *end || !isfinite(d)) {
		buf_append(out, v, n); /* not a number: keep what is there */
		return;
	}
	if (kind != FMT_NUMBER && put_date(out, d, kind, date1904))
		return;
	char s[40];
	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(s, sizeof s, "%.0f", d == 0 ? 0.0 : d);
	else
		snprintf(s, sizeof s, "%.15g", d);
	buf_puts(out, s);
}

/* A t="d" cell holds ISO 8601 text: shown like a date-formatted number. */
static void put_iso_date(struct buf *out, const char *v, size_t n)
{
	size_t len = n;
	if (len > 19)
		len = 19; /* drop fractions of seconds and zone */
	if (len == 19 && strncmp(v + 10, "T00:00:00", 9) == 0)
		len = 10;
	for (size_t i = 0; i < len; i++)
		buf_putc(out, v[i] == 'T' ? ' ' : v[i]);
}

/* ---- worksheet ---------------------------------------------------------- */

struct sheet_state {
	struct sax_run run; /* first: see sax_parse */
	struct sheet_builder *sb;
	int in_data, in_row, in_cell, in_v, in_is, in_t, in_rph;
	long row, col, next_col, style;
	char type[16];
	struct buf val; /* raw text of the open cell */
	struct buf out; /* its display form */
};

/* "BC12" → 54 (0-based column); -1 if there are no column letters. */
static long ref_col(const char *r, const char *end)
{
	long col = 0;
	int n = 0;
	for (; r < end && ((*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z')); r++, n++) {
		if (n == 3)
			return MAX_COLS; /* past XFD: rejected by the caller */
		col = col * 26 + ((*r | 0x20) - 'a' + 1);
	}
	return n ? col - 1 : -1;
}

static int parse_index(const char *s, size_t n, size_t *out)
{
	size_t v = 0;
	if (n == 0 || n > 9)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static char *cell_name(long col, long row, char buf[32])
{
	char letters[4];
	int n = 0;
	for (long c = col + 1; c > 0 && n < 3; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	int k = 0;
	while (n > 0)
		buf[k++] = letters[--n];
	snprintf(buf + k, 32 - (size_t)k, "%ld", row);
	return buf;
}

static int emit_cell(struct sheet_state *st)
{
	struct xlsx *x = st->run.x;
	const char *v = buf_str(&st->val);
	size_t n = st->val.len;
	const char *t = st->type;
	buf_reset(&st->out);
	if (n == 0) {
		/* empty: nothing to convert whatever the type */
	} else if (t[0] == 's' && !t[1]) {
		size_t i, len;
		if (parse_index(v, n, &i) || i >= x->nsst) {
			char ref[32];
			return fail(x, "%s のセル %s が存在しない共有文字列（%.20s）を指しています",
				    x->sheet_part, cell_name(st->col, st->row, ref), v);
		}
		const char *s = sst_get(x, i, &len);
		sheetb_put(st->sb, s, len);
	} else if (strcmp(t, "str") == 0 || strcmp(t, "inlineStr") == 0) {
		put_xstring(&st->out, v, n);
	} else if (strcmp(t, "b") == 0) {
		buf_puts(&st->out, strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : v);
	} else if (strcmp(t, "d") == 0) {
		put_iso_date(&st->out, v, n);
	} else if (strcmp(t, "e") == 0) {
		buf_append(&st->out, v, n);
	} else {
		enum fmt_kind kind = st->style >= 0 && (size_t)st->style < x->nxf ?
					     (enum fmt_kind)x->xf_kind[st->style] : FMT_NUMBER;
		put_number(&st->out, v, n, kind, x->date1904);
	}
	sheetb_put(st->sb, st->out.data, st->out.len);
	sheetb_end_cell(st->sb);
	return 0;
}

static void start_row(struct sheet_state *st, int nattrs, const xmlChar **attrs)
{
	long row = st->row + 1;
	for (int i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (attr_is(a, "r")) {
			long r = attr_num(a, -1);
			if (r >= 1 && r <= MAX_ROW)
				row = r;
		}
	}
	st->row = row;
	st->in_row = 1;
	st->next_col = 0;
}

/* Opens a cell, first padding skipped columns with "" so cells keep their
 * column positions. */
static int start_cell(struct sheet_state *st, int nattrs, const xmlChar **attrs)
{
	struct xlsx *x = st->run.x;
	char ref[32];
	st->col = st->next_col;
	st->style = 0;
	st->type[0] = '\0';
	for (int i = 0; i < nattrs; i++) {
		const xmlChar **a = attrs + 5 * i;
		const char *v = (const char *)a[3], *end = (const char *)a[4];
		if (attr_is(a, "r")) {
			long c = ref_col(v, end);
			if (c >= 0)
				st->col = c;
		} else if (attr_is(a, "t")) {
			size_t n = (size_t)(end - v) < sizeof st->type ? (size_t)(end - v) : sizeof st->type - 1;
			memcpy(st->type, v, n);
			st->type[n] = '\0';
		} else if (attr_is(a, "s")) {
			st->style = attr_num(a, 0);
		}
	}
	if (st->col >= MAX_COLS)
		return fail(x, "%s %ld行目: 列が多すぎます（XFD 列まで）", x->sheet_part, st->row);
	if (st->col < st->next_col)
		return fail(x, "%s のセル %s が順番どおりに並んでいません", x->sheet_part,
			    cell_name(st->col, st->row, ref));
	size_t have = sheetb_row_cells(st->sb);
	if (sheetb_total_cells(st->sb) + ((size_t)st->col - have) >= MAX_CELLS)
		return fail(x, "セルが多すぎます（空白を含め %zu 個まで）", MAX_CELLS);
	for (size_t i = have; i < (size_t)st->col; i++)
		sheetb_end_cell(st->sb);
	st->in_cell = 1;
	st->in_v = st->in_is = st->in_t = st->in_rph = 0;
	buf_reset(&st->val);
	return 0;
}

static void sheet_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
			int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	struct sheet_state *st = ctx;
	const char *name = (const char *)local;
	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
	int rc = 0;
	if (st->in_cell) {
		if (strcmp(name, "v") == 0)
			st->in_v = 1;
		else if (strcmp(name, "is") == 0)
			st->in_is = 1;
		else if (strcmp(name, "t") == 0)
			st->in_t = st->in_is;
		else if (strcmp(name, "rPh") == 0)
			st->in_rph = 1;
	} else if (strcmp(name, "c") == 0) {
		if (st->in_row)
			rc = start_cell(st, nattrs, attrs);
	} else if (strcmp(name, "row") == 0) {
		if (st->in_data)
			start_row(st, nattrs, attrs);
	} else if (strcmp(name, "sheetData") == 0) {
		st->in_data = 1;
	}
	if (rc)
		sax_stop(&st->run, rc);
}

static void sheet_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct sheet_state *st = ctx;
	const char *name = (const char *)local;
	(void)prefix, (void)uri;
	if (strcmp(name, "c") == 0) {
		if (!st->in_cell)
			return;
		st->in_cell = 0;
		st->next_col = st->col + 1;
		int rc = emit_cell(st);
		if (rc)
			sax_stop(&st->run, rc);
	} else if (strcmp(name, "v") == 0) {
		st->in_v = 0;
	} else if (strcmp(name, "t") == 0) {
		st->in_t = 0;
	} else if (strcmp(name, "is") == 0) {
		st->in_is = 0;
	} else if (strcmp(name, "rPh") == 0) {
		st->in_rph = 0;
	} else if (strcmp(name, "row") == 0) {
		if (st->in_row)
			sheetb_end_row(st->sb, st->row);
		st->in_row = 0;
	} else if (strcmp(name, "sheetData") == 0 && st->in_data) {
		/* The rest (merged cells, page setup, ...) is of no use here. */
		st->run.done = 1;
		xmlStopParser(st->run.ctxt);
	}
}

static void sheet_text(void *ctx, const xmlChar *ch, int len)
{
	struct sheet_state *st = ctx;
	if (st->in_cell && (st->in_v || (st->in_t && !st->in_rph)))
		buf_append(&st->val, ch, (size_t)len);
}

static int read_sheet(struct xlsx *x, struct sheet_builder *sb)
{
	struct sheet_state st = {.sb = sb, .val = BUF_INIT, .out = BUF_INIT};
	xmlSAXHandler sax = {0};
	sax.startElementNs = sheet_start;
	sax.endElementNs = sheet_end;
	sax.characters = sheet_text;
	sax.ignorableWhitespace = sheet_text;
	sax.cdataBlock = sheet_text;
	int rc = sax_parse(x, x->sheet_part, &sax, &st.run);
	buf_free(&st.val);
	buf_free(&st.out);
	return rc;
}

/* ---- entry point -------------------------------------------------------- */

static int read_package(struct xlsx *x, struct sheet_builder *sb)
{
	int rc = find_parts(x);
	if (!rc)
		rc = read_styles(x);
	if (!rc)
		rc = read_shared_strings(x);
	if (!rc)
		rc = read_sheet(x, sb);
	if (!rc && sheetb_rows(sb) == 0)
		rc = err_set(x->e, ERR_INPUT,
			     "%s: 最初のシート「%s」が空です（データは先頭のシートに置いてください）",
			     x->name, x->sheet_name ? x->sheet_name : "");
	return rc;
}

static void xlsx_free(struct xlsx *x)
{
	if (x->zip)
		zip_discard(x->zip);
	free(x->sheet_name);
	free(x->sheet_part);
	free(x->sst_part);
	free(x->styles_part);
	buf_free(&x->sst_text);
	free(x->sst_off);
	free(x->xf_kind);
}

static int open_zip(struct xlsx *x, const void *data, size_t len)
{
	char why[200];
	x->zip = zip_open_memory(data, len, ZIP_RDONLY, why, sizeof why);
	return x->zip ? 0 : fail(x, "ZIP として開けません: %s", why);
}

int sheet_parse_xlsx(const char *name, const void *data, size_t len, struct sheet_builder *sb,
		     struct err *e)
{
	struct xlsx x = {.name = name, .e = e, .sst_text = BUF_INIT};
	xmlInitParser();
	/* Numbers are printed with '.' whatever locale the program runs in;
	 * uselocale affects this thread only. */
	locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	locale_t old = c_locale ? uselocale(c_locale) : (locale_t)0;

	int rc = open_zip(&x, data ? data : "", data ? len : 0);
	if (!rc)
		rc = read_package(&x, sb);
	xlsx_free(&x);

	if (c_locale) {
		uselocale(old);
		freelocale(c_locale);
	}
	return rc;
}

int sheet_read_xlsx(const char *name, const void *data, size_t len, struct sheet *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct sheet_builder *sb = sheetb_new();
	int rc = sheet_parse_xlsx(name, data, len, sb, e);
	if (rc)
		sheetb_discard(sb);
	else
		sheetb_finish(sb, out, SHEET_XLSX);
	return rc;
}
