/*
 * mail_sanitize_out.c — the sanitised message, built new: the original's
 * sender, recipients, date, subject and thread headers, a notice of what was
 * done and what looked wrong, the text, and the list of removed attachments.
 *
 * The body is text/plain; charset=UTF-8 in base64 (7bit when it is plain
 * ASCII): every Japanese client (Outlook, Thunderbird, Becky!, Apple Mail,
 * webmail) reads it, it passes relays without 8BITMIME, and no line can be
 * too long.  Quoted-printable would triple Japanese text for nothing.
 * The Message-ID is kept so that replies and duplicates are recognised.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "tools/mail_sanitize_internal.h"

static void copy_addresses(InternetAddressList *from, InternetAddressList *to)
{
	int n = from ? internet_address_list_length(from) : 0;
	for (int i = 0; i < n; i++) {
		InternetAddress *a = internet_address_list_get_address(from, i);
		internet_address_set_charset(a, "utf-8");
		internet_address_list_add(to, a);
	}
}

/* A header value safe to copy as it is: printable ASCII only. */
static int plain_ascii(const char *v)
{
	for (; v && *v; v++)
		if ((unsigned char)*v < 0x20 || (unsigned char)*v > 0x7E)
			if (*v != '\t')
				return 0;
	return v != NULL;
}

static void copy_plain_header(GMimeObject *src, GMimeObject *dst, const char *name)
{
	const char *v = g_mime_object_get_header(src, name);
	if (v && plain_ascii(v) && strlen(v) < 4000)
		g_mime_object_set_header(dst, name, v, NULL);
}

static void notice(struct buf *b, const struct san_report *rep, const struct mail_out *mo)
{
	buf_puts(b, "［mamori 無害化］このメールはテキストに変換されました。");
	if (mo->html_converted)
		buf_puts(b, "HTML は文字だけにし、");
	buf_puts(b, "リンクは押せない形（hxxps://example[.]jp）で示しています。");
	if (rep->nattachments)
		buf_printf(b, "添付ファイル %zu 件を削除しました（末尾の一覧）。", rep->nattachments);
	buf_putc(b, '\n');
	for (size_t i = 0; i < rep->nwarnings; i++) {
		const struct san_item *w = &rep->warnings[i];
		buf_printf(b, "［注意］%s%s%s%s\n", w->detail, w->where[0] ? "（" : "", w->where,
			   w->where[0] ? "）" : "");
	}
	buf_putc(b, '\n');
}

static void attachment_list(struct buf *b, const struct san_report *rep)
{
	if (!rep->nattachments)
		return;
	buf_puts(b, "\n――――――――――――――――――――\n");
	buf_printf(b, "削除した添付ファイル（%zu 件）\n", rep->nattachments);
	for (size_t i = 0; i < rep->nattachments; i++) {
		const struct san_attachment *a = &rep->attachments[i];
		buf_printf(b, "%zu. %s\n   大きさ: %zu バイト\n   申告された形式: %s\n"
			      "   判定した形式: %s\n   SHA-256: %s\n",
			   i + 1, a->name[0] ? a->name : "（名前なし）", a->size, a->declared_type,
			   a->detected_type, a->sha256);
	}
	buf_puts(b, "必要な場合は、差出人に確認のうえ情報システム担当課に依頼してください。\n");
}

static int ascii_short_lines(const char *s, size_t len)
{
	size_t line = 0;
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80)
			return 0;
		line = s[i] == '\n' ? 0 : line + 1;
		if (line > 900)
			return 0;
	}
	return 1;
}

/* The content is set from a stream, not with g_mime_text_part_set_text,
   which would scan the text again to choose a charset already known. */
static GMimeObject *body_part(const char *text, size_t len)
{
	GMimeTextPart *tp = g_mime_text_part_new_with_subtype("plain");
	g_mime_text_part_set_charset(tp, "utf-8");
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(text, len);
	GMimeDataWrapper *dw = g_mime_data_wrapper_new_with_stream(s, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(tp), dw);
	g_object_unref(dw);
	g_object_unref(s);
	g_mime_part_set_content_encoding(GMIME_PART(tp), ascii_short_lines(text, len)
								 ? GMIME_CONTENT_ENCODING_7BIT
								 : GMIME_CONTENT_ENCODING_BASE64);
	return GMIME_OBJECT(tp);
}

static void summary_header(GMimeObject *dst, const struct san_report *rep,
			   const struct mail_out *mo)
{
	char v[200];
	snprintf(v, sizeof v, "attachments=%zu; warnings=%zu; body=%s; links=%zu", rep->nattachments,
		 rep->nwarnings, mo->html_converted ? "html-to-text" : "text", mo->links);
	g_mime_object_set_header(dst, "X-Mamori-Sanitized", "yes", NULL);
	g_mime_object_set_header(dst, "X-Mamori-Sanitize-Summary", v, NULL);
}

void mail_write(GMimeMessage *src, struct mail_out *mo, const struct san_report *rep,
		struct buf *out)
{
	GMimeMessage *dst = g_mime_message_new(TRUE);
	GMimeObject *s = GMIME_OBJECT(src), *d = GMIME_OBJECT(dst);
	copy_addresses(g_mime_message_get_from(src), g_mime_message_get_from(dst));
	copy_addresses(g_mime_message_get_addresses(src, GMIME_ADDRESS_TYPE_TO),
		       g_mime_message_get_addresses(dst, GMIME_ADDRESS_TYPE_TO));
	copy_addresses(g_mime_message_get_addresses(src, GMIME_ADDRESS_TYPE_CC),
		       g_mime_message_get_addresses(dst, GMIME_ADDRESS_TYPE_CC));
	if (mo->keep_reply_to)
		copy_addresses(g_mime_message_get_reply_to(src), g_mime_message_get_reply_to(dst));
	const char *subject = g_mime_message_get_subject(src);
	if (subject) {
		struct buf clean = BUF_INIT;
		struct text_decoding dec;
		mail_text_to_utf8("utf-8", subject, strlen(subject), &clean, &dec);
		for (size_t i = 0; i < clean.len; i++)
			if (clean.data[i] == '\n' || clean.data[i] == '\t')
				clean.data[i] = ' ';
		g_mime_message_set_subject(dst, buf_str(&clean), "utf-8");
		buf_free(&clean);
	}
	GDateTime *date = g_mime_message_get_date(src);
	if (date)
		g_mime_message_set_date(dst, date);
	const char *id = g_mime_message_get_message_id(src);
	g_mime_message_set_message_id(dst, id && plain_ascii(id) && strlen(id) < 900
						   ? id
						   : mo->fallback_id);
	copy_plain_header(s, d, "In-Reply-To");
	copy_plain_header(s, d, "References");
	summary_header(d, rep, mo);

	struct buf text = BUF_INIT;
	notice(&text, rep, mo);
	buf_append(&text, buf_str(&mo->body), mo->body.len);
	attachment_list(&text, rep);
	struct buf defanged = BUF_INIT;
	mail_defang(buf_str(&text), text.len, &defanged);
	buf_free(&text);
	GMimeObject *part = body_part(buf_str(&defanged), defanged.len);
	buf_free(&defanged);
	g_mime_message_set_mime_part(dst, part);
	g_object_unref(part);

	GMimeStream *ms = g_mime_stream_mem_new();
	g_mime_object_write_to_stream(d, NULL, ms);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
	buf_append(out, bytes->data, bytes->len);
	g_object_unref(ms);
	g_object_unref(dst);
}
