#include "spell.h"

#include <string.h>

#include "fts_word.h"

static bool space(unsigned long c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

size_t spell_fold(const char *s, unsigned long out[SPELL_MAX])
{
	size_t n = 0;
	bool gap = false;
	for (const char *p = s ? s : ""; *p && n < SPELL_MAX;) {
		unsigned long c;
		p += fts_word_utf8(p, &c);
		if (space(c)) {
			gap = n > 0;
			continue;
		}
		if (c < 0x80)
			c = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
		else if (c != FTS_WORD_BAD)
			c = fts_word_fold(c, true);
		if (c == 0) /* a combining accent */
			continue;
		if (c == 'q')
			c = 'k';
		else if (c == 'w')
			c = 'v';
		if (gap && n + 1 < SPELL_MAX)
			out[n++] = ' ';
		gap = false;
		out[n++] = c;
	}
	return n;
}

bool spell_same(const char *a, const char *b)
{
	unsigned long fa[SPELL_MAX], fb[SPELL_MAX];
	size_t na = spell_fold(a, fa), nb = spell_fold(b, fb);
	return na == nb && memcmp(fa, fb, na * sizeof(*fa)) == 0;
}

/* The optimal string alignment distance of a[0..m) and b[0..n). */
static size_t distance(const unsigned long *a, size_t m, const unsigned long *b,
		       size_t n)
{
	size_t rows[3][SPELL_MAX + 1];
	size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= n; j++)
		prev[j] = j;
	for (size_t i = 1; i <= m; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= n; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			cur[j] = best;
		}
		size_t *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[n];
}

size_t spell_distance(const char *a, const char *b)
{
	unsigned long fa[SPELL_MAX], fb[SPELL_MAX];
	size_t na = spell_fold(a, fa), nb = spell_fold(b, fb);
	return distance(fa, na, fb, nb);
}

size_t spell_tolerance(size_t n)
{
	return n <= 3 ? 0 : n <= 5 ? 1 : n <= 10 ? 2 : 3;
}

void spell_name_fold(struct spell_name *f, const char *s)
{
	f->n = spell_fold(s, f->c);
}

bool spell_near_name(const struct spell_name *typed,
		     const struct spell_name *name)
{
	const unsigned long *ft = typed->c, *fn = name->c;
	size_t nt = typed->n, nn = name->n;
	size_t tol = spell_tolerance(nt);
	if (!nt)
		return false;
		/* the lengths alone tell most names apart: no distance then */
#define SPELL_FAR(a, b) ((a) > (b) + tol || (b) > (a) + tol)
	if (!SPELL_FAR(nt, nn) && distance(ft, nt, fn, nn) <= tol)
		return true;
	/* one word of the name ("Lindkvist" for "Per Lindqvist") */
	for (size_t w = 0; w < nn;) {
		size_t e = w;
		while (e < nn && fn[e] != ' ')
			e++;
		if ((w > 0 || e < nn) && !SPELL_FAR(nt, e - w) &&
		    distance(ft, nt, fn + w, e - w) <= tol)
			return true;
		w = e + 1;
	}
#undef SPELL_FAR
	return false;
}

bool spell_contains_name(const struct spell_name *hay,
			 const struct spell_name *needle)
{
	size_t nh = hay->n, nn = needle->n;
	for (size_t i = 0; nn && i + nn <= nh; i++)
		if (memcmp(hay->c + i, needle->c, nn * sizeof(*needle->c)) == 0)
			return true;
	return false;
}

bool spell_near(const char *typed, const char *name)
{
	struct spell_name t, n;
	spell_name_fold(&t, typed);
	spell_name_fold(&n, name);
	return spell_near_name(&t, &n);
}

bool spell_contains(const char *hay, const char *needle)
{
	struct spell_name h, n;
	spell_name_fold(&h, hay);
	spell_name_fold(&n, needle);
	return spell_contains_name(&h, &n);
}
