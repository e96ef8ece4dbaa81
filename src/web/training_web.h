/*
 * training_web.h — what the 研修・訓練 pages and API share (guideline 5.2;
 * docs/training.md "Web"): the 年度's label, who sees which 課's figures,
 * the permission questions put to core (training_may), and the sub-menu.
 *
 * Scope: the CISO, 副CISO, 統括, 監査統括 and the committee see every 課; a
 * 情報セキュリティ責任者 the 課 of their 部局, a 情報セキュリティ管理者 their
 * 課 (scope.h); everyone sees their own attendance ("わたしの研修").
 */
#ifndef MAMORI_WEB_TRAINING_WEB_H
#define MAMORI_WEB_TRAINING_WEB_H

#include "core/training.h"
#include "util/buf.h"
#include "web/web.h"

/* "令和8年度" for fy, into out. */
void training_web_fy_label(int fy, char *out, size_t n);
/* Whether the person sees every 課's figures. */
int training_web_sees_all(const struct web_user *u);
/* Whether the person sees the figures and the attendees of unit_id. */
int training_web_unit_visible(const struct web_user *u, long long unit_id);
/* Whether the person sees any 課's figures at all (a role with a scope). */
int training_web_sees_units(const struct web_user *u);
/* core's training_may for the signed-in person. */
int training_web_may(const struct web_req *rq, enum training_act act);
/* Whether the person may record attendance of anyone (the 統括 side or a
 * 情報セキュリティ管理者 of some 課). */
int training_web_may_record_some(const struct web_req *rq);
/* The sub-menu of the training pages; current is the active item's path. */
void training_web_menu(struct buf *b, const struct web_req *rq, int fy, const char *current);
/* A POST or API refusal from core: 422/400 for input, with e's message. */
void training_web_refused(struct web_req *rq, struct web_resp *rs, const struct err *e);

#endif
