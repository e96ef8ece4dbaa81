/*
 * audit_item.c — what an audit looks at (audit.h): clauses of the catalog,
 * one by one or a whole chapter or section at once ("6", "6.2", or "2.2.1.*"
 * for a clause and everything below it), each with how it was
 * examined and what was found.
 */
#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_internal.h"
#include "core/case_util.h"
#include "core/catalog.h"
#include "core/rows.h"
#include "util/buf.h"

static void read_item(struct db_stmt *st, void *elem)
{
	struct audit_item *it = elem;
	it->id = db_column_int(st, 0);
	it->audit_id = col_id(st, 1);
	it->clause = col_dup(st, 2);
	it->method = col_dup(st, 3);
	it->result = col_dup(st, 4);
	it->note = col_dup(st, 5);
}

int audit_items_load(struct db *db, long long audit_id, struct audit_items *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load_for(db, "SELECT id, audit_id, clause, method, result, note FROM audit_item"
				   " WHERE audit_id = ? ORDER BY id",
			       audit_id, sizeof *out->v, read_item, (void **)&out->v, &out->n, e);
	if (rc)
		audit_items_free(out);
	return rc;
}

void audit_items_free(struct audit_items *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].clause);
		free(l->v[i].method);
		free(l->v[i].result);
		free(l->v[i].note);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

const char *audit_result_label(const char *result)
{
	static const struct {
		const char *id, *label;
	} labels[] = {{"conform", "適合"}, {"nonconform", "不適合"}, {"observation", "所見"}, {"na", "該当なし"}};
	for (size_t i = 0; result && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].id, result) == 0)
			return labels[i].label;
	return result ? result : "未評価";
}

static int put_item(struct tx *tx, const struct audit_item *it, int insert, const char *kind, struct err *e)
{
	struct row r;
	row_init(&r, "audit_item");
	row_int(&r, "id", it->id);
	row_id_ref(&r, "audit_id", it->audit_id);
	row_text(&r, "clause", it->clause);
	row_text(&r, "method", it->method);
	row_text(&r, "result", it->result);
	row_text(&r, "note", it->note);
	return tx_put_row(tx, kind, &r, insert, e);
}

static int have_clause(const struct audit_items *items, const char *clause)
{
	for (size_t i = 0; i < items->n; i++)
		if (strcmp(items->v[i].clause, clause) == 0)
			return 1;
	return 0;
}

/* The catalog entries one argument names: itself, or every entry below a
 * chapter or section ("6", "6.2").  *count = 0 when it names nothing. */
static void expand(const struct catalog *cat, const char *arg, const char **out, size_t *count)
{
	size_t n = strlen(arg);
	int all = n > 2 && strcmp(arg + n - 2, ".*") == 0; /* "2.2.1.*": the clause and all below it */
	*count = 0;
	if (all)
		n -= 2;
	if (!all && catalog_find(cat, arg)) {
		out[(*count)++] = arg;
		return;
	}
	for (size_t i = 0; i < cat->n; i++)
		if (strncmp(cat->v[i].id, arg, n) == 0 && (cat->v[i].id[n] == '.' || (all && cat->v[i].id[n] == '\0')))
			out[(*count)++] = cat->v[i].id;
}

static int add_one(struct tx *tx, const struct audit *a, struct audit_items *items, const char *clause,
		   const char *method, struct err *e)
{
	struct audit_item it = {0};
	if (tx_next_id(tx, "audit_item", &it.id, e))
		return e->code;
	it.audit_id = a->id;
	it.clause = (char *)clause;
	it.method = method && *method ? (char *)method : NULL;
	if (put_item(tx, &it, 1, "audit.item.add", e))
		return e->code;
	/* Remember it so a clause named twice in one call is added once. */
	items->v = xrealloc(items->v, (items->n + 1) * sizeof *items->v);
	memset(&items->v[items->n], 0, sizeof items->v[0]);
	items->v[items->n].id = it.id;
	items->v[items->n++].clause = xstrdup(clause);
	return 0;
}

int audit_items_add(struct tx *tx, const char *audit_no, const char *const *clauses, size_t n,
		    const char *method, const char *actor_no, int *added, struct err *e)
{
	struct audit_ctx x;
	struct audit_items items = {0};
	struct catalog cat = {0};
	int have_cat = 0;
	*added = 0;
	int rc = audit_act_begin(tx->db, audit_no, actor_no, "監査項目を追加する職員", &x, e);
	if (!rc)
		rc = audit_need_lead(&x, "監査項目の追加", e);
	if (!rc)
		rc = audit_need_open(&x.a, e);
	if (!rc && n == 0)
		rc = err_set(e, ERR_INPUT, "監査項目にする条項番号（例: 6.1.1）か章・節（例: 6、6.2）を指定してください");
	if (!rc) {
		rc = catalog_load(&cat, e);
		have_cat = !rc;
	}
	if (!rc)
		rc = audit_items_load(tx->db, x.a.id, &items, e);
	const char **found = have_cat ? xrealloc(NULL, (cat.n + 1) * sizeof *found) : NULL;
	for (size_t i = 0; !rc && i < n; i++) {
		size_t count;
		expand(&cat, clauses[i], found, &count);
		if (!count)
			rc = err_set(e, ERR_INPUT, "条項「%s」はカタログにありません（mamori catalog list で確認できます）", clauses[i]);
		for (size_t k = 0; !rc && k < count; k++) {
			if (have_clause(&items, found[k]))
				continue;
			rc = add_one(tx, &x.a, &items, found[k], method, e);
			if (!rc)
				(*added)++;
		}
	}
	if (!rc && *added) {
		char count[24];
		snprintf(count, sizeof count, "%d", *added);
		rc = audit_step(tx, x.a.id, x.who.id, "items_added", case_body(2, "count", count, "method", method), e);
	}
	free(found);
	if (have_cat)
		catalog_free(&cat);
	audit_items_free(&items);
	audit_act_end(&x);
	return rc;
}

static int check_result(const char *result, struct err *e)
{
	static const char *const ok[] = {"conform", "nonconform", "observation", "na"};
	for (size_t i = 0; result && i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(result, ok[i]) == 0)
			return 0;
	return err_set(e, ERR_INPUT, "監査結果（--result）は conform（適合）、nonconform（不適合）、observation（所見）、"
				     "na（該当なし）のいずれかです：「%s」",
		       result ? result : "");
}

int audit_item_set(struct tx *tx, const char *audit_no, const char *clause, const char *result,
		   const char *method, const char *note, const char *actor_no, struct err *e)
{
	struct audit_ctx x;
	struct audit_items items = {0};
	int rc = audit_act_begin(tx->db, audit_no, actor_no, "監査結果を記録する職員", &x, e);
	if (!rc)
		rc = audit_need_team(tx->db, &x, "監査結果の記録", e);
	if (!rc)
		rc = audit_need_open(&x.a, e);
	if (!rc)
		rc = check_result(result, e);
	if (!rc)
		rc = audit_items_load(tx->db, x.a.id, &items, e);
	struct audit_item *it = NULL;
	for (size_t i = 0; !rc && clause && i < items.n; i++)
		if (strcmp(items.v[i].clause, clause) == 0)
			it = &items.v[i];
	if (!rc && !it)
		rc = err_set(e, ERR_INPUT, "監査 %s に条項「%s」の監査項目はありません（audit item add で追加してください）",
			     x.a.audit_no, clause ? clause : "");
	if (!rc) {
		free(it->result);
		it->result = xstrdup(result);
		if (method && *method) {
			free(it->method);
			it->method = xstrdup(method);
		}
		if (note && *note) {
			free(it->note);
			it->note = xstrdup(note);
		}
		rc = put_item(tx, it, 0, "audit.item.result", e);
	}
	if (!rc)
		rc = audit_step(tx, x.a.id, x.who.id, "item_result",
				case_body(3, "clause", it->clause, "note", note, "result", result), e);
	audit_items_free(&items);
	audit_act_end(&x);
	return rc;
}
