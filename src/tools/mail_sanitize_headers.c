/*
 * mail_sanitize_headers.c — headers that could mislead the reader, reported
 * as warnings (they travel into the sanitised mail's notice too).
 *
 * What is checked is what a municipality's staff are fooled by and what can
 * be told from the message alone: a display name that is itself an address
 * (often hidden in an encoded word), a Reply-To, Sender or Return-Path of
 * another organisation, more than one From, and internationalised (punycode
 * or raw non-ASCII) domains that can imitate a familiar one.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "tools/mail_sanitize_internal.h"

/* Second-level labels under a country code that are not an organisation
   ("lg.jp", "co.jp", "ac.uk"…): the organisation is one label further in. */
static int public_second_level(const char *label, size_t n)
{
	static const char *const names[] = {"lg", "co", "or", "ne", "ac", "go", "ed", "gr",
					    "ad", "com", "net", "org", "gov", "edu", NULL};
	for (const char *const *p = names; *p; p++)
		if (strlen(*p) == n && strncasecmp(label, *p, n) == 0)
			return 1;
	return 0;
}

void mail_org_domain(const char *domain, char *out, size_t n)
{
	size_t len = strlen(domain);
	while (len && domain[len - 1] == '.')
		len--;
	/* dots from the right: the last 2 labels, or 3 under a public second level */
	size_t dots[3] = {0, 0, 0};
	int found = 0;
	for (size_t i = len; i-- > 0 && found < 3;)
		if (domain[i] == '.')
			dots[found++] = i;
	size_t start = 0;
	if (found >= 2) {
		size_t tld_len = len - dots[0] - 1;
		size_t sl_len = dots[0] - dots[1] - 1;
		int deeper = tld_len == 2 && public_second_level(domain + dots[1] + 1, sl_len);
		start = deeper ? (found == 3 ? dots[2] + 1 : 0) : dots[1] + 1;
	}
	size_t k = 0;
	for (size_t i = start; i < len && k + 1 < n; i++)
		out[k++] = (char)tolower((unsigned char)domain[i]);
	out[k] = '\0';
}

static const char *domain_of(const char *addr)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;
	return at ? at + 1 : "";
}

static int same_org(const char *a, const char *b)
{
	char x[256], y[256];
	mail_org_domain(domain_of(a), x, sizeof x);
	mail_org_domain(domain_of(b), y, sizeof y);
	return strcmp(x, y) == 0;
}

static void warn(struct san_report *rep, const char *what, const char *where, const char *fmt,
		 const char *a, const char *b)
{
	san_report_add(&rep->warnings, &rep->nwarnings, what, where, fmt, a, b);
}

/* An address written inside a display name ("admin@city.example.lg.jp"), or
   NULL; copied into buf. */
static const char *address_in(const char *name, char *buf, size_t n)
{
	const char *at = name ? strchr(name, '@') : NULL;
	if (!at || at == name)
		return NULL;
	const char *s = at, *e = at + 1;
	while (s > name && (isalnum((unsigned char)s[-1]) || strchr("._%+-", s[-1])))
		s--;
	while (*e && (isalnum((unsigned char)*e) || strchr(".-", *e)))
		e++;
	if (s == at || e == at + 1 || !memchr(at, '.', (size_t)(e - at)) || (size_t)(e - s) >= n)
		return NULL;
	memcpy(buf, s, (size_t)(e - s));
	buf[e - s] = '\0';
	return buf;
}

static int idn_domain(const char *addr)
{
	const char *d = domain_of(addr);
	if (strncasecmp(d, "xn--", 4) == 0 || strstr(d, ".xn--") || strstr(d, ".XN--"))
		return 1;
	for (; *d; d++)
		if ((unsigned char)*d >= 0x80)
			return 1;
	return 0;
}

static void check_mailbox(InternetAddressMailbox *mb, const char *header, int encoded,
			  struct san_report *rep)
{
	const char *addr = internet_address_mailbox_get_addr(mb);
	const char *name = internet_address_get_name(INTERNET_ADDRESS(mb));
	char inner[256];
	const char *shown = address_in(name, inner, sizeof inner);
	if (shown && addr && strcasecmp(shown, addr) != 0)
		warn(rep, "display_name_address", header,
		     encoded ? "表示名（エンコードされた文字列）にアドレス %s が書かれていますが、実際のアドレスは %s です"
			     : "表示名にアドレス %s が書かれていますが、実際のアドレスは %s です",
		     shown, addr);
	if (addr && idn_domain(addr))
		warn(rep, "idn_domain", header,
		     "国際化ドメイン名 %s が使われています（よく知られたドメインに似せた偽装の可能性があります）%s",
		     domain_of(addr), "");
}

/* Every mailbox of a header, groups included. */
static void check_list(InternetAddressList *l, const char *header, int encoded,
		       struct san_report *rep, int depth)
{
	int n = l ? internet_address_list_length(l) : 0;
	for (int i = 0; i < n; i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			check_mailbox(INTERNET_ADDRESS_MAILBOX(a), header, encoded, rep);
		else if (INTERNET_ADDRESS_IS_GROUP(a) && depth < 2)
			check_list(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)),
				   header, encoded, rep, depth + 1);
	}
}

static const char *first_addr(InternetAddressList *l)
{
	if (!l || internet_address_list_length(l) < 1)
		return NULL;
	InternetAddress *a = internet_address_list_get_address(l, 0);
	return INTERNET_ADDRESS_IS_MAILBOX(a)
		       ? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))
		       : NULL;
}

static int header_count(GMimeObject *o, const char *name)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	int n = 0, count = g_mime_header_list_get_count(hl);
	for (int i = 0; i < count; i++)
		if (strcasecmp(g_mime_header_get_name(g_mime_header_list_get_header_at(hl, i)),
			       name) == 0)
			n++;
	return n;
}

static int raw_has_encoded_word(GMimeObject *o, const char *name)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(o);
	GMimeHeader *h = g_mime_header_list_get_header(hl, name);
	const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
	return raw && strstr(raw, "=?") != NULL;
}

/* The address of Return-Path: <a@b>. */
static void return_path(GMimeObject *o, char *out, size_t n)
{
	const char *v = g_mime_object_get_header(o, "Return-Path");
	out[0] = '\0';
	if (!v)
		return;
	const char *s = strchr(v, '<');
	s = s ? s + 1 : v;
	size_t k = 0;
	while (s[k] && s[k] != '>' && !isspace((unsigned char)s[k]) && k + 1 < n) {
		out[k] = s[k];
		k++;
	}
	out[k] = '\0';
}

void mail_check_headers(GMimeMessage *msg, struct san_report *rep, int *keep_reply_to)
{
	GMimeObject *o = GMIME_OBJECT(msg);
	InternetAddressList *from = g_mime_message_get_from(msg);
	InternetAddressList *reply = g_mime_message_get_reply_to(msg);
	InternetAddressList *sender = g_mime_message_get_sender(msg);
	*keep_reply_to = 1;
	int nfrom = header_count(o, "From");
	if (nfrom > 1)
		warn(rep, "multiple_from", "From", "From ヘッダが %s 個あります（送信者の偽装に使われます）%s",
		     nfrom == 2 ? "2" : "3 以上", "");
	else if (internet_address_list_length(from) > 1)
		warn(rep, "multiple_from", "From", "From に複数の差出人が書かれています%s%s", "", "");
	check_list(from, "From", raw_has_encoded_word(o, "From"), rep, 0);
	check_list(reply, "Reply-To", raw_has_encoded_word(o, "Reply-To"), rep, 0);
	check_list(sender, "Sender", raw_has_encoded_word(o, "Sender"), rep, 0);
	const char *f = first_addr(from);
	if (!f)
		return;
	int nreply = reply ? internet_address_list_length(reply) : 0;
	for (int i = 0; i < nreply; i++) {
		InternetAddress *a = internet_address_list_get_address(reply, i);
		const char *r = INTERNET_ADDRESS_IS_MAILBOX(a)
					? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))
					: NULL;
		if (r && !same_org(r, f)) {
			warn(rep, "reply_to_mismatch", "Reply-To",
			     "返信先 %s が差出人 %s と別の組織のドメインです（返信先は外しました）", r, f);
			*keep_reply_to = 0;
		}
	}
	const char *s = first_addr(sender);
	if (s && !same_org(s, f))
		warn(rep, "sender_mismatch", "Sender", "Sender %s が差出人 %s と別の組織のドメインです", s,
		     f);
	char rp[256];
	return_path(o, rp, sizeof rp);
	if (rp[0] && strchr(rp, '@') && !same_org(rp, f))
		warn(rep, "return_path_mismatch", "Return-Path",
		     "Return-Path %s が差出人 %s と別の組織のドメインです（メールマガジン等では普通ですが、なりすましの兆候にもなります）",
		     rp, f);
}
