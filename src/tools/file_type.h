/*
 * file_type.h — what a file handed to `sanitize file` really is, from its
 * bytes (libmagic, then the structure: a ZIP is OOXML only with
 * [Content_Types].xml and its main part says which; a CFB container is a
 * .doc/.xls/.ppt by its streams), and whether its name's extension agrees.
 */
#ifndef MAMORI_FILE_TYPE_H
#define MAMORI_FILE_TYPE_H

#include <stddef.h>

#include "tools/ooxml_sanitize.h"
#include "util/err.h"

enum file_kind {
	FK_REFUSED,  /* a type mamori never lets through (why says which) */
	FK_OOXML,    /* .docx/.xlsx/.pptx and variants: see ooxml */
	FK_OLE,      /* .doc/.xls/.ppt: see ole_ext */
	FK_PDF,
	FK_TEXT,     /* plain text, CSV */
	FK_IMAGE,    /* PNG, JPEG, GIF */
};

struct file_type {
	enum file_kind kind;
	char *mime;                          /* libmagic's answer, malloc'd */
	const struct ooxml_main_type *ooxml; /* FK_OOXML */
	const char *ole_ext;                 /* FK_OLE: "doc", "xls", "ppt" */
	char label[64];                      /* shown in the report: "docx", "pdf", "png" … */
	char why[1100];                      /* FK_REFUSED: the reason, Japanese */
	int by_type;                         /* refused for what it is, not for being broken or encrypted */
};

/* Fills ft (free with file_type_free); -1 with e set only for a container
   too broken to tell (a refusal too). */
int file_type_detect(const unsigned char *data, size_t len, struct file_type *ft, struct err *e);
void file_type_free(struct file_type *ft);

/* 0 when name's extension is one this type may carry; else -1 with e naming
   both (extension and real type). */
int file_type_check_name(const struct file_type *ft, const char *name, struct err *e);

/* The extension of the base name of name, without the dot ("" when none;
   a leading dot, as in ".profile", starts no extension). */
const char *file_type_extension(const char *name);
/* The extension a cleaned file of this type should carry ("docx", "pdf" …). */
const char *file_type_clean_ext(const struct file_type *ft);

#endif
