/*
 * diag — a list of diagnostics, each naming where (file, line, field) and
 * what is wrong. Importers collect every problem in a file instead of
 * stopping at the first, and print them as "FILE:LINE: field: message".
 */
#ifndef TB_DIAG_H
#define TB_DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag_item {
	char *file;  /* may be NULL */
	long line;   /* 0 when unknown */
	char *field; /* may be NULL, e.g. "case/patient/id" */
	char *message;
};

struct diag {
	struct diag_item *items;
	size_t n;
	size_t cap;
	size_t limit; /* stop recording after this many (0 = 100) */
	size_t dropped;
};

void diag_init(struct diag *d);
void diag_done(struct diag *d);
void diag_add(struct diag *d, const char *file, long line, const char *field,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* What d holds at a moment (diag_here), to take it back there
 * (diag_back_to: the items said since dropped, and the count of those
 * over the limit as it was) when a clearer message replaces what a step
 * said, or to tell whether the step said anything. */
struct diag_mark {
	size_t n, dropped;
};
struct diag_mark diag_here(const struct diag *d);
void diag_back_to(struct diag *d, struct diag_mark m);
/* Adds a copy of every item of src to dst, and what src dropped to what
 * dst did. */
void diag_append(struct diag *dst, const struct diag *src);
/* Prints every item, one per line, and "... and N more" when items were
 * dropped. */
void diag_print(const struct diag *d, FILE *out);

#endif
