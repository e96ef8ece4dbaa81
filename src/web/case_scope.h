/*
 * case_scope.h — who sees which 例外措置 and which violation on the pages
 * and in the API (docs/web.md 「例外措置」「違反」).
 *
 * Exceptions: the organisation-wide roles (CISO, 副CISO, 統括, 監査統括)
 * see the whole register; a 情報セキュリティ責任者/管理者 those of the
 * units they cover; a 情報システム管理者 those of their system; everyone
 * the ones they asked for themselves.
 *
 * Violations are personnel matters: the organisation-wide roles see all, a
 * 情報セキュリティ責任者/管理者 those of the people in the units they
 * cover, and nobody else, not even the person concerned (their manager
 * tells them; the record also names who reported them).
 */
#ifndef MAMORI_WEB_CASE_SCOPE_H
#define MAMORI_WEB_CASE_SCOPE_H

#include "core/exception.h"
#include "core/violation.h"
#include "web/web.h"

/* CISO, 副CISO, 統括 or 監査統括: every exception and every violation. */
int case_scope_sees_all(const struct web_user *u);
int case_exception_visible(const struct web_user *u, const struct exception_req *x);
/* A 情報セキュリティ管理者 (for a 課) or 情報システム管理者: may file. */
int case_exception_may_file(const struct web_user *u);

/* Holds a role that sees some violations (the list pages' access). */
int case_violations_reader(const struct web_user *u);
int case_violation_visible(const struct web_user *u, const struct violation *v);
/* Whether u may see or record a violation by staff_id of unit_id: the same
 * scope, never one's own case below the organisation-wide roles. */
int case_violation_person_in_scope(const struct web_user *u, long long staff_id, long long unit_id);

/* Roles of the violation routes (router.h ACCESS_ROLES). */
extern const char *const case_roles_violations[];
/* Roles that may open the exception filing form. */
extern const char *const case_roles_exception_file[];

#endif
