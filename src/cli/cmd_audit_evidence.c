/*
 * cmd_audit_evidence.c — `mamori --as 職員番号 audit evidence add|list|get`:
 * evidence and working papers (9.1.6), stored with their SHA-256 and
 * checked against it when read back.
 *
 *   audit evidence add AUDIT FILE [--item CLAUSE] [--kind evidence|working_paper]
 *   audit evidence list AUDIT
 *   audit evidence get AUDIT ID -o FILE
 *
 * `get` exits 1 (like `verify`) when the stored bytes no longer match the
 * recorded hash, and writes nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/case_cli.h"
#include "cli/cmd_audit.h"
#include "core/audit.h"
#include "util/buf.h"
#include "util/durable.h"

/* The whole file, refused above the evidence limit before reading it. */
static int read_file(const char *path, unsigned char **data, size_t *len, struct err *e)
{
	struct stat sb;
	*data = NULL;
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_INPUT, "%s: ファイルを開けません（%s）", path, strerror(errno));
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fclose(f);
		return err_set(e, ERR_INPUT, "%s: 通常のファイルではありません", path);
	}
	if ((unsigned long long)sb.st_size > AUDIT_EVIDENCE_MAX) {
		fclose(f);
		return err_set(e, ERR_INPUT, "%s: %lld バイトで、証跡の上限 %zu MiB を超えています", path, (long long)sb.st_size,
			       AUDIT_EVIDENCE_MAX / (1024 * 1024));
	}
	size_t n = (size_t)sb.st_size;
	unsigned char *buf = xrealloc(NULL, n ? n : 1);
	size_t got = n ? fread(buf, 1, n, f) : 0;
	int bad = ferror(f) || got != n;
	fclose(f);
	if (bad) {
		free(buf);
		return err_set(e, ERR_IO, "%s: 読み込めませんでした", path);
	}
	*data = buf;
	*len = n;
	return 0;
}

struct add_args {
	struct audit_evidence_new in;
	long long id;
};

static int do_add(struct tx *tx, void *arg, struct err *e)
{
	struct add_args *a = arg;
	return audit_evidence_add(tx, &a->in, &a->id, e);
}

static int evidence_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"item", 1, NULL}, {"kind", 1, NULL}};
	char *pos[2];
	int npos;
	struct err e = {0};
	unsigned char *data;
	size_t len;
	if (audit_cli_need_actor(c, "audit evidence add") || cli_parse("audit evidence add", argc, argv, o, 2, pos, 2, &npos))
		return EXIT_ERROR;
	if (npos != 2)
		return cli_usage("audit evidence add: 監査番号とファイルを指定してください");
	if (read_file(pos[1], &data, &len, &e))
		return cli_fail(&e);
	struct add_args a = {{pos[0], o[0].value, o[1].value, pos[1], data, len, c->actor_no}, 0};
	int rc = cli_one_write(c, do_add, &a, NULL);
	if (rc == EXIT_OK)
		printf("監査 %s に証跡 %lld を登録しました（%zu バイト）\n", pos[0], a.id, len);
	free(data);
	return rc;
}

static int evidence_list_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	struct err e = {0};
	struct audit a;
	struct audit_evidence_list l;
	struct case_refs refs;
	if (cli_parse("audit evidence list", argc, argv, NULL, 0, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("audit evidence list: 監査番号を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (audit_load(c->db, pos[0], &a, &e))
		return cli_fail(&e);
	if (audit_evidence_load(c->db, a.id, &l, &e) || case_refs_load(c->db, &refs, &e)) {
		audit_free(&a);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "evidence", "番号,種類,ファイル名,形式,バイト数,SHA-256,登録者,登録日時");
	for (size_t i = 0; i < l.n; i++) {
		const struct audit_evidence *v = &l.v[i];
		char id[24], size[24], at[17];
		snprintf(id, sizeof id, "%lld", v->id);
		snprintf(size, sizeof size, "%lld", v->size);
		case_jst(v->added_at, at);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "added_at", v->added_at);
			jw_kv_string(&out.w, "added_by", case_staff_no(&refs, v->added_by));
			jw_kv_string(&out.w, "content_type", v->content_type);
			jw_kv_string(&out.w, "filename", v->filename);
			jw_kv_int(&out.w, "id", v->id);
			jw_kv_string(&out.w, "kind", v->kind);
			jw_kv_string(&out.w, "sha256", v->sha256);
			jw_kv_int(&out.w, "size", v->size);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {id, v->kind, v->filename, v->content_type, size, v->sha256,
					       case_staff_name(&refs, v->added_by), at};
			for (size_t k = 0; k < 8; k++)
				buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 7);
		} else {
			buf_printf(&out.b, "%s\t%s\t%s\t%s\t%s バイト\t%s\n", id, strcmp(v->kind, "working_paper") == 0 ? "監査調書" : "証拠",
				   v->filename, v->content_type ? v->content_type : "", size, v->sha256);
		}
	}
	list_end(&out);
	case_refs_free(&refs);
	audit_evidence_list_free(&l);
	audit_free(&a);
	return EXIT_OK;
}

static int evidence_get_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"o", 1, NULL}, {"output", 1, NULL}};
	char *pos[2], *end;
	int npos;
	struct err e = {0};
	unsigned char *data;
	size_t len;
	struct audit_evidence ev;
	if (cli_parse("audit evidence get", argc, argv, o, 2, pos, 2, &npos))
		return EXIT_ERROR;
	const char *path = o[0].value ? o[0].value : o[1].value;
	if (npos != 2)
		return cli_usage("audit evidence get: 監査番号と証跡の番号を指定してください");
	long long id = strtoll(pos[1], &end, 10);
	if (end == pos[1] || *end || id <= 0)
		return cli_usage("audit evidence get: 証跡の番号は正の整数です：「%s」", pos[1]);
	if (!path)
		return cli_usage("audit evidence get: 書き出すファイルを -o で指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	if (audit_evidence_get(c->db, pos[0], id, &data, &len, &ev, &e)) {
		if (e.code != ERR_TAMPER)
			return cli_fail(&e);
		fprintf(stderr, "mamori: %s\n", e.msg);
		return EXIT_FINDINGS;
	}
	int rc = durable_write_file(path, data, len, &e) ? cli_fail(&e) : EXIT_OK;
	if (rc == EXIT_OK)
		printf("証跡「%s」（%zu バイト、SHA-256 %s）を %s に書き出しました\n", ev.filename, len, ev.sha256, path);
	free(data);
	audit_evidence_free(&ev);
	return rc;
}

int audit_evidence_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", evidence_add_cmd},
		{"list", evidence_list_cmd},
		{"get", evidence_get_cmd},
	};
	return cli_dispatch(c, "audit evidence", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
