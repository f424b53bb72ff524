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

#include "util.h"

/* Reads at most max bytes; a larger file is refused without reading it. */
enum tb_status import_xml_read(const char *path, size_t max, char **buf,
			       size_t *len, struct diag *d)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	enum tb_status st = TB_IO;
	char *data = NULL;
	size_t used = 0, cap = 0;

	*buf = NULL;
	*len = 0;
	if (fd < 0) {
		diag_add(d, path, 0, NULL, "cannot open: %s", strerror(errno));
		return TB_IO;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		diag_add(d, path, 0, NULL, "not a regular file");
		goto cleanup;
	}
	if ((unsigned long long)sb.st_size > max) {
		diag_add(d, path, 0, NULL,
			 "file is larger than the import limit of %zu bytes",
			 max);
		st = TB_INVALID;
		goto cleanup;
	}
	cap = (size_t)sb.st_size + 1;
	data = xmalloc(cap);
	for (;;) {
		if (used == cap) {
			if (cap > max) {
				diag_add(d, path, 0, NULL,
					 "file is larger than the import "
					 "limit of %zu bytes",
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
			diag_add(d, path, 0, NULL, "read error: %s",
				 strerror(errno));
			goto cleanup;
		}
		if (r == 0)
			break;
		used += (size_t)r;
	}
	if (used > max) {
		diag_add(d, path, 0, NULL,
			 "file is larger than the import limit of %zu bytes",
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

struct ectx {
	struct diag *d;
	const char *name;
};

static void on_error(void *arg, xmlErrorPtr e)
{
	struct ectx *ec = arg;
	if (!e || e->level == XML_ERR_WARNING)
		return;
	char *msg = xstrdup(e->message ? e->message : "malformed XML");
	util_trim(msg);
	diag_add(ec->d, ec->name, e->line, NULL, "%s", msg);
	free(msg);
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

	if (!util_utf8_valid(buf, n, NULL)) {
		diag_add(d, name, 0, NULL, "not valid UTF-8");
		return NULL;
	}
	if (n > (size_t)0x7fffffff) {
		diag_add(d, name, 0, NULL, "file too large");
		return NULL;
	}
	xmlSetStructuredErrorFunc(&ec, on_error);
	doc = xmlReadMemory(buf, (int)n, name, "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc)
		goto cleanup;
	if (doc->intSubset || doc->extSubset) {
		diag_add(d, name, 1, NULL,
			 "DOCTYPE declarations are not allowed");
		goto cleanup;
	}
	schema = import_xml_schema(rng, rng_len);
	if (!schema) {
		diag_add(d, name, 0, NULL, "internal error: %s", what_schema);
		goto cleanup;
	}
	vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vc, on_error, &ec);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0) {
		if (d->n + d->dropped == before)
			diag_add(d, name, 0, NULL, "does not follow %s",
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
		diag_add(d, name, 0, NULL, "not well-formed XML");
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
