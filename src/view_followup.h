/*
 * view_followup — the follow-up list (f in the case list).
 */
#ifndef TB_VIEW_FOLLOWUP_H
#define TB_VIEW_FOLLOWUP_H

struct ui;

void view_followup_push(struct ui *ui);

#endif
