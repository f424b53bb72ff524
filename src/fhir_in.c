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
 *
 * This file: tree helpers, diagnostics and the not-mapped report, the
 * generated elements, the resources collected, and the whole file
 * (fhir_in_build). The resources are read in fhir_in_case.c (Patient,
 * referral, conditions, one case per Patient), fhir_in_obs.c and
 * fhir_in_report.c; references and the index in fhir_in_ref.c; a JSON
 * Bundle is read a Patient at a time by fhir_in_lazy.c.
 */
#include "fhir_in_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "i18n.h"
#include "util.h"
#include "validate.h"

/* ------------------------------------------------------------------------
 * Tree helpers
 * ---------------------------------------------------------------------- */

struct fnode *fhir_in_kid(const struct fnode *n, const char *name)
{
	if (!n)
		return NULL;
	for (struct fnode *c = n->first; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

struct fnode *fhir_in_next_kid(const struct fnode *c, const char *name)
{
	for (c = c ? c->next : NULL; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return (struct fnode *)c;
	return NULL;
}

void fhir_in_use_all(struct fnode *n)
{
	if (!n)
		return;
	n->used = true;
	for (struct fnode *c = n->first; c; c = c->next)
		fhir_in_use_all(c);
}

/* The value of n's child name, marked used; NULL when absent. */
const char *fhir_in_val(struct fnode *n, const char *name)
{
	struct fnode *c = fhir_in_kid(n, name);
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
struct fnode *fhir_in_coding_in(struct fnode *cc, const char *system)
{
	EACH(cd, cc, "coding")
	{
		struct fnode *s = fhir_in_kid(cd, "system");
		if (!system || (s && s->value && strcmp(s->value, system) == 0))
			return cd;
	}
	return NULL;
}

bool fhir_in_cc_has(struct fnode *cc, const char *system, const char *code)
{
	EACH(cd, cc, "coding")
	{
		struct fnode *s = fhir_in_kid(cd, "system"),
			     *c = fhir_in_kid(cd, "code");
		if (s && s->value && c && c->value &&
		    strcmp(s->value, system) == 0 &&
		    strcmp(c->value, code) == 0)
			return true;
	}
	return false;
}

const char *fhir_in_coding_code(struct fnode *cd)
{
	struct fnode *c = fhir_in_kid(cd, "code");
	return c ? c->value : NULL;
}

const char *fhir_in_coding_display(struct fnode *cd)
{
	struct fnode *c = fhir_in_kid(cd, "display");
	return c ? c->value : NULL;
}

/* text, else the first display, else the first code */
const char *fhir_in_cc_text(struct fnode *cc)
{
	struct fnode *t = fhir_in_kid(cc, "text");
	if (t && t->value)
		return t->value;
	EACH(cd, cc, "coding")
	if (fhir_in_coding_display(cd))
		return fhir_in_coding_display(cd);
	EACH(cd, cc, "coding")
	if (fhir_in_coding_code(cd))
		return fhir_in_coding_code(cd);
	return NULL;
}

static const char *system_label(const char *system)
{
	static const char *const pairs[][2] = {
	    {FHIR_SYS_ICD10, "ICD-10"},
	    {FHIR_SYS_ICD10CM, "ICD-10-CM"},
	    {FHIR_SYS_SNOMED, /* untranslated: a code name */ "SNOMED CT"},
	    {FHIR_SYS_ICDO3, "ICD-O-3"},
	    {FHIR_SYS_LOINC, "LOINC"},
	    {FHIR_SYS_ATC, "ATC"},
	    {FHIR_SYS_HGNC, "HGNC"},
	    {FHIR_SYS_CLINVAR, "ClinVar"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strcmp(pairs[i][0], system) == 0)
			return pairs[i][1];
	return system;
}

/* "text [SYSTEM code; SYSTEM code]" for a summary line; marks cc used. */
void fhir_in_put_cc(struct strbuf *sb, struct fnode *cc)
{
	const char *t = fhir_in_cc_text(cc);
	strbuf_puts(sb,
		    t ? t : /* untranslated: stored case text */ "(no text)");
	bool first = true;
	EACH(cd, cc, "coding")
	{
		struct fnode *s = fhir_in_kid(cd, "system");
		const char *code = fhir_in_coding_code(cd);
		if (!s || !s->value || !code)
			continue;
		strbuf_printf(sb, "%s%s %s", first ? " [" : "; ",
			      system_label(s->value), code);
		first = false;
	}
	if (!first)
		strbuf_putc(sb, ']');
	fhir_in_use_all(cc);
}

/* The date part of a FHIR date or dateTime (caller frees). */
char *fhir_in_date_part(const char *v)
{
	if (!v)
		return NULL;
	const char *t = strchr(v, 'T');
	return t ? xstrndup(v, (size_t)(t - v)) : xstrdup(v);
}

bool fhir_in_has_profile(struct fnode *r, const char *last_segment)
{
	struct fnode *meta = fhir_in_kid(r, "meta");
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
const char *fhir_in_tag(struct fnode *r, const char *system)
{
	struct fnode *meta = fhir_in_kid(r, "meta");
	EACH(t, meta, "tag")
	{
		struct fnode *s = fhir_in_kid(t, "system");
		if (s && s->value && strcmp(s->value, system) == 0) {
			fhir_in_use_all(t);
			return fhir_in_coding_code(t);
		}
	}
	return NULL;
}

/* meta.source (the system that produced the resource) → source="…" of
 * the element fed from it */
void fhir_in_source_attr(struct ctx *c, xmlNodePtr el, struct fnode *r,
			 const char *field)
{
	struct fnode *src = fhir_in_kid(fhir_in_kid(r, "meta"), "source");
	if (src && src->value) {
		src->used = true;
		fhir_in_attr(c, el, "source", src->value, src, field, NULL,
			     NULL, NULL);
	}
}

/* ------------------------------------------------------------------------
 * Diagnostics, notes and the line map
 * ---------------------------------------------------------------------- */

void fhir_in_err(struct ctx *c, const struct fnode *at, const char *fmt, ...)
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
void fhir_in_note(struct ctx *c, struct fnode *n, const char *why)
{
	const struct fnode *r = resource_of(n);
	struct fnode *id = r ? fhir_in_kid(r, "id") : NULL;
	const char *shown = id && id->value ? id->value : _("(no id)");
	/* a resource id may be an identity number: never repeated */
	if (id && id->value &&
	    validate_pnr(id->value, atoi(c->today), NULL, NULL, NULL, NULL))
		shown = _("(an identity number)");
	char *path = path_of(n);
	char *where = xasprintf("%s/%s %s", r ? r->name : "?", shown, path);
	diag_add(&c->out->notes, c->name, n->line, where, _("not mapped: %s"),
		 why);
	free(where);
	free(path);
	fhir_in_use_all(n);
}

void fhir_in_map_add(struct ctx *c, unsigned id, const char *field, long line,
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

xmlNodePtr fhir_in_el_new(struct ctx *c, xmlNodePtr parent, const char *name,
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
	fhir_in_map_add(c, c->next_id, NULL, src ? src->line : 0,
			src ? path_of(src) : xstrdup(name), NULL);
	return el;
}

/* Sets attribute field of el from src (the FHIR node it came from); a NULL
 * value leaves it out and records where it was looked for. */
void fhir_in_attr(struct ctx *c, xmlNodePtr el, const char *name,
		  const char *value, const struct fnode *src, const char *field,
		  const struct fnode *missing_at, const char *missing_path,
		  const char *hint)
{
	if (value) {
		xmlNewProp(el, (const xmlChar *)name, (const xmlChar *)value);
		if (src)
			fhir_in_map_add(c, el->line, field, src->line,
					path_of(src), NULL);
	} else if (missing_at) {
		fhir_in_map_add(c, el->line, field, missing_at->line,
				xstrdup(missing_path), hint);
	}
}

/* A child element with text (NULL: left out, recorded as missing). */
xmlNodePtr fhir_in_text_el(struct ctx *c, xmlNodePtr parent, const char *name,
			   const char *text, const struct fnode *src,
			   const char *field, const struct fnode *missing_at,
			   const char *missing_path, const char *hint)
{
	if (!text) {
		if (missing_at)
			fhir_in_map_add(c, parent->line, field,
					missing_at->line, xstrdup(missing_path),
					hint);
		return NULL;
	}
	xmlNodePtr el = fhir_in_el_new(c, parent, name, src);
	xmlNodeAddContent(el, (const xmlChar *)text);
	return el;
}

/* ------------------------------------------------------------------------
 * Resources and references
 * ---------------------------------------------------------------------- */

/* The parts of a meta that carry no clinical content marked read (the
 * meta itself too); NULL is ignored. */
static void meta_marks(struct fnode *meta)
{
	if (!meta)
		return;
	meta->used = true;
	EACH(p, meta, "profile") p->used = true;
	fhir_in_val(meta, "versionId");
	fhir_in_val(meta, "lastUpdated");
}

/* A resource's id and the metadata that carries no clinical content
 * marked read. */
void fhir_in_res_marks(struct fnode *r)
{
	fhir_in_val(r, "id");
	meta_marks(fhir_in_kid(r, "meta"));
	fhir_in_use_all(fhir_in_kid(r, "text"));
}

static void res_add(struct ctx *c, struct fnode *r, const char *full_url)
{
	if (c->n_res == c->cap_res) {
		c->cap_res = c->cap_res ? 2 * c->cap_res : 256;
		c->res = xrealloc(c->res, c->cap_res * sizeof(*c->res));
	}
	struct res *x = &c->res[c->n_res++];
	memset(x, 0, sizeof(*x));
	x->n = r;
	x->type = r->name;
	x->id = fhir_in_val(r, "id");
	x->full_url = full_url;
	x->version = fhir_in_val(fhir_in_kid(r, "meta"), "versionId");
	x->line = r->line;
	x->patient = -1;
	x->report = -1;
	fhir_in_res_marks(r);
}

/* "Given Family" of a HumanName (caller frees). */
char *fhir_in_human_name(struct fnode *hn)
{
	const char *text = fhir_in_val(hn, "text");
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
	const char *f = fhir_in_val(hn, "family");
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

struct fnode *fhir_in_phone_of(struct fnode *r)
{
	EACH(t, r, "telecom")
	{
		struct fnode *s = fhir_in_kid(t, "system");
		if (s && s->value && strcmp(s->value, "phone") == 0) {
			fhir_in_use_all(t);
			return fhir_in_kid(t, "value");
		}
	}
	return NULL;
}

void fhir_in_note_routing(struct ctx *c, struct fnode *n, const char *list,
			  const char *key, const char *match,
			  const char *value_key)
{
	EACH(e, n, list)
	{
		struct fnode *k = fhir_in_kid(e, key);
		if (!k || !k->value || strcmp(k->value, match) != 0 ||
		    !fhir_in_kid(e, value_key))
			continue;
		if (!e->used)
			fhir_in_note(c, e,
				     _("routes a package between boards: read "
				       "by refer --receive, not by import"));
		return;
	}
}

/* Lists what fed nothing. */
void fhir_in_report_unused(struct ctx *c, struct fnode *n)
{
	if (any_used(n)) {
		for (struct fnode *k = n->first; k; k = k->next)
			fhir_in_report_unused(c, k);
		return;
	}
	fhir_in_note(c, n, _("the case has no field for it"));
}

struct fnode *fhir_in_collect_entry(struct ctx *c, struct fnode *e, bool add)
{
	e->used = true;
	struct fnode *rs = fhir_in_kid(e, "resource");
	fhir_in_use_all(fhir_in_kid(e, "request"));
	fhir_in_use_all(fhir_in_kid(e, "search"));
	fhir_in_use_all(fhir_in_kid(e, "response"));
	const char *fu = fhir_in_val(e, "fullUrl");
	if (!rs || !rs->first) {
		if (rs)
			fhir_in_err(c, rs, _("an entry's resource is empty"));
		return NULL;
	}
	rs->used = true;
	if (strcmp(rs->first->name, "Bundle") == 0) {
		fhir_in_err(c, rs->first,
			    _("a Bundle inside a Bundle is not read; send its "
			      "resources in one Bundle"));
		return NULL;
	}
	if (add)
		res_add(c, rs->first, fu);
	return rs->first;
}

static void collect(struct ctx *c, struct fnode *root)
{
	if (strcmp(root->name, "Bundle") != 0) {
		res_add(c, root, NULL);
		return;
	}
	root->used = true;
	fhir_in_val(root, "id");
	fhir_in_val(root, "type");
	fhir_in_val(root, "timestamp");
	struct fnode *meta = fhir_in_kid(root, "meta");
	if (meta) {
		/* meta.source is read as each case's source when its own
		 * resources name none */
		meta_marks(meta);
		/* a package's kind: read when refer --receive imports from
		 * the tree it routed (marked then), else said why not */
		fhir_in_note_routing(c, meta, "tag", "system", FHIR_SYS_TB_TAG,
				     "code");
	}
	fhir_in_val(root, "identifier");
	fhir_in_use_all(fhir_in_kid(root, "identifier"));
	EACH(e, root, "entry")
	fhir_in_collect_entry(c, e, true);
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

/* Forgets the map's entries (keeping its array). */
static void map_clear(struct fhir_in *in)
{
	for (size_t i = 0; i < in->n_map; i++) {
		free(in->map[i].field);
		free(in->map[i].path);
		free(in->map[i].hint);
	}
	in->n_map = 0;
}

/* The case just built to the caller's each, then freed with its map. */
static void hand_over(struct ctx *c)
{
	struct fhir_in *o = c->out;
	xmlNodePtr ce = xmlGetLastChild(o->root);
	if (!ce)
		return;
	o->each(o, ce, c->case_no - 1, o->each_arg);
	xmlUnlinkNode(ce);
	xmlFreeNode(ce);
	map_clear(o);
}

/* A case for each Patient from its resources, in file order. */
static void build_cases(struct ctx *c)
{
	/* uint32_t: parse_json refuses a file over INT32_MAX bytes */
	uint32_t *start = xcalloc(c->n_res + 1, sizeof(*start));
	uint32_t *all = xcalloc(c->n_res + 1, sizeof(*all));
	for (size_t i = 0; i < c->n_res; i++)
		if (c->res[i].patient >= 0)
			start[c->res[i].patient + 1]++;
	for (size_t i = 0; i < c->n_res; i++)
		start[i + 1] += start[i];
	/* each placed at its Patient's next place: start[p] then ends p's */
	for (size_t i = 0; i < c->n_res; i++) {
		int p = c->res[i].patient;
		if (p >= 0)
			all[start[p]++] = (uint32_t)i;
	}
	for (size_t i = 0; i < c->n_res; i++)
		if (fhir_in_is_type(&c->res[i], "Patient")) {
			uint32_t from = i ? start[i - 1] : 0;
			c->mine = all + from;
			c->n_mine = start[i] - from;
			fhir_in_lazy_load_mine(c, i);
			fhir_in_build_case(c, (long)i);
			if (c->out->each)
				hand_over(c);
			fhir_in_lazy_done_mine(c, i);
		}
	free(start);
	free(all);
}

/* What fed nothing is noted, and what was left unread in what did. */
void fhir_in_report_res(struct ctx *c, struct res *x)
{
	if (!x->mapped && !any_used_besides_meta(x->n)) {
		char *why = xasprintf(
		    _("tumorboard reads no %s here (%s)"), x->type,
		    x->patient >= 0 ? _("not referred to by anything "
					"mapped")
				    : _("not tied to a Patient in the "
					"file"));
		fhir_in_note(c, x->n, why);
		free(why);
	} else {
		fhir_in_report_unused(c, x->n);
	}
	if (c->lazy) /* the entry, not among the root's children */
		fhir_in_report_unused(c, x->n->parent->parent);
}

/* What fed nothing is noted, and what was left unread in what did. */
static void report_unmapped(struct ctx *c)
{
	if (c->lazy) {
		fhir_in_lazy_report(c);
		return;
	}
	for (size_t i = 0; i < c->n_res; i++)
		fhir_in_report_res(c, &c->res[i]);
}

/* out set up (whatever happens after) and c for a build into it. */
static void build_begin(struct ctx *c, const char *name, const char *today,
			fhir_in_each_fn each, void *arg, struct fhir_in *out,
			struct diag *d)
{
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->d = d;
	c->today = today;
	c->out = out;
	memset(out, 0, sizeof(*out));
	out->each = each;
	out->each_arg = arg;
	diag_init(&out->notes);
	out->notes.limit = 10000;
	out->doc = xmlNewDoc((const xmlChar *)"1.0");
	out->root =
	    xmlNewDocNode(out->doc, NULL, (const xmlChar *)"cases", NULL);
	if (!out->doc || !out->root)
		util_die_nomem();
	c->ns = xmlNewNs(out->root, (const xmlChar *)CASE_NS, NULL);
	xmlSetNs(out->root, c->ns);
	xmlDocSetRootElement(out->doc, out->root);
}

/* The tree's cases into c->out; root NULL (a file that did not parse)
 * leaves them empty. The resources of a Bundle read an entry at a time
 * (c->lazy) were collected as it was read. */
static void build(struct ctx *c, struct fnode *root)
{
	if (!root)
		return;
	c->root = root;
	c->root_meta = fhir_in_kid(root, "meta");
	collect(c, root);
	c->out->n_resources = c->n_res;

	fhir_in_index_resources(c);
	/* whose is each resource */
	size_t patients = 0;
	for (size_t i = 0; i < c->n_res; i++)
		patients += fhir_in_is_type(&c->res[i], "Patient");
	if (!patients) {
		diag_add(c->d, c->name, root->line, root->name,
			 _("the file holds no Patient: a case is built for "
			   "each Patient"));
		return;
	}
	fhir_in_link_patients(c);
	fhir_in_status_subjects(c);
	build_cases(c);
	report_unmapped(c);
	fhir_in_report_unused(c, root);
	struct fhir_in *out = c->out;
	if (out->notes.n > 1) /* no null array to qsort when nothing was left */
		qsort(out->notes.items, out->notes.n, sizeof(*out->notes.items),
		      by_line);
}

static void build_end(struct ctx *c)
{
	fhir_in_index_done(&c->idx);
	free(c->res);
	strbuf_done(&c->lines);
	fhir_in_lazy_end(c);
}

enum tb_status fhir_in_build(const char *name, const char *buf, size_t n,
			     const char *today, fhir_in_each_fn each, void *arg,
			     struct fhir_in *out, struct diag *d)
{
	size_t before = d->n + d->dropped;
	struct ctx c;
	build_begin(&c, name, today, each, arg, out, d);
	struct fnode *root = fhir_in_lazy_parse(&c, buf, n);
	build(&c, root);
	build_end(&c);
	fhir_tree_free(&root);
	return d->n + d->dropped == before ? TB_OK : TB_INVALID;
}

enum tb_status fhir_in_build_tree(const char *name, struct fnode *root,
				  const char *today, fhir_in_each_fn each,
				  void *arg, struct fhir_in *out,
				  struct diag *d)
{
	size_t before = d->n + d->dropped;
	struct ctx c;
	build_begin(&c, name, today, each, arg, out, d);
	build(&c, root);
	build_end(&c);
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
	map_clear(in);
	free(in->map);
	if (in->doc)
		xmlFreeDoc(in->doc);
	diag_done(&in->notes);
	memset(in, 0, sizeof(*in));
}
