/*
 * view_help — the help screen, generated from the bindings in force.
 */
#ifndef TB_VIEW_HELP_H
#define TB_VIEW_HELP_H

struct ui;

/* Pushes the help, unless it is already the top view. */
void view_help_push(struct ui *ui);

#endif
