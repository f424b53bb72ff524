/*
 * work — long work that the person waiting for it may cancel. The screen
 * hands its check (Esc or Ctrl-C pressed while the work runs) to
 * work_set_cancel(); the work asks work_cancelled() where stopping is
 * safe (between the pages of a PDF, before a print is sent) and then
 * leaves nothing half-written. On the command line nothing cancels.
 */
#ifndef TB_WORK_H
#define TB_WORK_H

#include <stdbool.h>

/* fn answers whether the person asked to cancel; NULL: nothing cancels. */
void work_set_cancel(bool (*fn)(void));

/* True when the work should stop now (asked once, it stays true until
 * work_reset()). */
bool work_cancelled(void);

/* Forgets a cancel: the next work starts afresh. */
void work_reset(void);

#endif
