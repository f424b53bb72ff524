/*
 * view_follow — follow mode: the case the chair has open at a running
 * meeting and the meeting's clock, read only, following the chair.
 */
#ifndef TB_VIEW_FOLLOW_H
#define TB_VIEW_FOLLOW_H

#include <stdbool.h>

struct ui;

/* Pushes the follow view of meeting_id; false (said on the status line)
 * when there is no such meeting. */
bool view_follow_push(struct ui *ui, long long meeting_id);

#endif
