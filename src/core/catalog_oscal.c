/*
 * catalog_oscal.c — the catalog as an OSCAL 1.1 catalog in JSON (see
 * catalog_oscal.h; docs/catalog.md "OSCAL export" is the mapping).
 *
 *   catalog.uuid   name-based, from a hash of every entry: OSCAL asks for a
 *                  new uuid when the document is revised, and a rerun of the
 *                  same catalog must give the same bytes
 *   metadata       title, last-modified (the guideline edition, not the
 *                  clock), version (edition + content hash), the 14 roles
 *   groups         基本方針 with one subgroup per numbered item; 対策基準
 *                  chapters with one subgroup per section (chapters 4–9)
 *   controls       one per clause, flat inside its group: props, a link to
 *                  the guideline, the statement and the self-inspection
 *                  questions as assessment parts
 *   back-matter    the guideline itself, which every control cites
 *
 * Property names of mamori's own live in MAMORI_NS; names without ns
 * (label, sort-id) are OSCAL's, and "method" is in NIST's RMF namespace as
 * in NIST's own SP 800-53 catalog.
 */
#include "core/catalog_oscal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "util/json.h"
#include "util/sha256.h"

#define MAMORI_NS "urn:mamori:oscal"
#define RMF_NS "http://csrc.nist.gov/ns/rmf"
#define UUID_PREFIX "mamori/oscal/"
#define EDITION "R2.12"
/* The edition is dated by month only (令和2年12月): the first of that month,
 * JST, stands for it, so that the output never depends on the clock. */
#define EDITION_TIME "2020-12-01T00:00:00+09:00"
#define GUIDELINE_TITLE "地方公共団体における情報セキュリティポリシーに関するガイドライン（令和2年12月版）"
#define SOURCE_UUID_NAME "resource:mic-guideline-r2.12"

/* Room for a clause id, the control and group ids made from it, and the part
 * ids made from those ("c6.2.1.3.4_asm-system_admin.obj"). */
enum { CLAUSE_ID_MAX = 24, ID_MAX = 32, PART_ID_MAX = 128 };

void catalog_oscal_control_id(const char *clause_id, char *out, size_t n)
{
	if (clause_id[0] == 'P')
		snprintf(out, n, "p%s", clause_id + 1);
	else
		snprintf(out, n, "c%s", clause_id);
}

void catalog_oscal_uuid(const char *name, char out[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[32];
	struct sha256 *s = sha256_new();
	sha256_begin(s);
	sha256_update(s, UUID_PREFIX, strlen(UUID_PREFIX));
	sha256_update(s, name, strlen(name));
	sha256_end_raw(s, h);
	sha256_free(s);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50); /* version 5: name-based */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80); /* the RFC 4122 variant */
	char *p = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[h[i] >> 4];
		*p++ = hex[h[i] & 15];
	}
	*p = '\0';
}

/* ---- checking what must become OSCAL strings ---- */

/* The next UTF-8 character of *p (advanced past it); stops at a NUL even in
 * a broken sequence, since cJSON does not check UTF-8. */
static unsigned long utf8_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	int extra = s[0] < 0x80 ? 0 : s[0] < 0xe0 ? 1 : s[0] < 0xf0 ? 2 : 3;
	unsigned long cp = extra ? (unsigned long)(s[0] & (0x3f >> extra)) : s[0];
	int i = 1;
	for (; i <= extra && (s[i] & 0xc0) == 0x80; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	*p += i;
	return cp;
}

/* JavaScript's \s, which the schema's patterns use (ajv, "u" flag): ASCII
 * blanks and Unicode spaces, the full-width 　 (U+3000) among them. */
static int js_space(unsigned long cp)
{
	return cp == 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f ||
	       cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

/* OSCAL's StringDatatype (^\S(.*\S)?$): not empty, no blank at either end,
 * and no line break, which "." does not match. */
static int oscal_string_ok(const char *s)
{
	unsigned long cp = 0;
	int first = 1;
	for (const char *p = s; *p; first = 0) {
		cp = utf8_next(&p);
		if ((first && js_space(cp)) || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
			return 0;
	}
	return !first && !js_space(cp);
}

static const cJSON *item(const struct catalog_entry *en, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(en->json, key);
}

/* The first string of en that cannot be an OSCAL property value, or NULL. */
static const char *bad_prop_value(const struct catalog_entry *en)
{
	const char *single[] = {en->id, en->ref, en->strength, en->area};
	for (size_t i = 0; i < sizeof single / sizeof single[0]; i++)
		if (!oscal_string_ok(single[i]))
			return single[i];
	static const char *const lists[] = {"conditions", "records", "terms"};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		const cJSON *x;
		cJSON_ArrayForEach(x, item(en, lists[i]))
			if (!oscal_string_ok(x->valuestring))
				return x->valuestring;
	}
	return NULL; /* role ids are vocabulary ids, checked by catalog_load */
}

/* Everything is checked before anything is written, so a failure leaves out as it was. */
static int check_entries(const struct catalog *c, struct err *e)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct catalog_entry *en = &c->v[i];
		const char *bad;
		if (strlen(en->id) > CLAUSE_ID_MAX)
			return err_set(e, ERR_INTERNAL, "組み込みカタログの条項番号 %s が長すぎて OSCAL の id にできません",
				       en->id);
		if ((bad = bad_prop_value(en)))
			return err_set(e, ERR_INTERNAL,
				       "組み込みカタログの条項 %s: 「%s」は OSCAL の property の値にできません"
				       "（空の文字列、前後の空白、改行は使えません）",
				       en->id, bad);
	}
	return 0;
}

/* SHA-256 over every entry as cJSON prints it: changes exactly when the content does. */
static void content_hash(const struct catalog *c, char hex[65])
{
	struct sha256 *s = sha256_new();
	sha256_begin(s);
	for (size_t i = 0; i < c->n; i++) {
		char *t = cJSON_PrintUnformatted(c->v[i].json);
		if (!t)
			abort(); /* out of memory: the policy of util/buf.h */
		sha256_update(s, t, strlen(t));
		sha256_update(s, "\n", 1);
		free(t);
	}
	sha256_end_hex(s, hex);
	sha256_free(s);
}

/* ---- writing ---- */

/* One export in progress. */
struct oscal {
	const struct catalog *cat;
	struct json_writer w;
	char (*top)[ID_MAX]; /* per entry: its group ("basic", "ch4") */
	char (*sub)[ID_MAX]; /* per entry: its subgroup ("basic.2", "ch4.1") or "" */
	char source_uuid[37]; /* the back-matter resource of the guideline */
};

static void prop(struct json_writer *w, const char *ns, const char *name, const char *value)
{
	jw_object_begin(w);
	jw_kv_string(w, "name", name);
	if (ns)
		jw_kv_string(w, "ns", ns);
	jw_kv_string(w, "value", value);
	jw_object_end(w);
}

/* One property per string of the array a. */
static void prop_each(struct json_writer *w, const cJSON *a, const char *name)
{
	const cJSON *x;
	cJSON_ArrayForEach(x, a)
		prop(w, MAMORI_NS, name, x->valuestring);
}

/* "b06.03", "s02.02.08.02": sorts in document order (基本方針 first), where
 * the control ids do not ("c6.1.10" sorts before "c6.1.2"). */
static void sort_id(const char *clause_id, char *out, size_t n)
{
	const char *p = clause_id + (clause_id[0] == 'P');
	size_t len = (size_t)snprintf(out, n, "%c", clause_id[0] == 'P' ? 'b' : 's');
	while (*p && len < n) {
		char *end;
		long level = strtol(p, &end, 10);
		len += (size_t)snprintf(out + len, n - len, "%s%02ld", len > 1 ? "." : "", level);
		p = *end == '.' ? end + 1 : end;
	}
}

static void write_props(struct json_writer *w, const struct catalog_entry *en)
{
	char sid[2 * ID_MAX];
	sort_id(en->id, sid, sizeof sid);
	jw_key(w, "props");
	jw_array_begin(w);
	prop(w, NULL, "label", en->ref);
	prop(w, NULL, "sort-id", sid);
	prop(w, MAMORI_NS, "clause-id", en->id);
	prop(w, MAMORI_NS, "strength", en->strength);
	prop(w, MAMORI_NS, "area", en->area);
	prop(w, MAMORI_NS, "matrix", en->matrix ? "true" : "false");
	const cJSON *roles = item(en, "roles");
	for (int m = 0; m < NMARKS; m++) /* ○ holds, △ reported, 許 permits, 承 approves */
		prop_each(w, cJSON_GetObjectItemCaseSensitive(roles, catalog_mark_key[m]),
			  catalog_mark_key[m]);
	prop_each(w, item(en, "conditions"), "condition");
	prop_each(w, item(en, "records"), "record");
	prop_each(w, item(en, "terms"), "term");
	jw_array_end(w);
}

/* The clause's place in the guideline, as OSCAL cites a source: a link to
 * the back-matter resource, its text the guideline's own numbering. */
static void write_source_link(struct json_writer *w, const char *source_uuid, const char *text)
{
	char href[40];
	snprintf(href, sizeof href, "#%s", source_uuid);
	jw_key(w, "links");
	jw_array_begin(w);
	jw_object_begin(w);
	jw_kv_string(w, "href", href);
	jw_kv_string(w, "rel", "reference");
	jw_kv_string(w, "text", text);
	jw_object_end(w);
	jw_array_end(w);
}

static const char *str_of(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key)->valuestring;
}

/* One assessment-objective per self-inspection question, tagged with the
 * role it asks (catalog_load guarantees at least one question). */
static void write_objectives(struct json_writer *w, const cJSON *qs, const char *cid)
{
	char id[PART_ID_MAX];
	int k = 0;
	const cJSON *q;
	snprintf(id, sizeof id, "%s_obj", cid);
	jw_object_begin(w);
	jw_kv_string(w, "id", id);
	jw_kv_string(w, "name", "assessment-objective");
	jw_kv_string(w, "title", "自己点検の問い");
	jw_key(w, "parts");
	jw_array_begin(w);
	cJSON_ArrayForEach(q, qs) {
		snprintf(id, sizeof id, "%s_obj.%d", cid, ++k);
		jw_object_begin(w);
		jw_kv_string(w, "id", id);
		jw_kv_string(w, "name", "assessment-objective");
		jw_key(w, "props");
		jw_array_begin(w);
		prop(w, MAMORI_NS, "role", str_of(q, "role"));
		jw_array_end(w);
		jw_kv_string(w, "prose", str_of(q, "text"));
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_object_end(w);
}

/* Was role asked by a question before q? Then its method is written already. */
static int asked_before(const cJSON *qs, const cJSON *q, const char *role)
{
	for (const cJSON *p = qs->child; p && p != q; p = p->next)
		if (strcmp(str_of(p, "role"), role) == 0)
			return 1;
	return 0;
}

/* One assessment-method per role asked: self-inspection is an interview of
 * the people in that role. */
static void write_methods(struct json_writer *w, const cJSON *qs, const char *cid)
{
	const cJSON *q;
	cJSON_ArrayForEach(q, qs) {
		const char *role = str_of(q, "role");
		if (asked_before(qs, q, role))
			continue;
		char id[PART_ID_MAX], title[256];
		snprintf(id, sizeof id, "%s_asm-%s", cid, role);
		snprintf(title, sizeof title, "自己点検：%sへの聞き取り", vocab_label(&vocab_role, role));
		jw_object_begin(w);
		jw_kv_string(w, "id", id);
		jw_kv_string(w, "name", "assessment-method");
		jw_kv_string(w, "title", title);
		jw_key(w, "props");
		jw_array_begin(w);
		prop(w, RMF_NS, "method", "INTERVIEW");
		prop(w, MAMORI_NS, "role", role);
		jw_array_end(w);
		jw_key(w, "parts");
		jw_array_begin(w);
		jw_object_begin(w);
		snprintf(id, sizeof id, "%s_asm-%s.obj", cid, role);
		jw_kv_string(w, "id", id);
		jw_kv_string(w, "name", "assessment-objects");
		jw_kv_string(w, "prose", vocab_label(&vocab_role, role));
		jw_object_end(w);
		jw_array_end(w);
		jw_object_end(w);
	}
}

static void write_parts(struct json_writer *w, const struct catalog_entry *en, const char *cid)
{
	char id[PART_ID_MAX];
	const cJSON *qs = item(en, "questions");
	snprintf(id, sizeof id, "%s_smt", cid);
	jw_key(w, "parts");
	jw_array_begin(w);
	jw_object_begin(w);
	jw_kv_string(w, "id", id);
	jw_kv_string(w, "name", "statement");
	jw_kv_string(w, "prose", en->statement);
	jw_object_end(w);
	if (cJSON_GetArraySize(qs) > 0) { /* an empty "parts" would break the schema */
		write_objectives(w, qs, cid);
		write_methods(w, qs, cid);
	}
	jw_array_end(w);
}

static void write_control(struct oscal *o, const struct catalog_entry *en)
{
	struct json_writer *w = &o->w;
	char cid[ID_MAX];
	catalog_oscal_control_id(en->id, cid, sizeof cid);
	jw_object_begin(w);
	jw_kv_string(w, "id", cid);
	jw_kv_string(w, "title", en->title);
	write_props(w, en);
	write_source_link(w, o->source_uuid, en->ref);
	write_parts(w, en, cid);
	jw_object_end(w);
}

/*
 * The groups of an entry.  top: "basic" (基本方針) or "ch<n>" (対策基準
 * chapter n).  sub: "basic.<n>" per numbered 基本方針 item, "ch<n>.<m>" per
 * section of chapters 4–9, "" where a chapter has no sections (1–3).  Group
 * ids never clash with control ids ("c…", "p…").
 */
static void group_ids(const struct catalog_entry *en, char top[ID_MAX], char sub[ID_MAX])
{
	const char *p = en->id;
	if (*p == 'P') {
		snprintf(top, ID_MAX, "basic");
		snprintf(sub, ID_MAX, "basic.%.*s", (int)strcspn(p + 1, "."), p + 1);
		return;
	}
	size_t n1 = strcspn(p, ".");
	snprintf(top, ID_MAX, "ch%.*s", (int)n1, p);
	sub[0] = '\0';
	if (en->section && p[n1] == '.')
		snprintf(sub, ID_MAX, "ch%.*s", (int)(n1 + 1 + strcspn(p + n1 + 1, ".")), p);
}

/* Is entry i the first whose group is top (and subgroup sub, unless NULL)?
 * Groups are found by first appearance, so an entry out of place in its file
 * still lands in its own group rather than in a duplicate. */
static int first_of(const struct oscal *o, size_t i, const char *top, const char *sub)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(o->top[j], top) == 0 && (!sub || strcmp(o->sub[j], sub) == 0))
			return 0;
	return 1;
}

static void group_head(struct json_writer *w, const char *id, const char *cls, const char *label,
		       const char *title)
{
	jw_kv_string(w, "id", id);
	jw_kv_string(w, "class", cls);
	jw_kv_string(w, "title", title);
	if (label) {
		jw_key(w, "props");
		jw_array_begin(w);
		prop(w, NULL, "label", label);
		jw_array_end(w);
	}
}

/* A subgroup: a numbered 基本方針 item, or a section of a 対策基準 chapter. */
static void write_subgroup(struct oscal *o, size_t first)
{
	struct json_writer *w = &o->w;
	const struct catalog_entry *en = &o->cat->v[first];
	const char *sub = o->sub[first];
	int basic = en->id[0] == 'P';
	const char *label = sub + (basic ? strlen("basic.") : strlen("ch"));
	char *title = xasprintf("%s. %s", label, basic ? en->chapter : en->section);
	jw_object_begin(w);
	group_head(w, sub, basic ? "chapter" : "section", label, title);
	free(title);
	jw_key(w, "controls");
	jw_array_begin(w);
	for (size_t i = first; i < o->cat->n; i++)
		if (strcmp(o->top[i], o->top[first]) == 0 && strcmp(o->sub[i], sub) == 0)
			write_control(o, &o->cat->v[i]);
	jw_array_end(w);
	jw_object_end(w);
}

/* A top-level group: the 基本方針, or one chapter of the 対策基準. */
static void write_group(struct oscal *o, size_t first)
{
	struct json_writer *w = &o->w;
	const struct catalog_entry *en = &o->cat->v[first];
	const char *top = o->top[first];
	int basic = en->id[0] == 'P';
	char *title = basic ? xstrdup("情報セキュリティ基本方針")
			    : xasprintf("情報セキュリティ対策基準 %s. %s", top + strlen("ch"), en->chapter);
	jw_object_begin(w);
	group_head(w, top, basic ? "basic" : "chapter", basic ? NULL : top + strlen("ch"), title);
	free(title);
	int loose = 0, grouped = 0; /* has clauses outside / inside subgroups */
	for (size_t i = first; i < o->cat->n; i++) {
		if (strcmp(o->top[i], top) != 0)
			continue;
		if (o->sub[i][0])
			grouped = 1;
		else
			loose = 1;
	}
	if (loose) { /* chapters 1–3: the clauses sit in the chapter itself */
		jw_key(w, "controls");
		jw_array_begin(w);
		for (size_t i = first; i < o->cat->n; i++)
			if (strcmp(o->top[i], top) == 0 && !o->sub[i][0])
				write_control(o, &o->cat->v[i]);
		jw_array_end(w);
	}
	if (grouped) {
		jw_key(w, "groups");
		jw_array_begin(w);
		for (size_t i = first; i < o->cat->n; i++)
			if (strcmp(o->top[i], top) == 0 && o->sub[i][0] && first_of(o, i, top, o->sub[i]))
				write_subgroup(o, i);
		jw_array_end(w);
	}
	jw_object_end(w);
}

static void write_groups(struct oscal *o)
{
	jw_key(&o->w, "groups");
	jw_array_begin(&o->w);
	for (size_t i = 0; i < o->cat->n; i++)
		if (first_of(o, i, o->top[i], NULL))
			write_group(o, i);
	jw_array_end(&o->w);
}

static void write_metadata(struct oscal *o, const char *hash)
{
	struct json_writer *w = &o->w;
	char version[64], href[40];
	/* the edition, and which revision of mamori's catalog of it */
	snprintf(version, sizeof version, "%s+%.12s", EDITION, hash);
	snprintf(href, sizeof href, "#%s", o->source_uuid);
	jw_key(w, "metadata");
	jw_object_begin(w);
	jw_kv_string(w, "title", GUIDELINE_TITLE " 条項カタログ（mamori）");
	jw_kv_string(w, "last-modified", EDITION_TIME);
	jw_kv_string(w, "version", version);
	jw_kv_string(w, "oscal-version", CATALOG_OSCAL_VERSION);
	jw_key(w, "links");
	jw_array_begin(w);
	jw_object_begin(w);
	jw_kv_string(w, "href", href);
	jw_kv_string(w, "rel", "reference");
	jw_kv_string(w, "text", GUIDELINE_TITLE);
	jw_object_end(w);
	jw_array_end(w);
	jw_key(w, "roles"); /* the contract's role ids, which the role props name */
	jw_array_begin(w);
	for (int i = 0; i < vocab_role.n; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "id", vocab_role.entries[i].id);
		jw_kv_string(w, "title", vocab_role.entries[i].label);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_kv_string(w, "remarks",
		     "各条項の title と statement は、ガイドラインの例文の要求事項を mamori が独自の言葉で"
		     "まとめたもので、ガイドラインの本文ではありません。条項番号と出典の番号は例文に従います。");
	jw_object_end(w);
}

static void write_back_matter(struct oscal *o)
{
	struct json_writer *w = &o->w;
	jw_key(w, "back-matter");
	jw_object_begin(w);
	jw_key(w, "resources");
	jw_array_begin(w);
	jw_object_begin(w);
	jw_kv_string(w, "uuid", o->source_uuid);
	jw_kv_string(w, "title", GUIDELINE_TITLE);
	jw_kv_string(w, "description",
		     "総務省が示すガイドライン。第2編の情報セキュリティポリシーの例文（基本方針と対策基準）の"
		     "条項を、このカタログの control とする。");
	jw_key(w, "props");
	jw_array_begin(w);
	prop(w, NULL, "type", "external-guidance");
	jw_array_end(w);
	jw_key(w, "citation");
	jw_object_begin(w);
	jw_kv_string(w, "text", "総務省「" GUIDELINE_TITLE "」");
	jw_object_end(w);
	jw_object_end(w);
	jw_array_end(w);
	jw_object_end(w);
}

int catalog_oscal_write(const struct catalog *c, struct buf *out, struct err *e)
{
	if (check_entries(c, e))
		return e->code;
	struct oscal o = {.cat = c};
	o.top = xcalloc(c->n ? c->n : 1, sizeof *o.top);
	o.sub = xcalloc(c->n ? c->n : 1, sizeof *o.sub);
	for (size_t i = 0; i < c->n; i++)
		group_ids(&c->v[i], o.top[i], o.sub[i]);
	char hash[65], name[80], uuid[37];
	content_hash(c, hash);
	snprintf(name, sizeof name, "catalog:%s", hash);
	catalog_oscal_uuid(name, uuid);
	catalog_oscal_uuid(SOURCE_UUID_NAME, o.source_uuid);

	jw_init(&o.w, out);
	jw_object_begin(&o.w);
	jw_key(&o.w, "catalog");
	jw_object_begin(&o.w);
	jw_kv_string(&o.w, "uuid", uuid);
	write_metadata(&o, hash);
	if (c->n) /* "groups" may not be empty */
		write_groups(&o);
	write_back_matter(&o);
	jw_object_end(&o.w);
	jw_object_end(&o.w);
	buf_putc(out, '\n');
	free(o.top);
	free(o.sub);
	return 0;
}
