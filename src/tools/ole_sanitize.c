/*
 * ole_sanitize.c — what a legacy .doc/.xls/.ppt holds that can act, found
 * cheaply from the container's directory and a shallow look at the main
 * stream, and the --ole-policy applied to it (docs/sanitize.md).
 *
 * Nothing here edits the binary formats: a legacy document is either passed
 * on unchanged because nothing active was found, refused, or rebuilt as
 * OOXML by LibreOffice and cleaned by ooxml_sanitize.  Finding too much is
 * safe (a refusal); the checks lean that way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/ole_sanitize.h"

#define NOSTREAM 0xFFFFFFFFu
#define PPT_MAX_RECORDS 200000 /* bounds the walk of a hostile stream */

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Appends "、what（where）" to the human-readable list of findings. */
static void note(struct ole_findings *f, const char *what, const char *where)
{
	size_t n = strlen(f->why);
	if (strstr(f->why, what) && strstr(f->why, where))
		return;
	snprintf(f->why + n, sizeof f->why - n, "%s%s（%s）", n ? "、" : "", what, where);
}

/* Storages and streams whose names say what they are, wherever they sit. */
static void scan_names(const struct cfb *c, struct ole_findings *f)
{
	static const char *const macro_names[] = {"_VBA_PROJECT_CUR", "VBA", "Macros", "_VBA_PROJECT"};
	for (size_t i = 1; i < c->nent; i++) {
		const struct cfb_entry *d = &c->ent[i];
		if (d->type != CFB_STORAGE && d->type != CFB_STREAM)
			continue;
		for (size_t k = 0; k < sizeof macro_names / sizeof macro_names[0]; k++)
			if (strcasecmp(d->name, macro_names[k]) == 0) {
				f->macros = 1;
				note(f, "マクロ", d->name);
			}
		if ((d->type == CFB_STORAGE && strcasecmp(d->name, "ObjectPool") == 0 &&
		     d->child != NOSTREAM) ||
		    (d->type == CFB_STORAGE && strncmp(d->name, "MBD", 3) == 0) ||
		    strcmp(d->name, "\001Ole10Native") == 0) {
			f->objects = 1;
			note(f, "埋め込みオブジェクト", d->name[0] == 1 ? d->name + 1 : d->name);
		}
	}
}

/* A field code that pulls content from elsewhere: 0x13 (field begin),
   optional spaces, then the keyword; in 8-bit or UTF-16LE text. */
static int field_at(const unsigned char *p, size_t n, size_t step)
{
	static const char *const words[] = {"DDEAUTO", "DDE", "INCLUDETEXT", "INCLUDEPICTURE",
					    "LINK", "IMPORT", "DATABASE"};
	size_t i = step;
	while (i + step <= n && p[i] == ' ' && (step == 1 || p[i + 1] == 0))
		i += step;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
		size_t wl = strlen(words[k]), j = 0;
		while (j < wl && i + j * step + step <= n &&
		       (p[i + j * step] & 0xDF) == (unsigned char)words[k][j] &&
		       (step == 1 || p[i + j * step + 1] == 0))
			j++;
		if (j < wl)
			continue;
		size_t after = i + wl * step;
		unsigned char next = after < n ? p[after] : ' ';
		if (!((next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z')))
			return 1;
	}
	return 0;
}

static void inspect_word(struct cfb *c, struct ole_findings *f, struct err *e)
{
	long idx = cfb_find_root_child(c, "WordDocument");
	unsigned char *s = NULL;
	size_t n = 0;
	if (idx < 0 || cfb_read_stream(c, (size_t)idx, &s, &n, e))
		return;
	if (n >= 12 && (le16(s + 0x0A) & 0x0100))
		f->encrypted = 1;
	for (size_t i = 0; i + 1 < n && !f->links; i++)
		if (s[i] == 0x13 && (field_at(s + i, n - i, 1) || (s[i + 1] == 0 && field_at(s + i, n - i, 2)))) {
			f->links = 1;
			note(f, "DDE や外部参照のフィールド", "WordDocument");
		}
	free(s);
}

/* BIFF records of the workbook globals: sheet types, encryption, and
   references to other workbooks or DDE servers. */
static void inspect_excel(struct cfb *c, struct ole_findings *f, struct err *e)
{
	long idx = cfb_find_root_child(c, "Workbook");
	if (idx < 0)
		idx = cfb_find_root_child(c, "Book");
	unsigned char *s = NULL;
	size_t n = 0;
	if (idx < 0 || cfb_read_stream(c, (size_t)idx, &s, &n, e))
		return;
	for (size_t off = 0; off + 4 <= n;) {
		unsigned type = le16(s + off), len = le16(s + off + 2);
		const unsigned char *d = s + off + 4;
		if (off + 4 + len > n)
			break;
		if (type == 0x002F) { /* FILEPASS: the rest is encrypted */
			f->encrypted = 1;
			break;
		}
		if (type == 0x0085 && len >= 6 && (d[5] == 1 || d[5] == 6)) {
			f->macros = 1;
			note(f, d[5] == 1 ? "Excel 4.0 マクロシート" : "VBA モジュールシート", "Workbook");
		}
		if (type == 0x01AE && len >= 4 && le16(d + 2) != 0x0401 && le16(d + 2) != 0x3A01) {
			f->links = 1;
			note(f, "外部ブックへの参照または DDE リンク", "Workbook");
		}
		if (type == 0x000A && off > 0) /* EOF of the globals */
			break;
		off += 4 + len;
	}
	free(s);
}

struct ppt_walk {
	struct ole_findings *f;
	size_t records;
};

/* PowerPoint keeps VBA and embedded objects inside its own record stream:
   VBAInfoContainer (0x03FF), ExOleObjStg (0x1011). */
static void ppt_records(struct ppt_walk *w, const unsigned char *p, size_t n, int depth)
{
	for (size_t off = 0; off + 8 <= n && w->records < PPT_MAX_RECORDS; w->records++) {
		unsigned ver = le16(p + off) & 0xF, type = le16(p + off + 2);
		uint32_t len = le32(p + off + 4);
		if (len > n - off - 8)
			return;
		if (type == 0x03FF) {
			w->f->macros = 1;
			note(w->f, "マクロ", "PowerPoint Document");
		} else if (type == 0x1011) {
			w->f->objects = 1;
			note(w->f, "埋め込みオブジェクト", "PowerPoint Document");
		} else if (type == 0x2F14) {
			w->f->encrypted = 1;
		} else if (ver == 0xF && depth < 16) {
			ppt_records(w, p + off + 8, len, depth + 1);
		}
		off += 8 + (size_t)len;
	}
}

static void inspect_powerpoint(struct cfb *c, struct ole_findings *f, struct err *e)
{
	if (cfb_find_root_child(c, "EncryptedSummary") >= 0)
		f->encrypted = 1;
	long idx = cfb_find_root_child(c, "PowerPoint Document");
	unsigned char *s = NULL;
	size_t n = 0;
	if (idx < 0 || cfb_read_stream(c, (size_t)idx, &s, &n, e))
		return;
	struct ppt_walk w = {f, 0};
	ppt_records(&w, s, n, 0);
	free(s);
}

int ole_inspect(const unsigned char *in, size_t len, struct ole_findings *f, struct err *e)
{
	*f = (struct ole_findings){0};
	struct cfb c;
	if (cfb_open(&c, in, len, e))
		return -1;
	if (cfb_find_root_child(&c, "EncryptedPackage") >= 0) {
		f->kind = OLE_ENCRYPTED_OOXML;
		f->encrypted = 1;
	} else if (cfb_find_root_child(&c, "WordDocument") >= 0) {
		f->kind = OLE_DOC;
	} else if (cfb_find_root_child(&c, "Workbook") >= 0 || cfb_find_root_child(&c, "Book") >= 0) {
		f->kind = OLE_XLS;
	} else if (cfb_find_root_child(&c, "PowerPoint Document") >= 0) {
		f->kind = OLE_PPT;
	}
	scan_names(&c, f);
	/* A main stream that cannot be read is a broken document: refuse it. */
	struct err se = {0};
	if (f->kind == OLE_DOC)
		inspect_word(&c, f, &se);
	else if (f->kind == OLE_XLS)
		inspect_excel(&c, f, &se);
	else if (f->kind == OLE_PPT)
		inspect_powerpoint(&c, f, &se);
	cfb_close(&c);
	if (se.code) {
		*e = se;
		return -1;
	}
	return 0;
}

const char *ole_kind_ext(enum ole_kind k)
{
	switch (k) {
	case OLE_DOC:
		return "doc";
	case OLE_XLS:
		return "xls";
	case OLE_PPT:
		return "ppt";
	default:
		return "";
	}
}

static const char *ooxml_ext(enum ole_kind k)
{
	return k == OLE_DOC ? "docx" : k == OLE_XLS ? "xlsx" : "pptx";
}

int ole_sanitize(const unsigned char *in, size_t len, enum ole_policy policy, struct buf *out,
		 const char **ext, struct san_report *r, struct err *e)
{
	struct ole_findings f;
	*ext = NULL;
	if (ole_inspect(in, len, &f, e))
		return -1;
	if (f.encrypted) {
		err_set(e, ERR_INPUT, "暗号化された文書は無害化できません");
		return -1;
	}
	if (f.kind == OLE_OTHER) {
		err_set(e, ERR_INPUT, "Word・Excel・PowerPoint の文書ではない OLE 複合文書は受け付けません");
		return -1;
	}
	int active = f.macros || f.objects || f.links;
	if (policy == OLE_REFUSE) {
		if (active) {
			err_set(e, ERR_INPUT,
				"旧形式の文書（.%s）に%sがあるため受け付けません"
				"（--ole-policy convert を指定すると OOXML に変換して無害化します）",
				ole_kind_ext(f.kind), f.why);
			return -1;
		}
		buf_append(out, in, len);
		san_report_add(&r->warnings, &r->nwarnings, "legacy_format", "",
			       "旧形式の文書（.%s）です。マクロ・埋め込みオブジェクト・外部参照は見つからなかったため、"
			       "変更せずに出力しました",
			       ole_kind_ext(f.kind));
		return 0;
	}
	struct buf converted = BUF_INIT;
	if (ole_convert(in, len, f.kind, &converted, e)) {
		buf_free(&converted);
		return -1;
	}
	int rc = ooxml_sanitize((const unsigned char *)converted.data, converted.len, out, r, e);
	buf_free(&converted);
	if (rc)
		return err_prefix(e, "LibreOffice で変換した文書"), -1;
	*ext = ooxml_ext(f.kind);
	if (f.macros)
		san_report_add(&r->removed, &r->nremoved, "macro", "", "旧形式のマクロ（%s）は変換で取り除かれました",
			       f.why);
	else if (active)
		san_report_add(&r->removed, &r->nremoved, "converted", "",
			       "旧形式の能動的な内容（%s）は変換と OOXML の無害化で取り除かれました", f.why);
	san_report_add(&r->warnings, &r->nwarnings, "converted", "",
		       "旧形式の文書（.%s）を LibreOffice で .%s に変換しました（書式が変わることがあります）",
		       ole_kind_ext(f.kind), *ext);
	return 0;
}
