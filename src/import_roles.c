/*
 * import_roles — roles.xml → struct roles (see import_roles.h).
 */
#include "import_roles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "i18n.h"
#include "import_xml.h"
#include "schemas.h"
#include "util.h"

#define ROLES_NS	/* untranslated: a URI */ "urn:x-tumorboard:roles:1"
#define ROLES_MAX_BYTES (256 * 1024)

/* The roles the program itself names: the first-run path makes an
 * administrator, and the shipped documentation speaks of these. */
static const char *const required_roles[] = {"administrator"};

static bool is_el(const xmlNode *n, const char *name)
{
	return import_xml_is(n, ROLES_NS, name);
}

static void map_role(const char *name, const xmlNode *rn, struct role *r,
		     struct diag *d)
{
	r->id = import_xml_prop(rn, "id");
	r->name = import_xml_prop(rn, "name");
	for (const xmlNode *c = rn->children; c; c = c->next) {
		if (!is_el(c, "permission"))
			continue;
		char *t = import_xml_text(c);
		enum perm p;
		if (!perm_parse(t, &p))
			diag_add(
			    d, name, xmlGetLineNo(c), "role/permission",
			    _("unknown permission '%s' (tumorboard-roles(5) "
			      "lists them)"),
			    t);
		else if (r->grants[p])
			diag_add(
			    d, name, xmlGetLineNo(c), "role/permission",
			    _("permission '%s' is given twice in role '%s'"), t,
			    r->id);
		else
			r->grants[p] = true;
		free(t);
	}
}

static enum tb_status parse(const char *name, const char *buf, size_t n,
			    struct roles *out, struct diag *d)
{
	size_t before = d->n + d->dropped;
	xmlDocPtr doc =
	    import_xml_parse(name, buf, n, schema_roles_rng,
			     schema_roles_rng_len, _("the roles schema"), d);
	if (!doc)
		return TB_INVALID;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	out->version = import_xml_prop(root, "version");
	for (xmlNodePtr rn = root->children; rn; rn = rn->next) {
		if (is_el(rn, "emergency")) {
			char *h = import_xml_prop(rn, "hours");
			out->emergency_hours = h ? atoi(h) : 0;
			free(h);
			continue;
		}
		if (!is_el(rn, "role"))
			continue;
		out->r = xrealloc(out->r, (out->n + 1) * sizeof(*out->r));
		struct role *r = &out->r[out->n++];
		memset(r, 0, sizeof(*r));
		map_role(name, rn, r, d);
		for (size_t i = 0; i + 1 < out->n; i++)
			if (strcmp(out->r[i].id, r->id) == 0)
				diag_add(d, name, xmlGetLineNo(rn), "role/@id",
					 _("role id '%s' is used twice"),
					 r->id);
	}
	for (size_t i = 0; i < UTIL_ARRAY_LEN(required_roles); i++)
		if (!roles_by_id(out, required_roles[i]))
			diag_add(d, name, xmlGetLineNo(root), "roles",
				 _("the role '%s' is missing"),
				 required_roles[i]);
	xmlFreeDoc(doc);
	if (d->n + d->dropped != before) {
		roles_done(out);
		return TB_INVALID;
	}
	return TB_OK;
}

enum tb_status import_roles_parse(const char *name, const char *buf, size_t n,
				  struct roles *out, struct diag *d)
{
	memset(out, 0, sizeof(*out));
	return parse(name, buf, n, out, d);
}

enum tb_status import_roles_read(const char *path, struct roles *out,
				 struct diag *d)
{
	memset(out, 0, sizeof(*out));
	char *buf = NULL;
	size_t n = 0;
	enum tb_status st = import_xml_read(path, ROLES_MAX_BYTES, &buf, &n, d);
	if (st == TB_OK) {
		st = parse(path, buf, n, out, d);
		if (st == TB_OK)
			out->source = xstrdup(path);
	}
	free(buf);
	return st;
}
