#include "fhir_package.h"

#include <stdlib.h>
#include <string.h>

#include <json.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fhir.h"
#include "fhir_out.h"
#include "import_xml.h"
#include "util.h"

#define MAX_DEPTH 32

/* ---- FHIR XML as the JSON shape ---- */

static void member_add(struct json_object *obj, const char *key,
		       struct json_object *v)
{
	struct json_object *old;
	if (!json_object_object_get_ex(obj, key, &old)) {
		json_object_object_add(obj, key, v);
		return;
	}
	if (!json_object_is_type(old, json_type_array)) {
		struct json_object *arr = json_object_new_array();
		json_object_array_add(arr, json_object_get(old));
		json_object_object_add(obj, key, arr);
		old = arr;
	}
	json_object_array_add(old, v);
}

static struct json_object *from_xml(const xmlNode *n, int depth);

/* The members of element n (its attributes other than value, its child
 * elements in the FHIR namespace) added to obj. */
static void xml_members(struct json_object *obj, const xmlNode *n, int depth)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, "value") == 0)
			continue;
		xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
		json_object_object_add(
		    obj, (const char *)a->name,
		    json_object_new_string(v ? (const char *)v : ""));
		xmlFree(v);
	}
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !k->ns ||
		    strcmp((const char *)k->ns->href, FHIR_NS) != 0)
			continue;
		member_add(obj, (const char *)k->name, from_xml(k, depth + 1));
	}
}

static struct json_object *from_xml(const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return json_object_new_object();
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"value");
	if (v) {
		struct json_object *s = json_object_new_string((char *)v);
		xmlFree(v);
		return s;
	}
	struct json_object *obj = json_object_new_object();
	if (strcmp((const char *)n->name, "resource") == 0) {
		/* <resource><Type>…</Type></resource>: the JSON resource */
		for (const xmlNode *k = n->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE) {
				json_object_object_add(
				    obj, "resourceType",
				    json_object_new_string(
					(const char *)k->name));
				xml_members(obj, k, depth + 1);
				break;
			}
		return obj;
	}
	xml_members(obj, n, depth);
	return obj;
}

static struct json_object *parse_xml(const char *name, const char *buf,
				     size_t n, struct diag *d)
{
	if (n > 0x7fffffffu) {
		diag_add(d, name, 0, NULL, "file too large");
		return NULL;
	}
	if (!import_xml_precheck(name, buf, n, d))
		return NULL;
	xmlDocPtr doc = xmlReadMemory(buf, (int)n, name, "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_NOERROR |
					  XML_PARSE_NOWARNING);
	if (!doc || doc->intSubset || doc->extSubset) {
		diag_add(d, name, 0, NULL, "not well-formed FHIR XML");
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct json_object *obj = NULL;
	if (root && root->ns &&
	    strcmp((const char *)root->ns->href, FHIR_NS) == 0) {
		obj = json_object_new_object();
		json_object_object_add(
		    obj, "resourceType",
		    json_object_new_string((const char *)root->name));
		xml_members(obj, root, 0);
	} else {
		diag_add(d, name, 0, NULL,
			 "the root element is not in the FHIR namespace");
	}
	xmlFreeDoc(doc);
	return obj;
}

static struct json_object *parse_json(const char *name, const char *buf,
				      size_t n, struct diag *d)
{
	size_t bad;
	if (!util_utf8_valid(buf, n, &bad) || memchr(buf, '\0', n)) {
		diag_add(d, name, 0, NULL, "not UTF-8 text");
		return NULL;
	}
	struct json_tokener *tok = json_tokener_new_ex(MAX_DEPTH);
	struct json_object *obj = NULL;
	if (tok) {
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
		obj = json_tokener_parse_ex(tok, buf, (int)n);
		enum json_tokener_error err = json_tokener_get_error(tok);
		/* only white space may follow the value */
		for (size_t i = json_tokener_get_parse_end(tok);
		     obj && err == json_tokener_success && i < n; i++)
			if (!strchr(" \t\r\n", buf[i]))
				err = json_tokener_error_parse_unexpected;
		if (!obj || err != json_tokener_success) {
			diag_add(d, name, 0, NULL, "not valid JSON: %s",
				 json_tokener_error_desc(
				     err != json_tokener_success
					 ? err
					 : json_tokener_continue));
			json_object_put(obj);
			obj = NULL;
		}
		json_tokener_free(tok);
	}
	return obj;
}

/* ---- reading the fields ---- */

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;
	if (o && json_object_is_type(o, json_type_object))
		json_object_object_get_ex(o, key, &v);
	return v;
}

/* Element i of a repeating element (a single value counts as one). */
static struct json_object *nth(struct json_object *v, size_t i)
{
	if (!v)
		return NULL;
	if (json_object_is_type(v, json_type_array))
		return i < json_object_array_length(v)
			   ? json_object_array_get_idx(v, i)
			   : NULL;
	return i == 0 ? v : NULL;
}

static size_t count(struct json_object *v)
{
	if (!v)
		return 0;
	return json_object_is_type(v, json_type_array)
		   ? json_object_array_length(v)
		   : 1;
}

static const char *str(struct json_object *v)
{
	return v && json_object_is_type(v, json_type_string)
		   ? json_object_get_string(v)
		   : NULL;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* The first resource of this type in the Bundle. */
static struct json_object *resource(struct json_object *bundle,
				    const char *type)
{
	struct json_object *entries = get(bundle, "entry");
	for (size_t i = 0; i < count(entries); i++) {
		struct json_object *r = get(nth(entries, i), "resource");
		const char *t = str(get(r, "resourceType"));
		if (t && strcmp(t, type) == 0)
			return r;
	}
	return NULL;
}

/* The value of list element key whose child match_key is match. */
static const char *find_value(struct json_object *list, const char *match_key,
			      const char *match, const char *value_key)
{
	for (size_t i = 0; i < count(list); i++) {
		struct json_object *e = nth(list, i);
		const char *m = str(get(e, match_key));
		if (m && strcmp(m, match) == 0)
			return str(get(e, value_key));
	}
	return NULL;
}

static void read_fields(struct json_object *root, struct fhir_package *p)
{
	p->sent = dup_or_null(str(get(root, "timestamp")));
	p->tag = dup_or_null(find_value(get(get(root, "meta"), "tag"), "system",
					FHIR_SYS_TB_TAG, "code"));
	struct json_object *sr = resource(root, "ServiceRequest");
	p->case_id = dup_or_null(find_value(get(sr, "identifier"), "system",
					    FHIR_SYS_TB_CASE, "value"));
	p->from =
	    dup_or_null(find_value(get(sr, "extension"), "url",
				   FHIR_EXT_TB_REFERRAL_FROM, "valueString"));
	p->to = dup_or_null(find_value(get(sr, "extension"), "url",
				       FHIR_EXT_TB_REFERRAL_TO, "valueString"));
	struct json_object *cp = resource(root, "CarePlan");
	p->decision = dup_or_null(find_value(get(cp, "identifier"), "system",
					     FHIR_SYS_TB_DECISION, "value"));
	struct json_object *comp = resource(root, "Composition");
	p->signed_at = dup_or_null(str(get(comp, "date")));
	struct json_object *act = nth(get(cp, "activity"), 0);
	struct json_object *code = get(get(act, "detail"), "code");
	p->recommendation = dup_or_null(find_value(
	    get(code, "coding"), "system", FHIR_SYS_TB_OPTION, "code"));
	struct json_object *ext = get(cp, "extension");
	for (size_t i = 0; i < count(ext); i++) {
		const char *url = str(get(nth(ext, i), "url"));
		if (!url || strcmp(url, FHIR_EXT_TB_INTENT) != 0)
			continue;
		struct json_object *cc =
		    get(nth(ext, i), "valueCodeableConcept");
		p->intent = dup_or_null(find_value(get(cc, "coding"), "system",
						   FHIR_SYS_TB_OPTION, "code"));
	}
}

enum tb_status fhir_package_read(const char *name, const char *buf, size_t n,
				 struct fhir_package *out, struct diag *d)
{
	memset(out, 0, sizeof(*out));
	size_t i = 0;
	while (i < n && strchr(" \t\r\n", buf[i]))
		i++;
	out->xml = i < n && buf[i] == '<';
	struct json_object *root =
	    out->xml ? parse_xml(name, buf, n, d) : parse_json(name, buf, n, d);
	if (!root)
		return TB_INVALID;
	enum tb_status st = TB_OK;
	const char *type = str(get(root, "resourceType"));
	if (!type || strcmp(type, "Bundle") != 0) {
		diag_add(d, name, 0, "resourceType",
			 "a package is a FHIR Bundle");
		st = TB_INVALID;
	} else {
		read_fields(root, out);
		/* these are shown and stored: one line of text each */
		const struct {
			const char *element, *value;
		} f[] = {{"Bundle.meta.tag", out->tag},
			 {"Bundle.timestamp", out->sent},
			 {"ServiceRequest.identifier", out->case_id},
			 {"ServiceRequest.extension", out->from},
			 {"ServiceRequest.extension", out->to},
			 {"CarePlan.identifier", out->decision},
			 {"Composition.date", out->signed_at},
			 {"CarePlan.activity", out->recommendation},
			 {"CarePlan.extension", out->intent}};
		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
			const char *why = NULL;
			if (f[k].value &&
			    !util_text_check(f[k].value, false, &why)) {
				diag_add(d, name, 0, f[k].element, "%s", why);
				st = TB_INVALID;
			}
		}
		if (!out->tag) {
			diag_add(d, name, 0, "Bundle.meta.tag",
				 "no %s tag: not a package between boards",
				 FHIR_SYS_TB_TAG);
			st = TB_INVALID;
		}
		if (!out->case_id) {
			diag_add(d, name, 0, "ServiceRequest.identifier",
				 "no case id (system %s)", FHIR_SYS_TB_CASE);
			st = TB_INVALID;
		}
		if (out->tag && strcmp(out->tag, FHIR_TAG_ANSWER) == 0 &&
		    (!out->decision || !out->signed_at)) {
			diag_add(d, name, 0,
				 !out->decision ? "CarePlan.identifier"
						: "Composition.date",
				 "an answer names its signed decision");
			st = TB_INVALID;
		}
	}
	json_object_put(root);
	return st;
}

enum tb_status fhir_package_load(const char *path, size_t max, char **buf,
				 size_t *n, struct fhir_package *out,
				 struct diag *d)
{
	memset(out, 0, sizeof(*out));
	enum tb_status st = import_xml_read(path, max, buf, n, d);
	if (st == TB_OK)
		st = fhir_package_read(path, *buf, *n, out, d);
	return st;
}

void fhir_package_done(struct fhir_package *p)
{
	free(p->tag);
	free(p->case_id);
	free(p->from);
	free(p->to);
	free(p->sent);
	free(p->decision);
	free(p->signed_at);
	free(p->recommendation);
	free(p->intent);
	memset(p, 0, sizeof(*p));
}
