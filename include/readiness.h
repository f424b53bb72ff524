/*
 * readiness — is a case ready for its board? Each rule of the board type
 * (board.h) becomes one checklist item, met or missing with the reason
 * ("newest imaging 2026-09-02 is 82 days old; the limit is 56").
 */
#ifndef TB_READINESS_H
#define TB_READINESS_H

#include <stdbool.h>

#include "board.h"
#include "model.h"

#define READINESS_MAX_ITEMS 8

struct readiness_item {
	const char *what; /* "Question to the board", static */
	bool ok;
	char detail[160];
};

struct readiness {
	const struct board *board; /* borrowed */
	char as_of[11];
	struct readiness_item items[READINESS_MAX_ITEMS];
	int n;
	int missing;
};

/* Checks c against b's rules as of the date as_of (YYYY-MM-DD). */
void readiness_check(const struct tb_case *c, const struct board *b,
		     const char *as_of, struct readiness *r);

#endif
