/*
 * schemas — the RELAX NG schemas of the tree (the .rng files under data/),
 * compiled into the program by tools/embed.sh so that a build needs no
 * installed data to validate input.
 */
#ifndef TB_SCHEMAS_H
#define TB_SCHEMAS_H

#include <stddef.h>

extern const unsigned char schema_case_rng[];
extern const size_t schema_case_rng_len;

#endif
