/*
 * view_form — the decision form for a case: the guided walk through the
 * fields, digits typed ahead, text fields edited in place, undo, values
 * saved at once, changes made elsewhere shown, read-back and sign-off.
 */
#ifndef TB_VIEW_FORM_H
#define TB_VIEW_FORM_H

#include <stdbool.h>

struct ui;

/* Pushes the form for case_id: its draft resumed, a signed decision
 * amended (asks why), or a draft opened with the form of its board.
 * Opened from an agenda (meeting_id not 0) the decision is linked to the
 * meeting, those present are the attendees and the quorum is checked;
 * chair (may be NULL; borrowed while the view lives) is offered as the
 * signer. False (with the reason said) when it could not be opened. */
bool view_form_push(struct ui *ui, long long case_id, long long meeting_id,
		    const char *chair);

#endif
