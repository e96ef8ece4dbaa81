/*
 * pdf_sanitize.c — pdf_sanitize (sanitize_file.h): reads a PDF with libqpdf,
 * lets pdf_sanitize_walk.c take out what can act, and writes the rest.
 *
 * Decisions (docs/sanitize.md "### PDF"):
 * - Bytes without "%PDF-" near the start are refused: qpdf would try to
 *   rebuild a document out of anything, and a file that is not a PDF has no
 *   business being cleaned as one.
 * - A file qpdf can only open with a password is refused; one that opens
 *   with the empty user password is written without encryption (inbound
 *   files are read, not protected, on the LGWAN side) and the report says so.
 * - Damage qpdf repairs becomes report warnings; damage it cannot repair,
 *   on reading, walking or writing, refuses the file.  The output is read
 *   back without repair and walked again; anything short of a clean open
 *   with nothing left to remove refuses the file (verify_clean).
 * - Streams are copied without decoding (a compression bomb stays a small
 *   stream), object streams are kept as they were, and the /ID is derived
 *   from the content so the same input always gives the same bytes.  qpdf
 *   writes only objects reachable from the trailer, so an object nothing
 *   refers to never reaches the output.
 */
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "tools/pdf_sanitize_walk.h"
#include "tools/sanitize_file.h"

/* Larger files are refused (the web upload limit is 64 MiB as well). */
#define PDF_MAX_BYTES ((size_t)64 << 20)
/* The PDF header must start within this many bytes (as readers allow). */
#define PDF_HEADER_WINDOW 1024
/* qpdf's repair warnings beyond this many are counted, not listed. */
#define WARNINGS_MAX 10

static int has_pdf_header(const unsigned char *in, size_t len)
{
	size_t window = len < PDF_HEADER_WINDOW ? len : PDF_HEADER_WINDOW;
	for (size_t i = 0; i + 5 <= window; i++)
		if (memcmp(in + i, "%PDF-", 5) == 0)
			return 1;
	return 0;
}

/* qpdf's messages are English and name qpdf's internal description; they
   follow a Japanese sentence so people know what happened. */
static int refuse(qpdf_data q, struct err *e, const char *what)
{
	qpdf_error qe = qpdf_get_error(q);
	const char *text = qe ? qpdf_get_error_full_text(q, qe) : "";
	if (qe && qpdf_get_error_code(q, qe) == qpdf_e_password)
		return err_set(e, ERR_INPUT,
			       "パスワードで保護された PDF は無害化できません（送り主にパスワードなしで送り直してもらってください）");
	return err_set(e, ERR_INPUT, "%s: %s", what, text);
}

static void collect_warnings(qpdf_data q, struct san_report *r, size_t *count)
{
	while (qpdf_more_warnings(q)) {
		qpdf_error qe = qpdf_next_warning(q);
		if (++*count <= WARNINGS_MAX)
			san_report_add(&r->warnings, &r->nwarnings, "pdf_damage", "",
				       "PDF の破損を修復して読みました: %s",
				       qpdf_get_error_full_text(q, qe));
	}
}

static int write_clean(qpdf_data q, struct buf *out)
{
	if (qpdf_init_write_memory(q) & QPDF_ERRORS)
		return -1;
	qpdf_set_preserve_encryption(q, QPDF_FALSE);
	qpdf_set_object_stream_mode(q, qpdf_o_preserve);
	qpdf_set_decode_level(q, qpdf_dl_none);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS)
		return -1;
	const unsigned char *bytes = qpdf_get_buffer(q);
	size_t n = qpdf_get_buffer_length(q);
	if (!bytes || n == 0)
		return -1;
	buf_append(out, bytes, n);
	return 0;
}

/* The written file, read back strictly (no repair): it must open without a
   single warning and hold nothing the walk would remove.  qpdf can write a
   file it would itself have to rebuild (a damaged input's trailer, for one);
   a rebuilding reader scans the raw bytes for "N 0 obj" and may then pick up
   an object hidden as text inside a stream, so such output is refused. */
static int verify_clean(const struct buf *out)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	qpdf_set_attempt_recovery(q, QPDF_FALSE);
	struct san_report again = {0};
	int ok = !(qpdf_read_memory(q, "出力 PDF", out->data, out->len, "") & QPDF_ERRORS) &&
		 !qpdf_more_warnings(q) && pdf_walk_sanitize(q, out->len, &again) == 0 &&
		 again.nremoved == 0 && !qpdf_more_warnings(q) && !qpdf_has_error(q);
	san_report_free(&again);
	if (qpdf_has_error(q))
		(void)qpdf_get_error(q); /* taken, or qpdf prints it on cleanup */
	qpdf_cleanup(&q);
	return ok ? 0 : -1;
}

static int sanitize_open(qpdf_data q, const unsigned char *in, size_t len, struct buf *out,
			 struct san_report *r, struct err *e)
{
	size_t nwarn = 0;
	if (qpdf_read_memory(q, "入力 PDF", (const char *)in, len, "") & QPDF_ERRORS)
		return refuse(q, e, "PDF として読めません（壊れていて修復できません）");
	collect_warnings(q, r, &nwarn);
	if (qpdf_is_encrypted(q))
		san_report_add(&r->warnings, &r->nwarnings, "encryption", "",
			       "暗号化された PDF でした（パスワードなしで開けたため、暗号化を外して書き出しました）");
	if (pdf_walk_sanitize(q, len, r) != 0)
		return refuse(q, e, "PDF の中身を読み取れません");
	collect_warnings(q, r, &nwarn);
	if (write_clean(q, out) != 0) {
		buf_reset(out);
		return refuse(q, e, "PDF を書き出せません（破損が大きすぎます）");
	}
	collect_warnings(q, r, &nwarn);
	if (verify_clean(out) != 0) {
		buf_reset(out);
		return err_set(e, ERR_INPUT,
			       "無害化した PDF を検証できませんでした（壊れ方が複雑で、修復した結果を安全と確かめられません）");
	}
	if (nwarn > WARNINGS_MAX)
		san_report_add(&r->warnings, &r->nwarnings, "pdf_damage", "",
			       "ほかに %zu 件の修復がありました", nwarn - WARNINGS_MAX);
	return 0;
}

int pdf_sanitize(const unsigned char *in, size_t len, struct buf *out, struct san_report *r,
		 struct err *e)
{
	if (len > PDF_MAX_BYTES) {
		err_set(e, ERR_INPUT, "PDF が大きすぎます（%zu バイト、上限 %zu バイト）", len,
			PDF_MAX_BYTES);
		return -1;
	}
	if (!has_pdf_header(in, len)) {
		err_set(e, ERR_INPUT, "PDF ではありません（先頭に %%PDF- がありません）");
		return -1;
	}
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	int rc = sanitize_open(q, in, len, out, r, e) == 0 ? 0 : -1;
	qpdf_cleanup(&q);
	return rc;
}
