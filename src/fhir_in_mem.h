/*
 * fhir_in_mem — the memory a FHIR tree is built in (fhir_in_mem.c), and a
 * JSON Bundle read an entry at a time (fhir_in_tree.c). Private to
 * src/fhir_in*.c.
 */
#ifndef TB_FHIR_IN_MEM_H
#define TB_FHIR_IN_MEM_H

#include <stddef.h>
#include <stdint.h>

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
/* Opens the rings below n, a node built in a tree that is not made whole
 * (an entry read by itself). */
void fmem_close(struct fnode *n);
/* A copy of s in m. */
char *fmem_strdup(struct fmem *m, const char *s);
/* Empties m for the next tree, its first block kept for it (what was
 * built in m is gone). */
void fmem_reset(struct fmem *m);
/* Frees what m holds (the trees built in it too); m is empty after. */
void fmem_free(struct fmem *m);

/* Where a Bundle's entry is in the bytes: [start, end), from line. */
struct fhir_entry_bytes {
	uint32_t start, end; /* a file is at most INT32_MAX bytes */
	int line;
};

/* An entry of a Bundle as it is read: the entry node (under the root, not
 * among its children) and its bytes; the node is freed when it returns. */
typedef void (*fhir_entry_fn)(void *arg, struct fnode *entry,
			      const struct fhir_entry_bytes *at);

/* As fhir_tree_parse, giving a JSON Bundle's entries to fn (with arg) one
 * at a time instead of keeping them: *lazy tells it did (the root has no
 * entry children then); XML, a single resource, or a file json-c reads
 * whole is kept whole (*lazy false). */
struct fnode *fhir_tree_parse_entries(const char *name, const char *buf,
				      size_t n, enum fhir_format f,
				      struct diag *d, fhir_entry_fn fn,
				      void *arg, bool *lazy);
/* The entry at (given to an fhir_entry_fn of the same bytes before) read
 * again, in m, under root (not among its children); NULL when it cannot
 * be (the bytes changed). Its problems were reported the first time. */
struct fnode *fhir_tree_entry(const char *name, const char *buf,
			      const struct fhir_entry_bytes *at,
			      struct fnode *root, struct fmem *m);

#endif
