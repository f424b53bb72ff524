/*
 * import_xml_error — libxml2's parser and RELAX NG messages in the
 * interface's language. libxml2 writes its messages in English only; each
 * one this table knows is recognised by formatting the English text again
 * from the error's fields (so a message whose fields are not what the
 * table expects is never mistranslated) and is then written from the
 * translation with the same fields. A message the table does not know is
 * given as libxml2 wrote it, after a translated word of what kind of
 * error it is.
 */
#include "import_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include "i18n.h"
#include "util.h"

/* A field of the error, "" when libxml2 left it out. */
#define S(x) ((x) ? (x) : "")

/* Returns the translation of fmt formatted with the arguments when
 * libxml2's text msg is fmt formatted with them. */
#define TRY(fmt, ...)                                                          \
	do {                                                                   \
		char *en = xasprintf(fmt, __VA_ARGS__);                        \
		bool same = strcmp(en, msg) == 0;                              \
		free(en);                                                      \
		if (same)                                                      \
			return xasprintf(_(fmt), __VA_ARGS__);                 \
	} while (0)
#define TRY0(fmt)                                                              \
	do {                                                                   \
		if (strcmp(fmt, msg) == 0)                                     \
			return xstrdup(_(fmt));                                \
	} while (0)

/* The well-formedness errors of the parser. */
static char *parser_text(const char *msg, const xmlError *e)
{
	const char *s1 = S(e->str1), *s2 = S(e->str2);
	int i1 = e->int1;
	TRY(N_("Opening and ending tag mismatch: %s line %d and %s"), s1, i1,
	    s2);
	TRY(N_("Opening and ending tag mismatch: %s and %s"), s1, s2);
	TRY(N_("Premature end of data in tag %s line %d"), s1, i1);
	TRY0(N_("Extra content at the end of the document"));
	TRY0(N_("Document is empty"));
	TRY0(N_("Start tag expected, '<' not found"));
	TRY(N_("Entity '%s' not defined"), s1);
	TRY(N_("Attribute %s redefined"), s1);
	TRY(N_("Specification mandates value for attribute %s"), s1);
	TRY(N_("Couldn't find end of Start Tag %s line %d"), s1, i1);
	TRY(N_("Couldn't find end of Start Tag %s"), s1);
	TRY(N_("Namespace prefix %s on %s is not defined"), s1, s2);
	TRY0(N_("EndTag: '</' not found"));
	TRY0(N_("StartTag: invalid element name"));
	TRY0(N_("EntityRef: expecting ';'"));
	TRY0(N_("xmlParseEntityRef: no name"));
	TRY0(N_("Unescaped '<' not allowed in attributes values"));
	TRY0(N_("AttValue: \" or ' expected"));
	TRY0(N_("attributes construct error"));
	TRY0(N_("invalid character in attribute value"));
	TRY(N_("PCDATA invalid Char value %d"), i1);
	TRY(N_("Char 0x%X out of allowed range"), (unsigned)i1);
	TRY0(N_("Comment not terminated"));
	TRY(N_("xmlParseCharRef: invalid xmlChar value %d"), i1);
	return NULL;
}

/* The RELAX NG validator's errors. */
static char *relaxng_text(const char *msg, const xmlError *e)
{
	const char *s1 = S(e->str1), *s2 = S(e->str2);
	TRY(N_("Did not expect element %s there"), s1);
	TRY(N_("Did not expect text in element %s content"), s1);
	TRY(N_("Element %s failed to validate content"), s1);
	TRY(N_("Element %s failed to validate attributes"), s1);
	TRY(N_("Element %s has extra content: %s"), s1, s2);
	TRY(N_("Expecting element %s, got %s"), s1, s2);
	TRY(N_("Expecting an element %s, got nothing"), s1);
	TRY0(N_("Expecting an element got text"));
	TRY(N_("Expecting element %s to be empty"), s1);
	TRY(N_("Invalid attribute %s for element %s"), s1, s2);
	TRY0(N_("Invalid sequence in interleave"));
	TRY(N_("Extra element %s in interleave"), s1);
	TRY(N_("Type %s doesn't allow value '%s'"), s1, s2);
	TRY(N_("Error validating datatype %s"), s1);
	TRY(N_("Error validating value %s"), s1);
	TRY(N_("failed to validate type %s"), s1);
	TRY(N_("Datatype element %s contains no data"), s1);
	TRY(N_("Datatype element %s has child elements"), s1);
	TRY(N_("Element %s has wrong namespace: expecting %s"), s1, s2);
	TRY(N_("Expecting a namespace for element %s"), s1);
	TRY(N_("Expecting no namespace for element %s"), s1);
	TRY0(N_("Extra data in the document"));
	TRY0(N_("Error validating list"));
	return NULL;
}

char *import_xml_error_text(const xmlError *e)
{
	if (!e->message)
		return xstrdup(_("malformed XML"));
	char *msg = util_trim(xstrdup(e->message));
	bool schema = e->domain == XML_FROM_RELAXNGV;
	char *text = schema ? relaxng_text(msg, e) : parser_text(msg, e);
	if (!text)
		text = schema ? xasprintf(_("not as the schema says: %s"), msg)
			      : xasprintf(_("not well-formed XML: %s"), msg);
	free(msg);
	return text;
}

void import_xml_error_diag(struct diag *d, const char *name, const xmlError *e,
			   bool field)
{
	if (!e || e->level == XML_ERR_WARNING)
		return;
	char *text = import_xml_error_text(e);
	const char *f = NULL;
	if (field && e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
		f = (const char *)((xmlNodePtr)e->node)->name;
	diag_add(d, name, e->line, f, "%s", text);
	free(text);
}
