/*
 * FHIR import: references inside the file (tumorboard-fhir(7)), resolved as
 * the FHIR specification's Bundle page says ("Resolving references in
 * Bundles"). An absolute reference (http://…, urn:uuid:…) names the entry
 * whose fullUrl it is and nothing else. A relative one (Type/id) made in an
 * entry whose fullUrl is RESTful ([base]/Type/id) is that base followed by
 * the reference, matched against the fullUrls; made where there is no
 * RESTful fullUrl (urn:uuid:…, none, a single resource) it names the
 * resource of that type and id. A version (/_history/n) is taken off
 * before the match and must then be the entry's meta.versionId when it
 * has one. Nothing outside the file is fetched.
 */
#include "fhir_in_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* Why a reference does not resolve. */
enum why {
	WHY_OK,
	WHY_ABSOLUTE,  /* no entry has this fullUrl */
	WHY_BASE,      /* no entry has base + Type/id as its fullUrl */
	WHY_RELATIVE,  /* no resource of this type and id */
	WHY_AMBIGUOUS, /* Type/id at two bases, read from no base */
	WHY_VERSION,   /* the entry is another version */
};

/* True when ref is an absolute URL (urn:uuid:…, http://…): a scheme,
 * then a colon, before any slash (RFC 3986). */
static bool ref_absolute(const char *ref)
{
	size_t n = strspn(ref, "abcdefghijklmnopqrstuvwxyz"
			       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
	return n > 0 && ref[n] == ':';
}

/* Length of the segment at s up to end or the next slash, when it is a
 * resource type name (a capital letter, then letters); else 0. */
static size_t type_segment(const char *s, const char *end)
{
	if (s >= end || *s < 'A' || *s > 'Z')
		return 0;
	size_t n = 1;
	while (s + n < end && s[n] != '/') {
		char ch = s[n];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
			return 0;
		n++;
	}
	return n;
}

/* True when s..end is a FHIR id: [A-Za-z0-9-.]{1,64}. */
static bool id_segment(const char *s, const char *end)
{
	size_t n = (size_t)(end - s);
	return n >= 1 && n <= 64 &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") >= n;
}

/* The length of the base of a RESTful fullUrl (http[s]://…/Type/id, a
 * version after it allowed): up to and with the slash before Type; 0 when
 * fu is none, a urn:uuid or otherwise not RESTful. */
size_t fhir_in_restful_base(const char *fu)
{
	if (!fu)
		return 0;
	size_t scheme = strncmp(fu, "http://", 7) == 0	  ? 7
			: strncmp(fu, "https://", 8) == 0 ? 8
							  : 0;
	if (!scheme)
		return 0;
	const char *end = fu + strlen(fu);
	const char *hist = strstr(fu, "/_history/");
	if (hist)
		end = hist;
	const char *id = end;
	while (id > fu + scheme && id[-1] != '/')
		id--;
	if (id <= fu + scheme || !id_segment(id, end))
		return 0;
	const char *type = id - 1;
	while (type > fu + scheme && type[-1] != '/')
		type--;
	/* a host before the base's last slash */
	if (type <= fu + scheme + 1 ||
	    type_segment(type, id - 1) != (size_t)(id - 1 - type))
		return 0;
	return (size_t)(type - fu);
}

/* The fullUrl of the entry holding the node at (a reference inside it or
 * inside a resource it contains); NULL for a single resource or an entry
 * without one. */
static const char *referrer_full_url(const struct ctx *c,
				     const struct fnode *at)
{
	for (const struct fnode *n = at; n && n->parent; n = n->parent) {
		const struct fnode *rs = n->parent;
		if (strcmp(rs->name, "resource") == 0 && rs->parent &&
		    strcmp(rs->parent->name, "entry") == 0 &&
		    rs->parent->parent == c->root) {
			const struct fnode *fu =
			    fhir_in_kid(rs->parent, "fullUrl");
			return fu ? fu->value : NULL;
		}
	}
	return NULL;
}

/* The index's key ref, made in the entry whose fullUrl is fu, is looked
 * up by (caller frees), and after *ver the version it names (NULL none);
 * NULL with why when it cannot name a resource of the file. */
static char *ref_key(const char *fu, const char *ref, const char **ver,
		     enum why *why)
{
	size_t len = strlen(ref);
	const char *hist = strstr(ref, "/_history/");
	*ver = NULL;
	if (hist) {
		len = (size_t)(hist - ref);
		*ver = hist + strlen("/_history/");
	}
	if (ref_absolute(ref)) {
		*why = WHY_ABSOLUTE;
		return xstrndup(ref, len);
	}
	/* Type/id: exactly two segments */
	*why = WHY_RELATIVE;
	const char *slash = memchr(ref, '/', len);
	if (!slash || slash == ref || slash + 1 == ref + len ||
	    memchr(slash + 1, '/', (size_t)(ref + len - slash - 1)))
		return NULL;
	size_t base = fhir_in_restful_base(fu);
	if (!base)
		return xstrndup(ref, len);
	*why = WHY_BASE;
	return xasprintf("%.*s%.*s", (int)base, fu, (int)len, ref);
}

/* The resource the reference ref, made in the entry whose fullUrl is fu
 * (NULL: none), names; -1 with why. */
static long resolve_from(const struct ctx *c, const char *fu, const char *ref,
			 enum why *why)
{
	const char *ver;
	char *key = ref_key(fu, ref, &ver, why);
	if (!key)
		return -1;
	long i = fhir_in_index_get(c, key);
	if (i == FHIR_IN_AMBIGUOUS)
		*why = WHY_AMBIGUOUS;
	free(key);
	if (i < 0)
		return -1;
	if (ver) {
		const char *has = c->res[i].version;
		if (has && strcmp(has, ver) != 0) {
			*why = WHY_VERSION;
			return -1;
		}
	}
	*why = WHY_OK;
	return i;
}

uint64_t fhir_in_ref_hash(const char *ref, const char *full_url)
{
	const char *ver;
	enum why why;
	char *key = ref_key(full_url, ref, &ver, &why);
	if (!key)
		return 0;
	uint64_t h = util_hash_str(key);
	free(key);
	return h ? h : 1; /* 0 is "nothing" */
}

/* The resource the reference ref, made at the node at, names; -1 with
 * why. */
static long resolve(const struct ctx *c, const struct fnode *at,
		    const char *ref, enum why *why)
{
	return resolve_from(c, referrer_full_url(c, at), ref, why);
}

long fhir_in_resolve_str(struct ctx *c, const struct fnode *at)
{
	enum why why;
	long i = resolve(c, at, at->value, &why);
	if (i >= 0) /* read when a Bundle is read an entry at a time */
		fhir_in_lazy_load(c, (size_t)i, &c->shared);
	return i;
}

long fhir_in_resolve_ref(const struct ctx *c, const char *ref,
			 const char *full_url)
{
	enum why why;
	return resolve_from(c, full_url, ref, &why);
}

/* The error for a reference that does not resolve, at its node. */
void fhir_in_unresolved(struct ctx *c, const struct fnode *at)
{
	enum why why = WHY_OK;
	resolve(c, at, at->value, &why);
	switch (why) {
	case WHY_ABSOLUTE:
		if (strncmp(at->value, "urn:", 4) != 0) {
			fhir_in_err(c, at,
				    _("no entry in this file has this fullUrl "
				      "(an absolute reference is read only as "
				      "a fullUrl; nothing outside the file is "
				      "fetched)"));
			return;
		}
		break;
	case WHY_BASE:
		fhir_in_err(c, at,
			    _("no entry in this file has the fullUrl made of "
			      "the base of this entry's fullUrl and the "
			      "reference (a relative reference is read "
			      "against its entry's server; nothing outside "
			      "the file is fetched)"));
		return;
	case WHY_AMBIGUOUS:
		fhir_in_err(c, at,
			    _("resources of this type and id at more than one "
			      "server are in this file, and this entry has no "
			      "server's fullUrl to choose by: use an absolute "
			      "reference"));
		return;
	case WHY_VERSION:
		fhir_in_err(c, at,
			    _("the reference names a version other than the "
			      "entry's in this file (meta.versionId)"));
		return;
	default:
		break;
	}
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
	long i = fhir_in_resolve_str(c, r);
	if (i < 0) {
		if (r->reported)
			return NULL;
		r->reported = true;
		fhir_in_unresolved(c, r);
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

/* ------------------------------------------------------------------------
 * The index of the file's resources (fullUrls and Type/id), and whose
 * each one is
 * ---------------------------------------------------------------------- */

/* A key as the strings that make it, in a row: a fullUrl, or type "/" id
 * (looked up: the reference's key). */
struct key {
	const char *s[3];
};

static struct key key_of(const struct res *x, bool type_id)
{
	if (type_id)
		return (struct key){{x->type, "/", x->id}};
	return (struct key){{x->full_url, NULL, NULL}};
}

static uint64_t key_hash(const struct key *k)
{
	uint64_t h = util_hash_str(k->s[0]);
	for (int i = 1; i < 3 && k->s[i]; i++)
		h = util_hash_more(h, k->s[i]);
	return h;
}

uint64_t fhir_in_res_key_hash(const struct res *x, bool type_id)
{
	struct key k = key_of(x, type_id);
	return key_hash(&k);
}

/* Whether two keys are the same string. */
static bool key_eq(const struct key *x, const struct key *y)
{
	int xi = 0, yi = 0;
	const char *a = x->s[0], *b = y->s[0];
	for (;;) {
		while (a && !*a)
			a = ++xi < 3 ? x->s[xi] : NULL;
		while (b && !*b)
			b = ++yi < 3 ? y->s[yi] : NULL;
		if (!a || !b)
			return !a && !b;
		if (*a++ != *b++)
			return false;
	}
}

static struct key slot_key(const struct ctx *c, const struct islot *s)
{
	return key_of(&c->res[(s->key - 1) >> 1], (s->key - 1) & 1);
}

/* The slot holding k (of hash h), or the empty one where it would go. */
static struct islot *index_find(const struct ctx *c, const struct key *k,
				uint64_t h)
{
	const struct index *m = &c->idx;
	for (size_t j = h & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
		struct islot *s = &m->slots[j];
		if (!s->key)
			return s;
		struct key has = slot_key(c, s);
		if (key_eq(&has, k))
			return s;
	}
}

long fhir_in_index_get(const struct ctx *c, const char *key)
{
	if (!c->idx.cap)
		return -1;
	struct key k = {{key, NULL, NULL}};
	const struct islot *s = index_find(c, &k, util_hash_str(key));
	return s->key ? s->val : -1;
}

/* Stores resource i's Type/id (type_id) or fullUrl → i; returns -1, or
 * the value the key had (a resource, or FHIR_IN_AMBIGUOUS), *at its
 * slot. */
static long index_put(struct ctx *c, size_t i, bool type_id, struct islot **at)
{
	struct index *m = &c->idx;
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct islot *slots = xcalloc(cap, sizeof(*slots));
		for (size_t o = 0; o < m->cap; o++) {
			if (!m->slots[o].key)
				continue;
			struct key k = slot_key(c, &m->slots[o]);
			size_t j = key_hash(&k) & (cap - 1);
			while (slots[j].key)
				j = (j + 1) & (cap - 1);
			slots[j] = m->slots[o];
		}
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	struct key k = key_of(&c->res[i], type_id);
	uint64_t h = key_hash(&k);
	struct islot *s = index_find(c, &k, h);
	*at = s;
	if (s->key)
		return s->val;
	*s = (struct islot){(uint32_t)(2 * i + type_id + 1), (int32_t)i};
	m->n++;
	return -1;
}

void fhir_in_index_done(struct index *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* The index for references (fullUrls and Type/id); the same resource twice
 * is an error: the same fullUrl, or the same Type/id where not both have
 * RESTful fullUrls (two servers may each have a Patient/1; a relative
 * reference then chooses by its entry's base). */
void fhir_in_index_resources(struct ctx *c)
{
	for (size_t i = 0; i < c->n_res; i++) {
		struct res *x = &c->res[i];
		struct islot *s;
		long had = x->full_url ? index_put(c, i, false, &s) : -1;
		bool dup = had >= 0 && had != (long)i;
		if (x->id) {
			had = index_put(c, i, true, &s);
			if (had == FHIR_IN_AMBIGUOUS)
				dup |= !fhir_in_restful_base(x->full_url);
			else if (had >= 0 && had != (long)i) {
				/* Type/id at two servers names neither */
				if (fhir_in_restful_base(x->full_url) &&
				    fhir_in_restful_base(c->res[had].full_url))
					s->val = FHIR_IN_AMBIGUOUS;
				else
					dup = true;
			}
		}
		if (dup) /* as fhir_in_err at the resource's node says it */
			diag_add(c->d, c->name, x->line, x->type, "%s",
				 _("the same resource appears twice in this "
				   "file"));
	}
}

void fhir_in_link(struct ctx *c, struct res *x)
{
	if (fhir_in_is_type(x, "Patient"))
		return;
	struct fnode *s = fhir_in_kid(x->n, "subject");
	if (!s)
		s = fhir_in_kid(x->n, "patient");
	struct fnode *rr = fhir_in_kid(s, "reference");
	if (!rr || !rr->value)
		return;
	long p = fhir_in_resolve_str(c, rr);
	if (p < 0)
		fhir_in_unresolved(c, rr);
	else if (!fhir_in_is_type(&c->res[p], "Patient"))
		fhir_in_note(c, s, _("the subject is not a Patient"));
	else
		x->patient = (int)p;
}

void fhir_in_link_patients(struct ctx *c)
{
	if (c->lazy) {
		fhir_in_lazy_link(c);
		return;
	}
	for (size_t i = 0; i < c->n_res; i++)
		fhir_in_link(c, &c->res[i]);
}
