#include "fhir_out_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>
#include <libxml/xmlwriter.h>

#define FHIR_NS	 "http://hl7.org/fhir"
#define XHTML_NS "http://www.w3.org/1999/xhtml"

enum fo_kind { FO_OBJ, FO_STR, FO_NUM, FO_BOOL, FO_RES, FO_ATTR, FO_DIV };

struct fo {
	enum fo_kind kind;
	bool list;
	char *name;  /* element name; NULL for the root */
	char *value; /* primitives; the resource type of FO_RES; div markup */
	struct fo *kids, *last, *next;
};

static struct fo *add(struct fo *parent, enum fo_kind kind, const char *name,
		      const char *value, bool list)
{
	struct fo *n = xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->list = list;
	n->name = name ? xstrdup(name) : NULL;
	n->value = value ? xstrdup(value) : NULL;
	if (parent) {
		if (parent->last)
			parent->last->next = n;
		else
			parent->kids = n;
		parent->last = n;
	}
	return n;
}

struct fo *fo_root(const char *resource_type)
{
	return add(NULL, FO_RES, NULL, resource_type, false);
}

static void free_node(struct fo *n)
{
	while (n) {
		struct fo *next = n->next;
		free_node(n->kids);
		free(n->name);
		free(n->value);
		free(n);
		n = next;
	}
}

void fo_free(struct fo **root)
{
	if (!root || !*root)
		return;
	free_node(*root);
	*root = NULL;
}

struct fo *fo_obj(struct fo *parent, const char *name)
{
	return add(parent, FO_OBJ, name, NULL, false);
}

struct fo *fo_list(struct fo *parent, const char *name)
{
	return add(parent, FO_OBJ, name, NULL, true);
}

struct fo *fo_resource(struct fo *parent, const char *type)
{
	return add(parent, FO_RES, "resource", type, false);
}

static void prim(struct fo *parent, enum fo_kind kind, const char *name,
		 const char *value, bool list)
{
	if (!value || !*value)
		return;
	char *clean = util_sanitize(value, true);
	if (*clean)
		add(parent, kind, name, clean, list);
	free(clean);
}

void fo_str(struct fo *parent, const char *name, const char *value)
{
	prim(parent, FO_STR, name, value, false);
}

void fo_str_list(struct fo *parent, const char *name, const char *value)
{
	prim(parent, FO_STR, name, value, true);
}

void fo_num(struct fo *parent, const char *name, const char *literal)
{
	prim(parent, FO_NUM, name, literal, false);
}

void fo_int(struct fo *parent, const char *name, long long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", v);
	add(parent, FO_NUM, name, buf, false);
}

void fo_bool(struct fo *parent, const char *name, bool v)
{
	add(parent, FO_BOOL, name, v ? "true" : "false", false);
}

struct fo *fo_ext(struct fo *parent, const char *url)
{
	struct fo *e = fo_list(parent, "extension");
	add(e, FO_ATTR, "url", url, false);
	return e;
}

static void escape_xml(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			strbuf_puts(sb, "&amp;");
		else if (*s == '<')
			strbuf_puts(sb, "&lt;");
		else if (*s == '>')
			strbuf_puts(sb, "&gt;");
		else
			strbuf_putc(sb, *s);
	}
}

void fo_narrative(struct fo *parent, const char *text)
{
	struct fo *t = fo_obj(parent, "text");
	struct strbuf sb;
	char *clean = util_sanitize(text ? text : "", true);
	size_t len = strlen(clean);
	while (len && clean[len - 1] == '\n')
		clean[--len] = '\0';
	strbuf_init(&sb);
	fo_str(t, "status", "generated");
	strbuf_puts(&sb, /* untranslated: XML markup */ "<div xmlns=\"" XHTML_NS
							"\">");
	for (char *p = clean;;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		strbuf_puts(&sb, "<p>");
		escape_xml(&sb, line);
		strbuf_puts(&sb, "</p>");
		free(line);
		if (!p[n])
			break;
		p += n + 1;
	}
	strbuf_puts(&sb, "</div>");
	/* the markup for JSON, the text (one <p> a line) for XML */
	struct fo *div = add(t, FO_DIV, "div", sb.buf, false);
	add(div, FO_STR, "p", clean, false);
	strbuf_done(&sb);
	free(clean);
}

void fo_coding(struct fo *parent, const char *name, bool list,
	       const char *system, const char *code, const char *display)
{
	if ((!code || !*code) && (!display || !*display))
		return;
	struct fo *c = list ? fo_list(parent, name) : fo_obj(parent, name);
	fo_str(c, "system", system);
	fo_str(c, "code", code);
	fo_str(c, "display", display);
}

struct fo *fo_concept(struct fo *parent, const char *name, bool list,
		      const char *system, const char *code, const char *display,
		      const char *text)
{
	struct fo *cc = list ? fo_list(parent, name) : fo_obj(parent, name);
	if (code && *code)
		fo_coding(cc, "coding", true, system, code, display);
	fo_str(cc, "text", text);
	return cc;
}

void fo_ref(struct fo *parent, const char *name, bool list, const char *ref,
	    const char *display)
{
	if ((!ref || !*ref) && (!display || !*display))
		return;
	struct fo *r = list ? fo_list(parent, name) : fo_obj(parent, name);
	fo_str(r, "reference", ref);
	fo_str(r, "display", display);
}

void fo_identifier(struct fo *parent, const char *name, bool list,
		   const char *system, const char *value)
{
	if (!value || !*value)
		return;
	struct fo *i = list ? fo_list(parent, name) : fo_obj(parent, name);
	fo_str(i, "system", system);
	fo_str(i, "value", value);
}

/* ---- XML ---- */

static int xml_node(xmlTextWriterPtr w, const struct fo *n);

static int xml_kids(xmlTextWriterPtr w, const struct fo *n)
{
	/* attributes first: they must precede child elements */
	for (const struct fo *k = n->kids; k; k = k->next)
		if (k->kind == FO_ATTR &&
		    xmlTextWriterWriteAttribute(w, (const xmlChar *)k->name,
						(const xmlChar *)k->value) < 0)
			return -1;
	for (const struct fo *k = n->kids; k; k = k->next)
		if (k->kind != FO_ATTR && xml_node(w, k) < 0)
			return -1;
	return 0;
}

static int xml_node(xmlTextWriterPtr w, const struct fo *n)
{
	switch (n->kind) {
	case FO_RES:
		if (xmlTextWriterStartElement(w, (const xmlChar *)n->name) <
			0 ||
		    xmlTextWriterStartElement(w, (const xmlChar *)n->value) <
			0 ||
		    xml_kids(w, n) < 0 || xmlTextWriterEndElement(w) < 0)
			return -1;
		return xmlTextWriterEndElement(w);
	case FO_OBJ:
		if (xmlTextWriterStartElement(w, (const xmlChar *)n->name) <
			0 ||
		    xml_kids(w, n) < 0)
			return -1;
		return xmlTextWriterEndElement(w);
	case FO_DIV:
		if (xmlTextWriterStartElementNS(w, NULL, (const xmlChar *)"div",
						(const xmlChar *)XHTML_NS) < 0)
			return -1;
		for (const char *p = n->kids->value;;) {
			size_t len = strcspn(p, "\n");
			char *line = xstrndup(p, len);
			int rc = xmlTextWriterWriteElement(
			    w, (const xmlChar *)"p", (const xmlChar *)line);
			free(line);
			if (rc < 0)
				return -1;
			if (!p[len])
				break;
			p += len + 1;
		}
		return xmlTextWriterEndElement(w);
	case FO_ATTR:
		return 0;
	default:
		if (xmlTextWriterStartElement(w, (const xmlChar *)n->name) <
			0 ||
		    xmlTextWriterWriteAttribute(w, (const xmlChar *)"value",
						(const xmlChar *)n->value) < 0)
			return -1;
		return xmlTextWriterEndElement(w);
	}
}

bool fo_write_xml(const struct fo *root, struct strbuf *out)
{
	bool ok = false;
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!w)
		goto cleanup;
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (const xmlChar *)"  ");
	if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(w, NULL, (const xmlChar *)root->value,
					(const xmlChar *)FHIR_NS) < 0 ||
	    xml_kids(w, root) < 0 || xmlTextWriterEndElement(w) < 0 ||
	    xmlTextWriterEndDocument(w) < 0)
		goto cleanup;
	xmlFreeTextWriter(w);
	w = NULL;
	strbuf_add(out, (const char *)xmlBufferContent(buf),
		   (size_t)xmlBufferLength(buf));
	ok = true;
cleanup:
	if (w)
		xmlFreeTextWriter(w);
	if (buf)
		xmlBufferFree(buf);
	return ok;
}

/* ---- JSON ---- */

static struct json_object *json_node(const struct fo *n);

/* Adds n's children to obj; adjacent list siblings of one name become one
 * array. */
static void json_kids(struct json_object *obj, const struct fo *n)
{
	for (const struct fo *k = n->kids; k;) {
		if (!k->list) {
			json_object_object_add(obj, k->name, json_node(k));
			k = k->next;
			continue;
		}
		struct json_object *arr = json_object_new_array();
		const struct fo *first = k;
		for (; k && k->list && strcmp(k->name, first->name) == 0;
		     k = k->next)
			json_object_array_add(arr, json_node(k));
		json_object_object_add(obj, first->name, arr);
	}
}

static struct json_object *json_node(const struct fo *n)
{
	struct json_object *o;
	switch (n->kind) {
	case FO_RES:
		o = json_object_new_object();
		json_object_object_add(o, "resourceType",
				       json_object_new_string(n->value));
		json_kids(o, n);
		return o;
	case FO_OBJ:
		o = json_object_new_object();
		json_kids(o, n);
		return o;
	case FO_NUM:
		return json_object_new_double_s(strtod(n->value, NULL),
						n->value);
	case FO_BOOL:
		return json_object_new_boolean(strcmp(n->value, "true") == 0);
	default:
		return json_object_new_string(n->value);
	}
}

bool fo_write_json(const struct fo *root, struct strbuf *out)
{
	struct json_object *o = json_node(root);
	if (!o)
		return false;
	const char *s = json_object_to_json_string_ext(
	    o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		   JSON_C_TO_STRING_NOSLASHESCAPE);
	bool ok = s != NULL;
	if (ok) {
		strbuf_puts(out, s);
		strbuf_putc(out, '\n');
	}
	json_object_put(o);
	return ok;
}
