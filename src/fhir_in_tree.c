/*
 * FHIR XML and JSON into one tree (struct fnode, see fhir_in.h).
 *
 * XML goes through the same byte precheck as case files and is parsed from
 * memory with no network, no entity substitution and no DTD. JSON is
 * parsed strictly by json-c with a depth limit; json-c keeps no
 * positions, so a second pass over the bytes (scan_json) records the line
 * each value starts on, in document order, and the number of members of
 * each object. Walking json-c's objects in member order visits the values
 * in that same order; a member count that differs means a repeated key,
 * which is refused.
 */
#include "fhir_in.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "fhir.h"
#include "fhir_in_mem.h"
#include "i18n.h"
#include "import_map.h"
#include "import_xml.h"
#include "util.h"

/* memmem, without relying on _GNU_SOURCE */
static const char *mem_find(const char *hay, size_t n, const char *needle,
			    size_t m)
{
	for (size_t i = 0; m && i + m <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

enum fhir_format fhir_in_detect(const char *buf, size_t n)
{
	size_t i = util_text_start(buf, n);
	if (i < n && (buf[i] == '{' || buf[i] == '['))
		return FHIR_FORMAT_JSON;
	/* XML: the first start tag after the prolog's declarations,
	 * processing instructions and comments */
	while (i < n) {
		if (buf[i] != '<') {
			i++;
			continue;
		}
		if (i + 1 < n && (buf[i + 1] == '?' || buf[i + 1] == '!')) {
			const char *end = NULL;
			if (i + 3 < n && buf[i + 2] == '-' && buf[i + 3] == '-')
				end = mem_find(buf + i, n - i, "-->", 3);
			else
				end = memchr(buf + i, '>', n - i);
			if (!end)
				return FHIR_FORMAT_NONE;
			i = (size_t)(end - buf) + 1;
			continue;
		}
		const char *gt = memchr(buf + i, '>', n - i);
		size_t len = gt ? (size_t)(gt - (buf + i)) : n - i;
		const char *ns = "xmlns=\"" FHIR_NS "\"";
		const char *ns1 = "xmlns='" FHIR_NS "'";
		if (mem_find(buf + i, len, ns, strlen(ns)) ||
		    mem_find(buf + i, len, ns1, strlen(ns1)))
			return FHIR_FORMAT_XML;
		return FHIR_FORMAT_NONE;
	}
	return FHIR_FORMAT_NONE;
}

/* ------------------------------------------------------------------------
 * XML
 * ---------------------------------------------------------------------- */

struct xerr {
	struct diag *d;
	const char *name;
};

static void on_xml_error(void *arg, xmlErrorPtr e)
{
	struct xerr *x = arg;
	import_xml_error_diag(x->d, x->name, e, false);
}

static bool is_fhir(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, FHIR_NS) == 0;
}

static void from_xml(struct fmem *a, const char *name, const xmlNode *x,
		     struct fnode *parent, struct fnode **out, struct diag *d)
{
	long line = xmlGetLineNo(x);
	if (!is_fhir(x)) {
		/* the narrative's XHTML is kept as one opaque node */
		if (x->ns && x->ns->href &&
		    strcmp((const char *)x->ns->href, FHIR_XHTML_NS) == 0 &&
		    strcmp((const char *)x->name, "div") == 0) {
			fmem_node(a, parent, "div", NULL, line);
			return;
		}
		diag_add(d, name, line, (const char *)x->name,
			 _("element outside the FHIR namespace"));
		return;
	}
	char *value = NULL;
	struct fnode *n = NULL;
	xmlChar *v = xmlGetNoNsProp(x, (const xmlChar *)"value");
	if (v) {
		value = xstrdup((const char *)v);
		xmlFree(v);
	}
	n = fmem_node(a, parent, (const char *)x->name, value, line);
	free(value);
	if (out)
		*out = n;
	for (const xmlAttr *at = x->properties; at; at = at->next) {
		if (strcmp((const char *)at->name, "value") == 0)
			continue;
		xmlChar *av = xmlNodeGetContent((const xmlNode *)at);
		/* url of an extension, id of an element */
		fmem_node(a, n, (const char *)at->name,
			  av ? (const char *)av : "", line);
		xmlFree(av);
	}
	for (const xmlNode *c = x->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			from_xml(a, name, c, n, NULL, d);
		} else if (c->type == XML_TEXT_NODE ||
			   c->type == XML_CDATA_SECTION_NODE) {
			for (const xmlChar *s = c->content; s && *s; s++)
				if (*s != ' ' && *s != '\t' && *s != '\n' &&
				    *s != '\r') {
					diag_add(d, name, xmlGetLineNo(c),
						 (const char *)x->name,
						 _("text in a FHIR element; "
						   "values go in value=\"\""));
					break;
				}
		}
	}
}

/* json-c's description of err in the interface's language (json-c
 * writes English only; the English here is its own). */
static const char *json_error_text(enum json_tokener_error err)
{
	switch (err) {
	case json_tokener_error_depth:
		return _("nesting too deep");
	case json_tokener_error_parse_eof:
		return _("unexpected end of data");
	case json_tokener_error_parse_unexpected:
		return _("unexpected character");
	case json_tokener_error_parse_null:
		return _("null expected");
	case json_tokener_error_parse_boolean:
		return _("boolean expected");
	case json_tokener_error_parse_number:
		return _("number expected");
	case json_tokener_error_parse_array:
		return _("array value separator ',' expected");
	case json_tokener_error_parse_object_key_name:
		return _("quoted object property name expected");
	case json_tokener_error_parse_object_key_sep:
		return _("object property name separator ':' expected");
	case json_tokener_error_parse_object_value_sep:
		return _("object value separator ',' expected");
	case json_tokener_error_parse_string:
		return _("invalid string sequence");
	case json_tokener_error_parse_comment:
		return _("expected comment");
	case json_tokener_error_parse_utf8_string:
		return _("invalid utf-8 string");
	case json_tokener_error_size:
		return _("buffer size overflow");
	default:
		return json_tokener_error_desc(err);
	}
}

static struct fnode *parse_xml(const char *name, const char *buf, size_t n,
			       struct diag *d)
{
	struct xerr x = {.d = d, .name = name};
	size_t before = d->n + d->dropped;
	struct fnode *root = NULL;
	if (n > INT32_MAX) {
		diag_add(d, name, 0, NULL, _("file is too large"));
		return NULL;
	}
	if (!import_xml_precheck(name, buf, n, d))
		return NULL;
	xmlSetStructuredErrorFunc(&x, on_xml_error);
	xmlDocPtr doc = xmlReadMemory(buf, (int)n, name, "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		if (d->n + d->dropped == before)
			diag_add(d, name, 0, NULL, _("not well-formed XML"));
		return NULL;
	}
	if (doc->intSubset || doc->extSubset) {
		diag_add(d, name, 1, NULL,
			 _("DOCTYPE declarations are not allowed"));
		goto cleanup;
	}
	xmlNodePtr top = xmlDocGetRootElement(doc);
	if (!top || !is_fhir(top)) {
		diag_add(d, name, top ? xmlGetLineNo(top) : 0, NULL,
			 _("the root element is not in the FHIR namespace"));
		goto cleanup;
	}
	struct fmem m = {0};
	from_xml(&m, name, top, NULL, &root, d);
	root = fmem_tree(root, &m);
	if (d->n + d->dropped != before)
		fhir_tree_free(&root);
cleanup:
	xmlFreeDoc(doc);
	return root;
}

/* ------------------------------------------------------------------------
 * JSON
 * ---------------------------------------------------------------------- */

struct jscan {
	long *lines;	/* per value, document order */
	size_t *counts; /* members of an object value, else 0 */
	size_t n, cap, at;
};

static size_t jscan_add(struct jscan *s, long line)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->lines = xrealloc(s->lines, s->cap * sizeof(*s->lines));
		s->counts = xrealloc(s->counts, s->cap * sizeof(*s->counts));
	}
	s->lines[s->n] = line;
	s->counts[s->n] = 0;
	return s->n++;
}

/* Records every value of a JSON text that json-c accepted (so the text is
 * known to be well formed and at most FHIR_JSON_MAX_DEPTH deep); the text
 * starts on line first_line. */
static void scan_json(const char *buf, size_t n, long first_line,
		      struct jscan *s)
{
	struct {
		bool obj;
		size_t rec;
	} stack[FHIR_JSON_MAX_DEPTH + 2];
	int top = -1;
	bool expect_key = false;
	long line = first_line;
	for (size_t i = 0; i < n; i++) {
		char c = buf[i];
		switch (c) {
		case '\n':
			line++;
			continue;
		case ' ':
		case '\t':
		case '\r':
		case ':':
			continue;
		case ',':
			expect_key = top >= 0 && stack[top].obj;
			continue;
		case '{':
		case '[': {
			size_t rec = jscan_add(s, line);
			if (top + 1 < (int)(sizeof(stack) / sizeof(stack[0]))) {
				top++;
				stack[top].obj = c == '{';
				stack[top].rec = rec;
			}
			expect_key = c == '{';
			continue;
		}
		case '}':
		case ']':
			if (top >= 0)
				top--;
			expect_key = false;
			continue;
		case '"':
			if (top >= 0 && stack[top].obj && expect_key) {
				s->counts[stack[top].rec]++;
				expect_key = false;
			} else {
				jscan_add(s, line);
			}
			for (i++; i < n && buf[i] != '"'; i++)
				if (buf[i] == '\\')
					i++;
			continue;
		default:
			jscan_add(s, line);
			while (i + 1 < n && !strchr(",]} \t\r\n", buf[i + 1]))
				i++;
			continue;
		}
	}
}

struct jctx {
	const char *name;
	struct diag *d;
	struct jscan scan;
	struct fmem mem;
	struct fmem entry_mem; /* a Bundle's entry read by itself */
	bool broken;	       /* the scan and the objects no longer line up */
	fhir_entry_fn entry;   /* a Bundle's entries to it, one at a time */
	void *entry_arg;
};

static long jnext(struct jctx *j, size_t *count)
{
	if (j->scan.at >= j->scan.n) {
		j->broken = true;
		return 0;
	}
	if (count)
		*count = j->scan.counts[j->scan.at];
	return j->scan.lines[j->scan.at++];
}

static void from_json(struct jctx *j, json_object *o, const char *key,
		      struct fnode *parent, struct fnode **out, bool in_array);

/* The members of an object value, under n; a resourceType member makes
 * the object a resource node named after its type. */
static void json_members(struct jctx *j, json_object *o, struct fnode *n,
			 long line, size_t count)
{
	if ((size_t)json_object_object_length(o) != count) {
		diag_add(j->d, j->name, line, n->name,
			 _("a key appears twice in this object"));
		j->broken = true;
		return;
	}
	json_object_object_foreach(o, k, v)
	{
		if (j->broken)
			return;
		if (strcmp(k, "resourceType") == 0) {
			jnext(j, NULL);
			continue;
		}
		from_json(j, v, k, n, NULL, false);
	}
}

static void from_json(struct jctx *j, json_object *o, const char *key,
		      struct fnode *parent, struct fnode **out, bool in_array)
{
	size_t count = 0;
	long line = jnext(j, &count);
	if (j->broken)
		return;
	switch (json_object_get_type(o)) {
	case json_type_null:
		diag_add(j->d, j->name, line, key,
			 _("null is not a FHIR value; leave the element out"));
		return;
	case json_type_array: {
		if (in_array) {
			diag_add(j->d, j->name, line, key,
				 _("an array inside an array is not FHIR"));
			j->broken = true;
			return;
		}
		size_t len = json_object_array_length(o);
		if (len == 0)
			diag_add(j->d, j->name, line, key,
				 _("an empty array is not FHIR; leave the "
				   "element out"));
		for (size_t i = 0; i < len && !j->broken; i++) {
			from_json(j, json_object_array_get_idx(o, i), key,
				  parent, NULL, true);
			/* converted: free it now, so that the JSON objects
			 * and the tree are not both held whole (a Bundle's
			 * entries) */
			json_object_array_put_idx(o, i, NULL);
		}
		return;
	}
	case json_type_object: {
		json_object *rt = NULL;
		struct fnode *n = fmem_node(&j->mem, parent, key, NULL, line);
		if (out)
			*out = n;
		if (json_object_object_get_ex(o, "resourceType", &rt)) {
			const char *t = json_object_get_string(rt);
			if (!json_object_is_type(rt, json_type_string) || !t ||
			    !*t) {
				diag_add(j->d, j->name, line, key,
					 _("resourceType must be a string"));
				j->broken = true;
				return;
			}
			if (parent) {
				n = fmem_node(&j->mem, n, t, NULL, line);
			} else {
				n->name = fmem_name(&j->mem, t);
			}
		}
		json_members(j, o, n, line, count);
		return;
	}
	case json_type_string: {
		const char *s = json_object_get_string(o);
		size_t len = (size_t)json_object_get_string_len(o);
		if (strlen(s) != len) {
			diag_add(j->d, j->name, line, key,
				 _("a NUL character (\\u0000) in a string"));
			return;
		}
		fmem_node(&j->mem, parent, key, s, line);
		return;
	}
	default: /* number or boolean: as written */
		fmem_node(
		    &j->mem, parent, key,
		    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
		    line);
		return;
	}
}

static long line_at(const char *buf, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* The whole file through json-c at once: the way a file whose top level
 * the member-by-member reader below does not take is read, so that its
 * problems are reported as json-c finds them. */
static struct fnode *parse_json_whole(const char *name, const char *buf,
				      size_t n, struct diag *d)
{
	struct jctx j = {.name = name, .d = d};
	struct fnode *root = NULL;
	json_object *o = NULL;
	size_t before = d->n + d->dropped;
	json_tokener *tok = json_tokener_new_ex(FHIR_JSON_MAX_DEPTH);
	if (!tok)
		util_die_nomem();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	size_t skip = n >= 3 && (unsigned char)buf[0] == 0xef ? 3 : 0;
	o = json_tokener_parse_ex(tok, buf + skip, (int)(n - skip));
	enum json_tokener_error err = json_tokener_get_error(tok);
	size_t end = skip + json_tokener_get_parse_end(tok);
	if (err != json_tokener_success) {
		if (err == json_tokener_continue)
			diag_add(d, name, line_at(buf, n), NULL,
				 _("the JSON ends before its last value does"));
		else
			diag_add(d, name, line_at(buf, end), NULL,
				 _("not valid JSON: %s"), json_error_text(err));
		goto cleanup;
	}
	for (size_t i = end; i < n; i++)
		if (!strchr(" \t\r\n", buf[i])) {
			diag_add(d, name, line_at(buf, i), NULL,
				 _("text after the JSON value"));
			goto cleanup;
		}
	if (!json_object_is_type(o, json_type_object)) {
		diag_add(d, name, line_at(buf, skip), NULL,
			 _("a FHIR JSON file holds one object (a resource)"));
		goto cleanup;
	}
	json_object *rt = NULL;
	if (!json_object_object_get_ex(o, "resourceType", &rt)) {
		diag_add(d, name, line_at(buf, skip), NULL,
			 _("the object has no resourceType"));
		goto cleanup;
	}
	scan_json(buf + skip, n - skip, 1, &j.scan);
	from_json(&j, o, "", NULL, &root, false);
	root = fmem_tree(root, &j.mem);
	if (j.broken && d->n + d->dropped == before)
		diag_add(d, name, 0, NULL,
			 _("cannot follow the JSON structure"));
	if (d->n + d->dropped != before)
		fhir_tree_free(&root);
cleanup:
	json_object_put(o);
	json_tokener_free(tok);
	free(j.scan.lines);
	free(j.scan.counts);
	return root;
}

/* ------------------------------------------------------------------------
 * JSON member by member
 *
 * json-c builds a whole text's objects before anything can be taken from
 * them, and its objects are large (about 17 times the text for a FHIR
 * Bundle). So the top-level object is read here, a member at a time, and
 * each member's value (each element of an array: a Bundle's entries) is
 * given to json-c on its own, turned into the tree and freed before the
 * next: json-c never holds more than one entry. The bytes between the
 * values (keys, colons, commas, brackets) are checked here; anything this
 * reader does not take as it is (a top level that is not an object, a
 * key with an escape or twice, no resourceType, a value that does not
 * parse) sends the file to parse_json_whole, so every message is the one
 * json-c gives for the whole file.
 * ---------------------------------------------------------------------- */

static size_t jskip_ws(const char *b, size_t n, size_t i, long *line)
{
	while (i < n && strchr(" \t\r\n", b[i])) {
		if (b[i] == '\n')
			(*line)++;
		i++;
	}
	return i;
}

/* Just past the string that starts at b[i] ('"'); 0 when it does not
 * end. */
static size_t jskip_string(const char *b, size_t n, size_t i, long *line)
{
	for (i++; i < n; i++) {
		if (b[i] == '\\')
			i++;
		else if (b[i] == '"')
			return i + 1;
		else if (b[i] == '\n')
			(*line)++;
	}
	return 0;
}

/* Just past the value that starts at b[i]: a string, an object or array
 * with its brackets matched by kind (at most FHIR_JSON_MAX_DEPTH deep), or
 * a literal up to the next delimiter. 0 when it does not end or its
 * brackets do not match; what is inside is json-c's to check. */
static size_t jskip_value(const char *b, size_t n, size_t i, long *line)
{
	char open[FHIR_JSON_MAX_DEPTH];
	int depth = 0;
	do {
		if (i >= n)
			return 0;
		char c = b[i];
		if (c == '"') {
			i = jskip_string(b, n, i, line);
			if (!i)
				return 0;
		} else if (c == '{' || c == '[') {
			if (depth == FHIR_JSON_MAX_DEPTH)
				return 0;
			import_map_read(b + i, 1); /* a Bundle's entries */
			open[depth++] = c;
			i++;
		} else if (c == '}' || c == ']') {
			if (!depth || open[depth - 1] != (c == '}' ? '{' : '['))
				return 0;
			depth--;
			i++;
		} else if (depth) {
			if (c == '\n')
				(*line)++;
			i++;
		} else {
			while (i < n && !strchr(",]} \t\r\n", b[i]))
				i++;
		}
	} while (depth);
	return i;
}

struct jmember {
	size_t key, key_len; /* the key's bytes, without the quotes */
	size_t start, end;   /* the value's bytes */
	long line;	     /* where the value starts */
};

/* The top-level object's members, in order (*out: caller frees), and the
 * line it starts on. false when the file is not one object of members
 * with plain keys, each once, followed by nothing but white space. */
static bool jmembers(const char *b, size_t n, size_t i, struct jmember **out,
		     size_t *n_out, long *root_line)
{
	struct jmember *m = NULL;
	size_t k = 0, cap = 0;
	long line = 1;
	i = jskip_ws(b, n, i, &line);
	*root_line = line;
	if (i >= n || b[i] != '{')
		goto refuse;
	i = jskip_ws(b, n, i + 1, &line);
	while (i < n && b[i] == '"') {
		size_t kend = jskip_string(b, n, i, &line);
		if (!kend || memchr(b + i, '\\', kend - i))
			goto refuse;
		if (k == cap) {
			cap = cap ? 2 * cap : 16;
			m = xrealloc(m, cap * sizeof(*m));
		}
		m[k].key = i + 1;
		m[k].key_len = kend - i - 2;
		for (size_t x = 0; x < k; x++)
			if (m[x].key_len == m[k].key_len &&
			    memcmp(b + m[x].key, b + m[k].key, m[k].key_len) ==
				0)
				goto refuse;
		i = jskip_ws(b, n, kend, &line);
		if (i >= n || b[i] != ':')
			goto refuse;
		i = jskip_ws(b, n, i + 1, &line);
		m[k].start = i;
		m[k].line = line;
		i = jskip_value(b, n, i, &line);
		if (!i)
			goto refuse;
		m[k++].end = i;
		i = jskip_ws(b, n, i, &line);
		if (i < n && b[i] == ',')
			i = jskip_ws(b, n, i + 1, &line);
		else
			break;
		if (i >= n || b[i] != '"')
			goto refuse;
	}
	if (i >= n || b[i] != '}' || jskip_ws(b, n, i + 1, &line) != n)
		goto refuse;
	*out = m;
	*n_out = k;
	return true;
refuse:
	free(m);
	return false;
}

/* One value (b[start..end), starting on line) through json-c at depth
 * (what is left of FHIR_JSON_MAX_DEPTH at its place) into the tree under
 * parent as key. false when json-c does not take it. */
static bool jvalue(struct jctx *j, const char *b, size_t start, size_t end,
		   long line, int depth, const char *key, struct fnode *parent,
		   bool in_array)
{
	json_tokener *tok = json_tokener_new_ex(depth);
	if (!tok)
		util_die_nomem();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	json_object *o =
	    json_tokener_parse_ex(tok, b + start, (int)(end - start));
	bool ok = json_tokener_get_error(tok) == json_tokener_success &&
		  start + json_tokener_get_parse_end(tok) == end;
	json_tokener_free(tok);
	if (ok) {
		j->scan.n = j->scan.at = 0;
		scan_json(b + start, end - start, line, &j->scan);
		from_json(j, o, key, parent, NULL, in_array);
	}
	json_object_put(o);
	return ok;
}

/* A Bundle's entry (b[start..end), from line) read by itself in m: the
 * entry node, under root but not among its children; NULL when json-c
 * does not take it. */
static struct fnode *entry_read(struct jctx *j, const char *b, size_t start,
				size_t end, long line, struct fnode *root,
				struct fmem *m)
{
	struct fmem keep = j->mem;
	struct fnode ring = {.name = "entries"};
	j->mem = *m;
	bool ok = jvalue(j, b, start, end, line, FHIR_JSON_MAX_DEPTH - 2,
			 "entry", &ring, true);
	*m = j->mem;
	j->mem = keep;
	if (!ok || !ring.first)
		return NULL;
	fmem_close(&ring);
	ring.first->parent = root;
	return ring.first;
}

/* An entry of the Bundle root to j->entry, read in memory of its own
 * that is freed after; false when json-c does not take it. */
static bool jentry(struct jctx *j, const char *b, size_t start, size_t end,
		   long line, struct fnode *root)
{
	struct fnode *e =
	    entry_read(j, b, start, end, line, root, &j->entry_mem);
	if (e && !j->broken) {
		/* parse_json refuses a file over INT32_MAX bytes */
		struct fhir_entry_bytes at = {(uint32_t)start, (uint32_t)end,
					      (int)line};
		j->entry(j->entry_arg, e, &at);
	}
	fmem_reset(&j->entry_mem);
	return e != NULL;
}

struct fnode *fhir_tree_entry(const char *name, const char *buf,
			      const struct fhir_entry_bytes *at,
			      struct fnode *root, struct fmem *m)
{
	struct diag quiet; /* what it says was said when it was first read */
	diag_init(&quiet);
	struct jctx j = {.name = name, .d = &quiet};
	struct fnode *e =
	    entry_read(&j, buf, at->start, at->end, at->line, root, m);
	import_map_read(buf + at->start, at->end - at->start);
	free(j.scan.lines);
	free(j.scan.counts);
	diag_done(&quiet);
	return j.broken ? NULL : e;
}

/* The tree of buf, member by member; NULL with *whole set when the file
 * must be read whole (parse_json_whole), NULL after problems in d
 * otherwise. */
static struct fnode *parse_json_members(const char *name, const char *buf,
					size_t n, size_t skip, struct diag *d,
					struct jctx *j0, bool *whole)
{
	struct jmember *m = NULL;
	size_t k = 0;
	long root_line;
	*whole = true;
	bool read = jmembers(buf, n, skip, &m, &k, &root_line);
	import_map_read(buf, n);
	if (!read)
		return NULL;
	/* resourceType: a plain non-empty string */
	const struct jmember *rt = NULL;
	for (size_t x = 0; x < k; x++)
		if (m[x].key_len == 12 &&
		    memcmp(buf + m[x].key, "resourceType", 12) == 0)
			rt = &m[x];
	if (!rt || buf[rt->start] != '"' || rt->end - rt->start < 3 ||
	    memchr(buf + rt->start, '\\', rt->end - rt->start)) {
		free(m);
		return NULL;
	}
	struct jctx j = *j0;
	struct diag_mark before = diag_here(d);
	char *type = xstrndup(buf + rt->start + 1, rt->end - rt->start - 2);
	struct fnode *root = fmem_node(&j.mem, NULL, type, NULL, root_line);
	free(type);
	bool ok = true;
	for (size_t x = 0; ok && x < k && !j.broken; x++) {
		if (&m[x] == rt)
			continue;
		char *key = xstrndup(buf + m[x].key, m[x].key_len);
		if (buf[m[x].start] != '[') {
			ok = jvalue(&j, buf, m[x].start, m[x].end, m[x].line,
				    FHIR_JSON_MAX_DEPTH - 1, key, root, false);
			import_map_read(buf + m[x].start,
					m[x].end - m[x].start);
			free(key);
			continue;
		}
		/* an array: element by element */
		long line = m[x].line;
		size_t i = jskip_ws(buf, m[x].end, m[x].start + 1, &line);
		if (buf[i] == ']')
			diag_add(d, name, m[x].line, key,
				 _("an empty array is not FHIR; leave the "
				   "element out"));
		while (buf[i] != ']' && !j.broken) {
			long at = line;
			size_t e = jskip_value(buf, m[x].end, i, &line);
			if (e && j.entry && strcmp(key, "entry") == 0 &&
			    strcmp(root->name, "Bundle") == 0)
				ok = jentry(&j, buf, i, e, at, root);
			else
				ok = e && jvalue(&j, buf, i, e, at,
						 FHIR_JSON_MAX_DEPTH - 2, key,
						 root, true);
			if (!ok)
				break;
			import_map_read(buf + i, e - i);
			i = jskip_ws(buf, m[x].end, e, &line);
			if (buf[i] == ',')
				i = jskip_ws(buf, m[x].end, i + 1, &line);
			else if (buf[i] != ']')
				ok = false;
		}
		free(key);
	}
	free(m);
	free(j.scan.lines);
	free(j.scan.counts);
	fmem_free(&j.entry_mem);
	if (!ok) {
		/* read whole, for json-c's own message about the file */
		fmem_tree(NULL, &j.mem);
		diag_back_to(d, before);
		return NULL;
	}
	*whole = false;
	root = fmem_tree(root, &j.mem);
	if (j.broken && d->n + d->dropped == before.n + before.dropped)
		diag_add(d, name, 0, NULL,
			 _("cannot follow the JSON structure"));
	if (d->n + d->dropped != before.n + before.dropped)
		fhir_tree_free(&root);
	return root;
}

static struct fnode *parse_json(const char *name, const char *buf, size_t n,
				struct diag *d, fhir_entry_fn fn, void *arg,
				bool *lazy)
{
	size_t bad;
	if (n > INT32_MAX) {
		diag_add(d, name, 0, NULL, _("file is too large"));
		return NULL;
	}
	const char *nul;
	if (!import_map_text(buf, n, &bad, &nul)) {
		diag_add(d, name, line_at(buf, bad), NULL,
			 _("not valid UTF-8 (byte %zu)"), bad + 1);
		return NULL;
	}
	if (nul) {
		diag_add(d, name, line_at(buf, (size_t)(nul - buf)), NULL,
			 _("a NUL byte in the file"));
		return NULL;
	}
	size_t skip = n >= 3 && (unsigned char)buf[0] == 0xef ? 3 : 0;
	bool whole;
	struct jctx j = {.name = name, .d = d, .entry = fn, .entry_arg = arg};
	struct fnode *root =
	    parse_json_members(name, buf, n, skip, d, &j, &whole);
	if (whole) {
		root = parse_json_whole(name, buf, n, d);
		import_map_read(buf, n);
		return root;
	}
	*lazy = fn && root && strcmp(root->name, "Bundle") == 0;
	return root;
}

struct fnode *fhir_tree_parse(const char *name, const char *buf, size_t n,
			      enum fhir_format f, struct diag *d)
{
	bool lazy;
	return fhir_tree_parse_entries(name, buf, n, f, d, NULL, NULL, &lazy);
}

struct fnode *fhir_tree_parse_entries(const char *name, const char *buf,
				      size_t n, enum fhir_format f,
				      struct diag *d, fhir_entry_fn fn,
				      void *arg, bool *lazy)
{
	*lazy = false;
	if (f == FHIR_FORMAT_XML)
		return parse_xml(name, buf, n, d);
	if (f == FHIR_FORMAT_JSON)
		return parse_json(name, buf, n, d, fn, arg, lazy);
	diag_add(d, name, 0, NULL, _("not a FHIR file"));
	return NULL;
}
