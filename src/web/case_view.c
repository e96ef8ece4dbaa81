/*
 * case_view.c — the shared parts of the 例外措置 and violation pages
 * (case_view.h).
 */
#include "web/case_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_util.h"
#include "util/timeutil.h"
#include "web/layout.h"
#include "web/timeline_web.h"
#include "web/url.h"

int case_view_refs_load(struct db *db, struct case_view_refs *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	time_today(r->today);
	if (staff_load(db, "", &r->staff, e) || infosys_load(db, &r->systems, e))
		return e->code;
	return 0;
}

void case_view_refs_free(struct case_view_refs *r)
{
	staff_list_free(&r->staff);
	infosys_free(&r->systems);
}

const struct staff *case_view_staff(const struct case_view_refs *r, long long id)
{
	return id ? staff_by_id(&r->staff, id) : NULL;
}

const char *case_view_person(const struct case_view_refs *r, long long id, struct buf *tmp)
{
	const struct staff *s = case_view_staff(r, id);
	buf_reset(tmp);
	if (s)
		buf_printf(tmp, "%s（%s）", s->name, s->staff_no);
	return buf_str(tmp);
}

/* The body keys the modules write, as people read them. */
static const char *body_key_label(const char *key)
{
	static const struct {
		const char *key, *label;
	} labels[] = {
		{"clause", "条項"},   {"description", "内容"}, {"ends_on", "終了日"},   {"measures", "代替措置"},
		{"note", "備考"},     {"party", "通知先"},     {"reason", "理由"},      {"rights", "停止・剥奪した権利の数"},
		{"scope", "範囲"},    {"staff", "職員番号"},   {"starts_on", "開始日"}, {"system", "システム"},
		{"to", "宛先"},       {"unit", "課"},          {"login", "アカウント"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].key, key) == 0)
			return labels[i].label;
	return key;
}

void case_view_timeline(struct buf *b, const struct case_view_refs *r, const struct case_events *ev)
{
	timeline_web(b, r, ev, "<h2>経過</h2>\n", case_step_label, body_key_label);
}

void case_view_form_open(struct buf *b, const struct web_req *rq, const char *base, const char *no,
			 const char *action)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, base);
	url_encode(&href, no);
	buf_printf(&href, "/%s", action);
	html_printf(b, "<form class=\"stack\" method=\"post\" action=\"%s\">", buf_str(&href));
	layout_csrf_field(b, rq);
	buf_free(&href);
}

void case_outcome_set(struct case_outcome *o, int status, const char *code, const char *msg)
{
	free(o->msg);
	o->status = status;
	o->code = code;
	o->msg = xstrdup(msg);
}

void case_outcome_free(struct case_outcome *o)
{
	free(o->msg);
	memset(o, 0, sizeof *o);
}

int case_view_write(struct web_req *rq, web_write_fn fn, void *arg, int refused_status,
		    struct case_outcome *o, struct err *e)
{
	int rc = web_write(rq, fn, arg, e);
	if (!rc || e->code != ERR_INPUT)
		return rc;
	case_outcome_set(o, refused_status,
			 refused_status == 403 ? "forbidden" : refused_status == 409 ? "conflict" : "validation",
			 e->msg);
	memset(e, 0, sizeof *e);
	return 0;
}

void case_view_day(const char *at, char out[11])
{
	char jst[17];
	if (at && time_jst_text(at, jst) == 0) {
		memcpy(out, jst, 10);
		out[10] = '\0';
	} else
		snprintf(out, 11, "%s", at ? at : "");
}

void case_view_short(struct buf *b, const char *s, int max)
{
	size_t i = 0;
	int chars = 0;
	if (!s)
		return;
	/* count characters by their first byte: continuation bytes are 10xxxxxx */
	while (s[i] && chars < max) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	buf_append(b, s, i);
	if (s[i])
		buf_puts(b, "…");
}

void case_view_unit_options(struct buf *b, const struct org_units *units, const long long *ids, size_t n,
			    const char *chosen)
{
	for (size_t i = 0; i < n; i++) {
		const struct org_unit *unit = org_unit_by_id(units, ids[i]);
		size_t k = 0;
		while (k < i && ids[k] != ids[i])
			k++;
		if (!unit || k < i)
			continue;
		html_printf(b, chosen && strcmp(chosen, unit->code) == 0 ? "<option value=\"%s\" selected>%s</option>"
									 : "<option value=\"%s\">%s</option>",
			    unit->code, unit->name);
	}
}
