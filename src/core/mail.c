/*
 * mail.c — the profile's mail settings as something smtp_send can use.
 */
#include "core/mail.h"

int mail_enabled(const struct profile *p)
{
	return p->smtp_relay && *p->smtp_relay && p->mail_from && *p->mail_from;
}

int mail_config(const struct profile *p, struct smtp_relay *relay, struct err *e)
{
	if (!p->smtp_relay || !*p->smtp_relay)
		return err_set(e, ERR_INPUT, "メールの中継サーバーが設定されていません（mamori profile set smtp_relay ホスト名[:ポート番号]）");
	if (!p->mail_from || !*p->mail_from)
		return err_set(e, ERR_INPUT, "メールの差出人アドレスが設定されていません（mamori profile set mail_from アドレス）");
	if (smtp_relay_parse(p->smtp_relay, relay, e))
		return err_prefix(e, "プロファイルの smtp_relay");
	return 0;
}

int mail_send_all(struct db *db, const struct smtp_message *v, size_t n, unsigned char *sent,
		  smtp_progress_fn progress, smtp_refused_fn refused, void *arg, struct err *e)
{
	struct profile prof;
	struct smtp_relay relay;
	if (profile_load(db, &prof, e))
		return e->code;
	int rc = mail_config(&prof, &relay, e);
	if (!rc) {
		rc = smtp_send_ex(&relay, prof.mail_from, v, n, sent, progress, refused, arg, e);
		smtp_relay_free(&relay);
	}
	profile_free(&prof);
	return rc;
}
