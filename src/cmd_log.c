/*
 * The log command: the access log read back. --patient PNR is the
 * patient's extract (plain words, their language, text or an A4 PDF; the
 * extract is itself a read of the patient and logged); --user and --case
 * list the entries of one reader or one case; --review lists what an
 * auditor must look at (emergency accesses and reads outside a care
 * relationship not yet reviewed, and readers of unusual volume); --mark
 * records a review.
 */
#include "cmd.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "clock.h"
#include "db.h"
#include "db_access.h"
#include "db_case.h"
#include "i18n.h"
#include "pdf.h"
#include "status.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"
#include "validate.h"

static int usage_log(void)
{
	fputs(
	    _("usage: tumorboard log --patient PNR [--from DATE] [--to DATE] "
	      "[--lang sv|en] [--pdf FILE]\n"
	      "       tumorboard log --user ACCOUNT [--from DATE] [--to DATE]\n"
	      "       tumorboard log --case CASE-ID [--from DATE] [--to DATE]\n"
	      "       tumorboard log --review [--from DATE] [--to DATE] "
	      "[--volume N]\n"
	      "       tumorboard log --mark ENTRY --finding "
	      "justified|unjustified\n"),
	    stderr);
	return status_exit_code(TB_USAGE);
}

/*
 * What an auditor's read of the log shows, held until the read itself is
 * logged: the lines, and the cases they name (each once).
 */
struct shown {
	struct textdoc doc;
	long long n;
	long long *cases;
	size_t n_cases;
};

static void shown_case(struct shown *sh, long long case_id)
{
	for (size_t i = 0; i < sh->n_cases; i++)
		if (sh->cases[i] == case_id)
			return;
	sh->cases = xrealloc(sh->cases, (sh->n_cases + 1) * sizeof(long long));
	sh->cases[sh->n_cases++] = case_id;
}

/*
 * The auditor's own read of the log, logged before anything is shown:
 * an audit entry "log-read" (which list, how many entries; never whom or
 * what was asked for), and for every case the entries name an access
 * log entry "log-list" (no care relationship is checked: log.read is the
 * auditor's), so the patient's extract shows that the log of their case
 * was read. Then the lines are printed. One transaction.
 */
static enum tb_status shown_print(struct db *db, struct shown *sh,
				  const char *view)
{
	struct access_who w;
	struct access_grant g = {ACCESS_REL_UNCHECKED, 0};
	char detail[80];
	access_who_current(&w);
	snprintf(detail, sizeof(detail), "view=%s entries=%lld", view, sh->n);
	enum tb_status st = db_begin(db);
	if (st == TB_OK)
		st = db_audit_append(db, user_actor(), "log-read", "access_log",
				     0, detail);
	for (size_t i = 0; st == TB_OK && i < sh->n_cases; i++)
		st = access_log_case_as(db, &w, &g, ACCESS_LOG_LIST,
					sh->cases[i]);
	if (st == TB_OK)
		st = db_commit(db);
	else
		db_rollback(db);
	if (st == TB_OK)
		textdoc_write(&sh->doc, stdout);
	else
		fputs(_("tumorboard log: the read could not be written to the "
			"access log; nothing is shown\n"),
		      stderr);
	textdoc_done(&sh->doc);
	textdoc_init(&sh->doc, 200);
	return st;
}

static void shown_done(struct shown *sh)
{
	textdoc_done(&sh->doc);
	free(sh->cases);
}

/* One entry as a line of a list for staff: what was read and why in the
 * reader's words, the case by its id, never a name. */
static bool list_row(const struct db_access_row *r, void *arg)
{
	struct shown *sh = arg;
	textdoc_printf(&sh->doc, TD_NORMAL, "%6lld  %s  %s", r->id, r->at,
		       r->who);
	if (r->unit)
		textdoc_printf(&sh->doc, TD_NORMAL, " (%s)", r->unit);
	textdoc_printf(
	    &sh->doc, TD_NORMAL, "  %s  %s  %s", access_what_label(r->what),
	    r->case_ext ? r->case_ext : "-", access_rel_label(r->relation));
	if (r->emergency_id)
		textdoc_printf(
		    &sh->doc, TD_NORMAL,
		    _(" (grant %lld, until %s, reason: \u201c%s\u201d)"),
		    r->emergency_id,
		    r->emergency_until ? r->emergency_until : "?",
		    r->reason ? r->reason : "");
	if (r->reviewed)
		textdoc_printf(&sh->doc, TD_NORMAL,
			       _("  reviewed: %s by %s %s"), r->reviewed,
			       r->reviewed_by,
			       r->reviewed_at ? r->reviewed_at : "");
	if (r->review_marks > 1)
		textdoc_printf(&sh->doc, TD_NORMAL,
			       ngettext(" (%lld mark kept, the newest shown)",
					" (%lld marks kept, the newest shown)",
					(unsigned long)r->review_marks),
			       r->review_marks);
	textdoc_newline(&sh->doc);
	if (r->case_id)
		shown_case(sh, r->case_id);
	sh->n++;
	return true;
}

static bool volume_row(const char *who, const char *day, long long patients,
		       void *arg)
{
	struct shown *sh = arg;
	textdoc_printf(&sh->doc, TD_NORMAL,
		       ngettext("  %s  %s  %lld patient",
				"  %s  %s  %lld patients",
				(unsigned long)patients),
		       day, who, patients);
	textdoc_newline(&sh->doc);
	sh->n++;
	return true;
}

/* --review: what an auditor must look at. */
static enum tb_status review(struct db *db, struct db_access_filter *f,
			     long long volume, struct shown *sh)
{
	f->unreviewed_flagged = true;
	textdoc_put(&sh->doc, TD_NORMAL,
		    _("Emergency accesses and reads outside a care "
		      "relationship, not yet reviewed:"));
	textdoc_newline(&sh->doc);
	enum tb_status st = db_access_each(db, f, list_row, sh);
	long long n = sh->n;
	if (st == TB_OK && !n) {
		textdoc_put(&sh->doc, TD_NORMAL, _("  none"));
		textdoc_newline(&sh->doc);
	}
	f->unreviewed_flagged = false;
	if (st == TB_OK) {
		textdoc_printf(
		    &sh->doc, TD_NORMAL,
		    ngettext("Readers of more than %lld patient on one day:",
			     "Readers of more than %lld patients on one day:",
			     (unsigned long)volume),
		    volume);
		textdoc_newline(&sh->doc);
		st = db_access_volume(db, f, volume, volume_row, sh);
	}
	long long v = sh->n - n;
	if (st == TB_OK && !v) {
		textdoc_put(&sh->doc, TD_NORMAL, _("  none"));
		textdoc_newline(&sh->doc);
	}
	if (st == TB_OK) {
		textdoc_printf(&sh->doc, TD_NORMAL,
			       _("%lld to review, %lld of unusual volume; mark "
				 "each with tumorboard log --mark ENTRY "
				 "--finding justified|unjustified"),
			       n, v);
		textdoc_newline(&sh->doc);
		st = shown_print(db, sh, "review");
	}
	return st;
}

/* --user ACCOUNT or --case CASE-ID: the entries of one reader or case. */
static enum tb_status entries(struct db *db, struct db_access_filter *f,
			      const char *user, const char *case_ext,
			      struct shown *sh)
{
	enum tb_status st = TB_OK;
	f->who = user;
	if (case_ext) {
		st = db_case_find(db, case_ext, &f->case_id);
		if (st == TB_NOT_FOUND) {
			char *clean = util_sanitize(case_ext, false);
			fprintf(stderr, _("tumorboard log: no case %s\n"),
				clean);
			free(clean);
		}
	}
	if (st == TB_OK)
		st = db_access_each(db, f, list_row, sh);
	if (st == TB_OK) {
		textdoc_printf(&sh->doc, TD_NORMAL,
			       ngettext("%lld entry", "%lld entries",
					(unsigned long)sh->n),
			       sh->n);
		textdoc_newline(&sh->doc);
		st = shown_print(db, sh, user ? "user" : "case");
	}
	return st;
}

static enum tb_status patient_extract(struct db *db, const char *arg,
				      const struct db_access_filter *f,
				      const char *lang, const char *pdf)
{
	char norm[14];
	char err[160];
	struct db_access_patient p;
	if (!validate_pnr(arg, clock_year(), norm, NULL, NULL, err)) {
		/* the number is not repeated */
		fprintf(stderr, _("tumorboard log: --patient: not an identity "
				  "number (YYYYMMDD-NNNC)\n"));
		return TB_USAGE;
	}
	enum tb_status st = db_access_patient_find(db, norm, &p);
	if (st == TB_NOT_FOUND) {
		fputs(_("tumorboard log: no patient with that identity number "
			"in the archive\n"),
		      stderr);
		return st;
	}
	if (st != TB_OK)
		return st;
	if (!lang)
		lang =
		    p.language && strcmp(p.language, "sv") != 0 ? "en" : "sv";
	/* the extract names the patient: itself a read, logged first */
	st = access_log_patient(db, ACCESS_LOG, p.id);
	if (st != TB_OK) {
		fprintf(stderr,
			_("tumorboard log: the read could not be written "
			  "to the access log; nothing is shown\n"));
		db_access_patient_done(&p);
		return st;
	}
	char *name = xasprintf("%s %s", p.given_name, p.family_name);
	struct textdoc doc;
	textdoc_init(&doc, pdf ? PDF_TEXTDOC_WIDTH : 80);
	st = access_patient_extract(db, p.id, name, p.birth_date, f->from,
				    f->to, lang, &doc);
	if (st == TB_OK && !pdf) {
		textdoc_write(&doc, stdout);
	} else if (st == TB_OK) {
		bool sv = strcmp(lang, "sv") == 0;
		char *header = xasprintf("%s, %s %s", name,
					 sv ? "född" : "born", p.birth_date);
		const char *title =
		    sv ? /* untranslated: the extract's own language */
			"Vem har läst dina uppgifter"
		       : /* untranslated: the extract's own language */
			"Who has read your information";
		struct pdf_options po = {
		    .title = title,
		    .header_text = header,
		    .footer_text = title,
		    .page_text =
			sv ? /* untranslated: the extract's own language */
			    "Sida {page} av {pages}"
			   : /* untranslated: the extract's own language */
			    PDF_DEFAULT_PAGE_TEXT};
		st = pdf_write(&doc, &po, pdf, err, sizeof(err));
		if (st != TB_OK)
			fprintf(stderr, "tumorboard log: %s\n", err);
		/* a printout of patient data leaves the program: recorded */
		if (st == TB_OK &&
		    (db_begin(db) != TB_OK ||
		     db_audit_append(db, user_actor(), "export", "patient",
				     p.id,
				     /* untranslated: an audit detail */
				     "access log extract as PDF") != TB_OK ||
		     db_commit(db) != TB_OK)) {
			db_rollback(db);
			st = TB_DB;
		}
		if (st == TB_OK)
			printf(_("extract written to %s\n"), pdf);
		free(header);
	}
	textdoc_done(&doc);
	free(name);
	db_access_patient_done(&p);
	return st;
}

/* "log --mark ID --finding justified|unjustified": a review mark. */
static int log_mark(struct db *db, long long mark, const char *finding)
{
	struct db_access_mark earlier;
	enum tb_status st =
	    db_access_review(db, mark, user_actor(), finding, &earlier);
	if (st == TB_OK) {
		printf(_("access log entry %lld marked as reviewed: %s\n"),
		       mark, finding);
		/* a mark never replaces another: both are kept, and said */
		if (earlier.n)
			printf(_("the earlier mark is kept beside it: %s by %s "
				 "%s (%lld marks in all; the newest counts)\n"),
			       earlier.finding, earlier.by, earlier.at,
			       earlier.n + 1);
	} else if (st == TB_INVALID)
		fputs(_("tumorboard log: --finding wants justified or "
			"unjustified\n"),
		      stderr);
	else if (st == TB_NOT_FOUND)
		fprintf(stderr,
			_("tumorboard log: no access log entry "
			  "%lld\n"),
			mark);
	else
		fprintf(stderr, "tumorboard log: %s\n", db_errmsg(db));
	return status_exit_code(st);
}

int cmd_log(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"patient", required_argument, NULL, 'p'},
	    {"user", required_argument, NULL, 'u'},
	    {"case", required_argument, NULL, 'c'},
	    {"review", no_argument, NULL, 'r'},
	    {"mark", required_argument, NULL, 'm'},
	    {"finding", required_argument, NULL, 'F'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"lang", required_argument, NULL, 'l'},
	    {"pdf", required_argument, NULL, 'P'},
	    {"volume", required_argument, NULL, 'v'},
	    {NULL, 0, NULL, 0}};
	const char *patient = NULL, *user = NULL, *case_ext = NULL;
	const char *finding = NULL, *lang = NULL, *pdf = NULL;
	long long mark = 0;
	long volume = 50;
	bool do_review = false;
	struct db_access_filter f = {0};
	int c, modes = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			patient = optarg;
			modes++;
			break;
		case 'u':
			user = optarg;
			modes++;
			break;
		case 'c':
			case_ext = optarg;
			modes++;
			break;
		case 'r':
			do_review = true;
			modes++;
			break;
		case 'm':
			if (!(mark = util_parse_id(optarg)))
				return usage_log();
			modes++;
			break;
		case 'F':
			finding = optarg;
			break;
		case 'f':
		case 't':
			if (!validate_date(optarg, NULL, NULL)) {
				fprintf(stderr,
					_("tumorboard log: --%s wants a date "
					  "YYYY-MM-DD\n"),
					c == 'f' ? "from" : "to");
				return status_exit_code(TB_USAGE);
			}
			*(c == 'f' ? &f.from : &f.to) = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "sv") != 0 &&
			    strcmp(optarg, "en") != 0) {
				fputs(_("tumorboard log: --lang wants sv or "
					"en\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			lang = optarg;
			break;
		case 'P':
			pdf = optarg;
			break;
		case 'v':
			if (!util_parse_long(optarg, 1, LONG_MAX, &volume))
				return usage_log();
			break;
		default:
			return usage_log();
		}
	}
	if (optind != argc || modes != 1 || (mark && !finding) ||
	    (finding && !mark) || ((lang || pdf) && !patient))
		return usage_log();

	enum tb_status st = TB_OK;
	struct shown sh = {0};
	if (patient) {
		st = patient_extract(db, patient, &f, lang, pdf);
		return status_exit_code(st);
	}
	if (mark)
		return log_mark(db, mark, finding);
	textdoc_init(&sh.doc, 200);
	if (do_review)
		st = review(db, &f, volume, &sh);
	else
		st = entries(db, &f, user, case_ext, &sh);
	shown_done(&sh);
	if (st != TB_OK && st != TB_NOT_FOUND)
		fprintf(stderr, "tumorboard log: %s\n", db_errmsg(db));
	return status_exit_code(st);
}
