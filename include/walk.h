/*
 * walk — moving through a decision form field by field, the logic of the
 * form screen without the screen: which field is current, the next and
 * previous shown field, the next required field still empty, sections,
 * and where to go after a value was set (the next empty required field, so
 * a board that only answers what is asked never navigates). Values are
 * borrowed from the caller and may change between calls.
 */
#ifndef TB_WALK_H
#define TB_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "form_def.h"

struct walk {
	const struct form *f;
	const struct form_values *v;
	size_t cur; /* index into f->fields; always a shown field */
};

/* Starts at the first required field without a value, else the first
 * shown field. */
void walk_init(struct walk *w, const struct form *f,
	       const struct form_values *v);

/* The next (dir 1) or previous (-1) shown field; false at either end. */
bool walk_step(struct walk *w, int dir);

/* The first shown field of the next or previous section; false when none. */
bool walk_section(struct walk *w, int dir);

/* The next shown required field without a value after the current one,
 * wrapping around; false (and no move) when every one is filled. */
bool walk_next_incomplete(struct walk *w);

/* After the current field was set: the next incomplete required field, or
 * else the next shown field. Also moves off a field that became hidden. */
void walk_after_set(struct walk *w);

/* Position of the current field among the shown fields (1-based) and how
 * many fields are shown. */
void walk_position(const struct walk *w, size_t *pos, size_t *n);

/* The current field. */
const struct form_field *walk_field(const struct walk *w);

#endif
