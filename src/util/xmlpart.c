/*
 * xmlpart.c — XML parts of Office files: parsed with DTDs refused,
 * attributes by local name (xmlpart.h).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "util/buf.h"
#include "util/xmlpart.h"

#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Stops the parse at its DOCTYPE; the context's _private points at the flag
   that says so. */
static void stop_at_dtd(void *ctx, const xmlChar *name, const xmlChar *ext_id, const xmlChar *sys_id)
{
	xmlParserCtxt *ctxt = ctx;
	(void)name, (void)ext_id, (void)sys_id;
	*(int *)ctxt->_private = 1;
	xmlStopParser(ctxt);
}

static void set_msg(struct xml_fault *f, const char *msg)
{
	snprintf(f->msg, sizeof f->msg, "%s", msg);
	size_t n = strlen(f->msg);
	while (n > 0 && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' '))
		f->msg[--n] = '\0';
}

xmlDoc *xml_read_nodtd(const char *data, size_t len, const char *url, struct xml_fault *f)
{
	memset(f, 0, sizeof *f);
	if (len > INT_MAX) {
		set_msg(f, "大きすぎます");
		return NULL;
	}
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		set_msg(f, "XML パーサを用意できません");
		return NULL;
	}
	ctxt->_private = &f->dtd;
	ctxt->sax->internalSubset = stop_at_dtd;
	xmlDoc *doc = xmlCtxtReadMemory(ctxt, data, (int)len, url, NULL, XML_OPTS);
	if (!f->dtd && doc && !xmlDocGetRootElement(doc))
		f->empty = 1;
	if (!doc && !f->dtd) {
		f->line = ctxt->lastError.line;
		set_msg(f, ctxt->lastError.message ? ctxt->lastError.message : "?");
	}
	xmlFreeParserCtxt(ctxt);
	if (f->dtd || f->empty) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

char *xml_attr(const xmlNode *n, const char *local, int in_ns)
{
	for (xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, local) != 0 || (a->ns != NULL) != in_ns)
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		char *s = xstrdup(v ? (const char *)v : "");
		xmlFree(v);
		return s;
	}
	return NULL;
}
