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

void render_case_screen_row(const struct db_case_row *r, int layout,
			    struct textdoc *doc)
{
	case_row(r, false, layout == 2, true, layout ? 0 : 20, doc);
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
	return _(heading[layout < 0 ? 0 : layout > 2 ? 2 : layout]);
}

const char *render_no_match(const char *search)
{
	return validate_pnr_partial(search)
		   ? _("No case matches. An identity number is searched "
		       "whole: 12 digits, or 10.")
		   : _("No case matches.");
}
