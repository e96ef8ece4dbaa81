/*
 * page_inspect_new.c — /inspect/new: making a 自己点検 campaign (for those
 * who manage campaigns: the 統括, the CISO, the 副CISO).  The form chooses
 * the title, the period, the roles asked (those the catalog has questions
 * for), optionally clauses and units; inspect_create checks everything and
 * makes the draft with its questions and respondents in one transaction.
 * A refusal shows the form again with the values kept (422), nothing
 * written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "web/inspect_web.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"
#include "web/write.h"

/* Whether the posted form has name=value among its (repeated) fields. */
static int posted(const struct form *f, const char *name, const char *value)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0 && strcmp(f->v[i].value, value) == 0)
			return 1;
	return 0;
}

/* The repeated fields `name` joined with commas (NULL when none). */
static char *joined(const struct form *f, const char *name)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0 && *f->v[i].value)
			buf_printf(&b, "%s%s", b.len ? "," : "", f->v[i].value);
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	char *out = xstrdup(buf_str(&b));
	buf_free(&b);
	return out;
}

static const char *val(const struct form *f, const char *name)
{
	const char *v = f ? form_get(f, name) : NULL;
	return v ? v : "";
}

static void roles_fieldset(struct web_req *rq, struct buf *b, const struct form *f)
{
	buf_puts(b, "<fieldset class=\"ins-pick\"><legend>回答する役割（1つ以上）</legend>");
	for (int i = 0; i < vocab_role.n; i++) {
		const char *id = vocab_role.entries[i].id;
		if (!inspect_role_has_questions(&rq->shared->catalog, id))
			continue;
		int on = f ? posted(f, "roles", id) : strcmp(id, "staff") == 0 || strcmp(id, "manager") == 0;
		html_printf(b, "<label class=\"ins-check\"><input type=\"checkbox\" name=\"roles\" value=\"%s\"%s> %s</label>", id,
			    on ? " checked" : "", vocab_role.entries[i].label);
	}
	buf_puts(b, "</fieldset>\n");
}

static void units_fieldset(struct web_req *rq, struct buf *b, const struct form *f)
{
	const struct org_units *u = &rq->user->units;
	buf_puts(b, "<fieldset class=\"ins-pick ins-units\"><legend>対象の部局・課（選ばなければすべて。部局を選ぶとその課も含みます）</legend>");
	for (size_t i = 0; i < u->n; i++) {
		if (u->v[i].closed_on && *u->v[i].closed_on)
			continue;
		html_printf(b, "<label class=\"ins-check\"><input type=\"checkbox\" name=\"units\" value=\"%s\"%s> %s（%s）</label>",
			    u->v[i].code, posted(f, "units", u->v[i].code) ? " checked" : "", u->v[i].name, u->v[i].code);
	}
	buf_puts(b, "</fieldset>\n");
}

static void form_page(struct web_req *rq, struct web_resp *rs, int status, const struct form *f, const char *error)
{
	page_begin(rq, rs, "自己点検を作成");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>自己点検を作成</h1>\n<p>役割ごとの点検表を、カタログの自己点検の設問から作ります。作成した時点の設問と回答者で固定され、"
		    "「開始する」までは準備中です。</p>\n");
	if (error)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
	buf_puts(b, "<form method=\"post\" action=\"/inspect/new\" class=\"stack ins-new\">");
	layout_csrf_field(b, rq);
	html_printf(b, "<label for=\"ins-title\">件名</label><input id=\"ins-title\" name=\"title\" maxlength=\"200\" "
		       "required value=\"%s\">"
		       "<label for=\"ins-opens\">開始日</label><input id=\"ins-opens\" name=\"opens\" type=\"date\" required "
		       "value=\"%s\"><label for=\"ins-due\">回答期限</label><input id=\"ins-due\" name=\"due\" type=\"date\" "
		       "required value=\"%s\">",
		    f ? val(f, "title") : "情報セキュリティ自己点検", val(f, "opens"), val(f, "due"));
	roles_fieldset(rq, b, f);
	html_printf(b, "<label for=\"ins-clauses\">条項で絞る（任意。例: 2,5,6.1。空欄なら適用されるすべての条項）</label>"
		       "<input id=\"ins-clauses\" name=\"clauses\" maxlength=\"400\" value=\"%s\">",
		    val(f, "clauses"));
	units_fieldset(rq, b, f);
	buf_puts(b, "<button type=\"submit\">作成する（準備中）</button></form>\n");
	layout_end(b);
}

void page_inspect_new_get(struct web_req *rq, struct web_resp *rs)
{
	form_page(rq, rs, 200, NULL, NULL);
}

void page_inspect_new_post(struct web_req *rq, struct web_resp *rs)
{
	struct err e = {0};
	char *roles = joined(&rq->body, "roles"), *units = joined(&rq->body, "units");
	const char *clauses = val(&rq->body, "clauses");
	struct inspect_creating a = {{rq->user->staff.staff_no, 0, val(&rq->body, "title"), val(&rq->body, "opens"),
				 val(&rq->body, "due"), roles ? roles : "", *clauses ? clauses : NULL, units},
				NULL};
	int rc = web_write(rq, inspect_create_write, &a, &e);
	if (rc == ERR_INPUT) {
		form_page(rq, rs, 422, &rq->body, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		struct buf to = BUF_INIT;
		buf_puts(&to, "/inspect/");
		url_encode(&to, a.no);
		buf_puts(&to, "?done=created");
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	free(a.no);
	free(roles);
	free(units);
}
