/*
 * A document view: the document is rendered at the screen's width (again
 * when the width changes or the document asks), a header that never
 * scrolls away above it; `/` searches with accents and case folded.
 */
#include "view_doc.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "i18n.h"
#include "term.h"
#include "util.h"
#include "view.h"

struct doc_view {
	struct doc_spec spec;
	struct textdoc doc, head;
	int top, width;
	bool rerender;
	bool partial; /* doc holds what the screen shows, not all yet */
	bool prompting;
	struct lineedit le;
	char pattern[LINEEDIT_MAX];
	int match; /* the line of the current match, highlighted */
	int body, max_top;
	char *title_copy; /* view_doc_show's */
};

/* The base letter of U+00C0..U+017F once lower-cased, '.' for a letter
 * kept as it is: é, å, ä, ö, ł and their kin fold to e, a, a, o, l. */
static const char fold_latin[] = "aaaaaa.ceeeeiiii.nooooo.ouuuuy.."
				 "aaaaaa.ceeeeiiii.nooooo.ouuuuy.y"
				 "aaaaaaccccccccddddeeeeeeeeeegggg"
				 "gggghhhhiiiiiiii.i..jjkk.lllllll"
				 "lllnnnnnn...oooooo..rrrrrrssssss"
				 "sstttt..uuuuuuuuuuuuwwyyyzzzzzz.";

/*
 * s[0..n) folded for searching: lower case (any script the C library
 * knows) and Latin letters without their accents, so that VÄNSTER,
 * Vänster and vanster are the same word. Caller frees.
 */
static wchar_t *search_fold(const char *s, size_t n)
{
	wchar_t *out = xcalloc(n + 1, sizeof(wchar_t));
	size_t k = 0;
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	while (n > 0) {
		wchar_t wc;
		size_t len = mbrtowc(&wc, s, n, &ps);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			memset(&ps, 0, sizeof(ps));
			wc = L'?';
			len = 1;
		}
		wc = (wchar_t)towlower((wint_t)wc);
		if (wc >= 0xC0 && wc < 0xC0 + (wchar_t)sizeof(fold_latin) - 1 &&
		    fold_latin[wc - 0xC0] != '.')
			wc = (wchar_t)fold_latin[wc - 0xC0];
		out[k++] = wc;
		s += len;
		n -= len;
	}
	out[k] = L'\0';
	return out;
}

/* Whether hay[0..n) holds the folded needle (search_fold). */
static bool contains_fold(const char *hay, size_t n, const wchar_t *needle)
{
	wchar_t *h = search_fold(hay, n);
	bool found = wcsstr(h, needle) != NULL;
	free(h);
	return found;
}

/* The first line from `from` in direction dir (±1) holding pattern, or -1. */
static int find_line(const struct textdoc *doc, int from, int dir,
		     const char *pattern)
{
	wchar_t *needle = search_fold(pattern, strlen(pattern));
	int at = -1;
	for (int i = from; i >= 0 && i < (int)doc->n_lines; i += dir)
		if (contains_fold(doc->lines[i].text, doc->lines[i].len,
				  needle)) {
			at = i;
			break;
		}
	free(needle);
	return at;
}

/* The header's lines drawn: not its trailing open line, and never more
 * than leave the title, one line of the document and the status line. */
static int head_lines(const struct doc_view *dv)
{
	int lines = term_lines();
	int hl = (int)dv->head.n_lines;
	if (hl && dv->head.lines[hl - 1].len == 0)
		hl--;
	if (hl > lines - 3)
		hl = lines - 3 > 0 ? lines - 3 : 0;
	return hl;
}

/* The lines of the screen the document scrolls in, below the header. */
static int body_lines(const struct doc_view *dv)
{
	int body = term_lines() - 2 - head_lines(dv);
	return body > 1 ? body : 1;
}

/* Renders again when the width changed or the document asked; then the
 * tick (a title that moves). */
static void prepare(struct ui *ui, struct doc_view *dv)
{
	const struct doc_spec *s = &dv->spec;
	int cols = term_cols();
	if (dv->width != cols || dv->rerender) {
		dv->width = cols;
		textdoc_done(&dv->doc);
		textdoc_init(&dv->doc, cols - 1);
		textdoc_done(&dv->head);
		textdoc_init(&dv->head, cols - 1);
		if (s->header)
			s->header(ui, s->arg, &dv->head);
		if (s->render_upto) /* the screen's lines, the rest later */
			dv->partial = !s->render_upto(
			    ui, s->arg, &dv->doc,
			    (size_t)(dv->top + body_lines(dv) + 1), true);
		else
			s->render(ui, s->arg, &dv->doc);
		dv->rerender = false;
		dv->match = -1;
	}
	if (s->tick)
		s->tick(ui, s->arg);
}

static const char *doc_title(struct ui *ui, void *st)
{
	struct doc_view *dv = st;
	prepare(ui, dv);
	return dv->spec.title_of ? dv->spec.title_of(ui, dv->spec.arg)
				 : dv->spec.title;
}

/* The rest of a document rendered in part (prepare), unless it is to be
 * rendered again anyway (what it was rendered from may be gone). */
static void whole(struct ui *ui, struct doc_view *dv)
{
	if (!dv->partial || dv->rerender)
		return;
	dv->partial =
	    !dv->spec.render_upto(ui, dv->spec.arg, &dv->doc, 0, false);
	dv->max_top = (int)dv->doc.n_lines - dv->body;
	if (dv->max_top < 0)
		dv->max_top = 0;
}

/* In the pause after the screen is drawn: the part of the document not
 * on the screen (nothing it shows changes). */
static bool doc_idle(struct ui *ui, void *st)
{
	whole(ui, st);
	return false;
}

static bool doc_draw(struct ui *ui, void *st)
{
	struct doc_view *dv = st;
	int hl = head_lines(dv);
	dv->body = body_lines(dv);
	/* a line shown that is not rendered yet (or still open) */
	if (dv->top + dv->body >= (int)dv->doc.n_lines)
		whole(ui, dv);
	dv->max_top = (int)dv->doc.n_lines - dv->body;
	if (dv->max_top < 0)
		dv->max_top = 0;
	if (dv->top > dv->max_top)
		dv->top = dv->max_top;
	for (int i = 0; i < hl; i++)
		term_doc_line(i + 1, &dv->head.lines[i]);
	int y0 = 1 + hl;
	for (int i = 0; i < dv->body && dv->top + i < (int)dv->doc.n_lines;
	     i++) {
		bool hit = dv->top + i == dv->match;
		if (hit)
			term_fill(i + y0, TC_SELECTED);
		term_doc_line(i + y0, &dv->doc.lines[dv->top + i]);
		if (hit)
			term_recolor(i + y0, TC_SELECTED);
	}
	if (dv->prompting) {
		ui_draw_prompt("/", &dv->le);
		return true;
	}
	return false;
}

static const enum action *doc_hints(struct ui *ui, void *st, size_t *n)
{
	struct doc_view *dv = st;
	if (dv->spec.hints_now)
		return dv->spec.hints_now(ui, dv->spec.arg, n);
	*n = dv->spec.n_hints;
	return dv->spec.hints;
}

static const char *doc_hint_word(struct ui *ui, void *st, enum action a)
{
	(void)ui;
	struct doc_view *dv = st;
	return dv->spec.hint_word ? dv->spec.hint_word(a) : NULL;
}

/* Goes to the match at (or says there is none). */
static void found(struct ui *ui, struct doc_view *dv, int at, bool more)
{
	if (at >= 0) {
		dv->match = at;
		dv->top = at;
		ui_say(ui, _("\"%s\" on line %d of %zu"), dv->pattern, at + 1,
		       dv->doc.n_lines);
	} else if (dv->pattern[0]) {
		if (more)
			ui_say(ui, _("No more matches for \"%s\""),
			       dv->pattern);
		else
			ui_say(ui, _("Not found: %s"), dv->pattern);
	}
}

/* While the search prompt is open every key is the editor's. */
static int doc_key(struct ui *ui, void *st, int key)
{
	struct doc_view *dv = st;
	if (!dv->prompting)
		return VIEW_UNKNOWN;
	enum lineedit_result r = lineedit_key(&dv->le, key);
	if (r == LINEEDIT_CANCEL) {
		dv->prompting = false;
		term_cursor(false);
	} else if (r == LINEEDIT_ACCEPT) {
		dv->prompting = false;
		term_cursor(false);
		snprintf(dv->pattern, sizeof(dv->pattern), "%s", dv->le.buf);
		whole(ui, dv);
		int at = dv->pattern[0]
			     ? find_line(&dv->doc, dv->top, 1, dv->pattern)
			     : -1;
		dv->match = at;
		found(ui, dv, at, false);
	}
	return 0;
}

static int doc_action(struct ui *ui, void *st, enum action a)
{
	struct doc_view *dv = st;
	switch (a) {
	case ACTION_SEARCH:
		lineedit_init(&dv->le, NULL);
		dv->prompting = true;
		term_cursor(true);
		return 0;
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV: {
		whole(ui, dv);
		int dir = a == ACTION_SEARCH_NEXT ? 1 : -1;
		int from = (dv->match >= 0 ? dv->match : dv->top) + dir;
		int at = dv->pattern[0]
			     ? find_line(&dv->doc, from, dir, dv->pattern)
			     : -1;
		found(ui, dv, at, true);
		return 0;
	}
	case ACTION_MOVE_UP:
		if (dv->top > 0)
			dv->top--;
		return 0;
	case ACTION_MOVE_DOWN:
		whole(ui, dv);
		if (dv->top < dv->max_top)
			dv->top++;
		return 0;
	case ACTION_PAGE_UP:
		dv->top = dv->top > dv->body ? dv->top - dv->body : 0;
		return 0;
	case ACTION_PAGE_DOWN:
		whole(ui, dv);
		dv->top = dv->top + dv->body < dv->max_top ? dv->top + dv->body
							   : dv->max_top;
		return 0;
	case ACTION_FIRST:
		dv->top = 0;
		return 0;
	case ACTION_LAST:
		whole(ui, dv);
		dv->top = dv->max_top;
		return 0;
	case ACTION_BACK:
		return VIEW_CLOSE;
	default:
		break;
	}
	if (!dv->spec.on_action)
		return 0;
	int r = dv->spec.on_action(ui, dv->spec.arg, a);
	if (r & DOC_RERENDER)
		dv->rerender = true;
	if (r & DOC_TO_TOP)
		dv->top = 0;
	return r & (VIEW_UNKNOWN | VIEW_CLOSE | VIEW_QUIT);
}

static int doc_reload(struct ui *ui, void *st)
{
	struct doc_view *dv = st;
	if (dv->spec.reload) {
		dv->spec.reload(ui, dv->spec.arg);
		dv->rerender = true;
	}
	return 0;
}

static long long doc_subject(struct ui *ui, void *st)
{
	struct doc_view *dv = st;
	return dv->spec.subject ? dv->spec.subject(ui, dv->spec.arg) : 0;
}

static bool doc_ticks(struct ui *ui, void *st)
{
	struct doc_view *dv = st;
	return dv->spec.ticks && dv->spec.ticks(ui, dv->spec.arg);
}

static bool doc_clock(struct ui *ui, void *st, char *buf, size_t n)
{
	struct doc_view *dv = st;
	return dv->spec.clock && dv->spec.clock(ui, dv->spec.arg, buf, n);
}

static void doc_lapse(struct ui *ui, void *st, long long case_id,
		      const char *until)
{
	struct doc_view *dv = st;
	dv->spec.lapse(ui, dv->spec.arg, case_id, until);
	dv->rerender = true;
	dv->top = 0;
}

static void doc_close(struct ui *ui, void *st)
{
	struct doc_view *dv = st;
	if (dv->spec.free_arg)
		dv->spec.free_arg(ui, dv->spec.arg);
	textdoc_done(&dv->doc);
	textdoc_done(&dv->head);
	free(dv->title_copy);
	free(dv);
}

static const char *doc_kind(void *st)
{
	const struct doc_view *dv = st;
	return dv->spec.name;
}

static const struct view_ops doc_ops = {
    .name = "document",
    .kind = doc_kind,
    .title = doc_title,
    .draw = doc_draw,
    .idle = doc_idle,
    .hints = doc_hints,
    .hint_word = doc_hint_word,
    .on_key = doc_key,
    .on_action = doc_action,
    .reload = doc_reload,
    .close = doc_close,
    .subject = doc_subject,
    .ticks = doc_ticks,
    .clock = doc_clock,
};

/* The ops with the spec's keymap view: one table per keymap view, and
 * per whether the document stays when an emergency access ends (follow
 * mode's, which is read only). */
static const struct view_ops *ops_for(int keymap, bool lapse)
{
	static struct view_ops tables[2][KEYMAP_VIEW__COUNT];
	if (keymap < 0 || keymap >= KEYMAP_VIEW__COUNT)
		keymap = KEYMAP_VIEW_CASE;
	struct view_ops *t = &tables[lapse][keymap];
	if (!t->name) {
		*t = doc_ops;
		t->keymap = keymap;
		t->lapse = lapse ? doc_lapse : NULL;
		t->read_only = lapse;
	}
	return t;
}

void view_doc_push(struct ui *ui, const struct doc_spec *spec)
{
	struct doc_view *dv = xcalloc(1, sizeof(*dv));
	dv->spec = *spec;
	dv->match = -1;
	dv->rerender = true;
	textdoc_init(&dv->doc, 80);
	textdoc_init(&dv->head, 80);
	term_cursor(false);
	view_push(ui, ops_for(spec->keymap, spec->lapse != NULL), dv);
}

/* A finished document shown again: its lines and styles copied. */
static void copy_render(struct ui *ui, void *arg, struct textdoc *doc)
{
	(void)ui;
	const struct textdoc *src = arg;
	for (size_t i = 0; i < src->n_lines; i++) {
		const struct textdoc_line *l = &src->lines[i];
		size_t pos = 0;
		for (size_t k = 0; k <= l->n_spans; k++) {
			size_t start =
			    k < l->n_spans ? l->spans[k].start : l->len;
			if (start > pos) {
				char *t = xstrndup(l->text + pos, start - pos);
				textdoc_put(doc, TD_NORMAL, t);
				free(t);
			}
			if (k < l->n_spans) {
				char *t = xstrndup(l->text + l->spans[k].start,
						   l->spans[k].len);
				textdoc_put(doc, l->spans[k].style, t);
				free(t);
				pos = l->spans[k].start + l->spans[k].len;
			}
		}
		textdoc_newline(doc);
	}
}

static void free_copy(struct ui *ui, void *arg)
{
	(void)ui;
	textdoc_done(arg);
	free(arg);
}

void view_doc_show(struct ui *ui, const char *title, int keymap,
		   const struct textdoc *doc)
{
	static const enum action acts[] = {ACTION_BACK, ACTION_HELP};
	struct textdoc *copy = xcalloc(1, sizeof(*copy));
	textdoc_init(copy, doc->width);
	copy_render(ui, (void *)doc, copy);
	char *t = xstrdup(title);
	struct doc_spec s = {.name = "report",
			     .keymap = keymap,
			     .hints = acts,
			     .n_hints = UTIL_ARRAY_LEN(acts),
			     .title = t,
			     .render = copy_render,
			     .free_arg = free_copy,
			     .arg = copy};
	view_doc_push(ui, &s);
	((struct doc_view *)ui->top->st)->title_copy = t;
}

bool view_doc_is(struct ui *ui, const char *name)
{
	if (!ui->top || ui->top->ops->on_action != doc_action)
		return false;
	const struct doc_view *dv = ui->top->st;
	return strcmp(dv->spec.name, name) == 0;
}
