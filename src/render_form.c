#include "render_form.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "model_decision.h"
#include "form_type.h"
#include "i18n.h"
#include "user.h"
#include "util.h"

/* The knowledge base's suggestions the board changed, stored in the
 * decision as "KEY: knowledge base TIER, board TIER" a line (decision.c;
 * the record keeps that form), shown in the interface language. */
static void put_overrides(struct textdoc *doc, const char *ov)
{
	/* untranslated: the stored form of the record */
	static const char kb_word[] = ": knowledge base ";
	/* untranslated: the stored form of the record */
	static const char board_word[] = ", board ";
	for (const char *p = ov; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);
		char *kb = strstr(line, kb_word);
		char *board = kb ? strstr(kb, board_word) : NULL;
		if (board) {
			*kb = '\0';
			*board = '\0';
			char *s = xasprintf(
			    _("%s: knowledge base %s, board %s"), line,
			    kb + strlen(kb_word), board + strlen(board_word));
			textdoc_wrap(doc, 2, TD_WARN, s);
			free(s);
		} else
			textdoc_wrap(doc, 2, TD_WARN, line);
		free(line);
		p += len;
		if (*p)
			p++;
	}
}

#define LABEL_COL 30

/* The values' column of a narrow read-back (label_col): each value on the
 * line below its label. */
#define VALUE_BELOW_COL 4

/* The values' column: LABEL_COL, or with fit on a document wide enough
 * (the read-back on a wide screen) the longest shown label's, as long as
 * that is within a third of the width, as the form screen fits its
 * labels: a label too long for the column has its value below it. */
static int label_col(const struct form *f, const struct form_values *v,
		     const char *lang, bool fit, const struct textdoc *doc)
{
	int col = LABEL_COL, most = doc->width / 3;
	/* a narrow screen (a split pane): each value below its label, not
	 * squeezed into what the labels leave */
	if (fit && col > doc->width / 2)
		return VALUE_BELOW_COL;
	for (size_t i = 0; fit && i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		int need =
		    util_display_width(form_text_get(&fd->label, lang, NULL)) +
		    4;
		if (need > col && need <= most && form_field_visible(f, fd, v))
			col = need;
	}
	return col;
}

static void put_field(const struct form *f, const struct form_field *fd,
		      const char *value, const char *lang, int col,
		      struct textdoc *doc)
{
	const char *label = form_text_get(&fd->label, lang, NULL);
	if (col == VALUE_BELOW_COL) {
		/* narrow (label_col): the label wrapped, the value below */
		textdoc_pad_to(doc, 2);
		textdoc_wrap_on(doc, 2, TD_LABEL, label);
	} else
		textdoc_printf(doc, TD_LABEL, "  %s", label);
	/* a long label: the value goes below it (rows, on lines of their
	 * own, begin there: no blank line above them) */
	bool below =
	    col != VALUE_BELOW_COL && util_display_width(label) + 3 >= col;
	if (below)
		textdoc_newline(doc);
	if (fd->required && !value) {
		textdoc_pad_to(doc, col);
		textdoc_put(doc, TD_WARN, _("— required, missing"));
		textdoc_newline(doc);
		return;
	}
	char *text = form_type_format(f, fd, value, lang);
	if (!value || !*text) {
		textdoc_pad_to(doc, col);
		textdoc_put(doc, TD_DIM, "—");
		textdoc_newline(doc);
	} else if (!strchr(text, '\n')) {
		textdoc_pad_to(doc, col);
		textdoc_wrap_on(doc, col, TD_NORMAL, text);
	} else {
		/* narrow, or a long label: the label's line ended */
		if (col != VALUE_BELOW_COL && !below)
			textdoc_newline(doc);
		textdoc_wrap(doc, 4, TD_NORMAL, text);
	}
	free(text);
}

static void form_values_at(const struct form *f, const struct form_values *v,
			   const char *lang, int col, struct textdoc *doc)
{
	for (size_t s = 0; s < f->n_sections; s++) {
		const struct form_section *sec = &f->sections[s];
		bool heading = false;
		for (size_t i = sec->first; i < sec->first + sec->n; i++) {
			const struct form_field *fd = &f->fields[i];
			if (!form_field_visible(f, fd, v))
				continue;
			if (!heading) {
				textdoc_put(
				    doc, TD_HEADING,
				    form_text_get(&sec->title, lang, NULL));
				textdoc_newline(doc);
				heading = true;
			}
			put_field(f, fd, form_values_get(v, fd->id), lang, col,
				  doc);
		}
	}
}

void render_form_values(const struct form *f, const struct form_values *v,
			const char *lang, struct textdoc *doc)
{
	form_values_at(f, v, lang, LABEL_COL, doc);
}

static void put_attendees(const char *att, struct textdoc *doc)
{
	char *copy = xstrdup(att ? att : "");
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *role, *kind;
		decision_attendee_split(line, &role, &kind);
		char *shown = user_attendee_shown(line);
		textdoc_printf(doc, TD_NORMAL, "  %s", shown);
		free(shown);
		/* the role by its name in the interface language (one a
		 * region named itself, or an older archive's text, as it is) */
		if (*role)
			textdoc_printf(doc, TD_DIM, ", %s",
				       model_role_label(role));
		if (strcmp(kind, "cover") == 0)
			textdoc_put(doc, TD_DIM, _(" (cover)"));
		textdoc_newline(doc);
	}
	free(copy);
}

static void decision_in(const struct tb_decision *d, const struct form *f,
			const char *lang, bool fit, struct textdoc *doc)
{
	const char *ext = d->case_external_id ? d->case_external_id : "?";
	char *title = d->id
			  ? xasprintf(_("Decision %lld — case %s, version %d"),
				      d->id, ext, d->version)
			  : /* a read-back before signing */
			  xasprintf(_("Decision to be signed — case %s"), ext);
	/* fitted to the screen: the lines wrap, none is cut at its edge */
	textdoc_wrap(doc, 0, TD_TITLE, title);
	free(title);
	/* the values, decoded once: the read-back's patient, the form's
	 * fields below */
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(d->content, &v);
	if (!d->id) {
		/* a read-back: the patient it is signed for, as signing
		 * records them in the decision */
		const char *name = form_values_get(&v, DECISION_PATIENT_NAME);
		const char *born = form_values_get(&v, DECISION_PATIENT_BORN);
		char *who = !name || !*name ? NULL
			    : born && *born
				? xasprintf(_("For %s, born %s"), name, born)
				: xasprintf(_("For %s"), name);
		if (who)
			textdoc_wrap(doc, 0, TD_STRONG, who);
		free(who);
	}
	/* a read-back: not signed yet, so no time; by whom it will be */
	char *form = d->id
			 ? xasprintf(_("Form %s version %s. Signed %s by "),
				     d->form_id, d->form_version, d->signed_at)
			 : xasprintf(_("Form %s version %s. To be signed by "),
				     d->form_id, d->form_version);
	char *mt = d->meeting_id ? xasprintf(_(" Meeting %lld."), d->meeting_id)
				 : xstrdup("");
	const char *by = d->signed_by ? d->signed_by : "";
	char *line = xasprintf("%s%s.%s", form, by, mt);
	if (util_display_width(line) > doc->width) {
		/* a narrow screen: the line wrapped, never cut */
		textdoc_wrap(doc, 0, TD_DIM, line);
	} else {
		textdoc_put(doc, TD_DIM, form);
		textdoc_put(doc, TD_STRONG, by);
		textdoc_put(doc, TD_DIM, ".");
		textdoc_put(doc, TD_DIM, mt);
		textdoc_newline(doc);
	}
	free(line);
	free(mt);
	free(form);
	if (d->supersedes) {
		textdoc_printf(doc, TD_WARN,
			       _("Amends decision %lld. Reason: "),
			       d->supersedes);
		textdoc_wrap_on(doc, 2, TD_NORMAL,
				d->amend_reason ? d->amend_reason : "");
	}
	if (d->quorum_override) {
		textdoc_put(doc, TD_WARN,
			    d->id ? _("Signed while not quorate: ")
				  : _("To be signed while not quorate: "));
		textdoc_wrap_on(doc, 2, TD_NORMAL, d->quorum_override);
	}
	if (d->kb_version)
		textdoc_printf(doc, TD_DIM, _("Knowledge base %s"),
			       d->kb_version);
	if (d->kb_version)
		textdoc_newline(doc);
	textdoc_put(doc, TD_HEADING, _("Attendees"));
	textdoc_newline(doc);
	put_attendees(d->attendees, doc);
	if (f && strcmp(f->version, d->form_version) == 0) {
		form_values_at(f, &v, lang, label_col(f, &v, lang, fit, doc),
			       doc);
		const char *ov = form_values_get(&v, "kb-overrides");
		if (ov) {
			textdoc_put(doc, TD_HEADING,
				    _("Knowledge base suggestions overridden"));
			textdoc_newline(doc);
			put_overrides(doc, ov);
		}
	} else {
		/* the form changed or is gone: the stored values as they are */
		textdoc_put(doc, TD_HEADING, _("Values"));
		textdoc_newline(doc);
		for (size_t i = 0; i < v.n; i++) {
			textdoc_printf(doc, TD_LABEL, "  %s", v.field[i]);
			textdoc_pad_to(doc, LABEL_COL);
			textdoc_wrap_on(doc, LABEL_COL, TD_NORMAL, v.value[i]);
		}
	}
	form_values_done(&v);
	if (d->content_hash) {
		textdoc_printf(doc, TD_DIM, _("SHA-256 %s"), d->content_hash);
		textdoc_newline(doc);
	}
}

void render_decision(const struct tb_decision *d, const struct form *f,
		     const char *lang, struct textdoc *doc)
{
	decision_in(d, f, lang, false, doc);
}

void render_decision_fitted(const struct tb_decision *d, const struct form *f,
			    const char *lang, struct textdoc *doc)
{
	decision_in(d, f, lang, true, doc);
}

void render_decision_row(const struct tb_decision *d, struct textdoc *doc)
{
	textdoc_printf(doc, TD_NORMAL, "%6lld  ", d->id);
	textdoc_put(doc, TD_STRONG,
		    d->case_external_id ? d->case_external_id : "?");
	textdoc_pad_to(doc, 30);
	textdoc_printf(doc, TD_NORMAL, "v%d", d->version);
	textdoc_pad_to(doc, 35);
	textdoc_printf(doc, TD_NORMAL, "%s %s", d->form_id, d->form_version);
	textdoc_pad_to(doc, 52);
	textdoc_printf(doc, TD_DIM, "%s  %s", d->signed_at, d->signed_by);
	if (d->supersedes)
		textdoc_printf(doc, TD_WARN, _("  amends %lld"), d->supersedes);
	textdoc_newline(doc);
}
