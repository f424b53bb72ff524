/*
 * import_xml — what the XML readers share (board types, forms, knowledge
 * base, trial registry, MDK levels; the streaming case reader uses the
 * schema cache and node helpers): a size-capped file read, a DOM parse from
 * memory that refuses DOCTYPE and network access, RELAX NG validation
 * against a schema compiled into the program, libxml2 errors routed into a
 * struct diag as FILE:LINE: message, and small node helpers. Private to
 * src/import*.c, the only files that include libxml2.
 */
#ifndef TB_IMPORT_XML_H
#define TB_IMPORT_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "diag.h"
#include "status.h"

/* Opens path for reading when it is a regular file of at most max bytes
 * (*size): the descriptor, or -1 with the problem added to d and *st set
 * (TB_IO, or TB_INVALID for a file over the limit). */
int import_xml_open(const char *path, size_t max, size_t *size,
		    enum tb_status *st, struct diag *d);

/* Reads at most max bytes of path into *buf (caller frees); a larger file
 * is refused without reading it. Failures are added to d. */
enum tb_status import_xml_read(const char *path, size_t max, char **buf,
			       size_t *len, struct diag *d);

/* Structure caps, checked on the bytes before any parse. */
#define IMPORT_XML_MAX_ATTRS	64
#define IMPORT_XML_MAX_DEPTH	32
#define IMPORT_XML_MAX_CHILDREN 1000 /* per element below the root */

/*
 * Checks the bytes of a file before any parser sees them: valid UTF-8, no
 * NUL, no DOCTYPE or other declaration, no element with more than
 * IMPORT_XML_MAX_ATTRS attributes, nesting at most IMPORT_XML_MAX_DEPTH,
 * no element below the root with more than IMPORT_XML_MAX_CHILDREN child
 * elements.
 * Linear in n. Adds one FILE:LINE diagnostic and returns false at the first
 * problem.
 */
bool import_xml_precheck(const char *name, const char *buf, size_t n,
			 struct diag *d);

/*
 * Checks the text and attribute values of the element n and everything
 * below it with util_text_check: no control or invisible
 * characters anywhere (newlines and tabs only in element text). Adds a
 * FILE:LINE: field diagnostic for each bad value (naming the character's
 * code point, never the text) and returns false when there was one.
 * Recursion is bounded by IMPORT_XML_MAX_DEPTH (checked first).
 */
bool import_xml_check_text(const char *name, const xmlNode *n, struct diag *d);

/*
 * Parses buf (named name in messages) and validates it against the RELAX NG
 * schema rng. Returns the document (caller frees with xmlFreeDoc) or NULL
 * after adding at least one diagnostic to d; what_schema names the schema
 * in the message used when libxml2 gives none ("the forms schema").
 * The data files compiled into the program (schemas.h), given as they are
 * with their own schema, are parsed and their text checked but not
 * validated again: make check validates them (tests/test_builtin.c).
 */
xmlDocPtr import_xml_parse(const char *name, const char *buf, size_t n,
			   const unsigned char *rng, size_t rng_len,
			   const char *what_schema, struct diag *d);

/* libxml2's message of e in the interface's language (its English text
 * when the language is English or the message is one the translations do
 * not know, after a translated word of what kind of error it is). Caller
 * frees. */
char *import_xml_error_text(const xmlError *e);

/* Adds e (not a warning) to d as name:LINE: message, with the element the
 * error is at as the field when field is true. */
void import_xml_error_diag(struct diag *d, const char *name, const xmlError *e,
			   bool field);

/* How many RELAX NG validations import_xml_parse ran in this process. */
unsigned long import_xml_validations(void);

/* The RELAX NG schema rng compiled into the program, parsed once and kept
 * (the case reader validates as it streams); NULL if it does not parse. */
xmlRelaxNGPtr import_xml_schema(const unsigned char *rng, size_t len);

/* Frees the parsed schemas import_xml_schema keeps (import_global_cleanup
 * calls it). */
void import_xml_cleanup(void);

/* True when n is the element ns:name. */
bool import_xml_is(const xmlNode *n, const char *ns, const char *name);
/* The attribute without namespace, trimmed; NULL when absent. Caller frees. */
char *import_xml_prop(const xmlNode *n, const char *name);
/* The xml:lang attribute; NULL when absent. Caller frees. */
char *import_xml_lang(const xmlNode *n);
/* The element's text, trimmed. Caller frees. */
char *import_xml_text(const xmlNode *n);

#endif
