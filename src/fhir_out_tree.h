/*
 * fhir_out_tree — a FHIR resource as a small tree, written as FHIR XML
 * (libxml2's text writer) or FHIR JSON (json-c) from the same tree, so
 * both formats always carry the same content in the same order.
 *
 * A node is a complex element (children), a primitive (a value; XML
 * <name value="…"/>, JSON a string, number or boolean), a resource (XML
 * <resource><Type>…</Type></resource> or the root element, JSON an object
 * that starts with "resourceType"), an attribute (the url of an
 * extension: an XML attribute, a JSON string) or a narrative div (XHTML
 * text, written as markup in XML and as a string in JSON). A node added
 * with a _list builder belongs to a repeating element: adjacent siblings
 * of that name form one JSON array (also of one item), as the FHIR JSON
 * format wants for every element whose cardinality is above one.
 *
 * The builders add children in the order they are called: callers add
 * elements in the order the R4 resource definitions give them (the XML
 * format requires it). NULL or empty values are not added at all (FHIR
 * has no empty elements). Every value is passed through util_sanitize
 * (keeping newlines and tabs): XML 1.0 cannot carry C0 controls.
 *
 * Ownership: fo_root() returns a tree the caller frees with fo_free();
 * every other builder returns a node borrowed from that tree.
 */
#ifndef TB_FHIR_OUT_TREE_H
#define TB_FHIR_OUT_TREE_H

#include <stdbool.h>

#include "util.h"

struct fo;

struct fo *fo_root(const char *resource_type);
void fo_free(struct fo **root);

/* A complex element, one (fo_obj) or one of a repeating element
 * (fo_list). */
struct fo *fo_obj(struct fo *parent, const char *name);
struct fo *fo_list(struct fo *parent, const char *name);
/* "resource" holding a resource of this type (Bundle.entry.resource). */
struct fo *fo_resource(struct fo *parent, const char *type);

/* Primitives; nothing is added when value is NULL or "". */
void fo_str(struct fo *parent, const char *name, const char *value);
void fo_str_list(struct fo *parent, const char *name, const char *value);
/* A decimal or integer written as given (JSON number, not string). */
void fo_num(struct fo *parent, const char *name, const char *literal);
void fo_int(struct fo *parent, const char *name, long long v);
void fo_bool(struct fo *parent, const char *name, bool v);
/* An extension with a url and the value node's name ("valueString"…). */
struct fo *fo_ext(struct fo *parent, const char *url);
/* Narrative: status "generated" and a div with one <p> per line of
 * text. */
void fo_narrative(struct fo *parent, const char *text);

/* Shorthands for data types. */
void fo_coding(struct fo *parent, const char *name, bool list,
	       const char *system, const char *code, const char *display);
/* CodeableConcept with at most one coding and a text. */
struct fo *fo_concept(struct fo *parent, const char *name, bool list,
		      const char *system, const char *code, const char *display,
		      const char *text);
/* Reference to a urn:uuid in the Bundle, or a display only (ref NULL). */
void fo_ref(struct fo *parent, const char *name, bool list, const char *ref,
	    const char *display);
void fo_identifier(struct fo *parent, const char *name, bool list,
		   const char *system, const char *value);

/* The tree as FHIR XML or JSON appended to out; false when a writer
 * failed (out of memory in the library). */
bool fo_write_xml(const struct fo *root, struct strbuf *out);
bool fo_write_json(const struct fo *root, struct strbuf *out);

#endif
