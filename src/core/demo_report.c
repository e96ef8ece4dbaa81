/*
 * demo_report.c — 架空市's proposals for revising its policy (ポリシー改定の
 * 提案, docs/annual-report.md): one still before the committee and one it
 * declined, so that the annual report and its pages have something to show.
 */
#include <stdlib.h>

#include "core/demo.h"
#include "core/proposal.h"
#include "store/tx.h"

int demo_add_reports(struct tx *tx, const char *ciso_no, struct err *e)
{
	static const struct {
		const char *clause, *proposal, *reason, *source;
	} rows[] = {
		{"2.2.8.2", "USB メモリによる持ち出しは、暗号化機能付きの庁用媒体に限ることを明記する",
		 "自己点検で「一部実施」の回答が多く、私物媒体の使用が見られたため", "inspect"},
		{"5.2.2.2", "全職員の研修を年2回に増やす",
		 "研修の受講率は年1回で十分に高く、回数より内容の見直しを優先すべきとの意見があったため", "other"},
	};
	char *no[2] = {NULL, NULL};
	int rc = 0;
	for (size_t i = 0; !rc && i < 2; i++) {
		struct proposal_new in = {ciso_no, 0, rows[i].clause, rows[i].proposal, rows[i].reason, rows[i].source, NULL};
		rc = proposal_add(tx, &in, &no[i], e);
	}
	if (!rc)
		rc = proposal_reject(tx, no[1], ciso_no, "内容の見直しを来年度の研修計画で検討する", e);
	free(no[0]);
	free(no[1]);
	return rc;
}
