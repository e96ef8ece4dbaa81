/*
 * refusal.h — why the web refused an action on a record (a request, an
 * incident): the HTTP status, the stable code of the API's error object and
 * the Japanese message the page shows above the form.  One type, so that
 * the pages and the API of every kind of record answer a refusal alike.
 */
#ifndef MAMORI_WEB_REFUSAL_H
#define MAMORI_WEB_REFUSAL_H

struct web_refusal {
	int status; /* 0 = done */
	const char *code;
	char *msg; /* malloc'd */
};

/* Frees the message and clears x (status 0 again). */
void web_refusal_free(struct web_refusal *x);

#endif
