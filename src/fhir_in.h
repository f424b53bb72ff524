/*
 * fhir_in — FHIR R4 (XML or JSON) read into the case format's tree, so that
 * a case from FHIR passes exactly the checks of a case file (import.c).
 *
 * Data structures:
 *   struct fnode  one tree for both syntaxes: an element (XML) or member
 *                 (JSON) with its name, its primitive value (XML @value, a
 *                 JSON scalar), the line it starts on and its children in
 *                 document order; a repeated element is repeated siblings.
 *                 A resource is a node named after its type; in a Bundle it
 *                 is the one child of an entry's "resource" node. `used`
 *                 marks what fed a case field, so that everything else can
 *                 be listed as not mapped.
 *   struct fhir_in  the result of reading a file: a <cases> document in the
 *                 case namespace whose elements carry, as their line, a
 *                 small number that the map turns back into the FHIR line
 *                 and path (fhir_in_remap), and the not-mapped report.
 * Private to src/import*.c and src/fhir*.c (libxml2 types).
 */
#ifndef TB_FHIR_IN_H
#define TB_FHIR_IN_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "status.h"

enum fhir_format {
	FHIR_FORMAT_NONE, /* not FHIR: a case file or something else */
	FHIR_FORMAT_XML,
	FHIR_FORMAT_JSON,
};

/* Which format the bytes hold, from their content alone. */
enum fhir_format fhir_in_detect(const char *buf, size_t n);

struct fnode {
	const char *name; /* one copy of each name a tree */
	char *value;	  /* NULL when the node has no primitive value */
	struct fnode *parent, *first, *next;
	int line;
	bool used;
	bool reported; /* a problem was reported here already */
};

/* Maximum nesting of a FHIR JSON file (objects and arrays). */
#define FHIR_JSON_MAX_DEPTH 32

/*
 * Parses buf (named name in messages) as FHIR XML or JSON into a tree whose
 * root is the resource node (a Bundle or a single resource). Returns NULL
 * after adding FILE:LINE diagnostics to d. Caller frees with
 * fhir_tree_free.
 */
struct fnode *fhir_tree_parse(const char *name, const char *buf, size_t n,
			      enum fhir_format f, struct diag *d);
void fhir_tree_free(struct fnode **root);

/* Marks n and everything below it as read: it is not listed as not
 * mapped. */
void fhir_in_use_all(struct fnode *n);

struct fhir_map_entry {
	size_t case_no; /* which <case> */
	unsigned id;	/* the generated element's line number */
	char *field;	/* case field ("finding/@vaf"); NULL for the element */
	long line;	/* FHIR line */
	char *path;	/* "Observation.component.valueQuantity.value" */
	char *hint;	/* NULL, or why the value is missing */
};

struct fhir_in;

/* What a build does with each case as soon as it is built: in holds that
 * case's map alone then (case_no for fhir_in_remap); the case element and
 * its map are freed when it returns, so that a Bundle's cases are never
 * all held at once. */
typedef void (*fhir_in_each_fn)(const struct fhir_in *in, xmlNodePtr ce,
				size_t case_no, void *arg);

struct fhir_in {
	xmlDocPtr doc; /* <cases xmlns="urn:x-tumorboard:case:1"> */
	xmlNodePtr root;
	struct fhir_map_entry *map;
	size_t n_map, cap_map;
	/* "FILE:LINE: Resource/id path: not mapped: why", never a value */
	struct diag notes;
	size_t n_resources;
	fhir_in_each_fn each; /* NULL: every case kept under root */
	void *each_arg;
};

/*
 * Reads a FHIR file and builds one <case> per Patient. Problems in the
 * FHIR itself (syntax, references, codes that cannot be read) go to d with
 * FILE:LINE: path: message and make it return TB_INVALID; the case fields
 * are checked by the caller, on the generated cases: each one as it is
 * built (each, with arg), or afterwards under out->root (each NULL). out
 * is filled even on failure; free it with fhir_in_done.
 */
enum tb_status fhir_in_build(const char *name, const char *buf, size_t n,
			     const char *today, fhir_in_each_fn each, void *arg,
			     struct fhir_in *out, struct diag *d);

/*
 * As fhir_in_build, on a tree the caller parsed from the file with
 * fhir_tree_parse (borrowed; the caller frees it afterwards). What the
 * caller marked read in it (used) is read: it is not listed as not mapped.
 * A tree is built from once: the marks of one build are its report.
 */
enum tb_status fhir_in_build_tree(const char *name, struct fnode *root,
				  const char *today, fhir_in_each_fn each,
				  void *arg, struct fhir_in *out,
				  struct diag *d);

/*
 * Rewrites the diagnostics d->items[from..] that the checks of case number
 * case_no reported (their line is a generated element's number) into the
 * FHIR line and path the value came from, with the case field and any
 * hint appended to the message.
 */
void fhir_in_remap(const struct fhir_in *in, size_t case_no, const char *name,
		   struct diag *d, size_t from);

void fhir_in_done(struct fhir_in *in);

#endif
