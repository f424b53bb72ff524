/*
 * view_attend — the chair's attendance picker at a meeting: the board's
 * roles (core first), who is present in each, and whether the board is
 * quorate, always in the title.
 */
#ifndef TB_VIEW_ATTEND_H
#define TB_VIEW_ATTEND_H

#include <stdbool.h>

struct ui;

/* False (nothing pushed) when the meeting or its board cannot be read. */
bool view_attend_push(struct ui *ui, long long meeting_id);

#endif
