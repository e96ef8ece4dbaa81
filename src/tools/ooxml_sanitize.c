/*
 * ooxml_sanitize.c — .docx/.xlsx/.pptx and their macro-enabled variants
 * cleaned of what can act (docs/sanitize.md): macros, ActiveX and form
 * controls, embedded objects, external links and data connections, DDE and
 * external-content fields and formulas, ribbon customisations, attached
 * templates.  The package is read whole into memory within fixed bounds,
 * edited, and written as a new ZIP; the input is never changed.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zip.h>

#include "tools/ole_sanitize.h"
#include "tools/ooxml_sanitize_internal.h"
#include "util/zip_read.h"

#define CT_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#define CT_DOTX "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
#define CT_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
#define CT_XLTX "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"
#define CT_PPTX "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
#define CT_PPSX "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"
#define CT_POTX "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"

static const struct ooxml_main_type main_types[] = {
	{CT_DOCX, OOXML_WORD, 0, CT_DOCX, "docx", "docx",
	 "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"application/vnd.ms-word.document.macroEnabled.main+xml", OOXML_WORD, 1, CT_DOCX, "docm", "docx",
	 "application/vnd.ms-word.document.macroEnabled.12"},
	{CT_DOTX, OOXML_WORD, 0, CT_DOTX, "dotx", "dotx",
	 "application/vnd.openxmlformats-officedocument.wordprocessingml.template"},
	{"application/vnd.ms-word.template.macroEnabledTemplate.main+xml", OOXML_WORD, 1, CT_DOTX, "dotm", "dotx",
	 "application/vnd.ms-word.template.macroEnabled.12"},
	{CT_XLSX, OOXML_EXCEL, 0, CT_XLSX, "xlsx", "xlsx",
	 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"application/vnd.ms-excel.sheet.macroEnabled.main+xml", OOXML_EXCEL, 1, CT_XLSX, "xlsm", "xlsx",
	 "application/vnd.ms-excel.sheet.macroEnabled.12"},
	{CT_XLTX, OOXML_EXCEL, 0, CT_XLTX, "xltx", "xltx",
	 "application/vnd.openxmlformats-officedocument.spreadsheetml.template"},
	{"application/vnd.ms-excel.template.macroEnabled.main+xml", OOXML_EXCEL, 1, CT_XLTX, "xltm", "xltx",
	 "application/vnd.ms-excel.template.macroEnabled.12"},
	{CT_PPTX, OOXML_POWERPOINT, 0, CT_PPTX, "pptx", "pptx",
	 "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	{"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", OOXML_POWERPOINT, 1, CT_PPTX, "pptm", "pptx",
	 "application/vnd.ms-powerpoint.presentation.macroEnabled.12"},
	{CT_PPSX, OOXML_POWERPOINT, 0, CT_PPSX, "ppsx", "ppsx",
	 "application/vnd.openxmlformats-officedocument.presentationml.slideshow"},
	{"application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml", OOXML_POWERPOINT, 1, CT_PPSX, "ppsm", "ppsx",
	 "application/vnd.ms-powerpoint.slideshow.macroEnabled.12"},
	{CT_POTX, OOXML_POWERPOINT, 0, CT_POTX, "potx", "potx",
	 "application/vnd.openxmlformats-officedocument.presentationml.template"},
	{"application/vnd.ms-powerpoint.template.macroEnabled.main+xml", OOXML_POWERPOINT, 1, CT_POTX, "potm", "potx",
	 "application/vnd.ms-powerpoint.template.macroEnabled.12"},
};

const struct ooxml_main_type *ooxml_main_type(const char *ctype)
{
	for (size_t i = 0; i < sizeof main_types / sizeof main_types[0]; i++)
		if (strcasecmp(ctype, main_types[i].ctype) == 0)
			return &main_types[i];
	return NULL;
}

/* An encrypted OOXML document is a CFB holding EncryptedPackage. */
static int refuse_not_zip(const unsigned char *in, size_t len, struct err *e)
{
	struct ole_findings f;
	struct err ignored = {0};
	if (cfb_is(in, len) && ole_inspect(in, len, &f, &ignored) == 0 && f.kind == OLE_ENCRYPTED_OOXML)
		return err_set(e, ERR_INPUT, "暗号化された文書は無害化できません"), -1;
	return 1;
}

/* Reads the package and finds its main part. */
static int open_package(struct ox_pkg *p, const unsigned char *in, size_t len)
{
	if (len < 4 || memcmp(in, "PK", 2) != 0) {
		int rc = refuse_not_zip(in, len, p->e);
		return rc < 0 ? -1 : ox_fail(p, "ZIP ではありません（OOXML ではありません）");
	}
	if (ox_read(p, in, len) || ox_load_types(p) || ox_load_rels(p) || ox_find_main(p))
		return -1;
	return 0;
}

int ooxml_identify(const unsigned char *in, size_t len, const struct ooxml_main_type **t,
		   struct err *e)
{
	*t = NULL;
	if (len < 4 || memcmp(in, "PK", 2) != 0)
		return refuse_not_zip(in, len, e);
	/* Only the two small parts are read: the whole package waits for ooxml_sanitize. */
	char why[200];
	zip_t *z = zip_open_memory(in, len, ZIP_RDONLY, why, sizeof why);
	if (!z)
		return err_set(e, ERR_INPUT, "ZIP として読めません（%s）", why), -1;
	int rc = 1;
	if (zip_name_locate(z, "[Content_Types].xml", ZIP_FL_NOCASE) >= 0) {
		/* the package code does the reading, on a copy holding just what is needed */
		struct san_report r = {0};
		struct ox_pkg p = {.r = &r, .e = e};
		rc = ox_read(&p, in, len) || ox_load_types(&p) || ox_load_rels(&p) || ox_find_main(&p) ? -1 : 0;
		if (rc == 0)
			*t = p.main_type;
		ox_free(&p);
		san_report_free(&r);
	}
	zip_discard(z);
	return rc;
}

int ooxml_sanitize(const unsigned char *in, size_t len, struct buf *out, struct san_report *r,
		   struct err *e)
{
	struct ox_pkg p = {.r = r, .e = e, .types_part = -1, .main_part = -1};
	int rc = open_package(&p, in, len);
	if (!rc)
		ox_classify(&p);
	/* the passes inside parts first: an action they remove is reported as
	   such, not as a dangling reference */
	if (!rc && p.main_type->family == OOXML_WORD)
		rc = ox_word_fields(&p);
	if (!rc && p.main_type->family == OOXML_EXCEL)
		rc = ox_excel_formulas(&p);
	if (!rc && p.main_type->family == OOXML_POWERPOINT)
		rc = ox_powerpoint_actions(&p);
	if (!rc)
		rc = ox_drop_references(&p) || ox_rewrite_rels(&p) ? -1 : 0;
	if (!rc) {
		ox_fix_types(&p);
		rc = ox_write(&p, out);
	}
	ox_free(&p);
	return rc ? -1 : 0;
}
