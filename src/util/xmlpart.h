/*
 * xmlpart.h — what the readers of the XML parts of Office files (.xlsx,
 * .docx, an OOXML package being sanitised) share.  A part is parsed into a
 * tree the one safe way: network off, libxml2's own output silenced, and
 * the parse stopped at a DOCTYPE before any entity is declared (Office
 * never writes a DTD, and entities are how XML bombs work).  Attributes are
 * found by local name.
 */
#ifndef MAMORI_XMLPART_H
#define MAMORI_XMLPART_H

#include <stddef.h>

#include <libxml/tree.h>

/* Why xml_read_nodtd gave no document. */
struct xml_fault {
	int dtd;       /* a DOCTYPE stopped the parse */
	int empty;     /* well formed but without a root element */
	int line;      /* where it broke, 0 when unknown */
	char msg[256]; /* libxml2's words, trailing white space removed */
};

/* The parsed part (url names it in libxml2's messages), which has a root
   element; or NULL with f saying why. */
xmlDoc *xml_read_nodtd(const char *data, size_t len, const char *url, struct xml_fault *f);

/*
 * The value of n's attribute named local, as a malloc'd copy, or NULL;
 * in_ns picks a namespaced one (r:id) or a plain one.  Namespace URIs are
 * not compared: transitional and strict OOXML use different ones for the
 * same attributes.
 */
char *xml_attr(const xmlNode *n, const char *local, int in_ns);

#endif
