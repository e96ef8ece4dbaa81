/*
 * file_type.c — the real type of a file for `sanitize file`, and the
 * allow-list: OOXML documents, legacy .doc/.xls/.ppt, PDF, plain text and
 * CSV, PNG/JPEG/GIF.  Everything else is refused with the reason, because
 * what mamori cannot take apart it cannot clean: archives (a ZIP that is not
 * OOXML), programs, HTML and SVG (script), RTF (embedded objects), and every
 * type not named here.
 *
 * The structure decides before libmagic where it can, since libmagic only
 * looks at the first bytes: a ZIP is OOXML only when it holds
 * [Content_Types].xml, and its main part's content type says which kind; a
 * CFB container says by its streams whether it is Word, Excel, PowerPoint
 * or an encrypted OOXML package.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tools/file_type.h"
#include "tools/magic_type.h"
#include "tools/ole_sanitize.h"

static void refuse(struct file_type *ft, int by_type, const char *fmt, const char *arg)
{
	ft->kind = FK_REFUSED;
	ft->by_type = by_type;
	snprintf(ft->why, sizeof ft->why, fmt, arg);
}

/* Why a type outside the allow-list is refused, in words a clerk can pass on. */
static void refuse_mime(struct file_type *ft)
{
	static const struct {
		const char *prefix, *why;
	} known[] = {
		{"application/x-dosexec", "実行ファイル（%s）は受け付けません"},
		{"application/x-executable", "実行ファイル（%s）は受け付けません"},
		{"application/x-pie-executable", "実行ファイル（%s）は受け付けません"},
		{"application/x-sharedlib", "実行ファイル（%s）は受け付けません"},
		{"application/x-msi", "インストーラ（%s）は受け付けません"},
		{"text/html", "HTML（%s）はスクリプトを含められるため受け付けません"},
		{"image/svg", "SVG 画像（%s）はスクリプトを含められるため受け付けません"},
		{"text/xml", "XML（%s）は外部参照やスクリプトを含められるため受け付けません"},
		{"text/rtf", "RTF（%s）は OLE オブジェクトを埋め込めるため受け付けません"},
		{"application/rtf", "RTF（%s）は OLE オブジェクトを埋め込めるため受け付けません"},
		{"text/x-shellscript", "スクリプト（%s）は受け付けません"},
		{"application/javascript", "スクリプト（%s）は受け付けません"},
		{"text/javascript", "スクリプト（%s）は受け付けません"},
		{"application/zip", "OOXML 文書ではない ZIP（%s）は中身を確かめられないため受け付けません"},
		{"application/x-7z", "圧縮ファイル（%s）は中身を確かめられないため受け付けません"},
		{"application/x-rar", "圧縮ファイル（%s）は中身を確かめられないため受け付けません"},
		{"application/gzip", "圧縮ファイル（%s）は中身を確かめられないため受け付けません"},
		{"application/x-iso9660", "ディスクイメージ（%s）は受け付けません"},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strncmp(ft->mime, known[i].prefix, strlen(known[i].prefix)) == 0) {
			refuse(ft, 1, known[i].why, ft->mime);
			return;
		}
	refuse(ft, 1, "この形式（%s）は無害化の対象外のため受け付けません", ft->mime);
}

static int detect_zip(const unsigned char *data, size_t len, struct file_type *ft)
{
	struct err e = {0};
	const struct ooxml_main_type *t;
	int rc = ooxml_identify(data, len, &t, &e);
	if (rc == 1) {
		refuse(ft, 1, "OOXML 文書ではない ZIP（%s）は中身を確かめられないため受け付けません", ft->mime);
	} else if (rc < 0) {
		refuse(ft, 0, "%s", e.msg);
	} else {
		ft->kind = FK_OOXML;
		ft->ooxml = t;
		/* the structure is surer than libmagic, which calls a .docm a .docx */
		free(ft->mime);
		ft->mime = xstrdup(t->mime);
		snprintf(ft->label, sizeof ft->label, "%s", t->ext);
	}
	return 0;
}

static int detect_cfb(const unsigned char *data, size_t len, struct file_type *ft, struct err *e)
{
	struct ole_findings f;
	if (ole_inspect(data, len, &f, e))
		return -1;
	if (f.kind == OLE_ENCRYPTED_OOXML)
		refuse(ft, 0, "%s", "暗号化された文書は無害化できません");
	else if (f.kind == OLE_OTHER)
		refuse(ft, 1, "Word・Excel・PowerPoint の文書ではない OLE 複合文書（%s）は受け付けません", ft->mime);
	else {
		ft->kind = FK_OLE;
		ft->ole_ext = ole_kind_ext(f.kind);
		snprintf(ft->label, sizeof ft->label, "%s", ft->ole_ext);
	}
	return 0;
}

int file_type_detect(const unsigned char *data, size_t len, struct file_type *ft, struct err *e)
{
	*ft = (struct file_type){0};
	ft->mime = magic_mime_type(data, len);
	if (len >= 4 && memcmp(data, "PK\003\004", 4) == 0)
		return detect_zip(data, len, ft);
	if (cfb_is(data, len))
		return detect_cfb(data, len, ft, e);
	static const struct {
		const char *mime, *label;
		enum file_kind kind;
	} allowed[] = {
		{"application/pdf", "pdf", FK_PDF}, {"text/plain", "text", FK_TEXT},
		{"text/csv", "csv", FK_TEXT},       {"image/png", "png", FK_IMAGE},
		{"image/jpeg", "jpeg", FK_IMAGE},   {"image/gif", "gif", FK_IMAGE},
	};
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (strcmp(ft->mime, allowed[i].mime) == 0) {
			ft->kind = allowed[i].kind;
			snprintf(ft->label, sizeof ft->label, "%s", allowed[i].label);
			return 0;
		}
	refuse_mime(ft);
	return 0;
}

void file_type_free(struct file_type *ft)
{
	free(ft->mime);
	*ft = (struct file_type){0};
}

/* Extensions each kind may carry (lower case, without the dot). */
static int ext_allowed(const struct file_type *ft, const char *ext)
{
	static const char *const word[] = {"docx", "docm", "dotx", "dotm", NULL};
	static const char *const excel[] = {"xlsx", "xlsm", "xltx", "xltm", NULL};
	static const char *const ppt[] = {"pptx", "pptm", "ppsx", "ppsm", "potx", "potm", NULL};
	static const char *const doc[] = {"doc", "dot", NULL}, *const xls[] = {"xls", "xlt", NULL};
	static const char *const oppt[] = {"ppt", "pps", "pot", NULL};
	static const char *const pdf[] = {"pdf", NULL}, *const text[] = {"txt", "csv", "tsv", NULL};
	static const char *const png[] = {"png", NULL}, *const jpeg[] = {"jpg", "jpeg", NULL};
	static const char *const gif[] = {"gif", NULL};
	const char *const *list = NULL;
	switch (ft->kind) {
	case FK_OOXML:
		list = ft->ooxml->family == OOXML_WORD ? word : ft->ooxml->family == OOXML_EXCEL ? excel : ppt;
		break;
	case FK_OLE:
		list = ft->ole_ext[0] == 'd' ? doc : ft->ole_ext[0] == 'x' ? xls : oppt;
		break;
	case FK_PDF:
		list = pdf;
		break;
	case FK_TEXT:
		list = text;
		break;
	case FK_IMAGE:
		list = strcmp(ft->label, "png") == 0 ? png : strcmp(ft->label, "jpeg") == 0 ? jpeg : gif;
		break;
	case FK_REFUSED:
		return 0;
	}
	for (size_t i = 0; list && list[i]; i++)
		if (strcasecmp(ext, list[i]) == 0)
			return 1;
	return 0;
}

const char *file_type_extension(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	return dot && dot != base ? dot + 1 : "";
}

int file_type_check_name(const struct file_type *ft, const char *name, struct err *e)
{
	const char *ext = file_type_extension(name);
	if (!*ext)
		return err_set(e, ERR_INPUT, "%s: 拡張子がないため、中身（%s）と照合できません", name,
			       ft->label[0] ? ft->label : ft->mime),
		       -1;
	if (!ext_allowed(ft, ext))
		return err_set(e, ERR_INPUT, "%s: 拡張子 .%s と中身（%s、%s）が一致しません", name, ext,
			       ft->label[0] ? ft->label : "不明", ft->mime),
		       -1;
	return 0;
}

const char *file_type_clean_ext(const struct file_type *ft)
{
	switch (ft->kind) {
	case FK_OOXML:
		return ft->ooxml->clean_ext;
	case FK_OLE:
		return ft->ole_ext;
	case FK_PDF:
		return "pdf";
	default:
		return NULL;
	}
}
