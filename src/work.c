/*
 * work — the cancel check of long work (see work.h).
 */
#include "work.h"

#include <stddef.h>

static bool (*cancel_fn)(void);
static bool cancelled;

void work_set_cancel(bool (*fn)(void))
{
	cancel_fn = fn;
}

bool work_cancelled(void)
{
	if (!cancelled && cancel_fn)
		cancelled = cancel_fn();
	return cancelled;
}

void work_reset(void)
{
	cancelled = false;
}
