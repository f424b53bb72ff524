/*
 * fhir_in_mem — the memory a FHIR tree is built in (fhir_in_mem.c).
 * Private to src/fhir_in_tree.c and src/fhir_in_mem.c.
 */
#ifndef TB_FHIR_IN_MEM_H
#define TB_FHIR_IN_MEM_H

#include <stddef.h>

#include "fhir_in.h"

struct fhir_arena;

/* A tree being built: its blocks and the names it holds. */
struct fmem {
	struct fhir_arena *arena;
	const char **names; /* open addressing, FNV-1a */
	size_t cap, n;
};

/* A node (value copied; NULL: none) added as parent's last child, or a
 * root (parent NULL). The children are in order once fmem_tree has made
 * the tree whole: until then they are not to be walked. */
struct fnode *fmem_node(struct fmem *m, struct fnode *parent, const char *name,
			const char *value, long line);
/* The one copy of name in m. */
const char *fmem_name(struct fmem *m, const char *name);
/* The tree whose root is root, built in m, made whole and given m's
 * memory (fhir_tree_free frees it); root NULL: m's memory freed. m is
 * empty afterwards. */
struct fnode *fmem_tree(struct fnode *root, struct fmem *m);

#endif
