#include "walk.h"

#include "keymap.h"

static bool shown(const struct walk *w, size_t i)
{
	return form_field_visible(w->f, &w->f->fields[i], w->v);
}

/* A field that blocks signing: form_field_problem's rule when the walk
 * has a context, else a shown required field without a value. */
static bool incomplete(const struct walk *w, size_t i)
{
	const struct form_field *fd = &w->f->fields[i];
	if (w->ctx) {
		char err[FORM_ERR_MAX];
		return form_field_problem(w->f, fd, w->v, w->ctx, err);
	}
	return fd->required && !form_values_get(w->v, fd->id) && shown(w, i);
}

void walk_init(struct walk *w, const struct form *f,
	       const struct form_values *v)
{
	w->f = f;
	w->v = v;
	w->ctx = NULL;
	w->cur = 0;
	for (size_t i = 0; i < f->n_fields; i++)
		if (incomplete(w, i)) {
			w->cur = i;
			return;
		}
	for (size_t i = 0; i < f->n_fields; i++)
		if (shown(w, i)) {
			w->cur = i;
			return;
		}
}

const struct form_field *walk_field(const struct walk *w)
{
	return w->f->n_fields ? &w->f->fields[w->cur] : NULL;
}

bool walk_step(struct walk *w, int dir)
{
	for (size_t i = w->cur;;) {
		if (dir > 0 ? i + 1 >= w->f->n_fields : i == 0)
			return false;
		i = dir > 0 ? i + 1 : i - 1;
		if (shown(w, i)) {
			w->cur = i;
			return true;
		}
	}
}

bool walk_section(struct walk *w, int dir)
{
	const struct form *f = w->f;
	size_t s = 0;
	while (s + 1 < f->n_sections &&
	       !(w->cur >= f->sections[s].first &&
		 w->cur < f->sections[s].first + f->sections[s].n))
		s++;
	for (;;) {
		if (dir > 0 ? s + 1 >= f->n_sections : s == 0)
			return false;
		s = dir > 0 ? s + 1 : s - 1;
		const struct form_section *sec = &f->sections[s];
		for (size_t i = sec->first; i < sec->first + sec->n; i++)
			if (shown(w, i)) {
				w->cur = i;
				return true;
			}
	}
}

bool walk_next_incomplete(struct walk *w)
{
	size_t n = w->f->n_fields;
	for (size_t k = 1; k <= n; k++) {
		size_t i = (w->cur + k) % n;
		if (incomplete(w, i)) {
			w->cur = i;
			return true;
		}
	}
	return false;
}

void walk_after_set(struct walk *w)
{
	if (walk_next_incomplete(w))
		return;
	if (!walk_step(w, 1) && !shown(w, w->cur))
		walk_step(w, -1);
}

void walk_position(const struct walk *w, size_t *pos, size_t *n)
{
	*pos = 0;
	*n = 0;
	for (size_t i = 0; i < w->f->n_fields; i++)
		if (shown(w, i)) {
			(*n)++;
			if (i <= w->cur)
				(*pos)++;
		}
}

void walk_init_ctx(struct walk *w, const struct form *f,
		   const struct form_values *v, const struct form_ctx *ctx)
{
	walk_init(w, f, v);
	w->ctx = ctx;
	for (size_t i = 0; i < f->n_fields; i++)
		if (incomplete(w, i)) {
			w->cur = i;
			return;
		}
}

enum walk_pick_result walk_pick_key(struct walk_pick *p, int key,
				    size_t n_options, size_t *chosen)
{
	*chosen = 0;
	if (key >= '0' && key <= '9') {
		size_t n = p->n * 10 + (size_t)(key - '0');
		p->n = 0;
		if (n == 0 || n > n_options) {
			*chosen = n;
			return WALK_PICK_BAD;
		}
		/* a number that more digits could still make another option
		 * waits: 1 of 14 options may become 10 … 14 */
		if (n * 10 <= n_options) {
			p->n = n;
			return WALK_PICK_WAIT;
		}
		*chosen = n;
		return WALK_PICK_DONE;
	}
	if (!p->n)
		return WALK_PICK_NONE;
	if (key == KEYMAP_RESIZE) /* not a key the user typed */
		return WALK_PICK_WAIT;
	if (key == KEYMAP_BACKSPACE || key == 127 || key == 8) {
		p->n /= 10;
		return p->n ? WALK_PICK_WAIT : WALK_PICK_CANCEL;
	}
	if (key == 27) {
		p->n = 0;
		return WALK_PICK_CANCEL;
	}
	*chosen = p->n;
	p->n = 0;
	return key == '\r' || key == ' ' ? WALK_PICK_DONE
					 : WALK_PICK_DONE_AND_KEY;
}
