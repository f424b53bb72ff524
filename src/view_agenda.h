/*
 * view_agenda — a meeting's agenda, planned or running (the live agenda).
 */
#ifndef TB_VIEW_AGENDA_H
#define TB_VIEW_AGENDA_H

#include <stdbool.h>

struct ui;

/* False (nothing pushed) when the meeting cannot be read. */
bool view_agenda_push(struct ui *ui, long long meeting_id);
/* Frees the agenda the screen kept to open again (view_agenda_kept.c). */
void view_agenda_kept_done(struct ui *ui);

#endif
