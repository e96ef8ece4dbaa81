/*
 * layout.h — the chrome around every page: header (団体名, the signed-in
 * person, sign-out), navigation, skip link and <main>.  Pages write their
 * content between layout_begin and layout_end, always through html_printf /
 * html_escape (util/html.h).
 */
#ifndef MAMORI_WEB_LAYOUT_H
#define MAMORI_WEB_LAYOUT_H

#include "util/html.h"
#include "web/web.h"

/* title is the page's name (escaped); the document title adds "— mamori". */
void layout_begin(struct buf *b, const struct web_req *rq, const char *title);
void layout_end(struct buf *b);
/* The hidden CSRF field of a form posted by a session. */
void layout_csrf_field(struct buf *b, const struct web_req *rq);
/* Starts a page response: HTML, status 200, no-store when signed in. */
void page_begin(struct web_req *rq, struct web_resp *rs, const char *title);
/* "2026-04-01（令和8年4月1日）" for a date or an RFC 3339 time ("" for NULL). */
void layout_date(struct buf *b, const char *when);

#endif
