/*
 * view_list_run — the case list's rows read lately (view_list.c), kept in
 * list order while the data, the filter, the layout and the language
 * stand, so that a page moved back to is shown from memory and not read
 * from the store again.
 */
#ifndef TB_VIEW_LIST_RUN_H
#define TB_VIEW_LIST_RUN_H

#include <stdbool.h>
#include <stddef.h>

/* The most rows a window or a read holds. */
#define PAGE_MAX 512

/* A window of the list, or rows read for it, in list order. */
struct page {
	long long ids[PAGE_MAX];
	char dates[PAGE_MAX][11];
	char *lines[PAGE_MAX];
	int n;
};

void page_clear(struct page *pg);
/* The rows of pg in the other order. */
void page_reverse(struct page *pg);
/* Whether pg has the row of case id. */
bool page_has(const struct page *pg, long long id);

/* The most rows a run keeps: some 60 screens of a tall terminal. */
#define LIST_RUN_MAX 2048

/* Rows known to follow each other in the list's order, with whether the
 * first is the list's first and the last its last. */
struct list_run_seg {
	struct list_run_row {
		long long id;
		char date[11];
		char *line;
	} * rows;
	size_t n;
	bool at_start, at_end;
};

/* The rows read lately: those the reads join now (seg[0]), and those
 * before a jump (End, Home) that the run joins again when they meet. */
struct list_run {
	struct list_run_seg seg[2];
	/* what the rows' lines were rendered for */
	int layout;
	char lang[8];
};

/* The run emptied (the data or the filter changed). */
void list_run_forget(struct list_run *r);

/* The run emptied unless its lines were rendered for this layout and
 * language. */
void list_run_check(struct list_run *r, int layout, const char *lang);

/* The rows pg of a read by key mode (enum db_key_mode) from the row of
 * id, of at most limit rows, kept: joined to the run where they touch
 * it, else the run starts again from them. */
void list_run_keep(struct list_run *r, int mode, long long id, int limit,
		   const struct page *pg);

/* The rows that read would give, copied into out (list order), when the
 * run holds them all: false when it does not (read the store). */
bool list_run_take(const struct list_run *r, int mode, long long id, int limit,
		   struct page *out);

/* The ids of the run's rows from the row of case id on, in list order
 * (dir 1) or backwards (dir -1), id's first, at most max of them into
 * out: 0 when the run does not hold id. */
size_t list_run_ids(const struct list_run *r, long long id, int dir,
		    long long *out, size_t max);

#endif
