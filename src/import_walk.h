/*
 * (private to src/import*.c) the field walk of case files: one expanded
 * <case> element into a struct tb_case, every bad value reported with its
 * line and field.
 */
#ifndef TB_IMPORT_WALK_H
#define TB_IMPORT_WALK_H

#include <libxml/tree.h>

#include "diag.h"
#include "model.h"

/* The namespace of case files. */
#define CASE_NS "urn:x-tumorboard:case:1"

struct import_walk {
	const char *name; /* file name for messages */
	struct diag *d;
	const char *today;
	int today_year;
	const char *file_source;
	char received[21];
};

/* The case of the <case> element cn (caller frees with model_case_free);
 * each problem goes into w->d with the file name and line. */
struct tb_case *import_walk_case(struct import_walk *w, const xmlNode *cn);

/* The first child of n in the case namespace named name, or NULL. */
const xmlNode *import_walk_child(const xmlNode *n, const char *name);
/* Reports msg at n's line, for field, in w's file. */
void import_walk_fail(struct import_walk *w, const xmlNode *n,
		      const char *field, const char *msg);

#endif
