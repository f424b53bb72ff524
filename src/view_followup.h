/*
 * view_followup — the follow-up list (f in the case list).
 */
#ifndef TB_VIEW_FOLLOWUP_H
#define TB_VIEW_FOLLOWUP_H

struct ui;

void view_followup_push(struct ui *ui);
/* The list read ahead, after the first screen, into the one kept: the
 * first f reads nothing when nothing changed meanwhile (nothing for a
 * user who may not open it, or while older decisions' dates are still
 * to be read in). */
void view_followup_ahead(struct ui *ui);
/* Forgets the list as last read (kept so that opening it again while
 * nothing changed reads nothing). */
void view_followup_kept_done(struct ui *ui);

#endif
