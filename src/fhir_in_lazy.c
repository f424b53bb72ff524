/*
 * A FHIR JSON Bundle read a Patient at a time (tumorboard-fhir(7)), so that
 * the memory an import takes does not grow with the number of Patients in
 * one file.
 *
 * As the file is read each entry is turned into a tree, its checks made
 * and what references need of it kept (type, id, fullUrl, version, the
 * reference of its subject, where its bytes are); the tree is let go.
 * Once every resource is known, each one's Patient is found from those
 * strings; the resources of no Patient (organisations, practitioners,
 * those whose subject does not resolve) are read again and kept. Then, a
 * Patient at a time, its resources are read again, its case built and
 * handed over, what of them fed nothing reported, and their trees let go.
 * A resource a reference reaches out of turn is read into the kept
 * memory. What is reported, and where, is what the whole tree gives
 * (fhir_in.c): a problem found while reading is said once, when it is
 * read first.
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

static const char *keep(struct ctx *c, const char *s)
{
	return s ? fmem_strdup(&c->strs, s) : NULL;
}

/* An entry as the file is read (an fhir_entry_fn): its resource
 * collected, what the build needs of it before it is read again kept.
 * Its problems are held until the file has been read (the reader counts
 * any said meanwhile as the file's not parsing). */
static void entry_read(void *arg, struct fnode *e,
		       const struct fhir_entry_bytes *at)
{
	struct ctx *c = arg;
	struct diag *d = c->d;
	size_t before = c->n_res;
	c->d = &c->held;
	fhir_in_collect_entry(c, e, true);
	c->d = d;
	if (c->n_res == before)
		return;
	struct res *x = &c->res[before];
	x->type = keep(c, x->type);
	x->id = keep(c, x->id);
	x->full_url = keep(c, x->full_url);
	x->version = keep(c, x->version);
	struct fnode *s = fhir_in_kid(x->n, "subject");
	if (!s)
		s = fhir_in_kid(x->n, "patient");
	struct fnode *rr = fhir_in_kid(s, "reference");
	x->subject = keep(c, rr ? rr->value : NULL);
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
	for (size_t i = 0; i < c->held.n; i++) {
		const struct diag_item *it = &c->held.items[i];
		diag_add(c->d, it->file, it->line, it->field, "%s",
			 it->message);
	}
	c->d->dropped += c->held.dropped;
	diag_done(&c->held);
	if (!lazy) /* read whole, or not at all: what was collected goes */
		c->n_res = 0;
	c->lazy = lazy;
	c->buf = buf;
	return root;
}

void fhir_in_lazy_load(struct ctx *c, size_t i, struct fmem *m)
{
	struct res *x = &c->res[i];
	if (!c->lazy || x->n)
		return;
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
	if (x->dup)
		fhir_in_err_twice(c, x);
}

void fhir_in_lazy_link(struct ctx *c)
{
	for (size_t i = 0; i < c->n_res; i++) {
		struct res *x = &c->res[i];
		if (fhir_in_is_type(x, "Patient") || !x->subject)
			continue;
		long p = fhir_in_resolve_ref(c, x->subject, x->full_url);
		if (p >= 0 && fhir_in_is_type(&c->res[p], "Patient"))
			x->patient = p;
		else /* its problem said where its tree is */
			x->link_later = true;
	}
	/* the resources of no Patient, read and kept */
	for (size_t i = 0; i < c->n_res; i++) {
		struct res *x = &c->res[i];
		if (x->patient >= 0 || fhir_in_is_type(x, "Patient"))
			continue;
		fhir_in_lazy_load(c, i, &c->shared);
		if (x->link_later)
			fhir_in_link(c, x);
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

/* x reported (once) and, when it is in the Patient's memory, let go. */
static void done(struct ctx *c, struct res *x)
{
	if (!x->done && x->n)
		fhir_in_report_res(c, x);
	x->done = true;
	if (x->pool == POOL_MINE) {
		x->n = NULL;
		x->pool = POOL_NONE;
	}
}

void fhir_in_lazy_done_mine(struct ctx *c, size_t i)
{
	if (!c->lazy)
		return;
	done(c, &c->res[i]);
	for (size_t k = 0; k < c->n_mine; k++)
		done(c, &c->res[c->mine[k]]);
	fmem_free(&c->mine_mem);
}

void fhir_in_lazy_report(struct ctx *c)
{
	for (size_t i = 0; i < c->n_res; i++) {
		struct res *x = &c->res[i];
		if (x->done)
			continue;
		fhir_in_lazy_load(c, i, &c->mine_mem);
		done(c, x);
		fmem_free(&c->mine_mem);
	}
}

void fhir_in_lazy_end(struct ctx *c)
{
	fmem_free(&c->shared);
	fmem_free(&c->mine_mem);
	fmem_free(&c->strs);
}
