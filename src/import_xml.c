#include "import_xml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "i18n.h"
#include "schemas.h"
#include "util.h"

int import_xml_open(const char *path, size_t max, size_t *size,
		    enum tb_status *st, struct diag *d)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	*st = TB_IO;
	if (fd < 0) {
		diag_add(d, path, 0, NULL, _("cannot open: %s"),
			 strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		diag_add(d, path, 0, NULL, _("not a regular file"));
		close(fd);
		return -1;
	}
	if ((unsigned long long)sb.st_size > max) {
		diag_add(d, path, 0, NULL,
			 _("file is larger than the import limit of %zu bytes"),
			 max);
		*st = TB_INVALID;
		close(fd);
		return -1;
	}
	*size = (size_t)sb.st_size;
	*st = TB_OK;
	return fd;
}

/* Reads at most max bytes; a larger file is refused without reading it. */
enum tb_status import_xml_read(const char *path, size_t max, char **buf,
			       size_t *len, struct diag *d)
{
	enum tb_status st;
	char *data = NULL;
	size_t used = 0, cap = 0;

	*buf = NULL;
	*len = 0;
	int fd = import_xml_open(path, max, &cap, &st, d);
	if (fd < 0)
		return st;
	st = TB_IO;
	cap++;
	data = xmalloc(cap);
	for (;;) {
		if (used == cap) {
			if (cap > max) {
				diag_add(d, path, 0, NULL,
					 _("file is larger than the import "
					   "limit of %zu bytes"),
					 max);
				st = TB_INVALID;
				goto cleanup;
			}
			cap *= 2;
			data = xrealloc(data, cap);
		}
		ssize_t r = read(fd, data + used, cap - used);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			diag_add(d, path, 0, NULL, _("read error: %s"),
				 strerror(errno));
			goto cleanup;
		}
		if (r == 0)
			break;
		used += (size_t)r;
	}
	if (used > max) {
		diag_add(d, path, 0, NULL,
			 _("file is larger than the import limit of %zu bytes"),
			 max);
		st = TB_INVALID;
		goto cleanup;
	}
	*buf = data;
	*len = used;
	data = NULL;
	st = TB_OK;
cleanup:
	free(data);
	close(fd);
	return st;
}

/* The byte offset just past needle in buf[i..n), counting the newlines
 * skipped into *line; n when needle is not there. */
static size_t skip_past(const char *buf, size_t n, size_t i, const char *needle,
			long *line)
{
	size_t k = strlen(needle);
	for (; i + k <= n; i++) {
		if (memcmp(buf + i, needle, k) == 0)
			return i + k;
		if (buf[i] == '\n')
			(*line)++;
	}
	return n;
}

/*
 * One linear pass over the bytes, before any parser sees them. libxml2
 * 2.9 checks attribute names for duplicates pairwise, so an element with
 * 100,000 attributes costs seconds of CPU; a DOCTYPE is where entities
 * (billion laughs, external files) are declared. Both are refused here,
 * where refusing costs nothing. Comments, processing instructions and
 * CDATA sections are skipped; anything malformed is left to the parser.
 */
bool import_xml_precheck(const char *name, const char *buf, size_t n,
			 struct diag *d)
{
	size_t bad, depth = 0;
	/* kids[k]: child elements so far of the open element at level k */
	size_t kids[IMPORT_XML_MAX_DEPTH + 2] = {0};
	long line = 1;
	const char *nul = memchr(buf, '\0', n);

	if (!util_utf8_valid(buf, n, &bad)) {
		long l = 1;
		for (size_t i = 0; i < bad; i++)
			l += buf[i] == '\n';
		diag_add(d, name, l, NULL,
			 _("invalid UTF-8 at byte %zu; files must be UTF-8"),
			 bad);
		return false;
	}
	if (nul) {
		long l = 1;
		for (const char *p = buf; p < nul; p++)
			l += *p == '\n';
		diag_add(d, name, l, NULL, _("a NUL byte at byte %zu"),
			 (size_t)(nul - buf));
		return false;
	}
	for (size_t i = 0; i < n;) {
		if (buf[i] == '\n') {
			line++;
			i++;
			continue;
		}
		if (buf[i] != '<') {
			i++;
			continue;
		}
		long at = line;
		const char *p = buf + i;
		size_t left = n - i;
		if (left >= 4 && memcmp(p, "<!--", 4) == 0) {
			i = skip_past(buf, n, i + 4, "-->", &line);
		} else if (left >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
			i = skip_past(buf, n, i + 9, "]]>", &line);
		} else if (left >= 2 && memcmp(p, "<?", 2) == 0) {
			i = skip_past(buf, n, i + 2, "?>", &line);
		} else if (left >= 2 && p[1] == '!') {
			diag_add(d, name, at, NULL,
				 _("DOCTYPE declarations are not allowed (no "
				   "DTDs, no entities)"));
			return false;
		} else if (left >= 2 && p[1] == '/') {
			if (depth)
				depth--;
			i = skip_past(buf, n, i + 2, ">", &line);
		} else {
			size_t attrs = 0, j = i + 1;
			char quote = 0;
			for (; j < n; j++) {
				char c = buf[j];
				if (c == '\n')
					line++;
				if (quote) {
					if (c == quote)
						quote = 0;
				} else if (c == '"' || c == '\'') {
					quote = c;
				} else if (c == '=') {
					attrs++;
				} else if (c == '>' || c == '<') {
					break;
				}
			}
			if (attrs > IMPORT_XML_MAX_ATTRS) {
				diag_add(d, name, at, NULL,
					 _("an element with %zu attributes; at "
					   "most %d are allowed"),
					 attrs, IMPORT_XML_MAX_ATTRS);
				return false;
			}
			/* the root may hold any number of records; below it,
			 * libxml2's RELAX NG interleave check is quadratic in
			 * the number of children */
			if (depth >= 2 &&
			    ++kids[depth] > IMPORT_XML_MAX_CHILDREN) {
				diag_add(d, name, at, NULL,
					 _("an element with more than %d child "
					   "elements"),
					 IMPORT_XML_MAX_CHILDREN);
				return false;
			}
			if (j < n && buf[j] == '>' && buf[j - 1] != '/') {
				if (++depth > IMPORT_XML_MAX_DEPTH) {
					diag_add(
					    d, name, at, NULL,
					    _("elements nested more than %d "
					      "deep"),
					    IMPORT_XML_MAX_DEPTH);
					return false;
				}
				kids[depth] = 0;
			}
			i = j < n && buf[j] == '>' ? j + 1 : j;
		}
	}
	return true;
}

/* The field name of an element or of one of its attributes, as the
 * importers name fields ("finding", "finding/@gene"). Caller frees. */
static char *field_name(const xmlNode *n, const xmlAttr *a)
{
	if (a)
		return xasprintf("%s/@%s", (const char *)n->name,
				 (const char *)a->name);
	return xstrdup((const char *)n->name);
}

static bool check_text_list(const char *name, const xmlNode *n, struct diag *d);

/* The attributes of element n, then everything below it. */
static bool check_element(const char *name, const xmlNode *n, struct diag *d)
{
	bool ok = true;
	const char *why;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		/* nearly always one text node: read it in place */
		const xmlNode *only = a->children;
		bool single =
		    only && !only->next && only->type == XML_TEXT_NODE;
		xmlChar *v = single
				 ? NULL
				 : xmlNodeListGetString(n->doc, a->children, 1);
		const char *value =
		    single ? (const char *)only->content : (const char *)v;
		if (value && !util_text_check(value, false, &why)) {
			char *f = field_name(n, a);
			diag_add(d, name, xmlGetLineNo(n), f, "%s", why);
			free(f);
			ok = false;
		}
		xmlFree(v);
	}
	return check_text_list(name, n->children, d) && ok;
}

/* n and its following siblings. */
static bool check_text_list(const char *name, const xmlNode *n, struct diag *d)
{
	bool ok = true;
	const char *why;
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			ok = check_element(name, n, d) && ok;
		} else if ((n->type == XML_TEXT_NODE ||
			    n->type == XML_CDATA_SECTION_NODE) &&
			   !util_text_check((const char *)n->content, true,
					    &why)) {
			const xmlNode *el = n->parent ? n->parent : n;
			char *f = field_name(el, NULL);
			diag_add(d, name, xmlGetLineNo(el), f, "%s", why);
			free(f);
			ok = false;
		}
	}
	return ok;
}

bool import_xml_check_text(const char *name, const xmlNode *n, struct diag *d)
{
	return !n || n->type != XML_ELEMENT_NODE || check_element(name, n, d);
}

struct ectx {
	struct diag *d;
	const char *name;
};

static void on_error(void *arg, xmlErrorPtr e)
{
	struct ectx *ec = arg;
	import_xml_error_diag(ec->d, ec->name, e, false);
}

static void quiet(void *arg, const char *msg, ...)
{
	(void)arg;
	(void)msg;
}

/* Parsed schemas, one per compiled-in schema: parsing a RELAX NG schema
 * costs more than validating a small file, and the forms share one. */
static struct {
	const unsigned char *rng;
	xmlRelaxNGPtr schema;
} schemas[8];

xmlRelaxNGPtr import_xml_schema(const unsigned char *rng, size_t len)
{
	size_t i;
	for (i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
		if (schemas[i].rng == rng)
			return schemas[i].schema;
		if (!schemas[i].rng)
			break;
	}
	xmlRelaxNGParserCtxtPtr pc =
	    xmlRelaxNGNewMemParserCtxt((const char *)rng, (int)len);
	if (!pc)
		return NULL;
	xmlRelaxNGSetParserErrors(pc, quiet, quiet, NULL);
	xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (schema && i < sizeof(schemas) / sizeof(schemas[0])) {
		schemas[i].rng = rng;
		schemas[i].schema = schema;
	}
	return schema;
}

void import_xml_cleanup(void)
{
	for (size_t i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
		if (schemas[i].schema)
			xmlRelaxNGFree(schemas[i].schema);
		schemas[i].rng = NULL;
		schemas[i].schema = NULL;
	}
}

/* RELAX NG validations run by import_xml_parse in this process. */
static unsigned long validations;

unsigned long import_xml_validations(void)
{
	return validations;
}

/* Whether buf is one of the data files compiled into the program, given
 * with its own schema: the very bytes (the same address and length), which
 * cannot change after the build. make check validates each against its
 * schema (tests/test_builtin.c), so that a start does not pay for it again
 * (RELAX NG validation of the shipped forms and data was most of the work
 * of the screen's start). A copy of them, or any file, is validated. */
static bool builtin_valid(const char *buf, size_t n, const unsigned char *rng)
{
	const struct {
		const unsigned char *data;
		const size_t *len;
		const unsigned char *rng;
	} shipped[] = {
	    {data_summary_xml, &data_summary_xml_len, schema_summary_rng},
	    {data_glossary_xml, &data_glossary_xml_len, schema_glossary_rng},
	    {data_kb_xml, &data_kb_xml_len, schema_kb_rng},
	    {data_trials_xml, &data_trials_xml_len, schema_trials_rng},
	    {data_levels_xml, &data_levels_xml_len, schema_levels_rng},
	    {data_boards_xml, &data_boards_xml_len, schema_boards_rng},
	    {data_roles_xml, &data_roles_xml_len, schema_roles_rng},
	};
	for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++)
		if ((const unsigned char *)buf == shipped[i].data)
			return n == *shipped[i].len && rng == shipped[i].rng;
	for (const struct embedded_file *e = data_forms; e->name; e++)
		if ((const unsigned char *)buf == e->data)
			return n == e->len && rng == schema_form_rng;
	return false;
}

xmlDocPtr import_xml_parse(const char *name, const char *buf, size_t n,
			   const unsigned char *rng, size_t rng_len,
			   const char *what_schema, struct diag *d)
{
	struct ectx ec = {.d = d, .name = name};
	size_t before = d->n + d->dropped;
	xmlDocPtr doc = NULL;
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vc = NULL;
	bool ok = false;

	if (n > (size_t)0x7fffffff) {
		diag_add(d, name, 0, NULL, _("file too large"));
		return NULL;
	}
	if (!import_xml_precheck(name, buf, n, d))
		return NULL;
	xmlSetStructuredErrorFunc(&ec, on_error);
	doc = xmlReadMemory(buf, (int)n, name, "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc)
		goto cleanup;
	if (doc->intSubset || doc->extSubset) {
		diag_add(d, name, 1, NULL,
			 _("DOCTYPE declarations are not allowed"));
		goto cleanup;
	}
	if (!import_xml_check_text(name, xmlDocGetRootElement(doc), d))
		goto cleanup;
	if (builtin_valid(buf, n, rng)) {
		ok = true;
		goto cleanup;
	}
	validations++;
	schema = import_xml_schema(rng, rng_len);
	if (!schema) {
		diag_add(d, name, 0, NULL, _("internal error: %s"),
			 what_schema);
		goto cleanup;
	}
	vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vc, on_error, &ec);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0) {
		if (d->n + d->dropped == before)
			diag_add(d, name, 0, NULL, _("does not follow %s"),
				 what_schema);
		goto cleanup;
	}
	ok = true;
cleanup:
	if (vc)
		xmlRelaxNGFreeValidCtxt(vc);
	if (!ok && doc) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!ok && d->n + d->dropped == before)
		diag_add(d, name, 0, NULL, _("not well-formed XML"));
	return doc;
}

bool import_xml_is(const xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

char *import_xml_prop(const xmlNode *n, const char *name)
{
	/* a value of one text node copied from it (xmlGetNoNsProp copies
	 * it for us to copy again: a tenth of the walk's time) */
	const xmlAttr *a = n->properties;
	while (a && (a->ns || !xmlStrEqual(a->name, (const xmlChar *)name)))
		a = a->next;
	const xmlNode *t = a ? a->children : NULL;
	if (t && t->type == XML_TEXT_NODE && !t->next && t->content)
		return util_trim(xstrdup((const char *)t->content));
	/* absent, and no internal DTD subset to give it a default value
	 * (libxml2 looks for one only there): not looked for again */
	if (!a && (!n->doc || !n->doc->intSubset))
		return NULL;
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return util_trim(s);
}

char *import_xml_lang(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetLang(n);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return util_trim(s);
}

char *import_xml_text(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return util_trim(s);
}
