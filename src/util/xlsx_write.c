#include "util/xlsx_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "util/buf.h"

#define MAX_ROWS 1048576u     /* Excel's rows per sheet */
#define MAX_COLS 16384        /* and columns (XFD) */
#define MAX_CELL_UNITS 32767  /* characters in a cell, counted in UTF-16 */
#define MAX_SHEET_NAME 31     /* characters in a sheet name */
#define XLSX_MTIME 946684800  /* 2000-01-01, the date every part carries */

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_DOCREL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKGREL "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_PREFIX "application/vnd.openxmlformats-officedocument.spreadsheetml."

/*
 * The distinct texts, for shared strings: an open-addressing table over an
 * arena of the texts' bytes (no allocation per text — a register has
 * hundreds of thousands of them).
 */
struct intern_slot {
	size_t off;        /* of the text in keys */
	uint32_t len;
	uint32_t hash;
	unsigned long long idx1; /* 1 + the index among the <si>; 0: slot empty */
};

struct intern {
	struct intern_slot *slots;
	size_t cap; /* power of two */
	size_t len;
	struct buf keys;
};

/* A sheet already finished by xlsx_out_sheet (the current one lives in
 * struct xlsx_out itself, so single-sheet writers are unchanged). */
struct xsheet {
	char *name;
	int ncols;
	unsigned rows;
	char (*colname)[4];
	struct buf cols, data;
};

struct xlsx_out {
	int fd;
	char *path;
	char *sheet_name;
	int ncols;
	unsigned rows;        /* rows written so far, the header included */
	char (*colname)[4];   /* "A" … "XFD" */
	struct buf cols;      /* the <cols> element */
	struct buf data;      /* the <row> elements */
	struct buf sst;       /* the <si> elements */
	struct intern strings; /* text → its index among the <si> */
	unsigned long long nstrings; /* distinct texts */
	unsigned long long nrefs;    /* cells that refer to one */
	struct xsheet *done;  /* the sheets before the current one */
	size_t ndone;
};

/* ---- text ---------------------------------------------------------------- */

/*
 * Length of s in UTF-16 code units (how Excel counts characters), or -1 when
 * s is not UTF-8 (overlong forms, surrogates and values past U+10FFFF are
 * not UTF-8 either).
 */
static long utf16_units(const unsigned char *s, size_t n)
{
	long units = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			units++;
			continue;
		}
		size_t need;
		unsigned char lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else
			return -1;
		if (n - i <= need || s[i + 1] < lo || s[i + 1] > hi)
			return -1;
		for (size_t k = 2; k <= need; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return -1;
		i += need + 1;
		units += need == 3 ? 2 : 1;
	}
	return units;
}

static uint32_t hash_text(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
	}
	if (n) {
		uint64_t w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
	}
	h ^= h >> 29;
	h *= 0xC4CEB9FE1A85EC53ULL;
	return (uint32_t)(h ^ (h >> 32));
}

static void intern_init(struct intern *t)
{
	t->cap = 4096;
	t->len = 0;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
	t->keys = (struct buf)BUF_INIT;
}

static void intern_free(struct intern *t)
{
	free(t->slots);
	buf_free(&t->keys);
}

/* The slot for s: the one holding it, or the empty one it would go in. */
static struct intern_slot *intern_probe(struct intern *t, const char *s, size_t n, uint32_t h)
{
	size_t mask = t->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct intern_slot *e = &t->slots[i];
		if (!e->idx1 || (e->hash == h && e->len == n && memcmp(t->keys.data + e->off, s, n) == 0))
			return e;
	}
}

static void intern_grow(struct intern *t)
{
	size_t cap = t->cap * 2, mask = cap - 1;
	struct intern_slot *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < t->cap; i++) {
		struct intern_slot *e = &t->slots[i];
		if (!e->idx1)
			continue;
		size_t j = e->hash & mask;
		while (slots[j].idx1)
			j = (j + 1) & mask;
		slots[j] = *e;
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

/* Bytes put_text must look at: markup, controls, '_' and 0xEF (U+FFFE/F). */
static const unsigned char special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, /* keeps \t \n \r */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['_'] = 1, [0xEF] = 1,
};

static void put_escape(struct buf *b, unsigned cp)
{
	static const char hex[] = "0123456789ABCDEF";
	char t[7] = {'_', 'x', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
		     hex[cp & 15], '_'};
	buf_append(b, t, sizeof t);
}

/*
 * Appends UTF-8 text as XML character data, the way Excel writes it: the
 * markup characters as entities; characters XML 1.0 cannot hold (controls
 * other than tab, LF and CR; U+FFFE, U+FFFF) as _xHHHH_; and the "_" of
 * every "_x" as _x005F_, so no text of the cell's own reads as an escape.  \r is written as is:
 * XML reads it as a line break, as a CSV line break reads.
 */
static void put_text(struct buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!special[c])
			continue;
		const char *rep = NULL;
		unsigned cp = 0;
		size_t skip = 1;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '_':
			/* every "_x": LibreOffice also reads short forms like _x41_ */
			if (n - i < 2 || s[i + 1] != 'x')
				continue;
			cp = '_';
			break;
		case 0xEF:
			if (n - i < 3 || (unsigned char)s[i + 1] != 0xBF ||
			    ((unsigned char)s[i + 2] & 0xFE) != 0xBE)
				continue;
			cp = 0xFFFE | ((unsigned char)s[i + 2] & 1);
			skip = 3;
			break;
		default: cp = c; break;
		}
		buf_append(b, s + run, i - run);
		if (rep)
			buf_puts(b, rep);
		else
			put_escape(b, cp);
		i += skip - 1;
		run = i + 1;
	}
	buf_append(b, s + run, n - run);
}

/* Plain XML escaping for attribute values (no _xHHHH_: names are not text runs). */
static void put_attr(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_putc(b, *s); break;
		}
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ---- rows ---------------------------------------------------------------- */

static void col_name(int c, char out[4])
{
	char t[4];
	int n = 0;
	for (c++; c > 0; c = (c - 1) / 26)
		t[n++] = (char)('A' + (c - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = t[n - 1 - i];
	out[n] = '\0';
}

/* Adds a text not seen before as the next <si>; checks it fits a cell. */
static int add_string(struct xlsx_out *x, const char *s, size_t n, int c, struct err *e)
{
	long units = utf16_units((const unsigned char *)s, n);
	if (units < 0)
		return err_set(e, ERR_INPUT,
			       "Excel の %u行目 %d列目に書き込めません（UTF-8 として正しくない文字があります）",
			       x->rows + 1, c + 1);
	if (units > MAX_CELL_UNITS)
		return err_set(e, ERR_INPUT,
			       "Excel の %u行目 %d列目に書き込めません（1 つのセルに書ける %d 文字を超えています）",
			       x->rows + 1, c + 1, MAX_CELL_UNITS);
	if (is_space(s[0]) || is_space(s[n - 1]))
		buf_puts(&x->sst, "<si><t xml:space=\"preserve\">");
	else
		buf_puts(&x->sst, "<si><t>");
	put_text(&x->sst, s, n);
	buf_puts(&x->sst, "</t></si>");
	return 0;
}

static int put_row(struct xlsx_out *x, const char *const *cells, int header, struct err *e)
{
	char num[24], idx[24];
	int nlen = fmt_int((long long)x->rows + 1, num);
	size_t start = x->data.len;
	unsigned long long refs = 0;
	for (int c = 0; c < x->ncols; c++) {
		const char *s = cells[c];
		if (!s || !*s)
			continue;
		size_t n = strlen(s);
		if (n > UINT32_MAX)
			n = UINT32_MAX; /* far past MAX_CELL_UNITS: add_string refuses it */
		uint32_t h = hash_text(s, n);
		struct intern_slot *slot = intern_probe(&x->strings, s, n, h);
		unsigned long long idx1 = slot->idx1;
		if (!idx1) {
			if (add_string(x, s, n, c, e)) {
				/* the row is not written */
				x->data.len = start;
				x->data.data[start] = '\0';
				return e->code;
			}
			slot->off = x->strings.keys.len;
			slot->len = (uint32_t)n;
			slot->hash = h;
			slot->idx1 = idx1 = ++x->nstrings;
			buf_append(&x->strings.keys, s, n);
			if (++x->strings.len * 2 > x->strings.cap)
				intern_grow(&x->strings); /* slot is not used again below */
		}
		int ilen = fmt_int((long long)(idx1 - 1), idx);
		if (!refs) {
			buf_puts(&x->data, "<row r=\"");
			buf_append(&x->data, num, (size_t)nlen);
			buf_puts(&x->data, "\">");
		}
		refs++;
		/* <c r="AB12" s="1" t="s"><v>345</v></c> */
		buf_reserve(&x->data, 40 + (size_t)nlen + (size_t)ilen);
		char *p = x->data.data + x->data.len;
		memcpy(p, "<c r=\"", 6);
		p += 6;
		for (const char *q = x->colname[c]; *q; q++)
			*p++ = *q;
		memcpy(p, num, (size_t)nlen);
		p += nlen;
		if (header) {
			memcpy(p, "\" s=\"1\" t=\"s\"><v>", 17);
			p += 17;
		} else {
			memcpy(p, "\" t=\"s\"><v>", 11);
			p += 11;
		}
		memcpy(p, idx, (size_t)ilen);
		p += ilen;
		memcpy(p, "</v></c>", 8);
		p += 8;
		*p = '\0';
		x->data.len = (size_t)(p - x->data.data);
	}
	if (refs)
		buf_puts(&x->data, "</row>");
	x->nrefs += refs;
	x->rows++;
	return 0;
}

int xlsx_out_row(struct xlsx_out *x, const char *const *cells, struct err *e)
{
	if (x->rows >= MAX_ROWS)
		return err_set(e, ERR_INPUT, "Excel の 1 シートに書ける %u 行を超えています", MAX_ROWS);
	return put_row(x, cells, 0, e);
}

/* ---- open ---------------------------------------------------------------- */

/* Excel's rules: 1–31 characters, none of []:*?/\ or controls, no ' at either end. */
static int sheet_name_ok(const char *name)
{
	size_t n = strlen(name);
	long units = utf16_units((const unsigned char *)name, n);
	if (units < 1 || units > MAX_SHEET_NAME || name[0] == '\'' || name[n - 1] == '\'')
		return 0;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || strchr("[]:*?/\\", *p))
			return 0;
	return 1;
}

/*
 * Width as Excel stores it for Calibri 11 (7-pixel digits, 5 pixels of
 * padding), which is what Excel itself writes for a width typed in.
 */
static double excel_width(double w)
{
	if (w >= 255)
		return 255; /* Excel's widest */
	if (w < 1)
		return (double)(int)((int)(w * 12 + 0.5) / 7.0 * 256) / 256;
	return (double)(int)(((int)(w * 7 + 0.5) + 5) / 7.0 * 256) / 256;
}

static void free_out(struct xlsx_out *x)
{
	for (size_t i = 0; i < x->ndone; i++) {
		free(x->done[i].name);
		free(x->done[i].colname);
		buf_free(&x->done[i].cols);
		buf_free(&x->done[i].data);
	}
	free(x->done);
	free(x->path);
	free(x->sheet_name);
	free(x->colname);
	buf_free(&x->cols);
	buf_free(&x->data);
	buf_free(&x->sst);
	intern_free(&x->strings);
	free(x);
}

static int begin_sheet(struct xlsx_out *x, const char *sheet_name, const struct xlsx_column *cols,
		       int ncols, struct err *e);

int xlsx_out_open(const char *path, const char *sheet_name, const struct xlsx_column *cols,
		  int ncols, struct xlsx_out **out, struct err *e)
{
	*out = NULL;
	if (ncols < 1 || ncols > MAX_COLS)
		return err_set(e, ERR_INTERNAL, "%s: Excel の列の数 %d は扱えません", path, ncols);
	if (!sheet_name_ok(sheet_name))
		return err_set(e, ERR_INTERNAL, "%s: ワークシート名「%s」は Excel で使えません", path,
			       sheet_name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(e, ERR_IO, "%s: Excel ファイルを作成できません: %s", path, strerror(errno));
	struct xlsx_out *x = xcalloc(1, sizeof *x);
	x->fd = fd;
	x->path = xstrdup(path);
	intern_init(&x->strings);
	int rc = begin_sheet(x, sheet_name, cols, ncols, e);
	if (rc) {
		close(x->fd);
		free_out(x);
		return rc;
	}
	*out = x;
	return 0;
}

int xlsx_out_sheet(struct xlsx_out *x, const char *sheet_name, const struct xlsx_column *cols, int ncols,
		   struct err *e)
{
	if (ncols < 1 || ncols > MAX_COLS)
		return err_set(e, ERR_INTERNAL, "%s: Excel の列の数 %d は扱えません", x->path, ncols);
	if (!sheet_name_ok(sheet_name))
		return err_set(e, ERR_INTERNAL, "%s: ワークシート名「%s」は Excel で使えません", x->path,
			       sheet_name);
	if (strcmp(sheet_name, x->sheet_name) == 0)
		return err_set(e, ERR_INTERNAL, "%s: ワークシート名「%s」が重複しています", x->path, sheet_name);
	for (size_t i = 0; i < x->ndone; i++)
		if (strcmp(sheet_name, x->done[i].name) == 0)
			return err_set(e, ERR_INTERNAL, "%s: ワークシート名「%s」が重複しています", x->path,
				       sheet_name);
	x->done = xrealloc(x->done, (x->ndone + 1) * sizeof *x->done);
	x->done[x->ndone++] = (struct xsheet){x->sheet_name, x->ncols, x->rows, x->colname, x->cols, x->data};
	x->sheet_name = NULL;
	x->colname = NULL;
	x->rows = 0;
	x->cols = (struct buf)BUF_INIT;
	x->data = (struct buf)BUF_INIT;
	return begin_sheet(x, sheet_name, cols, ncols, e);
}

/* Makes the sheet the current one and writes its header row. */
static int begin_sheet(struct xlsx_out *x, const char *sheet_name, const struct xlsx_column *cols,
		       int ncols, struct err *e)
{
	x->sheet_name = xstrdup(sheet_name);
	x->ncols = ncols;
	x->colname = xcalloc((size_t)ncols, sizeof *x->colname);
	const char **headers = xcalloc((size_t)ncols, sizeof *headers);
	int any_width = 0;
	for (int c = 0; c < ncols; c++) {
		col_name(c, x->colname[c]);
		headers[c] = cols[c].header;
		if (!(cols[c].width > 0))
			continue;
		if (!any_width++)
			buf_puts(&x->cols, "<cols>");
		buf_printf(&x->cols, "<col min=\"%d\" max=\"%d\" width=\"%.12g\" customWidth=\"1\"/>",
			   c + 1, c + 1, excel_width(cols[c].width));
	}
	if (any_width)
		buf_puts(&x->cols, "</cols>");
	int rc = put_row(x, headers, 1, e);
	free(headers);
	if (rc)
		err_prefix(e, "%s: 見出し", x->path);
	return rc;
}

/* ---- close --------------------------------------------------------------- */

/* The content types and the workbook's relationships around the sheets'
 * entries, which are written one per sheet (sheetN.xml is rIdN). */
static const char content_types_head[] =
	XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/xl/workbook.xml\" ContentType=\"" CT_PREFIX "sheet.main+xml\"/>";
static const char content_types_sheet[] =
	"<Override PartName=\"/xl/worksheets/sheet%zu.xml\" ContentType=\"" CT_PREFIX "worksheet+xml\"/>";
static const char content_types_tail[] =
	"<Override PartName=\"/xl/styles.xml\" ContentType=\"" CT_PREFIX "styles+xml\"/>"
	"<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" CT_PREFIX "sharedStrings+xml\"/>"
	"</Types>";

static const char package_rels[] =
	XML_DECL
	"<Relationships xmlns=\"" NS_PKGREL "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_DOCREL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";

static const char workbook_rels_sheet[] =
	"<Relationship Id=\"rId%zu\" Type=\"" NS_DOCREL "/worksheet\" Target=\"worksheets/sheet%zu.xml\"/>";
static const char workbook_rels_tail[] =
	"<Relationship Id=\"rId%zu\" Type=\"" NS_DOCREL "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId%zu\" Type=\"" NS_DOCREL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"</Relationships>";

/* Two cell formats: 0 the default, 1 bold (the header row). */
static const char styles[] =
	XML_DECL
	"<styleSheet xmlns=\"" NS_MAIN "\">"
	"<fonts count=\"2\">"
	"<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
	"<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
	"</fonts>"
	"<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
	"<fill><patternFill patternType=\"gray125\"/></fill></fills>"
	"<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
	"<cellXfs count=\"2\">"
	"<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
	"<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
	"</cellXfs>"
	"<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
	"</styleSheet>";

struct part {
	const char *name;
	zip_buffer_fragment_t frag[3];
	int nfrag;
	int fast; /* big: compress at the fastest level */
};

static void frag(struct part *p, const void *data, size_t len)
{
	if (len)
		p->frag[p->nfrag++] = (zip_buffer_fragment_t){(zip_uint8_t *)(uintptr_t)data, len};
}

static int zip_fail(struct xlsx_out *x, zip_error_t *ze, struct err *e)
{
	return err_set(e, ERR_IO, "%s: Excel ファイルを書き込めません（%s）", x->path,
		       zip_error_strerror(ze));
}

/* Writes the archive held in the buffer source mem to x->fd. */
static int copy_out(struct xlsx_out *x, zip_source_t *mem, struct err *e)
{
	if (zip_source_open(mem) < 0)
		return zip_fail(x, zip_source_error(mem), e);
	enum { CHUNK = 1 << 18 };
	char *chunk = xmalloc(CHUNK);
	int rc = 0;
	zip_int64_t n;
	while (!rc && (n = zip_source_read(mem, chunk, CHUNK)) != 0) {
		if (n < 0) {
			rc = zip_fail(x, zip_source_error(mem), e);
			break;
		}
		for (zip_int64_t done = 0; done < n;) {
			ssize_t w = write(x->fd, chunk + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = err_set(e, ERR_IO, "%s を書き込めません: %s", x->path, strerror(errno));
				break;
			}
			done += w;
		}
	}
	zip_source_close(mem);
	free(chunk);
	return rc;
}

/* The worksheet part of one sheet: head, its rows (not copied), tail. */
static void sheet_xml(const struct xsheet *sh, int selected, struct buf *head, struct buf *tail)
{
	const char *last = sh->colname[sh->ncols - 1];
	unsigned lastrow = sh->rows > 1 ? sh->rows : 2; /* the filter covers at least one row */
	buf_printf(head,
		   XML_DECL "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_DOCREL "\">"
		   "<dimension ref=\"A1:%s%u\"/>"
		   "<sheetViews><sheetView%s workbookViewId=\"0\">"
		   "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
		   "<selection pane=\"bottomLeft\"/></sheetView></sheetViews>"
		   "<sheetFormatPr defaultRowHeight=\"15\"/>%s<sheetData>",
		   last, sh->rows, selected ? " tabSelected=\"1\"" : "", buf_str((struct buf *)&sh->cols));
	buf_printf(tail,
		   "</sheetData><autoFilter ref=\"A1:%s%u\"/>"
		   "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
		   "</worksheet>",
		   last, lastrow);
}

/* The filter range of a sheet, as the workbook's hidden defined name wants it. */
static void filter_name(struct buf *workbook, const struct xsheet *sh, size_t index)
{
	unsigned lastrow = sh->rows > 1 ? sh->rows : 2;
	buf_printf(workbook, "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"%zu\" hidden=\"1\">'",
		   index);
	struct buf quoted = BUF_INIT; /* ' doubles inside a quoted sheet name */
	for (const char *p = sh->name; *p; p++) {
		if (*p == '\'')
			buf_putc(&quoted, '\'');
		buf_putc(&quoted, *p);
	}
	put_attr(workbook, buf_str(&quoted));
	buf_free(&quoted);
	buf_printf(workbook, "'!$A$1:$%s$%u</definedName>", sh->colname[sh->ncols - 1], lastrow);
}

enum { FIXED_PARTS = 6 }; /* the parts before the worksheets */

static int finish(struct xlsx_out *x, struct err *e)
{
	/* the finished sheets, then the current one */
	size_t n = x->ndone + 1;
	struct xsheet *sheets = xcalloc(n, sizeof *sheets);
	for (size_t i = 0; i < x->ndone; i++)
		sheets[i] = x->done[i];
	sheets[x->ndone] = (struct xsheet){x->sheet_name, x->ncols, x->rows, x->colname, x->cols, x->data};
	struct buf workbook = BUF_INIT, types = BUF_INIT, rels = BUF_INIT, sst_head = BUF_INIT;
	struct buf *heads = xcalloc(n, sizeof *heads), *tails = xcalloc(n, sizeof *tails);

	buf_puts(&workbook, XML_DECL "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_DOCREL "\">"
			    "<bookViews><workbookView/></bookViews><sheets>");
	buf_puts(&types, content_types_head);
	buf_puts(&rels, XML_DECL "<Relationships xmlns=\"" NS_PKGREL "\">");
	for (size_t i = 0; i < n; i++) {
		buf_puts(&workbook, "<sheet name=\"");
		put_attr(&workbook, sheets[i].name);
		buf_printf(&workbook, "\" sheetId=\"%zu\" r:id=\"rId%zu\"/>", i + 1, i + 1);
		buf_printf(&types, content_types_sheet, i + 1);
		buf_printf(&rels, workbook_rels_sheet, i + 1, i + 1);
		sheet_xml(&sheets[i], i == 0, &heads[i], &tails[i]);
	}
	buf_puts(&workbook, "</sheets><definedNames>");
	for (size_t i = 0; i < n; i++)
		filter_name(&workbook, &sheets[i], i);
	buf_puts(&workbook, "</definedNames></workbook>");
	buf_puts(&types, content_types_tail);
	buf_printf(&rels, workbook_rels_tail, n + 1, n + 2);
	buf_printf(&sst_head, XML_DECL "<sst xmlns=\"" NS_MAIN "\" count=\"%llu\" uniqueCount=\"%llu\">",
		   x->nrefs, x->nstrings);

	size_t nparts = FIXED_PARTS + n;
	struct part *parts = xcalloc(nparts, sizeof *parts);
	char (*names)[48] = xcalloc(n, sizeof *names);
	const char *fixed[FIXED_PARTS] = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
					  "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml"};
	for (size_t i = 0; i < FIXED_PARTS; i++)
		parts[i].name = fixed[i];
	parts[5].fast = 1;
	frag(&parts[0], types.data, types.len);
	frag(&parts[1], package_rels, sizeof package_rels - 1);
	frag(&parts[2], workbook.data, workbook.len);
	frag(&parts[3], rels.data, rels.len);
	frag(&parts[4], styles, sizeof styles - 1);
	frag(&parts[5], sst_head.data, sst_head.len);
	frag(&parts[5], x->sst.data, x->sst.len);
	frag(&parts[5], "</sst>", 6);
	for (size_t i = 0; i < n; i++) {
		struct part *p = &parts[FIXED_PARTS + i];
		snprintf(names[i], sizeof names[i], "xl/worksheets/sheet%zu.xml", i + 1);
		p->name = names[i];
		p->fast = 1;
		frag(p, heads[i].data, heads[i].len);
		frag(p, sheets[i].data.data, sheets[i].data.len);
		frag(p, tails[i].data, tails[i].len);
	}

	/* The archive is made in memory and then written to the file we opened:
	 * libzip would write a temporary file of its own and rename it. */
	int rc = 0;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_t *za = NULL;
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!mem || !(za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze))) {
		rc = zip_fail(x, &ze, e);
		if (mem)
			zip_source_free(mem);
		goto out;
	}
	zip_source_keep(mem); /* outlives zip_close, which writes into it */
	for (size_t i = 0; i < nparts && !rc; i++) {
		zip_source_t *src = zip_source_buffer_fragment(za, parts[i].frag, (zip_uint64_t)parts[i].nfrag, 0);
		zip_int64_t idx = src ? zip_file_add(za, parts[i].name, src, ZIP_FL_ENC_UTF_8) : -1;
		if (src && idx < 0)
			zip_source_free(src);
		/* a fixed date, not the clock: the same rows give the same bytes */
		if (idx >= 0 && zip_file_set_mtime(za, (zip_uint64_t)idx, XLSX_MTIME, 0) < 0)
			idx = -1;
		if (idx < 0 || (parts[i].fast && zip_set_file_compression(za, (zip_uint64_t)idx,
									ZIP_CM_DEFLATE, 1) < 0))
			rc = zip_fail(x, zip_get_error(za), e);
	}
	if (rc)
		zip_discard(za);
	else if (zip_close(za) < 0) {
		rc = zip_fail(x, zip_get_error(za), e);
		zip_discard(za);
	} else
		rc = copy_out(x, mem, e);
	zip_source_free(mem);
out:
	zip_error_fini(&ze);
	for (size_t i = 0; i < n; i++) {
		buf_free(&heads[i]);
		buf_free(&tails[i]);
	}
	free(heads);
	free(tails);
	free(parts);
	free(names);
	free(sheets);
	buf_free(&workbook);
	buf_free(&types);
	buf_free(&rels);
	buf_free(&sst_head);
	return rc;
}

int xlsx_out_close(struct xlsx_out *x, struct err *e)
{
	int rc = finish(x, e);
	if (close(x->fd) != 0 && !rc)
		rc = err_set(e, ERR_IO, "%s を書き込めません: %s", x->path, strerror(errno));
	free_out(x);
	return rc;
}

int xlsx_out_finish(struct xlsx_out *x, int rc, struct err *e)
{
	if (!rc)
		return xlsx_out_close(x, e);
	if (x) {
		struct err ignore = {0};
		xlsx_out_close(x, &ignore);
	}
	return rc;
}
