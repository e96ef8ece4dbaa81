/*
 * mail_sanitize.c — one message in, a text-only message out (mail_sanitize.h).
 *
 * Checks come first and refuse: a size limit, a header section that is
 * really one (lines of "Name: value", no NUL, ended by an empty line), then
 * GMime's parse, where every problem the parser itself calls critical, a
 * multipart that ends without its closing boundary (a part could be hidden
 * in what follows) and a transfer encoding that cannot be decoded refuse the
 * message.  Then the tree is walked once: text parts give the body, every
 * other part is an attachment that is listed and dropped.
 */
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "tools/html_text.h"
#include "tools/magic_type.h"
#include "tools/mail_sanitize.h"
#include "tools/mail_sanitize_internal.h"
#include "util/sha256.h"

/* libmagic reads no further than this: enough for every format's signature
   and OOXML's first entries, and a large attachment costs no more. */
#define MAGIC_PREFIX ((size_t)8 << 10)

struct walk {
	const struct mail_limits *lim;
	struct san_report *rep;
	struct err *e;
	struct mail_out mo;
	int nparts;
	int ntext;
	int refused;
};

static void init_once(void)
{
	static gsize done = 0;
	if (g_once_init_enter(&done)) {
		g_mime_init();
		g_once_init_leave(&done, 1);
	}
}

/* The header section: "Name: value" lines and their continuations, no NUL,
   ended by an empty line.  A leading mbox "From " line is skipped. */
static int check_header_section(const char *d, size_t len, struct err *e)
{
	size_t i = 0;
	if (len >= 5 && memcmp(d, "From ", 5) == 0) {
		const char *nl = memchr(d, '\n', len);
		i = nl ? (size_t)(nl - d) + 1 : len;
	}
	for (int line = 1; i < len; line++) {
		const char *nl = memchr(d + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - d) : len;
		size_t n = end - i;
		if (n > 0 && d[end - 1] == '\r')
			n--;
		if (n == 0)
			return line == 1 ? err_set(e, ERR_INPUT, "ヘッダがありません（メールではありません）") : 0;
		if (memchr(d + i, '\0', n))
			return err_set(e, ERR_INPUT, "ヘッダ %d 行目に NUL 文字があります", line);
		if (d[i] == ' ' || d[i] == '\t') {
			if (line == 1)
				return err_set(e, ERR_INPUT, "ヘッダが継続行から始まっています（メールではありません）");
		} else {
			size_t k = 0;
			while (k < n && (unsigned char)d[i + k] > 32 && (unsigned char)d[i + k] < 127 &&
			       d[i + k] != ':')
				k++;
			size_t c = k;
			while (c < n && (d[i + c] == ' ' || d[i + c] == '\t'))
				c++;
			if (k == 0 || c >= n || d[i + c] != ':')
				return err_set(e, ERR_INPUT, "ヘッダ %d 行目が「名前: 値」の形ではありません%s", line,
					       line == 1 ? "（メールではありません）" : "");
		}
		if (!nl)
			break;
		i = end + 1;
	}
	return err_set(e, ERR_INPUT, "ヘッダの終わりを示す空行がありません（途中で切れています）");
}

static void parser_warning(gint64 offset, GMimeParserWarning code, const gchar *item,
			   gpointer user)
{
	struct walk *w = user;
	const char *why = NULL;
	switch (code) {
	case GMIME_WARN_MALFORMED_MULTIPART:
		why = "マルチパートに部分がありません";
		break;
	case GMIME_WARN_TRUNCATED_MESSAGE:
		why = "メールが途中で切れています（マルチパートの終わりの区切りがありません）";
		break;
	case GMIME_WARN_MALFORMED_MESSAGE:
		why = "メールの構造が壊れています";
		break;
	case GMIME_CRIT_INVALID_HEADER_NAME:
		why = "ヘッダの名前が不正です";
		break;
	case GMIME_CRIT_CONFLICTING_HEADER:
		/* Two Content-Type (or other MIME) headers: which one a client
		   believes decides what it shows — refused.  Two From or Subject
		   headers are reported (mail_check_headers) and one is kept. */
		if (item && (g_ascii_strncasecmp(item, "Content-", 8) == 0 ||
			     g_ascii_strcasecmp(item, "MIME-Version") == 0)) {
			why = "矛盾するヘッダがあります";
			break;
		}
		if (item && g_ascii_strcasecmp(item, "From") != 0)
			san_report_add(&w->rep->warnings, &w->rep->nwarnings, "duplicate_header", item,
				       "%s ヘッダが複数あり、内容が異なります", item);
		return;
	case GMIME_CRIT_CONFLICTING_PARAMETER:
		why = "矛盾するヘッダのパラメータがあります";
		break;
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
		why = "マルチパートに区切り（boundary）がありません";
		break;
	case GMIME_CRIT_NESTING_OVERFLOW:
		why = "入れ子が深すぎます";
		break;
	case GMIME_WARN_PART_WITHOUT_CONTENT:
	case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
		why = "ヘッダも内容もない部分があります";
		break;
	case GMIME_WARN_DUPLICATED_HEADER:
	case GMIME_WARN_DUPLICATED_PARAMETER:
	case GMIME_WARN_UNENCODED_8BIT_HEADER:
	case GMIME_WARN_INVALID_CONTENT_TYPE:
	case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
	case GMIME_WARN_INVALID_PARAMETER:
	case GMIME_WARN_INVALID_ADDRESS_LIST:
	default:
		return; /* tolerated: the values are re-encoded or the part is dropped */
	}
	if (!w->refused) {
		w->refused = 1;
		if (offset >= 0)
			err_set(w->e, ERR_INPUT, "%s（%lld バイト目%s%.80s）", why, (long long)offset,
				item ? ": " : "", item ? item : "");
		else
			err_set(w->e, ERR_INPUT, "%s", why);
	}
}

static void count_tree(struct walk *w, GMimeObject *o, int depth)
{
	if (w->refused)
		return;
	if (++w->nparts > w->lim->max_parts) {
		w->refused = 1;
		err_set(w->e, ERR_INPUT, "MIME の部分が多すぎます（上限 %d）", w->lim->max_parts);
		return;
	}
	if (depth > w->lim->max_depth) {
		w->refused = 1;
		err_set(w->e, ERR_INPUT, "MIME の入れ子が深すぎます（上限 %d）", w->lim->max_depth);
		return;
	}
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n; i++)
			count_tree(w, g_mime_multipart_get_part(mp, i), depth + 1);
	} else if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		GMimeObject *body = m ? g_mime_message_get_mime_part(m) : NULL;
		if (body)
			count_tree(w, body, depth + 1);
	}
}

static int type_is(GMimeObject *o, const char *type, const char *subtype)
{
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	return ct && g_mime_content_type_is_type(ct, type, subtype);
}

/* GMime's base64 decoder skips what is not base64; text hidden between the
   lines would then vanish silently, so such a part is refused instead.
   Returns the first bad byte, or -1. */
static int base64_bad_char(GMimeStream *raw)
{
	char chunk[8192];
	ssize_t n;
	int bad = -1;
	g_mime_stream_reset(raw);
	static unsigned char ok[256];
	if (!ok['A'])
		for (int c = 0; c < 256; c++)
			ok[c] = g_ascii_isalnum(c) || (c && strchr("+/= \t\r\n", c));
	while (bad < 0 && (n = g_mime_stream_read(raw, chunk, sizeof chunk)) > 0)
		for (ssize_t i = 0; i < n && bad < 0; i++)
			if (!ok[(unsigned char)chunk[i]])
				bad = (unsigned char)chunk[i];
	g_mime_stream_reset(raw);
	return bad;
}

/* The decoded content of a part, or -1 (refused) when its transfer encoding
   is unknown or its base64 holds what base64 cannot. */
/* check_base64 is set for text: an attachment is dropped whole, so what its
   base64 might hide leaves with it. */
static int check_encoding(struct walk *w, GMimePart *p, int check_base64)
{
	GMimeObject *o = GMIME_OBJECT(p);
	const char *cte = g_mime_object_get_header(o, "Content-Transfer-Encoding");
	if (cte) {
		char v[64];
		size_t k = 0;
		for (const char *s = cte; *s && k + 1 < sizeof v; s++)
			if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
				v[k++] = *s;
		v[k] = '\0';
		if (g_mime_content_encoding_from_string(v) == GMIME_CONTENT_ENCODING_DEFAULT) {
			w->refused = 1;
			return err_set(w->e, ERR_INPUT, "復号できない転送エンコーディングです: %.60s", cte);
		}
	}
	GMimeDataWrapper *dw = g_mime_part_get_content(p);
	if (check_base64 && dw && g_mime_data_wrapper_get_encoding(dw) == GMIME_CONTENT_ENCODING_BASE64) {
		int bad = base64_bad_char(g_mime_data_wrapper_get_stream(dw));
		if (bad >= 0) {
			w->refused = 1;
			return err_set(w->e, ERR_INPUT,
				       "base64 に使えない文字 0x%02X があります（復号できません）", bad);
		}
	}
	return 0;
}

/* The decoded content of a text part, after check_encoding. */
static int part_content(struct walk *w, GMimePart *p, GMimeStream **mem)
{
	int rc = check_encoding(w, p, 1);
	if (rc)
		return rc;
	*mem = g_mime_stream_mem_new();
	GMimeDataWrapper *dw = g_mime_part_get_content(p);
	if (dw && g_mime_data_wrapper_write_to_stream(dw, *mem) < 0) {
		w->refused = 1;
		return err_set(w->e, ERR_INPUT, "部分の内容を復号できません");
	}
	return 0;
}

/* A file name or type as UTF-8 text without control characters. */
static char *clean_text(const char *s)
{
	struct buf b = BUF_INIT;
	struct text_decoding d;
	if (s)
		mail_text_to_utf8("utf-8", s, strlen(s), &b, &d);
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n' || b.data[i] == '\t')
			b.data[i] = ' ';
	return b.data ? buf_take(&b) : xstrdup("");
}

/* An attachment as listed: the first bytes for libmagic, the size and the
   SHA-256 of all of it. */
static void add_attachment(struct walk *w, const char *name, const char *declared,
			   const unsigned char *head, size_t headlen, size_t size,
			   const char sha256[65])
{
	struct san_report *r = w->rep;
	r->attachments = xrealloc(r->attachments, (r->nattachments + 1) * sizeof *r->attachments);
	struct san_attachment *a = &r->attachments[r->nattachments++];
	a->name = clean_text(name);
	a->size = size;
	a->declared_type = clean_text(declared);
	a->detected_type = magic_mime_type(head, headlen);
	memcpy(a->sha256, sha256, 65);
	int generic = strcmp(a->declared_type, "application/octet-stream") == 0;
	int both_text = strncmp(a->declared_type, "text/", 5) == 0 &&
			strncmp(a->detected_type, "text/", 5) == 0;
	if (!generic && !both_text && strcasecmp(a->declared_type, a->detected_type) != 0)
		san_report_add(&r->warnings, &r->nwarnings, "type_mismatch", a->name,
			       "添付ファイルの申告された形式 %s と実際の形式 %s が異なります",
			       a->declared_type, a->detected_type);
}

/* One hashing context for the whole run. */
static struct sha256 *hasher(void)
{
	static _Thread_local struct sha256 *h;
	if (!h)
		h = sha256_new();
	return h;
}

/* An attachment is decoded in chunks straight into the hash: only its
   first MAGIC_PREFIX bytes are kept, whatever its size. */
static int part_attachment(struct walk *w, GMimePart *p)
{
	int rc = check_encoding(w, p, 0);
	if (rc)
		return rc;
	unsigned char head[MAGIC_PREFIX];
	size_t headlen = 0, size = 0;
	char hex[65];
	struct sha256 *h = hasher();
	sha256_begin(h);
	GMimeDataWrapper *dw = g_mime_part_get_content(p);
	if (dw) {
		GMimeStream *raw = g_mime_data_wrapper_get_stream(dw);
		GMimeStream *f = g_mime_stream_filter_new(raw);
		GMimeContentEncoding enc = g_mime_data_wrapper_get_encoding(dw);
		if (enc == GMIME_CONTENT_ENCODING_BASE64 || enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
		    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
			GMimeFilter *dec = g_mime_filter_basic_new(enc, FALSE);
			g_mime_stream_filter_add(GMIME_STREAM_FILTER(f), dec);
			g_object_unref(dec);
		}
		g_mime_stream_reset(raw);
		char chunk[32768];
		ssize_t n;
		while ((n = g_mime_stream_read(f, chunk, sizeof chunk)) > 0) {
			sha256_update(h, chunk, (size_t)n);
			size_t keep = MAGIC_PREFIX - headlen < (size_t)n ? MAGIC_PREFIX - headlen : (size_t)n;
			memcpy(head + headlen, chunk, keep);
			headlen += keep;
			size += (size_t)n;
		}
		g_object_unref(f);
		g_mime_stream_reset(raw);
		if (n < 0) {
			w->refused = 1;
			return err_set(w->e, ERR_INPUT, "添付ファイルの内容を復号できません");
		}
	}
	sha256_end_hex(h, hex);
	char *type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(GMIME_OBJECT(p)));
	add_attachment(w, g_mime_part_get_filename(p), type, head, headlen, size, hex);
	g_free(type);
	return 0;
}

/* A forwarded message (message/rfc822) is an attachment like any other: its
   own parts are not read, so whatever it holds leaves with it. */
static void message_attachment(struct walk *w, GMimeMessagePart *mp)
{
	GMimeMessage *m = g_mime_message_part_get_message(mp);
	GMimeStream *mem = g_mime_stream_mem_new();
	if (m)
		g_mime_object_write_to_stream(GMIME_OBJECT(m), NULL, mem);
	GByteArray *b = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	const char *fname = g_mime_object_get_content_disposition_parameter(GMIME_OBJECT(mp), "filename");
	const char *subject = m ? g_mime_message_get_subject(m) : NULL;
	char *name = fname ? xstrdup(fname) : xasprintf("転送されたメール「%s」", subject ? subject : "");
	char hex[65];
	sha256_hex(b->data, b->len, hex);
	add_attachment(w, name, "message/rfc822", b->data, b->len < MAGIC_PREFIX ? b->len : MAGIC_PREFIX,
		       b->len, hex);
	free(name);
	g_object_unref(mem);
}

static void signature(struct walk *w, GMimeObject *o)
{
	char *type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(o));
	san_report_add(&w->rep->removed, &w->rep->nremoved, "signature", type,
		       "電子署名（S/MIME または PGP）はテキスト化で失われました。"
		       "差出人の確認は元のメールで行ってください");
	g_free(type);
}

static int is_body_text(GMimeObject *o)
{
	if (!GMIME_IS_PART(o) || !(type_is(o, "text", "plain") || type_is(o, "text", "html")))
		return 0;
	const char *disp = g_mime_object_get_disposition(o);
	if (disp && g_ascii_strcasecmp(disp, "attachment") == 0)
		return 0;
	return g_mime_part_get_filename(GMIME_PART(o)) == NULL;
}

static int text_part(struct walk *w, GMimePart *p)
{
	GMimeStream *mem = NULL;
	int rc = part_content(w, p, &mem);
	if (rc) {
		if (mem)
			g_object_unref(mem);
		return rc;
	}
	GByteArray *b = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	const char *cs = g_mime_object_get_content_type_parameter(GMIME_OBJECT(p), "charset");
	struct buf utf8 = BUF_INIT;
	struct text_decoding d;
	mail_text_to_utf8(cs, (const char *)b->data, b->len, &utf8, &d);
	g_object_unref(mem);
	if (d.mislabelled || d.unknown)
		san_report_add(&w->rep->warnings, &w->rep->nwarnings, "charset_mislabelled", cs ? cs : "",
			       "本文の文字コードの表示（%s）が内容と合わないため %s として読みました",
			       cs ? cs : "なし", d.used);
	if (d.replaced)
		san_report_add(&w->rep->warnings, &w->rep->nwarnings, "undecodable", d.used,
			       "本文の %zu バイトを文字に変換できず「�」に置き換えました", d.replaced);
	if (w->ntext++ && w->mo.body.len)
		buf_puts(&w->mo.body, "\n");
	if (type_is(GMIME_OBJECT(p), "text", "html")) {
		struct html_text_stats st = {0};
		if (html_to_text(buf_str(&utf8), utf8.len, &w->mo.body, w->rep, &st) != 0 && utf8.len) {
			buf_free(&utf8);
			w->refused = 1;
			return err_set(w->e, ERR_INPUT, "HTML の本文を読めません");
		}
		w->mo.html_converted = 1;
		w->mo.links += st.links;
		san_report_add(&w->rep->removed, &w->rep->nremoved, "html", "text/html",
			       "HTML を文字だけにしました（リンク %zu 件は押せない形に、画像 %zu 件"
			       "（うち外部から読み込むもの %zu 件）とスクリプトのリンク %zu 件は削除）",
			       st.links, st.images, st.remote_images, st.script_links);
	} else {
		buf_append(&w->mo.body, buf_str(&utf8), utf8.len);
		if (utf8.len && utf8.data[utf8.len - 1] != '\n')
			buf_putc(&w->mo.body, '\n');
	}
	buf_free(&utf8);
	return 0;
}

static int walk_part(struct walk *w, GMimeObject *o, int body_wanted);

/* multipart/alternative: the text/plain version, else HTML, else the first
   version that is itself a multipart; the other versions are dropped, and
   those that are not text (a calendar invitation) are listed. */
static int alternative(struct walk *w, GMimeMultipart *mp)
{
	int n = g_mime_multipart_get_count(mp), pick = -1;
	for (int i = 0; i < n && pick < 0; i++)
		if (is_body_text(g_mime_multipart_get_part(mp, i)) &&
		    type_is(g_mime_multipart_get_part(mp, i), "text", "plain"))
			pick = i;
	for (int i = 0; i < n && pick < 0; i++)
		if (is_body_text(g_mime_multipart_get_part(mp, i)))
			pick = i;
	for (int i = 0; i < n && pick < 0; i++)
		if (GMIME_IS_MULTIPART(g_mime_multipart_get_part(mp, i)))
			pick = i;
	for (int i = 0; i < n; i++) {
		GMimeObject *c = g_mime_multipart_get_part(mp, i);
		int rc = walk_part(w, c, i == pick);
		if (rc)
			return rc;
	}
	return 0;
}

static int walk_part(struct walk *w, GMimeObject *o, int body_wanted)
{
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		if (type_is(o, "multipart", "alternative") && body_wanted)
			return alternative(w, mp);
		int n = g_mime_multipart_get_count(mp);
		int is_signed = type_is(o, "multipart", "signed");
		if (type_is(o, "multipart", "encrypted"))
			san_report_add(&w->rep->warnings, &w->rep->nwarnings, "encrypted", "multipart/encrypted",
				       "暗号化されたメールのため本文を読めません（暗号文は添付として削除しました）");
		for (int i = 0; i < n; i++) {
			GMimeObject *c = g_mime_multipart_get_part(mp, i);
			if (is_signed && i > 0) {
				signature(w, c);
				continue;
			}
			int rc = walk_part(w, c, body_wanted);
			if (rc)
				return rc;
		}
		return 0;
	}
	if (GMIME_IS_MESSAGE_PART(o)) {
		message_attachment(w, GMIME_MESSAGE_PART(o));
		return 0;
	}
	if (!GMIME_IS_PART(o))
		return 0;
	if (type_is(o, "application", "pkcs7-signature") ||
	    type_is(o, "application", "x-pkcs7-signature") ||
	    type_is(o, "application", "pgp-signature")) {
		signature(w, o);
		return 0;
	}
	if (is_body_text(o)) {
		if (body_wanted)
			return text_part(w, GMIME_PART(o));
		/* another version of the text already taken: checked, not used */
		int rc = check_encoding(w, GMIME_PART(o), 1);
		if (!rc)
			san_report_add(&w->rep->removed, &w->rep->nremoved, "alternative",
				       type_is(o, "text", "html") ? "text/html" : "text/plain",
				       "同じ内容の別の版（%s）は使いませんでした",
				       type_is(o, "text", "html") ? "HTML" : "テキスト");
		return rc;
	}
	return part_attachment(w, GMIME_PART(o));
}

static GMimeMessage *parse(struct walk *w, const char *data, size_t len)
{
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeParserOptions *opts = g_mime_parser_options_new();
	/* Raw 8-bit header text (no encoded words) from Japanese software:
	   EUC-JP before CP932, as for bodies (mail_sanitize_charset.c);
	   ISO-8859-1 accepts any byte, so it comes last. */
	static const char *fallback[] = {"UTF-8", "EUC-JP", "CP932", "ISO-8859-1", NULL};
	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	g_mime_parser_options_set_warning_callback(opts, parser_warning, w);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	GMimeMessage *msg = g_mime_parser_construct_message(parser, opts);
	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	return msg;
}

int mail_sanitize(const char *data, size_t len, const struct mail_limits *lim, struct buf *out,
		  struct san_report *rep, struct err *e)
{
	init_once();
	if (len == 0)
		return err_set(e, ERR_INPUT, "空のファイルです（メールではありません）");
	if (len > lim->max_bytes)
		return err_set(e, ERR_INPUT, "メールが大きすぎます（%zu バイト、上限 %zu バイト）", len,
			       lim->max_bytes);
	int rc = check_header_section(data, len, e);
	if (rc)
		return rc;
	if (len >= 5 && memcmp(data, "From ", 5) == 0) { /* an mbox envelope line */
		const char *nl = memchr(data, '\n', len);
		len -= (size_t)(nl + 1 - data);
		data = nl + 1;
	}
	struct walk w = {lim, rep, e, {BUF_INIT, 0, 0, 1, ""}, 0, 0, 0};
	GMimeMessage *msg = parse(&w, data, len);
	if (!msg && !w.refused)
		rc = err_set(e, ERR_INPUT, "メールとして読めません");
	else if (w.refused)
		rc = ERR_INPUT;
	GMimeObject *body = msg ? g_mime_message_get_mime_part(msg) : NULL;
	if (!rc && internet_address_list_length(g_mime_message_get_from(msg)) < 1)
		rc = err_set(e, ERR_INPUT, "差出人（From）がありません");
	if (!rc && body)
		count_tree(&w, body, 0);
	if (!rc && w.refused)
		rc = ERR_INPUT;
	if (!rc && body)
		rc = walk_part(&w, body, 1) ? ERR_INPUT : 0;
	if (!rc) {
		char hex[65];
		sha256_hex(data, len, hex);
		snprintf(w.mo.fallback_id, sizeof w.mo.fallback_id, "%.32s@sanitized.mamori.invalid", hex);
		mail_check_headers(msg, rep, &w.mo.keep_reply_to);
		if (!body || w.ntext == 0)
			buf_puts(&w.mo.body, "（本文はありません）\n");
		mail_write(msg, &w.mo, rep, out);
	}
	buf_free(&w.mo.body);
	if (msg)
		g_object_unref(msg);
	return rc;
}
