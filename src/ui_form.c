/*
 * The decision form screen: the guided walk through a form for one case.
 *
 * Layout: the title bar; the patient banner (it never scrolls away); a
 * progress line (section, field n of m, required fields left); the shown
 * fields with their values, the current one highlighted; a detail pane
 * for the current field (help, guideline, numbered options, the last
 * error); the status line with the keys, or the line editor.
 *
 * Every accepted value is saved at once through decision_set(), so
 * leaving, a crash or a kill loses nothing that was accepted; a refused
 * value stays in the editor with the message beside it. Digits pick an
 * option of a choice or yes/no field at once (and toggle one of a multi
 * choice); after a value is set the walk goes to the next required field
 * that is empty. In the editor, C-o starts a new line (shown as ¶), used
 * by multi-line text and by rows (alternatives, findings).
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_form.h"
#include "db_meeting.h"
#include "decision.h"
#include "diag.h"
#include "form_type.h"
#include "keymap.h"
#include "lineedit.h"
#include "quorum.h"
#include "render.h"
#include "render_form.h"
#include "ui_curses.h"
#include "ui_internal.h"
#include "util.h"
#include "walk.h"

#define PILCROW "\xc2\xb6"
#define LABEL_W 32

/* What the session remembers between forms: who signs, who attends. */
static char last_signer[LINEEDIT_MAX];
static char last_attendees[LINEEDIT_MAX];

struct form_screen {
	struct db *db;
	const struct form_set *forms;
	const struct form *f;
	long long case_id;
	struct tb_case *c;
	struct db_form_instance fi;
	struct form_values v;
	struct walk w;
	int top; /* first field row shown */
	char error[FORM_ERR_MAX + 64];
	const char *lang;
	long long meeting_id; /* 0 when not opened from an agenda */
};

/* "\n" ↔ "¶" between stored values and the one-line editor; a row's
 * columns are shown separated by " | ", empty trailing columns dropped
 * except one, so a finding without a tier reads "EGFR p.L858R | " ready
 * for the tier to be typed. */
static char *to_editor(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		size_t end = n;
		while (end > 0 && s[end - 1] == '\t')
			end--;
		for (size_t i = 0; i < end; i++) {
			if (s[i] == '\t')
				strbuf_puts(&sb, " | ");
			else
				strbuf_putc(&sb, s[i]);
		}
		if (end < n)
			strbuf_puts(&sb, " | ");
		s += n;
		if (*s) {
			strbuf_puts(&sb, " " PILCROW " ");
			s++;
		}
	}
	return strbuf_detach(&sb);
}

static char *from_editor(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	while (*s) {
		if (strncmp(s, PILCROW, 2) == 0) {
			/* drop the spaces around it */
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				sb.buf[--sb.len] = '\0';
			strbuf_putc(&sb, '\n');
			s += 2;
			while (*s == ' ')
				s++;
			continue;
		}
		strbuf_putc(&sb, *s++);
	}
	return strbuf_detach(&sb);
}

static bool reload(struct form_screen *fs)
{
	db_form_instance_done(&fs->fi);
	form_values_done(&fs->v);
	form_values_init(&fs->v);
	return db_form_draft(fs->db, fs->case_id, &fs->fi, &fs->v) == TB_OK;
}

/* Saves input for the current field; on failure the message is kept in
 * fs->error and false returned. */
static bool save(struct form_screen *fs, const char *input)
{
	const struct form_field *fd = walk_field(&fs->w);
	struct diag d;
	diag_init(&d);
	enum tb_status st =
	    decision_set(fs->db, fs->forms, fs->case_id, fd->id, input, &d);
	if (st != TB_OK)
		snprintf(fs->error, sizeof(fs->error), "%s",
			 d.n ? d.items[0].message : status_message(st));
	else
		fs->error[0] = '\0';
	diag_done(&d);
	size_t cur = fs->w.cur;
	if (!reload(fs)) {
		snprintf(fs->error, sizeof(fs->error),
			 "the draft could not be read again");
		return false;
	}
	walk_init(&fs->w, fs->f, &fs->v);
	fs->w.cur = cur;
	return st == TB_OK;
}

static void draw_text_line(int y, int x, int w, const char *text,
			   enum ui_color c)
{
	char *clean = util_sanitize(text, false);
	ui_put_clipped(y, x, w, clean, ui_attr(c));
	free(clean);
}

/* The field rows between y0 and y1 (exclusive). */
static void draw_fields(struct form_screen *fs, int y0, int y1)
{
	const struct form *f = fs->f;
	int rows = y1 - y0;
	if (rows < 1)
		return;
	/* the visible fields, and the row of the current one */
	size_t *idx = xcalloc(f->n_fields ? f->n_fields : 1, sizeof(size_t));
	int n = 0, cur_row = 0;
	for (size_t i = 0; i < f->n_fields; i++) {
		if (!form_field_visible(f, &f->fields[i], &fs->v))
			continue;
		if (i == fs->w.cur)
			cur_row = n;
		idx[n++] = i;
	}
	if (cur_row < fs->top)
		fs->top = cur_row;
	if (cur_row >= fs->top + rows)
		fs->top = cur_row - rows + 1;
	for (int r = 0; r < rows && fs->top + r < n; r++) {
		size_t i = idx[fs->top + r];
		const struct form_field *fd = &f->fields[i];
		int y = y0 + r;
		bool here = i == fs->w.cur;
		attr_t base = ui_attr(here ? UC_SELECTED : UC_NORMAL);
		if (here)
			ui_fill_line(y, base);
		const char *val = form_values_get(&fs->v, fd->id);
		const char *label = form_text_get(&fd->label, fs->lang, NULL);
		draw_text_line(y, 0, 2, fd->required && !val ? "*" : " ",
			       here ? UC_SELECTED : UC_WARN);
		draw_text_line(y, 2, LABEL_W - 3, label,
			       here ? UC_SELECTED : UC_LABEL);
		if (val) {
			char *text = form_type_format(f, fd, val, fs->lang);
			char *one = to_editor(text);
			draw_text_line(y, LABEL_W, COLS - LABEL_W - 1, one,
				       here ? UC_SELECTED : UC_NORMAL);
			free(one);
			free(text);
		} else
			draw_text_line(y, LABEL_W, COLS - LABEL_W - 1,
				       fd->required ? "required" : "—",
				       here ? UC_SELECTED : UC_DIM);
	}
	free(idx);
}

/* The detail pane for the current field from y0 to y1 (exclusive). */
static void draw_detail(struct form_screen *fs, int y0, int y1)
{
	const struct form_field *fd = walk_field(&fs->w);
	struct textdoc doc;
	textdoc_init(&doc, COLS - 1);
	textdoc_put(&doc, TD_STRONG, form_text_get(&fd->label, fs->lang, NULL));
	switch (fd->type) {
	case FT_CHOICE:
	case FT_YESNO:
		textdoc_put(&doc, TD_DIM, "  — press the option's number");
		break;
	case FT_MULTI:
		textdoc_put(&doc, TD_DIM, "  — numbers switch options on/off");
		break;
	case FT_DATE:
		textdoc_put(&doc, TD_DIM, "  — YYYY-MM-DD, +14, +6w, +3m");
		break;
	case FT_ALTERNATIVES:
		textdoc_put(&doc, TD_DIM,
			    "  — option: reason; C-o for the next");
		break;
	case FT_FINDING:
		textdoc_put(&doc, TD_DIM, "  — finding | tier | evidence");
		break;
	case FT_TRIAL:
		textdoc_put(&doc, TD_DIM, "  — NCT, EU CT or EudraCT number");
		break;
	case FT_NUMBER:
		textdoc_printf(&doc, TD_DIM, "  — %g to %g%s%s", fd->min,
			       fd->max, fd->unit ? " " : "",
			       fd->unit ? fd->unit : "");
		break;
	default:
		textdoc_put(&doc, TD_DIM, "  — Enter to write");
	}
	textdoc_newline(&doc);
	if (fs->error[0]) {
		textdoc_wrap(&doc, 0, TD_WARN, fs->error);
	}
	const struct form_field *opts = fd;
	if (fd->type == FT_ALTERNATIVES)
		opts = form_field(fs->f, fd->options_from, NULL);
	if (opts && opts->n_options) {
		const char *val = form_values_get(&fs->v, fd->id);
		for (size_t i = 0; i < opts->n_options; i++) {
			const struct form_option *o = &opts->options[i];
			bool on = fd->type == FT_MULTI && val &&
				  form_value_has(val, o->value);
			char num[32];
			snprintf(num, sizeof(num), "%zu ", i + 1);
			/* keep an option on one line */
			const char *lab =
			    form_text_get(&o->label, fs->lang, NULL);
			int need = util_display_width(num) +
				   util_display_width(lab) + (on ? 2 : 0);
			if (need > 0 && doc.n_lines &&
			    doc.lines[doc.n_lines - 1].len &&
			    util_display_width(
				doc.lines[doc.n_lines - 1].text) +
				    need >=
				COLS - 1)
				textdoc_newline(&doc);
			else if (i)
				textdoc_put(&doc, TD_NORMAL, "  ");
			textdoc_put(&doc, TD_LABEL, num);
			textdoc_put(&doc, on ? TD_STRONG : TD_NORMAL, lab);
			if (on)
				textdoc_put(&doc, TD_STRONG, " ✓");
		}
		textdoc_newline(&doc);
	} else if (fd->type == FT_YESNO) {
		textdoc_put(&doc, TD_LABEL, "1 ");
		textdoc_put(&doc, TD_NORMAL,
			    strcmp(fs->lang, "sv") == 0 ? "ja" : "yes");
		textdoc_put(&doc, TD_LABEL, "  2 ");
		textdoc_put(&doc, TD_NORMAL,
			    strcmp(fs->lang, "sv") == 0 ? "nej" : "no");
		textdoc_newline(&doc);
	}
	if (fd->help.n)
		textdoc_wrap(&doc, 0, TD_NORMAL,
			     form_text_get(&fd->help, fs->lang, NULL));
	if (fd->guideline)
		textdoc_printf(&doc, TD_DIM, "Guideline: %s", fd->guideline);
	for (int y = y0, i = 0; y < y1 && i < (int)doc.n_lines; y++, i++)
		ui_draw_doc_line(y, &doc.lines[i]);
	textdoc_done(&doc);
}

static void draw(struct form_screen *fs, const struct lineedit *le,
		 const char *prompt)
{
	static const enum action acts[] = {
	    ACTION_EDIT,      ACTION_NEXT_INCOMPLETE,
	    ACTION_NEXT_PANE, ACTION_CLEAR_VALUE,
	    ACTION_SIGN,      ACTION_BACK,
	    ACTION_HELP};
	char title[256];
	erase();
	snprintf(title, sizeof(title), "tumorboard — %s (%s %s) — case %s",
		 form_text_get(&fs->f->title, fs->lang, NULL), fs->f->id,
		 fs->f->version, fs->c->external_id);
	ui_draw_bar(0, UC_TITLE, title);
	struct textdoc head;
	textdoc_init(&head, COLS - 1);
	struct render_opts ro = {.mask_id = true};
	char today[11];
	clock_today(today);
	ro.today = today;
	render_case_banner(fs->c, &ro, &head);
	int y = 1;
	for (size_t i = 0; i < head.n_lines && y < LINES - 4; i++) {
		if (head.lines[i].len == 0 && i + 1 == head.n_lines)
			break;
		ui_draw_doc_line(y++, &head.lines[i]);
	}
	textdoc_done(&head);
	size_t pos, n;
	walk_position(&fs->w, &pos, &n);
	size_t left = form_required_left(fs->f, &fs->v);
	const struct form_section *sec = form_section_of(fs->f, fs->w.cur);
	char progress[256];
	snprintf(progress, sizeof(progress),
		 "%s · field %zu of %zu · %zu required left%s%s",
		 sec ? form_text_get(&sec->title, fs->lang, NULL) : "", pos, n,
		 left, left ? "" : " · ready to sign",
		 fs->fi.amends ? " · amendment" : "");
	draw_text_line(y++, 0, COLS, progress, left ? UC_HEADING : UC_STRONG);
	int detail_h = LINES >= 30 ? 8 : 6;
	int y1 = LINES - 1 - detail_h;
	if (y1 < y + 1)
		y1 = y + 1;
	draw_fields(fs, y, y1);
	draw_detail(fs, y1, LINES - 1);
	if (le) {
		ui_draw_prompt(prompt, le);
		curs_set(1);
	} else {
		char *h =
		    ui_hints(KEYMAP_VIEW_FORM, acts, UTIL_ARRAY_LEN(acts));
		ui_draw_bar(LINES - 1, UC_STATUS, h);
		free(h);
		curs_set(0);
	}
	refresh();
}

/*
 * Reads a line with the editor on the status line, starting from init.
 * Returns the text (caller frees) or NULL when cancelled. check (may be
 * NULL) is called on accept; when it returns false the editor stays open
 * with the text, so a refused value is never lost.
 */
static char *edit_line(struct form_screen *fs, const char *prompt,
		       const char *init,
		       bool (*check)(struct form_screen *, const char *))
{
	struct lineedit le;
	bool confirm = false;
	lineedit_init(&le, init);
	for (;;) {
		draw(fs, &le, prompt);
		int key = ui_getkey();
		if (ui_stopping())
			return NULL;
		if (key < 0)
			continue;
		if (key == 15) { /* C-o: a new line */
			lineedit_key(&le, ' ');
			lineedit_key(&le, 0xB6);
			lineedit_key(&le, ' ');
			continue;
		}
		enum lineedit_result r = lineedit_key(&le, key);
		/* Esc on a changed text asks first: a second Esc discards */
		if (r == LINEEDIT_CANCEL && strcmp(le.buf, init ? init : "") &&
		    !confirm) {
			confirm = true;
			snprintf(fs->error, sizeof(fs->error),
				 "Esc again discards what you typed; Enter "
				 "keeps it");
			continue;
		}
		if (r == LINEEDIT_CANCEL) {
			fs->error[0] = '\0';
			return NULL;
		}
		if (r != LINEEDIT_NONE)
			confirm = false;
		if (r != LINEEDIT_ACCEPT)
			continue;
		char *text = from_editor(le.buf);
		if (!check || check(fs, text))
			return text;
		free(text);
	}
}

static bool check_and_save(struct form_screen *fs, const char *text)
{
	return save(fs, text);
}

/* One finding row, checked as the whole field would check it. */
static bool check_row(struct form_screen *fs, const char *text)
{
	const struct form_field *fd = walk_field(&fs->w);
	char today[11];
	char err[FORM_ERR_MAX];
	char *canon = NULL;
	clock_today(today);
	struct form_ctx ctx = {
	    .today = today, .form = fs->f, .values = &fs->v, .c = fs->c};
	bool ok = form_type_parse_value(fd, text, &ctx, &canon, err) &&
		  form_type_complete(fd, canon, err);
	free(canon);
	if (ok)
		fs->error[0] = '\0';
	else
		/* "row 1: ..." names the row of the field, not of the walk */
		snprintf(fs->error, sizeof(fs->error), "%s",
			 strncmp(err, "row 1: ", 7) == 0 ? err + 7 : err);
	return ok;
}

/*
 * Finding rows are edited one at a time: the editor holds "finding | tier
 * | evidence" for each row in turn (Esc stops, keeping the rows before).
 * The rows are then saved together. True when saved.
 */
static bool edit_rows(struct form_screen *fs)
{
	const struct form_field *fd = walk_field(&fs->w);
	const char *val = form_values_get(&fs->v, fd->id);
	char *rows = xstrdup(val ? val : "");
	struct strbuf out;
	strbuf_init(&out);
	size_t n_rows = 0;
	for (const char *p = rows; *p; p += strcspn(p, "\n"), p += *p != 0)
		n_rows++;
	size_t row = 0;
	bool stopped = false;
	for (char *save_p = NULL, *line = strtok_r(rows, "\n", &save_p); line;
	     line = strtok_r(NULL, "\n", &save_p)) {
		row++;
		char *text = NULL;
		if (!stopped) {
			char *init = to_editor(line);
			char *prompt =
			    xasprintf("Finding %zu of %zu: ", row, n_rows);
			text = edit_line(fs, prompt, init, check_row);
			free(prompt);
			free(init);
			if (!text)
				stopped = true;
		}
		strbuf_printf(&out, "%s%s", out.len ? "\n" : "",
			      text ? text : line);
		free(text);
	}
	free(rows);
	bool ok = out.len ? save(fs, out.buf) : false;
	strbuf_done(&out);
	return ok && !stopped;
}

/* A digit on a choice, yes/no or multi field. True when it was used. */
static bool pick(struct form_screen *fs, int key)
{
	const struct form_field *fd = walk_field(&fs->w);
	if (key < '0' || key > '9')
		return false;
	size_t k = key == '0' ? 10 : (size_t)(key - '0');
	if (fd->type == FT_YESNO) {
		if (k > 2)
			return false;
		if (save(fs, k == 1 ? "yes" : "no"))
			walk_after_set(&fs->w);
		return true;
	}
	if (fd->type != FT_CHOICE && fd->type != FT_MULTI)
		return false;
	if (k > fd->n_options)
		return true;
	const char *opt = fd->options[k - 1].value;
	if (fd->type == FT_CHOICE) {
		if (save(fs, opt))
			walk_after_set(&fs->w);
		return true;
	}
	/* multi: switch the option on or off */
	const char *cur = form_values_get(&fs->v, fd->id);
	struct strbuf sb;
	strbuf_init(&sb);
	bool was = false;
	char *copy = xstrdup(cur ? cur : "");
	for (char *save_p = NULL, *t = strtok_r(copy, " ", &save_p); t;
	     t = strtok_r(NULL, " ", &save_p)) {
		if (strcmp(t, opt) == 0) {
			was = true;
			continue;
		}
		strbuf_printf(&sb, "%s%s", sb.len ? " " : "", t);
	}
	if (!was)
		strbuf_printf(&sb, "%s%s", sb.len ? " " : "", opt);
	save(fs, sb.buf ? sb.buf : "");
	strbuf_done(&sb);
	free(copy);
	return true;
}

/* "Name:role[:cover], ..." → attendee lines; false on a bad entry. */
static bool parse_attendees(const char *in, struct strbuf *out)
{
	char *copy = xstrdup(in);
	bool ok = true;
	for (char *save_p = NULL, *t = strtok_r(copy, ",;", &save_p); t && ok;
	     t = strtok_r(NULL, ",;", &save_p))
		if (*util_trim(t))
			ok = decision_attendee_add(out, t);
	free(copy);
	return ok && out->len > 0;
}

/* Returns true when a decision was signed. */
static bool sign(struct form_screen *fs, const char *chair)
{
	size_t left = form_required_left(fs->f, &fs->v);
	if (left) {
		walk_next_incomplete(&fs->w);
		snprintf(fs->error, sizeof(fs->error),
			 "%zu required field%s still empty; this is the "
			 "first",
			 left, left == 1 ? " is" : "s are");
		return false;
	}
	/* every value as signing will check it: go to the first problem */
	struct diag d0;
	char today[11];
	clock_today(today);
	struct form_ctx ctx = {
	    .today = today, .form = fs->f, .values = &fs->v, .c = fs->c};
	diag_init(&d0);
	if (form_check(fs->f, &fs->v, &ctx, &d0) > 0) {
		size_t at;
		if (d0.items[0].field &&
		    form_field(fs->f, d0.items[0].field, &at))
			fs->w.cur = at;
		snprintf(fs->error, sizeof(fs->error), "%s",
			 d0.items[0].message);
		diag_done(&d0);
		return false;
	}
	diag_done(&d0);
	if (chair)
		snprintf(last_signer, sizeof(last_signer), "%s", chair);
	char *by = edit_line(fs, "Signed by (the chair): ", last_signer, NULL);
	if (!by)
		return false;
	util_trim(by);
	if (!*by) {
		free(by);
		snprintf(fs->error, sizeof(fs->error), "say who signs");
		return false;
	}
	snprintf(last_signer, sizeof(last_signer), "%s", by);
	struct strbuf att;
	strbuf_init(&att);
	char *who = NULL;
	/* at a meeting, those present are the attendees */
	struct tb_meeting m = {0};
	const struct board *b = NULL;
	if (fs->meeting_id &&
	    db_meeting_get(fs->db, fs->meeting_id, &m) == TB_OK) {
		b = boards_by_id(&ui_boards, m.board);
		struct strbuf present;
		strbuf_init(&present);
		if (decision_meeting_attendees(fs->db, fs->meeting_id,
					       &present) == TB_OK &&
		    present.len) {
			/* "name:role[:cover], ..." for the editor */
			struct strbuf line;
			strbuf_init(&line);
			char *save_p = NULL;
			for (char *l = strtok_r(present.buf, "\n", &save_p); l;
			     l = strtok_r(NULL, "\n", &save_p)) {
				char *role, *kind;
				decision_attendee_split(l, &role, &kind);
				strbuf_printf(
				    &line, "%s%s:%s%s", line.len ? ", " : "", l,
				    role,
				    strcmp(kind, "cover") == 0 ? ":cover" : "");
			}
			snprintf(last_attendees, sizeof(last_attendees), "%s",
				 line.buf);
			strbuf_done(&line);
		}
		strbuf_done(&present);
	}
	for (;;) {
		free(who);
		who = edit_line(fs, "Attendees (name:role[:cover], ...): ",
				last_attendees, NULL);
		if (!who)
			break;
		strbuf_reset(&att);
		if (parse_attendees(who, &att))
			break;
		snprintf(fs->error, sizeof(fs->error),
			 "write each attendee as name:role or "
			 "name:role:cover, separated by commas");
		snprintf(last_attendees, sizeof(last_attendees), "%s", who);
	}
	bool signed_ok = false;
	char *override = NULL;
	if (who && b) {
		struct strbuf missing;
		strbuf_init(&missing);
		if (quorum_missing(b, att.buf, &missing)) {
			char *prompt = xasprintf("Not quorate (nobody as %s). "
						 "Reason to sign anyway: ",
						 missing.buf);
			override = edit_line(fs, prompt, "", NULL);
			free(prompt);
			if (override && !*util_trim(override)) {
				free(override);
				override = NULL;
			}
			if (!override) {
				snprintf(fs->error, sizeof(fs->error),
					 "not signed: the board is not "
					 "quorate");
				free(who);
				who = NULL;
			}
		}
		strbuf_done(&missing);
	}
	if (who) {
		snprintf(last_attendees, sizeof(last_attendees), "%s", who);
		struct decision_sign_opts o = {
		    .signed_by = by,
		    .attendees = att.buf,
		    .meeting_id = fs->meeting_id,
		    .board = b,
		    .quorum_override = override,
		    .kb_version = ui_kb.n ? ui_kb.version : NULL,
		    .kb = ui_kb.n ? &ui_kb : NULL};
		struct diag d;
		long long id = 0;
		diag_init(&d);
		enum tb_status st =
		    decision_sign(fs->db, fs->forms, fs->case_id, &o, &d, &id);
		if (st == TB_OK) {
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "Decision %lld signed by %s", id, by);
			signed_ok = true;
		} else if (d.n)
			snprintf(fs->error, sizeof(fs->error), "%s%s%s",
				 d.items[0].field ? d.items[0].field : "",
				 d.items[0].field ? ": " : "",
				 d.items[0].message);
		else
			snprintf(fs->error, sizeof(fs->error), "%s",
				 status_message(st));
		diag_done(&d);
	}
	free(override);
	free(who);
	free(by);
	strbuf_done(&att);
	return signed_ok;
}

/* Opens or resumes the case's draft. */
static bool note_latest(const struct tb_decision *d, void *arg)
{
	*(long long *)arg = d->id;
	return true;
}

static bool open_draft(struct form_screen *fs)
{
	if (reload(fs))
		return true;
	/* a signed decision changes only by an amendment with a reason */
	long long latest = 0;
	db_decision_each(fs->db, fs->case_id, note_latest, &latest);
	if (latest) {
		char *prompt = xasprintf("Decision %lld is signed. Amend it — "
					 "why? (Esc: no) ",
					 latest);
		char *why = ui_prompt_line(prompt, "");
		free(prompt);
		if (!why || !*why) {
			free(why);
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "Not amended: an amendment needs a reason");
			return false;
		}
		struct diag d;
		diag_init(&d);
		long long inst;
		enum tb_status st =
		    decision_amend(fs->db, fs->forms, latest, why, &d, &inst);
		if (st != TB_OK && d.n)
			snprintf(ui_status_msg, sizeof(ui_status_msg), "%s",
				 d.items[0].message);
		diag_done(&d);
		free(why);
		return st == TB_OK && reload(fs);
	}
	const struct board *b = boards_for_icd10(&ui_boards, fs->c->icd10);
	const struct form *f = decision_form_for(fs->forms, b ? b->id : NULL);
	if (!f)
		return false;
	struct diag d;
	diag_init(&d);
	long long inst;
	enum tb_status st = decision_open(fs->db, f, ui_kb.n ? &ui_kb : NULL,
					  fs->case_id, &d, &inst);
	diag_done(&d);
	return st == TB_OK && reload(fs);
}

bool ui_form_run(struct db *db, const struct form_set *forms, long long case_id,
		 long long meeting_id, const char *chair)
{
	struct form_screen fs = {.db = db,
				 .forms = forms,
				 .case_id = case_id,
				 .meeting_id = meeting_id,
				 .lang = "sv"};
	bool quit = false;
	ui_need_forms();
	form_values_init(&fs.v);
	if (db_case_load(db, case_id, &fs.c) != TB_OK || !open_draft(&fs)) {
		if (!ui_status_msg[0])
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "The decision form could not be opened");
		goto done;
	}
	fs.f = form_set_get(forms, fs.fi.form_id);
	if (!fs.f || strcmp(fs.f->version, fs.fi.form_version) != 0) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The draft's form %s %s is not installed",
			 fs.fi.form_id, fs.fi.form_version);
		goto done;
	}
	walk_init(&fs.w, fs.f, &fs.v);
	while (!ui_stopping()) {
		draw(&fs, NULL, NULL);
		int key = ui_getkey();
		if (key < 0)
			continue;
		enum action a = keymap_lookup(&ui_keys, KEYMAP_VIEW_FORM, key);
		if (a == ACTION_COMMAND)
			a = ui_command();
		if (a == ACTION_NONE) {
			pick(&fs, key);
			continue;
		}
		switch (a) {
		case ACTION_MOVE_DOWN:
			walk_step(&fs.w, 1);
			fs.error[0] = '\0';
			break;
		case ACTION_MOVE_UP:
			walk_step(&fs.w, -1);
			fs.error[0] = '\0';
			break;
		case ACTION_NEXT_PANE:
		case ACTION_PAGE_DOWN:
			walk_section(&fs.w, 1);
			break;
		case ACTION_PREV_PANE:
		case ACTION_PAGE_UP:
			walk_section(&fs.w, -1);
			break;
		case ACTION_FIRST:
			while (walk_step(&fs.w, -1))
				;
			break;
		case ACTION_LAST:
			while (walk_step(&fs.w, 1))
				;
			break;
		case ACTION_NEXT_INCOMPLETE:
			if (!walk_next_incomplete(&fs.w))
				snprintf(ui_status_msg, sizeof(ui_status_msg),
					 "Every required field is filled: S "
					 "signs");
			break;
		case ACTION_EDIT: {
			const struct form_field *fd = walk_field(&fs.w);
			if (fd->type == FT_FINDING &&
			    form_values_get(&fs.v, fd->id)) {
				if (edit_rows(&fs))
					walk_after_set(&fs.w);
				break;
			}
			char *init = to_editor(form_values_get(&fs.v, fd->id));
			char *prompt = xasprintf(
			    "%s: ", form_text_get(&fd->label, fs.lang, NULL));
			char *text =
			    edit_line(&fs, prompt, init, check_and_save);
			if (text)
				walk_after_set(&fs.w);
			free(text);
			free(prompt);
			free(init);
			break;
		}
		case ACTION_CLEAR_VALUE:
			save(&fs, "");
			break;
		case ACTION_SIGN:
			if (sign(&fs, chair))
				goto done;
			break;
		case ACTION_HELP:
			if (ui_show_help()) {
				quit = true;
				goto done;
			}
			break;
		case ACTION_BACK:
			goto done;
		case ACTION_QUIT:
			quit = true;
			goto done;
		default:
			break;
		}
	}
done:
	model_case_free(&fs.c);
	db_form_instance_done(&fs.fi);
	form_values_done(&fs.v);
	return quit || ui_stopping();
}
