/*
 * page_report.c — the public reporting page (guideline 5.3(2)): residents
 * and outside parties (事業者・関係機関) tell the municipality about a
 * security problem they noticed, without signing in.
 *
 * The page exists only when the profile switches it on
 * (`mamori profile set public_incident_report yes`); otherwise /report
 * answers 404 as if there were no such page.  A report is filed through
 * incident_file like any other (source "resident" or "external", no acting
 * member of staff), so CSIRT finds it in the incident list and core computes
 * its notices.  The sender learns the 受付番号 and nothing else: the
 * incident itself is for staff only.
 *
 * Protection without a session: the router checks a pre-login token (a
 * cookie for Path=/report, see web_prelogin_token); the report limits
 * (rate_limit.h) count accepted reports per address and overall; every
 * field is bounded and must be UTF-8.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/incident.h"
#include "core/profile.h"
#include "store/tx.h"
#include "util/fold.h"
#include "util/timeutil.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"

/* Characters per field: enough for a careful account, small enough that the
 * whole form stays far below the server's 64 KiB body limit. */
#define REPORT_FIELD_MAX 2000
/* A generated 件名 is cut to this many characters. */
#define REPORT_TITLE_CHARS 40

/* The journal's actor for a report from the public page. */
#define REPORT_ACTOR "public:report"

struct report_form {
	const char *name, *contact, *title, *situation, *noticed;
	int as_org; /* 事業者・関係機関として報告 */
};

/*
 * Whether the page is switched on; *self receives how the municipality calls
 * itself (本市, 本町 …; caller frees).  Answers 404 (or 500) itself when the
 * page is off and returns 0.
 */
static int report_open(struct web_req *rq, struct web_resp *rs, char **self)
{
	struct profile p;
	struct err e = {0};
	*self = NULL;
	if (profile_load(rq->db, &p, &e)) {
		web_internal_error(rq, rs, &e);
		return 0;
	}
	int on = p.public_incident_report;
	if (on)
		*self = xstrdup(p.self ? p.self : "");
	profile_free(&p);
	if (!on)
		web_error(rq, rs, 404, "not_found", "ページが見つかりません");
	return on;
}

static const char *field(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v ? v : "";
}

static void read_form(const struct web_req *rq, struct report_form *f)
{
	f->name = field(rq, "name");
	f->contact = field(rq, "contact");
	f->title = field(rq, "title");
	f->situation = field(rq, "situation");
	f->noticed = field(rq, "noticed");
	f->as_org = strcmp(field(rq, "as_org"), "1") == 0;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Whether s holds nothing but spaces (ASCII or 全角) and line breaks. */
static int blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "　", strlen("　")) == 0)
			s += strlen("　");
		else
			return 0;
	}
	return 1;
}

/* A telephone number has digits (ASCII or 全角); a mail address has an @. */
static int reachable(const char *s)
{
	int digits = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
			digits++; /* ０–９ */
	}
	const char *at = strchr(s, '@');
	return digits >= 6 || (at && at > s && at[1]);
}

/* s when it can be shown back in the form, else "". */
static const char *readable(const char *s)
{
	return utf8_valid(s, (long)strlen(s)) ? s : "";
}

/* The first problem with the form, or NULL. */
static const char *form_problem(const struct report_form *f)
{
	const char *values[] = {f->name, f->contact, f->title, f->situation, f->noticed};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		if (!utf8_valid(values[i], (long)strlen(values[i])))
			return "送信された文字を読み取れません（UTF-8 ではありません）。入力し直してください。";
		if (utf8_chars(values[i]) > REPORT_FIELD_MAX)
			return "各項目は 2,000 文字以内で入力してください。";
	}
	if (blank(f->name))
		return "お名前を入力してください。";
	if (blank(f->contact))
		return "ご連絡先（電話番号またはメールアドレス）を入力してください。";
	if (!reachable(f->contact))
		return "ご連絡先には、電話番号またはメールアドレスを入力してください。";
	if (blank(f->situation))
		return "何が起きたか（状況）を入力してください。";
	return NULL;
}

static void page_head(struct web_req *rq, struct web_resp *rs, int status, const char *title)
{
	/* the public never sees the application's navigation, even when the
	 * browser happens to carry a member of staff's session */
	struct web_req anon = *rq;
	anon.user = NULL;
	rs->status = status;
	rs->content_type = NULL;
	rs->no_store = 1;
	layout_begin(&rs->body, &anon, title);
}

static void explanation(struct buf *b, const char *self)
{
	html_printf(b, "<section class=\"report-intro\">"
		       "<p>%sの情報システムやホームページ、個人情報の取扱いなどについて、"
		       "情報セキュリティ上の問題（なりすましメール、ホームページの改ざん、個人情報の漏えいの"
		       "おそれ、書類や機器の紛失など）に気付かれた方は、このページからお知らせください。</p>"
		       "<p>ログインは不要です。<span class=\"report-req\">必須</span>の項目は必ず入力してください。"
		       "急を要する場合は、お電話でもご連絡ください。</p>"
		       "</section>\n",
		    self);
}

static void notice(struct buf *b)
{
	buf_puts(b, "<section class=\"report-notice\" aria-labelledby=\"report-notice-title\">"
		    "<h2 id=\"report-notice-title\">お知らせいただいた内容の取扱い</h2>"
		    "<ul><li>内容は、情報セキュリティの事案に対応する担当（CSIRT）が確認し、"
		    "必要な調査と対応を行います。</li>"
		    "<li>内容を確認するため、担当者からご連絡することがあります。"
		    "お名前とご連絡先は、この報告への対応のためにだけ使います。</li>"
		    "<li>調査の経過や結果をこのページでお知らせすることはできません。"
		    "お問い合わせの際は、送信後に表示される受付番号をお伝えください。</li>"
		    "<li>パスワードやカード番号など、秘密の情報は書かないでください。</li></ul>"
		    "</section>\n");
}

static void text_input(struct buf *b, const char *id, const char *label, int required,
		       const char *value, const char *extra)
{
	html_printf(b, "<label for=\"r-%s\">%s", id, label);
	if (required)
		buf_puts(b, " <span class=\"report-req\">必須</span>");
	html_printf(b, "</label><input id=\"r-%s\" name=\"%s\" maxlength=\"2000\" value=\"%s\"", id,
		    id, value);
	buf_puts(b, extra);
	buf_puts(b, required ? " required>" : ">");
}

static void report_form(struct web_req *rq, struct web_resp *rs, const char *self, int status,
			const struct report_form *f, const char *error)
{
	char token[65];
	web_prelogin_token(rq, rs, "/report", token);
	page_head(rq, rs, status, "情報セキュリティに関するご報告");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>情報セキュリティに関するご報告</h1>\n");
	explanation(b, self);
	if (error)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
	html_printf(b, "<form method=\"post\" action=\"/report\" class=\"stack report-form\">"
		       "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
		    token);
	text_input(b, "name", "お名前", 1, f->name, " autocomplete=\"name\"");
	text_input(b, "contact", "ご連絡先（電話番号またはメールアドレス）", 1, f->contact, "");
	text_input(b, "title", "件名", 0, f->title, "");
	html_printf(b, "<label for=\"r-situation\">何が起きたか（状況） <span class=\"report-req\">必須</span>"
		       "</label><textarea id=\"r-situation\" name=\"situation\" rows=\"8\" maxlength=\"2000\" "
		       "required>%s</textarea>",
		    f->situation);
	text_input(b, "noticed", "いつ気付いたか（例: 6月1日の午前9時ごろ）", 0, f->noticed, "");
	html_printf(b, "<label class=\"report-check\"><input type=\"checkbox\" name=\"as_org\" value=\"1\"%s> "
		       "事業者・関係機関として報告</label>",
		    f->as_org ? " checked" : "");
	buf_puts(b, "<button type=\"submit\">送信する</button></form>\n");
	notice(b);
	layout_end(b);
}

void page_report_get(struct web_req *rq, struct web_resp *rs)
{
	char *self;
	if (!report_open(rq, rs, &self))
		return;
	struct report_form empty = {"", "", "", "", "", 0};
	report_form(rq, rs, self, 200, &empty, NULL);
	free(self);
}

/* 件名 as given, or the start of the first line of the situation. */
static char *report_title(const struct report_form *f)
{
	if (!blank(f->title))
		return xstrdup(f->title);
	const char *s = f->situation;
	while (*s == ' ' || *s == '\r' || *s == '\n' || *s == '\t')
		s++;
	size_t n = 0, chars = 0;
	while (s[n] && s[n] != '\r' && s[n] != '\n' && chars < REPORT_TITLE_CHARS) {
		n++;
		while (((unsigned char)s[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	return xasprintf("%s：%.*s%s", f->as_org ? "外部からの報告" : "住民からの報告", (int)n, s,
			 s[n] && s[n] != '\r' && s[n] != '\n' ? "…" : "");
}

/*
 * The situation as filed.  When the sender noticed it is kept as their own
 * words inside it rather than as the detection time: a resident's "last
 * week" is not an instant, and the notices' deadlines run from when the
 * municipality learned of it, which is now.
 */
static char *report_situation(const struct report_form *f)
{
	if (blank(f->noticed))
		return xstrdup(f->situation);
	return xasprintf("%s\n\n気付いた時期（報告者による）: %s", f->situation, f->noticed);
}

struct report_file_args {
	const struct report_form *f;
	char *incident_no;
};

static int do_file(struct tx *tx, void *arg, struct err *e)
{
	struct report_file_args *a = arg;
	char *title = report_title(a->f), *situation = report_situation(a->f);
	struct incident_new in = {0};
	in.source = a->f->as_org ? "external" : "resident";
	in.reporter_name = a->f->name;
	in.reporter_contact = a->f->contact;
	in.title = title;
	in.situation = situation;
	int rc = incident_file(tx, &in, &a->incident_no, e);
	free(title);
	free(situation);
	return rc;
}

static void thanks(struct web_req *rq, struct web_resp *rs, const struct report_form *f, const char *no)
{
	page_head(rq, rs, 200, "ご報告を受け付けました");
	struct buf *b = &rs->body;
	html_printf(b, "<h1>ご報告を受け付けました</h1>\n"
		       "<p>%s 様、お知らせいただきありがとうございます。</p>\n"
		       "<p class=\"report-no\">受付番号 <strong>%s</strong></p>\n"
		       "<p>担当者が内容を確認し、必要に応じてご連絡先（%s）にご連絡します。"
		       "お問い合わせの際は、この受付番号をお伝えください。</p>\n",
		    f->name, no, f->contact);
	notice(b);
	layout_end(b);
}

/* Files the checked report in one transaction as the public page. */
static void file_report(struct web_req *rq, struct web_resp *rs, const char *self, const struct report_form *f)
{
	struct report_file_args a = {f, NULL};
	struct err e = {0};
	struct tx tx;
	int rc = tx_begin(&tx, rq->db, REPORT_ACTOR, &e);
	if (!rc && (rc = do_file(&tx, &a, &e)) != 0)
		tx_rollback(&tx);
	else if (!rc)
		rc = tx_commit(&tx, &e);
	if (rc == ERR_INPUT) {
		report_form(rq, rs, self, 422, f, e.msg);
	} else if (rc) {
		web_internal_error(rq, rs, &e);
	} else {
		thanks(rq, rs, f, a.incident_no);
	}
	free(a.incident_no);
}

/* 429: the limits of rate_limit.h; the page points to the telephone. */
static void too_many(struct web_req *rq, struct web_resp *rs)
{
	page_head(rq, rs, 429, "送信を受け付けられませんでした");
	buf_puts(&rs->body, "<h1>送信を受け付けられませんでした</h1>\n<p class=\"error\" role=\"alert\">"
			    "短時間に多くの報告が送信されました。しばらくしてから再度お試しいただくか、"
			    "電話でご連絡ください。</p>\n");
	layout_end(&rs->body);
}

void page_report_post(struct web_req *rq, struct web_resp *rs)
{
	char *self;
	if (!report_open(rq, rs, &self))
		return;
	struct report_form f;
	read_form(rq, &f);
	const char *problem = form_problem(&f);
	if (problem) {
		/* the values come back as typed, except text that is not UTF-8 */
		struct report_form shown = {readable(f.name), readable(f.contact), readable(f.title),
					    readable(f.situation), readable(f.noticed), f.as_org};
		report_form(rq, rs, self, 422, &shown, problem);
	} else if (rate_limit_take(&rq->shared->reports, rq->addr, time_now_epoch()) != RATE_OK) {
		too_many(rq, rs);
	} else {
		file_report(rq, rs, self, &f);
	}
	free(self);
}
