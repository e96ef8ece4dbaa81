/*
 * cmd_inspect_links.c — `inspect respondents NO [--pending] [--unit CODE]`,
 * `inspect links NO --base-url URL [-o FILE] [--expires DATE] [--mail]` and
 * `inspect remind NO [--mail] [--base-url URL]` (docs/inspect.md).
 *
 * Links are committed before any mail goes out, so a mail never carries a
 * token the database does not hold; which mails the relay accepted is
 * recorded in a second transaction.  Progress goes to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/case_cli.h"
#include "cli/cli.h"
#include "cli/cmd_inspect.h"
#include "core/inspect.h"
#include "core/inspect_links_out.h"
#include "core/inspect_mail.h"
#include "core/inspect_write.h"
#include "core/mail.h"
#include "core/org.h"
#include "core/profile.h"
#include "core/staff.h"
#include "core/vocab.h"
#include "store/tx.h"
#include "util/durable.h"
#include "util/smtp.h"
#include "util/xlsx_write.h"

struct people {
	struct staff_list staff;
	struct org_units units;
};

static int people_load(struct db *db, struct people *p, struct err *e)
{
	memset(p, 0, sizeof *p);
	return staff_load(db, "", &p->staff, e) || org_units_load(db, &p->units, e) ? e->code : 0;
}

static void people_free(struct people *p)
{
	staff_list_free(&p->staff);
	org_units_free(&p->units);
}

static const char *unit_name(const struct people *p, long long id)
{
	const struct org_unit *u = org_unit_by_id(&p->units, id);
	return u ? u->name : "";
}

/* ---- respondents ---- */

int inspect_respondents_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"pending", 0, NULL}, {"unit", 1, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct inspect_campaign x;
	struct inspect_respondents rs;
	struct people p;
	if (cli_parse("inspect respondents", argc, argv, o, 2, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("inspect respondents: 自己点検の番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (inspect_campaign_find(c->db, pos[0], &x, &e))
		return cli_fail(&e);
	int rc = people_load(c->db, &p, &e);
	struct inspect_resp_filter f = {.pending = o[0].value != NULL};
	if (!rc && o[1].value) {
		const struct org_unit *u;
		rc = org_unit_resolve(&p.units, o[1].value, &u, &e);
		if (!rc)
			f.unit_id = u->id;
	}
	if (!rc)
		rc = inspect_respondents_load(c->db, x.id, &f, &rs, &e);
	inspect_campaign_free(&x);
	if (rc) {
		people_free(&p);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "respondents", "職員番号,氏名,課,役割,回答数,設問数,提出日時,督促回数,最終督促日時");
	for (size_t i = 0; i < rs.n; i++) {
		const struct inspect_respondent *r = &rs.v[i];
		const struct staff *s = staff_by_id(&p.staff, r->staff_id);
		char answered[16], questions[16], reminders[16];
		snprintf(answered, sizeof answered, "%d", r->answered);
		snprintf(questions, sizeof questions, "%d", r->questions);
		snprintf(reminders, sizeof reminders, "%d", r->reminders);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_int(&out.w, "answered", r->answered);
			jw_kv_string(&out.w, "name", s ? s->name : NULL);
			jw_kv_int(&out.w, "questions", r->questions);
			jw_kv_string(&out.w, "reminded_at", r->reminded_at);
			jw_kv_int(&out.w, "reminders", r->reminders);
			jw_kv_string(&out.w, "role", r->role);
			jw_kv_string(&out.w, "staff_no", s ? s->staff_no : NULL);
			jw_kv_string(&out.w, "submitted_at", r->submitted_at);
			jw_kv_string(&out.w, "unit", unit_name(&p, r->unit_id));
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {s ? s->staff_no : "", s ? s->name : "", unit_name(&p, r->unit_id),
					       vocab_label(&vocab_role, r->role), answered, questions,
					       r->submitted_at ? r->submitted_at : "", reminders,
					       r->reminded_at ? r->reminded_at : ""};
			for (size_t k = 0; k < 9; k++)
				buf_csv_field(&out.b, cells[k], k == 8);
		} else {
			buf_printf(&out.b, "%s\t%s\t%s\t%s\t%d/%d\t%s\t督促 %d 回\n", s ? s->staff_no : "?", s ? s->name : "?",
				   unit_name(&p, r->unit_id), vocab_label(&vocab_role, r->role), r->answered, r->questions,
				   r->submitted_at ? "提出済み" : "未提出", r->reminders);
		}
	}
	list_end(&out);
	inspect_respondents_free(&rs);
	people_free(&p);
	return EXIT_OK;
}

/* ---- mail ---- */

static void progress(size_t done, size_t total, void *arg)
{
	(void)arg;
	if (done == total || done % 1000 == 0)
		fprintf(stderr, "メール送信中 %zu / %zu\n", done, total);
}

static void refused(size_t i, const char *why, void *arg)
{
	(void)i;
	(void)arg;
	fprintf(stderr, "mamori: %s\n", why);
}

/* Refuses --mail before anything is issued when mail is not set up. */
static int mail_ready(struct cli *c, struct err *e)
{
	struct profile prof;
	struct smtp_relay relay;
	if (cli_open(c, 0))
		return err_set(e, ERR_INPUT, "データベースを開けません");
	if (profile_load(c->db, &prof, e))
		return e->code;
	int rc = mail_config(&prof, &relay, e);
	if (!rc)
		smtp_relay_free(&relay);
	profile_free(&prof);
	return rc;
}

/* ---- links ---- */

/* http(s)://host[:port][/path], no spaces or quotes; the trailing / dropped. */
static int base_url_ok(const char *url, char *out, size_t n)
{
	if (!url || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
		return 0;
	if (strlen(url) >= n || strpbrk(url, " \t\r\n\"'<>") || strlen(url) < 10)
		return 0;
	snprintf(out, n, "%s", url);
	size_t len = strlen(out);
	while (len && out[len - 1] == '/')
		out[--len] = '\0';
	return 1;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int write_xlsx(const struct inspect_link_issuing *a, const struct people *p, const char *base,
		      const char *path, struct err *e)
{
	static const double widths[INSPECT_LINK_COLS] = {10, 16, 20, 20, 60, 22};
	struct xlsx_column cols[INSPECT_LINK_COLS];
	struct xlsx_out *x = NULL;
	for (size_t k = 0; k < INSPECT_LINK_COLS; k++)
		cols[k] = (struct xlsx_column){inspect_link_titles[k], widths[k]};
	if (xlsx_out_open(path, "一回限りのリンク", cols, INSPECT_LINK_COLS, &x, e))
		return e->code;
	char url[640];
	const char *cells[INSPECT_LINK_COLS];
	int rc = 0;
	for (size_t i = 0; i < a->links.n && !rc; i++) {
		inspect_link_cells(&a->links, i, &p->staff, &p->units, base, url, sizeof url, cells);
		rc = xlsx_out_row(x, cells, e);
	}
	return xlsx_out_finish(x, rc, e);
}

/* The list to distribute: .xlsx when path ends so, else CSV to path or
 * stdout. */
static int write_list(const struct inspect_link_issuing *a, const struct people *p, const char *base, const char *path,
		      struct err *e)
{
	if (path && ends_with(path, ".xlsx"))
		return write_xlsx(a, p, base, path, e);
	struct buf b = BUF_INIT;
	int rc = 0;
	inspect_links_csv(&a->links, &p->staff, &p->units, base, &b);
	if (path)
		rc = durable_write_file(path, b.data, b.len, e);
	else
		fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	return rc;
}

static int mail_links(struct cli *c, const struct inspect_link_issuing *a, const struct people *p, const char *base,
		      struct err *e)
{
	struct inspect_campaign x;
	struct inspect_mails mails;
	struct inspect_mailing m;
	if (inspect_campaign_find(c->db, a->no, &x, e))
		return e->code;
	inspect_link_mails(&x, &a->links, &p->staff, base, &mails);
	int rc = inspect_mails_send(c->db, &mails, progress, refused, NULL, &m.ids, &m.n, e);
	int rc2 = m.n ? inspect_cli_write(c, inspect_links_mailed_write, &m, NULL) : EXIT_OK;
	fprintf(stderr, "メールで送りました: %zu 件（メールアドレスのない人 %zu 件、送れなかった %zu 件）\n", m.n,
		mails.no_address, mails.n - m.n);
	free(m.ids);
	inspect_mails_free(&mails);
	inspect_campaign_free(&x);
	if (rc)
		return rc;
	return rc2 == EXIT_OK ? 0 : err_set(e, ERR_IO, "送信の記録に失敗しました");
}

int inspect_links_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"o", 1, NULL}, {"base-url", 1, NULL}, {"expires", 1, NULL}, {"mail", 0, NULL}};
	char *pos[1], base[512];
	int npos;
	struct err e = {0};
	struct people p;
	if (case_need_actor(c, "inspect links") || cli_parse("inspect links", argc, argv, o, 4, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("inspect links: 自己点検の番号を指定してください");
	char *profile_base = NULL;
	if (!o[1].value && !cli_open(c, 0))
		profile_base = profile_base_url(c->db);
	int base_ok = base_url_ok(o[1].value ? o[1].value : profile_base, base, sizeof base);
	free(profile_base);
	if (!base_ok)
		return cli_usage("inspect links: 回答画面の URL の起点を --base-url https://… で指定するか、mamori profile set base_url https://… で設定してください%s%s%s",
				 o[1].value ? "（「" : "", o[1].value ? o[1].value : "", o[1].value ? "」は使えません）" : "");
	if (o[3].value && mail_ready(c, &e))
		return cli_fail(&e);
	struct inspect_link_issuing a = {pos[0], c->actor_no, o[2].value, {0}};
	int rc = inspect_cli_write(c, inspect_links_issue_write, &a, NULL);
	if (rc) {
		inspect_links_free(&a.links);
		return rc;
	}
	fprintf(stderr, "リンクを %zu 件発行しました（有効期限 %s）\n", a.links.n, a.links.expires_at);
	if (people_load(c->db, &p, &e)) {
		inspect_links_free(&a.links);
		return cli_fail(&e);
	}
	rc = write_list(&a, &p, base, o[0].value, &e);
	if (!rc && o[0].value)
		fprintf(stderr, "配布用の一覧を %s に書き出しました\n", o[0].value);
	if (!rc && o[3].value)
		rc = mail_links(c, &a, &p, base, &e);
	people_free(&p);
	inspect_links_free(&a.links);
	return rc ? cli_fail(&e) : EXIT_OK;
}

/* ---- reminders ---- */

/* Mails the reminders; a->ids gets those the relay accepted. */
static int mail_reminders(struct db *db, const struct inspect_campaign *x, const struct inspect_respondents *rs,
			  const struct people *p, const char *base, struct inspect_reminding *a, struct err *e)
{
	struct inspect_mails m;
	inspect_reminder_mails(x, rs, &p->staff, base, &m);
	free(a->ids);
	int rc = inspect_mails_send(db, &m, progress, refused, NULL, &a->ids, &a->n, e);
	inspect_mails_free(&m);
	return rc;
}

/* The campaign, the people and its respondents who have not submitted
 * (of one 課 when unit is given). */
static int pending_load(struct db *db, const char *no, const char *unit, struct inspect_campaign *x,
			struct people *p, struct inspect_respondents *rs, struct err *e)
{
	memset(rs, 0, sizeof *rs);
	memset(p, 0, sizeof *p);
	if (inspect_campaign_find(db, no, x, e))
		return e->code;
	struct inspect_resp_filter f = {.pending = 1};
	if (people_load(db, p, e))
		return e->code;
	if (unit) {
		const struct org_unit *u;
		if (org_unit_resolve(&p->units, unit, &u, e))
			return e->code;
		f.unit_id = u->id;
	}
	return inspect_respondents_load(db, x->id, &f, rs, e);
}

static void print_pending(const struct people *p, const struct inspect_respondents *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct staff *s = staff_by_id(&p->staff, rs->v[i].staff_id);
		printf("%s\t%s\t%s\t%s\t%d/%d\n", s ? s->staff_no : "?", s ? s->name : "?", unit_name(p, rs->v[i].unit_id),
		       vocab_label(&vocab_role, rs->v[i].role), rs->v[i].answered, rs->v[i].questions);
	}
}

int inspect_remind_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"mail", 0, NULL}, {"base-url", 1, NULL}, {"unit", 1, NULL}};
	char *pos[1], base[512];
	int npos;
	struct err e = {0};
	struct inspect_campaign x = {0};
	struct inspect_respondents rs;
	struct people p;
	if (case_need_actor(c, "inspect remind") || cli_parse("inspect remind", argc, argv, o, 3, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("inspect remind: 自己点検の番号を指定してください");
	if (o[1].value && !base_url_ok(o[1].value, base, sizeof base))
		return cli_usage("inspect remind: --base-url「%s」は使えません（https://… の形で）", o[1].value);
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (!o[1].value) {
		/* the profile's base_url, when set, is the default */
		char *profile_base = profile_base_url(c->db);
		if (profile_base && base_url_ok(profile_base, base, sizeof base))
			o[1].value = base;
		free(profile_base);
	}
	int rc = pending_load(c->db, pos[0], o[2].value, &x, &p, &rs, &e);
	struct inspect_reminding a = {pos[0], c->actor_no, xcalloc(rs.n + 1, sizeof(long long)), 0};
	if (!rc && o[0].value)
		rc = mail_reminders(c->db, &x, &rs, &p, o[1].value ? base : NULL, &a, &e);
	for (size_t i = 0; !rc && !o[0].value && i < rs.n; i++)
		a.ids[a.n++] = rs.v[i].id;
	int out = rc ? cli_fail(&e) : EXIT_OK;
	if (!rc && rs.n == 0)
		fprintf(stderr, "未提出の回答者はいません\n");
	else if (!rc && a.n)
		out = inspect_cli_write(c, inspect_remind_write, &a, NULL);
	if (!rc && rs.n && out == EXIT_OK) {
		if (!o[0].value)
			print_pending(&p, &rs);
		fprintf(stderr, "督促を %zu 人に記録しました%s\n", a.n, o[0].value ? "（メール送信）" : "");
	}
	free(a.ids);
	inspect_respondents_free(&rs);
	people_free(&p);
	inspect_campaign_free(&x);
	return out;
}
