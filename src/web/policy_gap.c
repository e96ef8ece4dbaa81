/*
 * policy_gap.c — running the gap analysis on an uploaded document, for the
 * ポリシー照合 page and the API (policy_page.h).  The upload is read in
 * memory and never stored.
 */
#include <string.h>
#include <strings.h>

#include "core/gap_out.h"
#include "web/policy_page.h"

/* The extensions doctext reads; the browser's Content-Type is not trusted. */
static int known_extension(const char *name)
{
	static const char *const exts[] = {".txt", ".md", ".html", ".htm", ".docx"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && strcasecmp(name + n - k, exts[i]) == 0)
			return 1;
	}
	return 0;
}

static int refuse(struct policy_gap_run *g, int status, const char *code, struct err *e,
		  const char *msg)
{
	g->status = status;
	g->code = code;
	return err_set(e, ERR_INPUT, "%s", msg);
}

static int check_upload(struct web_req *rq, struct policy_gap_run *g, struct err *e)
{
	const char *part = form_get(&rq->body, "part");
	g->file = web_upload_get(rq, "file");
	if (!g->file || (!g->file->len && !*g->file->filename))
		return refuse(g, 400, "no_file", e, "照合する例規のファイルを選んでください");
	if (!known_extension(g->file->filename))
		return refuse(g, 400, "unsupported_type", e,
			      "読めるのは .txt、.md、.html、.docx のファイルです（ファイル名の拡張子で判断します）");
	if (g->file->len > POLICY_GAP_MAX_BYTES)
		return refuse(g, 400, "too_large", e, "ファイルが大きすぎます（20 MiB まで）");
	if (part && *part && strcmp(part, "basic") != 0 && strcmp(part, "standard") != 0)
		return refuse(g, 400, "bad_part", e, "対象は基本方針（basic）か対策基準（standard）です");
	return 0;
}

int policy_gap_analyse(struct web_req *rq, struct policy_gap_run *g, struct err *e)
{
	memset(g, 0, sizeof *g);
	if (check_upload(rq, g, e))
		return e->code;
	if (gap_read_policy_mem(g->file->filename, (const char *)g->file->data, g->file->len,
				&g->doc, e)) {
		if (e->code == ERR_INPUT) {
			g->status = 422;
			g->code = "unreadable_document";
		}
		return e->code;
	}
	const char *part = form_get(&rq->body, "part");
	if (gap_analyse(&rq->shared->catalog, &g->doc, part && *part ? part : NULL, &g->rep, e)) {
		policy_doc_free(&g->doc);
		return e->code;
	}
	return 0;
}

void policy_gap_run_free(struct policy_gap_run *g)
{
	gap_report_free(&g->rep);
	policy_doc_free(&g->doc);
}
