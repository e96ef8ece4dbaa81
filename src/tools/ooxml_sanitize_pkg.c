/*
 * ooxml_sanitize_pkg.c — an OOXML package in memory: every part read out of
 * the ZIP within the bounds (zip bombs), XML parsed without DTDs or network,
 * [Content_Types].xml understood and corrected, and a new ZIP written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <zip.h>

#include "tools/ooxml_sanitize_internal.h"
#include "util/xmlpart.h"
#include "util/zip_read.h"
#include "util/zip_why.h"

#define OX_MTIME 315532800 /* 1980-01-01: the same input gives the same bytes */

int ox_fail(struct ox_pkg *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_setv(p->e, ERR_INPUT, fmt, ap);
	va_end(ap);
	return -1;
}

void ox_removed(struct ox_pkg *p, const char *what, const char *where, const char *fmt, ...)
{
	struct buf d = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&d, fmt, ap);
	va_end(ap);
	san_report_add(&p->r->removed, &p->r->nremoved, what, where, "%s", buf_str(&d));
	buf_free(&d);
}

void ox_clip(const char *s, char out[OX_CLIP])
{
	size_t o = 0;
	for (; s[o] && o < 80; o++)
		out[o] = (s[o] == '\n' || s[o] == '\r' || s[o] == '\t') ? ' ' : s[o];
	while (o > 0 && ((unsigned char)s[o] & 0xC0) == 0x80)
		o--;
	out[o] = 0;
	if (s[o])
		memcpy(out + o, "…", sizeof "…");
}

long ox_find(const struct ox_pkg *p, const char *name)
{
	while (*name == '/')
		name++;
	for (size_t i = 0; i < p->nparts; i++)
		if (strcasecmp(p->parts[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Reads one entry whole, size and CRC checked (util/zip_read.h). */
static int read_entry(struct ox_pkg *p, zip_t *z, zip_uint64_t idx, const char *name,
		      zip_uint64_t size, unsigned char **out)
{
	zip_file_t *zf = zip_fopen_index(z, idx, 0);
	if (!zf)
		return ox_fail(p, "%s を展開できません（%s）", name, zip_why(zip_get_error(z)));
	const char *why;
	char *d = NULL;
	int rc = 0;
	if (zip_read_all(zf, size, &d, &why) != 0)
		rc = ox_fail(p, "%s を展開できません（%s）", name, why);
	else
		*out = (unsigned char *)d;
	zip_fclose(zf);
	return rc;
}

/* The checks every entry passes before a byte of it is expanded. */
static int entry_bounds(struct ox_pkg *p, const zip_stat_t *st, size_t *total)
{
	if (!(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE))
		return ox_fail(p, "%s の大きさが分かりません", st->name);
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
		return ox_fail(p, "暗号化された文書は無害化できません");
	if (st->size > OX_MAX_PART)
		return ox_fail(p, "%s が展開後 %zu MiB を超えます（ZIP 爆弾の疑い）", st->name,
			       OX_MAX_PART >> 20);
	if (st->size > ((zip_uint64_t)1 << 20) && st->size / (st->comp_size + 1) > OX_MAX_RATIO)
		return ox_fail(p, "%s の圧縮率が異常に高いため受け付けません（ZIP 爆弾の疑い）", st->name);
	*total += (size_t)st->size;
	if (*total > OX_MAX_TOTAL)
		return ox_fail(p, "展開後の合計が %zu MiB を超えます（ZIP 爆弾の疑い）", OX_MAX_TOTAL >> 20);
	return 0;
}

/* Office never writes a DTD; one in a part is an attack on some reader. */
static int has_doctype(const unsigned char *d, size_t n)
{
	for (size_t i = 0; i + 9 <= n; i++)
		if (d[i] == '<' && d[i + 1] == '!' && strncasecmp((const char *)d + i + 2, "DOCTYPE", 7) == 0)
			return 1;
	return 0;
}

static int read_entries(struct ox_pkg *p, zip_t *z)
{
	zip_int64_t n = zip_get_num_entries(z, 0);
	if (n < 0 || n > OX_MAX_ENTRIES)
		return ox_fail(p, "ZIP の項目が多すぎます（%d まで）", OX_MAX_ENTRIES);
	p->parts = xcalloc((size_t)n + 1, sizeof *p->parts);
	size_t total = 0;
	for (zip_uint64_t i = 0; i < (zip_uint64_t)n; i++) {
		zip_stat_t st;
		if (zip_stat_index(z, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
			return ox_fail(p, "ZIP の目録が壊れています（%s）", zip_why(zip_get_error(z)));
		size_t nl = strlen(st.name);
		if (nl == 0 || st.name[nl - 1] == '/')
			continue; /* a directory: OOXML has none, and nothing is lost */
		if (entry_bounds(p, &st, &total))
			return -1;
		if (ox_find(p, st.name) >= 0)
			return ox_fail(p, "同じ名前の部品が二つあります（%s）", st.name);
		struct ox_part *pt = &p->parts[p->nparts];
		if (read_entry(p, z, i, st.name, st.size, &pt->data))
			return -1;
		pt->name = xstrdup(st.name[0] == '/' ? st.name + 1 : st.name);
		pt->len = (size_t)st.size;
		pt->ctype = xstrdup("");
		p->nparts++;
		if (has_doctype(pt->data, pt->len))
			return ox_fail(p, "%s に DTD（DOCTYPE）があります", pt->name);
	}
	return 0;
}

int ox_read(struct ox_pkg *p, const unsigned char *in, size_t len)
{
	char why[200];
	zip_t *z = zip_open_memory(in, len, ZIP_RDONLY | ZIP_CHECKCONS, why, sizeof why);
	if (!z)
		return ox_fail(p, "ZIP として読めません（%s）", why);
	int rc = read_entries(p, z);
	zip_discard(z);
	return rc;
}

void ox_free(struct ox_pkg *p)
{
	for (size_t i = 0; i < p->nparts; i++) {
		free(p->parts[i].name);
		free(p->parts[i].data);
		free(p->parts[i].ctype);
		xmlFreeDoc(p->parts[i].doc);
	}
	free(p->parts);
	for (size_t i = 0; i < p->nrels; i++) {
		for (size_t k = 0; k < p->rels[i].n; k++) {
			free(p->rels[i].v[k].id);
			free(p->rels[i].v[k].type);
			free(p->rels[i].v[k].target);
		}
		free(p->rels[i].v);
	}
	free(p->rels);
}

xmlDoc *ox_doc(struct ox_pkg *p, long part)
{
	struct ox_part *pt = &p->parts[part];
	if (pt->doc)
		return pt->doc;
	if (pt->len > OX_MAX_DOM) {
		ox_fail(p, "%s が大きすぎて検査できません（%zu MiB まで）", pt->name, OX_MAX_DOM >> 20);
		return NULL;
	}
	struct xml_fault f; /* a DOCTYPE is refused there too (has_doctype should have caught it) */
	xmlDoc *doc = xml_read_nodtd((const char *)pt->data, pt->len, pt->name, &f);
	if (!doc)
		ox_fail(p, "%s の XML が壊れています（%s）", pt->name,
			f.dtd ? "DTD があります" : f.empty ? "中身がありません" : f.msg);
	pt->doc = doc;
	return doc;
}

int ox_is(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

char *ox_attr(const xmlNode *n, const char *local)
{
	return xml_attr(n, local, 0);
}

void ox_unlink(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

void ox_collect(xmlNode *n, int (*want)(const xmlNode *), int inside, xmlNode ***v, size_t *nv)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int hit = want(n);
		if (hit) {
			*v = xrealloc(*v, (*nv + 1) * sizeof **v);
			(*v)[(*nv)++] = n;
		}
		if (!hit || inside)
			ox_collect(n->children, want, inside, v, nv);
	}
}

/* ---- [Content_Types].xml ------------------------------------------------ */

/* Content types of parts mamori removes whatever refers to them. */
static int dangerous_ctype(const char *ct)
{
	static const char *const bad[] = {"vbaproject", "vbadata", "macrosheet", "activex",
					  "oleobject", "keymapcustomizations", "attachedtoolbars"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strcasestr(ct, bad[i]))
			return 1;
	return 0;
}

int ox_load_types(struct ox_pkg *p)
{
	p->types_part = ox_find(p, "[Content_Types].xml");
	if (p->types_part < 0)
		return ox_fail(p, "[Content_Types].xml がありません（OOXML ではありません）");
	xmlDoc *doc = ox_doc(p, p->types_part);
	if (!doc)
		return -1;
	xmlNode *root = xmlDocGetRootElement(doc);
	/* Defaults first, then Overrides win. */
	for (int pass = 0; pass < 2; pass++)
		for (xmlNode *n = root->children; n; n = n->next) {
			if (!ox_is(n, pass ? "Override" : "Default"))
				continue;
			char *key = ox_attr(n, pass ? "PartName" : "Extension");
			char *ct = ox_attr(n, "ContentType");
			for (size_t i = 0; key && ct && i < p->nparts; i++) {
				struct ox_part *pt = &p->parts[i];
				const char *dot = strrchr(pt->name, '.');
				const char *slash = strrchr(pt->name, '/');
				int hit = pass ? strcasecmp(key[0] == '/' ? key + 1 : key, pt->name) == 0
					       : dot && (!slash || dot > slash) && strcasecmp(dot + 1, key) == 0;
				if (hit) {
					free(pt->ctype);
					pt->ctype = xstrdup(ct);
				}
			}
			free(key);
			free(ct);
		}
	return 0;
}

/* Drops the entries of removed parts and dangerous defaults, and gives the
   main part its macro-free content type. */
void ox_fix_types(struct ox_pkg *p)
{
	xmlDoc *doc = p->parts[p->types_part].doc;
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *n = root->children, *next; n; n = next) {
		next = n->next;
		char *ct = ox_attr(n, "ContentType");
		char *name = ox_is(n, "Override") ? ox_attr(n, "PartName") : NULL;
		long part = name ? ox_find(p, name) : -1;
		if (ox_is(n, "Override") && (part < 0 || p->parts[part].removed)) {
			ox_unlink(n);
			p->parts[p->types_part].dirty = 1;
		} else if (ox_is(n, "Default") && ct && dangerous_ctype(ct)) {
			ox_unlink(n);
			p->parts[p->types_part].dirty = 1;
		} else if (part >= 0 && part == p->main_part && p->main_type->macro) {
			xmlSetProp(n, BAD_CAST "ContentType", BAD_CAST p->main_type->plain);
			p->parts[p->types_part].dirty = 1;
			san_report_add(&p->r->warnings, &p->r->nwarnings, "content_type", p->parts[part].name,
				       "マクロ有効形式（.%s）を通常の形式（.%s）に変えました", p->main_type->ext,
				       p->main_type->clean_ext);
		}
		free(ct);
		free(name);
	}
}

/* ---- writing ------------------------------------------------------------ */

static int serialise(struct ox_pkg *p, struct ox_part *pt)
{
	xmlChar *mem = NULL;
	int size = 0;
	xmlDocDumpMemoryEnc(pt->doc, &mem, &size, "UTF-8");
	if (!mem || size < 0) {
		xmlFree(mem);
		return ox_fail(p, "%s を書き出せません", pt->name);
	}
	free(pt->data);
	pt->data = xmalloc((size_t)size + 1);
	memcpy(pt->data, mem, (size_t)size);
	pt->data[size] = 0;
	pt->len = (size_t)size;
	xmlFree(mem);
	pt->dirty = 0;
	return 0;
}

static int copy_out(struct ox_pkg *p, zip_source_t *mem, struct buf *out)
{
	if (zip_source_open(mem) < 0)
		return ox_fail(p, "ZIP を書き出せません（%s）", zip_error_strerror(zip_source_error(mem)));
	char chunk[65536];
	zip_int64_t n;
	int rc = 0;
	while ((n = zip_source_read(mem, chunk, sizeof chunk)) > 0)
		buf_append(out, chunk, (size_t)n);
	if (n < 0)
		rc = ox_fail(p, "ZIP を書き出せません（%s）", zip_error_strerror(zip_source_error(mem)));
	zip_source_close(mem);
	return rc;
}

/* [Content_Types].xml first, then the kept parts in their original order,
   each deflated. */
int ox_write(struct ox_pkg *p, struct buf *out)
{
	for (size_t i = 0; i < p->nparts; i++)
		if (!p->parts[i].removed && p->parts[i].dirty && serialise(p, &p->parts[i]))
			return -1;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_t *za = NULL;
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!mem || !(za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze))) {
		if (mem)
			zip_source_free(mem);
		int rc = ox_fail(p, "ZIP を作れません（%s）", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	zip_source_keep(mem);
	int rc = 0;
	for (size_t k = 0; k <= p->nparts && !rc; k++) {
		/* k == 0 is the content types; the rest in order, skipping it */
		long i = k == 0 ? p->types_part : (long)k - 1;
		if (k > 0 && i == p->types_part)
			continue;
		struct ox_part *pt = &p->parts[i];
		if (pt->removed)
			continue;
		zip_source_t *s = zip_source_buffer(za, pt->data, pt->len, 0);
		zip_int64_t idx = s ? zip_file_add(za, pt->name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (s && idx < 0)
			zip_source_free(s);
		if (idx < 0 || zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6) < 0 ||
		    zip_file_set_mtime(za, (zip_uint64_t)idx, OX_MTIME, 0) < 0)
			rc = ox_fail(p, "ZIP に %s を書けません（%s）", pt->name,
				     zip_error_strerror(zip_get_error(za)));
	}
	if (rc) {
		zip_discard(za);
	} else if (zip_close(za) < 0) {
		rc = ox_fail(p, "ZIP を書けません（%s）", zip_error_strerror(zip_get_error(za)));
		zip_discard(za);
	} else {
		rc = copy_out(p, mem, out);
	}
	zip_source_free(mem);
	return rc;
}
