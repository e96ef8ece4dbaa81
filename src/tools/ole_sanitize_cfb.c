/*
 * ole_sanitize_cfb.c — a bounded reader of the Compound File Binary format
 * ([MS-CFB]): header, FAT (through the DIFAT), mini FAT, directory, and
 * streams.  Only what inspection needs; nothing is ever written back.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/ole_sanitize.h"

#define ENDOFCHAIN 0xFFFFFFFEu
#define FREESECT 0xFFFFFFFFu
#define NOSTREAM 0xFFFFFFFFu
#define MAX_ENTRIES 65536u /* directory entries; real documents have dozens */

static const unsigned char signature[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

int cfb_is(const unsigned char *data, size_t len)
{
	return len >= 8 && memcmp(data, signature, 8) == 0;
}

static int broken(struct err *e, const char *why)
{
	err_set(e, ERR_INPUT, "OLE 複合文書の構造が壊れています（%s）", why);
	return -1;
}

/* Sectors the file holds after the header sector. */
static size_t sector_count(const struct cfb *c)
{
	return c->len / c->sector_size - 1;
}

static const unsigned char *sector(const struct cfb *c, uint32_t n)
{
	if ((size_t)n >= sector_count(c))
		return NULL;
	return c->data + ((size_t)n + 1) * c->sector_size;
}

/*
 * Follows a chain in table (FAT or mini FAT) from start, calling back for
 * each sector; stops at ENDOFCHAIN, fails on anything out of range and on
 * a chain longer than limit (a loop).
 */
static int walk_chain(const uint32_t *table, size_t ntable, uint32_t start, size_t limit,
		      int (*each)(void *arg, uint32_t sec), void *arg, struct err *e)
{
	size_t steps = 0;
	for (uint32_t s = start; s != ENDOFCHAIN;) {
		if ((size_t)s >= ntable || ++steps > limit)
			return broken(e, "セクタの連鎖が範囲外か循環しています");
		if (each(arg, s))
			return broken(e, "セクタがファイルの外を指しています");
		s = table[s];
	}
	return 0;
}

struct collect {
	const struct cfb *c;
	struct buf *b;
	size_t want; /* bytes still wanted; 0 = take whole sectors */
};

static int collect_sector(void *arg, uint32_t sec)
{
	struct collect *k = arg;
	const unsigned char *p = sector(k->c, sec);
	if (!p)
		return -1;
	buf_append(k->b, p, k->c->sector_size);
	return 0;
}

/* The whole chain from start (regular sectors) into b. */
static int read_chain(const struct cfb *c, uint32_t start, struct buf *b, struct err *e)
{
	struct collect k = {c, b, 0};
	return walk_chain(c->fat, c->nfat, start, sector_count(c), collect_sector, &k, e);
}

/* The FAT sector numbers: 109 in the header, the rest in the DIFAT chain. */
static int fat_sectors(const struct cfb *c, uint32_t nfatsec, uint32_t difat, uint32_t ndifat,
		       uint32_t **out, struct err *e)
{
	if ((size_t)nfatsec > sector_count(c))
		return broken(e, "FAT のセクタ数がファイルより大きい");
	uint32_t *v = xcalloc((size_t)nfatsec + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < 109 && n < nfatsec; i++)
		v[n++] = le32(c->data + 0x4C + 4 * i);
	size_t per = c->sector_size / 4 - 1;
	for (uint32_t d = difat, k = 0; n < nfatsec; k++) {
		const unsigned char *p = d == ENDOFCHAIN || k >= ndifat ? NULL : sector(c, d);
		if (!p) {
			free(v);
			return broken(e, "DIFAT が足りません");
		}
		for (size_t i = 0; i < per && n < nfatsec; i++)
			v[n++] = le32(p + 4 * i);
		d = le32(p + 4 * per);
	}
	*out = v;
	return 0;
}

static int load_fat(struct cfb *c, struct err *e)
{
	const unsigned char *h = c->data;
	uint32_t nfatsec = le32(h + 0x2C);
	uint32_t *secs = NULL;
	if (fat_sectors(c, nfatsec, le32(h + 0x44), le32(h + 0x48), &secs, e))
		return -1;
	size_t per = c->sector_size / 4;
	c->nfat = (size_t)nfatsec * per;
	c->fat = xcalloc(c->nfat + 1, sizeof *c->fat);
	for (size_t i = 0; i < nfatsec; i++) {
		const unsigned char *p = sector(c, secs[i]);
		if (!p) {
			free(secs);
			return broken(e, "FAT のセクタがファイルの外にあります");
		}
		for (size_t k = 0; k < per; k++)
			c->fat[i * per + k] = le32(p + 4 * k);
	}
	free(secs);
	return 0;
}

static int load_minifat(struct cfb *c, struct err *e)
{
	uint32_t start = le32(c->data + 0x3C);
	if (start == ENDOFCHAIN || start == FREESECT || le32(c->data + 0x40) == 0)
		return 0;
	struct buf b = BUF_INIT;
	if (read_chain(c, start, &b, e)) {
		buf_free(&b);
		return -1;
	}
	c->nminifat = b.len / 4;
	c->minifat = xcalloc(c->nminifat + 1, sizeof *c->minifat);
	for (size_t i = 0; i < c->nminifat; i++)
		c->minifat[i] = le32((const unsigned char *)b.data + 4 * i);
	buf_free(&b);
	return 0;
}

/* UTF-16LE name to UTF-8 (BMP only: surrogates become '?'). */
static void entry_name(const unsigned char *p, size_t nbytes, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i + 1 < nbytes && i < 64; i += 2) {
		unsigned u = le16(p + i);
		if (u == 0)
			break;
		if (u >= 0xD800 && u <= 0xDFFF)
			u = '?';
		if (u < 0x80 && o + 1 < cap)
			out[o++] = (char)u;
		else if (u < 0x800 && o + 2 < cap) {
			out[o++] = (char)(0xC0 | u >> 6);
			out[o++] = (char)(0x80 | (u & 0x3F));
		} else if (u >= 0x800 && o + 3 < cap) {
			out[o++] = (char)(0xE0 | u >> 12);
			out[o++] = (char)(0x80 | (u >> 6 & 0x3F));
			out[o++] = (char)(0x80 | (u & 0x3F));
		}
	}
	out[o] = '\0';
}

/* Marks each entry's parent storage by walking the red-black trees from the
   root; a visited set stops any cycle. */
static void link_parents(struct cfb *c)
{
	size_t n = c->nent;
	unsigned char *seen = xcalloc(n, 1);
	size_t *stack = xcalloc(n + 1, sizeof *stack), *owner = xcalloc(n + 1, sizeof *owner);
	size_t top = 0;
	seen[0] = 1;
	if (c->ent[0].child < n) {
		stack[top] = c->ent[0].child;
		owner[top++] = 0;
	}
	while (top > 0) {
		top--;
		size_t i = stack[top], parent = owner[top];
		if (seen[i])
			continue;
		seen[i] = 1;
		c->ent[i].parent = (long)parent;
		uint32_t next[3] = {c->ent[i].left, c->ent[i].right, c->ent[i].child};
		for (int k = 0; k < 3; k++) {
			if (next[k] >= n || seen[next[k]] || top >= n)
				continue;
			stack[top] = next[k];
			owner[top++] = k == 2 ? i : parent;
		}
	}
	free(seen);
	free(stack);
	free(owner);
}

static int load_directory(struct cfb *c, struct err *e)
{
	struct buf b = BUF_INIT;
	if (read_chain(c, le32(c->data + 0x30), &b, e)) {
		buf_free(&b);
		return -1;
	}
	size_t n = b.len / 128;
	if (n == 0 || n > MAX_ENTRIES) {
		buf_free(&b);
		return broken(e, "ディレクトリの項目数が不正です");
	}
	c->ent = xcalloc(n, sizeof *c->ent);
	c->nent = n;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)b.data + 128 * i;
		struct cfb_entry *d = &c->ent[i];
		size_t namelen = le16(p + 0x40);
		entry_name(p, namelen <= 64 ? namelen : 64, d->name, sizeof d->name);
		d->type = p[0x42];
		d->left = le32(p + 0x44);
		d->right = le32(p + 0x48);
		d->child = le32(p + 0x4C);
		d->start = le32(p + 0x74);
		d->size = le32(p + 0x78);
		if (c->sector_size == 4096)
			d->size |= (uint64_t)le32(p + 0x7C) << 32;
		d->parent = -1;
	}
	buf_free(&b);
	if (c->ent[0].type != CFB_ROOT)
		return broken(e, "ルート項目がありません");
	link_parents(c);
	return 0;
}

int cfb_open(struct cfb *c, const unsigned char *data, size_t len, struct err *e)
{
	*c = (struct cfb){.data = data, .len = len};
	if (len < 512 || !cfb_is(data, len))
		return broken(e, "ヘッダがありません");
	unsigned major = le16(data + 0x1A), shift = le16(data + 0x1E), mshift = le16(data + 0x20);
	if (!((major == 3 && shift == 9) || (major == 4 && shift == 12)) || mshift != 6)
		return broken(e, "版またはセクタの大きさが不正です");
	c->sector_size = (size_t)1 << shift;
	c->mini_size = 64;
	c->mini_cutoff = le32(data + 0x38);
	if (len < 2 * c->sector_size)
		return broken(e, "ファイルが短すぎます");
	if (load_fat(c, e) || load_minifat(c, e) || load_directory(c, e)) {
		cfb_close(c);
		return -1;
	}
	return 0;
}

void cfb_close(struct cfb *c)
{
	free(c->fat);
	free(c->minifat);
	free(c->ent);
	free(c->ministream);
	*c = (struct cfb){0};
}

long cfb_find_root_child(const struct cfb *c, const char *name)
{
	for (size_t i = 1; i < c->nent; i++)
		if (c->ent[i].parent == 0 && c->ent[i].type != CFB_EMPTY &&
		    strcasecmp(c->ent[i].name, name) == 0)
			return (long)i;
	return -1;
}

static int mini_sector(void *arg, uint32_t sec)
{
	struct collect *k = arg;
	size_t off = (size_t)sec * k->c->mini_size;
	if (off + k->c->mini_size > k->c->ministream_len)
		return -1;
	buf_append(k->b, k->c->ministream + off, k->c->mini_size);
	return 0;
}

static int load_ministream(struct cfb *c, struct err *e)
{
	if (c->ministream_read)
		return 0;
	c->ministream_read = 1;
	struct buf b = BUF_INIT;
	if (c->ent[0].start != ENDOFCHAIN && read_chain(c, c->ent[0].start, &b, e)) {
		buf_free(&b);
		return -1;
	}
	c->ministream_len = b.len < c->ent[0].size ? b.len : (size_t)c->ent[0].size;
	c->ministream = (unsigned char *)buf_take(&b);
	return 0;
}

int cfb_read_stream(struct cfb *c, size_t idx, unsigned char **out, size_t *len, struct err *e)
{
	*out = NULL;
	*len = 0;
	if (idx >= c->nent || c->ent[idx].type != CFB_STREAM)
		return broken(e, "ストリームではありません");
	const struct cfb_entry *d = &c->ent[idx];
	if (d->size > c->len)
		return broken(e, "ストリームの大きさがファイルより大きい");
	if (d->size == 0) {
		*out = xcalloc(1, 1);
		return 0;
	}
	struct buf b = BUF_INIT;
	int rc;
	if (d->size < c->mini_cutoff) {
		struct collect k = {c, &b, 0};
		rc = load_ministream(c, e);
		if (!rc)
			rc = walk_chain(c->minifat, c->nminifat, d->start,
					c->ministream_len / c->mini_size + 1, mini_sector, &k, e);
	} else {
		rc = read_chain(c, d->start, &b, e);
	}
	if (!rc && b.len < d->size)
		rc = broken(e, "ストリームが途中で切れています");
	if (rc) {
		buf_free(&b);
		return -1;
	}
	*len = (size_t)d->size;
	*out = (unsigned char *)buf_take(&b);
	if (!*out)
		*out = xcalloc(1, 1);
	return 0;
}
