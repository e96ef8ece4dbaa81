/*
 * annual_web.h — what the 年次報告 and ポリシー改定の提案 pages and their API
 * share (docs/annual-report.md "Web"): who may open them and a proposal's
 * address (the 年度 of a request is fiscal_param.h's, a proposal as JSON
 * proposal_json.h's).
 *
 * The report lists every 課's figures, so it is for the organisation-wide
 * roles that prepare it and the committee it goes to; proposals are for
 * those who may file or decide one (proposal_may).
 */
#ifndef MAMORI_WEB_ANNUAL_WEB_H
#define MAMORI_WEB_ANNUAL_WEB_H

#include "core/proposal.h"
#include "util/json.h"
#include "web/web.h"

/* The annual report page, its downloads and its JSON. */
extern const char *const annual_web_roles_report[];
/* OSCAL results of a campaign or an audit: the report's readers and the audit lead. */
extern const char *const annual_web_roles_oscal[];
/* Recording that it was reported: annual_report_may's roles. */
extern const char *const annual_web_roles_record[];
/* Proposals: whoever may file or decide one. */
extern const char *const annual_web_roles_proposal[];

/* "/proposals/R2026-01" (the number URL-encoded) into b. */
void annual_web_proposal_href(struct buf *b, const char *no);

/*
 * The 年次報告 page of 年度 fy with status; error (or NULL) is shown above
 * the record form, whose fields keep the values of kept (or NULL).
 */
void annual_page_render(struct web_req *rq, struct web_resp *rs, int fy, int status, const char *error,
			const struct form *kept);
/* The history of what was reported to the committee for fy (page_annual_record.c). */
void annual_page_history(struct web_req *rq, struct buf *b, int fy);
/* The report's bytes in format html|pdf|xlsx|json, as `mamori report annual` writes them. */
struct annual_report;
int annual_web_bytes(const struct annual_report *r, const char *format, struct buf *out, struct err *e);
/* The Content-Type of a report format, or NULL when it is not one. */
const char *annual_web_content_type(const char *format);

#endif
