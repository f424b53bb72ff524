/*
 * A list view over rows held in memory: the selection scrolls a window of
 * the rows; a detail line for the selected row sits above the status line.
 */
#include "view_rows.h"

#include <stdlib.h>

#include "term.h"
#include "util.h"
#include "view.h"

struct rows_view {
	struct row_spec spec;
	int sel, top, body;
};

void row_list_add(struct row_list *rl, char *row)
{
	rl->rows = xrealloc(rl->rows, (size_t)(rl->n + 1) * sizeof(char *));
	rl->rows[rl->n++] = row;
}

void row_list_done(struct row_list *rl)
{
	for (int i = 0; i < rl->n; i++)
		free(rl->rows[i]);
	free(rl->rows);
	rl->rows = NULL;
	rl->n = 0;
}

static const char *rows_title(struct ui *ui, void *st)
{
	struct rows_view *rv = st;
	if (rv->spec.tick)
		rv->spec.tick(ui, rv->spec.arg);
	return rv->spec.title_of ? rv->spec.title_of(ui, rv->spec.arg)
				 : rv->spec.title;
}

static bool rows_draw(struct ui *ui, void *st)
{
	struct rows_view *rv = st;
	const struct row_spec *s = &rv->spec;
	const struct row_list *rl = s->rl;
	int lines = term_lines(), cols = term_cols();
	/* a detail line for the selected row above the status line */
	int reserved = s->detail ? 4 : 3;
	rv->body = lines - reserved > 1 ? lines - reserved : 1;
	if (rv->sel >= rl->n)
		rv->sel = rl->n ? rl->n - 1 : 0;
	if (rv->sel < rv->top)
		rv->top = rv->sel;
	if (rv->sel >= rv->top + rv->body)
		rv->top = rv->sel - rv->body + 1;
	/* no blank lines below while rows above are out of sight */
	if (rv->top > 0 && rl->n - rv->top < rv->body)
		rv->top = rl->n > rv->body ? rl->n - rv->body : 0;
	term_put(1, 1, cols - 1, s->heading, TC_LABEL);
	if (!rl->n)
		term_put(3, 2, cols - 3, s->empty, TC_DIM);
	/* rows about patients (a case each: an agenda, follow-up) are a
	 * read of them: logged once while the list is open, before drawn */
	int shown = rl->n - rv->top < rv->body ? rl->n - rv->top : rv->body;
	if (s->subject && shown > 0) {
		long long *ids = xmalloc((size_t)shown * sizeof(*ids));
		for (int i = 0; i < shown; i++)
			ids[i] = s->subject(ui, s->arg, rv->top + i);
		if (!view_access_list(ui, ACCESS_LIST, ids, (size_t)shown))
			shown = 0;
		free(ids);
	}
	for (int i = 0; i < shown; i++) {
		bool is_sel = rv->top + i == rv->sel;
		if (is_sel)
			term_fill(i + 2, TC_SELECTED);
		term_put(i + 2, 1, cols - 1, rl->rows[rv->top + i],
			 is_sel ? TC_SELECTED : TC_NORMAL);
	}
	/* the marks explained, a line apart from the rows */
	const char *legend = s->legend && shown ? s->legend(ui, s->arg) : NULL;
	if (legend && *legend && shown + 2 <= rv->body) {
		char *fit = util_fit_words(legend, cols - 2);
		term_put_text(shown + 3, 1, cols - 2, fit, TC_DIM);
		free(fit);
	}
	/* one line: what does not fit ends in "…", not in half a word */
	if (s->detail && rl->n && shown > 0) {
		const char *d = s->detail(ui, s->arg, rv->sel);
		char *fit = util_fit_words(d ? d : "", cols - 2);
		term_put_text(lines - 2, 1, cols - 2, fit, TC_DIM);
		free(fit);
	}
	return false;
}

static const enum action *rows_hints(struct ui *ui, void *st, size_t *n)
{
	static const enum action acts[] = {ACTION_OPEN, ACTION_BACK,
					   ACTION_HELP, ACTION_QUIT};
	struct rows_view *rv = st;
	if (rv->spec.hints)
		return rv->spec.hints(ui, rv->spec.arg, n);
	*n = UTIL_ARRAY_LEN(acts);
	return acts;
}

static const char *rows_hint_word(struct ui *ui, void *st, enum action a)
{
	(void)ui;
	struct rows_view *rv = st;
	return rv->spec.hint_word ? rv->spec.hint_word(a) : NULL;
}

static int rows_action(struct ui *ui, void *st, enum action a)
{
	struct rows_view *rv = st;
	const struct row_list *rl = rv->spec.rl;
	if ((a == ACTION_MOVE_UP || a == ACTION_PAGE_UP) && rv->sel == 0 &&
	    rv->spec.more_above) {
		/* earlier rows read above the first: it stays where it was */
		int above = rv->spec.more_above(ui, rv->spec.arg);
		rv->sel += above;
		rv->top += above;
	}
	/* later rows read below the last: the rows above stay */
	if ((a == ACTION_MOVE_DOWN || a == ACTION_PAGE_DOWN ||
	     a == ACTION_LAST) &&
	    rv->sel + 1 >= rl->n && rv->spec.more_below)
		rv->spec.more_below(ui, rv->spec.arg);
	switch (a) {
	case ACTION_MOVE_UP:
		if (rv->sel > 0)
			rv->sel--;
		return 0;
	case ACTION_MOVE_DOWN:
		if (rv->sel + 1 < rl->n)
			rv->sel++;
		return 0;
	case ACTION_PAGE_UP:
		rv->sel = rv->sel > rv->body ? rv->sel - rv->body : 0;
		return 0;
	case ACTION_PAGE_DOWN:
		rv->sel = rv->sel + rv->body < rl->n ? rv->sel + rv->body
						     : (rl->n ? rl->n - 1 : 0);
		return 0;
	case ACTION_FIRST:
		rv->sel = 0;
		return 0;
	case ACTION_LAST:
		rv->sel = rl->n ? rl->n - 1 : 0;
		return 0;
	case ACTION_OPEN:
		if (rl->n)
			return rv->spec.open(ui, rv->spec.arg, &rv->sel);
		return 0;
	case ACTION_BACK:
		return VIEW_CLOSE;
	default:
		/* the list's own actions; the callback rebuilds the rows
		 * and says where the selection goes */
		if (rv->spec.act) {
			int to = rv->spec.act(ui, rv->spec.arg, a,
					      rl->n ? rv->sel : -1);
			if (to >= 0)
				rv->sel = to;
		}
		return 0;
	}
}

static void rows_resize(struct ui *ui, void *st)
{
	struct rows_view *rv = st;
	if (rv->spec.on_resize)
		rv->spec.on_resize(ui, rv->spec.arg);
}

/* Row i's row_id, else its subject (0: none). */
static long long row_key(struct ui *ui, const struct rows_view *rv, int i,
			 bool by_id)
{
	const struct row_spec *s = &rv->spec;
	if (by_id)
		return s->row_id ? s->row_id(ui, s->arg, i) : 0;
	return s->subject ? s->subject(ui, s->arg, i) : 0;
}

/* The store changed: the rows again, the selection kept on the row it
 * was on (its row_id: a follow-up's decision), else on the case it was
 * on (another terminal may have moved it up or down the agenda), not on
 * the row number, where another case may now be. */
static int rows_reload(struct ui *ui, void *st)
{
	struct rows_view *rv = st;
	if (!rv->spec.reload)
		return 0;
	bool had = rv->sel < rv->spec.rl->n;
	long long was_id = had ? row_key(ui, rv, rv->sel, true) : 0;
	long long was = had ? row_key(ui, rv, rv->sel, false) : 0;
	rv->spec.reload(ui, rv->spec.arg);
	for (int pass = 0; pass < 2; pass++) {
		long long want = pass ? was : was_id;
		for (int i = 0; want && i < rv->spec.rl->n; i++)
			if (row_key(ui, rv, i, !pass) == want) {
				rv->sel = i;
				return 0;
			}
	}
	return 0;
}

static int rows_key(struct ui *ui, void *st, int key)
{
	struct rows_view *rv = st;
	if (rv->spec.saw_key)
		rv->spec.saw_key(ui, rv->spec.arg, key);
	return VIEW_UNKNOWN;
}

static long long rows_subject(struct ui *ui, void *st)
{
	struct rows_view *rv = st;
	if (!rv->spec.subject || !rv->spec.rl->n)
		return 0;
	return rv->spec.subject(ui, rv->spec.arg, rv->sel);
}

static bool rows_ticks(struct ui *ui, void *st)
{
	struct rows_view *rv = st;
	return rv->spec.ticks && rv->spec.ticks(ui, rv->spec.arg);
}

static void rows_close(struct ui *ui, void *st)
{
	struct rows_view *rv = st;
	if (rv->spec.free_arg)
		rv->spec.free_arg(ui, rv->spec.arg);
	free(rv);
}

static const char *rows_kind(void *st)
{
	const struct rows_view *rv = st;
	return rv->spec.name;
}

void view_rows_push(struct ui *ui, const struct row_spec *spec)
{
	static struct view_ops tables[KEYMAP_VIEW__COUNT];
	int k = spec->keymap >= 0 && spec->keymap < KEYMAP_VIEW__COUNT
		    ? spec->keymap
		    : KEYMAP_VIEW_GENERIC;
	if (!tables[k].name)
		tables[k] = (struct view_ops){.name = "rows",
					      .keymap = k,
					      .title = rows_title,
					      .draw = rows_draw,
					      .hints = rows_hints,
					      .hint_word = rows_hint_word,
					      .on_key = rows_key,
					      .on_action = rows_action,
					      .on_resize = rows_resize,
					      .reload = rows_reload,
					      .close = rows_close,
					      .subject = rows_subject,
					      .ticks = rows_ticks,
					      .kind = rows_kind,
					      .rows = true};
	struct rows_view *rv = xcalloc(1, sizeof(*rv));
	rv->spec = *spec;
	rv->sel = spec->sel > 0 ? spec->sel : 0;
	/* a few rows above the one selected first, for what came before */
	rv->top = rv->sel > 3 ? rv->sel - 3 : 0;
	view_push(ui, &tables[k], rv);
}
