/*
 * The minutes of a meeting (minutes.h). Data: the meeting row, its
 * attendees, its agenda (a finished meeting's agenda includes the cases it
 * did not reach, see db_agenda_record) and the decisions signed at it, read
 * once each; the cases' diagnoses are loaded per agenda row.
 */
#include "minutes.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_meeting.h"
#include "db_user.h"
#include "decision.h"
#include "diag.h"
#include "form_type.h"
#include "i18n.h"
#include "import_boards.h"
#include "import_form.h"
#include "model.h"
#include "pdf.h"
#include "quorum.h"
#include "report.h"
#include "user.h"
#include "util.h"

/* The minutes built as an older archive recorded them (English, the
 * recommendation in the form's Swedish words), for minutes_verify. */
static bool as_written;

/* Columns of the attendance and case lines (a PDF makes tab stops). */
#define COL_ROLE   26
#define COL_KIND   50
#define COL_TIME   57 /* at least: the kind's words may be wider */
#define COL_CASE   4
#define COL_ICD	   24
#define COL_WHAT   32
#define IND_DETAIL 6

/* A decision signed at the meeting, copied out of the read. */
struct signed_dec {
	long long id, case_id;
	int version;
	char *signed_by, *signed_at, *rec, *override;
	char *attendees; /* the decision's "name\trole\tkind" lines */
	bool shown;	 /* its case was on the agenda */
	bool late;	 /* signed after the meeting finished */
};

struct minutes {
	struct db *db;
	const struct form_set *forms;
	const struct tb_meeting *m;
	struct textdoc *doc;
	struct signed_dec *dec;
	size_t n_dec;
	struct strbuf *canon; /* the canonical record; NULL: not wanted */
	const char *present;  /* the meeting's attendance lines */
	/* the cases counted as they are listed (minutes_tally_case) */
	struct minutes_tally tally;
	bool finished; /* by the rule of now (not as an archive wrote) */
	bool failed;
};

/* "HH:MM" of a recorded UTC time in local time (as the screens show it;
 * an older archive's text in UTC, as written), with its date in front
 * when it is not day's; "?" when there is none. out holds 20 bytes. */
static const char *at(const char *ts, const char *day, char out[20])
{
	if (!ts || strlen(ts) < 16)
		return "?";
	if (!as_written && clock_local_at(ts, day, out))
		return out;
	if (day && strncmp(ts, day, 10) == 0)
		snprintf(out, 20, "%.5s", ts + 11);
	else
		snprintf(out, 20, "%.10s %.5s", ts, ts + 11);
	return out;
}

/* The day the meeting was held: its real start, else its planned date. */
static const char *held_day(const struct tb_meeting *m)
{
	return m->started[0] ? m->started : m->date;
}

static bool collect_decision(const struct tb_decision *d, void *arg)
{
	struct minutes *mn = arg;
	mn->dec = xrealloc(mn->dec, (mn->n_dec + 1) * sizeof(*mn->dec));
	struct signed_dec *s = &mn->dec[mn->n_dec++];
	memset(s, 0, sizeof(*s));
	s->id = d->id;
	s->case_id = d->case_id;
	s->version = d->version;
	s->signed_by = xstrdup(d->signed_by ? d->signed_by : "");
	s->signed_at = xstrdup(d->signed_at ? d->signed_at : "");
	s->override = d->quorum_override ? xstrdup(d->quorum_override) : NULL;
	s->attendees = xstrdup(d->attendees ? d->attendees : "");
	const struct form *f =
	    mn->forms ? form_set_version(mn->forms, d->form_id, d->form_version)
		      : NULL;
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(d->content, &v);
	/* as an older archive wrote them: in the form's Swedish words */
	const char *lang = as_written
			       ? /* untranslated: the record as written */ "sv"
			       : i18n_language();
	s->rec = form_role_format(f, &v, "recommendation", lang);
	if (!s->rec)
		s->rec = xasprintf(_("(form %s version %s is not loaded)"),
				   d->form_id, d->form_version);
	form_values_done(&v);
	return true;
}

/* One line of the canonical record: "key=value" with tabs between the
 * value's fields; nothing when canon is NULL. */
static void __attribute__((format(printf, 3, 4)))
canon_line(struct strbuf *canon, const char *key, const char *fmt, ...)
{
	if (!canon)
		return;
	va_list ap;
	va_start(ap, fmt);
	strbuf_printf(canon, "%s=", key);
	strbuf_vprintf(canon, fmt, ap);
	strbuf_putc(canon, '\n');
	va_end(ap);
}

static void __attribute__((format(printf, 4, 5)))
put_wrapped(struct textdoc *doc, int indent, enum textdoc_style style,
	    const char *fmt, ...);

/* Whether the attendance lines att hold name in role. */
static bool attended_as(const char *att, const char *name, const char *role)
{
	size_t nl = strlen(name), rl = strlen(role);
	for (const char *p = att; p && *p;) {
		size_t len = strcspn(p, "\n");
		if (len > nl + rl + 1 && strncmp(p, name, nl) == 0 &&
		    p[nl] == '\t' && strncmp(p + nl + 1, role, rl) == 0 &&
		    (p[nl + 1 + rl] == '\t' || nl + 1 + rl == len))
			return true;
		p += len;
		if (*p)
			p++;
	}
	return false;
}

/* Who the decision says took part, when that is not the meeting's
 * attendance: the minutes and the decision agree. */
static void put_decision_attendees(struct minutes *mn,
				   const struct signed_dec *s)
{
	char *copy = xstrdup(s->attendees);
	struct strbuf who;
	strbuf_init(&who);
	bool differs = false;
	char *save = NULL;
	for (char *l = strtok_r(copy, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		char *role, *kind;
		decision_attendee_split(l, &role, &kind);
		if (!attended_as(mn->present, l, role))
			differs = true;
		/* the role in the interface's words (an older archive's
		 * text: as recorded) */
		strbuf_printf(&who, "%s%s (%s%s%s)", who.len ? ", " : "", l,
			      as_written ? role : model_role_label(role),
			      strcmp(kind, "cover") ? "" : ", ",
			      strcmp(kind, "cover") ? "" : _("cover"));
	}
	if (differs && who.len) {
		textdoc_pad_to(mn->doc, IND_DETAIL);
		textdoc_put(mn->doc, TD_LABEL,
			    _("Took part (as the decision records): "));
		textdoc_wrap_on(mn->doc, IND_DETAIL + 2, TD_NORMAL, who.buf);
	}
	strbuf_done(&who);
	free(copy);
}

static void put_decision(struct minutes *mn, const struct signed_dec *s)
{
	struct textdoc *doc = mn->doc;
	char t[20];
	textdoc_pad_to(doc, IND_DETAIL);
	textdoc_printf(doc, TD_NORMAL,
		       _("decision %lld (version %d) signed %s by %s"), s->id,
		       s->version, at(s->signed_at, held_day(mn->m), t),
		       s->signed_by);
	textdoc_newline(doc);
	textdoc_pad_to(doc, IND_DETAIL);
	textdoc_put(doc, TD_LABEL, _("Recommendation: "));
	textdoc_wrap_on(doc, IND_DETAIL + 2, TD_STRONG, s->rec);
	if (s->override) {
		textdoc_pad_to(doc, IND_DETAIL);
		textdoc_put(doc, TD_WARN, _("signed while not quorate: "));
		textdoc_wrap_on(doc, IND_DETAIL + 2, TD_NORMAL, s->override);
	}
	if (mn->m->chair[0] && strcasecmp(s->signed_by, mn->m->chair) != 0) {
		textdoc_pad_to(doc, IND_DETAIL);
		put_wrapped(doc, IND_DETAIL + 2, TD_WARN,
			    _("signed by %s instead of the meeting's chair, "
			      "%s"),
			    s->signed_by, mn->m->chair);
	}
	put_decision_attendees(mn, s);
	/* the decision's content is sealed with the decision; the minutes
	 * record which version was signed when, by whom */
	canon_line(mn->canon, "decision", "%lld\t%lld\t%d\t%s\t%s\t%s", s->id,
		   s->case_id, s->version, s->signed_by, s->signed_at,
		   s->override ? s->override : "");
}

/* The text formatted, continuing the line and wrapped to the document's
 * width with the lines after it at indent (a screen is narrower than
 * the printed minutes); ends the line. */
static void __attribute__((format(printf, 4, 5)))
put_wrapped(struct textdoc *doc, int indent, enum textdoc_style style,
	    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	textdoc_wrap_on(doc, indent, style, sb.buf ? sb.buf : "");
	strbuf_done(&sb);
}

/* The reason of a note "moved to meeting N: reason", or the note. */
static const char *note_reason(const char *note)
{
	if (!note)
		return "";
	if (strncmp(note, /* untranslated: a stored note */ "moved to meeting ",
		    17) == 0) {
		const char *p = strstr(note, ": ");
		if (p)
			return p + 2;
	}
	return note;
}

static bool case_row(const struct db_agenda_row *r, void *arg)
{
	struct minutes *mn = arg;
	struct textdoc *doc = mn->doc;
	struct tb_case *c = NULL;
	if (db_case_load(mn->db, r->case_id, &c) != TB_OK) {
		mn->failed = true;
		return false;
	}
	canon_line(mn->canon, "case", "%d\t%s\t%s\t%s\t%lld\t%s\t%s",
		   r->position, r->external_id, r->status,
		   r->note ? r->note : "", r->next_meeting,
		   r->started ? r->started : "", r->ended ? r->ended : "");
	textdoc_printf(doc, TD_NORMAL, "%2d", r->position);
	textdoc_pad_to(doc, COL_CASE);
	textdoc_put(doc, TD_STRONG, r->external_id);
	textdoc_pad_to(doc, COL_ICD);
	textdoc_put(doc, TD_NORMAL, c->icd10 ? c->icd10 : "");
	textdoc_pad_to(doc, COL_WHAT);
	model_case_free(&c);

	const struct signed_dec *dec = NULL;
	int n_signed = 0;
	for (size_t i = 0; i < mn->n_dec; i++)
		if (mn->dec[i].case_id == r->case_id && !mn->dec[i].late) {
			mn->dec[i].shown = true;
			dec = &mn->dec[i]; /* the last: amended at it */
			n_signed++;
		}
	/* one case, signed and amended (at it, or since an earlier one) */
	mn->tally.amended += n_signed > 1 || (dec && dec->version > 1);
	const char *reason = note_reason(r->note);
	enum minutes_outcome o =
	    minutes_tally_case(&mn->tally, r, mn->finished);
	if (o == MINUTES_DECIDED || o == MINUTES_UNDECIDED) {
		put_wrapped(doc, COL_WHAT, TD_NORMAL, "%s",
			    dec ? _("discussed, decided")
				: _("discussed, no decision signed at the "
				    "meeting"));
	} else if (o == MINUTES_DEFERRED) {
		char *to = r->next_meeting
			       ? db_meeting_label(mn->db, r->next_meeting)
			       : xstrdup(_("no later meeting"));
		put_wrapped(doc, COL_WHAT, TD_WARN, _("deferred to %s"), to);
		free(to);
		textdoc_pad_to(doc, IND_DETAIL);
		textdoc_put(doc, TD_LABEL, _("Reason: "));
		textdoc_wrap_on(doc, IND_DETAIL + 2, TD_NORMAL, reason);
	} else if (o == MINUTES_NOT_DISCUSSED) {
		put_wrapped(doc, COL_WHAT, TD_NORMAL, "%s",
			    _("listed but not discussed"));
		if (*reason) {
			textdoc_pad_to(doc, IND_DETAIL);
			textdoc_put(doc, TD_LABEL, _("Reason: "));
			textdoc_wrap_on(doc, IND_DETAIL + 2, TD_NORMAL, reason);
		}
	} else if (o == MINUTES_ALREADY_SIGNED) {
		put_wrapped(doc, COL_WHAT, TD_NORMAL, "%s",
			    _("decided meanwhile; not moved on"));
	} else if (o == MINUTES_NOT_REACHED) {
		if (strcmp(r->status, "listed") == 0)
			put_wrapped(doc, COL_WHAT, TD_WARN, "%s",
				    _("not reached; not moved: no later "
				      "meeting"));
		else if (r->note &&
			 strcmp(r->note, DB_AGENDA_DECIDED_MEANWHILE) == 0)
			put_wrapped(doc, COL_WHAT, TD_NORMAL, "%s",
				    _("not reached; decided meanwhile, not "
				      "moved on"));
		else {
			char *to =
			    r->next_meeting
				? db_meeting_label(mn->db, r->next_meeting)
				: xstrdup(_("no later meeting"));
			put_wrapped(doc, COL_WHAT, TD_NORMAL,
				    _("not reached; moved to %s"), to);
			free(to);
		}
	} else {
		/* a meeting not finished yet: still to come */
		textdoc_put(doc, TD_DIM, pgettext("agenda item", "listed"));
		textdoc_newline(doc);
	}
	if (dec)
		put_decision(mn, dec);
	long long secs = -1;
	if (r->started &&
	    db_agenda_seconds(mn->db, mn->m->id, r->case_id,
			      (long long)clock_now(), &secs) == TB_OK &&
	    secs >= 0) {
		char t1[20], t2[20];
		textdoc_pad_to(doc, IND_DETAIL);
		textdoc_printf(doc, TD_DIM, _("%s–%s, %lld:%02lld min"),
			       at(r->started, held_day(mn->m), t1),
			       r->ended ? at(r->ended, held_day(mn->m), t2)
					: _("running"),
			       secs / 60, secs % 60);
		textdoc_newline(doc);
	}
	return true;
}

/* Collects the attendance lines ("name\trole\tcore|cover") and prints
 * each attendee. */
struct attendance {
	struct textdoc *doc;
	const char *day;
	const char *end;       /* the meeting's finish; "" while it runs */
	const struct board *b; /* the meeting's board; may be NULL */
	struct strbuf *canon;  /* may be NULL */
	int col_time;	       /* after the kind's widest word */
	struct strbuf titles;  /* the users' "name\ttitle" lines */
	struct strbuf lines;
	int n;
};

static bool user_title_line(const struct user *u, void *arg)
{
	strbuf_printf(arg, "%s\t%s\n", u->name, u->title ? u->title : "");
	return true;
}

/* The title of the user named name in the lines of user_title_line, into
 * out; false when no user has the name. */
static bool title_of(const char *titles, const char *name, char *out,
		     size_t out_len)
{
	size_t nl = strlen(name);
	for (const char *p = titles; p && *p; p += strcspn(p, "\n") + 1)
		if (strncasecmp(p, name, nl) == 0 && p[nl] == '\t') {
			snprintf(out, out_len, "%.*s",
				 (int)strcspn(p + nl + 1, "\n"), p + nl + 1);
			return true;
		}
	return false;
}

/* The attendee's name as the minutes show it (a guest's marked in the
 * interface's words) and, after the time, whose word the role is on: a
 * physician's role the title cannot confirm is the person's own claim
 * (quorum_role_claim). */
static char *put_attendee_name(struct attendance *at_,
			       const struct db_attendee *a)
{
	char *shown = user_attendee_shown(a->name);
	char *mark = strstr(shown, " (");
	char prof[200];
	char *rest = NULL;
	/* a guest's "(guest, profession, unit)" too wide for the name's
	 * column goes on a line of its own below the row (it ran into the
	 * role) */
	if (!as_written && util_display_width(shown) > COL_ROLE - 4 && mark &&
	    quorum_guest_profession(a->name, prof, sizeof(prof))) {
		rest = xstrdup(mark + 1);
		*mark = '\0';
	}
	textdoc_put(at_->doc, TD_NORMAL, shown);
	free(shown);
	return rest;
}

/* To column col, or gap spaces on when the line is already there: no
 * column runs into the next (an older archive's text as it was written) */
static void pad_past(struct textdoc *doc, int col, int gap)
{
	if (!as_written && textdoc_column(doc, col - gap + 1) != col - gap + 1)
		textdoc_put(doc, TD_NORMAL, gap > 1 ? " " : "");
	else
		textdoc_pad_to(doc, col);
}

static void put_attendee_claim(struct attendance *at_,
			       const struct db_attendee *a)
{
	char title[200] = "";
	bool guest = quorum_guest_profession(a->name, title, sizeof(title));
	if (!guest && !title_of(at_->titles.buf, a->name, title, sizeof(title)))
		title[0] = '\0';
	if (quorum_role_claim(a->role, title) != QUORUM_CLAIM_OWN)
		return;
	textdoc_put(at_->doc, TD_WARN, "  ");
	if (title[0])
		textdoc_printf(at_->doc, TD_WARN,
			       _("(own claim: the title %s does not say)"),
			       title);
	else
		textdoc_put(at_->doc, TD_WARN, _("(own claim: no title says)"));
}

static bool attendee_row(const struct db_attendee *a, void *arg)
{
	struct attendance *at_ = arg;
	struct textdoc *doc = at_->doc;
	char t1[20], t2[20];
	textdoc_pad_to(doc, 2);
	char *rest = put_attendee_name(at_, a);
	pad_past(doc, COL_ROLE, 2);
	/* an older archive's text: the role as recorded */
	textdoc_put(doc, TD_NORMAL,
		    as_written ? a->role : model_role_label(a->role));
	pad_past(doc, COL_KIND, 1);
	textdoc_put(
	    doc, a->core ? TD_NORMAL : TD_DIM,
	    minutes_kind_label(board_attendee_kind(at_->b, a->role, a->core)));
	pad_past(doc, at_->col_time, 1);
	/* present at the finish: to its end */
	const char *until = a->left_at ? a->left_at : at_->end;
	textdoc_printf(doc, TD_NORMAL, "%s–%s", at(a->joined, at_->day, t1),
		       until && *until ? at(until, at_->day, t2)
				       : _("present"));
	put_attendee_claim(at_, a);
	textdoc_newline(doc);
	if (rest) {
		textdoc_pad_to(doc, 4);
		textdoc_put(doc, TD_NORMAL, rest);
		textdoc_newline(doc);
		free(rest);
	}
	/* core or cover as recorded (whether a role is core is the board
	 * file's, which may change) */
	canon_line(at_->canon, "attendee", "%s\t%s\t%s\t%s\t%s", a->name,
		   a->role, a->core ? "core" : "cover",
		   a->joined ? a->joined : "", a->left_at ? a->left_at : "");
	strbuf_printf(&at_->lines, "%s%s\t%s\t%s", at_->lines.len ? "\n" : "",
		      a->name, a->role, a->core ? "core" : "cover");
	at_->n++;
	return true;
}

static void put_heading(struct textdoc *doc, const char *text)
{
	textdoc_newline(doc);
	textdoc_put(doc, TD_HEADING, text);
	textdoc_newline(doc);
}

/* When the meeting was held (or why not), its cancellation and the
 * board's turnaround line. */
static void put_held(struct db *db, const struct boards *bs,
		     const struct tb_meeting *mp, const char *started,
		     const char *finished, const char *cancel,
		     struct textdoc *doc)
{
	const struct tb_meeting m = *mp;
	textdoc_put(doc, TD_LABEL, _("Held"));
	textdoc_pad_to(doc, 12);
	char t1[20], t2[20], d[11], z[16];
	if (!started[0])
		textdoc_put(doc, TD_WARN,
			    strcmp(m.status, "cancelled") == 0
				? model_meeting_status_label(m.status)
				: _("not started"));
	else if (as_written)
		textdoc_printf(doc, TD_NORMAL, _("%.10s %s–%s UTC"), started,
			       at(started, started, t1),
			       finished[0] ? at(finished, started, t2)
					   : _("(running)"));
	else if (clock_local_date(started, d) && clock_local_zone(started, z))
		/* TRANSLATORS: the day, start–end and the time zone */
		textdoc_printf(doc, TD_NORMAL, _("%s %s–%s %s"), d,
			       at(started, started, t1),
			       finished[0] ? at(finished, started, t2)
					   : _("(running)"),
			       z);
	textdoc_newline(doc);
	if (cancel[0]) {
		textdoc_put(doc, TD_LABEL, _("Cancelled"));
		textdoc_pad_to(doc, 12);
		textdoc_wrap_on(doc, 12, TD_NORMAL, cancel);
	}
	/* the turnaround is a figure of the whole archive, not the
	 * meeting's record: it is not in the canonical record */
	char *line = NULL;
	if (report_board_summary(db, bs, m.board, m.date, &line) == TB_OK) {
		textdoc_put(doc, TD_LABEL, _("Turnaround"));
		textdoc_pad_to(doc, 12);
		textdoc_wrap_on(doc, 12, TD_NORMAL, line);
		free(line);
	}
}

/* Who attended, in which role and when, and the core roles nobody
 * filled (or only guests did); the attendance lines into present. With
 * dec_attendees, the decisions name who took part in them. */
static enum tb_status put_attendance(struct db *db, long long id,
				     const struct tb_meeting *mp,
				     const struct board *b, const char *started,
				     const char *finished, struct strbuf *canon,
				     struct textdoc *doc, bool dec_attendees,
				     struct strbuf *present)
{
	const struct tb_meeting m = *mp;
	enum tb_status st;
	put_heading(doc, _("Attendance"));
	struct attendance att = {.doc = doc,
				 .day = started[0] ? started : m.date,
				 .end = finished,
				 .b = b,
				 .canon = canon,
				 .col_time = COL_TIME};
	if (COL_KIND + minutes_kind_width() + 1 > att.col_time)
		att.col_time = COL_KIND + minutes_kind_width() + 1;
	strbuf_init(&att.lines);
	strbuf_init(&att.titles);
	st = db_user_list(db, user_title_line, &att.titles);
	if (st == TB_OK)
		st = db_attendee_list(db, id, false, attendee_row, &att);
	if (st == TB_OK && !att.n) {
		textdoc_put(doc, TD_DIM,
			    dec_attendees
				? _("  nobody recorded at the meeting; each "
				    "decision below names who took part in it")
				: _("  nobody recorded"));
		textdoc_newline(doc);
	}
	if (st == TB_OK && b) {
		struct strbuf missing;
		strbuf_init(&missing);
		if ((as_written ? quorum_missing : quorum_missing_said)(
			b, att.lines.buf ? att.lines.buf : "", &missing))
			put_wrapped(doc, 0, TD_WARN,
				    _("Core roles nobody attended as: %s"),
				    missing.buf);
		else
			put_wrapped(doc, 0, TD_NORMAL, "%s",
				    _("Every core role was attended."));
		strbuf_done(&missing);
		strbuf_init(&missing);
		quorum_guest_only(b, att.lines.buf, &missing);
		if (missing.len)
			put_wrapped(doc, 0, TD_WARN,
				    _("Core roles only guests attended as: %s"),
				    missing.buf);
		strbuf_done(&missing);
	}
	strbuf_puts(present, att.lines.buf ? att.lines.buf : "");
	strbuf_done(&att.lines);
	strbuf_done(&att.titles);
	return st;
}

/* The minutes' last line: each count in the words for its number. */
static void put_counts(struct textdoc *doc, const struct minutes *mn)
{
	struct minutes_tally t = mn->tally;
	if (as_written)
		t.amended = 0;
	char *words = minutes_tally_words(&t, 0);
	put_wrapped(doc, 0, TD_STRONG, "%s", words);
	free(words);
}

/* A decision not on an agenda row: its case's id and diagnosis first. */
static enum tb_status put_other_decision(struct minutes *mn,
					 const struct signed_dec *s)
{
	struct tb_case *c = NULL;
	if (db_case_load(mn->db, s->case_id, &c) != TB_OK)
		return TB_DB;
	textdoc_pad_to(mn->doc, COL_CASE);
	textdoc_put(mn->doc, TD_STRONG, c->external_id);
	textdoc_pad_to(mn->doc, COL_ICD);
	textdoc_put(mn->doc, TD_NORMAL, c->icd10 ? c->icd10 : "");
	textdoc_newline(mn->doc);
	model_case_free(&c);
	put_decision(mn, s);
	return TB_OK;
}

/* The minutes into doc, in the interface language, and (canon not NULL)
 * their canonical record: the facts they are made of, one "key=value"
 * line each, in no language. */
static enum tb_status build(struct db *db, const struct boards *bs,
			    const struct form_set *forms, long long id,
			    struct textdoc *doc, struct strbuf *canon)
{
	struct tb_meeting m;
	enum tb_status st = db_meeting_get(db, id, &m);
	if (st != TB_OK)
		return st;
	char started[21], finished[21], cancel[201];
	st =
	    db_meeting_times(db, id, started, finished, cancel, sizeof(cancel));
	if (st != TB_OK)
		return st;
	const struct board *b = boards_by_id(bs, m.board);
	bool done = strcmp(m.status, "finished") == 0;
	canon_line(canon, "meeting", "%lld\t%s\t%s\t%s %s\t%d\t%s\t%s\t%s",
		   m.id, m.board, m.level, m.date, m.start_time, m.length_min,
		   m.location, m.chair, m.status);
	canon_line(canon, "held", "%s\t%s\t%s", started, finished, cancel);
	/* an archive's text as written kept a case no later meeting took
	 * "listed" */
	struct minutes mn = {.db = db,
			     .forms = forms,
			     .m = &m,
			     .doc = doc,
			     .canon = canon,
			     .finished = done && !as_written};
	st = db_decision_each_meeting(db, id, collect_decision, &mn);
	/* signed after the finish: not what the minutes recorded then */
	for (size_t i = 0; done && finished[0] && i < mn.n_dec; i++)
		mn.dec[i].late = strcmp(mn.dec[i].signed_at, finished) > 0;
	struct strbuf signers;
	strbuf_init(&signers);
	for (size_t i = 0; i < mn.n_dec; i++)
		if (!mn.dec[i].late)
			strbuf_printf(&signers, "%s\n", mn.dec[i].signed_by);
	minutes_put_head(db, &m, b ? board_name(b) : m.board, signers.buf,
			 as_written, doc);
	strbuf_done(&signers);
	/* TRANSLATORS: the labels Planned, Held, Cancelled and Turnaround
	 * take at most 11 cells (the values start in column 12) */
	textdoc_put(doc, TD_LABEL, _("Planned"));
	textdoc_pad_to(doc, 12);
	textdoc_printf(doc, TD_NORMAL, _("%s %s, %d min"), m.date, m.start_time,
		       m.length_min);
	textdoc_newline(doc);
	put_held(db, bs, &m, started, finished, cancel, doc);
	bool dec_att = false;
	for (size_t i = 0; i < mn.n_dec; i++)
		dec_att =
		    dec_att || (mn.dec[i].attendees[0] && !mn.dec[i].late);
	struct strbuf present;
	strbuf_init(&present);
	if (st == TB_OK)
		st = put_attendance(db, id, &m, b, started, finished, canon,
				    doc, dec_att, &present);
	mn.present = present.buf ? present.buf : "";
	if (st == TB_OK) {
		put_heading(doc, _("Cases"));
		st = db_agenda_record(db, id, case_row, &mn);
		if (st == TB_OK && mn.failed)
			st = TB_DB;
	}
	if (st == TB_OK && !mn.tally.cases) {
		textdoc_put(doc, TD_DIM, _("  no cases on the agenda"));
		textdoc_newline(doc);
	}
	/* signed at the meeting for a case not on its agenda */
	bool other = false;
	for (size_t i = 0; st == TB_OK && i < mn.n_dec; i++) {
		if (mn.dec[i].shown || mn.dec[i].late)
			continue;
		if (!other)
			put_heading(doc, _("Also decided at the meeting"));
		other = true;
		st = put_other_decision(&mn, &mn.dec[i]);
		mn.tally.decided++;
	}
	if (st == TB_OK) {
		textdoc_newline(doc);
		put_counts(doc, &mn);
	}
	/* signed for it after the finish: after the minutes as recorded
	 * then, not in their record (nor in an older archive's text) */
	bool late = false;
	mn.canon = NULL;
	for (size_t i = 0; st == TB_OK && !as_written && i < mn.n_dec; i++) {
		if (!mn.dec[i].late)
			continue;
		if (!late)
			put_heading(doc,
				    _("Signed after the meeting finished"));
		late = true;
		st = put_other_decision(&mn, &mn.dec[i]);
	}
	for (size_t i = 0; i < mn.n_dec; i++) {
		free(mn.dec[i].signed_by);
		free(mn.dec[i].signed_at);
		free(mn.dec[i].rec);
		free(mn.dec[i].override);
		free(mn.dec[i].attendees);
	}
	free(mn.dec);
	strbuf_done(&present);
	return st;
}

enum tb_status minutes_build(struct db *db, const struct boards *bs,
			     const struct form_set *forms, long long id,
			     struct textdoc *doc)
{
	return build(db, bs, forms, id, doc, NULL);
}

enum tb_status minutes_canonical(struct db *db, const struct boards *bs,
				 const struct form_set *forms, long long id,
				 struct strbuf *out)
{
	struct textdoc doc;
	textdoc_init(&doc, 100);
	strbuf_puts(out, /* untranslated: hashed */ "tumorboard minutes 1\n");
	enum tb_status st = build(db, bs, forms, id, &doc, out);
	textdoc_done(&doc);
	return st;
}

void minutes_hash(const struct textdoc *doc, char out[HASH_HEX_LEN + 1])
{
	/* exactly the text textdoc_write prints */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		util_die_nomem();
	textdoc_write(doc, f);
	if (fclose(f) != 0)
		util_die_nomem();
	hash_sha256_hex(buf ? buf : "", len, out);
	free(buf);
}

/* One audit entry about meeting id in a transaction of its own. */
static enum tb_status record(struct db *db, long long id, const char *action,
			     const char *detail)
{
	enum tb_status st = db_begin(db);
	if (st == TB_OK)
		st = db_audit_append(db, db_actor(), action, "meeting", id,
				     detail);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

/* The canonical record's hash. */
static enum tb_status canonical_hash(struct db *db, const struct boards *bs,
				     const struct form_set *forms, long long id,
				     char hex[HASH_HEX_LEN + 1])
{
	struct strbuf sb;
	strbuf_init(&sb);
	enum tb_status st = minutes_canonical(db, bs, forms, id, &sb);
	if (st == TB_OK)
		hash_sha256_hex(sb.buf, sb.len, hex);
	strbuf_done(&sb);
	return st;
}

#define DETAIL_CANONICAL /* untranslated: an audit detail */                   \
	"minutes at finish, canonical sha256 "
#define DETAIL_TEXT /* untranslated: an audit detail */                        \
	"minutes at finish, sha256 "

enum tb_status minutes_verify(struct db *db, const struct boards *bs,
			      const struct form_set *forms, long long id,
			      char hex[HASH_HEX_LEN + 1])
{
	char *detail = NULL;
	hex[0] = '\0';
	enum tb_status st =
	    db_audit_detail(db, "minutes", "meeting", id, &detail);
	if (st != TB_OK)
		return st;
	char now[HASH_HEX_LEN + 1] = "";
	const char *recorded = NULL;
	if (strncmp(detail, DETAIL_CANONICAL, strlen(DETAIL_CANONICAL)) == 0) {
		recorded = detail + strlen(DETAIL_CANONICAL);
		st = canonical_hash(db, bs, forms, id, now);
	} else if (strncmp(detail, DETAIL_TEXT, strlen(DETAIL_TEXT)) == 0) {
		/* recorded as the English text before the canonical record */
		recorded = detail + strlen(DETAIL_TEXT);
		char *previous = i18n_language_use("en");
		struct textdoc doc;
		textdoc_init(&doc, 100);
		doc.counts_apart = true; /* wrapped as it was then */
		as_written = true;
		st = minutes_build(db, bs, forms, id, &doc);
		as_written = false;
		if (st == TB_OK)
			minutes_hash(&doc, now);
		textdoc_done(&doc);
		i18n_language_restore(previous);
	} else
		st = TB_INTEGRITY;
	if (recorded)
		snprintf(hex, HASH_HEX_LEN + 1, "%s", recorded);
	if (st == TB_OK && strcmp(now, hex) != 0)
		st = TB_INTEGRITY;
	free(detail);
	return st;
}

enum tb_status minutes_record_finish(struct db *db, long long id)
{
	struct boards bs = {0};
	struct form_set fs = {0};
	struct diag d;
	diag_init(&d);
	/* problems in the user's files were reported where they are used;
	 * the minutes take what loads (built-in forms stand in) */
	import_boards_load_default(&bs, &d);
	char *dir = import_form_default_dir();
	import_form_load_all(dir, &fs, &d);
	free(dir);
	diag_done(&d);
	char hex[HASH_HEX_LEN + 1];
	enum tb_status st = canonical_hash(db, &bs, &fs, id, hex);
	if (st == TB_OK) {
		char *detail = xasprintf(DETAIL_CANONICAL "%s", hex);
		st = record(db, id, "minutes", detail);
		free(detail);
	}
	form_set_done(&fs);
	boards_done(&bs);
	return st;
}

enum tb_status minutes_pdf(struct db *db, long long id,
			   const struct textdoc *doc, const char *path,
			   char *err, size_t errlen)
{
	struct tb_meeting m;
	enum tb_status st = db_meeting_get(db, id, &m);
	if (st != TB_OK)
		return st;
	char *title = xasprintf(_("Minutes %s %s, meeting %lld"), m.date,
				m.start_time, m.id);
	struct pdf_options po = {.title = title,
				 .footer_text = title,
				 .page_text = "{page}/{pages}"};
	st = pdf_write(doc, &po, path, err, errlen);
	free(title);
	/* the minutes name cases: their export is recorded */
	if (st == TB_OK)
		st = record(
		    db, id, "export",
		    /* untranslated: an audit detail */ "minutes as PDF");
	return st;
}
