/*
 * incident_forms.c — the action forms of one incident's page
 * (incident_view.h).  A form appears only when incident_step_may (or
 * incident_notify_may) says this person may take that step in this state;
 * the POST handlers check again.  After a refusal the posted values come
 * back in the form they were typed into.
 */
#include "web/incident_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/incident_report.h"
#include "util/html.h"
#include "util/timeutil.h"
#include "web/incident_action.h"
#include "web/layout.h"

struct ctx {
	struct buf *b;
	struct web_req *rq;
	const struct incident_report *r;
	const struct form *kept;
	const char *kept_form;
};

/* The value typed into `name` of form `which` before a refusal, or "". */
static const char *kept(const struct ctx *c, const char *which, const char *name)
{
	const char *v = NULL;
	if (c->kept && c->kept_form && strcmp(c->kept_form, which) == 0)
		v = form_get(c->kept, name);
	return v ? v : "";
}

static void open_form(const struct ctx *c, const char *what, const char *kind, const char *title)
{
	struct buf href = BUF_INIT;
	incident_href(&href, c->r->inc.incident_no, what);
	html_printf(c->b, "<section class=\"inc-action\"><h3>%s</h3><form class=\"stack\" method=\"post\" action=\"%s\">",
		    title, buf_str(&href));
	layout_csrf_field(c->b, c->rq);
	if (kind)
		html_printf(c->b, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", kind);
	buf_free(&href);
}

static void close_form(const struct ctx *c, const char *button)
{
	html_printf(c->b, "<button type=\"submit\">%s</button></form></section>\n", button);
}

static void text_field(const struct ctx *c, const char *which, const char *kind, const char *name,
		       const char *label, int required)
{
	html_printf(c->b, "<label for=\"inc-%s-%s\">%s%s</label><input id=\"inc-%s-%s\" name=\"%s\" type=\"text\" value=\"%s\"%s>",
		    kind, name, label, required ? "（必須）" : "", kind, name, name, kept(c, which, name),
		    required ? " required" : "");
}

static void note_field(const struct ctx *c, const char *which, const char *kind, const char *label,
		       int required)
{
	html_printf(c->b, "<label for=\"inc-%s-note\">%s%s</label><textarea id=\"inc-%s-note\" name=\"note\" rows=\"3\"%s>%s</textarea>",
		    kind, label, required ? "（必須）" : "", kind, required ? " required" : "",
		    kept(c, which, "note"));
}

/* The kinds whose only input is a note: kind, heading, note label, button. */
static const struct {
	const char *kind, *note_label, *button;
	int note_required;
} note_steps[] = {
	{"measure", "講じた応急措置", "応急措置を記録する", 0},
	{"recovery", "復旧の指示の内容", "復旧の指示を記録する", 0},
	{"investigate", "原因究明の内容", "原因究明に進む", 0},
	{"prevention", "再発防止策（CISOへの報告内容）", "再発防止策を報告する", 0},
	{"directive", "CISOの指示の内容", "指示を記録する", 0},
	{"close", "備考", "完了にする", 0},
	{"note", "記録する内容", "記録する", 1},
};

static void step_form(const struct ctx *c, const char *kind)
{
	char which[48];
	snprintf(which, sizeof which, "step:%s", kind);
	open_form(c, "step", kind, incident_step_label(kind));
	if (strcmp(kind, "assess") == 0) {
		const char *v = kept(c, which, "is_incident");
		html_printf(c->b, "<fieldset><legend>インシデントに該当するか</legend>"
				  "<label><input type=\"radio\" name=\"is_incident\" value=\"yes\"%s> 該当（対応を始める）</label>"
				  "<label><input type=\"radio\" name=\"is_incident\" value=\"no\"%s> 非該当（完了する）</label></fieldset>",
			    strcmp(v, "yes") == 0 ? " checked" : "", strcmp(v, "no") == 0 ? " checked" : "");
		note_field(c, which, kind, "評価の理由", 0);
		close_form(c, "評価を記録する");
		return;
	}
	if (strcmp(kind, "cutoff") == 0) {
		text_field(c, which, kind, "target", "遮断の対象（ネットワーク・システム）", 1);
		text_field(c, which, kind, "reason", "理由", 1);
		text_field(c, which, kind, "ordered_by", "指示した職員の職員番号（空欄なら自分）", 0);
		html_printf(c->b, "<label><input type=\"checkbox\" name=\"emergency\" value=\"1\"%s> 緊急（事後に報告します）</label>",
			    *kept(c, which, "emergency") ? " checked" : "");
		note_field(c, which, kind, "備考", 0);
		close_form(c, "遮断を記録する");
		return;
	}
	if (strcmp(kind, "severity") == 0) {
		static const char *const sev[] = {"high", "medium", "low"};
		const char *v = kept(c, which, "severity");
		html_printf(c->b, "<label for=\"inc-severity-severity\">重大度</label>"
				  "<select id=\"inc-severity-severity\" name=\"severity\">");
		for (size_t i = 0; i < 3; i++)
			html_printf(c->b, "<option value=\"%s\"%s>%s</option>", sev[i],
				    strcmp(v, sev[i]) == 0 || (!*v && strcmp(c->r->inc.severity ? c->r->inc.severity : "", sev[i]) == 0)
					    ? " selected" : "",
				    incident_severity_label(sev[i]));
		buf_puts(c->b, "</select>");
		note_field(c, which, kind, "変更の理由", 0);
		close_form(c, "重大度を変更する");
		return;
	}
	for (size_t i = 0; i < sizeof note_steps / sizeof note_steps[0]; i++) {
		if (strcmp(note_steps[i].kind, kind))
			continue;
		note_field(c, which, kind, note_steps[i].note_label, note_steps[i].note_required);
		close_form(c, note_steps[i].button);
	}
}

/* The after-the-fact report: a choice of the emergency cut-offs not yet reported. */
static void cutoff_report_form(const struct ctx *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->r->nsteps; i++)
		if (incident_view_is_emergency(&c->r->steps[i]) &&
		    !incident_view_cutoff_reported(c->r, c->r->steps[i].id))
			n++;
	if (!n)
		return;
	open_form(c, "step", "cutoff_report", "緊急遮断の事後報告");
	buf_puts(c->b, "<label for=\"inc-cutoff_report-ref\">報告する緊急遮断</label>"
		       "<select id=\"inc-cutoff_report-ref\" name=\"ref\">");
	for (size_t i = 0; i < c->r->nsteps; i++) {
		const struct incident_report_step *s = &c->r->steps[i];
		if (!incident_view_is_emergency(s) || incident_view_cutoff_reported(c->r, s->id))
			continue;
		char at[17] = "";
		time_jst_text(s->at, at);
		html_printf(c->b, "<option value=\"%lld\">経過 #%lld（%s）</option>", s->id, s->id, at);
	}
	buf_puts(c->b, "</select>");
	note_field(c, "step:cutoff_report", "cutoff_report", "報告の内容", 0);
	close_form(c, "事後報告を記録する");
}

static void targets_form(const struct ctx *c)
{
	open_form(c, "targets", NULL, "対象の追加");
	html_printf(c->b, "<label for=\"inc-t-assets\">資産番号（複数は空白か読点で区切る）</label>"
			  "<input id=\"inc-t-assets\" name=\"assets\" type=\"text\" value=\"%s\">"
			  "<label for=\"inc-t-systems\">システムコード（複数は空白か読点で区切る）</label>"
			  "<input id=\"inc-t-systems\" name=\"systems\" type=\"text\" value=\"%s\">",
		    kept(c, "targets", "assets"), kept(c, "targets", "systems"));
	note_field(c, "targets", "targets", "備考", 0);
	close_form(c, "対象を追加する");
}

/* The reports go outside (the prefecture, 総務省): only the responders make them. */
static void report_form(const struct ctx *c)
{
	if (!incident_web_is_responder(c->rq->user))
		return;
	int closed = strcmp(c->r->inc.state, "closed") == 0;
	open_form(c, "report", NULL, "報告書（第一報・経過報告・最終報告）");
	buf_puts(c->b, "<label for=\"inc-r-kind\">報告の種類</label><select id=\"inc-r-kind\" name=\"kind\">"
		       "<option value=\"first\">第一報</option><option value=\"progress\">経過報告</option>");
	if (closed)
		buf_puts(c->b, "<option value=\"final\">最終報告</option>");
	buf_puts(c->b, "</select><label for=\"inc-r-format\">形式</label><select id=\"inc-r-format\" name=\"format\">"
		       "<option value=\"pdf\">PDF</option><option value=\"xlsx\">Excel（.xlsx）</option>"
		       "<option value=\"html\">HTML</option></select>"
		       "<p class=\"note\">作成した報告書は経過に「報告書の作成」として記録されます。"
		       "最終報告は完了したインシデントについてのみ作成できます。</p>");
	close_form(c, "報告書を作成する");
}

void incident_forms(struct buf *b, struct web_req *rq, const struct incident_report *r,
		    const struct form *kept_body, const char *kept_form)
{
	struct ctx c = {b, rq, r, kept_body, kept_form};
	size_t before = b->len;
	buf_puts(b, "<h2>対応</h2>\n<div class=\"inc-actions\">\n");
	size_t start = b->len;
	for (size_t i = 0; incident_web_step_kinds[i]; i++) {
		const char *kind = incident_web_step_kinds[i];
		if (!incident_web_may(rq, &r->inc, kind))
			continue;
		if (strcmp(kind, "cutoff_report") == 0)
			cutoff_report_form(&c);
		else
			step_form(&c, kind);
	}
	/* CSIRT and the reporter add targets while open: the same people as a note */
	if (incident_web_may(rq, &r->inc, "note"))
		targets_form(&c);
	report_form(&c);
	if (b->len == start) {
		b->len = before; /* nothing this person may do: no heading either */
		if (b->data)
			b->data[b->len] = 0;
		return;
	}
	buf_puts(b, "</div>\n");
}
