/*
 * ole_sanitize.h — legacy Office documents (.doc/.xls/.ppt), which are
 * Compound File Binary (CFB, "OLE2") containers: a small reader of the
 * container, what a document holds that can act (macros, embedded objects,
 * DDE and external links, encryption), and the --ole-policy that decides
 * what `sanitize file` does with it (docs/sanitize.md).
 *
 * The reader trusts nothing in the file: every sector number, chain and size
 * is checked against the bytes actually there, chains are cut at the number
 * of sectors the file can hold (so a loop ends), and nothing is allocated
 * beyond a small multiple of the input's size.
 */
#ifndef MAMORI_OLE_SANITIZE_H
#define MAMORI_OLE_SANITIZE_H

#include <stddef.h>
#include <stdint.h>

#include "tools/sanitize_file.h"

enum cfb_type { CFB_EMPTY = 0, CFB_STORAGE = 1, CFB_STREAM = 2, CFB_ROOT = 5 };

struct cfb_entry {
	char name[128];    /* UTF-8; control characters (\x01, \x05) kept */
	int type;          /* enum cfb_type */
	uint32_t left, right, child, start;
	uint64_t size;
	long parent;       /* index of the storage holding it; -1 when not in the tree */
};

struct cfb {
	const unsigned char *data;
	size_t len;
	size_t sector_size, mini_size, mini_cutoff;
	uint32_t *fat, *minifat;
	size_t nfat, nminifat;
	struct cfb_entry *ent;
	size_t nent;
	unsigned char *ministream; /* the root entry's stream, read on first need */
	size_t ministream_len;
	int ministream_read;
};

/* 1 when the bytes start with the CFB signature. */
int cfb_is(const unsigned char *data, size_t len);
/* Reads the header, FAT, mini FAT and directory; -1 with e set on any
   inconsistency. */
int cfb_open(struct cfb *c, const unsigned char *data, size_t len, struct err *e);
void cfb_close(struct cfb *c);
/* The entry named name (ASCII case-insensitive) directly under the root, or -1. */
long cfb_find_root_child(const struct cfb *c, const char *name);
/* A stream's bytes (malloc'd). */
int cfb_read_stream(struct cfb *c, size_t idx, unsigned char **out, size_t *len, struct err *e);

/* What a legacy document is and holds. */
enum ole_kind { OLE_OTHER, OLE_DOC, OLE_XLS, OLE_PPT, OLE_ENCRYPTED_OOXML };

struct ole_findings {
	enum ole_kind kind;
	int encrypted;
	int macros;      /* VBA storages, Excel 4.0 macro sheets, PowerPoint VBA */
	int objects;     /* embedded OLE objects (ObjectPool, MBD…, Ole10Native, ExOleObjStg) */
	int links;       /* DDE fields, external workbook references */
	char why[600];   /* the findings for people: "マクロ（Macros）、…" */
};

/* Opens the container and fills f; -1 when the container is broken. */
int ole_inspect(const unsigned char *in, size_t len, struct ole_findings *f, struct err *e);
/* "doc", "xls", "ppt" or "". */
const char *ole_kind_ext(enum ole_kind k);

/*
 * The policy applied: OLE_REFUSE refuses a document with macros, embedded
 * objects, DDE or external links, and passes any other one through
 * unchanged (*ext stays NULL); OLE_CONVERT turns every one into OOXML with
 * LibreOffice and cleans the result with ooxml_sanitize (*ext is then
 * "docx", "xlsx" or "pptx").  An encrypted document is refused either way.
 */
int ole_sanitize(const unsigned char *in, size_t len, enum ole_policy policy, struct buf *out,
		 const char **ext, struct san_report *r, struct err *e);

/* LibreOffice headless conversion into OOXML (ole_sanitize_convert.c):
   soffice from $MAMORI_SOFFICE or PATH, a private profile with macros
   disabled, a time limit. */
int ole_convert(const unsigned char *in, size_t len, enum ole_kind kind, struct buf *out,
		struct err *e);

#endif
