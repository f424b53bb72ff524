/*
 * FHIR R4 resources → <case> elements of the case format, following the
 * mapping table of tumorboard-fhir(7) (read it first: this file is that
 * table in code).
 *
 * The reader collects the resources of the file (a Bundle's entries or one
 * resource) in struct res, resolves references inside the file, gives each
 * Patient one <case> and fills it from the resources that refer to that
 * Patient. Every generated element gets a small number as its line; the
 * map records, per element and case field, the FHIR line and path the
 * value came from (or where it was looked for), so the case checks in
 * import.c report FHIR positions. What fed no field is listed afterwards
 * (struct fhir_in.notes), never silently dropped.
 */
#include "fhir_in.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "util.h"
#include "validate.h"

#define CASE_NS "urn:x-tumorboard:case:1"
#define MAX_IDS 65000 /* generated elements per case (xmlNode line) */

struct res {
	struct fnode *n;
	const char *type;
	const char *id;
	const char *full_url;
	long patient; /* index of its Patient, -1 when none */
	long report;  /* index of the DiagnosticReport listing it, -1 */
	bool mapped;  /* fed a case */
};

/* Strings to resource numbers: open addressing, FNV-1a. */
struct index {
	char **keys;
	long *vals;
	size_t cap, n;
};

static size_t index_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The value stored for key, or -1. */
static long index_get(const struct index *m, const char *key)
{
	if (!m->cap)
		return -1;
	for (size_t j = index_hash(key) & (m->cap - 1); m->keys[j];
	     j = (j + 1) & (m->cap - 1))
		if (strcmp(m->keys[j], key) == 0)
			return m->vals[j];
	return -1;
}

/* Stores key (copied) → val; returns -1, or the value the key had. */
static long index_put(struct index *m, const char *key, long val)
{
	long had = index_get(m, key);
	if (had >= 0)
		return had;
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		char **keys = xcalloc(cap, sizeof(char *));
		long *vals = xcalloc(cap, sizeof(long));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t j = index_hash(m->keys[i]) & (cap - 1);
			while (keys[j])
				j = (j + 1) & (cap - 1);
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = cap;
	}
	size_t j = index_hash(key) & (m->cap - 1);
	while (m->keys[j])
		j = (j + 1) & (m->cap - 1);
	m->keys[j] = xstrdup(key);
	m->vals[j] = val;
	m->n++;
	return -1;
}

static void index_done(struct index *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

struct ctx {
	const char *name;
	struct diag *d;
	const char *today;
	struct fhir_in *out;
	struct res *res;
	size_t n_res;
	xmlNsPtr ns;
	size_t case_no;
	unsigned next_id;
	bool too_many;
	struct strbuf lines; /* the summary lines of the case being built */
	struct index idx;    /* fullUrl and Type/id → resource */
	struct fnode *root;  /* the Bundle or the one resource */
	/* the Bundle's meta, found once (a Bundle has many children) */
	struct fnode *root_meta;
	size_t *mine; /* the resources of the Patient being built */
	size_t n_mine;
};

/* ------------------------------------------------------------------------
 * Tree helpers
 * ---------------------------------------------------------------------- */

static struct fnode *kid(const struct fnode *n, const char *name)
{
	if (!n)
		return NULL;
	for (struct fnode *c = n->first; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static struct fnode *next_kid(const struct fnode *c, const char *name)
{
	for (c = c ? c->next : NULL; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return (struct fnode *)c;
	return NULL;
}

#define EACH(var, parent, nm)                                                  \
	for (struct fnode *var = kid((parent), (nm)); var;                     \
	     var = next_kid(var, (nm)))

static void use_all(struct fnode *n)
{
	if (!n)
		return;
	n->used = true;
	for (struct fnode *c = n->first; c; c = c->next)
		use_all(c);
}

/* The value of n's child name, marked used; NULL when absent. */
static const char *val(struct fnode *n, const char *name)
{
	struct fnode *c = kid(n, name);
	if (!c || !c->value)
		return NULL;
	c->used = true;
	return c->value;
}

static bool any_used(const struct fnode *n)
{
	if (n->used)
		return true;
	for (const struct fnode *c = n->first; c; c = c->next)
		if (any_used(c))
			return true;
	return false;
}

static bool is_resource(const struct fnode *n)
{
	return !n->parent || strcmp(n->parent->name, "resource") == 0 ||
	       strcmp(n->parent->name, "contained") == 0 ||
	       strcmp(n->parent->name, "outcome") == 0;
}

/* "Observation.component.valueQuantity.value" (caller frees). */
static char *path_of(const struct fnode *n)
{
	const struct fnode *chain[64];
	size_t k = 0;
	for (; n && k < 64; n = n->parent) {
		chain[k++] = n;
		if (is_resource(n))
			break;
	}
	struct strbuf sb = {0};
	while (k-- > 0) {
		strbuf_puts(&sb, chain[k]->name);
		if (k)
			strbuf_putc(&sb, '.');
	}
	return strbuf_detach(&sb);
}

/* The first coding of a CodeableConcept in system (NULL: any). */
static struct fnode *coding_in(struct fnode *cc, const char *system)
{
	EACH(cd, cc, "coding")
	{
		struct fnode *s = kid(cd, "system");
		if (!system || (s && s->value && strcmp(s->value, system) == 0))
			return cd;
	}
	return NULL;
}

static bool cc_has(struct fnode *cc, const char *system, const char *code)
{
	EACH(cd, cc, "coding")
	{
		struct fnode *s = kid(cd, "system"), *c = kid(cd, "code");
		if (s && s->value && c && c->value &&
		    strcmp(s->value, system) == 0 &&
		    strcmp(c->value, code) == 0)
			return true;
	}
	return false;
}

static const char *coding_code(struct fnode *cd)
{
	struct fnode *c = kid(cd, "code");
	return c ? c->value : NULL;
}

static const char *coding_display(struct fnode *cd)
{
	struct fnode *c = kid(cd, "display");
	return c ? c->value : NULL;
}

/* text, else the first display, else the first code */
static const char *cc_text(struct fnode *cc)
{
	struct fnode *t = kid(cc, "text");
	if (t && t->value)
		return t->value;
	EACH(cd, cc, "coding")
	if (coding_display(cd))
		return coding_display(cd);
	EACH(cd, cc, "coding")
	if (coding_code(cd))
		return coding_code(cd);
	return NULL;
}

static const char *system_label(const char *system)
{
	static const char *const pairs[][2] = {
	    {FHIR_SYS_ICD10, "ICD-10"},	    {FHIR_SYS_ICD10CM, "ICD-10-CM"},
	    {FHIR_SYS_SNOMED, "SNOMED CT"}, {FHIR_SYS_ICDO3, "ICD-O-3"},
	    {FHIR_SYS_LOINC, "LOINC"},	    {FHIR_SYS_ATC, "ATC"},
	    {FHIR_SYS_HGNC, "HGNC"},	    {FHIR_SYS_CLINVAR, "ClinVar"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strcmp(pairs[i][0], system) == 0)
			return pairs[i][1];
	return system;
}

/* "text [SYSTEM code; SYSTEM code]" for a summary line; marks cc used. */
static void put_cc(struct strbuf *sb, struct fnode *cc)
{
	const char *t = cc_text(cc);
	strbuf_puts(sb, t ? t : "(no text)");
	bool first = true;
	EACH(cd, cc, "coding")
	{
		struct fnode *s = kid(cd, "system");
		const char *code = coding_code(cd);
		if (!s || !s->value || !code)
			continue;
		strbuf_printf(sb, "%s%s %s", first ? " [" : "; ",
			      system_label(s->value), code);
		first = false;
	}
	if (!first)
		strbuf_putc(sb, ']');
	use_all(cc);
}

/* The date part of a FHIR date or dateTime (caller frees). */
static char *date_part(const char *v)
{
	if (!v)
		return NULL;
	const char *t = strchr(v, 'T');
	return t ? xstrndup(v, (size_t)(t - v)) : xstrdup(v);
}

static bool has_profile(struct fnode *r, const char *last_segment)
{
	struct fnode *meta = kid(r, "meta");
	size_t m = strlen(last_segment);
	EACH(p, meta, "profile")
	{
		if (!p->value)
			continue;
		const char *base = strrchr(p->value, '/');
		base = base ? base + 1 : p->value;
		size_t len = strcspn(base, "|");
		if (len == m && strncmp(base, last_segment, m) == 0)
			return true;
	}
	return false;
}

/* A meta.tag code in one of tumorboard's systems. */
static const char *tag(struct fnode *r, const char *system)
{
	struct fnode *meta = kid(r, "meta");
	EACH(t, meta, "tag")
	{
		struct fnode *s = kid(t, "system");
		if (s && s->value && strcmp(s->value, system) == 0) {
			use_all(t);
			return coding_code(t);
		}
	}
	return NULL;
}

static void attr(struct ctx *c, xmlNodePtr el, const char *name,
		 const char *value, const struct fnode *src, const char *field,
		 const struct fnode *missing_at, const char *missing_path,
		 const char *hint);

/* meta.source (the system that produced the resource) → source="…" of
 * the element fed from it */
static void source_attr(struct ctx *c, xmlNodePtr el, struct fnode *r,
			const char *field)
{
	struct fnode *src = kid(kid(r, "meta"), "source");
	if (src && src->value) {
		src->used = true;
		attr(c, el, "source", src->value, src, field, NULL, NULL, NULL);
	}
}

/* ------------------------------------------------------------------------
 * Diagnostics, notes and the line map
 * ---------------------------------------------------------------------- */

static void err(struct ctx *c, const struct fnode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void err(struct ctx *c, const struct fnode *at, const char *fmt, ...)
{
	va_list ap;
	struct strbuf sb = {0};
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	char *path = at ? path_of(at) : NULL;
	diag_add(c->d, c->name, at ? at->line : 0, path, "%s", sb.buf);
	free(path);
	strbuf_done(&sb);
}

static const struct fnode *resource_of(const struct fnode *n)
{
	while (n && !is_resource(n))
		n = n->parent;
	return n;
}

/* Lists n (a subtree that fed nothing) in the not-mapped report. */
static void note(struct ctx *c, struct fnode *n, const char *why)
{
	const struct fnode *r = resource_of(n);
	struct fnode *id = r ? kid(r, "id") : NULL;
	const char *shown = id && id->value ? id->value : "(no id)";
	/* a resource id may be an identity number: never repeated */
	if (id && id->value &&
	    validate_pnr(id->value, atoi(c->today), NULL, NULL, NULL, NULL))
		shown = "(an identity number)";
	char *path = path_of(n);
	char *where = xasprintf("%s/%s %s", r ? r->name : "?", shown, path);
	diag_add(&c->out->notes, c->name, n->line, where, "not mapped: %s",
		 why);
	free(where);
	free(path);
	use_all(n);
}

static void map_add(struct ctx *c, unsigned id, const char *field, long line,
		    char *path, const char *hint)
{
	struct fhir_in *o = c->out;
	if (o->n_map == o->cap_map) {
		o->cap_map = o->cap_map ? o->cap_map * 2 : 256;
		o->map = xrealloc(o->map, o->cap_map * sizeof(*o->map));
	}
	struct fhir_map_entry *e = &o->map[o->n_map++];
	e->case_no = c->case_no;
	e->id = id;
	e->field = field ? xstrdup(field) : NULL;
	e->line = line;
	e->path = path;
	e->hint = hint ? xstrdup(hint) : NULL;
}

static xmlNodePtr el_new(struct ctx *c, xmlNodePtr parent, const char *name,
			 const struct fnode *src)
{
	xmlNodePtr el =
	    xmlNewDocNode(c->out->doc, c->ns, (const xmlChar *)name, NULL);
	if (!el)
		util_die_nomem();
	xmlAddChild(parent, el);
	if (c->next_id >= MAX_IDS) {
		c->too_many = true;
		el->line = 1;
		return el;
	}
	el->line = (unsigned short)++c->next_id;
	map_add(c, c->next_id, NULL, src ? src->line : 0,
		src ? path_of(src) : xstrdup(name), NULL);
	return el;
}

/* Sets attribute field of el from src (the FHIR node it came from); a NULL
 * value leaves it out and records where it was looked for. */
static void attr(struct ctx *c, xmlNodePtr el, const char *name,
		 const char *value, const struct fnode *src, const char *field,
		 const struct fnode *missing_at, const char *missing_path,
		 const char *hint)
{
	if (value) {
		xmlNewProp(el, (const xmlChar *)name, (const xmlChar *)value);
		if (src)
			map_add(c, el->line, field, src->line, path_of(src),
				NULL);
	} else if (missing_at) {
		map_add(c, el->line, field, missing_at->line,
			xstrdup(missing_path), hint);
	}
}

/* A child element with text (NULL: left out, recorded as missing). */
static xmlNodePtr text_el(struct ctx *c, xmlNodePtr parent, const char *name,
			  const char *text, const struct fnode *src,
			  const char *field, const struct fnode *missing_at,
			  const char *missing_path, const char *hint)
{
	if (!text) {
		if (missing_at)
			map_add(c, parent->line, field, missing_at->line,
				xstrdup(missing_path), hint);
		return NULL;
	}
	xmlNodePtr el = el_new(c, parent, name, src);
	xmlNodeAddContent(el, (const xmlChar *)text);
	return el;
}

/* ------------------------------------------------------------------------
 * Resources and references
 * ---------------------------------------------------------------------- */

static void res_add(struct ctx *c, struct fnode *r, const char *full_url)
{
	c->res = xrealloc(c->res, (c->n_res + 1) * sizeof(*c->res));
	struct res *x = &c->res[c->n_res++];
	memset(x, 0, sizeof(*x));
	x->n = r;
	x->type = r->name;
	x->id = val(r, "id");
	x->full_url = full_url;
	x->patient = -1;
	x->report = -1;
	/* metadata that carries no clinical content */
	struct fnode *meta = kid(r, "meta");
	if (meta) {
		meta->used = true;
		EACH(p, meta, "profile") p->used = true;
		val(meta, "versionId");
		val(meta, "lastUpdated");
	}
	use_all(kid(r, "text"));
}

static long resolve_str(struct ctx *c, const char *ref)
{
	long i = index_get(&c->idx, ref);
	if (i >= 0)
		return i;
	/* Type/id at the end of an absolute URL, or before /_history/n */
	size_t len = strlen(ref);
	const char *hist = strstr(ref, "/_history/");
	if (hist)
		len = (size_t)(hist - ref);
	const char *end = ref + len;
	const char *slash = end;
	while (slash > ref && slash[-1] != '/')
		slash--;
	if (slash == ref || slash == end)
		return -1;
	const char *type = slash - 1;
	while (type > ref && type[-1] != '/')
		type--;
	char *key = xstrndup(type, (size_t)(end - type));
	i = index_get(&c->idx, key);
	free(key);
	return i;
}

/* The resource a Reference element points to, or NULL after an error
 * (when it has a reference that does not resolve) or when it has none. */
static struct res *resolve(struct ctx *c, struct fnode *refn)
{
	if (!refn)
		return NULL;
	struct fnode *r = kid(refn, "reference");
	if (!r || !r->value)
		return NULL;
	long i = resolve_str(c, r->value);
	if (i < 0) {
		if (r->reported)
			return NULL;
		r->reported = true;
		err(c, r,
		    "the reference does not resolve inside this file (only "
		    "resources in the file are read)");
		return NULL;
	}
	use_all(refn);
	return &c->res[i];
}

static struct res *resolve_type(struct ctx *c, struct fnode *refn,
				const char *type)
{
	struct res *x = resolve(c, refn);
	if (x && strcmp(x->type, type) != 0) {
		err(c, kid(refn, "reference"), "refers to a %s, not a %s",
		    x->type, type);
		return NULL;
	}
	return x;
}

static const char *org_name(struct ctx *c, struct fnode *refn)
{
	struct res *x = resolve(c, refn);
	if (!x)
		return NULL;
	x->mapped = true;
	if (strcmp(x->type, "Organization") == 0)
		return val(x->n, "name");
	if (strcmp(x->type, "PractitionerRole") == 0) {
		struct res *o =
		    resolve_type(c, kid(x->n, "organization"), "Organization");
		if (o) {
			o->mapped = true;
			return val(o->n, "name");
		}
	}
	return NULL;
}

/* "Given Family" of a HumanName (caller frees). */
static char *human_name(struct fnode *hn)
{
	const char *text = val(hn, "text");
	if (text)
		return xstrdup(text);
	struct strbuf sb = {0};
	EACH(g, hn, "given")
	{
		g->used = true;
		if (sb.len)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, g->value ? g->value : "");
	}
	const char *f = val(hn, "family");
	if (f) {
		if (sb.len)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, f);
	}
	if (!sb.len) {
		strbuf_done(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

static struct fnode *phone_of(struct fnode *r)
{
	EACH(t, r, "telecom")
	{
		struct fnode *s = kid(t, "system");
		if (s && s->value && strcmp(s->value, "phone") == 0) {
			use_all(t);
			return kid(t, "value");
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------------
 * Patient and referral
 * ---------------------------------------------------------------------- */

static void map_patient(struct ctx *c, xmlNodePtr ce, struct res *p)
{
	struct fnode *r = p->n;
	xmlNodePtr pe = el_new(c, ce, "patient", r);
	struct fnode *idv = NULL;
	const char *type = NULL;
	EACH(ident, r, "identifier")
	{
		struct fnode *s = kid(ident, "system");
		const char *sys = s ? s->value : NULL;
		const char *t = NULL;
		if (sys && strcmp(sys, FHIR_ID_PERSONNUMMER) == 0)
			t = "personnummer";
		else if (sys && strcmp(sys, FHIR_ID_SAMORDNINGSNUMMER) == 0)
			t = "samordningsnummer";
		if (t && !idv) {
			idv = kid(ident, "value");
			type = t;
			use_all(ident);
		} else {
			note(c, ident,
			     t ? "a second Swedish identity number; the case "
				 "keeps the first"
			       : "the case keeps the personnummer or "
				 "samordningsnummer only");
		}
	}
	xmlNodePtr ide =
	    text_el(c, pe, "id", idv ? idv->value : NULL, idv, "patient/id", r,
		    "Patient.identifier",
		    "no identifier with system " FHIR_ID_PERSONNUMMER
		    " (personnummer) or " FHIR_ID_SAMORDNINGSNUMMER
		    " (samordningsnummer)");
	if (ide)
		attr(c, ide, "type", type, idv, "patient/id/@type", NULL, NULL,
		     NULL);

	struct fnode *hn = NULL;
	EACH(nm, r, "name")
	{
		struct fnode *u = kid(nm, "use");
		if (u && u->value && strcmp(u->value, "official") == 0) {
			hn = nm;
			break;
		}
	}
	if (!hn)
		hn = kid(r, "name");
	EACH(nm, r, "name")
	if (nm != hn)
		note(c, nm, "the case keeps one name (the official)");
	if (hn) {
		xmlNodePtr ne = el_new(c, pe, "name", hn);
		val(hn, "use");
		struct fnode *fam = kid(hn, "family");
		attr(c, ne, "family", val(hn, "family"), fam,
		     "patient/name/@family", hn, "Patient.name.family", NULL);
		struct strbuf g = {0};
		struct fnode *g1 = kid(hn, "given");
		EACH(gv, hn, "given")
		{
			gv->used = true;
			if (g.len)
				strbuf_putc(&g, ' ');
			strbuf_puts(&g, gv->value ? gv->value : "");
		}
		attr(c, ne, "given", g.len ? g.buf : NULL, g1,
		     "patient/name/@given", hn, "Patient.name.given", NULL);
		strbuf_done(&g);
	} else {
		map_add(c, pe->line, "patient/name", r->line,
			xstrdup("Patient.name"), NULL);
	}

	struct fnode *gender = kid(r, "gender");
	text_el(c, pe, "sex", val(r, "gender"), gender, "patient/sex", r,
		"Patient.gender", NULL);

	/* the birth date must agree with the identity number */
	struct fnode *bd = kid(r, "birthDate");
	if (bd && bd->value && idv && idv->value) {
		char norm[14], birth[11];
		bd->used = true;
		if (validate_pnr(idv->value, atoi(c->today), norm, birth, NULL,
				 NULL) &&
		    strcmp(birth, bd->value) != 0)
			err(c, bd,
			    "differs from the birth date in the identity "
			    "number");
	}

	struct fnode *lang = NULL;
	EACH(cm, r, "communication")
	{
		const char *pref = val(cm, "preferred");
		if (!lang || (pref && strcmp(pref, "true") == 0))
			lang = cm;
	}
	EACH(cm, r, "communication")
	if (cm != lang)
		note(c, cm, "the case keeps one language (the preferred)");
	char *code = NULL;
	struct fnode *lsrc = NULL;
	if (lang) {
		struct fnode *cc = kid(lang, "language");
		struct fnode *cd = coding_in(cc, FHIR_SYS_BCP47);
		if (!cd)
			cd = coding_in(cc, NULL);
		lsrc = cd ? kid(cd, "code") : NULL;
		if (lsrc && lsrc->value) {
			code = xstrndup(lsrc->value, strcspn(lsrc->value, "-"));
			for (char *s = code; *s; s++)
				if (*s >= 'A' && *s <= 'Z')
					*s = (char)(*s - 'A' + 'a');
		}
		use_all(cc);
	}
	bool interp = false;
	struct fnode *isrc = NULL;
	EACH(ext, r, "extension")
	{
		const char *url = val(ext, "url");
		if (url && strcmp(url, FHIR_EXT_INTERPRETER) == 0) {
			isrc = kid(ext, "valueBoolean");
			interp = isrc && isrc->value &&
				 strcmp(isrc->value, "true") == 0;
			use_all(ext);
		}
	}
	if (code || interp) {
		xmlNodePtr le = text_el(c, pe, "language", code ? code : "sv",
					lsrc ? lsrc : isrc, "patient/language",
					NULL, NULL, NULL);
		if (interp)
			attr(c, le, "interpreter", "yes", isrc,
			     "patient/language/@interpreter", NULL, NULL, NULL);
	}
	free(code);

	struct fnode *addr = kid(r, "address");
	if (addr) {
		struct fnode *st = kid(addr, "state");
		text_el(c, pe, "region", val(addr, "state"), st,
			"patient/region", NULL, NULL, NULL);
	}
	struct fnode *mo = kid(r, "managingOrganization");
	if (mo) {
		const char *h = org_name(c, mo);
		text_el(c, pe, "hospital", h, mo, "patient/hospital", NULL,
			NULL, NULL);
	}
}

static void map_referrer(struct ctx *c, xmlNodePtr ce, struct fnode *sr)
{
	struct fnode *rq = kid(sr, "requester");
	if (!rq) {
		map_add(c, ce->line, "case/referrer", sr->line,
			xstrdup("ServiceRequest.requester"), "not given");
		return;
	}
	struct res *x = resolve(c, rq);
	if (!x)
		return;
	x->mapped = true;
	xmlNodePtr re = el_new(c, ce, "referrer", rq);
	struct res *pr = NULL, *org = NULL;
	struct fnode *phone = NULL;
	if (strcmp(x->type, "PractitionerRole") == 0) {
		pr = resolve_type(c, kid(x->n, "practitioner"), "Practitioner");
		org =
		    resolve_type(c, kid(x->n, "organization"), "Organization");
		phone = phone_of(x->n);
	} else if (strcmp(x->type, "Practitioner") == 0) {
		pr = x;
	} else if (strcmp(x->type, "Organization") == 0) {
		org = x;
	}
	char *nm = NULL;
	if (pr) {
		pr->mapped = true;
		struct fnode *hn = kid(pr->n, "name");
		nm = hn ? human_name(hn) : NULL;
		if (hn)
			use_all(hn);
		if (!phone)
			phone = phone_of(pr->n);
	}
	attr(c, re, "name", nm, pr ? kid(pr->n, "name") : rq, "referrer/@name",
	     rq, "Practitioner.name", "the requester names no Practitioner");
	free(nm);
	const char *unit = NULL;
	if (org) {
		org->mapped = true;
		unit = val(org->n, "name");
	}
	attr(c, re, "unit", unit, org ? kid(org->n, "name") : rq,
	     "referrer/@unit", rq, "Organization.name",
	     "the requester names no Organization (refer to a "
	     "PractitionerRole)");
	if (phone)
		attr(c, re, "phone", phone->value, phone, "referrer/@phone",
		     NULL, NULL, NULL);
}

/* ------------------------------------------------------------------------
 * Conditions
 * ---------------------------------------------------------------------- */

enum cond_kind { COND_PRIMARY, COND_SECONDARY, COND_OTHER };

static struct fnode *icd10_coding(struct fnode *r)
{
	struct fnode *cc = kid(r, "code");
	struct fnode *cd = coding_in(cc, FHIR_SYS_ICD10);
	return cd ? cd : coding_in(cc, FHIR_SYS_ICD10CM);
}

static enum cond_kind cond_kind(struct fnode *r)
{
	if (has_profile(r, FHIR_PROFILE_PRIMARY))
		return COND_PRIMARY;
	if (has_profile(r, FHIR_PROFILE_SECONDARY))
		return COND_SECONDARY;
	struct fnode *cd = icd10_coding(r);
	const char *code = cd ? coding_code(cd) : NULL;
	if (code && validate_icd10(code, NULL) &&
	    validate_icd10_is_neoplasm(code))
		return strncmp(code, "C77", 3) >= 0 &&
			       strncmp(code, "C79", 3) <= 0
			   ? COND_SECONDARY
			   : COND_PRIMARY;
	return COND_OTHER;
}

static const char *cond_date(struct fnode *r, struct fnode **src)
{
	*src = kid(r, "onsetDateTime");
	if (!*src || !(*src)->value)
		*src = kid(r, "recordedDate");
	if (*src)
		(*src)->used = true;
	return *src ? (*src)->value : NULL;
}

static void map_diagnosis(struct ctx *c, xmlNodePtr ce, struct fnode *r)
{
	xmlNodePtr de = el_new(c, ce, "diagnosis", r);
	struct fnode *cc = kid(r, "code");
	struct fnode *icd = icd10_coding(r);
	if (icd) {
		use_all(icd);
		attr(c, de, "icd10", coding_code(icd), kid(icd, "code"),
		     "diagnosis/@icd10", NULL, NULL, NULL);
	} else {
		struct fnode *sct = coding_in(cc, FHIR_SYS_SNOMED);
		if (sct && coding_code(sct))
			err(c, cc,
			    "the primary cancer is coded only in SNOMED CT "
			    "(%s); the case needs its ICD-10 code (C00-D48) "
			    "in a coding with system " FHIR_SYS_ICD10,
			    coding_code(sct));
		map_add(c, de->line, "diagnosis/@icd10",
			cc ? cc->line : r->line,
			xstrdup("Condition.code.coding"),
			"no coding with system " FHIR_SYS_ICD10);
	}
	EACH(ext, r, "extension")
	{
		const char *url = val(ext, "url");
		if (!url || strcmp(url, FHIR_EXT_HISTOLOGY) != 0)
			continue;
		struct fnode *v = kid(ext, "valueCodeableConcept");
		struct fnode *o = coding_in(v, FHIR_SYS_ICDO3);
		if (o) {
			use_all(ext);
			attr(c, de, "icdo3", coding_code(o), kid(o, "code"),
			     "diagnosis/@icdo3", NULL, NULL, NULL);
		} else {
			note(c, ext,
			     "the morphology is not coded in ICD-O-3 "
			     "(" FHIR_SYS_ICDO3 ")");
		}
	}
	struct fnode *dsrc;
	char *date = date_part(cond_date(r, &dsrc));
	attr(c, de, "date", date, dsrc, "diagnosis/@date", NULL, NULL, NULL);
	free(date);
	struct strbuf sb = {0};
	const char *t = cc_text(cc);
	if (t)
		strbuf_puts(&sb, t);
	if (cc)
		use_all(cc);
	EACH(bs, r, "bodySite")
	{
		const char *b = cc_text(bs);
		if (b && (!t || !strstr(t, b)))
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", b);
		use_all(bs);
	}
	if (sb.len)
		xmlNodeAddContent(de, (const xmlChar *)sb.buf);
	strbuf_done(&sb);
}

static void cond_line(struct ctx *c, struct fnode *r, const char *label)
{
	struct strbuf *sb = &c->lines;
	strbuf_printf(sb, "%s: ", label);
	put_cc(sb, kid(r, "code"));
	EACH(bs, r, "bodySite")
	{
		strbuf_puts(sb, ", ");
		put_cc(sb, bs);
	}
	struct fnode *dsrc;
	char *date = date_part(cond_date(r, &dsrc));
	if (date)
		strbuf_printf(sb, " (%s)", date);
	free(date);
	strbuf_putc(sb, '\n');
}

/* ------------------------------------------------------------------------
 * Observations
 * ---------------------------------------------------------------------- */

enum obs_kind {
	OBS_OTHER,
	OBS_T,
	OBS_N,
	OBS_M,
	OBS_STAGE,
	OBS_ECOG,
	OBS_KARNOFSKY,
	OBS_STATUS,
	OBS_VARIANT,
	OBS_TMB,
	OBS_MSI,
	OBS_REGION,
	OBS_MARKER,
	OBS_FINDINGS,
	OBS_RECIST,
	OBS_KINDS
};

static enum obs_kind obs_kind(struct fnode *r)
{
	struct fnode *cc = kid(r, "code");
	static const struct {
		const char *sys, *code;
		enum obs_kind k;
	} table[] = {
	    {FHIR_SYS_LOINC, FHIR_LOINC_CT, OBS_T},
	    {FHIR_SYS_LOINC, FHIR_LOINC_PT, OBS_T},
	    {FHIR_SYS_SNOMED, FHIR_SCT_CT, OBS_T},
	    {FHIR_SYS_SNOMED, FHIR_SCT_PT, OBS_T},
	    {FHIR_SYS_SNOMED, FHIR_SCT_T, OBS_T},
	    {FHIR_SYS_LOINC, FHIR_LOINC_CN, OBS_N},
	    {FHIR_SYS_LOINC, FHIR_LOINC_PN, OBS_N},
	    {FHIR_SYS_SNOMED, FHIR_SCT_CN, OBS_N},
	    {FHIR_SYS_SNOMED, FHIR_SCT_PN, OBS_N},
	    {FHIR_SYS_SNOMED, FHIR_SCT_N, OBS_N},
	    {FHIR_SYS_LOINC, FHIR_LOINC_CM, OBS_M},
	    {FHIR_SYS_LOINC, FHIR_LOINC_PM, OBS_M},
	    {FHIR_SYS_SNOMED, FHIR_SCT_CM, OBS_M},
	    {FHIR_SYS_SNOMED, FHIR_SCT_PM, OBS_M},
	    {FHIR_SYS_SNOMED, FHIR_SCT_M, OBS_M},
	    {FHIR_SYS_LOINC, FHIR_LOINC_CSTAGE, OBS_STAGE},
	    {FHIR_SYS_LOINC, FHIR_LOINC_PSTAGE, OBS_STAGE},
	    {FHIR_SYS_SNOMED, FHIR_SCT_CSTAGE, OBS_STAGE},
	    {FHIR_SYS_SNOMED, FHIR_SCT_PSTAGE, OBS_STAGE},
	    {FHIR_SYS_SNOMED, FHIR_SCT_STAGE, OBS_STAGE},
	    {FHIR_SYS_LOINC, FHIR_LOINC_ECOG, OBS_ECOG},
	    {FHIR_SYS_LOINC, FHIR_LOINC_KARNOFSKY, OBS_KARNOFSKY},
	    {FHIR_SYS_LOINC, FHIR_LOINC_DISEASE_STATUS, OBS_STATUS},
	    {FHIR_SYS_LOINC, FHIR_LOINC_VARIANT, OBS_VARIANT},
	    {FHIR_SYS_LOINC, FHIR_LOINC_TMB, OBS_TMB},
	    {FHIR_SYS_LOINC, FHIR_LOINC_MSI, OBS_MSI},
	    {FHIR_SYS_LOINC, FHIR_LOINC_REGION_STUDIED, OBS_REGION},
	    {FHIR_SYS_LOINC, FHIR_LOINC_FINDINGS, OBS_FINDINGS},
	    {FHIR_SYS_TB_CODE, "recist-sum", OBS_RECIST},
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (cc_has(cc, table[i].sys, table[i].code))
			return table[i].k;
	if (has_profile(r, FHIR_PROFILE_VARIANT))
		return OBS_VARIANT;
	if (has_profile(r, FHIR_PROFILE_REGION_STUDIED))
		return OBS_REGION;
	if (has_profile(r, FHIR_PROFILE_TUMOR_MARKER))
		return OBS_MARKER;
	return OBS_OTHER;
}

/* effectiveDateTime, effectivePeriod.start or issued; marks it used */
static const char *effective(struct fnode *r, struct fnode **src)
{
	struct fnode *p = kid(r, "effectivePeriod");
	*src = kid(r, "effectiveDateTime");
	if (!*src && p)
		*src = kid(p, "start");
	if (!*src)
		*src = kid(r, "issued");
	if (!*src)
		return NULL;
	(*src)->used = true;
	return (*src)->value;
}

/* A value as written, for markers and summary lines (caller frees). */
static char *value_text(struct fnode *r, struct fnode **src)
{
	struct fnode *v;
	*src = NULL;
	if ((v = kid(r, "valueString")) || (v = kid(r, "valueInteger")) ||
	    (v = kid(r, "valueBoolean"))) {
		*src = v;
		v->used = true;
		return v->value ? xstrdup(v->value) : NULL;
	}
	if ((v = kid(r, "valueQuantity"))) {
		*src = kid(v, "value");
		const char *num = val(v, "value");
		const char *unit = val(v, "unit");
		if (!unit)
			unit = val(v, "code");
		val(v, "system");
		val(v, "comparator");
		if (!num)
			return NULL;
		const char *cmp = val(v, "comparator");
		return xasprintf("%s%s%s%s", cmp ? cmp : "", num,
				 unit ? " " : "", unit ? unit : "");
	}
	if ((v = kid(r, "valueCodeableConcept"))) {
		*src = v;
		const char *t = cc_text(v);
		use_all(v);
		return t ? xstrdup(t) : NULL;
	}
	return NULL;
}

struct obs_pick {
	struct res *best[OBS_KINDS];
};

/* TNM category or stage as written: an AJCC coding or the text. */
static const char *tnm_value(struct ctx *c, struct fnode *r, struct fnode **src)
{
	struct fnode *v = kid(r, "valueCodeableConcept");
	*src = v;
	if (!v) {
		err(c, r, "a TNM observation needs valueCodeableConcept");
		return NULL;
	}
	struct fnode *aj = coding_in(v, FHIR_SYS_AJCC);
	const char *out = NULL;
	if (aj && coding_code(aj)) {
		*src = kid(aj, "code");
		out = coding_code(aj);
	} else if (kid(v, "text") && kid(v, "text")->value) {
		*src = kid(v, "text");
		out = (*src)->value;
	} else {
		struct fnode *s = coding_in(v, FHIR_SYS_SNOMED);
		err(c, v,
		    "the TNM value is coded only in %s; give it as written "
		    "(text, or a coding in " FHIR_SYS_AJCC ")",
		    s ? "SNOMED CT" : "a system tumorboard does not read");
	}
	use_all(v);
	/* the staging system */
	struct fnode *m = kid(r, "method");
	if (m) {
		const char *t = cc_text(m);
		bool tnm8 = cc_has(m, FHIR_SYS_SNOMED, FHIR_SCT_AJCC8) ||
			    (t && (strstr(t, "TNM 8") || strstr(t, "TNM8") ||
				   strstr(t, "8th")));
		if (!tnm8)
			err(c, m,
			    "the staging system is not TNM 8 (SNOMED "
			    "CT " FHIR_SCT_AJCC8 "); the case holds TNM 8");
		use_all(m);
	}
	return out;
}

static void map_tnm(struct ctx *c, xmlNodePtr ce, struct obs_pick *pk)
{
	if (!pk->best[OBS_T] && !pk->best[OBS_N] && !pk->best[OBS_M] &&
	    !pk->best[OBS_STAGE])
		return;
	struct fnode *first = NULL;
	for (int k = OBS_T; k <= OBS_STAGE; k++)
		if (pk->best[k] && !first)
			first = pk->best[k]->n;
	xmlNodePtr te = el_new(c, ce, "tnm", first);
	attr(c, te, "edition", "8", NULL, NULL, NULL, NULL, NULL);
	static const char *const names[] = {"t", "n", "m", "stage"};
	static const char *const fields[] = {"tnm/@t", "tnm/@n", "tnm/@m",
					     "tnm/@stage"};
	static const char *const paths[] = {
	    "Observation (T category, LOINC 21905-5)",
	    "Observation (N category, LOINC 21906-3)",
	    "Observation (M category, LOINC 21907-1)", NULL};
	for (int k = OBS_T; k <= OBS_STAGE; k++) {
		int i = k - OBS_T;
		struct res *x = pk->best[k];
		struct fnode *src = NULL;
		const char *v = x ? tnm_value(c, x->n, &src) : NULL;
		attr(c, te, names[i], v, src, fields[i],
		     paths[i] ? first : NULL, paths[i],
		     "no observation of this kind for the patient");
		if (x) {
			x->mapped = true;
			use_all(kid(x->n, "code"));
			struct fnode *e;
			effective(x->n, &e);
		}
	}
	struct res *dx =
	    pk->best[OBS_T] ? pk->best[OBS_T] : pk->best[OBS_STAGE];
	if (dx) {
		struct fnode *dsrc;
		char *date = date_part(effective(dx->n, &dsrc));
		attr(c, te, "date", date, dsrc, "tnm/@date", NULL, NULL, NULL);
		free(date);
	}
}

static void map_ecog(struct ctx *c, xmlNodePtr ce, struct res *x)
{
	struct fnode *r = x->n;
	struct fnode *v = kid(r, "valueInteger");
	const char *score = v ? v->value : NULL;
	static const char *const la[] = {"LA9622-7", "LA9623-5", "LA9624-3",
					 "LA9625-0", "LA9626-8", "LA9627-6"};
	if (v) {
		v->used = true;
	} else if ((v = kid(r, "valueCodeableConcept"))) {
		static const char *const digits[] = {"0", "1", "2",
						     "3", "4", "5"};
		for (int i = 0; i < 6; i++)
			if (cc_has(v, FHIR_SYS_LOINC, la[i]))
				score = digits[i];
		use_all(v);
	}
	/* interpretation repeats the score in words */
	use_all(kid(r, "interpretation"));
	use_all(kid(r, "code"));
	xmlNodePtr ee =
	    text_el(c, ce, "ecog", score, v, "ecog", NULL, NULL, NULL);
	if (!ee) {
		ee = el_new(c, ce, "ecog", r);
		map_add(c, ee->line, "ecog", r->line,
			xstrdup("Observation.valueInteger"),
			"an ECOG observation needs valueInteger 0-5");
	}
	struct fnode *dsrc;
	char *date = date_part(effective(r, &dsrc));
	attr(c, ee, "date", date, dsrc, "ecog/@date", r,
	     "Observation.effectiveDateTime", "not given");
	free(date);
	x->mapped = true;
}

/* "label: value (date)" for an observation that only the summary holds */
static void obs_line(struct ctx *c, struct res *x, const char *label)
{
	struct fnode *r = x->n, *src, *dsrc;
	char *v = value_text(r, &src);
	char *date = date_part(effective(r, &dsrc));
	strbuf_printf(&c->lines, "%s: ", label);
	put_cc(&c->lines, kid(r, "code"));
	strbuf_printf(&c->lines, " = %s", v ? v : "(no value)");
	if (date)
		strbuf_printf(&c->lines, " (%s)", date);
	strbuf_putc(&c->lines, '\n');
	free(v);
	free(date);
	x->mapped = true;
}

static struct fnode *component(struct fnode *r, const char *loinc)
{
	EACH(cp, r, "component")
	if (cc_has(kid(cp, "code"), FHIR_SYS_LOINC, loinc))
		return cp;
	return NULL;
}

/* The code of a component's valueCodeableConcept (first coding), marking
 * the component used. */
static struct fnode *comp_code(struct fnode *cp)
{
	if (!cp)
		return NULL;
	struct fnode *v = kid(cp, "valueCodeableConcept");
	struct fnode *cd = coding_in(v, NULL);
	use_all(cp);
	if (cd && kid(cd, "code"))
		return kid(cd, "code");
	return v ? kid(v, "text") : NULL;
}

static const char *after_colon(const char *s)
{
	const char *col = s ? strrchr(s, ':') : NULL;
	return col ? col + 1 : s;
}

static const char *classification_of(struct fnode *cc)
{
	static const char *const pairs[][2] = {
	    {"LA6668-3", "pathogenic"}, {"LA26332-9", "likely-pathogenic"},
	    {"LA26333-7", "vus"},	{"LA26334-5", "likely-benign"},
	    {"LA6675-8", "benign"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (cc_has(cc, FHIR_SYS_LOINC, pairs[i][0]))
			return pairs[i][1];
	return NULL;
}

/* test, lab, sample and date from the observation, else its report */
static void finding_common(struct ctx *c, xmlNodePtr fe, struct res *x)
{
	struct fnode *r = x->n;
	struct res *dr = x->report >= 0 ? &c->res[x->report] : NULL;
	struct fnode *src = NULL;
	const char *test = NULL;
	if (dr) {
		struct fnode *code = kid(dr->n, "code");
		test = cc_text(code);
		src = code;
		use_all(code);
	}
	if (!test && kid(r, "method")) {
		src = kid(r, "method");
		test = cc_text(src);
		use_all(src);
	}
	attr(c, fe, "test", test, src, "finding/@test", r,
	     "DiagnosticReport.code",
	     "no DiagnosticReport lists this Observation in result, and it "
	     "has no method");

	struct fnode *perf = kid(r, "performer");
	const char *lab = perf ? org_name(c, perf) : NULL;
	if (!lab && dr && kid(dr->n, "performer")) {
		perf = kid(dr->n, "performer");
		lab = org_name(c, perf);
	}
	attr(c, fe, "lab", lab, perf, "finding/@lab", r,
	     "Observation.performer", "no Organization performed it");

	struct fnode *sp = kid(r, "specimen");
	if (!sp && dr)
		sp = kid(dr->n, "specimen");
	const char *sample = NULL;
	struct fnode *ssrc = sp;
	if (sp) {
		struct res *s = resolve_type(c, sp, "Specimen");
		if (s) {
			s->mapped = true;
			ssrc = kid(s->n, "type");
			sample = cc_text(ssrc);
			use_all(ssrc);
		}
	}
	attr(c, fe, "sample", sample, ssrc, "finding/@sample", r,
	     "Observation.specimen", "no Specimen with a type");

	struct fnode *dsrc;
	char *date = date_part(effective(r, &dsrc));
	if (!date && dr)
		date = date_part(effective(dr->n, &dsrc));
	attr(c, fe, "date", date, dsrc, "finding/@date", r,
	     "Observation.effectiveDateTime", "not given");
	free(date);
	const char *ctxv = tag(r, FHIR_SYS_TB_CONTEXT);
	if (!ctxv && dr)
		ctxv = tag(dr->n, FHIR_SYS_TB_CONTEXT);
	attr(c, fe, "context", ctxv, r, "finding/@context", NULL, NULL, NULL);
	x->mapped = true;
}

/* The finding's note: Observation.note texts, one per line, and the
 * ClinVar id when there is one. */
static void finding_note(xmlNodePtr fe, struct fnode *r, const char *clinvar)
{
	struct strbuf sb = {0};
	EACH(nt, r, "note")
	{
		const char *t = val(nt, "text");
		if (t)
			strbuf_printf(&sb, "%s%s", sb.len ? "\n" : "", t);
	}
	if (clinvar)
		strbuf_printf(&sb, "%sClinVar %s", sb.len ? "\n" : "", clinvar);
	if (sb.len)
		xmlNodeAddContent(fe, (const xmlChar *)sb.buf);
	strbuf_done(&sb);
}

static void map_variant(struct ctx *c, xmlNodePtr ce, struct res *x,
			const char *significance, struct fnode *sig_src)
{
	struct fnode *r = x->n;
	struct fnode *v = kid(r, "valueCodeableConcept");
	if (v && cc_has(v, FHIR_SYS_LOINC, FHIR_LOINC_ABSENT)) {
		note(c, r, "the variant is reported absent: not a finding");
		x->mapped = true;
		return;
	}
	use_all(v);
	xmlNodePtr fe = el_new(c, ce, "finding", r);
	source_attr(c, fe, r, "finding/@source");
	/* genes: one, or two for a fusion */
	struct fnode *genes[2] = {0};
	const char *gv[2] = {0};
	int ng = 0;
	EACH(cp, r, "component")
	{
		if (!cc_has(kid(cp, "code"), FHIR_SYS_LOINC, FHIR_LOINC_GENE))
			continue;
		struct fnode *vc = kid(cp, "valueCodeableConcept");
		struct fnode *h = coding_in(vc, FHIR_SYS_HGNC);
		const char *sym = h ? coding_display(h) : NULL;
		if (!sym)
			sym = kid(vc, "text") ? kid(vc, "text")->value : NULL;
		use_all(cp);
		if (ng < 2) {
			genes[ng] = h ? kid(h, "display") : vc;
			gv[ng++] = sym;
		} else {
			note(c, cp, "more than two genes in one variant");
		}
	}
	struct fnode *cdna = comp_code(component(r, FHIR_LOINC_HGVS_C));
	struct fnode *prot = comp_code(component(r, FHIR_LOINC_HGVS_P));
	struct fnode *gen = comp_code(component(r, FHIR_LOINC_HGVS_G));
	struct fnode *tx = comp_code(component(r, FHIR_LOINC_TRANSCRIPT));
	struct fnode *ct = comp_code(component(r, FHIR_LOINC_CHANGE_TYPE));
	struct fnode *cv = comp_code(component(r, FHIR_LOINC_DISCRETE));
	struct fnode *copies_c = component(r, FHIR_LOINC_COPIES);
	struct fnode *vaf_c = component(r, FHIR_LOINC_VAF);
	struct fnode *src_c = component(r, FHIR_LOINC_SOURCE_CLASS);
	struct fnode *sig_c = component(r, FHIR_LOINC_SIGNIFICANCE);

	const char *c_hgvs = cdna ? after_colon(cdna->value) : NULL;
	const char *kind = NULL;
	struct fnode *kind_src = ct;
	if (copies_c) {
		kind = "cnv";
		kind_src = copies_c;
	} else if (ng == 2) {
		kind = "fusion";
		kind_src = genes[1];
	} else if (ct && ct->value) {
		kind = strcmp(ct->value, "SO:0001483") == 0 ? "snv" : "indel";
	} else if (c_hgvs) {
		kind = strchr(c_hgvs, '>') ? "snv" : "indel";
		kind_src = cdna;
	} else if (prot && prot->value) {
		const char *p = after_colon(prot->value);
		kind = (strstr(p, "del") || strstr(p, "ins") ||
			strstr(p, "dup") || strstr(p, "fs"))
			   ? "indel"
			   : "snv";
		kind_src = prot;
	}
	attr(c, fe, "kind", kind, kind_src ? kind_src : r, "finding/@kind", r,
	     "Observation.component (48019-4 DNA change type)",
	     "no HGVS change, DNA change type, copy number or second gene "
	     "says what kind of variant this is");
	attr(c, fe, "gene", gv[0], genes[0], "finding/@gene", r,
	     "Observation.component (48018-6 gene studied)", "no gene studied");
	if (ng == 2)
		attr(c, fe, "partner", gv[1], genes[1], "finding/@partner",
		     NULL, NULL, NULL);
	attr(c, fe, "c", c_hgvs, cdna, "finding/@c", NULL, NULL, NULL);
	attr(c, fe, "p", prot ? after_colon(prot->value) : NULL, prot,
	     "finding/@p", NULL, NULL, NULL);
	attr(c, fe, "g", gen ? after_colon(gen->value) : NULL, gen,
	     "finding/@g", NULL, NULL, NULL);
	char *t = NULL;
	if (tx)
		t = xstrdup(tx->value ? tx->value : "");
	else if (cdna && cdna->value && strchr(cdna->value, ':'))
		t = xstrndup(cdna->value, strcspn(cdna->value, ":"));
	attr(c, fe, "transcript", t, tx ? tx : cdna, "finding/@transcript",
	     NULL, NULL, NULL);
	free(t);
	if (copies_c) {
		struct fnode *q = kid(kid(copies_c, "valueQuantity"), "value");
		if (!q)
			q = kid(copies_c, "valueInteger");
		use_all(copies_c);
		attr(c, fe, "copies", q ? q->value : NULL, q, "finding/@copies",
		     copies_c, "Observation.component.valueQuantity.value",
		     "a copy number needs a value");
	}
	if (vaf_c) {
		struct fnode *q = kid(kid(vaf_c, "valueQuantity"), "value");
		use_all(vaf_c);
		attr(c, fe, "vaf", q ? q->value : NULL, q, "finding/@vaf",
		     vaf_c, "Observation.component.valueQuantity.value",
		     "an allele frequency needs a value");
	}
	const char *origin = NULL;
	struct fnode *osrc = src_c;
	if (src_c) {
		struct fnode *vc = kid(src_c, "valueCodeableConcept");
		if (cc_has(vc, FHIR_SYS_LOINC, FHIR_LOINC_SOMATIC))
			origin = "somatic";
		else if (cc_has(vc, FHIR_SYS_LOINC, FHIR_LOINC_GERMLINE))
			origin = "germline";
		else
			err(c, vc ? vc : src_c,
			    "genomic source class must be "
			    "LOINC " FHIR_LOINC_SOMATIC
			    " (somatic) or " FHIR_LOINC_GERMLINE " (germline)");
		use_all(src_c);
	}
	attr(c, fe, "origin", origin, osrc, "finding/@origin",
	     src_c ? src_c : r,
	     "Observation.component (48002-0 genomic source class)",
	     src_c ? "neither somatic nor germline" : "not given");
	const char *cls = NULL;
	struct fnode *csrc = NULL;
	if (sig_c) {
		csrc = kid(sig_c, "valueCodeableConcept");
		cls = classification_of(csrc);
		use_all(sig_c);
	}
	if (!cls && kid(r, "interpretation")) {
		csrc = kid(r, "interpretation");
		cls = classification_of(csrc);
		use_all(csrc);
	}
	if (!cls && significance) {
		cls = significance;
		csrc = sig_src;
	}
	if (csrc && !cls)
		err(c, csrc,
		    "clinical significance must be one of LOINC LA6668-3, "
		    "LA26332-9, LA26333-7, LA26334-5 or LA6675-8");
	attr(c, fe, "classification", cls, csrc, "finding/@classification",
	     NULL, NULL, NULL);
	finding_note(fe, r, cv && cv->value ? cv->value : NULL);
	finding_common(c, fe, x);
}

static void map_tmb_msi(struct ctx *c, xmlNodePtr ce, struct res *x, bool tmb)
{
	struct fnode *r = x->n, *src;
	xmlNodePtr fe = el_new(c, ce, "finding", r);
	source_attr(c, fe, r, "finding/@source");
	attr(c, fe, "kind", tmb ? "tmb" : "msi", kid(r, "code"),
	     "finding/@kind", NULL, NULL, NULL);
	use_all(kid(r, "code"));
	const char *value = NULL;
	char *owned = NULL;
	if (tmb) {
		struct fnode *q = kid(kid(r, "valueQuantity"), "value");
		use_all(kid(r, "valueQuantity"));
		src = q;
		value = q ? q->value : NULL;
	} else {
		owned = value_text(r, &src);
		value = owned;
	}
	attr(c, fe, "value", value, src, "finding/@value", r,
	     tmb ? "Observation.valueQuantity.value"
		 : "Observation.valueCodeableConcept",
	     "not given");
	free(owned);
	/* not tied to one gene: the origin is the tumour's */
	struct fnode *sc = component(r, FHIR_LOINC_SOURCE_CLASS);
	attr(c, fe, "origin", "somatic", sc ? sc : r, "finding/@origin", NULL,
	     NULL, NULL);
	if (sc)
		use_all(sc);
	finding_note(fe, r, NULL);
	finding_common(c, fe, x);
}

static void region_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n;
	struct strbuf *sb = &c->lines;
	strbuf_puts(sb, "Regions studied");
	if (x->report >= 0) {
		const char *t = cc_text(kid(c->res[x->report].n, "code"));
		if (t)
			strbuf_printf(sb, " (%s)", t);
	}
	strbuf_puts(sb, ":");
	bool any = false;
	EACH(cp, r, "component")
	{
		if (!cc_has(kid(cp, "code"), FHIR_SYS_LOINC, FHIR_LOINC_GENE))
			continue;
		struct fnode *vc = kid(cp, "valueCodeableConcept");
		struct fnode *h = coding_in(vc, FHIR_SYS_HGNC);
		const char *g = h ? coding_display(h) : cc_text(vc);
		strbuf_printf(sb, "%s %s", any ? "," : "", g ? g : "?");
		any = true;
		use_all(cp);
	}
	if (!any)
		strbuf_puts(sb, " (no genes listed)");
	strbuf_putc(sb, '\n');
	use_all(kid(r, "code"));
	x->mapped = true;
}

/* ------------------------------------------------------------------------
 * Diagnostic reports
 * ---------------------------------------------------------------------- */

enum dr_kind { DR_OTHER, DR_GENOMICS, DR_PATHOLOGY, DR_IMAGING };

static const char *dicom_modality(struct fnode *r, struct fnode **src)
{
	static const char *const pairs[][2] = {
	    {"CT", "ct"},	  {"MR", "mri"},	 {"PT", "pet-ct"},
	    {"US", "ultrasound"}, {"MG", "mammography"}, {"NM", "bone-scan"},
	    {"DX", "x-ray"},	  {"CR", "x-ray"},
	};
	const char *where[] = {"code", "category"};
	for (int w = 0; w < 2; w++) {
		EACH(cc, r, where[w])
		{
			struct fnode *cd = coding_in(cc, FHIR_SYS_DICOM);
			if (!cd || !coding_code(cd))
				continue;
			*src = kid(cd, "code");
			for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]);
			     i++)
				if (strcmp(pairs[i][0], coding_code(cd)) == 0)
					return pairs[i][1];
			return coding_code(cd); /* refused by the check */
		}
	}
	*src = NULL;
	return NULL;
}

static enum dr_kind dr_kind(struct fnode *r)
{
	EACH(cat, r, "category")
	{
		if (cc_has(cat, FHIR_SYS_V2_0074, "GE"))
			return DR_GENOMICS;
		if (cc_has(cat, FHIR_SYS_V2_0074, "SP") ||
		    cc_has(cat, FHIR_SYS_V2_0074, "PAT"))
			return DR_PATHOLOGY;
		if (cc_has(cat, FHIR_SYS_V2_0074, "RAD"))
			return DR_IMAGING;
	}
	if (cc_has(kid(r, "code"), FHIR_SYS_LOINC, FHIR_LOINC_GENETIC_REPORT))
		return DR_GENOMICS;
	struct fnode *src;
	if (dicom_modality(r, &src))
		return DR_IMAGING;
	return DR_OTHER;
}

static void use_categories(struct fnode *r)
{
	EACH(cat, r, "category") use_all(cat);
}

static void map_pathology(struct ctx *c, xmlNodePtr ce, struct res *x)
{
	struct fnode *r = x->n, *dsrc;
	xmlNodePtr pe = el_new(c, ce, "pathology", r);
	source_attr(c, pe, r, "pathology/@source");
	use_categories(r);
	char *date = date_part(effective(r, &dsrc));
	attr(c, pe, "date", date, dsrc, "pathology/@date", r,
	     "DiagnosticReport.effectiveDateTime", "not given");
	free(date);
	struct fnode *perf = kid(r, "performer");
	attr(c, pe, "lab", perf ? org_name(c, perf) : NULL, perf,
	     "pathology/@lab", r, "DiagnosticReport.performer",
	     "no Organization performed it");
	struct fnode *sp = kid(r, "specimen");
	const char *spec = NULL;
	struct fnode *ssrc = sp;
	if (sp) {
		struct res *s = resolve_type(c, sp, "Specimen");
		if (s) {
			s->mapped = true;
			ssrc = kid(s->n, "type");
			spec = cc_text(ssrc);
			use_all(ssrc);
		}
	}
	attr(c, pe, "specimen", spec, ssrc, "pathology/@specimen", r,
	     "DiagnosticReport.specimen", "no Specimen with a type");
	EACH(cc, r, "conclusionCode")
	{
		struct fnode *o = coding_in(cc, FHIR_SYS_ICDO3);
		if (o && !xmlHasProp(pe, (const xmlChar *)"icdo3")) {
			attr(c, pe, "icdo3", coding_code(o), kid(o, "code"),
			     "pathology/@icdo3", NULL, NULL, NULL);
			use_all(cc);
		}
	}
	attr(c, pe, "context", tag(r, FHIR_SYS_TB_CONTEXT), r,
	     "pathology/@context", NULL, NULL, NULL);
	struct fnode *concl = kid(r, "conclusion");
	text_el(c, pe, "report", val(r, "conclusion"), concl,
		"pathology/report", r, "DiagnosticReport.conclusion",
		"not given");
	use_all(kid(r, "code"));
	EACH(ref, r, "result")
	{
		struct res *o = resolve_type(c, ref, "Observation");
		if (!o || o->mapped)
			continue;
		enum obs_kind k = obs_kind(o->n);
		if (k != OBS_OTHER && k != OBS_MARKER)
			continue; /* read with the patient's observations */
		struct fnode *vsrc;
		char *v = value_text(o->n, &vsrc);
		struct fnode *code = kid(o->n, "code");
		xmlNodePtr me = el_new(c, pe, "marker", o->n);
		attr(c, me, "name", cc_text(code), code,
		     "pathology/marker/@name", o->n, "Observation.code",
		     "no text or display");
		use_all(code);
		attr(c, me, "value", v, vsrc, "pathology/marker/@value", o->n,
		     "Observation.value[x]", "no value");
		free(v);
		struct fnode *e;
		effective(o->n, &e);
		o->mapped = true;
	}
	x->mapped = true;
}

static void map_imaging(struct ctx *c, xmlNodePtr ce, struct res *x)
{
	struct fnode *r = x->n, *dsrc, *msrc;
	xmlNodePtr ie = el_new(c, ce, "imaging", r);
	source_attr(c, ie, r, "imaging/@source");
	char *date = date_part(effective(r, &dsrc));
	attr(c, ie, "date", date, dsrc, "imaging/@date", r,
	     "DiagnosticReport.effectiveDateTime", "not given");
	free(date);
	const char *mod = dicom_modality(r, &msrc);
	attr(c, ie, "modality", mod, msrc, "imaging/@modality", r,
	     "DiagnosticReport.code.coding", "no coding in " FHIR_SYS_DICOM);
	struct fnode *code = kid(r, "code");
	struct fnode *text = kid(code, "text");
	attr(c, ie, "region", text ? text->value : NULL, text,
	     "imaging/@region", r, "DiagnosticReport.code.text", "not given");
	use_all(code);
	use_categories(r);
	const char *ai = tag(r, FHIR_SYS_TB_TAG);
	if (ai && strcmp(ai, "ai") == 0)
		attr(c, ie, "ai", "true", kid(r, "meta"), "imaging/@ai", NULL,
		     NULL, NULL);
	const char *findings = NULL;
	struct fnode *fsrc = NULL;
	EACH(ref, r, "result")
	{
		struct res *o = resolve_type(c, ref, "Observation");
		if (!o)
			continue;
		enum obs_kind k = obs_kind(o->n);
		struct fnode *e;
		if (k == OBS_FINDINGS && !findings) {
			fsrc = kid(o->n, "valueString");
			findings = val(o->n, "valueString");
			use_all(kid(o->n, "code"));
			effective(o->n, &e);
			o->mapped = true;
		} else if (k == OBS_RECIST) {
			struct fnode *q =
			    kid(kid(o->n, "valueQuantity"), "value");
			use_all(kid(o->n, "valueQuantity"));
			use_all(kid(o->n, "code"));
			attr(c, ie, "recist-sum", q ? q->value : NULL, q,
			     "imaging/@recist-sum", o->n,
			     "Observation.valueQuantity.value", "no value");
			effective(o->n, &e);
			o->mapped = true;
		}
	}
	text_el(c, ie, "findings", findings, fsrc, "imaging/findings", r,
		"DiagnosticReport.result (Observation LOINC 59776-5 "
		"valueString)",
		"no findings observation");
	struct fnode *concl = kid(r, "conclusion");
	text_el(c, ie, "impression", val(r, "conclusion"), concl,
		"imaging/impression", r, "DiagnosticReport.conclusion",
		"not given");
	x->mapped = true;
}

static void genomics_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n, *dsrc;
	use_categories(r);
	struct fnode *concl = kid(r, "conclusion");
	if (!concl) {
		x->mapped = true;
		return;
	}
	const char *t = cc_text(kid(r, "code"));
	char *date = date_part(effective(r, &dsrc));
	strbuf_printf(&c->lines, "Genomics report%s%s%s%s%s: %s\n",
		      t || date ? " (" : "", t ? t : "", t && date ? ", " : "",
		      date ? date : "", t || date ? ")" : "",
		      val(r, "conclusion"));
	free(date);
	x->mapped = true;
}

/* ------------------------------------------------------------------------
 * Procedures and medication
 * ---------------------------------------------------------------------- */

static void period_text(struct strbuf *sb, struct fnode *r, const char *dt,
			const char *period)
{
	const char *d = val(r, dt);
	struct fnode *p = kid(r, period);
	if (d) {
		char *x = date_part(d);
		strbuf_printf(sb, " (%s)", x);
		free(x);
	} else if (p) {
		char *a = date_part(val(p, "start")),
		     *b = date_part(val(p, "end"));
		strbuf_printf(sb, " (%s\u2013%s)", a ? a : "", b ? b : "");
		free(a);
		free(b);
		p->used = true;
	}
}

static void procedure_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n;
	struct fnode *cat = kid(r, "category");
	const char *label = "Procedure";
	if (cc_has(cat, FHIR_SYS_SNOMED, FHIR_SCT_SURGERY))
		label = "Surgery";
	else if (cc_has(cat, FHIR_SYS_SNOMED, FHIR_SCT_RADIOTHERAPY) ||
		 cc_has(kid(r, "code"), FHIR_SYS_SNOMED, FHIR_SCT_RADIOTHERAPY))
		label = "Radiotherapy";
	else {
		struct fnode *meta = kid(r, "meta");
		EACH(p, meta, "profile")
		if (p->value && strstr(p->value, "radiotherapy"))
			label = "Radiotherapy";
	}
	use_all(cat);
	strbuf_printf(&c->lines, "%s: ", label);
	put_cc(&c->lines, kid(r, "code"));
	EACH(bs, r, "bodySite")
	{
		strbuf_puts(&c->lines, ", ");
		put_cc(&c->lines, bs);
	}
	period_text(&c->lines, r, "performedDateTime", "performedPeriod");
	const char *st = val(r, "status");
	if (st)
		strbuf_printf(&c->lines, ", %s", st);
	strbuf_putc(&c->lines, '\n');
	x->mapped = true;
}

static void medication_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n;
	strbuf_puts(&c->lines, "Therapy: ");
	struct fnode *mc = kid(r, "medicationCodeableConcept");
	if (!mc) {
		struct res *m = resolve_type(c, kid(r, "medicationReference"),
					     "Medication");
		if (m) {
			m->mapped = true;
			mc = kid(m->n, "code");
		}
	}
	if (mc)
		put_cc(&c->lines, mc);
	else
		strbuf_puts(&c->lines, "(no medication named)");
	if (strcmp(x->type, "MedicationRequest") == 0)
		period_text(&c->lines, r, "authoredOn", "-");
	else
		period_text(&c->lines, r, "effectiveDateTime",
			    "effectivePeriod");
	const char *st = val(r, "status");
	if (st)
		strbuf_printf(&c->lines, ", %s", st);
	val(r, "intent");
	strbuf_putc(&c->lines, '\n');
	x->mapped = true;
}

/* ------------------------------------------------------------------------
 * One case per Patient
 * ---------------------------------------------------------------------- */

static bool is_type(const struct res *x, const char *t)
{
	return strcmp(x->type, t) == 0;
}

static const char *earlier(const char *a, const char *b)
{
	/* NULL dates sort first */
	if (!a)
		return b;
	if (!b)
		return a;
	return strcmp(a, b) <= 0 ? a : b;
}

static void build_case(struct ctx *c, long pi)
{
	struct res *p = &c->res[pi];
	c->next_id = 0;
	c->too_many = false;
	strbuf_reset(&c->lines);
	p->mapped = true;
	xmlNodePtr ce = el_new(c, c->out->root, "case", p->n);

	/* the referral */
	struct res *sr = NULL;
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !is_type(x, "ServiceRequest"))
			continue;
		if (!sr) {
			sr = x;
		} else {
			note(c, x->n,
			     "a second ServiceRequest for the same Patient; "
			     "one case per Patient");
			x->mapped = true;
		}
	}
	static const char *const no_sr =
	    "no ServiceRequest in the file refers to this Patient";
	struct fnode *srn = sr ? sr->n : NULL;
	const char *cid = NULL;
	struct fnode *cid_src = NULL;
	EACH(ident, srn, "identifier")
	{
		struct fnode *s = kid(ident, "system");
		struct fnode *v = kid(ident, "value");
		if (!v || !v->value)
			continue;
		bool ours =
		    s && s->value && strcmp(s->value, FHIR_SYS_TB_CASE) == 0;
		if (!cid || ours) {
			cid = v->value;
			cid_src = v;
		}
	}
	EACH(ident, srn, "identifier")
	{
		if (kid(ident, "value") == cid_src)
			use_all(ident);
		else
			note(c, ident,
			     "the case keeps one identifier "
			     "(system " FHIR_SYS_TB_CASE " first)");
	}
	attr(c, ce, "id", cid, cid_src, "case/@id", srn ? srn : p->n,
	     "ServiceRequest.identifier", sr ? "not given" : no_sr);
	struct fnode *au = kid(srn, "authoredOn");
	char *referred = date_part(val(srn, "authoredOn"));
	attr(c, ce, "referred", referred, au, "case/@referred",
	     srn ? srn : p->n, "ServiceRequest.authoredOn",
	     sr ? "not given" : no_sr);
	free(referred);
	const char *level = NULL;
	struct fnode *lsrc = NULL;
	EACH(cat, srn, "category")
	{
		struct fnode *cd = coding_in(cat, FHIR_SYS_TB_LEVEL);
		if (cd) {
			level = coding_code(cd);
			lsrc = kid(cd, "code");
			use_all(cat);
		}
	}
	attr(c, ce, "level", level, lsrc, "case/@level", srn ? srn : p->n,
	     "ServiceRequest.category",
	     sr ? "no coding with system " FHIR_SYS_TB_LEVEL : no_sr);
	struct fnode *prn = kid(srn, "priority");
	const char *pri = val(srn, "priority");
	if (pri)
		pri = strcmp(pri, "routine") == 0 ? "routine" : "urgent";
	attr(c, ce, "priority", pri, prn, "case/@priority", NULL, NULL, NULL);
	/* the system the case came from: the referral's, the patient's or
	 * the Bundle's meta.source */
	if (srn && kid(kid(srn, "meta"), "source"))
		source_attr(c, ce, srn, "case/@source");
	else if (kid(kid(p->n, "meta"), "source"))
		source_attr(c, ce, p->n, "case/@source");
	else if (c->root_meta)
		source_attr(c, ce, c->root_meta->parent, "case/@source");
	if (sr) {
		sr->mapped = true;
		val(srn, "status");
		val(srn, "intent");
		use_all(kid(srn, "subject"));
	}

	map_patient(c, ce, p);

	/* conditions: the primary cancer, then summary lines */
	struct res *primary = NULL;
	struct res *named =
	    sr ? resolve_type(c, kid(srn, "reasonReference"), "Condition")
	       : NULL;
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !is_type(x, "Condition"))
			continue;
		if (cond_kind(x->n) == COND_PRIMARY && !primary &&
		    (!named || named == x))
			primary = x;
	}
	if (primary) {
		map_diagnosis(c, ce, primary->n);
		primary->mapped = true;
		use_all(kid(primary->n, "subject"));
		use_all(kid(primary->n, "category"));
		val(primary->n, "clinicalStatus");
		use_all(kid(primary->n, "clinicalStatus"));
		use_all(kid(primary->n, "verificationStatus"));
	} else {
		map_add(c, ce->line, "case/diagnosis", p->n->line,
			xstrdup("Condition"),
			"no primary cancer Condition (ICD-10 C00-D48, or "
			"profile " FHIR_PROFILE_PRIMARY
			") refers to this Patient");
	}
	text_el(
	    c, ce, "question",
	    srn && kid(kid(srn, "code"), "text") ? val(kid(srn, "code"), "text")
						 : NULL,
	    kid(kid(srn, "code"), "text"), "case/question", srn ? srn : p->n,
	    "ServiceRequest.code.text", sr ? "not given" : no_sr);
	use_all(kid(srn, "code"));
	struct fnode *rc = kid(srn, "reasonCode");
	text_el(c, ce, "level-reason", rc ? val(rc, "text") : NULL,
		kid(rc, "text"), "case/level-reason", srn ? srn : p->n,
		"ServiceRequest.reasonCode.text", sr ? "not given" : no_sr);
	if (rc)
		use_all(rc);
	if (sr)
		map_referrer(c, ce, srn);
	else
		map_add(c, ce->line, "case/referrer", p->n->line,
			xstrdup("ServiceRequest.requester"), no_sr);

	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !is_type(x, "Condition") ||
		    x == primary)
			continue;
		enum cond_kind k = cond_kind(x->n);
		cond_line(c, x->n,
			  k == COND_PRIMARY	? "Other primary cancer"
			  : k == COND_SECONDARY ? "Secondary cancer"
						: "Comorbidity");
		use_all(kid(x->n, "subject"));
		use_all(kid(x->n, "category"));
		use_all(kid(x->n, "clinicalStatus"));
		use_all(kid(x->n, "verificationStatus"));
		x->mapped = true;
	}

	/* which report lists which observation */
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !is_type(x, "DiagnosticReport"))
			continue;
		EACH(ref, x->n, "result")
		{
			struct fnode *rr = kid(ref, "reference");
			long o =
			    rr && rr->value ? resolve_str(c, rr->value) : -1;
			if (o >= 0 && c->res[o].report < 0)
				c->res[o].report = (long)i;
		}
	}

	/* observations: the latest of each single-valued kind */
	struct obs_pick pk = {0};
	const char *best_date[OBS_KINDS] = {0};
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !is_type(x, "Observation"))
			continue;
		enum obs_kind k = obs_kind(x->n);
		if (k < OBS_T || k > OBS_ECOG)
			continue;
		struct fnode *e = kid(x->n, "effectiveDateTime");
		const char *d = e ? e->value : NULL;
		if (!pk.best[k] || earlier(best_date[k], d) == best_date[k]) {
			if (pk.best[k])
				note(c, pk.best[k]->n,
				     "an earlier observation of the same kind; "
				     "the case holds the latest");
			if (pk.best[k])
				pk.best[k]->mapped = true;
			pk.best[k] = x;
			best_date[k] = d;
		} else {
			note(c, x->n,
			     "an earlier observation of the same kind; the "
			     "case holds the latest");
			x->mapped = true;
		}
	}
	if (pk.best[OBS_ECOG])
		map_ecog(c, ce, pk.best[OBS_ECOG]);
	map_tnm(c, ce, &pk);

	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !is_type(x, "DiagnosticReport"))
			continue;
		use_all(kid(x->n, "subject"));
		val(x->n, "status");
		switch (dr_kind(x->n)) {
		case DR_PATHOLOGY:
			map_pathology(c, ce, x);
			break;
		case DR_IMAGING:
			map_imaging(c, ce, x);
			break;
		case DR_GENOMICS:
			genomics_line(c, x);
			break;
		default:
			break; /* listed as not mapped */
		}
	}

	/* a clinical significance given in its own Observation (derivedFrom
	 * the variant) */
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !is_type(x, "Observation") || x->mapped)
			continue;
		enum obs_kind k = obs_kind(x->n);
		struct fnode *subj = kid(x->n, "subject");
		if (k == OBS_VARIANT) {
			const char *sig = NULL;
			struct fnode *sig_src = NULL;
			for (size_t k2 = 0, j = 0;
			     k2 < c->n_mine && (j = c->mine[k2], 1); k2++) {
				struct res *y = &c->res[j];
				if (y->patient != pi ||
				    !is_type(y, "Observation") || y == x)
					continue;
				struct fnode *sc =
				    component(y->n, FHIR_LOINC_SIGNIFICANCE);
				struct fnode *df = kid(y->n, "derivedFrom");
				struct fnode *dfr = kid(df, "reference");
				if (!sc || !dfr || !dfr->value ||
				    resolve_str(c, dfr->value) != (long)i)
					continue;
				sig_src = kid(sc, "valueCodeableConcept");
				sig = classification_of(sig_src);
				if (sig) {
					use_all(sc);
					use_all(df);
					use_all(kid(y->n, "code"));
					use_all(kid(y->n, "subject"));
					val(y->n, "status");
					use_all(kid(y->n, "category"));
					y->mapped = true;
				}
			}
			map_variant(c, ce, x, sig, sig_src);
		} else if (k == OBS_TMB || k == OBS_MSI) {
			map_tmb_msi(c, ce, x, k == OBS_TMB);
		} else if (k == OBS_REGION) {
			region_line(c, x);
		} else if (k == OBS_KARNOFSKY) {
			obs_line(c, x, "Karnofsky");
		} else if (k == OBS_STATUS) {
			obs_line(c, x, "Cancer disease status");
		} else if (k == OBS_MARKER) {
			obs_line(c, x, "Tumour marker");
		} else {
			continue;
		}
		use_all(subj);
		val(x->n, "status");
		use_all(kid(x->n, "category"));
		use_all(kid(x->n, "code"));
		use_all(kid(x->n, "focus"));
	}
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi)
			continue;
		if (is_type(x, "Procedure"))
			procedure_line(c, x);
		else if (is_type(x, "MedicationStatement") ||
			 is_type(x, "MedicationRequest"))
			medication_line(c, x);
		else
			continue;
		use_all(kid(x->n, "subject"));
	}
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !x->mapped)
			continue;
		use_all(kid(x->n, "subject"));
		val(x->n, "status");
		/* an observation's category repeats what its code says */
		if (is_type(x, "Observation"))
			EACH(cat, x->n, "category") use_all(cat);
		/* a report's results that were read */
		EACH(ref, x->n, "result")
		{
			struct fnode *rr = kid(ref, "reference");
			long o =
			    rr && rr->value ? resolve_str(c, rr->value) : -1;
			if (o >= 0 && c->res[o].mapped)
				use_all(ref);
		}
	}

	/* the summary: the referral's note, then the lines */
	struct strbuf sum = {0};
	struct fnode *note_src = NULL;
	EACH(nt, srn, "note")
	{
		const char *t = val(nt, "text");
		if (!t)
			continue;
		if (!note_src)
			note_src = kid(nt, "text");
		strbuf_printf(&sum, "%s%s", sum.len ? "\n" : "", t);
	}
	if (c->lines.len) {
		if (sum.len)
			strbuf_putc(&sum, '\n');
		strbuf_add(&sum, c->lines.buf, c->lines.len - 1);
	}
	if (sum.len)
		text_el(c, ce, "summary", sum.buf, note_src ? note_src : p->n,
			"case/summary", NULL, NULL, NULL);
	strbuf_done(&sum);
	if (c->too_many)
		err(c, p->n, "too many elements for one case (over %d)",
		    MAX_IDS);
	c->case_no++;
}

/* Lists what fed nothing. */
static void report_unused(struct ctx *c, struct fnode *n)
{
	if (any_used(n)) {
		for (struct fnode *k = n->first; k; k = k->next)
			report_unused(c, k);
		return;
	}
	note(c, n, "the case has no field for it");
}

static void collect(struct ctx *c, struct fnode *root)
{
	if (strcmp(root->name, "Bundle") != 0) {
		res_add(c, root, NULL);
		return;
	}
	root->used = true;
	val(root, "id");
	val(root, "type");
	val(root, "timestamp");
	struct fnode *meta = kid(root, "meta");
	if (meta) {
		/* meta.source is read as each case's source when its own
		 * resources name none */
		meta->used = true;
		EACH(p, meta, "profile") p->used = true;
		val(meta, "versionId");
		val(meta, "lastUpdated");
	}
	val(root, "identifier");
	use_all(kid(root, "identifier"));
	EACH(e, root, "entry")
	{
		e->used = true;
		struct fnode *rs = kid(e, "resource");
		use_all(kid(e, "request"));
		use_all(kid(e, "search"));
		use_all(kid(e, "response"));
		const char *fu = val(e, "fullUrl");
		if (!rs || !rs->first) {
			if (rs)
				err(c, rs, "an entry's resource is empty");
			continue;
		}
		rs->used = true;
		if (strcmp(rs->first->name, "Bundle") == 0) {
			err(c, rs->first,
			    "a Bundle inside a Bundle is not read; send its "
			    "resources in one Bundle");
			continue;
		}
		res_add(c, rs->first, fu);
	}
}

/* True when something other than the resource's id and metadata (which
 * res_add marks) fed a case. */
static bool any_used_besides_meta(const struct fnode *r)
{
	for (const struct fnode *k = r->first; k; k = k->next)
		if (strcmp(k->name, "id") != 0 &&
		    strcmp(k->name, "meta") != 0 &&
		    strcmp(k->name, "text") != 0 && any_used(k))
			return true;
	return false;
}

static int by_line(const void *a, const void *b)
{
	const struct diag_item *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* the same line: keep the order they were found in (pointers into
	 * one array) */
	return strcmp(x->field ? x->field : "", y->field ? y->field : "");
}

enum tb_status fhir_in_build(const char *name, const char *buf, size_t n,
			     const char *today, struct fhir_in *out,
			     struct diag *d)
{
	size_t before = d->n + d->dropped;
	struct ctx c = {.name = name, .d = d, .today = today, .out = out};
	memset(out, 0, sizeof(*out));
	diag_init(&out->notes);
	out->notes.limit = 10000;
	out->doc = xmlNewDoc((const xmlChar *)"1.0");
	out->root =
	    xmlNewDocNode(out->doc, NULL, (const xmlChar *)"cases", NULL);
	if (!out->doc || !out->root)
		util_die_nomem();
	c.ns = xmlNewNs(out->root, (const xmlChar *)CASE_NS, NULL);
	xmlSetNs(out->root, c.ns);
	xmlDocSetRootElement(out->doc, out->root);

	struct fnode *root =
	    fhir_tree_parse(name, buf, n, fhir_in_detect(buf, n), d);
	if (!root)
		goto cleanup;
	c.root = root;
	c.root_meta = kid(root, "meta");
	collect(&c, root);
	out->n_resources = c.n_res;

	/* the index for references; the same resource twice is an error */
	for (size_t i = 0; i < c.n_res; i++) {
		struct res *x = &c.res[i];
		long had =
		    x->full_url ? index_put(&c.idx, x->full_url, (long)i) : -1;
		bool dup = had >= 0 && had != (long)i;
		if (x->id) {
			char *key = xasprintf("%s/%s", x->type, x->id);
			had = index_put(&c.idx, key, (long)i);
			dup |= had >= 0 && had != (long)i;
			free(key);
		}
		if (dup)
			err(&c, x->n,
			    "the same resource appears twice in this file");
	}
	/* whose is each resource */
	size_t patients = 0;
	for (size_t i = 0; i < c.n_res; i++)
		patients += is_type(&c.res[i], "Patient");
	if (!patients) {
		diag_add(d, name, root->line, root->name,
			 "the file holds no Patient: a case is built for "
			 "each Patient");
		goto cleanup;
	}
	for (size_t i = 0; i < c.n_res; i++) {
		struct res *x = &c.res[i];
		if (is_type(x, "Patient"))
			continue;
		struct fnode *s = kid(x->n, "subject");
		if (!s)
			s = kid(x->n, "patient");
		struct fnode *rr = kid(s, "reference");
		if (!rr || !rr->value)
			continue;
		long p = resolve_str(&c, rr->value);
		if (p < 0)
			err(&c, rr,
			    "the reference does not resolve inside this file "
			    "(only resources in the file are read)");
		else if (!is_type(&c.res[p], "Patient"))
			note(&c, s, "the subject is not a Patient");
		else
			x->patient = p;
	}
	/* each Patient's resources, in file order */
	size_t *start = xcalloc(c.n_res + 1, sizeof(size_t));
	size_t *all = xcalloc(c.n_res + 1, sizeof(size_t));
	for (size_t i = 0; i < c.n_res; i++)
		if (c.res[i].patient >= 0)
			start[c.res[i].patient + 1]++;
	for (size_t i = 0; i < c.n_res; i++)
		start[i + 1] += start[i];
	size_t *fill = xcalloc(c.n_res + 1, sizeof(size_t));
	for (size_t i = 0; i < c.n_res; i++) {
		long p = c.res[i].patient;
		if (p >= 0)
			all[start[p] + fill[p]++] = i;
	}
	for (size_t i = 0; i < c.n_res; i++)
		if (is_type(&c.res[i], "Patient")) {
			c.mine = all + start[i];
			c.n_mine = start[i + 1] - start[i];
			build_case(&c, (long)i);
		}
	free(start);
	free(all);
	free(fill);
	/* what fed nothing */
	for (size_t i = 0; i < c.n_res; i++) {
		struct res *x = &c.res[i];
		if (!x->mapped && !any_used_besides_meta(x->n)) {
			char *why = xasprintf(
			    "tumorboard reads no %s here (%s)", x->type,
			    x->patient >= 0 ? "not referred to by anything "
					      "mapped"
					    : "not tied to a Patient in the "
					      "file");
			note(&c, x->n, why);
			free(why);
		} else {
			report_unused(&c, x->n);
		}
	}
	report_unused(&c, root);
	if (out->notes.n > 1) /* no null array to qsort when nothing was left */
		qsort(out->notes.items, out->notes.n, sizeof(*out->notes.items),
		      by_line);
cleanup:
	fhir_tree_free(&root);
	index_done(&c.idx);
	free(c.res);
	strbuf_done(&c.lines);
	return d->n + d->dropped == before ? TB_OK : TB_INVALID;
}

void fhir_in_remap(const struct fhir_in *in, size_t case_no, const char *name,
		   struct diag *d, size_t from)
{
	for (size_t i = from; i < d->n; i++) {
		struct diag_item *it = &d->items[i];
		if (it->line <= 0 || !it->file || strcmp(it->file, name) != 0)
			continue;
		const struct fhir_map_entry *el = NULL, *fe = NULL;
		for (size_t k = 0; k < in->n_map; k++) {
			const struct fhir_map_entry *e = &in->map[k];
			if (e->case_no != case_no ||
			    e->id != (unsigned)it->line)
				continue;
			if (!e->field)
				el = e;
			else if (it->field && strcmp(e->field, it->field) == 0)
				fe = e;
		}
		const struct fhir_map_entry *e = fe ? fe : el;
		if (!e)
			continue;
		char *msg = xasprintf(
		    "%s (%s%s%s)", it->message, it->field ? it->field : "case",
		    e->hint ? "; " : "", e->hint ? e->hint : "");
		free(it->message);
		it->message = msg;
		free(it->field);
		it->field = xstrdup(e->path);
		it->line = e->line;
	}
}

void fhir_in_done(struct fhir_in *in)
{
	for (size_t i = 0; i < in->n_map; i++) {
		free(in->map[i].field);
		free(in->map[i].path);
		free(in->map[i].hint);
	}
	free(in->map);
	if (in->doc)
		xmlFreeDoc(in->doc);
	diag_done(&in->notes);
	memset(in, 0, sizeof(*in));
}
