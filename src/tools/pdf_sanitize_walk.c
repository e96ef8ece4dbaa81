/*
 * pdf_sanitize_walk.c — finds and removes what can act in a PDF (see
 * pdf_sanitize_walk.h): JavaScript, actions other than a jump inside the
 * document, additional actions (/AA), embedded files, XFA forms and the
 * annotations that play or carry content (file attachments, rich media, 3D,
 * screen, movie, sound).
 *
 * The walk is an explicit stack rather than recursion: outline items and
 * page trees chain through thousands of references, and a hostile file can
 * chain millions.  Each rule looks at one dictionary; the walk then goes on
 * into whatever that dictionary still holds, so a removed subtree is never
 * visited from there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/pdf_sanitize_walk.h"
#include "util/buf.h"
#include "util/fold.h"

/* More report lines than this for one kind of item are summed up in one. */
#define NAME_LIST_MAX 50
/* Name trees deeper than this are not PDF any reader would draw. */
#define NAME_TREE_DEPTH_MAX 32
/* Name tree nodes read for the report's list of names, at most. */
#define NAME_TREE_NODES_MAX 10000
/* Object ids past this are not swept for unreferenced objects. */
#define SWEEP_MAX 131072
/* An untrusted name or address is shown cut to this many bytes. */
#define SHOWN_TEXT_MAX 200

struct work_item {
	qpdf_oh oh;
	int owner; /* id of the nearest indirect object holding it, 0 = trailer */
};

/* Object id to a non-zero value.  A hash table, not an array indexed by
   id: a file may number an object 2147483647. */
struct idmap {
	int *keys; /* 0 = empty slot (object ids start at 1) */
	int *vals;
	size_t cap, n;
};

struct walk {
	qpdf_data q;
	struct san_report *r;
	struct idmap seen;    /* visited already */
	struct idmap page_of; /* 1-based page number */
	int max_id;           /* the largest object id met */
	int root_id;
	int mark_only; /* first pass: only note what the trailer reaches */
	int hidden;    /* last pass: objects the trailer did not reach */
	struct work_item *stack;
	size_t n, cap;
};

/* ---- object id table ---- */

static size_t idmap_slot(const struct idmap *m, int id)
{
	size_t i = ((size_t)(unsigned)id * 2654435761u) & (m->cap - 1);
	while (m->keys[i] != 0 && m->keys[i] != id)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int idmap_get(const struct idmap *m, int id)
{
	if (m->cap == 0 || id <= 0)
		return 0;
	size_t i = idmap_slot(m, id);
	return m->keys[i] == id ? m->vals[i] : 0;
}

static void idmap_put(struct idmap *m, int id, int val)
{
	if (id <= 0)
		return;
	if (2 * (m->n + 1) > m->cap) {
		struct idmap bigger = {xcalloc(m->cap ? m->cap * 2 : 1024, sizeof(int)),
				       xcalloc(m->cap ? m->cap * 2 : 1024, sizeof(int)),
				       m->cap ? m->cap * 2 : 1024, 0};
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i])
				idmap_put(&bigger, m->keys[i], m->vals[i]);
		free(m->keys);
		free(m->vals);
		*m = bigger;
	}
	size_t i = idmap_slot(m, id);
	if (m->keys[i] == 0)
		m->n++;
	m->keys[i] = id;
	m->vals[i] = val;
}

static void idmap_free(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
	*m = (struct idmap){0};
}

/* ---- small helpers over the qpdf C API ---- */

static int name_is(struct walk *w, qpdf_oh oh, const char *name)
{
	return qpdf_oh_is_name_and_equals(w->q, oh, name);
}

/* The /S name of an action dictionary ("" when there is none). */
static char *action_type(struct walk *w, qpdf_oh dict)
{
	qpdf_oh s = qpdf_oh_get_key(w->q, dict, "/S");
	char *out = xstrdup(qpdf_oh_is_name(w->q, s) ? qpdf_oh_get_name(w->q, s) + 1 : "");
	qpdf_oh_release(w->q, s);
	return out;
}

/* A string from the file, safe to print: UTF-8, no control characters,
   at most SHOWN_TEXT_MAX bytes. */
static char *shown_text(struct walk *w, qpdf_oh str)
{
	if (!qpdf_oh_is_string(w->q, str))
		return xstrdup("（名前なし）");
	const char *s = qpdf_oh_get_utf8_value(w->q, str);
	if (!s)
		s = "";
	char *out = xstrndup(s, strnlen(s, SHOWN_TEXT_MAX)); /* xstrndup copies n bytes */
	utf8_trim_partial(out);
	if (!utf8_valid(out, (long)strlen(out))) {
		free(out);
		return xstrdup("（表示できない文字を含む名前）");
	}
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return out;
}

static void where_of(struct walk *w, int owner, char out[160])
{
	const char *suffix = w->hidden ? "（どこからも参照されていないオブジェクト）" : "";
	if (owner == 0)
		snprintf(out, 160, "トレーラー%s", suffix);
	else if (owner == w->root_id)
		snprintf(out, 160, "文書カタログ%s", suffix);
	else if (idmap_get(&w->page_of, owner))
		snprintf(out, 160, "%d ページ目", idmap_get(&w->page_of, owner));
	else
		snprintf(out, 160, "オブジェクト %d%s", owner, suffix);
}

#define REMOVED(w, owner, what, ...)                                               \
	do {                                                                       \
		char where_[160];                                                   \
		where_of((w), (owner), where_);                                    \
		san_report_add(&(w)->r->removed, &(w)->r->nremoved, (what), where_, \
			       __VA_ARGS__);                                       \
	} while (0)

static void push(struct walk *w, qpdf_oh oh, int owner)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->stack = xrealloc(w->stack, w->cap * sizeof *w->stack);
	}
	w->stack[w->n++] = (struct work_item){oh, owner};
}

/* Marks an object id visited; returns 1 when it already was. */
static int seen_before(struct walk *w, int id)
{
	if (id <= 0)
		return 0;
	if (idmap_get(&w->seen, id))
		return 1;
	idmap_put(&w->seen, id, 1);
	if (id > w->max_id)
		w->max_id = id;
	return 0;
}

/* The keys of a dictionary, copied (qpdf's iterator is one per document). */
static char **dict_keys(struct walk *w, qpdf_oh dict, size_t *n)
{
	char **keys = NULL;
	size_t cap = 0;
	*n = 0;
	qpdf_oh_begin_dict_key_iter(w->q, dict);
	while (qpdf_oh_dict_more_keys(w->q)) {
		const char *k = qpdf_oh_dict_next_key(w->q);
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			keys = xrealloc(keys, cap * sizeof *keys);
		}
		keys[(*n)++] = xstrdup(k ? k : "");
	}
	return keys;
}

static void keys_free(char **keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

/* ---- what counts as active ---- */

/* The only action kept: a jump to a place in this document. */
static int action_is_inert(const char *type)
{
	return strcmp(type, "GoTo") == 0;
}

/* Every action type of PDF 2.0 except GoTo.  None of these names means
   anything else as the /S of a dictionary (border styles, transitions,
   structure types, page labels and soft masks use other names). */
static int is_action_type(const char *type)
{
	static const char *const types[] = {
		"GoToR", "GoToE", "GoToDp", "Launch", "Thread", "URI", "Sound", "Movie", "Hide",
		"Named", "SubmitForm", "ResetForm", "ImportData", "SetOCGState", "Rendition",
		"Trans", "GoTo3DView", "JavaScript", "RichMediaExecute", "ECMAScript",
	};
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strcmp(type, types[i]) == 0)
			return 1;
	return 0;
}

/* The report id for a removed action of this type. */
static const char *action_what(const char *type)
{
	if (strcmp(type, "JavaScript") == 0 || strcmp(type, "ECMAScript") == 0)
		return "javascript";
	if (strcmp(type, "Launch") == 0)
		return "launch";
	if (strcmp(type, "URI") == 0)
		return "link";
	return "action";
}

/* Annotations that carry or play content; removed from /Annots whole. */
static const char *annotation_what(struct walk *w, qpdf_oh annot)
{
	static const char *const rich[] = {"/RichMedia", "/3D", "/Screen", "/Movie", "/Sound"};
	qpdf_oh sub = qpdf_oh_get_key(w->q, annot, "/Subtype");
	const char *what = NULL;
	if (name_is(w, sub, "/FileAttachment"))
		what = "embedded_file";
	for (size_t i = 0; !what && i < sizeof rich / sizeof *rich; i++)
		if (name_is(w, sub, rich[i]))
			what = "rich_media";
	qpdf_oh_release(w->q, sub);
	return what;
}

/* The name a file specification gives its file (/UF, else /F). */
static char *filespec_name(struct walk *w, qpdf_oh fs)
{
	qpdf_oh name = qpdf_oh_get_key_if_dict(w->q, fs, "/UF");
	if (!qpdf_oh_is_string(w->q, name)) {
		qpdf_oh_release(w->q, name);
		name = qpdf_oh_get_key_if_dict(w->q, fs, "/F");
	}
	char *shown = shown_text(w, name);
	qpdf_oh_release(w->q, name);
	return shown;
}

/* The detail line of a removed action: its type, and a link's address. */
static void report_action(struct walk *w, int owner, qpdf_oh action, const char *type,
			  const char *context)
{
	if (strcmp(type, "URI") == 0) {
		qpdf_oh uri = qpdf_oh_get_key(w->q, action, "/URI");
		char *shown = shown_text(w, uri);
		REMOVED(w, owner, "link", "%sのリンク（URI アクション）を削除しました: %s", context,
			shown);
		free(shown);
		qpdf_oh_release(w->q, uri);
		return;
	}
	REMOVED(w, owner, action_what(type), "%sの %s アクションを削除しました", context,
		type[0] ? type : "（種類不明）");
}

/* ---- name trees (/Names /JavaScript and /Names /EmbeddedFiles) ---- */

struct name_list {
	size_t nodes; /* visited: a tree whose /Kids loop back stops at NAME_TREE_NODES_MAX */
	size_t n;
	struct buf shown; /* the first NAME_LIST_MAX names, "、"-separated */
};

static void name_tree_collect(struct walk *w, qpdf_oh node, int depth, struct name_list *out)
{
	if (depth > NAME_TREE_DEPTH_MAX || ++out->nodes > NAME_TREE_NODES_MAX ||
	    !qpdf_oh_is_dictionary(w->q, node))
		return;
	qpdf_oh names = qpdf_oh_get_key(w->q, node, "/Names");
	int nn = qpdf_oh_is_array(w->q, names) ? qpdf_oh_get_array_n_items(w->q, names) : 0;
	for (int i = 0; i + 1 < nn; i += 2) {
		qpdf_oh name = qpdf_oh_get_array_item(w->q, names, i);
		if (out->n < NAME_LIST_MAX) {
			char *shown = shown_text(w, name);
			buf_printf(&out->shown, "%s%s", out->n ? "、" : "", shown);
			free(shown);
		}
		out->n++;
		qpdf_oh_release(w->q, name);
	}
	qpdf_oh_release(w->q, names);
	qpdf_oh kids = qpdf_oh_get_key(w->q, node, "/Kids");
	int nk = qpdf_oh_is_array(w->q, kids) ? qpdf_oh_get_array_n_items(w->q, kids) : 0;
	for (int i = 0; i < nk; i++) {
		qpdf_oh kid = qpdf_oh_get_array_item(w->q, kids, i);
		name_tree_collect(w, kid, depth + 1, out);
		qpdf_oh_release(w->q, kid);
	}
	qpdf_oh_release(w->q, kids);
}

static void remove_name_tree(struct walk *w, qpdf_oh dict, int owner, const char *key,
			     const char *what, const char *label)
{
	qpdf_oh tree = qpdf_oh_get_key(w->q, dict, key);
	if (qpdf_oh_is_dictionary(w->q, tree)) {
		struct name_list names = {0};
		name_tree_collect(w, tree, 0, &names);
		qpdf_oh_remove_key(w->q, dict, key);
		REMOVED(w, owner, what, "%s（%zu 件%s%s%s）を削除しました", label, names.n,
			names.n ? ": " : "", buf_str(&names.shown),
			names.n > NAME_LIST_MAX ? " ほか" : "");
		buf_free(&names.shown);
	}
	qpdf_oh_release(w->q, tree);
}

/* ---- the rules, one dictionary at a time ---- */

/* An action dictionary reached by an unusual path: emptied in place.  A
   tagged PDF's custom structure role that happens to carry an action's name
   is emptied too: tags do not change what is drawn, and a role name is no
   proof that a viewer will not run it. */
static void neutralise_action(struct walk *w, qpdf_oh dict, int owner)
{
	char *type = action_type(w, dict);
	if (!is_action_type(type)) {
		free(type);
		return;
	}
	report_action(w, owner, dict, type, "アクション辞書");
	size_t n;
	char **keys = dict_keys(w, dict, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], "/Type") != 0)
			qpdf_oh_remove_key(w->q, dict, keys[i]);
	keys_free(keys, n);
	free(type);
}

/* /A (annotations, outline items, form fields): only a GoTo stays. */
static void rule_action_key(struct walk *w, qpdf_oh dict, int owner)
{
	qpdf_oh a = qpdf_oh_get_key(w->q, dict, "/A");
	if (qpdf_oh_is_dictionary(w->q, a) && qpdf_oh_has_key(w->q, a, "/S")) {
		char *type = action_type(w, a);
		if (!action_is_inert(type)) {
			report_action(w, owner, a, type, "注釈・しおり");
			qpdf_oh_remove_key(w->q, dict, "/A");
		}
		free(type);
	}
	qpdf_oh_release(w->q, a);
}

/* /OpenAction: a destination (where the viewer opens) or a GoTo stays. */
static void rule_open_action(struct walk *w, qpdf_oh dict, int owner)
{
	qpdf_oh oa = qpdf_oh_get_key(w->q, dict, "/OpenAction");
	if (qpdf_oh_is_dictionary(w->q, oa)) {
		char *type = action_type(w, oa);
		if (!action_is_inert(type)) {
			REMOVED(w, owner, "open_action", "文書を開いたときに実行されるアクション（%s）を削除しました",
				type[0] ? type : "種類不明");
			qpdf_oh_remove_key(w->q, dict, "/OpenAction");
		}
		free(type);
	} else if (!qpdf_oh_is_null(w->q, oa) && !qpdf_oh_is_array(w->q, oa)) {
		REMOVED(w, owner, "open_action", "形式の不正な /OpenAction を削除しました");
		qpdf_oh_remove_key(w->q, dict, "/OpenAction");
	}
	qpdf_oh_release(w->q, oa);
}

/* A kept GoTo may chain further actions through /Next: the chain goes. */
static void rule_next_action(struct walk *w, qpdf_oh dict, int owner)
{
	qpdf_oh s = qpdf_oh_get_key(w->q, dict, "/S");
	if (name_is(w, s, "/GoTo") && qpdf_oh_has_key(w->q, dict, "/Next")) {
		REMOVED(w, owner, "action", "ジャンプの後に続けて実行されるアクション（/Next）を削除しました");
		qpdf_oh_remove_key(w->q, dict, "/Next");
	}
	qpdf_oh_release(w->q, s);
}

/* A file specification's embedded bytes (/EF, and /RF for related files). */
static void rule_embedded_file(struct walk *w, qpdf_oh dict, int owner)
{
	if (!qpdf_oh_has_key(w->q, dict, "/EF") && !qpdf_oh_has_key(w->q, dict, "/RF"))
		return;
	char *shown = filespec_name(w, dict);
	REMOVED(w, owner, "embedded_file", "埋め込みファイルを削除しました: %s", shown);
	free(shown);
	qpdf_oh_remove_key(w->q, dict, "/EF");
	qpdf_oh_remove_key(w->q, dict, "/RF");
}

static void rule_annotations(struct walk *w, qpdf_oh dict, int owner)
{
	qpdf_oh annots = qpdf_oh_get_key(w->q, dict, "/Annots");
	int n = qpdf_oh_is_array(w->q, annots) ? qpdf_oh_get_array_n_items(w->q, annots) : 0;
	for (int i = n - 1; i >= 0; i--) {
		qpdf_oh annot = qpdf_oh_get_array_item(w->q, annots, i);
		const char *what = qpdf_oh_is_dictionary(w->q, annot) ? annotation_what(w, annot)
								      : NULL;
		if (what) {
			qpdf_oh sub = qpdf_oh_get_key(w->q, annot, "/Subtype");
			qpdf_oh fs = qpdf_oh_get_key(w->q, annot, "/FS");
			char *file = qpdf_oh_is_dictionary(w->q, fs) ? filespec_name(w, fs) : NULL;
			REMOVED(w, owner, what, "%s 注釈を削除しました%s%s",
				qpdf_oh_get_name(w->q, sub) + 1, file ? ": " : "", file ? file : "");
			free(file);
			qpdf_oh_release(w->q, fs);
			qpdf_oh_release(w->q, sub);
			qpdf_oh_erase_item(w->q, annots, i);
		}
		qpdf_oh_release(w->q, annot);
	}
	qpdf_oh_release(w->q, annots);
}

static void remove_key_reported(struct walk *w, qpdf_oh dict, int owner, const char *key,
				const char *what, const char *detail)
{
	if (qpdf_oh_has_key(w->q, dict, key)) {
		qpdf_oh_remove_key(w->q, dict, key);
		REMOVED(w, owner, what, "%s", detail);
	}
}

static void sanitize_dict(struct walk *w, qpdf_oh dict, int owner)
{
	neutralise_action(w, dict, owner); /* first: an emptied action has no /JS left */
	remove_key_reported(w, dict, owner, "/AA", "additional_action",
			    "操作に応じて自動実行されるアクション（/AA）を削除しました");
	remove_key_reported(w, dict, owner, "/JS", "javascript", "JavaScript（/JS）を削除しました");
	remove_key_reported(w, dict, owner, "/XFA", "xfa", "XFA フォームを削除しました");
	rule_open_action(w, dict, owner);
	rule_action_key(w, dict, owner);
	rule_next_action(w, dict, owner);
	remove_name_tree(w, dict, owner, "/JavaScript", "javascript", "文書レベルの JavaScript");
	remove_name_tree(w, dict, owner, "/EmbeddedFiles", "embedded_file", "添付ファイル");
	rule_embedded_file(w, dict, owner);
	rule_annotations(w, dict, owner);
}

/* ---- the walk ---- */

static void push_children(struct walk *w, qpdf_oh oh, int owner)
{
	if (qpdf_oh_is_array(w->q, oh)) {
		int n = qpdf_oh_get_array_n_items(w->q, oh);
		for (int i = 0; i < n; i++)
			push(w, qpdf_oh_get_array_item(w->q, oh, i), owner);
		return;
	}
	size_t n;
	char **keys = dict_keys(w, oh, &n);
	for (size_t i = 0; i < n; i++)
		push(w, qpdf_oh_get_key(w->q, oh, keys[i]), owner);
	keys_free(keys, n);
}

static void visit(struct walk *w, qpdf_oh oh, int owner)
{
	if (qpdf_oh_is_indirect(w->q, oh)) {
		int id = qpdf_oh_get_object_id(w->q, oh);
		if (seen_before(w, id))
			return;
		owner = id;
	}
	switch (qpdf_oh_get_type_code(w->q, oh)) {
	case ot_stream: {
		qpdf_oh dict = qpdf_oh_get_dict(w->q, oh);
		if (!w->mark_only)
			sanitize_dict(w, dict, owner);
		push_children(w, dict, owner);
		qpdf_oh_release(w->q, dict);
		break;
	}
	case ot_dictionary:
		if (!w->mark_only)
			sanitize_dict(w, oh, owner);
		push_children(w, oh, owner);
		break;
	case ot_array:
		push_children(w, oh, owner);
		break;
	default:
		break;
	}
}

static void drain(struct walk *w)
{
	while (w->n > 0) {
		struct work_item it = w->stack[--w->n];
		visit(w, it.oh, it.owner);
		qpdf_oh_release(w->q, it.oh);
	}
}

/* Page numbers by object id, so the report can say "3 ページ目". */
static void map_pages(struct walk *w)
{
	int n = qpdf_get_num_pages(w->q);
	if (n <= 0) {
		if (qpdf_has_error(w->q))
			(void)qpdf_get_error(w->q); /* a broken page tree: the write decides */
		return;
	}
	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(w->q, (size_t)i);
		idmap_put(&w->page_of, qpdf_oh_get_object_id(w->q, page), i + 1);
		qpdf_oh_release(w->q, page);
	}
}

/* The highest object id worth asking for: the trailer's /Size or the
   largest id met, but never more than an eighth of the file's bytes nor
   SWEEP_MAX.  The sweep only adds to the report (qpdf never writes what
   nothing refers to), so the bound costs no safety; it keeps a forged
   /Size from costing seconds. */
static int sweep_limit(struct walk *w, qpdf_oh trailer, size_t input_len)
{
	long long size = 0;
	qpdf_oh sz = qpdf_oh_get_key(w->q, trailer, "/Size");
	if (qpdf_oh_is_integer(w->q, sz))
		size = qpdf_oh_get_int_value(w->q, sz);
	qpdf_oh_release(w->q, sz);
	if (w->max_id + 1LL > size)
		size = w->max_id + 1LL;
	long long cap = (long long)(input_len / 8);
	if (size > cap)
		size = cap;
	if (size > SWEEP_MAX)
		size = SWEEP_MAX;
	return size < 0 ? 0 : (int)size;
}

/* reachable: the first pass's marks, so what the second pass cut off is
   not reported a second time as hidden. */
static void sweep_unreachable(struct walk *w, int limit, const struct idmap *reachable)
{
	w->hidden = 1;
	for (int id = 1; id < limit; id++) {
		if (idmap_get(&w->seen, id) || idmap_get(reachable, id))
			continue;
		qpdf_oh oh = qpdf_get_object_by_id(w->q, id, 0);
		if (qpdf_has_error(w->q))
			(void)qpdf_get_error(w->q); /* an unreadable object nobody uses */
		else if (!qpdf_oh_is_null(w->q, oh)) {
			push(w, oh, id);
			drain(w);
			continue;
		}
		qpdf_oh_release(w->q, oh);
	}
	w->hidden = 0;
}

int pdf_walk_sanitize(qpdf_data q, size_t input_len, struct san_report *r)
{
	struct walk w = {.q = q, .r = r};
	qpdf_oh root = qpdf_get_root(q);
	w.root_id = qpdf_oh_get_object_id(q, root);
	qpdf_oh_release(q, root);
	map_pages(&w);
	qpdf_oh trailer = qpdf_get_trailer(q);
	w.mark_only = 1;
	push(&w, qpdf_oh_new_object(q, trailer), 0);
	drain(&w);
	struct idmap reachable = w.seen;
	int limit = sweep_limit(&w, trailer, input_len);
	w.seen = (struct idmap){0};
	w.mark_only = 0;
	push(&w, qpdf_oh_new_object(q, trailer), 0);
	drain(&w);
	int rc = qpdf_has_error(q) ? -1 : 0;
	if (rc == 0)
		sweep_unreachable(&w, limit, &reachable);
	qpdf_oh_release(q, trailer);
	idmap_free(&reachable);
	idmap_free(&w.seen);
	idmap_free(&w.page_of);
	free(w.stack);
	return rc;
}
