/*
 * import_schema — one <case> checked against the case schema, with one
 * message per fault. libxml2's RELAX NG validator follows each fault with
 * messages about every element above it ("Element case failed to
 * validate content", "Invalid sequence in interleave"), and of an element
 * an interleave could not take it names neither the line nor why: those
 * messages are held back, and such an element is looked for in the case
 * (an attribute the schema does not know, the element given twice) only
 * when the case has a fault, never on the way of a valid case. An element
 * the schema declares nowhere, which libxml2 reports as the next element
 * missing, is named as extra content of its parent instead.
 * Private to src/import.c.
 */
#ifndef TB_IMPORT_SCHEMA_H
#define TB_IMPORT_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "diag.h"

struct import_schema_msgs;

/*
 * A document <cases xmlns=…/> that each case is copied into to be checked
 * against the schema on its own. The schema is not attached to the reader:
 * libxml2 2.9's streaming validator keeps a pointer to the last element it
 * saw, which the reader frees, and reports later errors through it (text
 * after the last case made it read freed memory and name a stale field
 * and line). A copy lives exactly as long as its check.
 */
struct case_check {
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlRelaxNGValidCtxtPtr vc;
	const char *name; /* the file, in messages */
	long line;	  /* the last case's */
	struct import_schema_msgs *msgs;
};

/* Sets cc up for the file name; false when the schema does not parse. */
bool case_check_init(struct case_check *cc, const char *name);

/* Checks one expanded <case> against the schema and keeps its faults for
 * case_check_report; false when the case is invalid. */
bool case_check_run(struct case_check *cc, xmlNodePtr cn);

/*
 * Adds the faults the last case_check_run kept to d (at least one when
 * the case was invalid), leaving out an element the schema found missing
 * where the field walk said so already (d's items from walk_from on,
 * field ending in /NAME on the same line). The kept faults are cleared.
 */
void case_check_report(struct case_check *cc, struct diag *d, size_t walk_from);

/* Forgets the faults the last case_check_run kept. */
void case_check_clear(struct case_check *cc);

void case_check_done(struct case_check *cc);

#endif
