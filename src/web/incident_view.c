/*
 * incident_view.c — one incident's facts, notices and timeline as HTML
 * (incident_view.h).  Times are shown in JST; every text goes through
 * util/html.c.
 */
#include "web/incident_view.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/incident_report.h"
#include "core/vocab.h"
#include "util/html.h"
#include "util/timeutil.h"
#include "web/incident_action.h"
#include "web/layout.h"
#include "web/url.h"

static const char *const personal_labels[] = {"なし", "個人情報", "特定個人情報"};

void incident_href(struct buf *b, const char *no, const char *what)
{
	buf_puts(b, "/incidents/");
	url_encode(b, no);
	if (what && *what)
		buf_printf(b, "/%s", what);
}

static void jst(const char *at, char out[17])
{
	if (!at || time_jst_text(at, out))
		snprintf(out, 17, "%s", at ? at : "");
}

static void fact(struct buf *b, const char *term, const char *value)
{
	html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", term, value && *value ? value : "—");
}

static void fact_time(struct buf *b, const char *term, const char *at)
{
	char t[17];
	jst(at, t);
	fact(b, term, *t ? t : NULL);
}

static const char *assessed_label(int is_incident)
{
	return is_incident < 0 ? "未評価（CSIRTが評価中）" : is_incident ? "該当（インシデント）" : "非該当";
}

static void targets_table(struct buf *b, const struct incident_report *r)
{
	buf_puts(b, "<h2>対象の資産・システム</h2>\n");
	if (!r->ntargets) {
		buf_puts(b, "<p>登録された対象はありません。</p>\n");
		return;
	}
	buf_puts(b, "<table class=\"list\">\n<thead><tr><th scope=\"col\">種別</th><th scope=\"col\">番号</th>"
		    "<th scope=\"col\">名称</th><th scope=\"col\">機密性</th><th scope=\"col\">個人情報</th>"
		    "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->ntargets; i++) {
		const struct incident_report_target *t = &r->targets[i];
		int asset = t->asset_no != NULL;
		char conf[24];
		if (t->confidentiality)
			snprintf(conf, sizeof conf, "機密性%d", t->confidentiality);
		else
			snprintf(conf, sizeof conf, "不明");
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    asset ? "資産" : "情報システム", asset ? t->asset_no : t->system_code,
			    asset ? t->asset_name : t->system_name, conf,
			    t->personal ? vocab_label(&vocab_personal, t->personal) : "—");
	}
	buf_puts(b, "</tbody></table>\n");
}

static void exposure(struct buf *b, const struct incident_report *r)
{
	char conf[24];
	int p = r->exposure.personal;
	if (r->exposure.max_confidentiality)
		snprintf(conf, sizeof conf, "機密性%d", r->exposure.max_confidentiality);
	else
		snprintf(conf, sizeof conf, "不明");
	buf_puts(b, "<dl class=\"facts\">\n");
	fact(b, "最高機密性", conf);
	fact(b, "個人情報", personal_labels[p >= 0 && p <= 2 ? p : 0]);
	buf_puts(b, "</dl>\n");
}

void incident_view_facts(struct buf *b, const struct web_req *rq, const struct incident_report *r)
{
	const struct incident *i = &r->inc;
	const struct incident_category *cat = incident_category_find(i->category);
	buf_puts(b, "<dl class=\"facts\">\n");
	fact(b, "インシデント番号", i->incident_no);
	fact(b, "件名", i->title);
	fact(b, "分類", cat ? cat->label : i->category);
	fact(b, "重大度", incident_severity_label(i->severity));
	fact(b, "状態", incident_state_label(i->state));
	fact(b, "インシデントに該当するか", assessed_label(i->is_incident));
	fact_time(b, "検知日時", i->detected_at);
	fact_time(b, "受付日時", i->reported_at);
	fact(b, "報告の経路", incident_source_label(i->source));
	fact(b, "報告者", r->reporter);
	/* a resident's telephone or address is for the people who call back */
	if (i->reporter_contact && incident_web_is_responder(rq->user))
		fact(b, "報告者の連絡先", i->reporter_contact);
	fact(b, "発生した課", r->unit_name);
	if (i->closed_at)
		fact_time(b, "完了日時", i->closed_at);
	buf_puts(b, "</dl>\n<h2>第一報</h2>\n<dl class=\"facts\">\n");
	fact(b, "状況", i->situation);
	fact(b, "推定原因", i->cause);
	fact(b, "被害範囲", i->damage);
	fact(b, "インシデントに該当するか", assessed_label(i->is_incident));
	fact(b, "記録", i->record);
	buf_puts(b, "</dl>\n");
	targets_table(b, r);
	buf_puts(b, "<h2>影響の範囲</h2>\n");
	exposure(b, r);
}

static const char *channels[] = {"電話", "メール", "口頭", "文書", "その他"};

static void notify_form(struct buf *b, const struct web_req *rq, const struct incident_report *r,
			const struct incident_notice *n, size_t k)
{
	struct buf href = BUF_INIT;
	incident_href(&href, r->inc.incident_no, "notify");
	html_printf(b, "<form class=\"inc-notify\" method=\"post\" action=\"%s\">", buf_str(&href));
	layout_csrf_field(b, rq);
	html_printf(b, "<input type=\"hidden\" name=\"party\" value=\"%s\">"
		       "<label for=\"inc-ch-%zu\">手段</label><select id=\"inc-ch-%zu\" name=\"channel\">",
		    n->party, k, k);
	for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++)
		html_printf(b, "<option value=\"%s\">%s</option>", channels[i], channels[i]);
	html_printf(b, "</select><label for=\"inc-nn-%zu\">備考</label>"
		       "<input id=\"inc-nn-%zu\" name=\"note\" type=\"text\">"
		       "<button type=\"submit\">連絡済みにする</button></form>",
		    k, k);
	buf_free(&href);
}

void incident_view_notices(struct buf *b, const struct web_req *rq, const struct incident_report *r,
			   int may_notify)
{
	char now[32];
	time_now_rfc3339(now);
	buf_puts(b, "<h2>通知</h2>\n");
	if (!r->nnotices) {
		buf_puts(b, "<p>必要な通知はありません。</p>\n");
		return;
	}
	buf_puts(b, "<table class=\"list\">\n<thead><tr><th scope=\"col\">通知先</th><th scope=\"col\">担当者</th>"
		    "<th scope=\"col\">期限</th><th scope=\"col\">完了日時</th><th scope=\"col\">手段</th>"
		    "<th scope=\"col\">備考</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct incident_notice *n = &r->notices[i];
		const struct incident_notice_rule *rule = incident_notice_rule_find(n->party);
		int overdue = !n->done_at && n->due_at && strcmp(n->due_at, now) < 0;
		struct err e = {0};
		char *who = n->staff_id ? staff_name_of(rq->db, n->staff_id, &e) : NULL;
		char due[17], done[17];
		jst(n->due_at, due);
		jst(n->done_at, done);
		buf_puts(b, overdue ? "<tr class=\"inc-overdue\">" : "<tr>");
		html_printf(b, "<td>%s</td><td>%s</td><td>%s%s</td><td>", rule ? rule->label : n->party,
			    who ? who : "—", due, overdue ? "（期限超過）" : "");
		if (n->done_at)
			html_printf(b, "%s", done);
		else if (may_notify)
			notify_form(b, rq, r, n, i);
		else
			buf_puts(b, "未了");
		html_printf(b, "</td><td>%s</td><td>%s</td></tr>\n", n->channel ? n->channel : "—",
			    n->note ? n->note : "");
		free(who);
	}
	buf_puts(b, "</tbody></table>\n");
}

int incident_view_is_emergency(const struct incident_report_step *s)
{
	cJSON *o = cJSON_Parse(s->body ? s->body : "{}");
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, "emergency");
	int yes = strcmp(s->kind, "cutoff") == 0 && cJSON_IsNumber(x) && x->valuedouble != 0;
	cJSON_Delete(o);
	return yes;
}

int incident_view_cutoff_reported(const struct incident_report *r, long long id)
{
	for (size_t i = 0; i < r->nsteps; i++) {
		if (strcmp(r->steps[i].kind, "cutoff_report"))
			continue;
		cJSON *o = cJSON_Parse(r->steps[i].body ? r->steps[i].body : "{}");
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, "ref");
		int hit = cJSON_IsNumber(x) && (long long)x->valuedouble == id;
		cJSON_Delete(o);
		if (hit)
			return 1;
	}
	return 0;
}

/* The label of a body key, in the order a reader wants them. */
static const struct {
	const char *key, *label;
} body_keys[] = {
	{"is_incident", "評価"},   {"category", "分類"},      {"source", "報告の経路"},
	{"severity", "重大度"},    {"max_confidentiality", "最高機密性"}, {"personal", "個人情報"},
	{"target", "遮断の対象"},  {"reason", "理由"},        {"ordered_by", "指示した職員"},
	{"emergency", "緊急"},     {"ref", "対象の遮断"},     {"party", "通知先"},
	{"channel", "手段"},       {"report", "報告書"},      {"format", "形式"},
	{"assets", "追加した資産"}, {"systems", "追加したシステム"}, {"origin", "発端"},
	{"note", "内容"},
};

static const char *body_label(const char *key)
{
	for (size_t i = 0; i < sizeof body_keys / sizeof body_keys[0]; i++)
		if (strcmp(body_keys[i].key, key) == 0)
			return body_keys[i].label;
	return key;
}

/* "12 山田 太郎" for a 職員番号 ("12" when unknown). */
static void staff_text(struct buf *out, struct db *db, const char *no)
{
	struct staff s;
	int found = 0;
	struct err e = {0};
	buf_puts(out, no);
	if (!staff_find(db, no, &s, &found, &e) && found) {
		buf_printf(out, "（%s）", s.name);
		staff_free(&s);
	}
}

/* One value of a step's body in words. */
static void body_value(struct buf *out, struct db *db, const char *key, const cJSON *v)
{
	double d = cJSON_IsNumber(v) ? v->valuedouble : 0;
	const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
	if (strcmp(key, "is_incident") == 0)
		buf_puts(out, d != 0 ? "インシデントに該当" : "非該当");
	else if (strcmp(key, "emergency") == 0)
		buf_puts(out, d != 0 ? "緊急遮断" : "緊急ではない");
	else if (strcmp(key, "ref") == 0)
		buf_printf(out, "経過 #%lld", (long long)d);
	else if (strcmp(key, "severity") == 0 && s)
		buf_puts(out, incident_severity_label(s));
	else if (strcmp(key, "category") == 0 && s)
		buf_puts(out, incident_category_find(s) ? incident_category_find(s)->label : s);
	else if (strcmp(key, "source") == 0 && s)
		buf_puts(out, incident_source_label(s));
	else if (strcmp(key, "personal") == 0 && cJSON_IsNumber(v))
		buf_puts(out, personal_labels[d >= 0 && d <= 2 ? (int)d : 0]);
	else if (strcmp(key, "max_confidentiality") == 0 && cJSON_IsNumber(v)) {
		if (d > 0)
			buf_printf(out, "機密性%d", (int)d);
		else
			buf_puts(out, "不明");
	} else if (strcmp(key, "party") == 0 && s)
		buf_puts(out, incident_notice_rule_find(s) ? incident_notice_rule_find(s)->label : s);
	else if (strcmp(key, "report") == 0 && s)
		buf_puts(out, strcmp(s, "first") == 0 ? "第一報" : strcmp(s, "progress") == 0 ? "経過報告"
			      : strcmp(s, "final") == 0 ? "最終報告" : s);
	else if (strcmp(key, "ordered_by") == 0 && s)
		staff_text(out, db, s);
	else if (strcmp(key, "origin") == 0 && s && strncmp(s, "request:", 8) == 0)
		buf_printf(out, "申請 %s", s + 8);
	else if (strcmp(key, "origin") == 0 && s && strncmp(s, "violation:", 10) == 0)
		buf_printf(out, "違反 %s", s + 10);
	else if (s)
		buf_puts(out, s);
	else if (cJSON_IsNumber(v))
		buf_printf(out, "%lld", (long long)d);
	else if (cJSON_IsArray(v)) {
		const cJSON *it;
		int n = 0;
		cJSON_ArrayForEach(it, v)
		{
			if (cJSON_IsString(it))
				buf_printf(out, "%s%s", n++ ? "、" : "", it->valuestring);
		}
	}
}

static void step_body(struct buf *b, struct db *db, const struct incident_report *r,
		      const struct incident_report_step *s)
{
	cJSON *o = cJSON_Parse(s->body ? s->body : "{}");
	struct buf v = BUF_INIT;
	size_t before = b->len;
	buf_puts(b, "<dl class=\"inc-body\">");
	size_t start = b->len;
	for (size_t i = 0; i < sizeof body_keys / sizeof body_keys[0]; i++) {
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, body_keys[i].key);
		if (!x)
			continue;
		buf_reset(&v);
		body_value(&v, db, body_keys[i].key, x);
		if (!v.len)
			continue; /* an empty list (targets added as systems only) */
		html_printf(b, "<dt>%s</dt><dd>%s</dd>", body_keys[i].label, buf_str(&v));
	}
	const cJSON *it;
	cJSON_ArrayForEach(it, o)
	{
		if (strcmp(body_label(it->string), it->string) != 0)
			continue; /* shown above */
		buf_reset(&v);
		body_value(&v, db, it->string, it);
		html_printf(b, "<dt>%s</dt><dd>%s</dd>", it->string, buf_str(&v));
	}
	if (incident_view_is_emergency(s))
		html_printf(b, "<dt>事後報告</dt><dd>%s</dd>",
			    incident_view_cutoff_reported(r, s->id) ? "済" : "未報告");
	if (b->len == start) {
		b->len = before; /* a step with nothing to say (完了 without a note) */
		b->data[b->len] = 0;
		buf_puts(b, "—");
	} else {
		buf_puts(b, "</dl>");
	}
	buf_free(&v);
	cJSON_Delete(o);
}

void incident_view_timeline(struct buf *b, struct db *db, const struct incident_report *r)
{
	buf_puts(b, "<h2>経過</h2>\n<table class=\"list\">\n<thead><tr><th scope=\"col\">経過</th>"
		    "<th scope=\"col\">時刻</th><th scope=\"col\">種類</th><th scope=\"col\">実施者</th>"
		    "<th scope=\"col\">内容</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct incident_report_step *s = &r->steps[i];
		char at[17];
		jst(s->at, at);
		html_printf(b, "<tr id=\"step-%lld\"><td>経過 #%lld</td><td>%s</td><td>%s</td><td>%s</td><td>",
			    s->id, s->id, at, incident_step_label(s->kind),
			    s->actor_name ? s->actor_name : "—");
		step_body(b, db, r, s);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
}
