/*
 * timeline_web.h — the timeline of a case as a page shows it: each step's
 * JST time, its kind as people read it, who took it and the strings of its
 * JSON body, one a line.  One writer for every kind of case (audits,
 * 改善措置, 例外措置 and violations), each giving its own labels.
 */
#ifndef MAMORI_WEB_TIMELINE_WEB_H
#define MAMORI_WEB_TIMELINE_WEB_H

#include "core/case_event.h"
#include "util/buf.h"
#include "web/case_view.h"

/* A step kind ("created") or a body key ("due_on") as people read it. */
typedef const char *timeline_label_fn(const char *name);

/* The string members of a step's JSON body as a definition list (nothing
 * when there is none), each key through key_label. */
void timeline_web_body(struct buf *b, const char *body, timeline_label_fn *key_label);

/* A step's JSON body as the page shows it; ctx as given to timeline_web_steps. */
typedef void timeline_body_fn(struct buf *b, const char *body, const void *ctx);

/* The steps as an ordered list, each body written by body(b, body, ctx). */
void timeline_web_steps(struct buf *b, const struct case_view_refs *r, const struct case_events *ev,
			timeline_label_fn *step_label, timeline_body_fn *body, const void *ctx);

/* heading (HTML, written as is), then "記録はありません。" or the list, each
 * body's strings through timeline_web_body with key_label. */
void timeline_web(struct buf *b, const struct case_view_refs *r, const struct case_events *ev, const char *heading,
		  timeline_label_fn *step_label, timeline_label_fn *key_label);

#endif
