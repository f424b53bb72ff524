/*
 * view_list_ready — the readiness line under the case list (view_list.c):
 * the selected case's readiness for its board, or what it is missing, as
 * of today. The lines of the cases selected lately are kept, and a case
 * not kept is read with the cases that come next in the direction moved,
 * in one go: moving one row at a time asks the store once for a run of
 * rows, not once per row (a round trip on a server).
 */
#ifndef TB_VIEW_LIST_READY_H
#define TB_VIEW_LIST_READY_H

#include <stdbool.h>
#include <stddef.h>

#include "db_case.h"

struct ui;

/* The most lines kept, and the most cases read in one go (one
 * statement; db_case_ready_ahead says how many). */
#define LIST_READY_KEPT	 128
#define LIST_READY_AHEAD DB_CASE_BATCH

struct list_ready {
	char today[11], lang[8]; /* the lines were made for */
	struct ready_line {
		long long id;
		char *text;
		bool missing; /* something is missing: drawn as a warning */
	} kept[LIST_READY_KEPT];
	int next; /* the entry to take next, oldest first */
};

/* Every line dropped (the data changed, the list closed). */
void list_ready_forget(struct list_ready *r);

/* The line of case id, kept or read; when read, with those of the cases
 * in ahead[0..n) (the rows after it in the direction moved) not kept.
 * NULL when it cannot be read. Borrowed: valid until the next call. */
const struct ready_line *list_ready_line(struct ui *ui, struct list_ready *r,
					 long long id, const long long *ahead,
					 size_t n);

#endif
