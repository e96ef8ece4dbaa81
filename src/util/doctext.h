/*
 * doctext.h — the text of a document as a list of paragraphs.
 *
 * A municipality's policy arrives as plain text or Markdown (UTF-8 with or
 * without a BOM, or Shift_JIS/CP932 as Windows editors save it), as an HTML
 * page from its reiki (例規) system, or as a Word .docx.  Every reader gives
 * the same shape: one entry per paragraph (a line of a text file, a block
 * element of HTML, a w:p of Word), in UTF-8, with the text as written — the
 * gap analysis normalises for matching but quotes the original as evidence.
 *
 * Automatic list numbering (HTML <ol>/<ul>, Word's w:numPr) does not appear in
 * the text, so a paragraph records how deep in such a list it sits; the
 * splitter uses that in place of the missing "(1)" or "ア".
 */
#ifndef MAMORI_DOCTEXT_H
#define MAMORI_DOCTEXT_H

#include <stddef.h>

#include "util/err.h"

enum doc_format { DOC_TEXT, DOC_MARKDOWN, DOC_HTML, DOC_DOCX };

struct doc_para {
	char *text;     /* UTF-8, never NULL; tabs kept, line breaks as '\n' */
	long where;     /* 1-based source line (text, Markdown, HTML) or paragraph number (docx) */
	int list_level; /* 0-based depth (0–8) in an automatically numbered list; -1 outside one */
};

struct doctext {
	struct doc_para *v;
	size_t n, cap;
	enum doc_format format;
	int cp932;      /* the text file was Shift_JIS/CP932 */
};

/*
 * Reads a file.  The format follows the extension (.txt .md .html .htm
 * .docx); an unknown extension, or content that contradicts it (a ZIP where
 * text was expected), is decided by the content.  Errors (ERR_IO for a file
 * that cannot be read, ERR_INPUT for bad content: empty, not UTF-8 nor CP932,
 * a damaged .docx …) name the file and, where one is known, the line or part.
 */
int doctext_read_file(const char *path, struct doctext *out, struct err *e);
/* The same on bytes in memory; `name` is used in messages and to pick the format. */
int doctext_read_mem(const char *name, const char *data, size_t len, struct doctext *out,
		     struct err *e);
/* One reader, format chosen by the caller (the fuzz target drives each). */
int doctext_parse(const char *name, const char *data, size_t len, enum doc_format fmt,
		  struct doctext *out, struct err *e);
void doctext_free(struct doctext *d);

/* Appends a paragraph (a copy of len bytes of s); blank ones are dropped. */
void doctext_add(struct doctext *d, const char *s, size_t len, long where, int list_level);

#endif
