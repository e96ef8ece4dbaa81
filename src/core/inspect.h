/*
 * inspect.h — 自己点検 (guideline 9.2): a 年度 campaign of checklists made
 * from the catalog's per-role questions, answered by every person asked,
 * with their sign-in or a one-time link, then counted by 課, chapter and
 * clause and compared with the previous 年度 (docs/inspect.md).
 *
 *   draft (準備中) → open (実施中) → closed (終了)
 *
 * A campaign's number is "S" + its 年度 + "-" + a two-digit serial within
 * that 年度: "S2026-01".  Its questions are copied from the catalog when it
 * is made, so a later catalog never changes what was asked; its
 * respondents are fixed then too (one row per person and role asked).
 * Answers are 実施 / 一部実施 / 未実施 / 該当なし, stored as
 * done / partial / not_done / na, each with an optional comment.
 *
 * Writes go through tx_put_row (journaled), except the one-time links
 * (table inspect_link: a credential, not a record), which are written with
 * plain statements inside the same transaction.
 */
#ifndef MAMORI_INSPECT_H
#define MAMORI_INSPECT_H

#include <stddef.h>

#include "store/tx.h"

/* ---- campaigns ---- */

struct inspect_campaign {
	long long id, created_by;
	int fiscal_year;
	char *campaign_no, *title, *state, *opens_on, *due_on, *created_at, *opened_at, *closed_at;
};

struct inspect_campaigns {
	size_t n;
	struct inspect_campaign *v; /* by id */
};

/* Every campaign (fiscal_year 0) or those of one 年度. */
int inspect_campaigns_load(struct db *db, int fiscal_year, struct inspect_campaigns *out, struct err *e);
void inspect_campaigns_free(struct inspect_campaigns *l);
/* One campaign by number; ERR_INPUT (Japanese, naming the number) when unknown. */
int inspect_campaign_find(struct db *db, const char *no, struct inspect_campaign *out, struct err *e);
void inspect_campaign_free(struct inspect_campaign *c);
/* 準備中 / 実施中 / 終了. */
const char *inspect_state_label(const char *state);

struct inspect_new {
	const char *actor_no;  /* 職員番号: the 統括情報セキュリティ責任者 or the CISO */
	int fiscal_year;       /* 0 = the 年度 of opens_on */
	const char *title;
	const char *opens_on, *due_on; /* dates as people type them */
	const char *roles;     /* comma-separated role ids: staff, manager, system_admin … */
	const char *clauses;   /* comma-separated clause ids or prefixes ("6", "6.1"); NULL = all */
	const char *units;     /* comma-separated unit codes (a 部局 includes its 課); NULL = all */
};

/* Whether the catalog asks role anything (the roles a campaign may choose). */
struct catalog;
int inspect_role_has_questions(const struct catalog *cat, const char *role);

/* Makes a draft campaign with its questions and respondents. */
int inspect_create(struct tx *tx, const struct inspect_new *in, char **campaign_no, struct err *e);
/* draft → open, open → closed: by the 統括 or the CISO. */
int inspect_open(struct tx *tx, const char *no, const char *actor_no, struct err *e);
int inspect_close(struct tx *tx, const char *no, const char *actor_no, struct err *e);

/* Whether staff_id (holding roles) may manage campaigns: create, open,
 * close, issue links, remind, add measures and report. */
struct role_assignments;
int inspect_may_manage(const struct role_assignments *roles, long long staff_id);

/* ---- questions and respondents ---- */

struct inspect_question {
	long long id;
	int seq;
	char *role, *clause, *chapter, *text;
};

struct inspect_questions {
	size_t n;
	struct inspect_question *v; /* by role, then seq */
};

int inspect_questions_load(struct db *db, long long campaign_id, struct inspect_questions *out, struct err *e);
void inspect_questions_free(struct inspect_questions *l);

struct inspect_respondent {
	long long id, campaign_id, staff_id, unit_id;
	int reminders;
	char *role, *submitted_at, *reminded_at;
	int answered; /* how many of its questions have an answer */
	int questions; /* how many questions it was asked */
};

struct inspect_respondents {
	size_t n;
	struct inspect_respondent *v; /* by id */
};

/* Who may see which respondents: every one (all = 1), or those of the
 * units listed (a 課's manager), or one person's own (staff_id). */
struct inspect_scope {
	int all;
	const long long *unit_ids;
	size_t nunits;
	long long staff_id;
};

/* The scope a person sees results and respondents in: everything for
 * those who manage campaigns (and the committee and the audit lead, who
 * read the results); the 課 of their 情報セキュリティ管理者 roles and the
 * 課 under their 情報セキュリティ責任者 部局; otherwise their own rows.
 * Free with inspect_scope_free. */
struct org_units;
void inspect_scope_of(const struct role_assignments *roles, const struct org_units *units, long long staff_id,
		      struct inspect_scope *out);
void inspect_scope_free(struct inspect_scope *s);

struct inspect_resp_filter {
	const struct inspect_scope *scope; /* NULL = all */
	int pending;                       /* 1: only those not submitted */
	long long unit_id;                 /* 0 = any */
};

int inspect_respondents_load(struct db *db, long long campaign_id, const struct inspect_resp_filter *f,
			     struct inspect_respondents *out, struct err *e);
void inspect_respondents_free(struct inspect_respondents *l);
/* The respondent rows of one person in a campaign (one per role asked). */
int inspect_respondents_of(struct db *db, long long campaign_id, long long staff_id,
			   struct inspect_respondents *out, struct err *e);

/* ---- answers ---- */

/* "done" | "partial" | "not_done" | "na" from an id or a label
 * (実施, 一部実施, 未実施, 該当なし); NULL when neither. */
const char *inspect_answer_id(const char *text);
const char *inspect_answer_label(const char *id);

struct inspect_item {
	long long question_id;
	int seq;
	char *clause, *chapter, *text;
	char *answer, *comment, *answered_at; /* NULL while unanswered */
};

/* What a respondent sees: the campaign, who they are asked as, and every
 * question with the answer saved so far. */
struct inspect_checklist {
	struct inspect_campaign campaign;
	struct inspect_respondent resp;
	size_t n;
	struct inspect_item *v; /* by seq */
};

int inspect_checklist_load(struct db *db, long long respondent_id, struct inspect_checklist *out,
			   struct err *e);
void inspect_checklist_free(struct inspect_checklist *c);

struct inspect_answer_in {
	int seq;             /* the question's number in the checklist */
	const char *answer;  /* id or label */
	const char *comment; /* may be NULL */
};

/* Whether a respondent's answers may change now: the campaign is open and
 * the respondent has not submitted.  ERR_INPUT with the reason. */
int inspect_may_answer(const struct inspect_campaign *c, const struct inspect_respondent *r, struct err *e);
/* Saves some or all answers (partial saves are fine); every answer is
 * checked first and nothing is written when one is refused. */
int inspect_answers_save(struct tx *tx, long long respondent_id, const struct inspect_answer_in *v, size_t n,
			 struct err *e);
/* Submits: every question must have an answer.  Marks the person's
 * one-time link used. */
int inspect_submit(struct tx *tx, long long respondent_id, struct err *e);

/* The CLI's path: the respondent of staff `actor_no` in campaign `no`
 * (role may be NULL when the person is asked in one role only). */
int inspect_respondent_pick(struct db *db, const char *no, const char *actor_no, const char *role,
			    long long *respondent_id, struct err *e);

/*
 * A file of answers (.csv or .xlsx, as `inspect checklist --format csv`
 * writes it): a header row naming at least 番号 and 回答 (コメント
 * optional, other columns ignored), then one row per question.  Rows with
 * an empty 回答 are skipped.  Refused rows name the file, line and field.
 */
struct inspect_answer_file {
	size_t n;
	struct inspect_answer_in *v;
	char **owned; /* the strings v points into */
	size_t nowned;
};
struct sheet;
int inspect_answer_file_parse(const char *name, const struct sheet *s, struct inspect_answer_file *out,
			      struct err *e);
void inspect_answer_file_free(struct inspect_answer_file *f);

/* ---- one-time links ---- */

#define INSPECT_TOKEN_HEX 64 /* a token is 32 random bytes in lowercase hex */

struct inspect_link {
	long long respondent_id, staff_id, unit_id;
	char *role;
	char token[INSPECT_TOKEN_HEX + 1]; /* only in memory, never stored */
};

struct inspect_links {
	size_t n;
	struct inspect_link *v;
	char expires_at[32];
};

/* Issues a fresh token to every respondent who has not submitted (an old
 * link stops working), valid until the end (JST) of expires_on (NULL: the
 * due date plus 7 days).  The campaign must be open. */
int inspect_links_issue(struct tx *tx, const char *no, const char *actor_no, const char *expires_on,
			struct inspect_links *out, struct err *e);
void inspect_links_free(struct inspect_links *l);
/* Records that the links of these respondents went out by mail. */
int inspect_links_mailed(struct tx *tx, const long long *respondent_ids, size_t n, struct err *e);

/* 1 when token has a token's shape (INSPECT_TOKEN_HEX lowercase hex
 * digits), so a malformed one is refused before any lookup. */
int inspect_token_shaped(const char *token);
/* The respondent a token stands for: ERR_INPUT when it is unknown, used,
 * expired, or its campaign is not open.  The stored hash is compared in
 * constant time. */
int inspect_token_respondent(struct db *db, const char *token, long long *respondent_id, struct err *e);
int inspect_token_checklist(struct db *db, const char *token, struct inspect_checklist *out, struct err *e);
int inspect_token_save(struct tx *tx, const char *token, const struct inspect_answer_in *v, size_t n,
		       struct err *e);
/* Submits and uses the link up: it cannot be opened again. */
int inspect_token_submit(struct tx *tx, const char *token, struct err *e);

/* Records a reminder to each respondent listed (reminded_at, reminders + 1):
 * by a person who may manage campaigns; each must belong to campaign no and
 * not have submitted. */
int inspect_remind_record(struct tx *tx, const char *no, const char *actor_no, const long long *respondent_ids,
			  size_t n, struct err *e);

/* ---- results ---- */

enum inspect_ans { ANS_DONE, ANS_PARTIAL, ANS_NOT_DONE, ANS_NA, ANS_NONE, NANS };

struct inspect_count {
	char *key;   /* unit code, chapter or clause */
	char *label; /* unit name, chapter title or clause title */
	long long n[NANS]; /* ANS_NONE: questions not yet answered */
	double rate; /* (done + partial / 2) / (done + partial + not_done); -1 when none */
	double prev_rate; /* the same in the previous 年度's campaign; -1 when none */
};

struct inspect_counts {
	size_t n;
	struct inspect_count *v;
};

struct inspect_results {
	struct inspect_campaign campaign;
	char *prev_no;          /* the previous 年度's campaign compared with, or NULL */
	long long respondents, submitted;
	struct inspect_count total;
	struct inspect_counts by_unit, by_chapter, by_clause;
};

/* Counts a campaign's answers by 課, chapter and clause, and the previous
 * 年度's campaign (the latest of fiscal_year - 1) on the same keys. */
int inspect_results_load(struct db *db, const char *no, const struct inspect_scope *scope,
			 struct inspect_results *out, struct err *e);
void inspect_results_free(struct inspect_results *r);
/* The results as one JSON object (the CLI's --format json, the API's). */
struct buf;
void inspect_results_json(const struct inspect_results *r, struct buf *out);
/* .xlsx with sheets 課別, 章別, 条項別. */
int inspect_results_xlsx(const struct inspect_results *r, const char *path, struct err *e);

/* ---- improvement measures per finding (9.2.3) ---- */

struct inspect_measure_new {
	const char *actor_no;       /* who files it (corrective.h says who may) */
	const char *unit;           /* 課 code or unique name */
	const char *clause;         /* one of the campaign's clauses, or NULL */
	const char *problem, *measure;
	const char *owner_no;       /* 職員番号; NULL = the 課's 情報セキュリティ管理者 */
	const char *due_on;         /* may be NULL */
};

/* Files a corrective action of source "inspect" for campaign no. */
int inspect_measure_add(struct tx *tx, const char *no, const struct inspect_measure_new *in, char **action_no,
			struct err *e);

/* ---- the summary to the committee (9.2.2) ---- */

/* The report as HTML or PDF bytes (format "html" or "pdf") or plain text. */
int inspect_report_bytes(struct db *db, const struct inspect_results *r, const char *format, const char *today,
			 struct buf *out, struct err *e);
/* Records that the report went to the committee: a committee_report row of
 * kind "inspect" with the SHA-256 of the bytes reported. */
int inspect_report_record(struct tx *tx, const struct inspect_results *r, const char *actor_no,
			  const char *reported_on, const char *content_hash, struct err *e);

#endif
