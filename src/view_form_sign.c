/*
 * Signing from the form: the one signing rule, who signs, who attended
 * (at a meeting, those present), the quorum (a reason to sign without
 * it), the read-back of the decision as it will be archived, and the
 * signature of exactly the revision read back.
 */
#include "i18n.h"
#include "view_form_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_user.h"
#include "user.h"
#include "perm.h"
#include "app.h"
#include "db_form.h"
#include "db_meeting.h"
#include "decision.h"
#include "diag.h"
#include "keymap.h"
#include "quorum.h"
#include "render_form.h"
#include "status.h"
#include "summary.h"
#include "term.h"
#include "textdoc.h"
#include "util.h"
#include "view.h"

/* What the session remembers between forms: who attends (and
 * at which meeting, 0 outside one: attendees typed for one meeting are
 * never offered for a decision outside it). */
static char last_attendees[LINEEDIT_MAX];
static long long last_attendees_meeting;

/* The board of the meeting signed at, NULL outside one. */
static const struct board *meeting_board(struct form_screen *fs)
{
	struct tb_meeting m = {0};
	if (!fs->meeting_id ||
	    db_meeting_get(fs->db, fs->meeting_id, &m) != TB_OK)
		return NULL;
	return boards_by_id(&fs->ui->app->boards, m.board);
}

/* Each attendee a user or a marked guest (user_attendees_line) in a role
 * of the meeting's board (outside one, of any board); the message names
 * the entry refused and why. */
static bool check_attendees(struct form_screen *fs, const char *text)
{
	struct strbuf att;
	strbuf_init(&att);
	char why[700];
	enum tb_status st =
	    user_attendees_line(fs->db, text, &att, why, sizeof(why));
	char rw[700] = "";
	/* the roles of those taken checked too: every mistake said at once */
	bool roles = quorum_roles_known(&fs->ui->app->boards, meeting_board(fs),
					att.buf, NULL, rw, sizeof(rw));
	strbuf_done(&att);
	if (st == TB_OK && !roles)
		snprintf(why, sizeof(why), "%s", rw);
	else if (!roles) { /* said after the entries refused */
		util_add_sentence(why, sizeof(why), rw);
		roles = true;
	}
	if (st == TB_OK && roles)
		fs->error[0] = '\0';
	else if (util_blank(text) || !roles)
		snprintf(fs->error, sizeof(fs->error),
			 _("Attendees: %s; Esc does not sign"), why);
	else
		snprintf(fs->error, sizeof(fs->error),
			 _("Not an attendee: %s; Esc does not sign"), why);
	return st == TB_OK && roles;
}

static bool check_reason(struct form_screen *fs, const char *text)
{
	char *t = xstrdup(text);
	bool ok = *util_trim(t) != '\0';
	free(t);
	snprintf(fs->error, sizeof(fs->error), "%s",
		 ok ? ""
		    : _("A reason is needed to sign while the board is not "
			"quorate; Esc does not sign"));
	return ok;
}

/* While the read-back is shown: the labels of the fields changed in the
 * draft since revision read (another terminal, the command line), into
 * *changed (caller frees; stays NULL while nothing changed). The draft is
 * looked at only when the store's data version moved. */
static void readback_watch(struct form_screen *fs, long long read,
			   unsigned long long *seen, char **changed)
{
	unsigned long long other = 0, own = 0;
	long long rev = 0;
	if (*changed || db_data_version(fs->db, &other, &own) != TB_OK ||
	    other + own == *seen)
		return;
	*seen = other + own;
	if (db_form_revision(fs->db, fs->fi.id, &rev) != TB_OK || rev == read)
		return;
	struct strbuf ch;
	strbuf_init(&ch);
	db_form_changed_since(fs->db, fs->fi.id, read, &ch);
	*changed = view_form_labels_of(fs, ch.buf ? ch.buf : "");
	strbuf_done(&ch);
}

/* The read-back's state: the caller's while it is open. */
struct readback {
	struct form_screen *fs;
	const struct tb_decision *dec;
	int top;     /* the first line shown */
	int h, most; /* the lines shown and the last top, as drawn */
	unsigned long long seen; /* the data version looked at */
	char *changed;		 /* the fields changed since it was read */
	int answer;		 /* 1 sign, 0 back, 2 changed: not signed */
};

static const char *readback_title(struct ui *ui, void *st)
{
	(void)ui;
	(void)st;
	return _("tumorboard — read back the decision before signing");
}

/* Whether name is one of the attendees ("name\trole\tkind" lines). */
static bool among_attendees(const char *attendees, const char *name)
{
	size_t n = strlen(name);
	for (const char *l = attendees; l && *l;) {
		const char *end = strchr(l, '\n');
		if (strncasecmp(l, name, n) == 0 && l[n] == '\t')
			return true;
		l = end ? end + 1 : NULL;
	}
	return false;
}

/* Who signs, when not the meeting's named chair, and when not among the
 * attendees (at a meeting: not recorded present, or recorded as having
 * left): said before it is signed, as the minutes will say the first. */
static void readback_signer(const struct readback *rb, struct textdoc *doc)
{
	struct tb_meeting m;
	const char *by = rb->dec->signed_by;
	if (!by || !*by)
		return;
	const char *att = rb->dec->attendees;
	if (att && *att && !among_attendees(att, by)) {
		char *line =
		    xasprintf(rb->fs->meeting_id
				  ? _("Signed by %s, who is not recorded "
				      "present at the meeting (never arrived, "
				      "or left): not among the attendees "
				      "below.")
				  : _("Signed by %s, who is not among the "
				      "attendees below."),
			      by);
		textdoc_wrap(doc, 0, TD_WARN, line);
		free(line);
	}
	if (!rb->fs->meeting_id ||
	    db_meeting_get(rb->fs->db, rb->fs->meeting_id, &m) != TB_OK ||
	    !m.chair[0] || strcasecmp(by, m.chair) == 0)
		return;
	char *line = xasprintf(_("Signed by %s instead of the meeting's "
				 "chair, %s."),
			       by, m.chair);
	textdoc_wrap(doc, 0, TD_WARN, line);
	free(line);
}

static bool readback_draw(struct ui *ui, void *st)
{
	(void)ui;
	struct readback *rb = st;
	readback_watch(rb->fs, rb->dec->form_revision, &rb->seen, &rb->changed);
	struct textdoc doc;
	textdoc_init(&doc, term_cols() - 1);
	if (rb->changed) {
		char *line = xasprintf(
		    _("Changed elsewhere while you read (%s): this "
		      "is no longer what would be archived. Esc goes "
		      "back to the form; sign again to read it back."),
		    rb->changed);
		textdoc_wrap(&doc, 0, TD_WARN, line);
		free(line);
	}
	char *head = xasprintf(_("Read back before signing (draft revision "
				 "%lld): this is what will be archived."),
			       rb->dec->form_revision);
	textdoc_wrap(&doc, 0, TD_WARN, head);
	free(head);
	readback_signer(rb, &doc);
	/* the language of the free text is signed with it */
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(rb->dec->content, &v);
	/* what signing does not refuse but the signer is warned of */
	struct diag w;
	diag_init(&w);
	decision_warnings(rb->fs->f, &v, &w);
	for (size_t i = 0; i < w.n; i++) {
		char *line = xasprintf(_("Warning: %s"), w.items[i].message);
		textdoc_wrap(&doc, 0, TD_WARN, line);
		free(line);
	}
	diag_done(&w);
	char *tl = decision_text_lang_line(&v);
	textdoc_wrap(&doc, 0, TD_NORMAL, tl);
	free(tl);
	char *nl = summary_nurse_line(rb->fs->db, rb->fs->f, &v);
	if (nl)
		textdoc_wrap(&doc, 0, TD_WARN, nl);
	free(nl);
	form_values_done(&v);
	render_decision_fitted(rb->dec, rb->fs->f, rb->fs->lang, &doc);
	rb->h = term_lines() - 2;
	rb->most = (int)doc.n_lines - rb->h;
	if (rb->top > rb->most)
		rb->top = rb->most;
	if (rb->top < 0)
		rb->top = 0;
	for (int i = 0; i < rb->h && rb->top + i < (int)doc.n_lines; i++)
		term_doc_line(1 + i, &doc.lines[rb->top + i]);
	char bar[160];
	snprintf(bar, sizeof(bar),
		 rb->changed ? _("Changed elsewhere: Esc back to the "
				 "form, not signed%s")
			     : _("Enter signs this  ↑↓ PgUp PgDn read  Esc "
				 "back, not signed%s"),
		 rb->top < rb->most ? _("  (more below)") : "");
	term_bar(term_lines() - 1, TC_STATUS, bar);
	term_cursor(false);
	textdoc_done(&doc);
	return true;
}

/* Every key is the read-back's: q is back here, not quit. Only Enter
 * signs, as its status line says: not e (the form's edit, which Enter
 * is too there) nor S or F2 (the form's sign, which opened it), pressed
 * before what will be archived was read. */
static int readback_key(struct ui *ui, void *st, int key)
{
	struct readback *rb = st;
	enum action a = keymap_lookup(&ui->keys, KEYMAP_VIEW_FORM, key);
	if (key == '\r') {
		if (!rb->changed) {
			rb->answer = 1;
			return VIEW_CLOSE;
		}
		/* what was read is not what would be archived */
		snprintf(rb->fs->error, sizeof(rb->fs->error),
			 _("Not signed: the draft changed after it "
			   "was read back (%s). Read it back again to "
			   "sign."),
			 rb->changed);
		rb->answer = 2;
		return VIEW_CLOSE;
	}
	switch (a) {
	case ACTION_BACK:
	case ACTION_QUIT:
		return VIEW_CLOSE;
	case ACTION_MOVE_DOWN:
		rb->top++;
		break;
	case ACTION_MOVE_UP:
		rb->top--;
		break;
	case ACTION_PAGE_DOWN:
		rb->top += rb->h;
		break;
	case ACTION_PAGE_UP:
		rb->top -= rb->h;
		break;
	case ACTION_FIRST:
		rb->top = 0;
		break;
	case ACTION_LAST:
		rb->top = rb->most;
		break;
	default:
		break;
	}
	return 0;
}

static const struct view_ops readback_ops = {
    .name = "read-back",
    .title = readback_title,
    .draw = readback_draw,
    .on_key = readback_key,
};

/*
 * The read-back: the decision as it will be archived, scrolled with the
 * usual keys; a view on top of the form's, run by the one loop until it
 * is answered. 1 when the signer confirms (Enter or sign), 0 back or when
 * the program is stopping. A draft changed underneath while it is shown
 * (the screen is idle) is said at once, and Enter no longer signs: what
 * was read is not what would be archived (2, the reason in fs->error).
 */
static int readback(struct form_screen *fs, const struct tb_decision *dec)
{
	struct readback rb = {.fs = fs, .dec = dec};
	view_push(fs->ui, &readback_ops, &rb);
	view_run_top(fs->ui);
	free(rb.changed);
	return rb.answer;
}

/* The one signing rule: false (and the walk on the first field that
 * blocks signing) when something is still to do. */
static bool ready_to_sign(struct form_screen *fs)
{
	struct diag d0;
	diag_init(&d0);
	size_t todo = form_check(fs->f, &fs->v, &fs->ctx, &d0);
	if (todo) {
		size_t at;
		if (d0.items[0].field &&
		    form_field(fs->f, d0.items[0].field, &at)) {
			fs->w.cur = at;
			fs->arrived = true; /* keys stay commands there */
		}
		snprintf(fs->error, sizeof(fs->error),
			 _("%zu to do before signing; this is the first: %s"),
			 todo, d0.items[0].message);
	}
	diag_done(&d0);
	return todo == 0;
}

/* At a meeting those present, as "name:role[:cover], ..." for the
 * editor (the role and the kind in the interface's language, as
 * quorum_roles_known and decision_attendee_add take them back), into line (n
 * bytes), and the meeting's board in *b; line stays as it is when nobody is
 * recorded present. */
static void present_attendees(struct form_screen *fs, const struct board **b,
			      char *line_out, size_t n)
{
	struct tb_meeting m = {0};
	if (!fs->meeting_id ||
	    db_meeting_get(fs->db, fs->meeting_id, &m) != TB_OK)
		return;
	*b = boards_by_id(&fs->ui->app->boards, m.board);
	struct strbuf present;
	strbuf_init(&present);
	if (decision_meeting_attendees(fs->db, fs->meeting_id, &present) ==
		TB_OK &&
	    present.len) {
		struct strbuf line;
		strbuf_init(&line);
		char *save_p = NULL;
		for (char *l = strtok_r(present.buf, "\n", &save_p); l;
		     l = strtok_r(NULL, "\n", &save_p)) {
			char *role, *kind;
			decision_attendee_split(l, &role, &kind);
			bool cover = strcmp(kind, "cover") == 0;
			char *shown = user_attendee_shown(l);
			strbuf_printf(&line, "%s%s:%s%s%s",
				      line.len ? ", " : "", shown,
				      model_role_label(role), cover ? ":" : "",
				      cover ? _("cover") : "");
			free(shown);
		}
		snprintf(line_out, n, "%s", line.buf);
		strbuf_done(&line);
	}
	strbuf_done(&present);
}

/* Not quorate by board b with the attendees att: the reason to sign
 * anyway (caller frees), or NULL when the signer gives none (*stop set). A
 * quorate board (or none) gives NULL without stopping. */
static char *quorum_reason(struct form_screen *fs, const struct board *b,
			   const char *att, bool *stop)
{
	*stop = false;
	if (!b)
		return NULL;
	char *override = NULL;
	struct strbuf missing;
	strbuf_init(&missing);
	if (quorum_missing_said(b, att, &missing)) {
		char *prompt = xasprintf(_("Not quorate (nobody as %s). "
					   "Reason to sign anyway: "),
					 missing.buf);
		override =
		    view_form_edit_line(fs, prompt, "", false, check_reason);
		free(prompt);
		if (override)
			util_trim(override);
		else {
			snprintf(fs->error, sizeof(fs->error),
				 _("Not signed: the board is not quorate"));
			*stop = true;
		}
	}
	strbuf_done(&missing);
	return override;
}

/* What a refused signature says (st, d) in fs->error. */
static void sign_refused(struct form_screen *fs, enum tb_status st,
			 const struct diag *d, long long read_back)
{
	if (d->n && d->items[0].field &&
	    strcmp(d->items[0].field, "revision") == 0) {
		struct strbuf ch;
		strbuf_init(&ch);
		db_form_changed_since(fs->db, fs->fi.id, read_back, &ch);
		char *labels = view_form_labels_of(fs, ch.buf);
		snprintf(fs->error, sizeof(fs->error),
			 _("Not signed: the draft changed after it was read "
			   "back (%s). Read it back again to sign."),
			 labels);
		free(labels);
		strbuf_done(&ch);
	} else if (d->n)
		snprintf(fs->error, sizeof(fs->error), "%s%s%s",
			 d->items[0].field ? d->items[0].field : "",
			 d->items[0].field ? ": " : "", d->items[0].message);
	else
		snprintf(fs->error, sizeof(fs->error), "%s",
			 status_message(st));
}

/* Previews, reads back and signs exactly the revision read back. */
static bool sign_read_back(struct form_screen *fs, struct decision_sign_opts *o)
{
	struct diag d;
	struct tb_decision pre;
	long long id = 0;
	bool signed_ok = false;
	diag_init(&d);
	enum tb_status st =
	    decision_preview(fs->db, fs->forms, fs->case_id, o, &d, &pre);
	int answer = st == TB_OK ? readback(fs, &pre) : 0;
	if (st == TB_OK && answer == 1) {
		/* exactly the revision read back */
		o->revision = pre.form_revision;
		st = decision_sign(fs->db, fs->forms, fs->case_id, o, &d, &id);
	}
	if (st == TB_OK && answer == 1) {
		ui_say(fs->ui, _("Decision %lld signed by %s"), id,
		       o->signed_by);
		signed_ok = true;
	} else if (st == TB_OK && answer == 2) {
		/* the reason is said: changed while it was read */
	} else if (st == TB_OK)
		snprintf(fs->error, sizeof(fs->error),
			 _("Not signed: back to the form"));
	else
		sign_refused(fs, st, &d, pre.form_revision);
	db_decision_done(&pre); /* zeroed by a failed preview */
	diag_done(&d);
	return signed_ok;
}

bool view_form_sign(struct form_screen *fs, const char *chair)
{
	if (!ready_to_sign(fs))
		return false;
	/* the signer is the signed-in user, said, not typed: Enter goes on
	 * (a name typed there was refused unless it was theirs) */
	const struct user *me = user_current();
	if (!me || !me->name || !*me->name) {
		snprintf(fs->error, sizeof(fs->error), "%s",
			 _("Not signed: nobody is signed in"));
		return false;
	}
	char *q =
	    xasprintf(_("To be signed by %s (signed in): Enter goes on, Esc "
			"back"),
		      me->name);
	int go = ui_choose(fs->ui, q, "\r\n",
			   _("The signer is the signed-in user: Enter goes "
			     "on"));
	free(q);
	if (go < 0)
		return false;
	fs->error[0] = '\0'; /* a signing given up before is not this one's */
	char *by = xstrdup(me->name);
	/* at a meeting, those present are the attendees; outside one, only
	 * attendees typed outside a meeting are offered again */
	const struct board *b = NULL;
	char present_line[LINEEDIT_MAX] = "";
	present_attendees(fs, &b, present_line, sizeof(present_line));
	char why[sizeof(fs->error)];
	if (!perm_may_sign(perm_session_roles(), user_current(),
			   b ? b->id : NULL, chair, why, sizeof(why))) {
		/* why says what may not be done, and why */
		snprintf(fs->error, sizeof(fs->error), "%s", why);
		db_user_log_denied(
		    fs->ui->app->db, user_actor(), "decision.sign",
		    /* untranslated: an audit detail */ "sign for the board",
		    0);
		free(by);
		return false;
	}
	const char *offer = present_line[0] ? present_line
			    : last_attendees_meeting == fs->meeting_id
				? last_attendees
				: "";
	char *who =
	    view_form_edit_line(fs, _("Attendees (name:role[:cover], ...): "),
				offer, false, check_attendees);
	struct strbuf att, coded;
	strbuf_init(&att);
	strbuf_init(&coded);
	bool signed_ok = false;
	if (who) {
		char bad[700];
		/* checked as the line was edited: the users read again */
		if (user_attendees_line(fs->db, who, &att, bad, sizeof(bad)) !=
			TB_OK ||
		    !quorum_roles_known(&fs->ui->app->boards, b, att.buf,
					&coded, bad, sizeof(bad))) {
			snprintf(fs->error, sizeof(fs->error),
				 _("Not signed: %s"), bad);
			free(who);
			free(by);
			strbuf_done(&att);
			strbuf_done(&coded);
			return false;
		}
		/* from here on each role by its code, as it is stored */
		strbuf_done(&att);
		att = coded;
		snprintf(last_attendees, sizeof(last_attendees), "%s", who);
		last_attendees_meeting = fs->meeting_id;
		bool stop;
		char *override = quorum_reason(fs, b, att.buf, &stop);
		if (!stop) {
			struct decision_sign_opts o = {
			    .signed_by = by,
			    .attendees = att.buf,
			    .meeting_id = fs->meeting_id,
			    .board = b,
			    .boards = &fs->ui->app->boards,
			    .quorum_override = override,
			    .kb_version = fs->ui->app->kb.n
					      ? fs->ui->app->kb.version
					      : NULL,
			    .kb = app_kb(fs->ui->app)};
			signed_ok = sign_read_back(fs, &o);
		}
		free(override);
	}
	free(who);
	free(by);
	strbuf_done(&att);
	return signed_ok;
}
