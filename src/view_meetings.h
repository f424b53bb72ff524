/*
 * view_meetings — the meetings list (m in the case list).
 */
#ifndef TB_VIEW_MEETINGS_H
#define TB_VIEW_MEETINGS_H

struct ui;

void view_meetings_push(struct ui *ui);

#endif
