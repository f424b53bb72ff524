/*
 * view_case — the whole case: a patient banner and tabs that never scroll
 * away above one section. Opened from an agenda it steps through the
 * agenda's cases (] and [) with readiness as of the meeting date, and at
 * a running meeting the case's clock runs against its slot.
 */
#ifndef TB_VIEW_CASE_H
#define TB_VIEW_CASE_H

#include <stdbool.h>

struct ui;
struct view_case_args;

/* Pushes the case view; false (with the reason said) when the case
 * cannot be read. Call through view_open_case(), never directly. */
bool view_case_push(struct ui *ui, const struct view_case_args *a);

#endif
