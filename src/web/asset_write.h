/*
 * asset_write.h — who may add and change assets on the web, and the one
 * save path the edit pages and the JSON API share.
 *
 * The guideline makes the 情報セキュリティ管理者 responsible for the
 * information assets of their 課 (2.(2)): only a manager whose 課 covers the
 * asset's 所管課 (the 課 itself and its 係) adds or changes it.  The
 * organisation-wide roles read the whole register but do not edit it, and
 * staff who manage an asset themselves see it but do not edit it either
 * (docs/web.md).  An asset outside the person's sight answers 404; one they
 * see but may not change answers 403.
 */
#ifndef MAMORI_WEB_ASSET_WRITE_H
#define MAMORI_WEB_ASSET_WRITE_H

#include "core/asset_input.h"
#include "web/web.h"

/* Whether u may add assets to, or change assets of, unit_id. */
int asset_write_unit_allowed(const struct web_user *u, long long unit_id);
int asset_write_may_edit(const struct web_user *u, const struct asset *a);
/* Whether u manages any unit at all (and so may open the new-asset form). */
int asset_write_may_create(const struct web_user *u);

enum asset_write_result {
	AW_OK,
	AW_INVALID,   /* errs says which fields */
	AW_NOT_FOUND, /* no such asset, or one outside the person's sight */
	AW_FORBIDDEN, /* seen, but not theirs to change */
	AW_ERROR,     /* a database error, in e */
};

/* The asset_input fields of a form (absent fields stay NULL: kept). */
void asset_write_input_of(const struct form *f, struct asset_input *in);

/*
 * Adds (asset_no NULL) or updates the asset, validated by core and journaled
 * as asset.add / asset.update under the person's name.  On AW_OK *saved_no
 * (caller frees) is the asset's number.
 */
enum asset_write_result asset_write_save(struct web_req *rq, const char *asset_no,
					 const struct asset_input *in,
					 struct asset_input_errors *errs, char **saved_no,
					 struct err *e);


#endif
