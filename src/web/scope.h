/*
 * scope.h — organisational scope: which records a signed-in person may see.
 *
 * Assets (guideline 2.(2)): the organisation-wide roles (CISO, 副CISO, 統括,
 * 監査統括) see the whole register; a 情報セキュリティ責任者 sees the
 * assets of the units in their 部局; a 情報セキュリティ管理者 those of
 * their 課 (and its 係); everyone sees the assets they manage themselves.
 * The rights add up: a person holding two roles sees both sets.
 */
#ifndef MAMORI_WEB_SCOPE_H
#define MAMORI_WEB_SCOPE_H

#include "core/asset.h"
#include "web/web.h"

int scope_sees_all_assets(const struct web_user *u);
/* Whether u's officer/manager roles cover unit_id (and so its assets). */
int scope_unit_covered(const struct web_user *u, long long unit_id);
int scope_asset_visible(const struct web_user *u, const struct asset *a);

/*
 * Contact details (phone, e-mail) on the emergency contact tree: the roles
 * that run an incident (CISO, 副CISO, 統括, CSIRT and its lead) see all of
 * them; a 情報セキュリティ責任者/管理者 those of the people in the units they
 * are responsible for; nobody else any.  Everyone sees the tree itself.
 */
int scope_contact_details_all(const struct web_user *u);
int scope_contact_details_visible(const struct web_user *u, long long person_unit_id);

/*
 * Staff (the staff search and a person's page): the organisation-wide roles
 * see everyone; a 情報セキュリティ責任者 the people of their 部局, a
 * 情報セキュリティ管理者 those of their 課 (and its 係).
 */
int scope_staff_visible(const struct web_user *u, long long unit_id);

#endif
