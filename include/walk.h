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
#include "form_type.h"

struct walk {
	const struct form *f;
	const struct form_values *v;
	/* When set, the walk visits every field that blocks signing
	 * (form_field_problem), not only empty required ones. Borrowed. */
	const struct form_ctx *ctx;
	size_t cur; /* index into f->fields; always a shown field */
};

/* Starts at the first required field without a value, else the first
 * shown field. */
void walk_init(struct walk *w, const struct form *f,
	       const struct form_values *v);

/* As walk_init, with the signing rule of ctx (borrowed, may change between
 * calls): starts at, and goes on to, the fields that block signing. */
void walk_init_ctx(struct walk *w, const struct form *f,
		   const struct form_values *v, const struct form_ctx *ctx);

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

/*
 * Picking an option by its number with digits, typed ahead: a number that
 * more digits could still turn into another option (1 of 14 options: 10 …
 * 14) waits for the next key. Enter or Space picks the number typed so
 * far, Backspace takes back a digit, Esc drops it, and any other key picks
 * it and is then handled as itself (a resize of the terminal is no key).
 */
struct walk_pick {
	size_t n; /* the number typed so far; 0 when none */
};

enum walk_pick_result {
	WALK_PICK_NONE,		/* not a digit, and nothing was pending */
	WALK_PICK_WAIT,		/* a number is pending (p->n) */
	WALK_PICK_DONE,		/* *chosen (1-based) is picked */
	WALK_PICK_DONE_AND_KEY, /* as DONE, and the key is still to handle */
	WALK_PICK_BAD,		/* no option *chosen; nothing is pending */
	WALK_PICK_CANCEL,	/* the pending number was dropped */
};

enum walk_pick_result walk_pick_key(struct walk_pick *p, int key,
				    size_t n_options, size_t *chosen);

#endif
