/*
 * view_rows — a short list held in memory (meetings, an agenda, the
 * follow-up list: tens of rows, never the archive), a screenful of text
 * rows with a selection, and what the list does with the selected row.
 */
#ifndef TB_VIEW_ROWS_H
#define TB_VIEW_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"

struct ui;

struct row_list {
	char **rows;
	int n;
};

/* Adds row (taken over) at the end. */
void row_list_add(struct row_list *rl, char *row);
void row_list_done(struct row_list *rl);

/* All but title, heading, keymap, rl and open may be NULL. */
struct row_spec {
	const char *name;
	const char *(*title_of)(struct ui *ui, void *arg);
	const char *title;
	const char *heading; /* borrowed from arg or static */
	int keymap;
	const struct row_list *rl; /* borrowed from arg */
	const char *empty;
	/* The open action on row *index: VIEW_* bits; may move *index. */
	int (*open)(struct ui *ui, void *arg, int *index);
	/* The list's own actions: where the selection goes, -1 for an
	 * action it does not know; index is -1 on an empty list (an action
	 * that needs no row still acts). */
	int (*act)(struct ui *ui, void *arg, enum action a, int index);
	/* The line above the status line for the selected row. */
	const char *(*detail)(struct ui *ui, void *arg, int index);
	/* What the rows' marks mean (NULL or "": nothing to say): a line
	 * below the rows, where the screen has room for it. */
	const char *(*legend)(struct ui *ui, void *arg);
	const enum action *(*hints)(struct ui *ui, void *arg, size_t *n);
	/* The list's own word for action a on the status line (NULL: the
	 * action's). */
	const char *(*hint_word)(enum action a);
	/* Before each redraw: a title that moves. */
	void (*tick)(struct ui *ui, void *arg);
	void (*on_resize)(struct ui *ui, void *arg);
	/* The store changed: read the rows again. */
	void (*reload)(struct ui *ui, void *arg);
	/* The case row index is about (0: none). */
	long long (*subject)(struct ui *ui, void *arg, int index);
	/* What row index is, when a case may have more than one row (a
	 * follow-up's decision): the selection kept on it across a reload,
	 * else on its subject (0: none). */
	long long (*row_id)(struct ui *ui, void *arg, int index);
	bool (*ticks)(struct ui *ui, void *arg);
	/* Every key pressed in the list, before it is mapped (the list
	 * still acts on it as usual). */
	void (*saw_key)(struct ui *ui, void *arg, int key);
	void (*free_arg)(struct ui *ui, void *arg);
	/* Moving up from the first row: rows read before it (the meetings'
	 * earlier ones), how many were put above it (0: none). */
	int (*more_above)(struct ui *ui, void *arg);
	/* Moving down from the last row (Down, Page Down, End): rows read
	 * after it (the follow-ups further ahead); whether any were. */
	bool (*more_below)(struct ui *ui, void *arg);
	void *arg;
	int sel; /* the row selected first */
};

/* Pushes a list view; spec is copied, spec->arg is the view's. */
void view_rows_push(struct ui *ui, const struct row_spec *spec);

#endif
