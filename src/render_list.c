/*
 * The case list's rows: one case as a row of the command line's list or of
 * the screen's (render.h), a name cut to a width, what an empty list says.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "model.h"
#include "util.h"
#include "validate.h"

void render_name_cut(struct textdoc *doc, const char *family, const char *given,
		     int maxw)
{
	char *name = xasprintf("%s, %s", family, given);
	if (util_display_width(name) > maxw) {
		/* cut at a character, not in the middle of one */
		size_t cut = 0;
		int w = 0;
		mbstate_t ps;
		memset(&ps, 0, sizeof(ps));
		while (name[cut]) {
			wchar_t wc;
			size_t len =
			    mbrtowc(&wc, name + cut, strlen(name + cut), &ps);
			if (len == (size_t)-1 || len == (size_t)-2 || !len)
				break;
			int cw = wcwidth(wc) > 0 ? wcwidth(wc) : 1;
			if (w + cw > maxw - 1)
				break;
			w += cw;
			cut += len;
		}
		char *cut_name = xasprintf("%.*s…", (int)cut, name);
		free(name);
		name = cut_name;
	}
	textdoc_put(doc, TD_NORMAL, name);
	free(name);
}

int render_level_width(void)
{
	static const char *const levels[] = {"local", "regional", "national"};
	int w = 0;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(levels); i++) {
		int lw = util_display_width(model_level_label(levels[i]));
		if (lw > w)
			w = lw;
	}
	return w;
}

/* How much wider than its heading's 10 cells the level column is: its
 * longest word and two spaces ("nationell" is 9). */
static int level_extra(void)
{
	int w = render_level_width() + 2;
	return w > 10 ? w - 10 : 0;
}

/* A list row with the name in name_w columns (0: as long as it is, the
 * next column at 25). */
static void case_row(const struct db_case_row *r, bool full_id,
		     bool with_case_id, bool with_diagnosis, int name_w,
		     struct textdoc *doc)
{
	char masked[14];
	const char *id = r->pnr ? r->pnr : "?";
	int col = 0;

	if (!full_id) {
		if (r->pnr && strlen(r->pnr) == 13)
			validate_pnr_mask(r->pnr, masked);
		else
			snprintf(masked, sizeof(masked), "%s", "?");
		id = masked;
	}
	if (with_case_id) {
		textdoc_put(doc, TD_NORMAL, r->external_id);
		col = 22;
		textdoc_pad_to(doc, col);
	}
	textdoc_put(doc, TD_NORMAL, r->referral_date);
	textdoc_pad_to(doc, col + 12);
	textdoc_put(doc, TD_NORMAL, id);
	textdoc_pad_to(doc, col + 27);
	if (name_w)
		render_name_cut(doc, r->family_name, r->given_name, name_w - 1);
	else
		textdoc_printf(doc, TD_NORMAL, "%s, %s", r->family_name,
			       r->given_name);
	col += name_w ? name_w - 25 : 0;
	textdoc_pad_to(doc, col + 52);
	textdoc_put(doc, TD_NORMAL, r->icd10);
	textdoc_pad_to(doc, col + 60);
	textdoc_put(doc, TD_NORMAL, model_level_label(r->level));
	col += level_extra();
	textdoc_pad_to(doc, col + 70);
	textdoc_put(doc, TD_NORMAL, model_status_label(r->status));
	if (with_diagnosis) {
		textdoc_pad_to(doc, col + 86);
		textdoc_put(doc, TD_NORMAL, r->diagnosis_text);
	}
}

void render_case_row(const struct db_case_row *r, bool full_id,
		     bool with_case_id, bool with_diagnosis,
		     struct textdoc *doc)
{
	case_row(r, full_id, with_case_id, with_diagnosis, 0, doc);
}

/* The columns of layout 0 (its heading's cells [from, to)) in the order
 * the narrower layouts leave them out, least important first: the level,
 * the referral date, the ICD-10 code, the status, the identity number.
 * The name stays, whole up to NAME_TIGHT cells. */
enum { COL_LEVEL, COL_REFERRED, COL_ICD, COL_STATUS, COL_IDENTITY, N_COLS };
static const struct {
	int from, to;
} col_cells[N_COLS] = {{55, 65}, {0, 12}, {47, 55}, {65, 81}, {12, 27}};
#define NAME_TIGHT 24

/* Below 80 columns: layout 3 + how many columns it leaves out, and the
 * narrowest screen each takes (the row drawn from the second column; the
 * status, last, in at most 14 cells). */
static const int tight_min[] = {70, 58, 50, 40, 0};

int render_case_screen_layout(int cols)
{
	if (cols >= 80)
		return cols < 100 ? 0 : cols < 150 ? 1 : 2;
	int k = 0;
	while (cols < tight_min[k])
		k++;
	return 3 + k;
}

/* Whether a layout below 80 columns shows column c. */
static bool tight_shows(int layout, int c)
{
	return c >= layout - 3 + 1;
}

/* A row of a layout below 80 columns: the columns it shows, in the
 * order of the wider rows, each whole. */
static void tight_row(const struct db_case_row *r, int layout,
		      struct textdoc *doc)
{
	char masked[14] = "?";
	if (r->pnr && strlen(r->pnr) == 13)
		validate_pnr_mask(r->pnr, masked);
	int col = 0;
	if (tight_shows(layout, COL_REFERRED)) {
		textdoc_put(doc, TD_NORMAL, r->referral_date);
		textdoc_pad_to(doc, col += 12);
	}
	if (tight_shows(layout, COL_IDENTITY)) {
		textdoc_put(doc, TD_NORMAL, masked);
		textdoc_pad_to(doc, col += 15);
	}
	int name_w = layout >= 6 ? NAME_TIGHT : 20;
	render_name_cut(doc, r->family_name, r->given_name, name_w - 1);
	textdoc_pad_to(doc, col += name_w);
	if (tight_shows(layout, COL_ICD)) {
		textdoc_put(doc, TD_NORMAL, r->icd10);
		textdoc_pad_to(doc, col += 8);
	}
	if (tight_shows(layout, COL_STATUS))
		textdoc_put(doc, TD_NORMAL, model_status_label(r->status));
}

void render_case_screen_row(const struct db_case_row *r, int layout,
			    struct textdoc *doc)
{
	if (layout >= 3)
		tight_row(r, layout, doc);
	else
		case_row(r, false, layout == 2, true, layout ? 0 : 20, doc);
}

void render_heading_part(struct strbuf *sb, const char *heading, int from,
			 int to, int width)
{
	struct strbuf part;
	strbuf_init(&part);
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	int w = 0;
	for (size_t i = 0; heading[i] && w < to;) {
		wchar_t wc;
		size_t len =
		    mbrtowc(&wc, heading + i, strlen(heading + i), &ps);
		if (len == (size_t)-1 || len == (size_t)-2 || !len)
			break;
		if (w >= from && (part.len || !from || heading[i] != ' '))
			strbuf_printf(&part, "%.*s", (int)len, heading + i);
		w += wcwidth(wc) > 0 ? wcwidth(wc) : 1;
		i += len;
	}
	while (part.len && part.buf[part.len - 1] == ' ')
		part.buf[--part.len] = '\0';
	util_pad_cells(sb, part.buf ? part.buf : "", width);
	strbuf_done(&part);
}

const char *render_case_screen_heading(int layout)
{
	static const char *const heading[] = {
	    N_("Referred    Identity       Name                ICD-10  Level   "
	       "  Status          Diagnosis"),
	    N_("Referred    Identity       Name                     ICD-10  "
	       "Level     Status          Diagnosis"),
	    N_("Case                  Referred    Identity       Name        "
	       "             ICD-10  Level     Status          Diagnosis")};
	if (layout < 3) {
		/* the status and what follows moved on as the level's
		 * column is wider than its heading's cells */
		static char wide[256];
		static const int status_at[] = {65, 70, 92};
		int l = layout < 0 ? 0 : layout, extra = level_extra();
		if (!extra)
			return _(heading[l]);
		struct strbuf sb;
		strbuf_init(&sb);
		render_heading_part(&sb, _(heading[l]), 0, status_at[l],
				    status_at[l] + extra);
		render_heading_part(&sb, _(heading[l]), status_at[l], 999, 0);
		snprintf(wide, sizeof(wide), "%s", sb.buf ? sb.buf : "");
		strbuf_done(&sb);
		return wide;
	}
	/* below 80 columns: layout 0's headings of the columns shown, each
	 * as wide as its column */
	static char tight[256];
	const char *h = _(heading[0]);
	struct strbuf sb;
	strbuf_init(&sb);
	static const int order[] = {COL_REFERRED, COL_IDENTITY, -1, COL_ICD,
				    COL_STATUS};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(order); i++) {
		int c = order[i];
		if (c >= 0 && !tight_shows(layout, c))
			continue;
		render_heading_part(&sb, h, c < 0 ? 27 : col_cells[c].from,
				    c < 0 ? 47 : col_cells[c].to,
				    c < 0 ? (layout >= 6 ? NAME_TIGHT : 20)
				    : c == COL_STATUS
					? 0
					: col_cells[c].to - col_cells[c].from);
	}
	snprintf(tight, sizeof(tight), "%s", sb.buf ? sb.buf : "");
	strbuf_done(&sb);
	return tight;
}

const char *render_no_match(const char *search)
{
	return validate_pnr_partial(search)
		   ? _("No case matches. An identity number is searched "
		       "whole: 12 digits, or 10.")
		   : _("No case matches.");
}
