/*
 * form_type — the field types of decision forms as one table of functions:
 * parse (what a person typed → the canonical value, or a message saying
 * what is wrong), complete (whether a value is good enough to sign), and
 * format (the canonical value → text for a reader in a language). Adding a
 * type is one row here, one name in form.c and one test.
 *
 * parse is idempotent: parsing a canonical value gives it back, so stored
 * values are re-checked with the same function before signing.
 */
#ifndef TB_FORM_TYPE_H
#define TB_FORM_TYPE_H

/* Text limits without a max-length of the field's own: one line, several
 * lines. A date with range="future" is at most this many days ahead. */
#define FORM_LINE_MAX	     200
#define FORM_TEXT_MAX	     4000
#define FORM_FUTURE_MAX_DAYS 1827

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "form_def.h"
#include "model.h"

#define FORM_ERR_MAX 200

/* What a value is checked against besides the field itself. */
struct form_ctx {
	const char *today;		  /* YYYY-MM-DD */
	const struct form *form;	  /* for alternatives' options */
	const struct form_values *values; /* may be NULL */
	const struct tb_case *c;	  /* for finding keys; may be NULL */
	/* The number a refusal gives the value's first row: a row edited
	 * on its own is named as the field counts it (0: 1). */
	size_t first_row;
};

/*
 * Parses input for fd. On success *out is the canonical value (caller
 * frees; "" means no value) and true is returned; otherwise err (at least
 * FORM_ERR_MAX bytes) says what is wrong, without repeating the input.
 */
bool form_type_parse_value(const struct form_field *fd, const char *input,
			   const struct form_ctx *ctx, char **out, char *err);

/* Whether a canonical value is complete enough to sign (e.g. every finding
 * row has a tier); err as above, its rows counted from ctx's first_row
 * (ctx may be NULL: from 1). */
bool form_type_complete(const struct form_field *fd, const char *value,
			const struct form_ctx *ctx, char *err);

/* s with its decimal points (a point between two digits: "TMB 1.8") as
 * a reader in lang writes them (commas in Swedish), in place; returns s.
 * Stored values keep their points. */
char *form_type_decimals(char *s, const char *lang);

/* The value for a reader in lang, one line per row (alternatives show the
 * labels of the options in f); caller frees. */
char *form_type_format(const struct form *f, const struct form_field *fd,
		       const char *value, const char *lang);

/* form_type_format of form_role_value (form_def.h); NULL when there is no
 * such value. Caller frees. */
char *form_role_format(const struct form *f, const struct form_values *v,
		       const char *role, const char *lang);

/* The tiers a finding row accepts: ESCAT I-A … X and AMP/ASCO/CAP tiers. */
extern const char *const form_tiers[];

/*
 * The one rule of what blocks signing, for one field: it is shown and
 * either required and empty, or its value does not parse or is not
 * complete (e.g. a finding row without a tier). True with the reason in err
 * (FORM_ERR_MAX bytes) when it blocks.
 */
bool form_field_problem(const struct form *f, const struct form_field *fd,
			const struct form_values *v, const struct form_ctx *ctx,
			char *err);

/*
 * Checks every value against the form for signing: form_field_problem for
 * every field. Problems go to d (may be NULL) with the field id. Returns
 * the number of problems; signing needs none, and the form screen says
 * "ready to sign" only then.
 */
size_t form_check(const struct form *f, const struct form_values *v,
		  const struct form_ctx *ctx, struct diag *d);

/* The values of shown fields in form order (what is signed); out must be
 * initialised and is filled. */
void form_shown_values(const struct form *f, const struct form_values *v,
		       struct form_values *out);

#endif
