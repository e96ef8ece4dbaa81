/*
 * fuzz_mail_sanitize.c — the mail sanitiser on arbitrary bytes.  Invariants:
 * a refusal writes nothing; a success is a message GMime parses into exactly
 * one text/plain UTF-8 leaf whose decoded text is valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "tools/mail_sanitize.h"
#include "util/fold.h"

static void check_output(const struct buf *out)
{
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(out->data, out->len);
	GMimeParser *p = g_mime_parser_new_with_stream(s);
	GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
	if (!m)
		abort();
	GMimeObject *body = g_mime_message_get_mime_part(m);
	if (!body || !GMIME_IS_TEXT_PART(body) || GMIME_IS_MULTIPART(body))
		abort();
	GMimeContentType *ct = g_mime_object_get_content_type(body);
	if (!g_mime_content_type_is_type(ct, "text", "plain"))
		abort();
	const char *cs = g_mime_object_get_content_type_parameter(body, "charset");
	if (!cs || g_ascii_strcasecmp(cs, "utf-8") != 0)
		abort();
	GMimeStream *mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(GMIME_PART(body)), mem);
	GByteArray *b = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	if (!utf8_valid((const char *)b->data, (long)b->len))
		abort();
	g_object_unref(mem);
	g_object_unref(m);
	g_object_unref(p);
	g_object_unref(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mail_limits lim = MAIL_LIMITS_DEFAULT;
	struct buf out = BUF_INIT;
	struct san_report rep = {0};
	struct err e = {0};
	int rc = mail_sanitize((const char *)data, size, &lim, &out, &rep, &e);
	if (rc && out.len)
		abort();
	if (!rc)
		check_output(&out);
	buf_free(&out);
	san_report_free(&rep);
	return 0;
}
