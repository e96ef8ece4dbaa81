/*
 * fuzz_policy_split.c — libFuzzer target for the document readers
 * (util/doctext.h) and the splitter (core/policy_split.h).
 *
 * The same bytes are read as plain text, Markdown, HTML and .docx, and
 * whatever reads is split.  Besides crashes, leaks and undefined behaviour
 * it traps on broken promises: an error always has a message and leaves
 * nothing behind; every paragraph and every passage is valid UTF-8; a
 * passage's parent comes before it and is one level up; every passage has a
 * path to cite.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/policy_split.h"
#include "util/doctext.h"
#include "util/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const char *s)
{
	if (!s || !utf8_valid(s, -1))
		__builtin_trap();
}

static void check_split(const struct doctext *d)
{
	struct policy_doc p;
	struct err e = {0, ""};
	int rc = policy_split("fuzz", d, &p, &e);
	if (rc) {
		/* a document of nothing but marks ("#", "**") has no passage */
		if (rc != ERR_INPUT || !e.msg[0] || p.v || p.n)
			__builtin_trap();
		return;
	}
	for (size_t i = 0; i < p.n; i++) {
		const struct ps_node *n = &p.v[i];
		if (n->parent >= (int)i || n->parent < -1)
			__builtin_trap();
		if (n->depth != (n->parent < 0 ? 0 : p.v[n->parent].depth + 1))
			__builtin_trap();
		if (n->kind > PS_TEXT)
			__builtin_trap();
		check_utf8(n->label);
		check_utf8(n->caption);
		check_utf8(n->text);
		check_utf8(n->path);
		if (!n->path[0])
			__builtin_trap();
	}
	policy_doc_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum doc_format formats[] = {DOC_TEXT, DOC_MARKDOWN, DOC_HTML, DOC_DOCX};
	for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		struct doctext d;
		struct err e = {0, ""};
		int rc = doctext_parse("fuzz", (const char *)data, size, formats[f], &d, &e);
		if (rc) {
			if (!e.msg[0] || e.code != rc || d.v || d.n)
				__builtin_trap();
			continue;
		}
		if (d.n == 0)
			__builtin_trap();
		for (size_t i = 0; i < d.n; i++) {
			check_utf8(d.v[i].text);
			if (d.v[i].list_level < -1 || d.v[i].list_level > 8)
				__builtin_trap();
		}
		check_split(&d);
		doctext_free(&d);
	}
	/* the file-level chooser too, by name */
	struct doctext d;
	struct err e = {0, ""};
	if (doctext_read_mem("fuzz.docx", (const char *)data, size, &d, &e) == 0)
		doctext_free(&d);
	return 0;
}
