/*
 * render_form — forms and decisions as text (a struct textdoc): a draft
 * with every shown field, its value and what is still missing; a signed
 * decision with its version, signer, attendees and amendment history line.
 * The TUI, `tumorboard form show` and `tumorboard decision show` use these.
 */
#ifndef TB_RENDER_FORM_H
#define TB_RENDER_FORM_H

#include "model_decision.h"
#include "form_def.h"
#include "textdoc.h"

/* The shown fields of f with values v, in sections; required fields
 * without a value are marked. lang picks labels. */
void render_form_values(const struct form *f, const struct form_values *v,
			const char *lang, struct textdoc *doc);

/* A signed decision: heading, who signed when, attendees (their roles
 * named in the interface language), amendment, then its values through
 * the form (or raw when f is NULL). */
void render_decision(const struct tb_decision *d, const struct form *f,
		     const char *lang, struct textdoc *doc);
/* The same with the values' column fitted to doc's width (the screen's
 * read-back): on a wide document every label that fits a third of it
 * beside its value, not above it. */
void render_decision_fitted(const struct tb_decision *d, const struct form *f,
			    const char *lang, struct textdoc *doc);

/* One line for lists: id, case, version, form, signed at, by. */
void render_decision_row(const struct tb_decision *d, struct textdoc *doc);

#endif
