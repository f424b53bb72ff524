/*
 * view_form_internal — what the files of the decision form view share
 * (view_form.c: state, keys and actions; view_form_draw.c: drawing and
 * the editors; view_form_sign.c: read-back and sign-off). Only these
 * three include it.
 */
#ifndef TB_VIEW_FORM_INTERNAL_H
#define TB_VIEW_FORM_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "db_form.h"
#include "form_def.h"
#include "form_type.h"
#include "lineedit.h"
#include "model.h"
#include "walk.h"

#define PILCROW	 "\xc2\xb6"
#define UNDO_MAX 32

struct ui;

/* One change that u takes back: the field's earlier value (NULL: it had
 * none) and the revision the change made. */
struct undo_step {
	char *field;
	char *value;
	long long revision;
};

/* A field changed in another terminal or on the command line while the
 * form is open: marked beside the field until this screen sets it. by
 * and at (local "YYYY-MM-DD HH:MM") are NULL when not known. */
struct form_mark {
	char *field;
	char *by;
	char *at;
};

struct form_screen {
	struct ui *ui; /* the screen it is on (outlives the view) */
	struct db *db;
	const struct form_set *forms;
	const struct form *f;
	long long case_id;
	struct tb_case *c;
	struct db_form_instance fi; /* fi.revision: the revision shown */
	struct form_values v;
	struct walk w;
	char today[11];
	struct form_ctx ctx; /* the signing rule's context, for the walk */
	int top;	     /* first field row shown */
	char error[FORM_ERR_MAX + 800]; /* a refusal may name every role */
	char notice[512]; /* what changed elsewhere, until the next key */
	const char *lang;
	long long meeting_id; /* 0 when not opened from an agenda */
	/* this form opened the draft (not resumed, not an amendment):
	 * leaving it with nothing saved abandons it (db_form_drop_unsaved) */
	bool created;
	struct walk_pick pick;
	/* the walk went to this field by itself (after a value was taken,
	 * to what blocks signing): on a text field keys are commands until
	 * Enter (or e) edits; a move of the user's own ends it */
	bool arrived;
	/* there a printable key was refused: what follows is typing too (a
	 * space does not page on, a letter does not act) until a key that
	 * types nothing (Enter, Esc, an arrow) */
	bool typing_refused;
	size_t opt_field; /* the field opt_top belongs to */
	int opt_top;	  /* first option line shown */
	int opt_rows;	  /* option lines, and how many fit (PgDn/PgUp) */
	int opt_room;
	struct undo_step undo[UNDO_MAX];
	size_t n_undo;
	long long edit_seen; /* the revision the open editor's value is from */
	size_t edit_row;     /* the finding row the row editor holds (from 1) */
	size_t edit_start;   /* first byte shown of a one-line editor */
	int edit_top;	     /* first row shown of a multi-line editor */
	const char *chair;   /* offered as the signer (may be NULL) */
	struct form_mark *marks; /* fields changed elsewhere, n_marks */
	size_t n_marks;
	char title[256];
};

/* Choice, multi-choice and yes/no fields: digits pick. */
bool view_form_is_choice(const struct form_field *fd);
size_t view_form_n_choices(const struct form_field *fd);
/* Edited in the multi-line box: long text and rows of alternatives. */
bool view_form_is_multiline(const struct form_field *fd);
/* A key that types a character (and so edits a text field). */
bool view_form_printable(int key);
/* Stored values → editor text and back (rows as " | ", lines as ¶ on
 * one line); caller frees. */
char *view_form_to_editor(const char *s, bool multiline);
char *view_form_from_editor(const char *s);
/* A field's value as its row shows it in `cells` columns: every finding
 * of a finding field that fits, then "+N more" (caller frees). */
/* A findings field with rows edited one row at a time (Esc stops, keeping
 * the rows before; C-o opens a new row after the one edited; a row left
 * empty is dropped), then saved together; true when saved. */
bool view_form_edit_rows(struct form_screen *fs);
char *view_form_row_value(const struct form_screen *fs,
			  const struct form_field *fd, const char *value,
			  int cells);
/* A field's label; "Label, Label" for field ids one a line (caller
 * frees). */
const char *view_form_label_of(const struct form_screen *fs, const char *id);
char *view_form_labels_of(const struct form_screen *fs, const char *ids);
/* Whether key is a command on a text field too (the command line, j and
 * k: whatever the form binds to command, move-up or move-down), not
 * typing. */
bool view_form_key_is_command(const struct form_screen *fs, int key);
/* Whether keys on the current field type into it (a text field the user
 * moved to) rather than being commands. */
bool view_form_typing(const struct form_screen *fs);
/* Saves input for the current field, edited from revision seen; false
 * with the message in fs->error. */
bool view_form_save(struct form_screen *fs, const char *input, long long seen);
/* The field's mark when it changed elsewhere while the form is open;
 * NULL when none. */
const struct form_mark *view_form_mark(const struct form_screen *fs,
				       const char *field);
/* Loads the draft again when its revision moved elsewhere: the values,
 * the marks and the notice (editing: an editor is open on the current
 * field, which the walk keeps). False when it is no longer a draft. */
bool view_form_sync(struct form_screen *fs, bool editing);
/* "u"-style words for messages; buf holds 32 bytes. */
const char *view_form_key_word(const struct form_screen *fs, enum action a,
			       char buf[32]);

/* The body under the title (banner, progress, fields, detail, status
 * line or the editor le with prompt). */
void view_form_draw_body(struct form_screen *fs, const struct lineedit *le,
			 const char *prompt);
/* The form's title bar (the editor's too; st: the form_screen). */
const char *view_form_title(struct ui *ui, void *st);
/* Reads a value with the editor drawn over the form, starting from init;
 * check (may be NULL) refuses with a message and the editor stays open.
 * The editor is a view on top of the form's, run by the one loop until
 * it is answered. The text (caller frees) or NULL when cancelled. */
char *view_form_edit_line(struct form_screen *fs, const char *prompt,
			  const char *init, bool multiline,
			  bool (*check)(struct form_screen *, const char *));
/* Edits the current text field from its value or from the character
 * typed (typed non-NULL); true when a value was saved. */
bool view_form_edit_field(struct form_screen *fs, const char *typed);
/* Signs: the signing rule, signer, attendees, quorum, read-back, sign.
 * True when a decision was signed. */
bool view_form_sign(struct form_screen *fs, const char *chair);
/* The form of a new decision (view_form_open.c): the board's, or the
 * molecular tumour board's when the case has findings
 * (app_decision_form_mtb), asked then; *form_id NULL: the board's. False
 * when the question was left (said on the status line). */
bool view_form_pick(struct form_screen *fs, const char **form_id);

#endif
