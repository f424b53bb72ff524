/*
 * The summary commands: summary (the patient summary as text, PDF or on
 * the printer, one decision or all of a meeting) and note (the clinician
 * note). Every summary that leaves the program is recorded in the audit
 * log: which decision and version, which language and form, by whom.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "access.h"
#include "db.h"
#include "db_decision.h"
#include "db_meeting.h"
#include "diag.h"
#include "i18n.h"
#include "import_boards.h"
#include "import_form.h"
#include "status.h"
#include "summary.h"
#include "textdoc.h"
#include "util.h"

struct sctx {
	struct db *db;
	struct form_set forms;
	struct form_phrases ph;
	struct boards boards;
	const char *lang;
	const char *pdf;     /* a file, or a directory with --meeting */
	const char *printer; /* NULL: the print service's default */
	bool print;
	bool quiet; /* no text on stdout (PDF or print only) */
	int width;  /* of the text */
	/* the decision asked for, when its latest version is printed in
	 * its place: said once the reader may read the case */
	long long amended;
};

static bool load_all(struct sctx *s)
{
	struct diag d;
	diag_init(&d);
	char *dir = import_form_default_dir();
	import_form_load_all(dir, &s->forms, &d);
	enum tb_status p = import_form_phrases(dir, &s->ph, &d);
	enum tb_status b = import_boards_load_default(&s->boards, &d);
	diag_print(&d, stderr);
	diag_done(&d);
	free(dir);
	return s->forms.n > 0 && s->ph.n > 0 && (p == TB_OK || s->ph.n) &&
	       b == TB_OK;
}

static void done_all(struct sctx *s)
{
	form_set_done(&s->forms);
	form_phrases_done(&s->ph);
	boards_done(&s->boards);
}

static void report_readability(long long id, const struct summary_info *in)
{
	if (!in->scored) {
		fprintf(stderr,
			_("decision %lld: no readability formula for language "
			  "%s\n"),
			id, in->lang);
		return;
	}
	fprintf(stderr, _("decision %lld (%s): %s %.0f, limit %.0f%s\n"), id,
		in->lang, in->r.formula == READABILITY_LIX ? "LIX" : "Flesch",
		in->r.score, in->limit,
		in->within ? ""
			   : _(" — ABOVE THE LIMIT: simplify the wording"));
	if (in->fallback)
		fprintf(stderr,
			_("decision %lld: some wording is missing in %s; it is "
			  "shown in another language, with a note\n"),
			id, in->lang);
}

/* One decision's summary: text to stdout unless quiet, PDF to pdf_path
 * when set, and printed when asked. */
static enum tb_status one(struct sctx *s, long long id, const char *pdf_path)
{
	struct summary_loaded l;
	char err[256];
	enum tb_status st = summary_load(s->db, &s->forms, &s->ph, &s->boards,
					 id, &l, err, sizeof(err));
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard summary: decision %lld: %s\n"),
			id, err);
		return st;
	}
	st = cmd_log_read(s->db, "summary", ACCESS_SUMMARY, l.d.case_id);
	if (st != TB_OK) {
		summary_loaded_done(&l);
		return st;
	}
	if (s->amended)
		fprintf(stderr,
			_("tumorboard summary: decision %lld was amended; "
			  "printing its latest version, decision %lld "
			  "(--version asks for another)\n"),
			s->amended, id);
	if (l.no_trials)
		fprintf(
		    stderr,
		    _("tumorboard summary: the trial registry could not be "
		      "read; a trial is named by its number (see tumorboard "
		      "support)\n"));
	if (l.src.latest_version)
		fprintf(
		    stderr,
		    _("tumorboard summary: decision %lld is version %d; the "
		      "latest is version %d (decision %lld): this letter "
		      "says it is no longer valid\n"),
		    id, l.d.version, l.src.latest_version, l.latest_id);
	/* what the person handing it over must know: never on the letter */
	char *notes = summary_staff_notes(&l.src);
	for (char *n = notes, *e; n && *n; n = e + 1) {
		e = strchr(n, '\n');
		*e = '\0';
		fprintf(stderr,
			_("tumorboard summary: decision %lld, for staff: "
			  "%s\n"),
			id, n);
	}
	free(notes);
	struct summary_info info;
	if (!s->quiet) {
		struct textdoc doc;
		textdoc_init(&doc, s->width);
		summary_patient(&l.src, s->lang, &doc, &info);
		textdoc_write(&doc, stdout);
		textdoc_done(&doc);
		char *what = xasprintf(/* untranslated: an audit detail */
				       "patient summary, text, %s", info.lang);
		st = summary_record(s->db, &l.d, what);
		free(what);
	}
	if (st == TB_OK && pdf_path)
		st = summary_pdf(s->db, &l.src, s->lang, pdf_path, &info, err,
				 sizeof(err));
	if (st == TB_OK && pdf_path)
		printf(_("decision %lld: PDF written to %s\n"), id, pdf_path);
	if (st == TB_OK && s->print)
		st = summary_print(s->db, &l.src, s->lang, s->printer, &info,
				   err, sizeof(err));
	if (st != TB_OK)
		fprintf(stderr, _("tumorboard summary: %s\n"), err);
	else
		report_readability(id, &info);
	summary_loaded_done(&l);
	return st;
}

struct meeting_ids {
	long long *ids;
	size_t n;
};

/* The decisions signed at the meeting. */
static bool collect(const struct tb_decision *d, void *arg)
{
	struct meeting_ids *m = arg;
	m->ids = xrealloc(m->ids, (m->n + 1) * sizeof(long long));
	m->ids[m->n++] = d->id;
	return true;
}

/* The decision to print for id: the latest version of its chain, or with
 * version > 0 that version of it; 0 when there is none. */
static long long pick(struct db *db, long long id, int version)
{
	long long *ids = NULL;
	int *versions = NULL;
	size_t n = summary_chain(db, id, &ids, &versions);
	long long out = 0;
	if (n && !version)
		out = ids[n - 1];
	for (size_t i = 0; version && i < n; i++)
		if (versions[i] == version)
			out = ids[i];
	free(ids);
	free(versions);
	return out;
}

static int usage_summary(void)
{
	fputs(
	    _("usage: tumorboard summary DECISION [--version N] [--lang LANG] "
	      "[--width N] [--pdf FILE] [--print] [--printer NAME]\n"
	      "       tumorboard summary --meeting MEETING [--lang LANG] "
	      "[--width N] "
	      "[--pdf DIRECTORY] [--print] [--printer NAME]\n"
	      "       tumorboard note DECISION\n"),
	    stderr);
	return status_exit_code(TB_USAGE);
}

/* --pdf's directory: made (mode 0700, with its parents) when missing;
 * false with a message when it cannot be, or is a file. */
static bool pdf_dir(const char *dir)
{
	struct stat sb;
	if (stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return true;
		fprintf(stderr,
			_("tumorboard summary: --pdf %s: a file; give a "
			  "directory for the PDFs\n"),
			dir);
		return false;
	}
	char *copy = xstrdup(dir);
	bool ok = true;
	for (char *p = copy + 1; ok; p++) {
		bool end = !*p;
		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			fprintf(stderr,
				_("tumorboard summary: --pdf: cannot "
				  "create %s: %s\n"),
				copy, strerror(errno));
			ok = false;
		}
		if (end)
			break;
		*p = '/';
	}
	free(copy);
	return ok;
}

/* "summary --meeting M": the latest version of each decision signed at
 * the meeting, one after the other (to a directory with --pdf). */
static enum tb_status summary_meeting(struct sctx *s, long long meeting)
{
	size_t plen = s->pdf ? strlen(s->pdf) : 0;
	struct meeting_ids m = {0};
	enum tb_status st =
	    db_decision_each_meeting(s->db, meeting, collect, &m);
	if (st == TB_OK && m.n == 0)
		fprintf(stderr,
			_("tumorboard summary: no signed decision at "
			  "meeting %lld\n"),
			meeting);
	/* each decision's latest version, once (an amendment may be
	 * signed after the meeting, outside it) */
	size_t k = 0;
	for (size_t i = 0; i < m.n; i++) {
		long long latest = pick(s->db, m.ids[i], 0);
		if (!latest)
			latest = m.ids[i];
		bool seen = false;
		for (size_t j = 0; j < k; j++)
			seen |= m.ids[j] == latest;
		if (!seen)
			m.ids[k++] = latest;
	}
	m.n = k;
	for (size_t i = 0; st == TB_OK && i < m.n; i++) {
		char *path = s->pdf
				 ? xasprintf("%s%sdecision-%lld.pdf", s->pdf,
					     s->pdf[plen - 1] == '/' ? "" : "/",
					     m.ids[i])
				 : NULL;
		if (!s->quiet && i)
			fputs("\f\n", stdout);
		st = one(s, m.ids[i], path);
		free(path);
	}
	free(m.ids);
	return st;
}

int cmd_summary(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"lang", required_argument, NULL, 'l'},
	    {"pdf", required_argument, NULL, 'p'},
	    {"print", no_argument, NULL, 'P'},
	    {"printer", required_argument, NULL, 'd'},
	    {"meeting", required_argument, NULL, 'm'},
	    {"version", required_argument, NULL, 'v'},
	    {"width", required_argument, NULL, 'w'},
	    {NULL, 0, NULL, 0}};
	struct sctx s = {.db = db, .width = 72};
	long long meeting = 0;
	long version = 0;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			s.lang = optarg;
			break;
		case 'p':
			s.pdf = optarg;
			break;
		case 'P':
			s.print = true;
			break;
		case 'd':
			s.printer = optarg;
			break;
		case 'm':
			if (!(meeting = util_parse_id(optarg)))
				return usage_summary();
			break;
		case 'v':
			if (!util_parse_long(optarg, 1, 100000, &version))
				return usage_summary();
			break;
		case 'w': {
			long w;
			if (!util_parse_long(optarg, 40, 100000, &w))
				return usage_summary();
			s.width = (int)w;
			break;
		}
		default:
			return usage_summary();
		}
	}
	int rest = argc - optind;
	if (meeting ? rest != 0 || version
		    : rest != 1 || !util_parse_id(argv[optind]))
		return usage_summary();
	s.quiet = s.pdf || s.print;
	if (!load_all(&s)) {
		done_all(&s);
		return status_exit_code(TB_INVALID);
	}
	enum tb_status st = TB_OK;
	/* a --pdf that is (or ends as) a directory gets decision-N.pdf */
	size_t plen = s.pdf ? strlen(s.pdf) : 0;
	struct stat sb;
	bool to_dir = s.pdf && (meeting || (plen && s.pdf[plen - 1] == '/') ||
				(stat(s.pdf, &sb) == 0 && S_ISDIR(sb.st_mode)));
	if (to_dir && !pdf_dir(s.pdf)) {
		done_all(&s);
		return status_exit_code(TB_IO);
	}
	if (!meeting) {
		long long asked = util_parse_id(argv[optind]);
		long long id = pick(db, asked, (int)version);
		if (!id && version) {
			fprintf(stderr,
				_("tumorboard summary: decision %lld has no "
				  "version %ld\n"),
				asked, version);
			st = TB_NOT_FOUND;
		} else {
			/* said by one(), after the access check: a reader
			 * refused the case is not told it was amended */
			if (id && id != asked && !version)
				s.amended = asked;
			/* not a decision: one() says so */
			long long which = id ? id : asked;
			char *path =
			    to_dir
				? xasprintf("%s%sdecision-%lld.pdf", s.pdf,
					    s.pdf[plen - 1] == '/' ? "" : "/",
					    which)
				: NULL;
			st = one(&s, which, to_dir ? path : s.pdf);
			free(path);
		}
	} else
		st = summary_meeting(&s, meeting);
	done_all(&s);
	return status_exit_code(st);
}

int cmd_note(struct db *db, int argc, char **argv)
{
	struct sctx s = {.db = db};
	if (argc != 2 || !util_parse_id(argv[1]))
		return usage_summary();
	if (!load_all(&s)) {
		done_all(&s);
		return status_exit_code(TB_INVALID);
	}
	struct summary_loaded l;
	char err[256];
	long long id = util_parse_id(argv[1]);
	enum tb_status st = summary_load(db, &s.forms, &s.ph, &s.boards, id, &l,
					 err, sizeof(err));
	if (st == TB_OK &&
	    (st = cmd_log_read(db, "note", ACCESS_NOTE, l.d.case_id)) != TB_OK)
		summary_loaded_done(&l);
	else if (st == TB_OK) {
		struct textdoc doc;
		textdoc_init(&doc, 80);
		summary_note(&l.src, &doc);
		textdoc_write(&doc, stdout);
		textdoc_done(&doc);
		st = summary_record(
		    db, &l.d,
		    /* untranslated: an audit detail */ "clinician note");
		summary_loaded_done(&l);
	} else
		fprintf(stderr, _("tumorboard note: decision %lld: %s\n"), id,
			err);
	done_all(&s);
	return status_exit_code(st);
}
