/*
 * The FHIR reader's tree in memory (struct fnode, fhir_in.h): nodes and
 * strings carved from blocks freed together with the root, each name kept
 * once a tree. Private to src/fhir_in_tree.c.
 */
#include "fhir_in_mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The tree's memory: nodes and strings are carved from 64 KiB blocks and
 * freed together (a Bundle has hundreds of thousands of small nodes), and
 * each name is kept once (a Bundle has a few hundred names). */
#define ARENA_BLOCK 65536

struct fhir_arena {
	struct fhir_arena *prev;
	size_t used, cap;
	char mem[];
};

/* The root node: the tree's blocks with it. */
struct froot {
	struct fnode n;
	struct fhir_arena *arena;
};

static void *arena_alloc(struct fhir_arena **a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (!*a || (*a)->used + n > (*a)->cap) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct fhir_arena *b = xmalloc(sizeof(*b) + cap);
		b->prev = *a;
		b->used = 0;
		b->cap = cap;
		*a = b;
	}
	void *p = (*a)->mem + (*a)->used;
	(*a)->used += n;
	return p;
}

static char *arena_strdup(struct fhir_arena **a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_alloc(a, n);
	memcpy(p, s, n);
	return p;
}

/* The one copy of name in the tree's memory. */
const char *fmem_name(struct fmem *m, const char *name)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 256;
		const char **t = xcalloc(cap, sizeof(*t));
		for (size_t i = 0; i < m->cap; i++)
			if (m->names[i]) {
				size_t j =
				    util_hash_str(m->names[i]) & (cap - 1);
				while (t[j])
					j = (j + 1) & (cap - 1);
				t[j] = m->names[i];
			}
		free(m->names);
		m->names = t;
		m->cap = cap;
	}
	size_t j = util_hash_str(name) & (m->cap - 1);
	for (; m->names[j]; j = (j + 1) & (m->cap - 1))
		if (strcmp(m->names[j], name) == 0)
			return m->names[j];
	m->n++;
	return m->names[j] = arena_strdup(&m->arena, name);
}

/* A node added as parent's last child. While a tree is built a parent's
 * first points at its last child, whose next is the first (a ring, so
 * that adding is one step without a pointer a node more); fmem_close
 * (fmem_tree) opens the rings when the tree is whole. */
struct fnode *fmem_node(struct fmem *m, struct fnode *parent, const char *name,
			const char *value, long line)
{
	struct fnode *n;
	if (parent) {
		n = arena_alloc(&m->arena, sizeof(*n));
		memset(n, 0, sizeof(*n));
	} else {
		struct froot *r = arena_alloc(&m->arena, sizeof(*r));
		memset(r, 0, sizeof(*r));
		n = &r->n;
	}
	n->name = fmem_name(m, name);
	n->value = value ? arena_strdup(&m->arena, value) : NULL;
	n->line = line > INT32_MAX ? INT32_MAX : (int)line;
	n->parent = parent;
	if (parent) {
		struct fnode *last = parent->first;
		n->next = last ? last->next : n;
		if (last)
			last->next = n;
		parent->first = n;
	}
	return n;
}

/* Opens the rings fmem_node made below n (see fmem_node). */
void fmem_close(struct fnode *n)
{
	struct fnode *last = n->first;
	if (!last)
		return;
	n->first = last->next;
	last->next = NULL;
	for (struct fnode *c = n->first; c; c = c->next)
		fmem_close(c);
}

static void fhir_tree_free_arena(struct fhir_arena *a)
{
	while (a) {
		struct fhir_arena *prev = a->prev;
		free(a);
		a = prev;
	}
}

/* The tree whose root is root, built in m, made whole: its rings opened
 * and its memory kept with the root (NULL root: m's memory freed). */
struct fnode *fmem_tree(struct fnode *root, struct fmem *m)
{
	free(m->names);
	m->names = NULL;
	m->cap = m->n = 0;
	if (!root) {
		fhir_tree_free_arena(m->arena);
		m->arena = NULL;
		return NULL;
	}
	fmem_close(root);
	((struct froot *)root)->arena = m->arena;
	m->arena = NULL;
	return root;
}

void fhir_tree_free(struct fnode **root)
{
	if (!*root)
		return;
	fhir_tree_free_arena(((struct froot *)*root)->arena);
	*root = NULL;
}

char *fmem_strdup(struct fmem *m, const char *s)
{
	return arena_strdup(&m->arena, s);
}

void fmem_reset(struct fmem *m)
{
	struct fhir_arena *a = m->arena, *keep = NULL;
	while (a) { /* the first block, if of the usual size, is kept */
		struct fhir_arena *prev = a->prev;
		if (!prev && a->cap == ARENA_BLOCK)
			keep = a;
		else
			free(a);
		a = prev;
	}
	if (keep)
		keep->used = 0;
	m->arena = keep;
	if (m->names)
		memset(m->names, 0, m->cap * sizeof(*m->names));
	m->n = 0;
}

void fmem_free(struct fmem *m)
{
	fhir_tree_free_arena(m->arena);
	free(m->names);
	memset(m, 0, sizeof(*m));
}
