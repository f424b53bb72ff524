/*
 * view_summary — the patient summary of a decision as the patient will
 * get it, with its readability in the title; P prints (asking again when
 * the text is above the readability limit), l switches the language.
 */
#ifndef TB_VIEW_SUMMARY_H
#define TB_VIEW_SUMMARY_H

#include <stdbool.h>

struct ui;

/* False (with the reason said) when the decision cannot be read. */
bool view_summary_push(struct ui *ui, long long decision_id);

#endif
