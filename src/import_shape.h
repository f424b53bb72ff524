/*
 * import_shape — a quick look at one <case>: true only when it is
 * certainly what the case schema (data/case.rng) allows, every element
 * and attribute where the schema has it, each value written the one way
 * the schema's rule takes most plainly (an enumeration's word exactly, a
 * string within its length, nothing but white space between elements).
 * False says nothing: the case goes to the schema itself
 * (import_schema.h), which decides and says what is wrong. A case
 * written as tumorboard-case(5) shows it takes the quick way; one with a
 * comment, a CDATA section, an empty text element, a value with spaces
 * around its word or anything wrong takes the schema's.
 * Private to src/import.c.
 */
#ifndef TB_IMPORT_SHAPE_H
#define TB_IMPORT_SHAPE_H

#include <stdbool.h>

#include <libxml/tree.h>

/* True when the expanded <case> cn is certainly valid against the case
 * schema; false when it may not be. */
bool import_shape_ok(const xmlNode *cn);

#endif
