/*
 * page_assets_export.h — the register list as a .csv or .xlsx download.
 */
#ifndef MAMORI_WEB_PAGE_ASSETS_EXPORT_H
#define MAMORI_WEB_PAGE_ASSETS_EXPORT_H

#include "web/asset_query.h"

/* Answers ?format=csv|xlsx with the whole filtered list in scope and
 * returns 1; returns 0 (rs untouched) for any other request. */
int page_assets_download(struct web_req *rq, struct web_resp *rs, const struct asset_query *q);

#endif
