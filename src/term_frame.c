/*
 * A frame's drawing calls, row by row: what term_refresh draws again.
 * See term_frame.h.
 */
#include "term_frame.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A row's calls in order, their text included, summed eight bytes at a
 * time (a multiply and a shift that carries the high bits down). */
static unsigned long long mix_word(unsigned long long h, unsigned long long w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

static unsigned long long mix(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *b = p;
	h = mix_word(h, n);
	for (; n >= 8; n -= 8, b += 8) {
		unsigned long long w;
		memcpy(&w, b, 8);
		h = mix_word(h, w);
	}
	if (n) {
		unsigned long long w = 0;
		memcpy(&w, b, n);
		h = mix_word(h, w);
	}
	return h;
}

/* a row with no call */
#define ROW_EMPTY 0xcbf29ce484222325ULL

void term_frame_begin(struct term_frame *f, int rows, int cols)
{
	if (rows != f->rows || cols != f->cols) {
		free(f->hash);
		free(f->prev);
		free(f->stale);
		f->rows = rows > 0 ? rows : 0;
		f->cols = cols;
		f->hash = xcalloc((size_t)f->rows + 1, sizeof(*f->hash));
		f->prev = xcalloc((size_t)f->rows + 1, sizeof(*f->prev));
		f->stale = xcalloc((size_t)f->rows + 1, sizeof(*f->stale));
		for (int y = 0; y < f->rows; y++)
			f->stale[y] = true;
	}
	for (int y = 0; y < f->rows; y++)
		f->hash[y] = ROW_EMPTY;
	f->n_ops = 0;
	f->text_len = 0;
	f->whole = false;
	f->recording = true;
}

void term_frame_add(struct term_frame *f, struct term_op op, const char *text)
{
	if (f->n_ops == f->cap_ops) {
		f->cap_ops = f->cap_ops ? f->cap_ops * 2 : 128;
		f->ops = xrealloc(f->ops, f->cap_ops * sizeof(*f->ops));
	}
	op.text = 0;
	size_t n = 0; /* the text's bytes with its NUL */
	if (op.kind == TERM_OP_PUT) {
		n = strlen(text) + 1;
		if (f->text_len + n > f->text_cap) {
			while (f->text_len + n > f->text_cap)
				f->text_cap =
				    f->text_cap ? f->text_cap * 2 : 4096;
			f->text = xrealloc(f->text, f->text_cap);
		}
		memcpy(f->text + f->text_len, text, n);
		op.text = f->text_len;
		f->text_len += n;
	}
	f->ops[f->n_ops++] = op;
	if (op.kind == TERM_OP_MOVE)
		return; /* the cursor: no cell changes */
	if (op.y < 0 || op.y >= f->rows) {
		f->whole = true;
		return;
	}
	unsigned long long h = f->hash[op.y];
	int head[4] = {(int)op.kind, op.x, op.maxw, op.color};
	h = mix(h, head, sizeof(head));
	if (op.kind == TERM_OP_PUT)
		h = mix(h, f->text + op.text, n);
	f->hash[op.y] = h;
}

bool term_frame_row_changed(const struct term_frame *f, int y)
{
	if (f->whole || y < 0 || y >= f->rows)
		return true;
	return f->stale[y] || f->hash[y] != f->prev[y];
}

/* The longest run of rows y with hash[y] == prev[y + d] and the row
 * changed, for d in ±1..±8. */
bool term_frame_shift(const struct term_frame *f, int *top, int *bottom,
		      int *shift)
{
	int best = 0;
	if (f->whole)
		return false;
	for (int d = -8; d <= 8; d++) {
		if (!d)
			continue;
		int run = 0;
		for (int y = 0; y <= f->rows; y++) {
			int from = y + d;
			bool same = y < f->rows && from >= 0 &&
				    from < f->rows && !f->stale[from] &&
				    !f->stale[y] &&
				    f->hash[y] == f->prev[from] &&
				    f->hash[y] != f->prev[y];
			if (same) {
				run++;
				continue;
			}
			if (run > best) {
				best = run;
				*top = y - run;
				*bottom = y - 1;
				*shift = d;
			}
			run = 0;
		}
	}
	if (best < 4)
		return false;
	/* the region scrolled: the rows moved and those they came from */
	if (*shift > 0)
		*bottom += *shift;
	else
		*top += *shift;
	return true;
}

void term_frame_scrolled(struct term_frame *f, int top, int bottom, int shift)
{
	unsigned long long *moved =
	    xcalloc((size_t)f->rows + 1, sizeof(*moved));
	bool *was = xcalloc((size_t)f->rows + 1, sizeof(*was));
	for (int y = top; y <= bottom; y++) {
		int from = y + shift;
		bool in = from >= top && from <= bottom;
		moved[y] = in ? f->prev[from] : 0;
		/* a row scrolled in is blank: drawn again */
		was[y] = in ? f->stale[from] : true;
	}
	for (int y = top; y <= bottom; y++) {
		f->prev[y] = moved[y];
		f->stale[y] = was[y];
	}
	free(moved);
	free(was);
}

const char *term_frame_text(const struct term_frame *f,
			    const struct term_op *op)
{
	return f->text + op->text;
}

void term_frame_end(struct term_frame *f)
{
	for (int y = 0; y < f->rows; y++) {
		f->prev[y] = f->hash[y];
		f->stale[y] = false;
	}
	f->n_ops = 0;
	f->text_len = 0;
	f->recording = false;
}

void term_frame_touch(struct term_frame *f, int y)
{
	if (y >= 0 && y < f->rows)
		f->stale[y] = true;
	else
		for (int i = 0; i < f->rows; i++)
			f->stale[i] = true;
}

void term_frame_done(struct term_frame *f)
{
	free(f->hash);
	free(f->prev);
	free(f->stale);
	free(f->ops);
	free(f->text);
	memset(f, 0, sizeof(*f));
}
