/*
 * view_brief — the pre-meeting brief of a case: findings with the
 * knowledge base's suggestions, trials, readiness and level (labelled as
 * suggestions: the board decides).
 */
#ifndef TB_VIEW_BRIEF_H
#define TB_VIEW_BRIEF_H

struct ui;
struct tb_case;
struct readiness;

/* c and rd are borrowed from the view below, which outlives this one;
 * today is copied. */
void view_brief_push(struct ui *ui, const struct tb_case *c,
		     const struct readiness *rd, const char *today);

#endif
