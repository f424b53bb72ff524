/*
 * view_doc — a view of a rendered document that scrolls and searches
 * (`/`, n, N): the case view, the patient summary, the brief, help and
 * the meeting's finish report are documents with their own callbacks.
 */
#ifndef TB_VIEW_DOC_H
#define TB_VIEW_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "textdoc.h"

struct ui;

/* What a document's on_action returns besides the VIEW_* bits. */
enum { DOC_RERENDER = 8, DOC_TO_TOP = 16 };

struct doc_spec {
	const char *name;
	int keymap;
	const enum action *hints;
	size_t n_hints;
	/* The hints to offer now, *n of them, when they change with what
	 * the document shows (NULL: hints). */
	const enum action *(*hints_now)(struct ui *ui, void *arg, size_t *n);
	/* What the status line calls action a on this view, when the
	 * action's own word would not say what its key does here (may be
	 * NULL; NULL returned: the action's word). */
	const char *(*hint_word)(enum action a);
	/* The title; called after render and tick (borrowed). NULL: title
	 * is used. */
	const char *(*title_of)(struct ui *ui, void *arg);
	const char *title;
	/* Fills doc (its width is the screen's less one column); NULL when
	 * render_upto is given. */
	void (*render)(struct ui *ui, void *arg, struct textdoc *doc);
	/* Fills doc as render does but in parts (NULL: render does): from
	 * its beginning when first, else on from where it stopped, stopping
	 * once doc holds `lines` lines (0: to the end); true when doc is
	 * whole. The view renders what the screen shows at once, the rest
	 * when a key needs it or in the pause after the screen is drawn. */
	bool (*render_upto)(struct ui *ui, void *arg, struct textdoc *doc,
			    size_t lines, bool first);
	/* Lines that stay above the scrolling part (may be NULL). */
	void (*header)(struct ui *ui, void *arg, struct textdoc *doc);
	/* The document's own actions: VIEW_* bits, DOC_RERENDER when it must
	 * be rendered again, DOC_TO_TOP when it is a different one; may be
	 * NULL. */
	int (*on_action)(struct ui *ui, void *arg, enum action a);
	/* Before each redraw (may be NULL): a title that moves. */
	void (*tick)(struct ui *ui, void *arg);
	/* The store changed: read again (may be NULL). */
	void (*reload)(struct ui *ui, void *arg);
	long long (*subject)(struct ui *ui, void *arg);
	bool (*ticks)(struct ui *ui, void *arg);
	bool (*clock)(struct ui *ui, void *arg, char *buf, size_t n);
	/* The emergency access to the subject ended (may be NULL: the view
	 * closes); view_ops.lapse. */
	void (*lapse)(struct ui *ui, void *arg, long long case_id,
		      const char *until);
	/* Frees arg when the view closes (may be NULL). */
	void (*free_arg)(struct ui *ui, void *arg);
	void *arg;
};

/* Pushes a document view; spec is copied, spec->arg is the view's. */
void view_doc_push(struct ui *ui, const struct doc_spec *spec);

/* Whether the top view is the document view named name. */
bool view_doc_is(struct ui *ui, const char *name);

/* A finished document shown as it is (copied): the meeting's report, the
 * cases an agenda refused (view_refused.c). */
void view_doc_show(struct ui *ui, const char *title, int keymap,
		   const struct textdoc *doc);

#endif
