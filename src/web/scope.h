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
int scope_asset_visible(const struct web_user *u, const struct asset *a);

#endif
