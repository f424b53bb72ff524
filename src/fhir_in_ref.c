/*
 * FHIR import: references inside the file (tumorboard-fhir(7)). An
 * absolute reference (http://…, urn:uuid:…) names the entry whose fullUrl
 * it is and nothing else; a relative one (Type/id) a resource by its type
 * and id; a version (/_history/n) after either is ignored. Nothing outside
 * the file is fetched.
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* True when ref is an absolute URL (urn:uuid:…, http://…): a scheme,
 * then a colon, before any slash (RFC 3986). */
static bool ref_absolute(const char *ref)
{
	size_t n = strspn(ref, "abcdefghijklmnopqrstuvwxyz"
			       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
	return n > 0 && ref[n] == ':';
}

/* An absolute reference is read only as an entry's fullUrl (without a
 * version, /_history/n): Type/id at another server is another resource.
 * A relative one (Type/id, /_history/n) is matched against the
 * resources' type and id. */
long fhir_in_resolve_str(struct ctx *c, const char *ref)
{
	long i = fhir_in_index_get(&c->idx, ref);
	if (i >= 0)
		return i;
	size_t len = strlen(ref);
	const char *hist = strstr(ref, "/_history/");
	if (hist)
		len = (size_t)(hist - ref);
	if (ref_absolute(ref)) {
		if (!hist)
			return -1;
		char *key = xstrndup(ref, len);
		i = fhir_in_index_get(&c->idx, key);
		free(key);
		return i;
	}
	/* Type/id: exactly two segments */
	const char *slash = memchr(ref, '/', len);
	if (!slash || slash == ref || slash + 1 == ref + len ||
	    memchr(slash + 1, '/', (size_t)(ref + len - slash - 1)))
		return -1;
	char *key = xstrndup(ref, len);
	i = fhir_in_index_get(&c->idx, key);
	free(key);
	return i;
}

/* The error for a reference that does not resolve, at its node. */
void fhir_in_unresolved(struct ctx *c, const struct fnode *at, const char *ref)
{
	if (ref && ref_absolute(ref) && strncmp(ref, "urn:", 4) != 0)
		fhir_in_err(c, at,
			    _("no entry in this file has this fullUrl (an "
			      "absolute reference is read only as a fullUrl; "
			      "nothing outside the file is fetched)"));
	else
		fhir_in_err(c, at,
			    _("the reference does not resolve inside this file "
			      "(only resources in the file are read)"));
}

/* The resource a Reference element points to, or NULL after an error
 * (when it has a reference that does not resolve) or when it has none. */
struct res *fhir_in_resolve(struct ctx *c, struct fnode *refn)
{
	if (!refn)
		return NULL;
	struct fnode *r = fhir_in_kid(refn, "reference");
	if (!r || !r->value)
		return NULL;
	long i = fhir_in_resolve_str(c, r->value);
	if (i < 0) {
		if (r->reported)
			return NULL;
		r->reported = true;
		fhir_in_unresolved(c, r, r->value);
		return NULL;
	}
	fhir_in_use_all(refn);
	return &c->res[i];
}

struct res *fhir_in_resolve_type(struct ctx *c, struct fnode *refn,
				 const char *type)
{
	struct res *x = fhir_in_resolve(c, refn);
	if (x && strcmp(x->type, type) != 0) {
		fhir_in_err(c, fhir_in_kid(refn, "reference"),
			    _("refers to a %s, not a %s"), x->type, type);
		return NULL;
	}
	return x;
}

const char *fhir_in_org_name(struct ctx *c, struct fnode *refn)
{
	struct res *x = fhir_in_resolve(c, refn);
	if (!x)
		return NULL;
	x->mapped = true;
	if (strcmp(x->type, "Organization") == 0)
		return fhir_in_val(x->n, "name");
	if (strcmp(x->type, "PractitionerRole") == 0) {
		struct res *o = fhir_in_resolve_type(
		    c, fhir_in_kid(x->n, "organization"), "Organization");
		if (o) {
			o->mapped = true;
			return fhir_in_val(o->n, "name");
		}
	}
	return NULL;
}
