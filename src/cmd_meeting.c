/*
 * The meeting commands: meetings, meeting add, agenda (print, check, add).
 * Agenda times run from the meeting's start, each case taking its slot or
 * the board's minutes per case; readiness is checked as of the meeting
 * date against the rules of the board that takes each diagnosis.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "followup.h"
#include "db_meeting.h"
#include "diag.h"
#include "form_def.h"
#include "i18n.h"
#include "import_boards.h"
#include "agenda_doc.h"
#include "minutes.h"
#include "model.h"
#include "pdf.h"
#include "report.h"
#include "quorum.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "textdoc.h"
#include "util.h"
#include "validate.h"

struct meetings_print {
	struct db *db;
	struct boards bs;
};

static bool meeting_row(const struct tb_meeting *m, void *arg)
{
	struct meetings_print *mp = arg;
	int ready = -1, n = 0;
	if (readiness_meeting(mp->db, &mp->bs, m, &ready, &n) != TB_OK)
		ready = -1;
	struct textdoc doc;
	textdoc_init(&doc, 200);
	render_meeting_row(m, ready, &doc);
	textdoc_write(&doc, stdout);
	textdoc_done(&doc);
	return true;
}

int cmd_meetings(struct db *db, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fputs(_("usage: tumorboard meetings\n"), stderr);
		return status_exit_code(TB_USAGE);
	}
	struct meetings_print mp = {.db = db};
	if (cmd_load_boards(&mp.bs) != TB_OK)
		return status_exit_code(TB_INVALID);
	enum tb_status st = db_meeting_list(db, meeting_row, &mp);
	boards_done(&mp.bs);
	if (st != TB_OK)
		fprintf(stderr, _("tumorboard meetings: %s\n"), db_errmsg(db));
	return status_exit_code(st);
}

static bool valid_time(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' &&
	       s[1] >= '0' && s[1] <= '9' && s[3] >= '0' && s[3] <= '5' &&
	       s[4] >= '0' && s[4] <= '9' &&
	       (s[0] - '0') * 10 + (s[1] - '0') < 24;
}

/* s and spaces to width columns of the terminal (printf's %-28s counts
 * bytes, and å takes two), then one space. */
static void put_column(const char *s, int width)
{
	fputs(s, stdout);
	for (int w = util_display_width(s); w < width; w++)
		putchar(' ');
	putchar(' ');
}

struct attendance_print {
	struct strbuf present;
	const struct board *b; /* the meeting's board; may be NULL */
};

static bool print_attendee(const struct db_attendee *a, void *arg)
{
	struct attendance_print *ap = arg;
	struct strbuf *present = &ap->present;
	char *name = util_sanitize(a->name, false);
	char *role = util_sanitize(a->role, false);
	put_column(name, 28);
	put_column(role, 24);
	printf("%-6s %s%s%s\n", board_attendee_kind(ap->b, a->role, a->core),
	       a->joined, a->left_at ? " – " : "",
	       a->left_at ? a->left_at : "");
	if (!a->left_at)
		strbuf_printf(present, "%s%s\t%s\t%s", present->len ? "\n" : "",
			      a->name, a->role, a->core ? "core" : "cover");
	free(name);
	free(role);
	return true;
}

/* "meeting attend M NAME ROLE [--cover]", "meeting leave M NAME",
 * "meeting attendance M": who is present, and whether the board is
 * quorate by its core roles. */
static int meeting_attendance(struct db *db, int argc, char **argv)
{
	const char *sub = argv[1];
	bool cover = false;
	int n = 0;
	char *args[4] = {0};
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--cover") == 0)
			cover = true;
		else if (n < 4)
			args[n++] = argv[i];
		else
			n++;
	}
	int want = strcmp(sub, "attend") == 0  ? 3
		   : strcmp(sub, "leave") == 0 ? 2
					       : 1;
	long long mid = n ? util_parse_id(args[0]) : 0;
	if (n != want || !mid || (cover && want != 3)) {
		fputs(_("usage: tumorboard meeting attend MEETING NAME ROLE "
			"[--cover]\n"
			"       tumorboard meeting leave MEETING NAME\n"
			"       tumorboard meeting attendance MEETING\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	struct tb_meeting m;
	enum tb_status st = db_meeting_get(db, mid, &m);
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard meeting: no meeting %lld\n"),
			mid);
		return status_exit_code(st);
	}
	if (want == 3) {
		char why[600] = "";
		char *name = util_trim(util_sanitize(args[1], false));
		char *role = util_trim(util_sanitize(args[2], false));
		struct boards bs = {0};
		if (!*name || !*role) {
			fprintf(stderr,
				_("tumorboard meeting attend: %s is empty; say "
				  "who attends and in which role\n"),
				!*name ? "NAME" : "ROLE");
			st = TB_USAGE;
		} else if ((st = cmd_load_boards(&bs)) == TB_OK)
			/* the role is one of the board's, not free text */
			st = db_attendee_join_checked(db, &bs, mid, name, role,
						      cover, why, sizeof(why));
		boards_done(&bs);
		if (st == TB_INVALID && strstr(why, "present already"))
			fprintf(stderr, _("tumorboard meeting: %s %s\n"), name,
				why);
		else if (st == TB_INVALID && why[0])
			fprintf(stderr, _("tumorboard meeting attend: %s\n"),
				why);
		else if (st == TB_CLOSED)
			fprintf(stderr,
				_("tumorboard meeting attend: meeting "
				  "%lld: %s\n"),
				mid, status_message(st));
		free(name);
		free(role);
		if (st != TB_OK && st != TB_INVALID && st != TB_USAGE &&
		    st != TB_CLOSED)
			fprintf(stderr, "tumorboard meeting: %s\n",
				db_errmsg(db));
		return status_exit_code(st);
	}
	if (want == 2) {
		st = db_attendee_leave(db, mid, args[1]);
		if (st == TB_NOT_FOUND)
			fputs(_("tumorboard meeting: nobody of that name is "
				"present\n"),
			      stderr);
		else if (st == TB_CLOSED)
			fprintf(stderr,
				_("tumorboard meeting leave: meeting "
				  "%lld: %s\n"),
				mid, status_message(st));
		else if (st != TB_OK)
			fprintf(stderr, "tumorboard meeting: %s\n",
				db_errmsg(db));
		return status_exit_code(st);
	}
	struct attendance_print ap = {0};
	strbuf_init(&ap.present);
	struct boards bs = {0};
	bool loaded = cmd_load_boards(&bs) == TB_OK;
	ap.b = loaded ? boards_by_id(&bs, m.board) : NULL;
	st = db_attendee_list(db, mid, false, print_attendee, &ap);
	if (st == TB_OK && ap.b) {
		struct strbuf missing;
		strbuf_init(&missing);
		if (quorum_missing(ap.b, ap.present.buf, &missing))
			printf(_("NOT QUORATE for %s: nobody present as %s\n"),
			       ap.b->name, missing.buf);
		else
			printf(
			    _("Quorate for %s: every core role is present\n"),
			    ap.b->name);
		strbuf_done(&missing);
	}
	boards_done(&bs);
	strbuf_done(&ap.present);
	return status_exit_code(st);
}

/* "meeting cancel M --reason R", "meeting start M", "meeting finish M" */
static int meeting_state(struct db *db, int argc, char **argv)
{
	const char *verb = argv[1];
	const char *reason = NULL;
	long long id = 0;
	int n = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc)
			reason = argv[++i];
		else if (!n++)
			id = util_parse_id(argv[i]);
		else
			n++;
	}
	if (n != 1 || !id ||
	    (strcmp(verb, "cancel") == 0) != (reason != NULL)) {
		fputs(
		    _("usage: tumorboard meeting cancel MEETING --reason TEXT\n"
		      "       tumorboard meeting start|finish MEETING\n"),
		    stderr);
		return status_exit_code(TB_USAGE);
	}
	if (reason && util_blank(reason)) {
		fputs(_("tumorboard meeting cancel: say why with --reason\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	enum tb_status st;
	if (strcmp(verb, "cancel") == 0)
		st = db_meeting_cancel(db, id, reason);
	else if (strcmp(verb, "start") == 0) {
		st = db_meeting_start(db, id);
		struct tb_meeting m;
		if (st == TB_OK && db_meeting_get(db, id, &m) == TB_OK) {
			printf(_("meeting %lld started %.10s %.5s UTC\n"), id,
			       m.started, m.started + 11);
			/* held on another day than planned: the real start
			 * is what counts, and the chair should know */
			if (strncmp(m.started, m.date, 10) != 0)
				fprintf(stderr,
					_("tumorboard meeting start: note: "
					  "meeting %lld was planned for %s %s; "
					  "its real start is recorded\n"),
					id, m.date, m.start_time);
		}
	} else {
		struct textdoc doc;
		struct db_finish res;
		textdoc_init(&doc, 100);
		st = followup_finish_meeting_result(db, id, &doc, &res);
		if (st == TB_OK)
			textdoc_write(&doc, stdout);
		textdoc_done(&doc);
		if (st == TB_OK && res.minutes)
			printf(
			    _("Minutes recorded in the audit log (tumorboard "
			      "meeting minutes %lld)\n"),
			    id);
		else if (st == TB_OK)
			fprintf(
			    stderr,
			    _("tumorboard meeting finish: the minutes could "
			      "not be recorded in the audit log: %s\n"),
			    db_errmsg(db));
		if (st == TB_DB) {
			/* one transaction: a failure anywhere changed nothing
			 */
			fprintf(
			    stderr,
			    _("tumorboard meeting finish: meeting %lld could "
			      "not be finished and nothing was changed: %s\n"),
			    id, res.error[0] ? res.error : db_errmsg(db));
			return status_exit_code(st);
		}
	}
	if (st == TB_NOT_FOUND)
		fputs(_("tumorboard meeting: no such meeting\n"), stderr);
	else if (st == TB_INVALID)
		fprintf(
		    stderr, _("tumorboard meeting %s: the meeting is not %s\n"),
		    verb, strcmp(verb, "finish") == 0 ? "running" : "planned");
	else if (st != TB_OK)
		fprintf(stderr, "tumorboard meeting: %s\n", db_errmsg(db));
	return status_exit_code(st);
}

/* "meeting minutes MEETING [--pdf FILE]": the minutes as text, or as an
 * A4 PDF (recorded as an export). */
static int meeting_minutes(struct db *db, int argc, char **argv)
{
	const char *pdf = NULL;
	long long id = 0;
	int n = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--pdf") == 0 && i + 1 < argc)
			pdf = argv[++i];
		else if (!n++)
			id = util_parse_id(argv[i]);
	}
	if (n != 1 || !id || (pdf && !*pdf)) {
		fputs(_("usage: tumorboard meeting minutes MEETING [--pdf "
			"FILE]\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	struct boards bs;
	struct form_set fs = {0};
	if (cmd_load_boards(&bs) != TB_OK)
		return status_exit_code(TB_INVALID);
	if (!cmd_load_forms(&fs)) {
		boards_done(&bs);
		return status_exit_code(TB_INVALID);
	}
	struct textdoc doc;
	textdoc_init(&doc, pdf ? PDF_TEXTDOC_WIDTH : 100);
	enum tb_status st = minutes_build(db, &bs, &fs, id, &doc);
	char err[256] = "";
	if (st == TB_OK && pdf) {
		st = minutes_pdf(db, id, &doc, pdf, err, sizeof(err));
		if (st == TB_OK)
			printf(_("minutes of meeting %lld written to %s\n"), id,
			       pdf);
	} else if (st == TB_OK)
		textdoc_write(&doc, stdout);
	textdoc_done(&doc);
	form_set_done(&fs);
	boards_done(&bs);
	if (st == TB_NOT_FOUND)
		fprintf(stderr,
			_("tumorboard meeting minutes: no meeting %lld\n"), id);
	else if (st == TB_IO)
		fprintf(stderr, _("tumorboard meeting minutes: %s\n"), err);
	else if (st != TB_OK)
		fprintf(stderr, _("tumorboard meeting minutes: %s\n"),
			db_errmsg(db));
	return status_exit_code(st);
}

/* "meeting add --date D --start HH:MM --length MIN --board ID --level L
 * [--location TEXT] [--chair NAME]" */
int cmd_meeting(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"date", required_argument, NULL, 'd'},
	    {"start", required_argument, NULL, 's'},
	    {"length", required_argument, NULL, 'l'},
	    {"board", required_argument, NULL, 'b'},
	    {"level", required_argument, NULL, 'v'},
	    {"location", required_argument, NULL, 'o'},
	    {"chair", required_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0}};
	struct tb_meeting m = {0};
	char err[VALIDATE_ERR_MAX];
	int c;

	if (argc >= 2 &&
	    (strcmp(argv[1], "attend") == 0 || strcmp(argv[1], "leave") == 0 ||
	     strcmp(argv[1], "attendance") == 0))
		return meeting_attendance(db, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "minutes") == 0)
		return meeting_minutes(db, argc, argv);
	if (argc >= 2 &&
	    (strcmp(argv[1], "cancel") == 0 || strcmp(argv[1], "start") == 0 ||
	     strcmp(argv[1], "finish") == 0))
		return meeting_state(db, argc, argv);
	bool edit = argc >= 3 && strcmp(argv[1], "edit") == 0;
	if (argc < 2 || (strcmp(argv[1], "add") != 0 && !edit)) {
		fputs(
		    _("usage: tumorboard meeting add --date YYYY-MM-DD --start "
		      "HH:MM --length MINUTES --board ID --level LEVEL "
		      "[--location TEXT] [--chair NAME]\n"
		      "       tumorboard meeting edit MEETING [the same "
		      "options]\n"
		      "       tumorboard meeting cancel MEETING --reason TEXT\n"
		      "       tumorboard meeting start|finish MEETING\n"
		      "       tumorboard meeting attend MEETING NAME ROLE "
		      "[--cover]\n"
		      "       tumorboard meeting leave MEETING NAME\n"
		      "       tumorboard meeting attendance MEETING\n"
		      "       tumorboard meeting minutes MEETING [--pdf "
		      "FILE]\n"),
		    stderr);
		return status_exit_code(TB_USAGE);
	}
	m.length_min = 0;
	const char *bad;
	optind = 2;
	if (edit) {
		long long id = util_parse_id(argv[2]);
		if (!id || db_meeting_get(db, id, &m) != TB_OK) {
			fputs(_("tumorboard meeting edit: no such meeting\n"),
			      stderr);
			return status_exit_code(TB_NOT_FOUND);
		}
		optind = 3;
	}
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!validate_date(optarg, NULL, err)) {
				fprintf(stderr,
					_("tumorboard meeting: --date: %s\n"),
					err);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m.date, sizeof(m.date), "%s", optarg);
			char today[11], why[120];
			clock_today(today);
			if (!db_meeting_date_ok(m.date, today, why,
						sizeof(why))) {
				fprintf(stderr,
					_("tumorboard meeting: --date: %s\n"),
					why);
				return status_exit_code(TB_USAGE);
			}
			break;
		case 's':
			if (!valid_time(optarg)) {
				fputs(_("tumorboard meeting: --start wants "
					"HH:MM\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m.start_time, sizeof(m.start_time), "%s",
				 optarg);
			break;
		case 'l': {
			long v;
			if (!util_parse_long(optarg, 10, 600, &v)) {
				fputs(_("tumorboard meeting: --length wants "
					"minutes, 10–600\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			m.length_min = (int)v;
			break;
		}
		case 'b':
			if (strlen(optarg) >= sizeof(m.board)) {
				fputs(_("tumorboard meeting: --board: no such "
					"board (see tumorboard-boards(5))\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m.board, sizeof(m.board), "%s", optarg);
			break;
		case 'v':
			if (!model_enum_valid(model_levels, optarg)) {
				fputs(
				    _("tumorboard meeting: --level: use local, "
				      "regional or national\n"),
				    stderr);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m.level, sizeof(m.level), "%s", optarg);
			break;
		case 'o':
			if (strlen(optarg) >= sizeof(m.location)) {
				fprintf(stderr,
					_("tumorboard meeting: --location is "
					  "%zu bytes long; at most %zu\n"),
					strlen(optarg), sizeof(m.location) - 1);
				return status_exit_code(TB_USAGE);
			}
			/* one line: no newline or tab either */
			if (!util_text_check(optarg, false, &bad)) {
				fprintf(
				    stderr,
				    _("tumorboard meeting: --location %s\n"),
				    bad);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m.location, sizeof(m.location), "%s", optarg);
			break;
		case 'c':
			if (strlen(optarg) >= sizeof(m.chair)) {
				fprintf(stderr,
					_("tumorboard meeting: --chair is %zu "
					  "bytes long; at most %zu\n"),
					strlen(optarg), sizeof(m.chair) - 1);
				return status_exit_code(TB_USAGE);
			}
			if (!util_text_check(optarg, false, &bad)) {
				fprintf(stderr,
					_("tumorboard meeting: --chair %s\n"),
					bad);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m.chair, sizeof(m.chair), "%s", optarg);
			break;
		default:
			return status_exit_code(TB_USAGE);
		}
	}
	if (optind != argc) {
		char *clean = util_sanitize(argv[optind], false);
		fprintf(stderr, _("tumorboard meeting: unexpected '%s'\n"),
			clean);
		free(clean);
		return status_exit_code(TB_USAGE);
	}
	if (!m.date[0] || !m.start_time[0] || !m.length_min || !m.board[0] ||
	    !m.level[0]) {
		fprintf(stderr,
			_("tumorboard meeting add: missing%s%s%s%s%s; --date, "
			  "--start, --length, --board and --level are "
			  "required\n"),
			m.date[0] ? "" : " --date",
			m.start_time[0] ? "" : " --start",
			m.length_min ? "" : " --length",
			m.board[0] ? "" : " --board",
			m.level[0] ? "" : " --level");
		return status_exit_code(TB_USAGE);
	}
	struct boards bs;
	if (cmd_load_boards(&bs) != TB_OK)
		return status_exit_code(TB_INVALID);
	if (!boards_by_id(&bs, m.board)) {
		fprintf(stderr,
			_("tumorboard meeting: --board: no board '%s' "
			  "(see tumorboard-boards(5)); boards:"),
			m.board);
		for (size_t i = 0; i < bs.n; i++)
			fprintf(stderr, " %s", bs.b[i].id);
		fputc('\n', stderr);
		boards_done(&bs);
		return status_exit_code(TB_USAGE);
	}
	boards_done(&bs);
	enum tb_status st =
	    edit ? db_meeting_update(db, &m) : db_meeting_create(db, &m);
	if (st == TB_INVALID) {
		fputs(edit
			  ? _("tumorboard meeting edit: only a planned meeting "
			      "can be changed\n")
			  : _("tumorboard meeting add: the meeting was "
			      "refused\n"),
		      stderr);
		return status_exit_code(st);
	}
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard meeting: %s\n"), db_errmsg(db));
		return status_exit_code(st);
	}
	if (!edit)
		printf("%lld\n", m.id);
	else
		printf(_("meeting %lld changed\n"), m.id);
	return 0;
}

/* "agenda MEETING undo": the last deferral or not-discussed at the
 * meeting is undone. */
static int agenda_undo(struct db *db, const struct tb_meeting *m)
{
	struct db_undo u;
	enum tb_status st = db_agenda_undo_last(db, m->id, &u);
	struct tb_case *c = NULL;
	if (st == TB_OK && db_case_load(db, u.case_id, &c) == TB_OK) {
		if (u.moved_to)
			printf(_("%s: deferral undone; listed again at meeting "
				 "%lld and taken off meeting %lld\n"),
			       c->external_id, m->id, u.moved_to);
		else
			printf(_("%s: not-discussed undone; listed again at "
				 "meeting %lld\n"),
			       c->external_id, m->id);
		model_case_free(&c);
	} else if (st == TB_NOT_FOUND)
		fprintf(stderr,
			_("tumorboard agenda undo: nothing to undo at meeting "
			  "%lld: no deferral or not-discussed since the last "
			  "undo, or the case has changed since\n"),
			m->id);
	else if (st == TB_CLOSED)
		fprintf(stderr, "tumorboard agenda: meeting %lld: %s\n", m->id,
			status_message(st));
	else if (st != TB_OK)
		fprintf(stderr, _("tumorboard agenda undo: %s\n"),
			db_errmsg(db));
	return status_exit_code(st);
}

/* "agenda MEETING add CASE-ID CASE-ID... [--override REASON]": every case
 * the checks let through is added, in the order given; each refusal is
 * named with its reason. Exit 0 when all were added, 3 when some were
 * refused (the others are added all the same). */
static int agenda_add_all(struct db *db, const struct tb_meeting *m, char **ext,
			  int n, const char *override)
{
	long long *ids = xcalloc((size_t)n, sizeof(*ids));
	struct db_agenda_added *out = xcalloc((size_t)n, sizeof(*out));
	size_t added = 0;
	enum tb_status st = TB_OK;
	/* a case id given that names no case is refused like the others */
	for (int i = 0; i < n; i++)
		if (db_case_find(db, ext[i], &ids[i]) != TB_OK)
			ids[i] = 0;
	struct boards bs;
	if (cmd_load_boards(&bs) != TB_OK)
		st = TB_INVALID;
	else {
		st = db_agenda_add_all(db, &bs, m->id, ids, (size_t)n, override,
				       out, &added);
		boards_done(&bs);
	}
	int refused = 0;
	for (int i = 0; st == TB_OK && i < n; i++) {
		char *clean = util_sanitize(ext[i], false);
		if (out[i].st == TB_OK)
			printf(_("%s added to meeting %lld%s\n"), clean, m->id,
			       override ? " (override recorded)" : "");
		else {
			fprintf(stderr, _("tumorboard agenda add: %s: %s\n"),
				clean, out[i].why);
			refused++;
		}
		free(clean);
	}
	if (st == TB_OK)
		printf(_("%zu of %d added to meeting %lld\n"), added, n, m->id);
	else if (st == TB_CLOSED)
		fprintf(stderr, "tumorboard agenda: meeting %lld: %s\n", m->id,
			status_message(st));
	else if (st != TB_INVALID)
		fprintf(stderr, _("tumorboard agenda: nothing was added: %s\n"),
			db_errmsg(db));
	free(ids);
	free(out);
	if (st == TB_OK && refused)
		st = TB_INVALID;
	return status_exit_code(st);
}

/* "agenda MEETING [--check]" and "agenda MEETING add CASE-ID [--presenter
 * NAME] [--minutes N]" */
int cmd_agenda(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"check", no_argument, NULL, 'c'},
	    {"presenter", required_argument, NULL, 'p'},
	    {"minutes", required_argument, NULL, 'm'},
	    {"reason", required_argument, NULL, 'r'},
	    {"to", required_argument, NULL, 't'},
	    {"pdf", required_argument, NULL, 'P'},
	    {"override", required_argument, NULL, 'O'},
	    {NULL, 0, NULL, 0}};
	const char *pdf = NULL;
	const char *override = NULL;
	const char *reason = NULL;
	const char *to_arg = NULL;
	bool check = false;
	const char *presenter = NULL;
	const char *bad;
	int minutes = 0;
	int c;

	optind = 0; /* 0: glibc re-initialises, options may follow operands */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			check = true;
			break;
		case 'p':
			if (!util_text_check(optarg, false, &bad)) {
				fprintf(
				    stderr,
				    _("tumorboard agenda: --presenter %s\n"),
				    bad);
				return status_exit_code(TB_USAGE);
			}
			presenter = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 't':
			to_arg = optarg;
			break;
		case 'P':
			pdf = optarg;
			break;
		case 'O':
			override = optarg;
			if (!*util_trim(optarg)) {
				fputs(_("tumorboard agenda: --override needs a "
					"reason\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			break;
		case 'm': {
			long v;
			if (!util_parse_long(optarg, 1, 240, &v)) {
				fputs(_("tumorboard agenda: --minutes wants "
					"1–240\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			minutes = (int)v;
			break;
		}
		default:
			return status_exit_code(TB_USAGE);
		}
	}
	int rest = argc - optind;
	const char *verb = rest >= 2 ? argv[optind + 1] : "";
	bool add = rest == 3 && strcmp(verb, "add") == 0;
	bool undo = rest == 2 && strcmp(verb, "undo") == 0;
	/* several cases at once: "agenda M add C1 C2 …" */
	bool add_all = rest > 3 && strcmp(verb, "add") == 0;
	bool remove = rest == 3 && strcmp(verb, "remove") == 0;
	bool move = rest == 4 && strcmp(verb, "move") == 0;
	bool set = rest == 3 && strcmp(verb, "set") == 0;
	bool transfer = rest == 4 && strcmp(verb, "transfer") == 0;
	bool defer = rest == 3 && strcmp(verb, "defer") == 0;
	bool outcome = rest == 3 && (strcmp(verb, "discussed") == 0 ||
				     strcmp(verb, "not-discussed") == 0);
	bool other = set || transfer || defer || outcome;
	if (rest != 1 && !add && !add_all && !remove && !move && !other &&
	    !undo) {
		fputs(
		    _("usage: tumorboard agenda MEETING [--check] [--pdf "
		      "FILE]\n"
		      "       tumorboard agenda MEETING add CASE-ID "
		      "[--presenter NAME] [--minutes N] [--override REASON]\n"
		      "       tumorboard agenda MEETING add CASE-ID CASE-ID... "
		      "[--override REASON]\n"
		      "       tumorboard agenda MEETING remove CASE-ID "
		      "--reason TEXT\n"
		      "       tumorboard agenda MEETING move CASE-ID POSITION\n"
		      "       tumorboard agenda MEETING set CASE-ID "
		      "[--presenter NAME] [--minutes N]\n"
		      "       tumorboard agenda MEETING transfer CASE-ID "
		      "MEETING --reason TEXT\n"
		      "       tumorboard agenda MEETING defer CASE-ID --reason "
		      "TEXT [--to MEETING]\n"
		      "       tumorboard agenda MEETING "
		      "discussed|not-discussed "
		      "CASE-ID [--reason TEXT]\n"
		      "       tumorboard agenda MEETING undo\n"),
		    stderr);
		return status_exit_code(TB_USAGE);
	}
	if ((transfer || defer) && util_blank(reason)) {
		fprintf(stderr,
			_("tumorboard agenda %s: say why with --reason\n"),
			verb);
		return status_exit_code(TB_USAGE);
	}
	if (remove && util_blank(reason)) {
		fputs(_("tumorboard agenda remove: say why with --reason\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	if (add_all && (presenter || minutes)) {
		fputs(_("tumorboard agenda add: --presenter and --minutes go "
			"with one case; set them with agenda MEETING set\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	if (override && !add && !add_all) {
		fputs(_("tumorboard agenda: --override goes with add\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	int position = 0;
	if (move) {
		long v;
		if (!util_parse_long(argv[optind + 3], 1, 10000, &v)) {
			fputs(_("tumorboard agenda move: POSITION is a number "
				"from 1\n"),
			      stderr);
			return status_exit_code(TB_USAGE);
		}
		position = (int)v;
	}
	long long mid = util_parse_id(argv[optind]);
	struct tb_meeting m;
	enum tb_status st = !mid ? TB_NOT_FOUND : db_meeting_get(db, mid, &m);
	if (st != TB_OK) {
		char *clean = util_sanitize(argv[optind], false);
		fprintf(stderr, _("tumorboard agenda: no meeting %s\n"), clean);
		free(clean);
		return status_exit_code(st);
	}
	if (other) {
		long long case_id, to = 0;
		st = db_case_find(db, argv[optind + 2], &case_id);
		if (st != TB_OK) {
			char *clean = util_sanitize(argv[optind + 2], false);
			fprintf(stderr, _("tumorboard agenda: no case %s\n"),
				clean);
			free(clean);
			return status_exit_code(st);
		}
		const char *target = transfer ? argv[optind + 3] : to_arg;
		if (target) {
			to = util_parse_id(target);
			struct tb_meeting tm;
			if (!to || db_meeting_get(db, to, &tm) != TB_OK) {
				fputs(_("tumorboard agenda: no such meeting to "
					"move the case to\n"),
				      stderr);
				return status_exit_code(TB_NOT_FOUND);
			}
		} else if (defer) {
			if (db_meeting_next(db, mid, &to) != TB_OK || !to) {
				fprintf(stderr,
					_("tumorboard agenda defer: no later "
					  "meeting of the %s board is planned; "
					  "give one with --to\n"),
					m.board);
				return status_exit_code(TB_NOT_FOUND);
			}
		}
		if (set)
			st =
			    db_agenda_set(db, mid, case_id, minutes, presenter);
		else if (defer) {
			/* the defer rule of the core, as on the screen */
			struct app app;
			app_init(&app, db);
			st = app_agenda_defer(&app, mid, case_id, reason, &to);
			app_done(&app);
		} else if (transfer)
			st = db_agenda_transfer(db, mid, case_id, to, reason,
						false);
		else
			st = db_agenda_mark(db, mid, case_id, verb, reason);
		if (st == TB_OK && (transfer || defer))
			printf(_("%s moved to meeting %lld\n"),
			       argv[optind + 2], to);
		else if (st == TB_OK && set) {
			char slot[32];
			if (minutes)
				snprintf(slot, sizeof(slot), "%d min", minutes);
			else
				snprintf(slot, sizeof(slot),
					 _("the board's slot"));
			char *who = util_sanitize(
			    presenter && *presenter ? presenter : "none",
			    false);
			printf(_("%s on meeting %lld: %s, presenter %s\n"),
			       argv[optind + 2], mid, slot, who);
			free(who);
		} else if (st == TB_OK)
			printf(_("%s recorded as %s at meeting %lld\n"),
			       argv[optind + 2], verb, mid);
		/* a transfer may find the other meeting closed */
		bool here = strcmp(m.status, "finished") == 0 ||
			    strcmp(m.status, "cancelled") == 0;
		if (st == TB_CLOSED)
			fprintf(stderr,
				_("tumorboard agenda: meeting %lld: %s\n"),
				here || !to ? mid : to, status_message(st));
		else if (st == TB_NOT_FOUND)
			fputs(_("tumorboard agenda: the case is not listed on "
				"this agenda\n"),
			      stderr);
		else if (st == TB_INVALID)
			fputs(_("tumorboard agenda: the case is on that agenda "
				"already\n"),
			      stderr);
		else if (st != TB_OK)
			fprintf(stderr, "tumorboard agenda: %s\n",
				db_errmsg(db));
		return status_exit_code(st);
	}
	if (undo)
		return agenda_undo(db, &m);
	if (add_all)
		return agenda_add_all(db, &m, argv + optind + 2, rest - 2,
				      override);
	if (add || remove || move) {
		long long case_id;
		st = db_case_find(db, argv[optind + 2], &case_id);
		if (st != TB_OK) {
			char *clean = util_sanitize(argv[optind + 2], false);
			fprintf(stderr, _("tumorboard agenda: no case %s\n"),
				clean);
			free(clean);
			return status_exit_code(st);
		}
		char whybuf[300] = "";
		const char *why = NULL;
		const char *ext = argv[optind + 2];
		if (add) {
			struct boards abs;
			if (cmd_load_boards(&abs) != TB_OK)
				return status_exit_code(TB_INVALID);
			st = db_agenda_add_checked(db, &abs, mid, case_id,
						   presenter, minutes, override,
						   whybuf, sizeof(whybuf));
			boards_done(&abs);
			if (whybuf[0])
				why = whybuf;
			if (st == TB_INVALID && why && strstr(why, "override"))
				fprintf(stderr,
					_("tumorboard agenda add: %s "
					  "(--override REASON)\n"),
					why);
			else if (st == TB_INVALID)
				fprintf(stderr, "tumorboard agenda: %s\n",
					why ? why : "refused");
		} else if (remove)
			st = db_agenda_remove(db, mid, case_id, reason);
		else
			st = db_agenda_move(db, mid, case_id, position);
		if (st == TB_OK) {
			struct tb_meeting after;
			if (db_meeting_get(db, mid, &after) != TB_OK)
				after.n_cases = 0;
			if (add)
				printf(_("%s added to meeting %lld at position "
					 "%d%s\n"),
				       ext, mid, after.n_cases,
				       override ? _(" (override recorded)")
						: "");
			else if (remove)
				printf(_("%s removed from meeting %lld\n"), ext,
				       mid);
			else
				printf(_("%s moved to position %d of %d\n"),
				       ext, position, after.n_cases);
			return 0;
		}
		if (st == TB_INVALID && move) {
			fprintf(
			    stderr,
			    ngettext("tumorboard agenda move: POSITION %d is "
				     "outside the agenda: it has %d case "
				     "(positions 1–%d)\n",
				     "tumorboard agenda move: POSITION %d is "
				     "outside the agenda: it has %d cases "
				     "(positions 1–%d)\n",
				     (unsigned long)m.n_cases),
			    position, m.n_cases, m.n_cases);
		} else if (st == TB_CLOSED)
			fprintf(stderr,
				_("tumorboard agenda: meeting %lld: %s\n"), mid,
				status_message(st));
		else if (st == TB_NOT_FOUND)
			fputs(_("tumorboard agenda: the case is not on this "
				"agenda\n"),
			      stderr);
		else if (st != TB_INVALID)
			fprintf(stderr, "tumorboard agenda: %s\n",
				db_errmsg(db));
		return status_exit_code(st);
	}

	struct boards bs;
	if (cmd_load_boards(&bs) != TB_OK)
		return status_exit_code(TB_INVALID);
	struct textdoc doc;
	textdoc_init(&doc, 200);
	struct agenda_doc_info ai = {0};
	st = agenda_doc_build(db, &bs, &m, check, pdf != NULL, &doc, &ai);
	if (st == TB_OK) {
		if (pdf) {
			char err[256];
			st =
			    agenda_doc_pdf(db, &m, &doc, pdf, err, sizeof(err));
			if (st == TB_IO)
				fprintf(stderr, "tumorboard agenda: %s\n", err);
			else if (st == TB_OK)
				printf("agenda of meeting %lld written to "
				       "%s\n",
				       m.id, pdf);
		} else
			textdoc_write(&doc, stdout);
	}
	textdoc_done(&doc);
	boards_done(&bs);
	if (st == TB_IO)
		return status_exit_code(st);
	if (st != TB_OK) {
		fprintf(stderr, "tumorboard agenda: %s\n", db_errmsg(db));
		return status_exit_code(TB_DB);
	}
	/* For a coordinator's script: --check fails while a case is not
	 * ready. With --pdf the exit status says whether the PDF was
	 * written; the readiness is in it and noted here. */
	if (ai.checked && pdf && ai.ready < ai.items) {
		fprintf(stderr,
			"tumorboard agenda: %d of %d ready; the PDF says what "
			"is missing\n",
			ai.ready, ai.items);
		return 0;
	}
	return ai.checked && ai.ready < ai.items ? status_exit_code(TB_INVALID)
						 : 0;
}
