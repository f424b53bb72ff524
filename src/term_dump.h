/*
 * term_dump — the screen's cells written as text (term_dump.c).
 */
#ifndef TB_TERM_DUMP_H
#define TB_TERM_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "term_grid.h"

/* Writes the grid g to out as text, screen number number, trailing
 * blanks trimmed; with attrs each row is followed by its runs of colours
 * and attributes ("= FROM-TO pPAIR FG/BG ATTRS", colour pairs counted
 * only when colour is true) and the screen by a count of unreadable
 * cells. */
void term_dump_screen(FILE *out, const struct term_grid *g, int number,
		      bool attrs, bool colour);

#endif
