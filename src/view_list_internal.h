/*
 * view_list_internal — (private to src/view_list*.c) the case list's state
 * and how its window moves (view_list_move.c): by key, never by offset,
 * from the rows read lately where it can.
 */
#ifndef TB_VIEW_LIST_INTERNAL_H
#define TB_VIEW_LIST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "db_case.h"
#include "lineedit.h"
#include "perm.h"
#include "view_list_count.h"
#include "view_list_ready.h"
#include "view_list_run.h"
#include "view_refused.h"

struct ui;

/* The data's version and the day, when rows were read or now: rows kept
 * stand for the data while the two agree (list_stamp_same). */
struct list_stamp {
	bool ok; /* the version could be read */
	unsigned long long other, own;
	char today[11];
};

struct list {
	struct db *db;
	struct db_case_filter f;
	struct page pg;
	struct list_run run; /* the rows read lately */
	struct list_count n; /* counting: a key left it to the pause */
	long long top;	     /* -1: not known (End of a capped list) */
	int sel;
	int body;
	int layout; /* the rows were rendered for (list_layout) */
	bool prompting;
	struct lineedit le;
	char search[LINEEDIT_MAX], saved[LINEEDIT_MAX];
	char title[LINEEDIT_MAX + 128];
	/* cases marked to go on an agenda together (x, then a) */
	long long *marked;
	size_t n_marked;
	struct view_refusal refusal; /* until the next key: O overrides */
	struct ui *ui;
	/* the cases in the user's care: the only ones listed (f.care) */
	struct perm_care care;
	/* the readiness lines of the cases selected lately: a case is not
	 * read again while the day, the language and the data
	 * (list_changed) stay, so moving back over the rows just passed
	 * reads nothing */
	struct list_ready ready;
	/* the direction of the last step: 1 down, -1 up; 0 after a jump
	 * (a page, Home, End), which reads the selected case alone */
	int dir;
	/* the data's version and the day the rows were read at: the queue
	 * closed is kept with them (ui->queue_kept) */
	struct list_stamp read;
	/* the list without a search, set aside while one is shown: cleared
	 * while nothing changed, it is shown again from its rows read
	 * lately (list_filter) */
	struct {
		bool kept;
		struct list_run run;
		struct list_count n;
		struct list_stamp read;
	} all;
};

/* The rows' layout for the screen's width (render_case_screen_layout). */
int list_layout(void);

/* db_case_list's callback: the row rendered into the struct page arg. */
bool collect_row(const struct db_case_row *r, void *arg);

/* The stamp of the data now. */
void list_stamp_now(struct db *db, struct list_stamp *st);
/* Whether rows read at a stand at b: both read, the same data, the same
 * day. */
bool list_stamp_same(const struct list_stamp *a, const struct list_stamp *b);
/* The stamp the rows about to be read stand for (read before them: a
 * change meanwhile has them read again). */
void list_versioned(struct list *l);

/* Fetches up to limit rows relative to a key into out (list order). */
void list_fetch(struct list *l, int mode, const char *date, long long id,
		int limit, struct page *out);

/* np becomes the window (np is left empty); the selection kept in it. */
void list_replace(struct list *l, struct page *np);

/* The list's first screenful (Home), the first row selected. */
void list_home(struct list *l);

/* The list's last screenful (End), the last row selected. */
void list_end(struct list *l);

/* Reloads the window from its first row (after a resize, say). */
void list_reload(struct list *l);

/* Moves the selection by one row; at the window's edge the window slides
 * by one row (read ahead: list_fetch_next). */
void list_step(struct list *l, int delta);

/* A screenful down (dir 1, PgDn) or up (-1, PgUp). */
void list_page(struct list *l, int dir);

/* The rows between the heading and the readiness line. */
int list_body(void);

#endif
