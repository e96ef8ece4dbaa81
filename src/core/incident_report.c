/*
 * incident_report.c — 第一報, 経過報告 and 最終報告 (incident_report.h).
 *
 * The content is decided once, as a list of lines grouped in sections
 * (struct line); the document form (policy_doc blocks → HTML/PDF) and the
 * .xlsx form only lay those lines out, so the three formats always say the
 * same thing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/incident_report.h"
#include "core/case_event.h"
#include "core/policy_pdf.h"
#include "core/policy_write.h"
#include "core/org.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/timeutil.h"
#include "util/xlsx_write.h"

static const char *const kind_ids[] = {"first", "progress", "final"};
static const char *const kind_labels[] = {"第一報", "経過報告", "最終報告"};

int incident_report_kind_parse(const char *s)
{
	for (int k = 0; s && k < 3; k++)
		if (strcmp(s, kind_ids[k]) == 0 || strcmp(s, kind_labels[k]) == 0)
			return k;
	return -1;
}

const char *incident_report_kind_id(enum incident_report_kind k)
{
	return kind_ids[k];
}

const char *incident_report_kind_label(enum incident_report_kind k)
{
	return kind_labels[k];
}

int incident_report_allowed(const struct incident_report *r, enum incident_report_kind k, struct err *e)
{
	if (k == IREPORT_FINAL && strcmp(r->inc.state, "closed") != 0)
		return err_set(e, ERR_INPUT,
			       "インシデント %s は「%s」の状態のため最終報告は作成できません（完了の後に作成します。"
			       "途中の報告は --kind progress で作成してください）",
			       r->inc.incident_no, incident_state_label(r->inc.state));
	return 0;
}

/* ---- who signs ---- */

/* The first active holder of one of the roles, in the order given. */
static int holder(struct db *db, const char *const *roles, char **name, char **phone, char **email,
		  struct err *e)
{
	for (int i = 0; roles[i]; i++) {
		struct db_stmt *st;
		if (db_prepare(db,
			       "SELECT s.name, s.phone, s.email FROM role_assignment ra"
			       " JOIN staff s ON s.id = ra.staff_id"
			       " WHERE ra.role = ? AND ra.ended_on IS NULL ORDER BY ra.id LIMIT 1",
			       &st, e))
			return e->code;
		db_bind_text(st, 1, roles[i]);
		int rc = db_step(st, e);
		if (rc == DB_ROW) {
			const char *v[3] = {db_column_text(st, 0), db_column_text(st, 1), db_column_text(st, 2)};
			char **out[3] = {name, phone, email};
			for (int k = 0; k < 3; k++)
				if (out[k])
					*out[k] = v[k] ? xstrdup(v[k]) : NULL;
		}
		db_finalize(st);
		if (rc < 0)
			return e->code;
		if (rc == DB_ROW)
			return 0;
	}
	return 0;
}

int incident_report_people_load(struct db *db, struct incident_report_people *p, struct err *e)
{
	static const char *const csirt[] = {"csirt_lead", "csirt", NULL};
	static const char *const ciso[] = {"ciso", NULL};
	struct municipality m;
	int found;
	memset(p, 0, sizeof *p);
	if (municipality_get(db, &m, &found, e))
		return e->code;
	if (found) {
		p->municipality_code = m.code ? xstrdup(m.code) : NULL;
		municipality_free(&m);
	}
	if (holder(db, csirt, &p->csirt_name, &p->csirt_phone, &p->csirt_email, e) ||
	    holder(db, ciso, &p->ciso_name, NULL, NULL, e)) {
		incident_report_people_free(p);
		return e->code;
	}
	return 0;
}

void incident_report_people_free(struct incident_report_people *p)
{
	free(p->csirt_name);
	free(p->csirt_phone);
	free(p->csirt_email);
	free(p->ciso_name);
	free(p->municipality_code);
	memset(p, 0, sizeof *p);
}

/* ---- reading a step's canonical JSON body ---- */

/* The string value of key in a flat canonical JSON object, unescaped;
 * NULL when absent or not a string. */
static char *json_text(const char *body, const char *key)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":\"", key);
	const char *p = body ? strstr(body, pat) : NULL;
	if (!p)
		return NULL;
	struct buf b = BUF_INIT;
	for (p += strlen(pat); *p && *p != '"'; p++) {
		if (*p != '\\' || !p[1]) {
			buf_putc(&b, *p);
			continue;
		}
		p++;
		switch (*p) {
		case 'n': buf_putc(&b, '\n'); break;
		case 't': buf_putc(&b, '\t'); break;
		case 'r': case 'b': case 'f': break;
		case 'u': /* only control characters are written as \u00XX */
			p += strlen(p) >= 5 ? 4 : strlen(p) - 1;
			break;
		default: buf_putc(&b, *p); break;
		}
	}
	buf_putc(&b, '\0');
	return b.data;
}

static int json_flag(const char *body, const char *key)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\"%s\":1", key);
	return body && strstr(body, pat) != NULL;
}

/* A step's content in words: its note and the fields its kind carries. */
static char *step_text(const struct incident_report_step *s)
{
	static const struct {
		const char *key, *label;
	} fields[] = {{"target", "対象: "},  {"reason", "理由: "}, {"ordered_by", "指示者: "},
		      {"severity", "重大度: "}, {"note", ""}};
	struct buf b = BUF_INIT;
	if (strcmp(s->kind, "report") == 0) {
		char *k = json_text(s->body, "report"), *f = json_text(s->body, "format");
		int kind = incident_report_kind_parse(k);
		buf_printf(&b, "%s（%s）を作成", kind >= 0 ? kind_labels[kind] : (k ? k : ""), f ? f : "");
		free(k);
		free(f);
	}
	if (strcmp(s->kind, "assess") == 0)
		buf_puts(&b, json_flag(s->body, "is_incident") ? "インシデントに該当　" : "インシデントに非該当　");
	if (strcmp(s->kind, "notified") == 0) {
		char *party = json_text(s->body, "party"), *channel = json_text(s->body, "channel");
		const struct incident_notice_rule *nr = incident_notice_rule_find(party);
		buf_printf(&b, "%sへ連絡%s%s%s　", nr ? nr->label : (party ? party : ""), channel ? "（" : "",
			   channel ? channel : "", channel ? "）" : "");
		free(party);
		free(channel);
	}
	if (strcmp(s->kind, "cutoff") == 0 && json_flag(s->body, "emergency"))
		buf_puts(&b, "緊急遮断　");
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		char *v = json_text(s->body, fields[i].key);
		if (v && *v) {
			const char *shown = strcmp(fields[i].key, "severity") == 0 ? incident_severity_label(v) : v;
			buf_printf(&b, "%s%s　", fields[i].label, shown);
		}
		free(v);
	}
	while (b.len >= strlen("　") && strcmp(b.data + b.len - strlen("　"), "　") == 0)
		b.len -= strlen("　");
	buf_putc(&b, '\0');
	return b.data;
}

static const char *step_label(const char *kind)
{
	if (strcmp(kind, "report") == 0)
		return "報告書の作成";
	if (strcmp(kind, "notified") == 0)
		return "連絡";
	return incident_step_label(kind);
}

/* The note of the latest step of this kind, or NULL. */
static char *latest_note(const struct incident_report *r, const char *kind)
{
	for (size_t i = r->nsteps; i-- > 0;)
		if (strcmp(r->steps[i].kind, kind) == 0)
			return json_text(r->steps[i].body, "note");
	return NULL;
}

/* ---- the content, once ---- */

enum line_kind { L_SECTION, L_FIELD, L_STEP, L_NOTICE, L_PARA };
struct line {
	enum line_kind kind;
	char *label, *text, *extra; /* extra: the step's actor, the notice's state */
};
struct lines {
	size_t n, cap;
	struct line *v;
};

static void add(struct lines *l, enum line_kind kind, const char *label, const char *text, const char *extra)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = (struct line){kind, label ? xstrdup(label) : NULL, xstrdup(text && *text ? text : "—"),
				     extra ? xstrdup(extra) : NULL};
}

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].label);
		free(l->v[i].text);
		free(l->v[i].extra);
	}
	free(l->v);
}

static void jst_or_dash(const char *at, char out[17])
{
	if (!at || time_jst_text(at, out))
		snprintf(out, 17, "%s", at ? at : "—");
}

/* "2026-11-26（令和8年11月26日）". */
static void date_wareki(const char *ymd, char *out, size_t n)
{
	char w[64];
	wareki_date(ymd, w, sizeof w);
	if (*w)
		snprintf(out, n, "%s（%s）", ymd, w);
	else
		snprintf(out, n, "%s", ymd);
}

const char *incident_source_label(const char *source)
{
	if (!source || strcmp(source, "staff") == 0)
		return "職員等からの報告";
	if (strcmp(source, "resident") == 0)
		return "住民等外部からの連絡";
	if (strcmp(source, "nisc") == 0)
		return "NISC・総務省等からの検知連絡";
	return "外部機関からの連絡";
}

static void head_lines(const struct incident_report *r, const struct incident_report_people *p,
		       enum incident_report_kind k, const char *today, struct lines *l)
{
	char date[96], muni[256];
	struct buf b = BUF_INIT;
	add(l, L_SECTION, NULL, "1　報告の概要", NULL);
	add(l, L_FIELD, "報告の種類", kind_labels[k], NULL);
	date_wareki(today, date, sizeof date);
	add(l, L_FIELD, "報告日", date, NULL);
	snprintf(muni, sizeof muni, "%s", r->municipality ? r->municipality : "—");
	add(l, L_FIELD, "団体名", muni, NULL);
	add(l, L_FIELD, "団体コード", p->municipality_code, NULL);
	if (p->csirt_name) {
		buf_printf(&b, "%s（情報セキュリティに関する統一的な窓口・CSIRT）", p->csirt_name);
		if (p->csirt_phone)
			buf_printf(&b, "　電話 %s", p->csirt_phone);
		if (p->csirt_email)
			buf_printf(&b, "　電子メール %s", p->csirt_email);
		buf_putc(&b, '\0');
	}
	add(l, L_FIELD, "報告者", b.data, NULL);
	buf_free(&b);
	add(l, L_FIELD, "最高情報セキュリティ責任者（CISO）", p->ciso_name, NULL);
}

static void incident_lines(const struct incident_report *r, struct lines *l)
{
	static const char *const personal[] = {"含まない", "個人情報を含む", "特定個人情報（マイナンバー）を含む"};
	const struct incident_category *cat = incident_category_find(r->inc.category);
	char det[17], rep[17], conf[64];
	struct buf b = BUF_INIT;
	add(l, L_SECTION, NULL, "2　インシデントの内容", NULL);
	add(l, L_FIELD, "インシデント番号", r->inc.incident_no, NULL);
	add(l, L_FIELD, "件名", r->inc.title, NULL);
	add(l, L_FIELD, "分類", cat ? cat->label : r->inc.category, NULL);
	add(l, L_FIELD, "重大度", incident_severity_label(r->inc.severity), NULL);
	add(l, L_FIELD, "現在の状態", incident_state_label(r->inc.state), NULL);
	jst_or_dash(r->inc.detected_at, det);
	jst_or_dash(r->inc.reported_at, rep);
	add(l, L_FIELD, "検知日時", det, NULL);
	add(l, L_FIELD, "受付日時", rep, NULL);
	buf_puts(&b, incident_source_label(r->inc.source));
	if (r->reporter)
		buf_printf(&b, "（%s%s%s）", r->reporter, r->inc.reporter_contact ? "　連絡先 " : "",
			   r->inc.reporter_contact ? r->inc.reporter_contact : "");
	buf_putc(&b, '\0');
	add(l, L_FIELD, "検知の経緯", b.data, NULL);
	buf_free(&b);
	add(l, L_FIELD, "発生した課", r->unit_name, NULL);
	for (size_t i = 0; i < r->ntargets; i++) {
		const struct incident_report_target *t = &r->targets[i];
		char *line = NULL, level[32] = "";
		if (t->confidentiality)
			snprintf(level, sizeof level, "（機密性%d）", t->confidentiality);
		if (t->asset_no)
			line = xasprintf("情報資産 %s %s%s", t->asset_no, t->asset_name ? t->asset_name : "", level);
		else
			line = xasprintf("情報システム %s %s%s", t->system_code ? t->system_code : "",
					 t->system_name ? t->system_name : "", level);
		add(l, L_FIELD, "影響を受けた対象", line, NULL);
		free(line);
	}
	if (!r->ntargets)
		add(l, L_FIELD, "影響を受けた対象", "特定されていません", NULL);
	if (r->exposure.max_confidentiality)
		snprintf(conf, sizeof conf, "機密性%d", r->exposure.max_confidentiality);
	else
		snprintf(conf, sizeof conf, "不明");
	add(l, L_FIELD, "最も高い機密性", conf, NULL);
	add(l, L_FIELD, "個人情報・特定個人情報", personal[r->exposure.personal], NULL);
}

static void first_lines(const struct incident_report *r, struct lines *l)
{
	add(l, L_SECTION, NULL, "3　発生時の状況（第一報の事項）", NULL);
	add(l, L_FIELD, "状況", r->inc.situation, NULL);
	add(l, L_FIELD, "推定される原因", r->inc.cause, NULL);
	add(l, L_FIELD, "被害の範囲", r->inc.damage, NULL);
	add(l, L_FIELD, "インシデントに該当するか",
	    r->inc.is_incident < 0 ? "CSIRTが評価中" : r->inc.is_incident ? "該当する" : "該当しない", NULL);
	add(l, L_FIELD, "記録（ログ・証跡）", r->inc.record, NULL);
}

static void timeline_lines(const struct incident_report *r, struct lines *l)
{
	add(l, L_SECTION, NULL, "4　対応の経過", NULL);
	for (size_t i = 0; i < r->nsteps; i++) {
		const struct incident_report_step *s = &r->steps[i];
		char at[17], *text = step_text(s), *label;
		jst_or_dash(s->at, at);
		label = xasprintf("%s　%s", at, step_label(s->kind));
		add(l, L_STEP, label, text, s->actor_name ? s->actor_name : "—");
		free(label);
		free(text);
	}
}

static void notice_lines(const struct incident_report *r, struct lines *l, const char *heading)
{
	add(l, L_SECTION, NULL, heading, NULL);
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct incident_notice *n = &r->notices[i];
		const struct incident_notice_rule *nr = incident_notice_rule_find(n->party);
		char due[17], done[17], *state;
		jst_or_dash(n->due_at, due);
		jst_or_dash(n->done_at, done);
		state = n->done_at ? xasprintf("%s 連絡済%s%s", done, n->channel ? "（" : "",
					       n->channel ? n->channel : "")
				   : xstrdup("未連絡");
		if (n->done_at && n->channel) {
			char *t = xasprintf("%s）", state);
			free(state);
			state = t;
		}
		char *text = xasprintf("期限 %s　%s", due, state);
		add(l, L_NOTICE, nr ? nr->label : n->party, text, state);
		free(text);
		free(state);
	}
	if (!r->nnotices)
		add(l, L_PARA, NULL, "連絡を要する先はありません。", NULL);
}

static void final_lines(const struct incident_report *r, struct lines *l)
{
	char *cause = latest_note(r, "investigate"), *prevention = latest_note(r, "prevention"),
	     *directive = latest_note(r, "directive"), closed[17];
	add(l, L_SECTION, NULL, "6　原因と再発防止策", NULL);
	add(l, L_FIELD, "判明した原因", cause ? cause : r->inc.cause, NULL);
	add(l, L_FIELD, "再発防止策", prevention, NULL);
	add(l, L_FIELD, "CISOの指示", directive, NULL);
	jst_or_dash(r->inc.closed_at, closed);
	add(l, L_FIELD, "対応完了日時", closed, NULL);
	free(cause);
	free(prevention);
	free(directive);
}

static void build(const struct incident_report *r, const struct incident_report_people *p,
		  enum incident_report_kind k, const char *today, struct lines *l)
{
	memset(l, 0, sizeof *l);
	head_lines(r, p, k, today, l);
	incident_lines(r, l);
	first_lines(r, l);
	if (k == IREPORT_FIRST) {
		notice_lines(r, l, "4　連絡の状況");
		return;
	}
	timeline_lines(r, l);
	notice_lines(r, l, "5　連絡の状況");
	if (k == IREPORT_FINAL)
		final_lines(r, l);
}

/* ---- the two layouts ---- */

void incident_report_document(const struct incident_report *r, const struct incident_report_people *p,
			      enum incident_report_kind k, const char *today, struct pdoc *out)
{
	struct lines l;
	memset(out, 0, sizeof *out);
	out->title = xasprintf("情報セキュリティインシデント %s", kind_labels[k]);
	out->subtitle = xasprintf("%s　%s　%s", r->municipality ? r->municipality : "", r->inc.incident_no,
				  r->inc.title);
	build(r, p, k, today, &l);
	for (size_t i = 0; i < l.n; i++) {
		const struct line *x = &l.v[i];
		if (x->kind == L_SECTION) {
			pdoc_add(out, PD_CHAPTER, 0, NULL, x->text, NULL);
		} else if (x->kind == L_PARA) {
			pdoc_add(out, PD_PARA, 0, NULL, x->text, NULL);
		} else if (x->kind == L_STEP) {
			char *t = xasprintf("%s（%s）", x->text, x->extra);
			pdoc_add(out, PD_ITEM, 1, x->label, t, NULL);
			free(t);
		} else {
			char *label = xasprintf("【%s】", x->label);
			pdoc_add(out, PD_ITEM, 1, label, x->text, NULL);
			free(label);
		}
	}
	if (k != IREPORT_FINAL)
		pdoc_add(out, PD_NOTE, 0, NULL,
			 "対応は継続中です。状況が変わり次第、経過報告により続報します。", NULL);
	lines_free(&l);
}

/* Sheet 経過: the timeline (progress and final reports). */
static int xlsx_steps(struct xlsx_out *x, const struct incident_report *r, enum incident_report_kind k,
		      struct err *e)
{
	static const struct xlsx_column cols[] = {{"時刻", 18}, {"種類", 24}, {"実施者", 16}, {"内容", 70}};
	if (xlsx_out_sheet(x, "経過", cols, 4, e))
		return e->code;
	for (size_t i = 0; k != IREPORT_FIRST && i < r->nsteps; i++) {
		const struct incident_report_step *s = &r->steps[i];
		char at[17], *text = step_text(s);
		jst_or_dash(s->at, at);
		const char *cells[4] = {at, step_label(s->kind), s->actor_name, text};
		int rc = xlsx_out_row(x, cells, e);
		free(text);
		if (rc)
			return rc;
	}
	return 0;
}

/* Sheet 連絡: who must be told, by when, and whether they were. */
static int xlsx_notices(struct xlsx_out *x, const struct incident_report *r, struct err *e)
{
	static const struct xlsx_column cols[] = {
		{"連絡先", 30}, {"期限", 18}, {"連絡日時", 18}, {"手段", 12}, {"備考", 40}};
	if (xlsx_out_sheet(x, "連絡", cols, 5, e))
		return e->code;
	for (size_t i = 0; i < r->nnotices; i++) {
		const struct incident_notice *n = &r->notices[i];
		const struct incident_notice_rule *nr = incident_notice_rule_find(n->party);
		char due[17], done[17] = "未連絡";
		jst_or_dash(n->due_at, due);
		if (n->done_at)
			jst_or_dash(n->done_at, done);
		const char *cells[5] = {nr ? nr->label : n->party, due, done, n->channel, n->note};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

int incident_report_xlsx(const struct incident_report *r, const struct incident_report_people *p,
			 enum incident_report_kind k, const char *today, const char *path, struct err *e)
{
	static const struct xlsx_column cols[] = {{"区分", 30}, {"項目", 34}, {"内容", 70}};
	struct xlsx_out *x;
	struct lines l;
	if (xlsx_out_open(path, "報告", cols, 3, &x, e))
		return e->code;
	build(r, p, k, today, &l);
	const char *section = "";
	int rc = 0;
	for (size_t i = 0; !rc && i < l.n; i++) {
		const struct line *y = &l.v[i];
		if (y->kind == L_SECTION)
			section = y->text;
		else if (y->kind == L_FIELD || y->kind == L_PARA)
			rc = xlsx_out_row(x, (const char *const[]){section, y->label, y->text}, e);
	}
	lines_free(&l);
	if (!rc)
		rc = xlsx_steps(x, r, k, e);
	if (!rc)
		rc = xlsx_notices(x, r, e);
	if (rc) {
		struct err ignore = {0};
		xlsx_out_close(x, &ignore);
		return rc;
	}
	return xlsx_out_close(x, e);
}

int incident_report_bytes(const struct incident_report *r, const struct incident_report_people *p,
			  enum incident_report_kind k, const char *format, const char *today,
			  struct buf *out, struct err *e)
{
	struct pdoc d;
	int rc = 0;
	incident_report_document(r, p, k, today, &d);
	if (strcmp(format, "pdf") == 0)
		rc = policy_pdf_write(&d, out, e);
	else
		policy_write_html(&d, out);
	pdoc_free(&d);
	return rc;
}

int incident_report_journal(struct tx *tx, long long incident_id, long long actor_id, const char *kind,
			    const char *format, struct err *e)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	jw_kv_string(&w, "format", format);
	jw_kv_string(&w, "report", kind);
	jw_object_end(&w);
	buf_putc(&b, '\0');
	int rc = case_event_add(tx, CASE_INCIDENT, incident_id, actor_id, "report", b.data, NULL, e);
	buf_free(&b);
	return rc;
}
