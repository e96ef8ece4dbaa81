/*
 * gap_out.h — a gap report (gap.h) as the CLI and the web print it: the
 * evidence quoted for a clause, and the JSON (contract, DESIGN.md) and CSV
 * forms.  Shared so that `mamori policy gap` and the web's ポリシー照合 give
 * the same bytes for the same file.
 */
#ifndef MAMORI_GAP_OUT_H
#define MAMORI_GAP_OUT_H

#include "core/gap.h"
#include "core/policy_split.h"
#include "util/buf.h"

/* The first n characters of s on one line (breaks and tabs as spaces), "…" when cut. */
void gap_excerpt(struct buf *b, const char *s, int n);
/* "第12条第2項(3)「情報セキュリティ管理者は…」", or "" for no passage (caller frees). */
char *gap_evidence(const struct policy_doc *doc, const struct gap_result *r);
/* The score as "0.82", clamped to 0..1. */
void gap_score_text(struct buf *b, double score);
/* 基本方針 / 対策基準 / 基本方針と対策基準 for a report's part. */
const char *gap_part_label(const char *part);

/* {"controls":[{"evidence":…,"id":…,"score":0.82,"status":…}]} and a newline. */
void gap_write_json(const struct policy_doc *doc, const struct gap_report *rep, struct buf *out);
/* Bits of gap_status for choosing rows: GAP_ALL takes every clause. */
#define GAP_BIT(status) (1 << (status))
#define GAP_ALL (GAP_BIT(GAP_COVERED) | GAP_BIT(GAP_PARTIAL) | GAP_BIT(GAP_MISSING))
/* id,status,score,title,evidence with a header row, CRLF lines; only the
 * clauses whose status is in `statuses` (GAP_BIT bits). */
void gap_write_csv(const struct policy_doc *doc, const struct gap_report *rep, int statuses,
		   struct buf *out);

/*
 * Reads a policy document from bytes (doctext_read_mem: .txt .md .html
 * .docx by name and content) and splits it into passages; `name` appears in
 * the messages.  ERR_INPUT for content that is not such a document.
 */
int gap_read_policy_mem(const char *name, const char *data, size_t len, struct policy_doc *out,
			struct err *e);

#endif
