/*
 * (private to src/validate*.c) the character checks and the number
 * reading the checks of validate.c and validate_hgvs.c share.
 */
#ifndef TB_VALIDATE_INTERNAL_H
#define TB_VALIDATE_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "validate.h"

/* msg is marked (N_ in a static, _ elsewhere) and shown translated */
static inline bool fail(char *err, const char *msg)
{
	if (err)
		snprintf(err, VALIDATE_ERR_MAX, "%s", _(msg));
	return false;
}

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Positions and counts: 1..999999999, no leading zero. */
static inline bool parse_count(const char **pp, long *out, const char *what,
			       char *err)
{
	const char *p = *pp;
	if (!is_digit(*p)) {
		if (err)
			snprintf(err, VALIDATE_ERR_MAX,
				 _("%s must be a number"), what);
		return false;
	}
	if (*p == '0') {
		if (err)
			snprintf(err, VALIDATE_ERR_MAX,
				 _("%s must be a number from 1 without leading "
				   "zeros"),
				 what);
		return false;
	}
	long v = 0;
	for (int n = 0; is_digit(*p); n++, p++) {
		if (n == 9) {
			if (err)
				snprintf(err, VALIDATE_ERR_MAX,
					 _("%s is too large"), what);
			return false;
		}
		v = v * 10 + (*p - '0');
	}
	*pp = p;
	*out = v;
	return true;
}

#endif
