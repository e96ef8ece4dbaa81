/*
 * inspect_web.h — what the 自己点検 pages (page_inspect*.c) and the API
 * (api_inspect.c) share: who manages campaigns, the scoped SQL behind the
 * lists (respondents paged in SQL, progress counted in SQL, so a campaign of
 * 20,000 people never loads all its answers into a page), and the
 * checklist form that both the signed-in page and the one-time link page
 * draw and read.
 *
 * The rules themselves stay in core/inspect.h: these functions only read,
 * and every write goes through inspect_answers_save, inspect_submit and the
 * other core calls.
 */
#ifndef MAMORI_WEB_INSPECT_WEB_H
#define MAMORI_WEB_INSPECT_WEB_H

#include "core/inspect.h"
#include "core/inspect_write.h"
#include "web/web.h"

/* The roles that may reach the managing routes (inspect_may_manage decides). */
extern const char *const inspect_web_manage_roles[];

/* A checklist page shows at most this many questions, so one form stays well
 * under the server's FORM_MAX_FIELDS (an answer and a comment per question). */
#define INSPECT_WEB_PART 60

/* Respondents shown per page of the campaign page. */
#define INSPECT_WEB_PAGE 50

/* Submitted and total respondents in a scope. */
struct inspect_web_progress {
	long long respondents, submitted;
};

/* One row of the progress by 課. */
struct inspect_web_unit {
	long long unit_id;
	char *code, *name;
	struct inspect_web_progress p;
};

struct inspect_web_units {
	size_t n;
	struct inspect_web_unit *v;
};

/* One row of the respondents' list, with names resolved in SQL. */
struct inspect_web_resp {
	long long id;
	char *staff_no, *name, *unit, *role, *submitted_at, *reminded_at;
	long long reminders, answered, questions;
};

struct inspect_web_resps {
	size_t n;
	struct inspect_web_resp *v;
	long long total; /* rows matching the filter, before paging */
};

/* A pending checklist of the signed-in person. */
struct inspect_web_mine {
	char *campaign_no, *title, *role, *due_on;
	long long answered, questions;
};

struct inspect_web_mines {
	size_t n;
	struct inspect_web_mine *v;
};

/* The person's inspect scope (inspect_scope_of); free with inspect_scope_free. */
void inspect_web_scope(const struct web_req *rq, struct inspect_scope *out);
/* Whether the person may open campaign c's page: they see every
 * respondent or some units, or they were asked in it. */
int inspect_web_visible(struct web_req *rq, const struct inspect_campaign *c, const struct inspect_scope *s,
			struct err *e, int *visible);
/* The campaign page (page_inspect_show.c) with status, and error above it
 * when an action was refused; the managing forms keep the posted values. */
void inspect_web_show(struct web_req *rq, struct web_resp *rs, int status, const char *error);
/* Campaign rq->id whoever asks; answers 404 itself (or 500) and returns -1
 * when there is none.  Free c on success. */
int inspect_web_campaign_find(struct web_req *rq, struct web_resp *rs, struct inspect_campaign *c);
/* The signed-in person's own checklist in campaign rq->id: the one of role
 * when given, else the first, or with must_choose a 400 when the person is
 * asked in several roles.  Answers 404 itself (or 500) and returns -1 when
 * there is none.  Free cl on success. */
int inspect_web_my_checklist(struct web_req *rq, struct web_resp *rs, const char *role, int must_choose,
			      struct inspect_checklist *cl);
/* The campaign of rq->id the person may see; answers 404 itself (or 500)
 * and returns -1 otherwise.  Free c and s on success. */
int inspect_web_campaign(struct web_req *rq, struct web_resp *rs, struct inspect_campaign *c,
			 struct inspect_scope *s);

int inspect_web_progress_load(struct db *db, long long campaign_id, const struct inspect_scope *s,
			      struct inspect_web_progress *out, struct err *e);
int inspect_web_units_load(struct db *db, long long campaign_id, const struct inspect_scope *s,
			   struct inspect_web_units *out, struct err *e);
void inspect_web_units_free(struct inspect_web_units *l);
/* A page of respondents (ordered by 課, 職員番号, role); pending: only
 * those who have not submitted. */
int inspect_web_resps_load(struct db *db, long long campaign_id, const struct inspect_scope *s, int pending,
			   long limit, long offset, struct inspect_web_resps *out, struct err *e);
void inspect_web_resps_free(struct inspect_web_resps *l);
/* Whether campaign c belongs in the person's list of campaigns (the page
 * and the JSON), with its progress in scope s: a draft only for those who
 * manage, and for one who sees only their own rows only a campaign that
 * asks them.  1 listed (*p filled), 0 not listed, -1 with e set. */
int inspect_web_listed(struct db *db, const struct inspect_campaign *c, const struct inspect_scope *s, int manager,
		       struct inspect_web_progress *p, struct err *e);
/* What a campaign's page and its JSON both show in a scope: the progress,
 * the progress by 課 and one page of respondents (pending: those who have
 * not submitted).  out is left empty on failure; free it either way. */
struct inspect_web_overview {
	struct inspect_web_progress progress;
	struct inspect_web_units units;
	struct inspect_web_resps resps;
};
int inspect_web_overview_load(struct db *db, long long campaign_id, const struct inspect_scope *s, int pending,
			      long limit, long offset, struct inspect_web_overview *out, struct err *e);
void inspect_web_overview_free(struct inspect_web_overview *o);
/* Whether the query asks for pending respondents only (pending=1). */
int inspect_web_pending_asked(const struct web_req *rq);
/* The ids of every pending respondent in scope (for reminders). */
int inspect_web_pending_ids(struct db *db, long long campaign_id, const struct inspect_scope *s, long long **ids,
			    size_t *n, struct err *e);
/* Open campaigns where staff_id is asked and has not submitted. */
int inspect_web_mine_load(struct db *db, long long staff_id, struct inspect_web_mines *out, struct err *e);
void inspect_web_mines_free(struct inspect_web_mines *l);

/* ---- the checklist form (inspect_web_form.c) ---- */

/* Which part (0-based) of a checklist the query or form asks for. */
size_t inspect_web_part(const struct web_req *rq, const struct inspect_checklist *c);
/*
 * The checklist of one part as a form posting to action: questions grouped
 * by chapter (titled from cat), four large radio buttons and a comment each, a sticky bar
 * with 一時保存 and 提出.  shown: the posted form whose values replace the
 * saved ones (after a refusal), or NULL.  csrf: the token for the hidden
 * field.  readonly: a submitted or closed checklist, shown without inputs.
 */
struct catalog;
void inspect_web_form(struct buf *b, const struct catalog *cat, const struct inspect_checklist *c, size_t part,
		      const char *action, const char *csrf, const struct form *shown, int readonly);
/*
 * The answers of a posted checklist form: every question with a chosen
 * answer (a<seq>) and its comment (c<seq>).  Returns 0, or ERR_INPUT with a
 * Japanese message (a comment without an answer).  The strings point into
 * the form: free only *v.
 */
int inspect_web_answers_read(const struct form *f, const struct inspect_checklist *c, struct inspect_answer_in **v,
			     size_t *n, struct err *e);
/* Whether the form asks to submit (the 提出 button) rather than save. */
int inspect_web_wants_submit(const struct form *f);

/* ---- the answer page (inspect_web_answer.c) ---- */

struct inspect_web_view {
	const struct inspect_checklist *c;
	const char *action;      /* the page's own path, where the form posts */
	const char *csrf;        /* the token of the hidden field */
	const struct form *shown; /* the refused form, or NULL */
	const char *error;       /* why the form was refused, or NULL */
	int status;
	int public_page;         /* the one-time link page: no navigation */
};

/* The whole page of a checklist: heading, state, and the form (or the
 * answers as text once submitted or when answers are not taken). */
void inspect_web_answer_page(struct web_req *rq, struct web_resp *rs, const struct inspect_web_view *v);

#endif
