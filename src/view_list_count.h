/*
 * view_list_count — the case list's count (view_list.c): a search or a
 * filter counted no further than its first screen while it is typed, the
 * rest in the pause after the screen is drawn (view_ops idle).
 */
#ifndef TB_VIEW_LIST_COUNT_H
#define TB_VIEW_LIST_COUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "db_case.h"

/* A search or the queue is counted no further than this: "1,000+". */
#define LIST_COUNT_CAP 1000

struct list_count {
	long long total;
	bool more;     /* more than total (a capped count) */
	bool counting; /* more than total, not counted yet (total: read) */
};

/* The count of the cases f lists: every case exactly (a count kept in
 * the database), a filter capped at LIST_COUNT_CAP. */
enum tb_status list_count_all(struct db *db, const struct db_case_filter *f,
			      struct list_count *c);

/* The first f->limit rows to cb and a count no further than them: more
 * leaves the count to list_count_due (c->counting). */
enum tb_status list_count_first(struct db *db, const struct db_case_filter *f,
				bool (*cb)(const struct db_case_row *row,
					   void *arg),
				void *arg, struct list_count *c);

/* The count left by list_count_first, when it is: true when it was (the
 * screen is drawn again). */
bool list_count_due(struct db *db, const struct db_case_filter *f,
		    struct list_count *c);

/* The count as the title shows it: "12", "1,000+", "counting…". */
void list_count_text(const struct list_count *c, char *buf, size_t n);

#endif
