/*
 * view_meetings — the meetings list (m in the case list).
 */
#ifndef TB_VIEW_MEETINGS_H
#define TB_VIEW_MEETINGS_H

struct ui;

void view_meetings_push(struct ui *ui);
/* The meetings' readiness read ahead into the memo the list reads
 * (ui->meetings_ready), after the first screen: the first meetings list
 * then reads only the meetings, while nothing changed. */
void view_meetings_ahead(struct ui *ui);
/* The meetings last read (ui->meetings_kept) let go. */
void view_meetings_kept_done(struct ui *ui);

#endif
