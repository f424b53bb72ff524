/*
 * A FHIR JSON Bundle read a Patient at a time (tumorboard-fhir(7)), so that
 * the memory an import takes does not grow with the number of Patients in
 * one file.
 *
 * As the file is read each entry is turned into a tree, its checks made
 * and what references need of it kept (type, id, fullUrl, version, the
 * reference of its subject, where its bytes are); the tree is let go.
 * Once every resource is known, each one's Patient is found from those
 * strings. Then, a Patient at a time, its resources are read again, its
 * case built and handed over, what of them fed nothing reported, and their
 * trees let go. A resource that a reference reaches across Patients (the
 * references each entry makes are kept as hashes of the keys they are
 * looked up by), and one of no Patient (organisations, practitioners,
 * those whose subject does not resolve), is kept: read again for each
 * Patient that reaches it, what was used of it and where a problem was
 * said kept between reads (two bits a node: struct fold), and reported at
 * the end; once kept resources have been read again for as many bytes as
 * the file has, one not read yet is read once and stays (a large one
 * reached from every Patient is not read for each). What is reported, and
 * where, is what the whole tree gives (fhir_in.c): a problem found while
 * reading is said once, and only when the file was read.
 */
#include "fhir_in_internal.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

static const char *keep(struct ctx *c, const char *s)
{
	return s ? fmem_strdup(&c->strs, s) : NULL;
}

/* A string many resources share (a type, a subject's reference), held
 * once. */
static const char *keep_shared(struct ctx *c, const char *s)
{
	return s ? fmem_name(&c->strs, s) : NULL;
}

/* An id, held as the end of its resource's fullUrl (kept) when it is
 * that (urn:uuid:id, [base]Type/id). */
static const char *keep_id(struct ctx *c, const char *id, const char *fu)
{
	size_t n = id ? strlen(id) : 0, f = fu ? strlen(fu) : 0;
	if (n && f > n && (fu[f - n - 1] == '/' || fu[f - n - 1] == ':') &&
	    strcmp(fu + f - n, id) == 0)
		return fu + f - n;
	return keep(c, id);
}

/* The references made under n (its subject's aside: that one makes the
 * resource its Patient's), as resource from's. */
static void refs_of(struct ctx *c, const struct fnode *n, const struct res *x,
		    const struct fnode *subject, size_t from)
{
	for (const struct fnode *k = n->first; k; k = k->next) {
		if (k == subject)
			continue;
		if (k->value && strcmp(k->name, "reference") == 0) {
			uint64_t h = fhir_in_ref_hash(k->value, x->full_url);
			if (!h)
				continue;
			if (c->n_refs == c->cap_refs) {
				c->cap_refs =
				    c->cap_refs ? 2 * c->cap_refs : 1024;
				c->refs = xrealloc(
				    c->refs, c->cap_refs * sizeof(*c->refs));
			}
			c->refs[c->n_refs++] = (struct ref_made){h, from};
		}
		refs_of(c, k, x, subject, from);
	}
}

/* An entry as the file is read (an fhir_entry_fn): its resource
 * collected, what the build needs of it before it is read again kept.
 * Its problems are held until the file has been read (the reader counts
 * any problem said meanwhile as the file's not parsing); an entry without
 * a resource is read again for what of it fed nothing at the end, as the
 * whole tree's entries are (the root is not whole yet). */
static void entry_read(void *arg, struct fnode *e,
		       const struct fhir_entry_bytes *at)
{
	struct ctx *c = arg;
	struct diag *d = c->d;
	size_t before = c->n_res;
	c->d = &c->held;
	bool bare = !fhir_in_collect_entry(c, e, true);
	c->d = d;
	if (bare) {
		if (c->n_bare == c->cap_bare) {
			c->cap_bare = c->cap_bare ? 2 * c->cap_bare : 16;
			c->bare =
			    xrealloc(c->bare, c->cap_bare * sizeof(*c->bare));
		}
		c->bare[c->n_bare++] = *at;
	}
	if (c->n_res == before)
		return;
	struct res *x = &c->res[before];
	x->type = keep_shared(c, x->type);
	x->full_url = keep(c, x->full_url);
	x->id = keep_id(c, x->id, x->full_url);
	x->version = keep_shared(c, x->version);
	struct fnode *s = fhir_in_kid(x->n, "subject");
	if (!s)
		s = fhir_in_kid(x->n, "patient");
	struct fnode *rr = fhir_in_kid(s, "reference");
	x->subject = keep_shared(c, rr ? rr->value : NULL);
	refs_of(c, x->n, x, rr && rr->value ? s : NULL, before);
	x->at = *at;
	x->n = NULL;
}

struct fnode *fhir_in_lazy_parse(struct ctx *c, const char *buf, size_t n)
{
	bool lazy;
	diag_init(&c->held);
	c->held.limit = c->d->limit;
	struct fnode *root =
	    fhir_tree_parse_entries(c->name, buf, n, fhir_in_detect(buf, n),
				    c->d, entry_read, c, &lazy);
	if (lazy) { /* else read whole, or not at all: collected again, or
		       not reported */
		diag_append(c->d, &c->held);
	} else {
		c->n_res = 0;
		c->n_refs = 0;
		c->n_bare = 0;
	}
	diag_done(&c->held);
	if (lazy && c->n_res && c->n_res < c->cap_res) { /* all there is */
		c->res = xrealloc(c->res, c->n_res * sizeof(*c->res));
		c->cap_res = c->n_res;
	}
	c->lazy = lazy;
	c->buf = buf;
	c->reread_left = n;
	return root;
}

static int by_res(const void *a, const void *b)
{
	const struct fold *x = a, *y = b;
	return (x->res > y->res) - (x->res < y->res);
}

/* The fold of kept resource i. */
static struct fold *fold_of(struct ctx *c, size_t i)
{
	struct fold k = {.res = (uint32_t)i};
	struct fold *f = bsearch(&k, c->folds, c->n_folds, sizeof(k), by_res);
	/* every kept resource not read with the root has one */
	assert(f);
	return f;
}

static uint64_t *fold_bits(struct fold *f)
{
	return f->n <= 32 ? &f->bits.one : f->bits.many;
}

static size_t count_nodes(const struct fnode *n)
{
	size_t k = 1;
	for (const struct fnode *kid = n->first; kid; kid = kid->next)
		k += count_nodes(kid);
	return k;
}

/* n's marks and those below it written to (out) or taken from bits, from
 * node *at on. */
static void fold_walk(struct fnode *n, uint64_t *bits, size_t nb, size_t *at,
		      bool out)
{
	size_t k = *at, w = k / 32, b = 2 * (k % 32);
	if (k < nb && out) {
		uint64_t v = (uint64_t)n->used | (uint64_t)n->reported << 1;
		bits[w] = (bits[w] & ~((uint64_t)3 << b)) | v << b;
	} else if (k < nb) {
		n->used |= (bits[w] >> b) & 1;
		n->reported |= (bits[w] >> (b + 1)) & 1;
	}
	(*at)++;
	for (struct fnode *kid = n->first; kid; kid = kid->next)
		fold_walk(kid, bits, nb, at, out);
}

/* Kept resource x's marks kept, its tree let go. */
static void fold(struct ctx *c, struct res *x)
{
	struct fold *f = fold_of(c, (size_t)(x - c->res));
	struct fnode *e = x->n->parent->parent;
	if (!f->n) {
		f->n = (uint32_t)count_nodes(e);
		if (f->n > 32)
			f->bits.many =
			    xcalloc((f->n + 31) / 32, sizeof(*f->bits.many));
	}
	size_t at = 0;
	fold_walk(e, fold_bits(f), f->n, &at, true);
	x->n = NULL;
	x->pool = POOL_NONE;
}

/* The kept resources read since the last let go, folded; the Patient's
 * memory emptied. */
static void fold_loaded(struct ctx *c)
{
	for (size_t k = 0; k < c->n_loaded; k++)
		if (c->res[c->loaded[k]].n)
			fold(c, &c->res[c->loaded[k]]);
	c->n_loaded = 0;
	fmem_reset(&c->mine_mem);
}

void fhir_in_lazy_let_go(struct ctx *c)
{
	if (c->lazy)
		fold_loaded(c);
}

void fhir_in_lazy_load(struct ctx *c, size_t i, struct fmem *m)
{
	struct res *x = &c->res[i];
	if (!c->lazy || x->n)
		return;
	size_t len = x->at.end - x->at.start;
	if (x->kept && len > c->reread_left) {
		m = &c->shared;
	} else if (x->kept) {
		c->reread_left -= len;
		m = &c->mine_mem;
		if (c->n_loaded == c->cap_loaded) {
			c->cap_loaded = c->cap_loaded ? 2 * c->cap_loaded : 64;
			c->loaded = xrealloc(c->loaded, c->cap_loaded *
							    sizeof(*c->loaded));
		}
		c->loaded[c->n_loaded++] = (uint32_t)i;
	}
	struct fnode *e = fhir_tree_entry(c->name, c->buf, &x->at, c->root, m);
	struct fnode *r = e ? fhir_in_collect_entry(c, e, false) : NULL;
	if (!r) { /* bytes that read once and not again: cannot be */
		diag_add(c->d, c->name, x->at.line, NULL,
			 _("this entry could not be read a second time"));
		e = fmem_node(m, NULL, "entry", NULL, x->at.line);
		r = fmem_node(m, fmem_node(m, e, "resource", NULL, x->at.line),
			      x->type, NULL, x->at.line);
		fmem_close(e);
		e->parent = c->root;
	}
	x->n = r;
	x->pool = m == &c->mine_mem ? POOL_MINE : POOL_SHARED;
	fhir_in_res_marks(r);
	struct fold *f = x->kept ? fold_of(c, i) : NULL;
	if (f && f->n) {
		size_t at = 0;
		fold_walk(r->parent->parent, fold_bits(f), f->n, &at, false);
	}
}

/* Whose resource i is: its Patient's index (a Patient its own), or -1. */
static long owner(const struct ctx *c, size_t i)
{
	return fhir_in_is_type(&c->res[i], "Patient") ? (long)i
						      : c->res[i].patient;
}

static int by_hash(const void *a, const void *b)
{
	const struct ref_made *x = a, *y = b;
	return (x->hash > y->hash) - (x->hash < y->hash);
}

/* v[i] sunk to its place in the heap v[0..n) (the largest hash first). */
static void sift(struct ref_made *v, size_t i, size_t n)
{
	for (size_t k; (k = 2 * i + 1) < n; i = k) {
		if (k + 1 < n && v[k + 1].hash > v[k].hash)
			k++;
		if (v[i].hash >= v[k].hash)
			return;
		struct ref_made t = v[i];
		v[i] = v[k];
		v[k] = t;
	}
}

/* v sorted by hash where it lies: a heap sort takes no memory of its own
 * (qsort's would be as large as v, and left a hole in the heap that the
 * next file's reading does not fit into). */
static void sort_by_hash(struct ref_made *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift(v, i, n);
	for (size_t e = n; e-- > 1;) {
		struct ref_made t = v[0];
		v[0] = v[e];
		v[e] = t;
		sift(v, 0, e);
	}
}

/* The references whose hash is h (c->refs sorted by it) reaching resource
 * to: both ends kept where they reach across Patients, to kept where a
 * resource of no Patient or a kept one reaches it; whether anything
 * changed. */
static bool reached(struct ctx *c, size_t to, uint64_t h)
{
	long ot = owner(c, to);
	if (ot < 0) /* always read */
		return false;
	struct ref_made k = {h, 0};
	const struct ref_made *end = c->refs + c->n_refs;
	const struct ref_made *hit =
	    bsearch(&k, c->refs, c->n_refs, sizeof(k), by_hash);
	if (!hit)
		return false;
	while (hit > c->refs && hit[-1].hash == h)
		hit--;
	bool more = false;
	for (; hit < end && hit->hash == h; hit++) {
		size_t from = hit->from;
		long of = owner(c, from);
		bool across = of >= 0 && of != ot;
		if ((across || of < 0 || c->res[from].kept) && !c->res[to].kept)
			more = c->res[to].kept = true;
		if (across && !c->res[from].kept)
			more = c->res[from].kept = true;
	}
	return more;
}

/* Kept: both ends of every reference that may reach across Patients, and
 * what a resource of no Patient (always read) may reach; a hash names a
 * resource by its fullUrl or its Type/id, and two keys of one hash are
 * both taken. */
static void mark_kept(struct ctx *c)
{
	sort_by_hash(c->refs, c->n_refs);
	/* until nothing changes: what a kept resource reaches is kept */
	for (bool more = true; more && c->n_refs;) {
		more = false;
		for (size_t i = 0; i < c->n_res; i++) {
			const struct res *x = &c->res[i];
			if (x->full_url)
				more |= reached(c, i,
						fhir_in_res_key_hash(x, false));
			if (x->id)
				more |= reached(c, i,
						fhir_in_res_key_hash(x, true));
		}
	}
	free(c->refs);
	c->refs = NULL;
	c->n_refs = c->cap_refs = 0;
}

void fhir_in_lazy_link(struct ctx *c)
{
	for (size_t i = 0; i < c->n_res; i++) {
		struct res *x = &c->res[i];
		if (x->n) { /* read with the root (an entry not in an array) */
			fhir_in_link(c, x);
			continue;
		}
		if (fhir_in_is_type(x, "Patient") || !x->subject)
			continue;
		long p = fhir_in_resolve_ref(c, x->subject, x->full_url);
		if (p >= 0 && fhir_in_is_type(&c->res[p], "Patient"))
			x->patient = (int)p;
		else /* its problem said where its tree is */
			x->link_later = true;
	}
	mark_kept(c);
	/* the resources of no Patient kept */
	size_t n = 0;
	for (size_t i = 0; i < c->n_res; i++) {
		struct res *x = &c->res[i];
		if (x->patient < 0 && !fhir_in_is_type(x, "Patient"))
			x->kept = true;
		n += x->kept && !x->n;
	}
	c->folds = xcalloc(n + 1, sizeof(*c->folds));
	for (size_t i = 0; i < c->n_res; i++)
		if (c->res[i].kept && !c->res[i].n)
			c->folds[c->n_folds++].res = (uint32_t)i;
	/* a subject that does not resolve said where its tree is */
	for (size_t i = 0; i < c->n_res; i++)
		if (c->res[i].link_later) {
			fhir_in_lazy_load(c, i, &c->mine_mem);
			fhir_in_link(c, &c->res[i]);
			fold_loaded(c);
		}
}

void fhir_in_lazy_load_mine(struct ctx *c, size_t i)
{
	if (!c->lazy)
		return;
	fhir_in_lazy_load(c, i, &c->mine_mem);
	for (size_t k = 0; k < c->n_mine; k++)
		fhir_in_lazy_load(c, c->mine[k], &c->mine_mem);
}

/* x reported, and its tree let go when it is in the Patient's memory. */
static void report_let_go(struct ctx *c, struct res *x)
{
	if (x->n)
		fhir_in_report_res(c, x);
	x->done = true;
	if (x->pool == POOL_MINE) {
		x->n = NULL;
		x->pool = POOL_NONE;
	}
}

/* x reported and let go, unless it is kept for the end. */
static void done(struct ctx *c, struct res *x)
{
	if (!x->kept && !x->done)
		report_let_go(c, x);
}

void fhir_in_lazy_done_mine(struct ctx *c, size_t i)
{
	if (!c->lazy)
		return;
	done(c, &c->res[i]);
	for (size_t k = 0; k < c->n_mine; k++)
		done(c, &c->res[c->mine[k]]);
	fold_loaded(c);
}

void fhir_in_lazy_report(struct ctx *c)
{
	/* the entries without a resource: what of them fed nothing (their
	 * problems were said when they were read first) */
	for (size_t i = 0; i < c->n_bare; i++) {
		struct diag quiet, *d = c->d;
		diag_init(&quiet);
		struct fnode *e = fhir_tree_entry(c->name, c->buf, &c->bare[i],
						  c->root, &c->mine_mem);
		c->d = &quiet;
		if (e)
			fhir_in_collect_entry(c, e, false);
		c->d = d;
		diag_done(&quiet);
		if (e)
			fhir_in_report_unused(c, e);
		fmem_reset(&c->mine_mem);
	}
	for (size_t i = 0; i < c->n_res; i++) {
		struct res *x = &c->res[i];
		if (x->done)
			continue;
		fhir_in_lazy_load(c, i, &c->mine_mem);
		report_let_go(c, x);
		fold_loaded(c);
	}
}

void fhir_in_lazy_end(struct ctx *c)
{
	fmem_free(&c->shared);
	fmem_free(&c->mine_mem);
	fmem_free(&c->strs);
	for (size_t k = 0; k < c->n_folds; k++)
		if (c->folds[k].n > 32)
			free(c->folds[k].bits.many);
	free(c->folds);
	free(c->loaded);
	free(c->refs);
	free(c->bare);
}
