/*
 * ooxml_sanitize_rels.c — the relationships of a package: which parts and
 * links are active content, what is no longer reachable once they are gone,
 * and the elements that referred to them.
 *
 * A part is removed when its content type, its name or the type of a
 * relationship to it says it is code, a control, an embedded object, an
 * external link, a data connection or a ribbon customisation.  A
 * relationship is removed when it points at a removed part, or outside the
 * package for anything but a plain hyperlink (a linked image, template,
 * frame or OLE link is fetched when the document opens; a hyperlink only
 * when clicked, so it is kept and reported).  Then whatever the package's
 * root no longer reaches is removed too.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tools/ooxml_sanitize_internal.h"

#define MAX_HYPERLINK_WARNINGS 20

struct kind {
	const char *key;  /* relationship type suffix, or content-type / name fragment */
	const char *what; /* report id */
	const char *label;
};

/* By the last segment of the relationship type (lower case). */
static const struct kind rel_kinds[] = {
	{"vbaproject", "macro", "マクロ（VBA プロジェクト）"},
	{"vbaprojectsignature", "macro", "マクロの署名"},
	{"wordvbadata", "macro", "マクロのデータ"},
	{"xlmacrosheet", "macro", "Excel 4.0 マクロシート"},
	{"xlintlmacrosheet", "macro", "Excel 4.0 マクロシート"},
	{"keymapcustomizations", "macro", "キー割り当て（マクロ）"},
	{"attachedtoolbars", "macro", "ツールバー（マクロ）"},
	{"control", "activex", "ActiveX コントロール"},
	{"activexcontrolbinary", "activex", "ActiveX コントロール"},
	{"ctrlprop", "form_control", "フォームコントロール"},
	{"oleobject", "ole", "埋め込み OLE オブジェクト"},
	{"package", "ole", "埋め込まれた文書"},
	{"externallink", "external_link", "外部ブックへのリンク"},
	{"externallinkpath", "external_link", "外部ブックへのリンク"},
	{"attachedtemplate", "attached_template", "添付テンプレート"},
	{"extensibility", "custom_ui", "リボンのカスタマイズ（customUI）"},
	{"afchunk", "alt_chunk", "取り込まれた別形式の文書（altChunk）"},
	{"connections", "data_connection", "外部データ接続"},
	{"querytable", "data_connection", "外部データのクエリ"},
	{"subdocument", "external_link", "サブ文書"},
	{"frame", "external_link", "フレーム"},
	{"mailmergesource", "external_link", "差し込み印刷のデータ元"},
	{"mailmergeheadersource", "external_link", "差し込み印刷のデータ元"},
};

/* By a fragment of the content type (lower case). */
static const struct kind ctype_kinds[] = {
	{"vbaproject", "macro", "マクロ（VBA プロジェクト）"},
	{"vbadata", "macro", "マクロのデータ"},
	{"macrosheet", "macro", "Excel 4.0 マクロシート"},
	{"keymapcustomizations", "macro", "キー割り当て（マクロ）"},
	{"attachedtoolbars", "macro", "ツールバー（マクロ）"},
	{"activex", "activex", "ActiveX コントロール"},
	{"controlproperties", "form_control", "フォームコントロール"},
	{"oleobject", "ole", "埋め込み OLE オブジェクト"},
	{"externallink", "external_link", "外部ブックへのリンク"},
	{"connections+xml", "data_connection", "外部データ接続"},
	{"querytable", "data_connection", "外部データのクエリ"},
};

/* By a fragment of the part name (lower case). */
static const struct kind name_kinds[] = {
	{"vbaproject.bin", "macro", "マクロ（VBA プロジェクト）"},
	{"vbadata.xml", "macro", "マクロのデータ"},
	{"/activex/", "activex", "ActiveX コントロール"},
	{"/embeddings/", "ole", "埋め込みオブジェクト"},
	{"customui/", "custom_ui", "リボンのカスタマイズ（customUI）"},
	{"/externallinks/", "external_link", "外部ブックへのリンク"},
	{"/macrosheets/", "macro", "Excel 4.0 マクロシート"},
};

static const struct kind *match(const struct kind *v, size_t n, const char *s, int exact)
{
	for (size_t i = 0; i < n; i++)
		if (exact ? strcasecmp(s, v[i].key) == 0 : strcasestr(s, v[i].key) != NULL)
			return &v[i];
	return NULL;
}

static const char *type_suffix(const char *type)
{
	const char *slash = strrchr(type, '/');
	return slash ? slash + 1 : type;
}

/* A hyperlink kept: the web or mail.  One to a file, a share (\\server) or
   any other scheme can start a program or leak the user's Windows
   credentials when clicked, so it goes like any other external link. */
static int web_target(const char *t)
{
	return strncasecmp(t, "http://", 7) == 0 || strncasecmp(t, "https://", 8) == 0 ||
	       strncasecmp(t, "mailto:", 7) == 0;
}

static int is_hyperlink(const struct ox_rel *rel)
{
	return strcasecmp(type_suffix(rel->type), "hyperlink") == 0;
}

int ox_is_rel_ns(const xmlNs *ns)
{
	if (!ns || !ns->href)
		return 0;
	const char *h = (const char *)ns->href;
	return strcmp(h, "http://schemas.openxmlformats.org/officeDocument/2006/relationships") == 0 ||
	       strcmp(h, "http://purl.oclc.org/ooxml/officeDocument/relationships") == 0;
}

/* ---- loading ------------------------------------------------------------ */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * The part a relative or absolute target names, from the folder of its
 * source: percent escapes decoded, "." and ".." folded.  NULL when it climbs
 * out of the package.
 */
static char *resolve(const char *dir, size_t dirlen, const char *target)
{
	struct buf raw = BUF_INIT;
	if (target[0] != '/')
		buf_append(&raw, dir, dirlen);
	for (const char *t = target; *t && *t != '#'; t++) {
		if (*t == '%' && hexval(t[1]) >= 0 && hexval(t[2]) >= 0) {
			buf_putc(&raw, (char)(hexval(t[1]) * 16 + hexval(t[2])));
			t += 2;
		} else {
			buf_putc(&raw, *t);
		}
	}
	/* fold segments in place */
	char *s = raw.data ? raw.data : xstrdup("");
	size_t n = strlen(s), o = 0;
	char *out = xmalloc(n + 1);
	for (size_t i = 0; i < n;) {
		size_t seg = strcspn(s + i, "/");
		if (seg == 0 || (seg == 1 && s[i] == '.')) {
			/* empty or "." */
		} else if (seg == 2 && s[i] == '.' && s[i + 1] == '.') {
			if (o == 0) {
				free(out);
				if (!raw.data)
					free(s);
				buf_free(&raw);
				return NULL;
			}
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, s + i, seg);
			o += seg;
		}
		i += seg + (s[i + seg] == '/');
	}
	out[o] = 0;
	if (!raw.data)
		free(s);
	buf_free(&raw);
	return out;
}

/* "word/_rels/document.xml.rels" → source "word/document.xml"; package
   relationships give ""; a name that is no relationships part gives NULL. */
static char *rels_source(const char *name)
{
	size_t n = strlen(name);
	if (n < 5 || strcasecmp(name + n - 5, ".rels") != 0)
		return NULL;
	const char *r = NULL;
	for (const char *p = name; (p = strstr(p, "_rels/")) != NULL; p++)
		if (p == name || p[-1] == '/')
			r = p;
	if (!r || strchr(r + 6, '/'))
		return NULL;
	struct buf b = BUF_INIT;
	buf_append(&b, name, (size_t)(r - name));
	buf_append(&b, r + 6, n - 5 - (size_t)(r + 6 - name));
	char *s = b.data ? buf_take(&b) : xstrdup("");
	return s;
}

static int is_rels_part(const char *name)
{
	char *src = rels_source(name);
	int is = src != NULL;
	free(src);
	return is;
}

/* Two relationships with one Id make every reference to it ambiguous
   (OPC forbids it): such a package is refused. */
static int load_one(struct ox_pkg *p, struct ox_rels *rs, xmlDoc *doc, const char *src_name)
{
	const char *slash = strrchr(src_name, '/');
	size_t dirlen = slash ? (size_t)(slash - src_name) + 1 : 0;
	for (xmlNode *n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (!ox_is(n, "Relationship"))
			continue;
		char *id = ox_attr(n, "Id"), *type = ox_attr(n, "Type"), *target = ox_attr(n, "Target");
		char *mode = ox_attr(n, "TargetMode");
		if (!id || !type || !target) {
			free(id);
			free(type);
			free(target);
			free(mode);
			continue;
		}
		for (size_t k = 0; k < rs->n; k++)
			if (strcmp(rs->v[k].id, id) == 0) {
				ox_fail(p, "%s の関係 ID「%.40s」が重複しています", p->parts[rs->rels_part].name, id);
				free(id);
				free(type);
				free(target);
				free(mode);
				return -1;
			}
		rs->v = xrealloc(rs->v, (rs->n + 1) * sizeof *rs->v);
		struct ox_rel *rel = &rs->v[rs->n++];
		*rel = (struct ox_rel){id, type, target, mode && strcasecmp(mode, "External") == 0, -1, 0, NULL};
		if (!rel->external) {
			char *path = resolve(src_name, dirlen, target);
			rel->part = path ? ox_find(p, path) : -1;
			free(path);
		}
		free(mode);
	}
	return 0;
}

int ox_load_rels(struct ox_pkg *p)
{
	for (size_t i = 0; i < p->nparts; i++) {
		char *src = rels_source(p->parts[i].name);
		if (!src)
			continue;
		long source = src[0] ? ox_find(p, src) : -1;
		if (src[0] && source < 0) {
			free(src); /* relationships of nothing: unreachable, removed later */
			continue;
		}
		xmlDoc *doc = ox_doc(p, (long)i);
		if (!doc) {
			free(src);
			return -1;
		}
		p->rels = xrealloc(p->rels, (p->nrels + 1) * sizeof *p->rels);
		struct ox_rels *rs = &p->rels[p->nrels++];
		*rs = (struct ox_rels){source, (long)i, NULL, 0};
		int rc = load_one(p, rs, doc, src);
		free(src);
		if (rc)
			return -1;
	}
	return 0;
}

int ox_find_main(struct ox_pkg *p)
{
	p->main_part = -1;
	for (size_t i = 0; i < p->nrels; i++) {
		if (p->rels[i].source != -1)
			continue;
		for (size_t k = 0; k < p->rels[i].n; k++) {
			const struct ox_rel *rel = &p->rels[i].v[k];
			if (strcasecmp(type_suffix(rel->type), "officeDocument") != 0 || rel->external)
				continue;
			if (p->main_part >= 0 && rel->part != p->main_part)
				return ox_fail(p, "本体の部品が二つあります");
			p->main_part = rel->part;
		}
	}
	if (p->main_part < 0)
		return ox_fail(p, "本体の部品（officeDocument）が見つかりません");
	p->main_type = ooxml_main_type(p->parts[p->main_part].ctype);
	if (!p->main_type)
		return ox_fail(p, "対応していない OOXML の種類です（%s）", p->parts[p->main_part].ctype);
	return 0;
}

/* ---- deciding ----------------------------------------------------------- */

static void remove_part(struct ox_pkg *p, long part, const struct kind *k)
{
	struct ox_part *pt = &p->parts[part];
	if (pt->removed || part == p->main_part || part == p->types_part)
		return;
	pt->removed = 1;
	ox_removed(p, k->what, pt->name, "%sを取り除きました", k->label);
}

static int source_alive(const struct ox_pkg *p, const struct ox_rels *rs)
{
	return rs->source < 0 || !p->parts[rs->source].removed;
}

/* Parts reached from the package's relationships through kept ones. */
static void remove_unreachable(struct ox_pkg *p)
{
	unsigned char *seen = xcalloc(p->nparts + 1, 1);
	long *queue = xcalloc(p->nparts + 1, sizeof *queue);
	size_t head = 0, tail = 0;
	for (long src = -1;; src = head < tail ? queue[head++] : -2) {
		if (src == -2)
			break;
		for (size_t i = 0; i < p->nrels; i++) {
			if (p->rels[i].source != src)
				continue;
			seen[p->rels[i].rels_part] = 1;
			for (size_t k = 0; k < p->rels[i].n; k++) {
				long t = p->rels[i].v[k].part;
				if (p->rels[i].v[k].removed || t < 0 || seen[t] || p->parts[t].removed)
					continue;
				seen[t] = 1;
				queue[tail++] = t;
			}
		}
	}
	static const struct kind orphan = {"", "unreferenced_part", "どこからも参照されていない部品"};
	for (size_t i = 0; i < p->nparts; i++) {
		if (seen[i] || (long)i == p->types_part || p->parts[i].removed)
			continue;
		if (is_rels_part(p->parts[i].name)) {
			p->parts[i].removed = 1; /* relationships of a removed or missing part */
			continue;
		}
		remove_part(p, (long)i, &orphan);
	}
	free(seen);
	free(queue);
}

void ox_classify(struct ox_pkg *p)
{
	for (size_t i = 0; i < p->nparts; i++) {
		struct ox_part *pt = &p->parts[i];
		if (is_rels_part(pt->name))
			continue; /* relationships go with their source part */
		const struct kind *k = match(ctype_kinds, sizeof ctype_kinds / sizeof ctype_kinds[0], pt->ctype, 0);
		if (!k)
			k = match(name_kinds, sizeof name_kinds / sizeof name_kinds[0], pt->name, 0);
		if (!k && strncasecmp(pt->name, "customUI/", 9) == 0)
			k = &name_kinds[4];
		if (k)
			remove_part(p, (long)i, k);
	}
	size_t hyperlinks = 0;
	for (size_t i = 0; i < p->nrels; i++) {
		struct ox_rels *rs = &p->rels[i];
		const char *where = rs->source >= 0 ? p->parts[rs->source].name : "_rels/.rels";
		for (size_t k = 0; k < rs->n; k++) {
			struct ox_rel *rel = &rs->v[k];
			const struct kind *kind = match(rel_kinds, sizeof rel_kinds / sizeof rel_kinds[0],
							type_suffix(rel->type), 1);
			if (rel->external && is_hyperlink(rel) && web_target(rel->target)) {
				if (++hyperlinks <= MAX_HYPERLINK_WARNINGS && source_alive(p, rs))
					san_report_add(&p->r->warnings, &p->r->nwarnings, "hyperlink", where,
						       "外部へのハイパーリンクは残しました（クリックしない限り何も読み込みません）: %s",
						       rel->target);
				continue;
			}
			if (rel->external) {
				rel->removed = 1;
				ox_removed(p, kind ? kind->what : "external_link", where,
					   "%s（外部: %s）への参照を取り除きました",
					   kind                                           ? kind->label
					   : is_hyperlink(rel)                            ? "ウェブ以外を指すハイパーリンク"
					   : strcasecmp(type_suffix(rel->type), "image") == 0 ? "リンクされた画像"
											      : "外部の内容",
					   rel->target);
				continue;
			}
			if (kind && rel->part >= 0)
				remove_part(p, rel->part, kind);
			else if (kind && source_alive(p, rs))
				ox_removed(p, kind->what, where, "%sへの参照を取り除きました", kind->label);
			if (kind)
				rel->removed = 1;
		}
	}
	if (hyperlinks > MAX_HYPERLINK_WARNINGS)
		san_report_add(&p->r->warnings, &p->r->nwarnings, "hyperlink", "",
			       "ほかに外部へのハイパーリンクが %zu 件あります（残しました）",
			       hyperlinks - MAX_HYPERLINK_WARNINGS);
	remove_unreachable(p);
	for (size_t i = 0; i < p->nrels; i++)
		for (size_t k = 0; k < p->rels[i].n; k++) {
			struct ox_rel *rel = &p->rels[i].v[k];
			if (rel->part >= 0 && p->parts[rel->part].removed)
				rel->removed = 1;
		}
}

/* ---- editing the parts that referred to what was removed --------------- */

/* Containers that mean nothing once the last element in them is gone. */
static int prunable(const xmlNode *n)
{
	static const char *const names[] = {"oleObjects", "controls", "externalReferences", "object"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (ox_is(n, names[i]))
			return 1;
	return 0;
}

static int has_content(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !ox_is(c, "shapetype"))
			return 1;
	return 0;
}

static xmlNode *ancestor(xmlNode *n, const char *local)
{
	for (xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (ox_is(a, local))
			return a;
	return NULL;
}

/* The document element stays whatever it held. */
static int is_root(const xmlNode *n)
{
	return !n->parent || n->parent->type != XML_ELEMENT_NODE;
}

struct drop_list {
	xmlNode **v;
	size_t n;
};

static void push(struct drop_list *l, xmlNode *n)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == n)
			return;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = n;
}

/*
 * Detaches n, then any container it leaves empty; an emptied branch of
 * mc:AlternateContent takes the whole AlternateContent with it.  Nodes are
 * only detached here (into gone) and freed together at the end, because a
 * later reference may sit inside a branch already detached.
 */
static void detach_with_parents(xmlNode *n, struct drop_list *gone)
{
	xmlNode *parent = n->parent;
	xmlUnlinkNode(n);
	push(gone, n);
	while (parent && parent->type == XML_ELEMENT_NODE && !has_content(parent) && !is_root(parent)) {
		xmlNode *up = parent->parent;
		if (ox_is(parent, "Choice") || ox_is(parent, "Fallback")) {
			xmlNode *ac = up && ox_is(up, "AlternateContent") && !is_root(up) ? up : NULL;
			if (!ac)
				return;
			up = ac->parent;
			xmlUnlinkNode(ac);
			push(gone, ac);
		} else if (prunable(parent)) {
			xmlUnlinkNode(parent);
			push(gone, parent);
		} else {
			return;
		}
		parent = up;
	}
}

static int id_removed(const struct ox_rels *rs, const char *id)
{
	for (size_t k = 0; k < rs->n; k++)
		if (rs->v[k].removed && strcmp(rs->v[k].id, id) == 0)
			return 1;
	return 0;
}

/* The element to take out for a reference from n (NULL: only the attribute). */
static xmlNode *target_of(xmlNode *n, const xmlAttr *a)
{
	/* a linked picture keeps its embedded copy; a Word hyperlink keeps its text */
	if ((strcmp((const char *)a->name, "link") == 0 && ox_is(n, "blip")) || ox_is(n, "hyperlink"))
		return NULL;
	xmlNode *up = NULL;
	if (ox_is(n, "oleObj"))
		up = ancestor(n, "graphicFrame");
	else if (ox_is(n, "dataSource") || ox_is(n, "headerSource"))
		up = ancestor(n, "mailMerge");
	return up ? up : n;
}

static void collect(xmlNode *n, const struct ox_rels *rs, struct drop_list *out, int *attrs_dropped)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int take = 0;
		for (xmlAttr *a = n->properties, *next; a; a = next) {
			next = a->next;
			if (!ox_is_rel_ns(a->ns))
				continue;
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
			int hit = v && id_removed(rs, (const char *)v);
			xmlFree(v);
			if (!hit)
				continue;
			xmlNode *t = target_of(n, a);
			if (!t) {
				xmlRemoveProp(a);
				(*attrs_dropped)++;
				continue;
			}
			push(out, t);
			take = 1;
			break;
		}
		if (!take)
			collect(n->children, rs, out, attrs_dropped);
	}
}

int ox_drop_references(struct ox_pkg *p)
{
	for (size_t i = 0; i < p->nrels; i++) {
		struct ox_rels *rs = &p->rels[i];
		if (rs->source < 0 || p->parts[rs->source].removed)
			continue;
		int any = 0;
		for (size_t k = 0; k < rs->n; k++)
			any |= rs->v[k].removed;
		if (!any)
			continue;
		xmlDoc *doc = ox_doc(p, rs->source);
		if (!doc)
			return -1;
		struct drop_list drop = {0};
		int attrs = 0;
		collect(xmlDocGetRootElement(doc), rs, &drop, &attrs);
		struct drop_list gone = {0};
		for (size_t k = 0; k < drop.n; k++)
			if (drop.v[k] != xmlDocGetRootElement(doc))
				detach_with_parents(drop.v[k], &gone);
		/* free each detached tree once, from its top */
		for (size_t k = 0; k < gone.n; k++)
			if (!gone.v[k]->parent)
				xmlFreeNode(gone.v[k]);
		free(gone.v);
		if (drop.n || attrs)
			p->parts[rs->source].dirty = 1;
		free(drop.v);
	}
	return 0;
}

int ox_rewrite_rels(struct ox_pkg *p)
{
	for (size_t i = 0; i < p->nrels; i++) {
		struct ox_rels *rs = &p->rels[i];
		if (p->parts[rs->rels_part].removed)
			continue;
		xmlDoc *doc = p->parts[rs->rels_part].doc;
		for (xmlNode *n = xmlDocGetRootElement(doc)->children, *next; n; n = next) {
			next = n->next;
			char *id = ox_is(n, "Relationship") ? ox_attr(n, "Id") : NULL;
			if (id && id_removed(rs, id)) {
				ox_unlink(n);
				p->parts[rs->rels_part].dirty = 1;
			}
			free(id);
		}
	}
	return 0;
}
